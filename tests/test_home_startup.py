"""Home start-up work: the first-run welcome is built only for an empty store, cells of fixed
width are not measured, and start-up objects are frozen once per process."""

from __future__ import annotations

import gc
from pathlib import Path

from rich.console import Console
from textual.widgets import Button, DataTable

from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp, freeze_startup_objects
from workshop.tui.screens.home import FixedCell, HomeScreen, Welcome
from workshop.tui.widgets.literal import literal_cell


def rendered(cell, width: int) -> list[str]:
    """The cell's lines as DataTable draws them (one line, fixed width, no wrapping)."""
    console = Console(width=80, color_system=None)
    options = console.options.update_dimensions(width, 1).update(no_wrap=True)
    return ["".join(segment.text for segment in line)
            for line in console.render_lines(cell, options)]


async def test_welcome_is_not_built_when_there_are_sessions(guide, sessions_path: Path) -> None:
    SessionStore(sessions_path).create("Harbour day").close()
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and not home.first_run
        assert not home.query(Welcome) and not home.query(Button)
        table = home.query_one(DataTable)
        assert table.row_count == 1 and app.focused is table


async def test_welcome_appears_once_the_last_session_is_deleted(
        guide, sessions_path: Path) -> None:
    SessionStore(sessions_path).create("Only one").close()
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")  # confirm the delete
        await pilot.pause()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home.first_run
        assert home.query_one("#first-run", Welcome).display
        assert not home.query_one("#sessions").display
        assert app.focused is home.query_one("#new", Button)
        # a session created elsewhere shows the list again; the welcome is kept, hidden
        SessionStore(sessions_path).create("Second").close()
        await pilot.press("r")
        await pilot.pause()
        assert not home.first_run and len(home.query(Welcome)) == 1
        assert not home.query_one(Welcome).display
        assert app.focused is home.query_one(DataTable)
        home.reload()  # reloading never builds a second welcome
        assert len(home.query(Welcome)) == 1


async def test_first_run_focuses_the_new_session_button(guide, sessions_path: Path) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#new", Button)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"


def test_fixed_cell_renders_like_a_literal_cell_but_offers_no_measure() -> None:
    for text, limit, width in (("[b]Harbour[/b] \x1b[31m day", 12, 14), ("planned", 0, 11),
                               ("مرحبا 🚀🏙️ long title here", 0, 9)):
        cell = FixedCell(text, limit)
        assert rendered(cell, width) == rendered(literal_cell(text, limit), width)
        assert str(cell) == literal_cell(text, limit).plain
    assert not hasattr(FixedCell("x"), "__rich_measure__")
    assert str(FixedCell("[b]Harbour[/b] \x1b[31m day", 17)) == "[b]Harbour[/b] ␛…"


async def test_home_columns_keep_their_fixed_widths(guide, sessions_path: Path) -> None:
    store = SessionStore(sessions_path)
    store.create("A title far longer than the title column " * 3, city="C" * 40).close()
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = {str(column.label): column.width for column in table.ordered_columns}
        assert widths["City"] == 16 and widths["Status"] == 11 and widths["Last change"] == 16
        assert all(not column.auto_width for column in table.ordered_columns)
        line = "".join(segment.text for segment in table.render_line(1))
        assert "A title far longer" in line and "C" * 15 + "…" in line and "planned" in line


def test_startup_objects_are_frozen_once_per_process() -> None:
    freeze_startup_objects()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    leftovers = [object() for _ in range(1000)]  # an app's leftovers must never be frozen
    freeze_startup_objects()
    WorkshopApp(guide=None, sessions_dir="sessions")
    assert gc.get_freeze_count() <= frozen  # (frozen objects may still be freed)
    assert leftovers


def test_listing_sessions_imports_no_random_id_machinery(sessions_path: Path) -> None:
    """Start-up lists the store; secrets (and hashlib) load only when an id is made."""
    import subprocess
    import sys

    SessionStore(sessions_path).create("Harbour").close()
    code = ("import sys; from workshop.store import SessionStore; "
            f"assert len(SessionStore({str(sessions_path)!r}).list()) == 1; "
            "print(sorted({'secrets', 'hashlib'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == "[]"
