"""The guide's section headings and the facilitation-guidance marker come from guide.yaml
(`labels:`), so a translation overlay translates them; each recommendation says whether it carries
the standard's recommendation or the app's own facilitation guidance (`basis:`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from tests.test_guide_loader import check, only_problem, replace_in, write_content, write_overlay
from workshop.guide.loader import load_guide
from workshop.guide.model import DEFAULT_LABELS, Guide
from workshop.tui.widgets.part_view import PartView

FRENCH_LABELS = """\
labels:
  context: "Contexte"
  need: "Le besoin"
  recommendations: "Recommandations"
  linkages: "Liens"
  linkages_hint: "entrée : aller à la partie"
  prompts: "Questions pour la salle"
  source_confidence: "Fiabilité des sources"
  local_notes: "Notes locales"
  guidance: "conseil d'animation"
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


def test_default_labels_are_the_standards_section_names() -> None:
    guide = load_guide()
    assert guide.label("context") == "Context"
    assert guide.label("need") == "The need"
    assert guide.label("recommendations") == "Recommendations"
    assert guide.label("linkages") == "Linkages"
    assert guide.label("prompts") == "Prompts for the room"
    assert guide.label("guidance") == "facilitation guidance"


def test_overlay_labels_replace_only_the_keys_given(tmp_path: Path) -> None:
    overlay = write_overlay(tmp_path / "fr", {})
    (overlay / "guide.yaml").write_text('labels:\n  need: "Le besoin"\n', encoding="utf-8")
    guide = load_guide([overlay])
    assert guide.label("need") == "Le besoin"
    assert guide.label("context") == "Context"


def test_unknown_label_key_suggests_the_known_one(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "fr", {})
    (overlay / "guide.yaml").write_text('labels:\n  promts: "Questions"\n', encoding="utf-8")
    code, _, err = check(capsys, str(overlay))
    assert code == 1
    problem = only_problem(err)
    assert "guide, field 'labels', field 'promts': unknown field (did you mean 'prompts'?)" in (
        problem
    )
    for key in DEFAULT_LABELS:
        assert key in problem  # the known keys are listed


def test_empty_label_is_refused(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "fr", {})
    (overlay / "guide.yaml").write_text('labels:\n  need: ""\n', encoding="utf-8")
    code, _, err = check(capsys, str(overlay))
    assert code == 1
    assert "field 'need': is empty" in only_problem(err)


def test_basis_is_read_and_missing_means_guidance(content: Path) -> None:
    replace_in(
        content / "parts" / "B3.yaml",
        '    title: "Do the first thing"\n',
        '    title: "Do the first thing"\n    basis: standard\n',
    )
    guide = load_guide(base=content)
    r1, r2 = guide.part("B3").recommendations
    assert (r1.basis, r2.basis) == ("standard", "guidance")
    assert guide.marked_title(r1) == "Do the first thing"
    assert guide.marked_title(r2) == "Do the second thing (facilitation guidance)"


def test_unknown_basis_is_a_problem_with_a_suggestion(content: Path, capsys) -> None:
    replace_in(
        content / "parts" / "B3.yaml",
        '    title: "Do the first thing"\n',
        '    title: "Do the first thing"\n    basis: standrd\n',
    )
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert "part B3, recommendation B3.R1, field 'basis'" in problem
    assert "did you mean 'standard'?" in problem


class PartViewApp(App):
    def __init__(self, guide: Guide) -> None:
        super().__init__()
        self.guide = guide

    def compose(self) -> ComposeResult:
        yield PartView(self.guide, id="pv")


def heading(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_part_view_uses_the_translated_labels_and_marks_guidance(
    content: Path, tmp_path: Path
) -> None:
    replace_in(
        content / "parts" / "B3.yaml",
        '    title: "Do the first thing"\n',
        '    title: "Do the first thing"\n    basis: standard\n',
    )
    overlay = write_overlay(tmp_path / "fr", {})
    (overlay / "guide.yaml").write_text(FRENCH_LABELS, encoding="utf-8")
    guide = load_guide([overlay], base=content)
    app = PartViewApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(PartView).show("B3")
        await pilot.pause()
        assert heading(app, "#pv-h-context") == "Contexte"
        assert heading(app, "#pv-h-need") == "Le besoin"
        assert heading(app, "#pv-h-recs") == "Recommandations"
        assert heading(app, "#pv-h-links") == "Liens (entrée : aller à la partie)"
        assert heading(app, "#pv-h-prompts") == "Questions pour la salle"
        assert heading(app, "#pv-h-source") == "Fiabilité des sources"
        recs = app.screen.query_one("#pv-recs", OptionList)
        shown = [str(recs.get_option_at_index(i).prompt) for i in range(recs.option_count)]
        assert shown == ["R1  Do the first thing", "R2  Do the second thing (conseil d'animation)"]
        recs.highlighted = 1
        await pilot.pause()
        assert heading(app, "#pv-rec-explanation").startswith("(conseil d'animation)")
