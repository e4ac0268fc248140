"""One rule decides who owns an action (workshop/summary_people.py): the minutes' "Actions by
owner", the app's Actions review owner filter and `workshop actions --owner` agree. "Sara L." and
"Sara Lindqvist" are one owner when the session's participants say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, Select
from walkthrough_support import make_guide

from workshop.cli import main
from workshop.store import SessionStore
from workshop.summary import build_summary
from workshop.tui.screens.actions_review import ActionsReviewScreen

OWNERS = {"Check the bus data": "Sara L.", "Publish the data list": "Sara Lindqvist",
          "Book the room": "Tom Becker", "Write the brief": "Maya Okafor, Sara Lindqvist"}


def _session(folder: Path):
    store = SessionStore(folder)
    session = store.create("Kickoff", agenda=[{"part": "A", "timebox": 10}])
    session.add_participant(name="Sara Lindqvist", organisation="Northbridge Council")
    session.add_participant(name="Maya Okafor", organisation="Transit Co")
    for title, owner in OWNERS.items():
        session.add_record("action", "A", title=title, owner=owner)
    return store, session


class ReviewApp(App):
    def __init__(self, session, guide) -> None:
        super().__init__()
        self.session, self.guide = session, guide

    def on_mount(self) -> None:
        self.push_screen(ActionsReviewScreen(self.session, self.guide))


def _sara_in_minutes(session) -> set[str]:
    summary = build_summary(session.snapshot(), make_guide())
    groups = {g.owner: {a.title for a in g.actions} for g in summary.next_steps.by_owner}
    assert "Sara L." not in groups  # one person, one group
    return groups["Sara Lindqvist"]


async def test_review_filter_agrees_with_the_minutes(sessions_path: Path) -> None:
    _store, session = _session(sessions_path)
    minutes = _sara_in_minutes(session)
    assert minutes == {"Check the bus data", "Publish the data list"}
    app = ReviewApp(session, make_guide())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ActionsReviewScreen)
        owner = screen.query_one("#ar-owner", Select)
        labels = [str(label) for label, _value in owner._options]
        assert sum("Sara" in label and "Maya" not in label for label in labels) == 1
        sara = next(value for label, value in owner._options
                    if str(label) == "Owner: Sara Lindqvist")
        owner.value = sara
        await pilot.pause()
        table = screen.query_one(DataTable)
        for _ in range(100):
            if table.row_count == len(minutes) + 1:
                break
            await pilot.pause()
        shown = {action["title"] for action in screen.shown}
    session.close()
    # the minutes' Sara group, and the action she shares (the minutes list it under both names)
    assert shown == minutes | {"Write the brief"}


@pytest.mark.parametrize("wanted", ["Sara Lindqvist", "Sara L.", "sara lindqvist"])
def test_cli_owner_agrees_with_the_minutes(sessions_path: Path, wanted: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _store, session = _session(sessions_path)
    minutes = _sara_in_minutes(session)
    session.close()
    assert main(["--sessions", str(sessions_path), "actions", "--owner", wanted, "--json"]) == 0
    titles = {row["title"] for row in json.loads(capsys.readouterr().out)}
    # the minutes' Sara group, and the action Sara shares (as the review shows under her name)
    assert titles == minutes | {"Write the brief"}


def test_cli_owner_uses_each_sessions_own_participants(sessions_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _store, session = _session(sessions_path)
    session.close()
    store = SessionStore(sessions_path)
    with store.create("Other town") as other:  # no participants: "Sara L." is only text here
        other.add_participant(name="Sara Larsen")
        other.add_record("action", "A", title="Elsewhere", owner="Sara L.")
    assert main(["--sessions", str(sessions_path), "actions", "--owner", "Sara Lindqvist",
                 "--json"]) == 0
    titles = {row["title"] for row in json.loads(capsys.readouterr().out)}
    assert "Elsewhere" not in titles and "Check the bus data" in titles
