"""The follow-up review as a facilitator drives it (issue 10 items 10 and 21).

A drop refused for want of a reason goes through once the reason is typed; the header counts
the action shown, skipped ones included ("Action 6 of 6" on the sixth); Done is not on F5 (F5
means Presenter everywhere else); keys typed in one burst with an outcome key reach the next
action's fields. Keys go through the driver in bursts (keys_support.burst).
"""

from __future__ import annotations

import datetime as dt

import pytest
from engagement_support import Host, messages, small_guide
from keys_support import burst
from textual.widgets import Input, Static

from workshop.followup import carry_over
from workshop.store import SessionStore
from workshop.tui.screens.followup import FollowUpReviewScreen

DAY = dt.date(2026, 11, 25)
TITLES = ["Map the data owners", "Draft the rules", "Hire a data officer", "Open the portal",
          "Brief the council", "Publish the minutes"]


@pytest.fixture
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


def carried_session(store: SessionStore, count: int = 2, due: str = "2026-12-24"):
    """A session holding `count` actions carried over from an earlier one, each due `due`."""
    earlier = store.create("Spring", date="2026-03-01", city="Riverton")
    for title in TITLES[:count]:
        earlier.add_record("action", "B3", title=title, due=due)
    session = store.create("Autumn", date="2026-11-25", city="Riverton")
    carry_over(session, [earlier.snapshot()])
    earlier.close()
    return session


async def settle(pilot, done, rounds: int = 100) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def progress(app) -> str:
    return str(app.screen.query_one("#review-progress", Static).render())


def shown_title(app) -> str:
    current = app.screen.current
    return current["title"] if current else ""


async def test_a_refused_drop_goes_through_once_the_reason_is_typed(store) -> None:
    session = carried_session(store)
    app = Host(lambda: FollowUpReviewScreen(session, small_guide(), today=DAY), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: shown_title(app) == TITLES[0])
        burst(app, "f7")  # no reason yet: refused, the cursor goes to the reason
        await settle(pilot, lambda: any("reason" in m for m in messages(app)))
        await settle(pilot, lambda: app.screen.focused is app.screen.query_one("#review-reason"))
        burst(app, *"merged into the data strategy", "f7")
        await settle(pilot, lambda: shown_title(app) == TITLES[1])
    first = next(r for r in session.records("action") if r["title"] == TITLES[0])
    assert (first["status"], first["status_note"]) == ("dropped", "merged into the data strategy")


async def test_refused_drop_then_reason_in_the_same_burst(store) -> None:
    session = carried_session(store)
    app = Host(lambda: FollowUpReviewScreen(session, small_guide(), today=DAY), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: shown_title(app) == TITLES[0])
        burst(app, "f7", *"no budget", "f7")
        await settle(pilot, lambda: shown_title(app) == TITLES[1])
    first = next(r for r in session.records("action") if r["title"] == TITLES[0])
    assert (first["status"], first["status_note"]) == ("dropped", "no budget")


async def test_the_header_counts_the_action_shown_with_skips(store) -> None:
    session = carried_session(store, 6)
    app = Host(lambda: FollowUpReviewScreen(session, small_guide(), today=DAY), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: shown_title(app) == TITLES[0])
        assert progress(app).startswith("Action 1 of 6")
        seen = []
        for _ in TITLES[:2]:  # skip the first two
            before = shown_title(app)
            burst(app, "f8")
            await settle(pilot, lambda b=before: shown_title(app) != b)
        for _ in TITLES[2:]:  # still open (their own future date) for the other four
            before = shown_title(app)
            seen.append((before, progress(app)))
            burst(app, "f6")
            await settle(pilot, lambda b=before: shown_title(app) != b)
        seen.append((shown_title(app), progress(app)))
    assert [(t, p.split(" (")[0]) for t, p in seen] == [
        (TITLES[2], "Action 3 of 6"), (TITLES[3], "Action 4 of 6"),
        (TITLES[4], "Action 5 of 6"), (TITLES[5], "Action 6 of 6"),
        (TITLES[0], "Action 1 of 6"),
    ]


async def test_done_is_not_on_the_presenter_key(store) -> None:
    session = carried_session(store)
    app = Host(lambda: FollowUpReviewScreen(session, small_guide(), today=DAY), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: shown_title(app) == TITLES[0])
        bindings = app.screen._bindings.key_to_bindings
        done = [b for found in bindings.values() for b in found if b.id == "review.done"]
        assert done and all(b.key != "f5" for b in done)
        assert "f5" not in bindings
        burst(app, "f5")
        await pilot.pause()
        await pilot.pause()
        assert shown_title(app) == TITLES[0]  # nothing recorded
        burst(app, done[0].key)
        await settle(pilot, lambda: shown_title(app) == TITLES[1])
    first = next(r for r in session.records("action") if r["title"] == TITLES[0])
    assert first["status"] == "done"


async def test_keys_typed_with_an_outcome_reach_the_next_action(store) -> None:
    session = carried_session(store, 3, due="2026-04-01")  # overdue: the date field starts empty
    app = Host(lambda: FollowUpReviewScreen(session, small_guide(), today=DAY), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: shown_title(app) == TITLES[0])
        assert app.screen.query_one("#review-due", Input).value == ""
        # still open +1w for the first, then +3w typed at once for the second
        burst(app, *"+1w", "f6", *"+3w", "f6")
        await settle(pilot, lambda: shown_title(app) == TITLES[2])
    by_title = {r["title"]: r for r in session.records("action")}
    assert by_title[TITLES[0]]["due"] == "2026-12-02"
    assert by_title[TITLES[1]]["due"] == "2026-12-16"
