"""PartView: shows every field of a part literally; recommendations and linkages are selectable."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static
from walkthrough_support import HOSTILE, make_guide

from workshop.tui.widgets.part_view import PartView, literal_text, reflow


class PartViewApp(App):
    def __init__(self, guide) -> None:
        super().__init__()
        self.guide = guide
        self.links: list[str] = []
        self.recs: list[str] = []

    def compose(self) -> ComposeResult:
        yield PartView(self.guide, id="pv")

    def on_part_view_link_selected(self, event: PartView.LinkSelected) -> None:
        self.links.append(event.part_id)

    def on_part_view_recommendation_highlighted(
        self, event: PartView.RecommendationHighlighted
    ) -> None:
        self.recs.append(event.rec_id)


def text_of(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_part_view_shows_every_field_and_follows_links() -> None:
    app = PartViewApp(make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(PartView)
        view.show("B3")
        await pilot.pause()
        assert text_of(app, "#pv-title") == "B3  Collaborative engagement"
        assert "clause 6.5" in text_of(app, "#pv-meta")
        assert "Strategy management" in text_of(app, "#pv-meta")
        assert text_of(app, "#pv-summary") == "Summary of B3."
        assert text_of(app, "#pv-context").startswith("Context of B3.")
        assert text_of(app, "#pv-need") == "Need of B3."
        assert "First prompt for B3?" in text_of(app, "#pv-prompts")
        assert text_of(app, "#pv-source") == "Confidence note for B3."
        assert view.query_one("#pv-local").has_class("-empty")

        recs = view.query_one("#pv-recs", OptionList)
        assert recs.option_count == 3
        assert view.selected_recommendation == "B3.R1"
        assert text_of(app, "#pv-rec-explanation") == "Explanation 1 of B3."
        recs.focus()
        await pilot.press("down")
        await pilot.pause()
        assert view.selected_recommendation == "B3.R2"
        assert text_of(app, "#pv-rec-explanation") == "Explanation 2 of B3."
        assert app.recs[-1] == "B3.R2"

        links = view.query_one("#pv-links", OptionList)
        assert [links.get_option_at_index(i).id for i in range(links.option_count)] == ["B1", "B2"]
        links.focus()
        links.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.links == ["B2"]

        view.show("B1")
        await pilot.pause()
        assert text_of(app, "#pv-title") == "B1  Vision"
        assert view.selected_recommendation == "B1.R1"


async def test_part_view_shows_hostile_text_literally() -> None:
    app = PartViewApp(make_guide(hostile=True))
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(PartView)
        view.show("B4")
        await pilot.pause()
        title = text_of(app, "#pv-title")
        assert "[bold red]boom[/]" in title
        assert "[link=https://evil.example]" in title
        assert "\x1b" not in title and "␛[31m" in title
        assert title == "B4  " + literal_text(HOSTILE)
        assert text_of(app, "#pv-rec-explanation") == literal_text(reflow(HOSTILE))
        assert "x" * 5000 in text_of(app, "#pv-prompts")
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
