"""The owner fields of the register forms pick participants the way the capture forms do
(issue 10 item 14): any word of a name finds it ("Li" → "Prof. Li Wen", Tab takes it), and a
name not among the participants is allowed but said so beside the field.
"""

from __future__ import annotations

from engagement_support import Host, small_guide
from keys_support import burst
from textual.widgets import Static

from workshop.store import SessionStore
from workshop.tui.screens.stakeholder_forms import EngagementForm
from workshop.tui.screens.stakeholders import StakeholdersScreen


async def settle(pilot, done, rounds: int = 100) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def beside(form, field_id: str) -> str:
    return str(form.query_one(f"#field-{field_id} .reason", Static).render())


async def test_engagement_owner_finds_any_word_and_says_not_in_the_room(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Owners")
    session.add_participant(name="Prof. Li Wen", organisation="University", attended=True)
    app = Host(lambda: StakeholdersScreen(session, small_guide()), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "n", *"Panel design")
        await settle(pilot, lambda: isinstance(app.screen, EngagementForm)
                     and app.screen.field("en-text") == "Panel design")
        form = app.screen
        owner = form.query_one("#en-owner")
        form.set_focus(owner)
        burst(app, *"Maya Okafor")
        await settle(pilot, lambda: form.field("en-owner") == "Maya Okafor")
        await pilot.pause()
        assert "Maya Okafor is not in the room" in beside(form, "en-owner")
        owner.value = ""
        await pilot.pause()
        burst(app, *"Li", "tab")
        await settle(pilot, lambda: form.field("en-owner") == "Prof. Li Wen")
        assert form.field("en-owner") == "Prof. Li Wen"
        burst(app, "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
    assert [r["owner"] for r in session.records("engagement")] == ["Prof. Li Wen"]
