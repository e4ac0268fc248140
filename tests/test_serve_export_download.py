"""In a browser (`workshop serve`), an export is a download, not a file on the server's disk.

Textual decides "web" from its driver (`App.is_web` is `driver.is_web`; textual-serve starts each
app with its WebDriver). Here the test driver says it is web and records what Textual's
`App.deliver_binary` hands to it, the way the WebDriver would stream it to the browser: the
export screen's own code runs unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.drivers.headless_driver as headless
from docx import Document
from textual.widgets import Checkbox, Input, Select, Static

from workshop.export import render
from workshop.paths import exports_dir
from workshop.store import SessionStore
from workshop.store.demo import create_demo
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.export import ExportScreen


class BrowserDriver(headless.HeadlessDriver):
    """The headless test driver, saying it runs in a browser; keeps what it was asked to deliver."""

    delivered: list[dict] = []

    @property
    def is_web(self) -> bool:
        return True

    def deliver_binary(self, binary, *, delivery_key, save_path, open_method="download",
                       encoding=None, mime_type=None, name=None) -> None:
        binary.seek(0)
        BrowserDriver.delivered.append({"data": binary.read(), "save_path": save_path,
                                        "open_method": open_method, "mime_type": mime_type,
                                        "encoding": encoding})
        binary.close()


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """`run_test` builds its driver from textual.drivers.headless_driver.HeadlessDriver."""
    BrowserDriver.delivered = []
    monkeypatch.setattr(headless, "HeadlessDriver", BrowserDriver)
    return BrowserDriver.delivered


@pytest.fixture
def demo_id(sessions_path, guide) -> str:
    with create_demo(SessionStore(sessions_path)) as session:
        return session.id


async def open_export(pilot) -> ExportScreen:
    pilot.app.action_export()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportScreen)
    return pilot.app.screen


def on_disk(sessions_path: Path) -> list[Path]:
    return sorted(p for p in sessions_path.parent.rglob("*") if p.suffix in
                  {".md", ".docx", ".csv", ".html"} and p.is_file())


async def test_markdown_export_is_delivered_to_the_browser(guide, sessions_path, demo_id,
                                                           browser) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.is_web
        screen = await open_export(pilot)
        name = screen.query_one("#path", Input).value
        assert "/" not in name and name.endswith("-summary.md")  # a file name, not a server path
        assert not screen.query_one("#force", Checkbox).display  # the browser asks, not us
        await pilot.press("ctrl+s")
        await pilot.pause()
        expected = render(app.session.snapshot(), "md", guide=guide)
        assert len(browser) == 1
        assert browser[0]["data"] == expected.encode("utf-8")
        assert browser[0]["save_path"].name == name
        assert browser[0]["open_method"] == "download"
        assert browser[0]["mime_type"] == "text/markdown"
        result = str(screen.query_one("#result", Static).render())
        assert result == f"Downloading {name}"
    assert on_disk(sessions_path) == []
    assert not exports_dir(sessions_path).exists()


async def test_word_export_downloads_with_a_typed_name(guide, sessions_path, demo_id,
                                                       browser) -> None:
    """Whatever folder is typed, only the file name reaches the browser."""
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_export(pilot)
        screen.query_one("#format", Select).value = "docx"
        await pilot.pause()
        screen.query_one("#path", Input).value = "/srv/elsewhere/Harbour plan.docx"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(browser) == 1
        assert browser[0]["save_path"].name == "Harbour plan.docx"
        assert browser[0]["data"][:2] == b"PK"  # a real .docx (a zip)
        import io

        doc = Document(io.BytesIO(browser[0]["data"]))
        assert any("Harbourford" in p.text for p in doc.paragraphs)
        assert str(screen.query_one("#result", Static).render()) == (
            "Downloading Harbour plan.docx")
    assert on_disk(sessions_path) == []
    assert not Path("/srv/elsewhere").exists()


async def test_in_a_terminal_the_export_is_still_a_file(guide, sessions_path, demo_id) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.is_web
        screen = await open_export(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.written is not None and screen.written.is_file()
        assert str(screen.written) in str(screen.query_one("#result", Static).render())


async def test_a_file_name_with_control_characters_is_one_line(guide, sessions_path, demo_id,
                                                               browser) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path, open_session=demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_export(pilot)
        screen.query_one("#path", Input).value = "summary\x1b[2J.md"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert browser == []
        message = str(screen.query_one("#result", Static).render())
        assert message == "The file name holds control characters: type a plain file name."
        screen.query_one("#path", Input).value = "/"  # no name at all: the suggested one
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(browser) == 1 and browser[0]["save_path"].name.endswith("-summary.md")
