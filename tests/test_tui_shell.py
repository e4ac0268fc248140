"""The app shell: first run, setup through the form, palette, theme, keymap, hostile text."""

from __future__ import annotations

import json
from pathlib import Path

from keys_support import burst
from textual.widgets import DataTable, Input, Select, Static

from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.commands import WorkshopCommands
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.setup import (
    AgendaTable,
    ParticipantDialog,
    ParticipantTable,
    SetupScreen,
    preset_agenda,
)

HOSTILE = "[bold red]boom[/] [/] [link=https://x.example]x[/link] \x1b[31mred\x1b[0m مرحبا 🚀🏙️"



def make_app(guide, sessions_path: Path, **kwargs) -> WorkshopApp:
    return WorkshopApp(guide=guide, sessions_dir=sessions_path, **kwargs)


def rendered_lines(widget) -> list[str]:
    """What the widget actually draws, line by line."""
    return [
        "".join(segment.text for segment in widget.render_line(y))
        for y in range(widget.size.height)
    ]


def static_text(widget: Static) -> str:
    return str(widget.render())


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus an input, clear it and type `text` key by key."""
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    widget.clear()
    await pilot.press(*text)


async def test_first_run_shows_welcome(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.first_run
        assert home.query_one("#first-run").display
        assert not home.query_one("#sessions").display
        text = static_text(home.query_one("#welcome-text", Static))
        assert "There are no sessions yet" in text
        labels = [str(b.label) for b in home.query("#welcome-buttons Button")]
        assert labels == ["New session (n)", "Try the demo (t)", "Browse the guide (g)"]
        # actions that need a session are not offered on an empty store
        assert home.check_action("delete", ()) is False
        assert home.check_action("new", ()) is True


async def test_create_session_through_the_form(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)

        # an empty title is refused with the reason beside the field
        assert "title is needed" in static_text(setup.query_one("#e-title", Static))
        await pilot.press(*"Leeds strategy day")
        await pilot.pause()
        assert not setup.query_one("#e-title", Static).display
        await type_into(pilot, "#f-city", "Leeds")
        await type_into(pilot, "#f-date", "2026-02-30")
        await pilot.pause()
        reason = static_text(setup.query_one("#e-date", Static))
        assert "'2026-02-30' is not a real date" in reason and "YYYY-MM-DD" in reason

        # saving now refuses, keeps what was typed, and stores nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup
        assert SessionStore(sessions_path).list() == []
        assert setup.query_one("#f-city", Input).value == "Leeds"
        assert "Not saved yet" in static_text(setup.query_one("#save-problem", Static))

        await type_into(pilot, "#f-date", "2026-03-12")
        await pilot.pause()
        assert not setup.query_one("#e-date", Static).display
        await type_into(pilot, "#f-facilitator", "Ana")

        # three participants
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.focused, ParticipantTable)
        for name, org in (("Sam", "City council"), ("Ola", "Bus company"),
                          ("Residents' forum", "")):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ParticipantDialog)
            await pilot.press(*name)
            if org:
                await type_into(pilot, "#organisation", org)
            await pilot.press("enter")  # enter in any field accepts the form
            await pilot.pause()
            assert app.screen is setup
        # the third one did not attend
        await pilot.press("space")
        await pilot.pause()
        assert [p["name"] for p in setup.participants] == ["Sam", "Ola", "Residents' forum"]

        # the strategy-day preset, then move A below B1 and give it 5 more minutes
        await pilot.press("f4")
        await pilot.pause()
        preset = setup.query_one("#preset", Select)
        preset.value = "strategy"
        await pilot.pause()
        assert [i["part"] for i in setup.agenda] == ["A", "B1", "B2", "B3", "B4", "B5", "B6", "B7"]
        table = setup.query_one(AgendaTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("shift+down")
        await pilot.press("plus")
        await pilot.pause()
        assert table.cursor_row == 1

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(n.message.startswith("Saved") for n in app._notifications)
        assert not setup.dirty

        # the store holds exactly what the screens showed
        infos = SessionStore(sessions_path).list()
        assert len(infos) == 1
        snapshot = SessionStore(sessions_path).read_snapshot(infos[0].id)
        meta = snapshot["session"]
        assert (meta["title"], meta["city"], meta["date"], meta["facilitator"]) == (
            "Leeds strategy day", "Leeds", "2026-03-12", "Ana")
        people = snapshot["participants"]
        assert [(p["name"], p["organisation"], p["attended"]) for p in people] == [
            ("Sam", "City council", True), ("Ola", "Bus company", True),
            ("Residents' forum", "", False)]
        assert [(i["part"], i["timebox"]) for i in snapshot["agenda"]] == [
            ("B1", 30), ("A", 35), ("B2", 30), ("B3", 30), ("B4", 30), ("B5", 30), ("B6", 30),
            ("B7", 30)]

        # back home: the new session is listed and highlighted
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and not home.first_run
        assert home.current().title == "Leeds strategy day"
        assert "0 of 8 part(s) covered" in static_text(home.query_one("#detail", Static))


async def test_leaving_with_unsaved_changes_asks_first(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Draft")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#f-title", Input).value == "Draft"


async def test_ctrl_q_with_unsaved_setup_asks_like_escape(guide, sessions_path) -> None:
    """Setup: ctrl+q no longer quits over typed, unsaved details without asking."""
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Draft")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert app.return_code is None  # still running
        await pilot.press("ctrl+q")  # a second ctrl+q does not stack another question
        await pilot.pause()
        assert len([s for s in app.screen_stack if type(s).__name__ == "ConfirmScreen"]) == 1
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#f-title", Input).value == "Draft"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")  # quit and lose them
        await pilot.pause()
        assert app.return_code == 0
    assert SessionStore(sessions_path).list() == []


async def test_ctrl_q_with_nothing_unsaved_quits_at_once(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_setup_agenda_time_visible_at_80x24(guide, sessions_path) -> None:
    """The Time column is on screen at 80 columns (→ is +5 min, so no sideways scroll)."""
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Day", "f4")
        await pilot.pause()
        setup = app.screen
        setup.query_one("#preset", Select).value = "strategy"
        await pilot.pause()
        table = setup.query_one(AgendaTable)
        labels = [str(c.label) for c in table.ordered_columns]
        time_index = labels.index("Time")
        right_edge = sum(c.get_render_width(table) for c in table.ordered_columns[:time_index + 1])
        assert right_edge <= table.scrollable_content_region.width
        assert any("30 min" in line for line in rendered_lines(table))


async def test_setup_header_names_the_session_after_saving(guide, sessions_path) -> None:
    """After saving a new session the header no longer says "New session"."""
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Leeds day")
        await pilot.pause()
        setup = app.screen
        assert setup.title == "New session"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (setup.title, setup.sub_title) == ("Session setup", "Leeds day")
        assert not setup.has_unsaved_changes()


async def test_ticks_read_without_colour(guide, sessions_path) -> None:
    """Ticked and unticked boxes differ in shape, not only colour (projectors)."""
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Day", "f4")
        await pilot.pause()
        setup = app.screen
        setup.query_one("#preset", Select).value = "data"  # B12-B14
        await pilot.pause()
        lines = rendered_lines(setup.query_one("#parts"))
        rows = {line.split("▌", 1)[1].split()[0]: line for line in lines if "▌" in line}
        assert "▐X▌" in rows["B12"] and "▐ ▌" in rows["B1"]
        await pilot.press("f3", "a")
        await pilot.pause()
        box = app.screen.query_one("#attended")
        assert "▐X▌" in rendered_lines(box)[0]
        box.value = False
        await pilot.pause()
        assert "▐ ▌" in rendered_lines(box)[0]


async def test_edit_keeps_time_spent_and_updates_participants(guide, sessions_path) -> None:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Edit me", agenda=[{"part": "A", "timebox": 20},
                                         {"part": "B1", "timebox": 20}]) as session:
        session.add_time("A", 300)
        session.add_participant(name="Sam", attended=True, kind="person")
        session_id = session.id
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await pilot.press("f3", "x", "y")  # remove Sam (y answers "Remove Sam?")
        await pilot.press("f4")
        setup.query_one(AgendaTable).move_cursor(row=1)
        await pilot.press("shift+up", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    snapshot = store.read_snapshot(session_id)
    assert snapshot["participants"] == []
    assert [(i["part"], i["spent"]) for i in snapshot["agenda"]] == [("B1", 0), ("A", 300)]


async def test_store_error_is_a_notification_and_typing_stays(guide, sessions_path) -> None:
    sessions_path.write_text("not a folder")  # the store cannot create sessions here
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Kept [bold]title[/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#f-title", Input).value == "Kept [bold]title[/]"
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and errors[-1].title == "Not saved" and not errors[-1].markup


async def test_palette_lists_screen_and_app_actions(guide, sessions_path) -> None:
    SessionStore(sessions_path).create("One").close()
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = WorkshopCommands(app.screen)
        titles = [hit.text async for hit in provider.discover()]
        for expected in ("Home: New", "Home: Resume", "Home: Copy", "Home: Delete",
                         "Home: Demo", "Home: Guide", "App: Help", "App: Light/dark theme",
                         "App: Quit", "App: Change theme…"):
            assert expected in titles
        hits = [hit.text async for hit in provider.search("delete")]
        assert hits and hits[0] == "Home: Delete"

        # on the setup screen the palette follows the screen
        await pilot.press("n")
        await pilot.pause()
        provider = WorkshopCommands(app.screen)
        titles = [hit.text async for hit in provider.discover()]
        assert "Setup: Save" in titles and "Home: New" not in titles
        assert "Setup: Agenda preset: Strategy day (A, B1-B7)" in titles


async def test_theme_toggle_is_remembered(guide, sessions_path, tmp_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
    config = json.loads((tmp_path / "config" / "config.json").read_text())
    assert config["theme"] == "textual-light"
    again = make_app(guide, sessions_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_broken_config_is_reported_and_never_overwritten(guide, sessions_path,
                                                               tmp_path) -> None:
    config = tmp_path / "config" / "config.json"
    config.parent.mkdir()
    config.write_text('{"theme": "textual-light", oops')
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert any("not valid JSON" in n.message for n in app._notifications)
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert config.read_text() == '{"theme": "textual-light", oops'


async def test_keymap_from_config(guide, sessions_path, tmp_path) -> None:
    config = tmp_path / "config" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"keymap": {"home.new": "a", "no.such": "z"}}))
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        # the keymap is checked just after start-up
        await settle(pilot, lambda: any("no.such" in n.message for n in app._notifications))
        assert any("no.such" in n.message for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)


async def test_help_lists_bindings_by_screen(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        headings = [static_text(s) for s in help_screen.query(".help-heading")]
        assert {"Everywhere", "Home", "Session setup", "Session setup: agenda list"} <= set(
            headings)
        ids = set()
        for table in help_screen.query(DataTable):
            for row in range(table.row_count):
                ids.add(str(table.get_row_at(row)[2]))
        assert {"app.help", "home.new", "setup.save", "setup.agenda-up"} <= ids
        assert "How to run a workshop" in static_text(help_screen.query_one("#how-to", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_help_covers_every_class_with_bindings() -> None:
    """Every screen or widget in the app that declares keys has its group on the help
    screen, so new screens cannot be forgotten."""
    import ast
    import importlib

    from workshop.tui.screens.help import binding_owners

    root = Path(__import__("workshop").__file__).parent / "tui"
    declared = set()
    for path in root.rglob("*.py"):
        module = ".".join(path.relative_to(root.parent.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(stmt, ast.Assign)
                and any(getattr(t, "id", "") == "BINDINGS" for t in stmt.targets)
                for stmt in node.body
            ):
                declared.add(getattr(importlib.import_module(module), node.name))
    listed = {owner for _title, owner in binding_owners()}
    assert declared - listed == set()


async def test_help_has_current_text_and_the_late_screens(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        headings = {static_text(s) for s in help_screen.query(".help-heading")}
        assert {"Actions review", "Wrap-up", "Export dialog",
                "Capture forms (note, idea, action…)"} <= headings
        ids = {str(table.get_row_at(row)[2]) for table in help_screen.query(DataTable)
               for row in range(table.row_count)}
        assert {"export.write", "wrapup.export", "capture.save", "actions.edit",
                "prompt.cancel"} <= ids
        how_to = static_text(help_screen.query_one("#how-to", Static))
        assert "from the command line" not in how_to
        assert "Export from the wrap-up (x)" in how_to


async def test_hostile_text_renders_literally(guide, sessions_path) -> None:
    long_title = HOSTILE + " " + "x" * 5000
    store = SessionStore(sessions_path)
    with store.create(long_title, city=HOSTILE) as session:
        session.add_participant(name=HOSTILE, organisation="y" * 5000, kind="person")
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        row = rendered_lines(home.query_one(DataTable))[1]
        assert row.strip().startswith("[bold red]boom[/] [/] [link=h…  planned")
        detail = static_text(home.query_one("#detail", Static))
        assert "[bold red]boom[/] [/] [link=https://x.example]x[/link] ␛[31mred␛[0m" in detail
        assert "مرحبا 🚀🏙️" in detail and "\x1b" not in detail
        await pilot.press("e")
        await pilot.pause()
        setup = app.screen
        assert setup.query_one("#f-title", Input).value == long_title
        await pilot.press("f3")
        await pilot.pause()
        line = rendered_lines(setup.query_one(ParticipantTable))[1]
        assert "[bold red]boom[/]" in line and "\x1b" not in line
        for size in ((40, 10), (200, 60), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_presets_cover_the_issue(guide) -> None:
    assert [i["part"] for i in preset_agenda(guide, "full")] == [p.id for p in guide.parts]
    assert [i["part"] for i in preset_agenda(guide, "citizen")] == ["B8", "B9", "B10", "B11"]
    assert [i["part"] for i in preset_agenda(guide, "data")] == ["B12", "B13", "B14"]
    assert [i["part"] for i in preset_agenda(guide, "benefits")] == ["C", "D", "AnnexB"]


async def test_try_the_demo_creates_it_once(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.session is not None and type(app.screen).__name__ == "WalkthroughScreen"
        demo_id = app.session.id
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert app.session is None  # back home releases the session
        assert len(home.sessions) == 2  # the demo and its earlier kick-off
        await pilot.press("t")
        await pilot.pause()
        assert app.session is not None and app.session.id == demo_id
    assert len(SessionStore(sessions_path).list()) == 2


async def test_open_on_start_goes_to_the_walkthrough(guide, sessions_path) -> None:
    store = SessionStore(sessions_path)
    with store.create("Open me", agenda=[{"part": "B3", "timebox": 20}]) as session:
        session_id = session.id
    app = make_app(guide, sessions_path, open_session="Open me")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkthroughScreen"
        assert app.session is not None and app.session.id == session_id
        assert not app.session.readonly


async def test_open_unknown_session_is_a_notification(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path, open_session="no such session")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "no such session" in errors[-1].message
        assert errors[-1].title == "Cannot open session"


async def test_locked_session_opens_read_only_and_says_so(guide, sessions_path) -> None:
    store = SessionStore(sessions_path)
    with store.create("Busy") as holder:  # another window holds the lock
        app = make_app(guide, sessions_path, open_session=holder.id)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert app.session is not None and app.session.readonly
            assert app.sub_title.startswith("READ-ONLY")
            warnings = [n for n in app._notifications if n.title == "Read-only"]
            assert warnings and "READ-ONLY" in warnings[0].message
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and app.session is None
            assert not app.sub_title.startswith("READ-ONLY")
            # editing the setup of a locked session: read-only banner, save refused
            await pilot.press("e")
            await pilot.pause()
            setup = app.screen
            assert isinstance(setup, SetupScreen) and setup.readonly
            assert "READ-ONLY" in static_text(setup.query_one("#read-only", Static))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert store.read_snapshot(holder.id)["session"]["title"] == "Busy"


async def test_guide_browser_lists_parts_and_shows_b3(guide, sessions_path) -> None:
    from textual.widgets import OptionList

    from workshop.tui.screens.guide import GuideScreen
    from workshop.tui.widgets.part_view import PartView

    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        parts = screen.query_one("#parts", OptionList)
        ids = [parts.get_option_at_index(i).id for i in range(parts.option_count)]
        listed = [i for i in ids if not i.startswith("group:")]
        assert listed == [p.id for p in guide.parts]
        assert len([p for p in guide.parts if not p.is_annex]) == 17
        # groups come before their parts, in the guide's order
        assert ids.index("group:strategy") < ids.index("B1") < ids.index("group:citizen")
        parts.highlighted = ids.index("B3")
        await pilot.pause()
        view = screen.query_one(PartView)
        assert view.part_id == "B3"
        recs = view.query_one("#pv-recs", OptionList)
        shown = [str(recs.get_option_at_index(i).prompt) for i in range(recs.option_count)]
        b3 = guide.part("B3")
        assert len(shown) == len(b3.recommendations) >= 2
        assert b3.recommendations[0].title in shown[0]
        # follow a linkage and come back
        target = b3.linkages[0].part
        screen.on_part_view_link_selected(PartView.LinkSelected(target))
        await pilot.pause()
        assert view.part_id == target
        await pilot.press("backspace")
        await pilot.pause()
        assert view.part_id == "B3"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_setup_parts_show_annex_with_a_space(guide, sessions_path) -> None:
    """The parts list and agenda table say "Annex B", never the file id "AnnexB"."""
    from textual.widgets import SelectionList
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Day", "f4")
        await pilot.pause()
        setup = app.screen
        parts = setup.query_one("#parts", SelectionList)
        prompts = [str(parts.get_option_at_index(i).prompt) for i in range(parts.option_count)]
        annex = [p for p in prompts if p.startswith("Annex")]
        assert annex and all(p.startswith("Annex ") for p in annex)
        assert annex[0].split()[:2] == ["Annex", "A"] and "AnnexA" not in " ".join(prompts)
        setup.agenda = [{"part": "AnnexB", "timebox": 20, "spent": 0}]
        setup._refresh_agenda(cursor=0)
        await pilot.pause()
        text = "\n".join(rendered_lines(setup.query_one(AgendaTable)))
        assert "Annex B" in text and "AnnexB" not in text


async def settle(pilot, done, seconds: float = 5.0) -> None:
    """Wait until `done()` holds (a loaded CI machine may need more than one pause), but never
    longer than `seconds`; the assertions that follow say what went wrong if it never does."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)
        if done():
            return


async def test_setup_tab_in_a_burst_moves_to_the_next_field(guide, sessions_path) -> None:
    """A burst "Title3<tab>City3<tab>…" arriving at once fills each field, not Title alone."""
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        burst(app, *"Title3", "tab", *"City3", "tab", *"2026-01-02", "tab", *"Hall",
              "shift+tab", "shift+tab", *"X")
        await settle(pilot, lambda: setup.details.get("city") == "X")
        values = {i.id: i.value for i in setup.query(Input)}
        assert (values["f-title"], values["f-city"], values["f-date"], values["f-venue"]) == (
            "Title3", "X", "2026-01-02", "Hall")  # shift+tab back selects City3: X replaces it
        assert setup.details["city"] == "X"


async def test_participant_dialog_tab_in_a_burst(guide, sessions_path) -> None:
    app = make_app(guide, sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Day", "f3")
        await pilot.pause()
        app.push_screen(ParticipantDialog())
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ParticipantDialog)
        burst(app, *"Ann Lee", "tab", *"Council", "tab", *"Chair")
        await settle(pilot, lambda: dialog.query_one("#role", Input).value == "Chair")
        values = {i.id: i.value for i in dialog.query(Input)}
        assert (values["name"], values["organisation"], values["role"]) == (
            "Ann Lee", "Council", "Chair")
