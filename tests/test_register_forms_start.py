"""How the register forms open: on their first field in reading order (issue 10 item 20), and a
new stakeholder counts as attending only when the participant list says so (item 15).

Keys go in bursts through the driver (keys_support.burst); the store is re-read afterwards.
"""

from __future__ import annotations

import pytest
from engagement_support import Host, small_guide
from keys_support import burst
from textual.containers import VerticalScroll

from workshop.store import SessionStore
from workshop.tui.screens.benefits import BenefitForm, BenefitsScreen
from workshop.tui.screens.register_forms import RegisterForm
from workshop.tui.screens.stakeholders import StakeholdersScreen


@pytest.fixture
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def guide():
    return small_guide()


async def settle(pilot, done, rounds: int = 100) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def reading_order(form: RegisterForm) -> list:
    """The form's focusable fields, top to bottom, left to right, as drawn."""
    fields = [w for w in form.query_one(VerticalScroll).query("*")
              if w.focusable and w.region.area]
    return sorted(fields, key=lambda w: (w.region.y, w.region.x))


async def open_form(app, pilot, key: str, kind: type) -> RegisterForm:
    burst(app, key)
    await settle(pilot, lambda: isinstance(app.screen, kind) and app.screen.focused is not None)
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("key", ["a", "n"])
async def test_stakeholder_forms_open_on_their_top_field(store, guide, key) -> None:
    session = store.create("Focus", city="Riverton")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = await open_form(app, pilot, key, RegisterForm)
        assert form.focused is reading_order(form)[0]
        if key == "n":  # the engagement form: "What for" is the top field and has the cursor
            assert form.focused.id == "en-text"


async def test_benefit_form_opens_on_its_top_field(store, guide) -> None:
    session = store.create("Focus", city="Riverton")
    app = Host(lambda: BenefitsScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = await open_form(app, pilot, "a", BenefitForm)
        assert form.focused is reading_order(form)[0]


async def test_engagement_typed_in_one_burst_is_saved_with_the_default_part(store, guide) -> None:
    session = store.create("Focus", city="Riverton")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "n", *"Panel design", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen and session.records("engagement"))
    assert [(r["text"], r["part"]) for r in session.records("engagement")] == [
        ("Panel design", "B3")]


# -- item 15: "Attended this workshop" follows the participant list ----------------------------


async def test_new_stakeholder_attends_only_when_the_participant_list_says_so(store,
                                                                              guide) -> None:
    session = store.create("Attendance", city="Riverton")
    session.add_participant(name="Alice Moss", organisation="City Council", attended=True)
    session.add_participant(name="Bob Kerr", organisation="Harbour Ltd", attended=False)
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    added = [
        ("Transport Trust", ""),        # not in the room
        ("city council", ""),           # the organisation of someone attending
        ("Bob Kerr", "Harbour Ltd"),    # listed, but not attending
        ("Dana Cole", "City Council"),  # same organisation as someone attending
        ("alice moss", ""),             # someone attending
    ]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for count, (name, org) in enumerate(added, 3):
            keys = ["a", *name]
            if org:
                keys += ["tab", "tab", *org]
            burst(app, *keys, "ctrl+s")
            await settle(pilot, lambda c=count: app.screen is screen
                         and len(session.participants) >= c)
    stored = SessionStore(store.folder).read_snapshot(session.id)["participants"]
    by_order = [(p["name"], p["attended"]) for p in stored][2:]
    assert by_order == [("Transport Trust", False), ("city council", True), ("Bob Kerr", False),
                        ("Dana Cole", True), ("alice moss", True)]


async def test_ticking_attended_by_hand_wins_over_the_default(store, guide) -> None:
    session = store.create("Attendance", city="Riverton")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        form = await open_form(app, pilot, "a", RegisterForm)
        form.query_one("#sh-attended").value = True  # as space on the box does
        await pilot.pause()
        burst(app, *"Walk-in guest", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen and session.participants)
    assert [(p["name"], p["attended"]) for p in session.participants] == [
        ("Walk-in guest", True)]
