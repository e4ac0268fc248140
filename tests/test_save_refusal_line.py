"""A refused save says why on a line that follows the fields, not in a toast that outlives the
fix (issue 10 item 21: "A title is needed" stayed up after the title was typed).

Setup (details) and the register forms both: ctrl+s refused, the line names the field and the
fix; once the field is fixed the line goes, and no notification still names the old problem.
Keys are sent in bursts through the driver (keys_support.burst).
"""

from __future__ import annotations

from engagement_support import Host, small_guide
from keys_support import burst
from textual.widgets import Static

from workshop.guide.loader import load_guide
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.benefits import BenefitForm, BenefitsScreen
from workshop.tui.screens.setup import SetupScreen


async def settle(pilot, done, rounds: int = 100) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def text(screen, selector: str) -> str:
    """What the problem line says ("" when hidden or absent)."""
    found = screen.query(selector)
    widget = found.first(Static) if found else None
    return str(widget.render()) if widget is not None and widget.display else ""


async def test_setup_title_problem_goes_when_the_title_is_typed(sessions_path) -> None:
    app = WorkshopApp(guide=load_guide(), sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen))
        setup = app.screen
        burst(app, "ctrl+s")
        await settle(pilot, lambda: bool(text(setup, "#save-problem")))
        burst(app, *"Leeds strategy day")
        await settle(pilot, lambda: setup.details["title"] == "Leeds strategy day")
        await pilot.pause()
        assert not any("title is needed" in n.message for n in app._notifications)
        assert text(setup, "#save-problem") == ""
        setup.query_one("#f-title").value = ""
        await pilot.pause()
        burst(app, "ctrl+s")  # refused again: the line says why
        await settle(pilot, lambda: bool(text(setup, "#save-problem")))
        assert "A title is needed" in text(setup, "#save-problem")
        burst(app, *"Leeds strategy day")
        await settle(pilot, lambda: text(setup, "#save-problem") == "")
        burst(app, "ctrl+s")
        await settle(pilot, lambda: SessionStore(sessions_path).list() != [])
        assert [i.title for i in SessionStore(sessions_path).list()] == ["Leeds strategy day"]


async def test_register_form_problem_goes_when_the_field_is_filled(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Benefits")
    app = Host(lambda: BenefitsScreen(session, small_guide()), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        burst(app, "a", "ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, BenefitForm)
                     and bool(text(app.screen, "#form-problem")))
        form = app.screen
        burst(app, *"Faster permits")
        await settle(pilot, lambda: form.field("be-title") == "Faster permits")
        await pilot.pause()
        assert not any("is required" in n.message for n in app._notifications)
        assert text(form, "#form-problem") == ""
