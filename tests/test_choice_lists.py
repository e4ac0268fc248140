"""Type-to-select in every choice list (issue 10, item 12).

A letter typed while a choice list is focused, closed or open, picks the first option that starts
with it, also inside a burst of keys; every Select in the app is the one ChoiceSelect widget.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from keys_support import burst
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Input, Select
from walkthrough_support import make_guide

import workshop.tui
from workshop.store import SessionStore
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.choice import ChoiceSelect

OUTCOMES = ["agreed", "parked", "rejected", "needs more work"]


class ChoiceApp(App):
    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield ChoiceSelect([(Content(o), o) for o in OUTCOMES], value="agreed",
                           allow_blank=False, id="choice")
        yield Input(id="after")


async def settle(pilot, condition, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not settle")


@pytest.mark.parametrize(("keys", "expected"), [
    (["p"], "parked"),
    (["r"], "rejected"),
    (["N"], "needs more work"),
    (["z"], "agreed"),  # no option starts with z: nothing changes
    (["enter", "p", "enter"], "parked"),  # open, type, pick: all in one burst
    (["enter", "r"], "rejected"),  # open and type: the highlighted option follows
    (["p", "r"], "rejected"),
])
async def test_a_letter_picks_the_first_option_starting_with_it(keys, expected):
    app = ChoiceApp()
    async with app.run_test(size=(60, 20)) as pilot:
        choice = app.query_one("#choice", ChoiceSelect)
        choice.focus()
        await pilot.pause()
        burst(app, *keys)
        await pilot.pause()
        if choice.expanded:  # left open: Enter takes the highlighted option
            burst(app, "enter")
            await pilot.pause()
        await settle(pilot, lambda: not choice.expanded)
        assert choice.value == expected


async def test_a_letter_in_the_open_list_moves_the_highlight():
    app = ChoiceApp()
    async with app.run_test(size=(60, 20)) as pilot:
        choice = app.query_one("#choice", ChoiceSelect)
        choice.focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot, lambda: choice.expanded and app.focused is not choice)
        await pilot.press("n")
        await pilot.press("enter")
        await settle(pilot, lambda: not choice.expanded)
        assert choice.value == "needs more work"


def new_session(tmp_path):
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create("Choices", agenda=[{"part": "A", "timebox": 10}])
    session_id = session.id
    session.close()
    return folder, session_id


async def test_a_parked_decision_is_saved_parked_and_the_toast_says_so(tmp_path):
    from workshop.tui.app import WorkshopApp

    folder, session_id = new_session(tmp_path)
    app = WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        # the keys, in the form's reading order: the decision text, then Outcome (drawn
        # under the text), open it, p, Enter, save: all in one burst
        burst(app, "d", *"Publish bus data later", "tab", "enter", "p", "enter", "ctrl+s")
        # the toast is a message of its own: wait for it as well as for the record
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                     and any(r["kind"] == "decision" for r in app.session.records())
                     and any(str(n.message).startswith("Saved") for n in app._notifications))
        decision = next(r for r in app.session.records() if r["kind"] == "decision")
        assert decision["outcome"] == "parked"
        assert decision["text"] == "Publish bus data later"
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Saved decision 1 (parked)") for m in messages)


async def test_a_letter_on_the_closed_outcome_list_picks_it(tmp_path):
    from workshop.tui.app import WorkshopApp

    folder, session_id = new_session(tmp_path)
    app = WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        burst(app, "d", *"Not now", "tab", "r", "ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                     and any(r["kind"] == "decision" for r in app.session.records()))
        decision = next(r for r in app.session.records() if r["kind"] == "decision")
        assert (decision["text"], decision["outcome"]) == ("Not now", "rejected")


def test_every_choice_list_in_the_app_is_a_choice_select():
    """No plain Select is built anywhere in workshop/tui (ChoiceSelect is a Select subclass)."""
    root = Path(workshop.tui.__file__).parent
    plain: list[str] = []
    for path in root.rglob("*.py"):
        if path.name == "choice.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "Select":
                plain.append(f"{path.relative_to(root)}:{node.lineno}")
    assert plain == []
    assert issubclass(ChoiceSelect, Select)


async def test_saving_with_the_list_open_saves_the_option_highlighted(tmp_path):
    from workshop.tui.app import WorkshopApp

    folder, session_id = new_session(tmp_path)
    app = WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        burst(app, "d", *"Later", "tab", "enter", "p", "ctrl+s")  # no Enter to pick: saved
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                     and any(r["kind"] == "decision" for r in app.session.records()))
        decision = next(r for r in app.session.records() if r["kind"] == "decision")
        assert decision["outcome"] == "parked"
