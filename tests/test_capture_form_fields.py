"""Capture form fields (issue 10, items 14, 20 and 21): every form opens on the field drawn
first; the action form's Priority and Status show their value on small terminals; the owner
picker finds any word of a name and says when an owner is not in the room."""

from __future__ import annotations

import pytest
from keys_support import burst
from textual.widgets import Input, Select, Static
from textual.widgets._select import SelectCurrent
from walkthrough_support import make_guide

from workshop.store import SessionStore
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.capture_forms import RecordForm

PEOPLE = ("Prof. Li Wen", "Maya Okafor", "Dev Raman")


def new_session(tmp_path):
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create("Fields", agenda=[{"part": "A", "timebox": 10}])
    for name in PEOPLE:
        session.add_participant(name=name)
    session.add_record("idea", "A", text="An idea to vote on")
    session_id = session.id
    session.close()
    return folder, session_id


def app_for(folder, session_id):
    from workshop.tui.app import WorkshopApp

    return WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)


async def settle(pilot, condition, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not settle")


async def open_form(pilot, key: str) -> RecordForm:
    app = pilot.app
    await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
    await pilot.press(key)
    await settle(pilot, lambda: isinstance(app.screen, RecordForm) and app.screen.focused)
    return app.screen


@pytest.mark.parametrize("key", ["w", "i", "r", "v", "d", "a"])
async def test_every_form_opens_on_the_field_drawn_first(tmp_path, key):
    folder, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, key)
        body = form.query_one("#form-body")
        fields = [w for w in form.focus_chain if body in w.ancestors]
        drawn_first = min(fields, key=lambda w: (w.region.y, w.region.x))
        assert fields[0] is drawn_first  # reading order and focus order agree
        assert form.focused is drawn_first


def shown_value(select: Select) -> str:
    """What the closed list draws as its value (its label line, as rendered on screen)."""
    label = select.query_one(SelectCurrent).query_one("#label")
    return "".join(
        "".join(segment.text for segment in label.render_line(y))
        for y in range(label.size.height)
    )


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_priority_and_status_show_their_value(tmp_path, size):
    folder, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=size) as pilot:
        form = await open_form(pilot, "a")
        for name, value in (("priority", "medium"), ("status", "open")):
            select = form.query_one(f"#{name}", Select)
            select.scroll_visible(animate=False)
            await pilot.pause()
            assert value in shown_value(select), (name, shown_value(select))
            label = select.query_one(SelectCurrent).query_one("#label")
            widget, _ = app.screen.get_widget_at(label.region.x, label.region.y)
            assert widget is label  # on screen, not clipped away or covered


async def test_the_owner_picker_finds_any_word_of_a_name(tmp_path):
    folder, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        burst(app, "a", *"Open the data", "tab", "tab", *"Li", "tab", "shift+tab")
        await settle(pilot, lambda: isinstance(app.screen, RecordForm)
                     and app.screen.query_one("#owner", Input).value == "Prof. Li Wen")
        form = app.screen
        hint = form.query_one("#owner-hint", Static)
        assert "not in the room" not in str(hint.render())
        burst(app, "ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        action = next(r for r in app.session.records() if r["kind"] == "action")
        assert action["owner"] == "Prof. Li Wen"


async def test_an_owner_not_in_the_room_is_said_and_kept_as_typed(tmp_path):
    folder, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        burst(app, "a", *"Open the data", "tab", "tab", *"Sara Q.")
        await settle(pilot, lambda: isinstance(app.screen, RecordForm)
                     and app.screen.query_one("#owner", Input).value == "Sara Q.")
        form = app.screen
        hint = form.query_one("#owner-hint", Static)
        await settle(pilot, lambda: hint.display)
        assert "not in the room: saved as typed" in str(hint.render())
        burst(app, "ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        action = next(r for r in app.session.records() if r["kind"] == "action")
        assert action["owner"] == "Sara Q."
