"""`workshop check-content DIR` recognises an overlay folder even when it has its own guide.yaml
(to translate group titles or add groups), and says which mode it checked and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_guide_loader import check, write_content, write_overlay
from workshop.guide.loader import ContentError, load_guide

TRANSLATED_GUIDE = """\
name: "ISO 37106:2018 Modèles opérationnels de ville intelligente"
groups:
  - id: strategy
    title: "Gestion de la stratégie"
"""
B3_PROMPT = 'id: B3\nadd_prompts:\n  - "Qui manque dans la salle ?"\n'


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


def test_overlay_with_its_own_guide_yaml_is_checked_as_an_overlay(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "fr", {"B3.yaml": B3_PROMPT})
    (overlay / "guide.yaml").write_text(TRANSLATED_GUIDE, encoding="utf-8")
    code, out, err = check(capsys, str(overlay))
    assert code == 0, err
    assert "checked as an overlay on the bundled guide" in out
    assert "its guide.yaml has no order" in out  # the reason for the mode
    assert "Modèles opérationnels" in out  # the guide's name is shown


def test_overlay_true_wins_even_with_a_complete_outline(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "ours", {"B3.yaml": B3_PROMPT})
    order = ", ".join(p.id for p in load_guide().parts)
    (overlay / "guide.yaml").write_text(
        f"overlay: true\nname: \"Ours\"\ngroups:\n  - id: local\n    title: Local\n"
        f"order: [{order}]\n",
        encoding="utf-8",
    )
    code, out, err = check(capsys, str(overlay))
    assert code == 0, err
    assert "checked as an overlay on the bundled guide: its guide.yaml says overlay: true" in out


def test_complete_guide_folder_says_so_and_why(content: Path, capsys) -> None:
    code, out, _ = check(capsys, str(content))
    assert code == 0
    assert "checked as a complete guide: its guide.yaml has name, groups and order" in out
    assert "Test guide" in out


def test_failure_line_names_the_mode_and_how_to_change_it(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    path.write_text(path.read_text("utf-8").replace('title: "Collaborative engagement"\n', ""))
    code, _, err = check(capsys, str(content))
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert "checked as a complete guide" in last
    assert "overlay: true" in last  # how to have it checked as an overlay instead


def test_overlay_false_forces_a_complete_guide(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "ours", {"B3.yaml": B3_PROMPT})
    (overlay / "guide.yaml").write_text("overlay: false\n" + TRANSLATED_GUIDE, encoding="utf-8")
    code, _, err = check(capsys, str(overlay))
    assert code == 1
    assert "checked as a complete guide: its guide.yaml says overlay: false" in err


def test_overlay_flag_must_be_true_or_false(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "ours", {"B3.yaml": B3_PROMPT})
    (overlay / "guide.yaml").write_text('overlay: "maybe"\n' + TRANSLATED_GUIDE, "utf-8")
    code, _, err = check(capsys, str(overlay))
    assert code == 1
    assert "guide, field 'overlay': must be true or false" in err


def test_an_overlay_cannot_be_the_base_folder(tmp_path: Path) -> None:
    overlay = write_overlay(tmp_path / "ours", {"B3.yaml": B3_PROMPT})
    (overlay / "guide.yaml").write_text("overlay: true\n" + TRANSLATED_GUIDE, "utf-8")
    with pytest.raises(ContentError, match="says overlay: true"):
        load_guide(base=overlay)


def test_overlay_translates_name_and_group_titles(tmp_path: Path) -> None:
    overlay = write_overlay(tmp_path / "fr", {"B3.yaml": B3_PROMPT})
    (overlay / "guide.yaml").write_text(TRANSLATED_GUIDE, encoding="utf-8")
    guide = load_guide([overlay])
    assert guide.name == "ISO 37106:2018 Modèles opérationnels de ville intelligente"
    titles = {g.id: g.title for g in guide.groups}
    assert titles["strategy"] == "Gestion de la stratégie"
    assert titles["citizen"] == "Citizen-centric service management"  # untouched
    assert "Qui manque dans la salle ?" in guide.part("B3").prompts


def test_bundled_guide_has_its_name() -> None:
    assert load_guide().name == "ISO 37106:2018 Smart city operating models"
