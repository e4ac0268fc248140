"""The in-app export screen writes real files through the same renderers as the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from docx import Document
from textual.widgets import Button, Checkbox, Input, Select, Static

from workshop.paths import exports_dir
from workshop.store import SessionStore
from workshop.store.demo import create_demo
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.export import ExportScreen


@pytest.fixture
def demo_id(sessions_path, guide) -> str:
    with create_demo(SessionStore(sessions_path)) as session:
        return session.id


async def open_export(pilot) -> ExportScreen:
    pilot.app.action_export()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


FORMATS = ("md", "html", "docx", "csv", "json")


async def choose_format(pilot, screen: ExportScreen, index: int) -> None:
    select = screen.query_one("#format", Select)
    select.focus()
    await pilot.pause()
    select.value = FORMATS[index]
    await pilot.pause()


def fully_visible(screen: ExportScreen, widget) -> bool:
    """The widget's whole region is inside the screen and not scrolled out of its container."""
    region = widget.region
    return bool(region.height) and screen.region.contains_region(region) and (
        widget.parent.scrollable_content_region.contains_region(region)
        if widget.parent is not None and widget.parent.id != "buttons" else True)


async def test_export_word_from_the_palette_command(guide, sessions_path, demo_id) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        titles = [title for title, _help, _cb in app.palette_commands()]
        assert "Export summary…" in titles
        screen = await open_export(pilot)
        await choose_format(pilot, screen, 2)  # Word
        expected = Path(screen.query_one("#path", Input).value)
        assert expected.parent == exports_dir(sessions_path)
        assert expected.name.startswith(f"{app.session.meta['date']}-harbourford-")
        assert expected.name.endswith("-summary.docx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.written == expected
        agreed = [r for r in app.session.records("decision") if r["outcome"] == "agreed"]
        assert agreed  # the demo has agreed decisions
        doc = Document(str(expected))
        headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        assert any("action" in h.lower() for h in headings)
        result = str(screen.query_one("#result", Static).render())
        assert str(expected) in result


async def test_existing_file_is_not_overwritten_until_asked(guide, sessions_path, demo_id):
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_export(pilot)
        target = sessions_path.parent / "out.md"
        target.write_text("keep me", encoding="utf-8")
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"
        message = str(screen.query_one("#result", Static).render())
        assert "already exists" in message and "Overwrite" in message
        assert screen.written is None
        screen.query_one("#force", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# ") and "Harbourford" in text


async def test_csv_register_choice_and_typed_path_is_kept(guide, sessions_path, demo_id):
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await open_export(pilot)
        assert not screen.query_one("#register-row").display  # only CSV has registers
        await choose_format(pilot, screen, 3)  # CSV
        register = screen.query_one("#register", Select)
        assert screen.query_one("#register-row").display and register.region.height
        register.value = "risks"
        await pilot.pause()
        assert screen.query_one("#path", Input).value.endswith("-risks.csv")
        mine = sessions_path.parent / "mine" / "risks.csv"
        mine.parent.mkdir()
        path_input = screen.query_one("#path", Input)
        path_input.focus()
        path_input.value = str(mine)
        await pilot.pause()
        await choose_format(pilot, screen, 3)
        assert path_input.value == str(mine)  # a typed path is never replaced
        await pilot.press("ctrl+s")
        await pilot.pause()
        rows = list(csv.DictReader(io.StringIO(mine.read_text(encoding="utf-8"))))
        stored = app.session.records("risk")
        assert len(rows) == len(stored) > 0


async def test_unwritable_path_is_one_line_and_screen_stays(guide, sessions_path, demo_id):
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_export(pilot)
        blocker = sessions_path.parent / "a-file"
        blocker.write_text("x", encoding="utf-8")
        screen.query_one("#path", Input).value = str(blocker / "out.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = str(screen.query_one("#result", Static).render())
        assert "cannot" in message and "\n" not in message
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_wrap_up_leads_to_export_and_back(guide, sessions_path, demo_id) -> None:
    from workshop.tui.screens.wrapup import WrapUpScreen

    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.written is not None and screen.written.suffix == ".md"
        assert "## " in screen.written.read_text(encoding="utf-8")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)


async def test_path_buttons_and_error_are_on_screen_at_80x24(guide, sessions_path, demo_id):
    """At 80x24 the file path, the buttons and an error all stay visible, also as CSV."""
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_export(pilot)
        await choose_format(pilot, screen, 3)  # CSV: the tallest form (register row shown)
        missing = sessions_path.parent / "no-such-folder" / "out.csv"
        screen.query_one("#path", Input).value = str(missing)
        await pilot.press("ctrl+s")
        await pilot.pause()
        result = screen.query_one("#result", Static)
        assert f"folder {missing.parent} does not exist" in str(result.render())
        assert not missing.parent.exists()
        for widget in (screen.query_one("#path", Input), result,
                       screen.query_one("#write", Button), screen.query_one("#close", Button)):
            assert fully_visible(screen, widget), widget
