"""The loader on small content folders built in tmp_path: good content loads into the model, every
kind of bad content gives exit code 1 and a message naming the file, line, part and field,
and overlays layer prompts, notes and text over a base folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.cli import main
from workshop.guide.loader import MAX_FILE_BYTES, ContentError, load_guide
from workshop.guide.model import Guide

GUIDE_YAML = """\
name: "Test guide"
groups:
  - id: component-a
    title: "Component A"
    clause: "5"
  - id: strategy
    title: "Strategy management"
    clause: "6.2"
  - id: annex
    title: "Annexes"
    clause: ""
order: [A, B1, B3, AnnexB]
"""


def part_yaml(part_id: str, clause: str, title: str, group: str, links: str = "A") -> str:
    """A complete, valid part file (3 prompts, 2 recommendations)."""
    return textwrap.dedent(
        f"""\
        id: {part_id}
        clause: "{clause}"
        title: "{title}"
        group: {group}
        summary: "What {part_id} is about."
        context: |
          Why {part_id} matters for a city.

          A second paragraph.
        need: |
          What goes wrong without {part_id}.
        recommendations:
          - id: {part_id}.R1
            title: "Do the first thing"
            explanation: |
              The first thing, explained.
          - id: {part_id}.R2
            title: "Do the second thing"
            explanation: "The second thing, explained."
        linkages:
          - part: {links}
            reason: "They belong together."
        prompts:
          - "First question for {part_id}?"
          - "Second question?"
          - "Third question?"
        source_confidence: "Facilitation guidance."
        """
    )


ANNEX_B_EXTRA = """\
risks:
  - id: AnnexB.K1
    title: "Weak leadership"
    description: "Nobody leads the whole."
    questions:
      - "Who leads?"
    parts: [B1, A]
"""


def write_content(root: Path) -> Path:
    """A small but complete content folder: A, B1, B3 and AnnexB."""
    parts = root / "parts"
    parts.mkdir(parents=True)
    (root / "guide.yaml").write_text(GUIDE_YAML, encoding="utf-8")
    (parts / "A.yaml").write_text(
        part_yaml("A", "5", "Delivery principles", "component-a", links="B1"), encoding="utf-8"
    )
    (parts / "B1.yaml").write_text(part_yaml("B1", "6.3", "City vision", "strategy"), "utf-8")
    (parts / "B3.yaml").write_text(
        part_yaml("B3", "6.5", "Collaborative engagement", "strategy"), "utf-8"
    )
    (parts / "AnnexB.yaml").write_text(
        part_yaml("AnnexB", "Annex B", "Checklist", "annex") + ANNEX_B_EXTRA, "utf-8"
    )
    return root


def shown(path: Path) -> str:
    """How the loader names a file: relative to the current folder (tests run in tmp_path)."""
    return str(path.absolute().relative_to(Path.cwd()))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check-content", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


# ---------------------------------------------------------------------------------------------
# good content
# ---------------------------------------------------------------------------------------------


def test_valid_folder_loads_into_the_model(content: Path) -> None:
    guide = load_guide(base=content)
    assert isinstance(guide, Guide)
    assert [p.id for p in guide.parts] == ["A", "B1", "B3", "AnnexB"]
    b3 = guide.part("B3")
    assert b3.clause == "6.5"
    assert b3.title == "Collaborative engagement"
    assert b3.group == "strategy"
    assert b3.context.startswith("Why B3 matters") and "\n\nA second paragraph." in b3.context
    assert not b3.context.endswith("\n")
    assert [r.id for r in b3.recommendations] == ["B3.R1", "B3.R2"]
    assert b3.recommendations[1].explanation == "The second thing, explained."
    assert [(lk.part, lk.reason) for lk in b3.linkages] == [("A", "They belong together.")]
    assert b3.prompts[0] == "First question for B3?"
    assert b3.source_file.endswith("B3.yaml")
    risk = guide.part("AnnexB").risks[0]
    assert (risk.id, risk.questions, risk.parts) == ("AnnexB.K1", ("Who leads?",), ("B1", "A"))
    assert [g.id for g in guide.groups] == ["component-a", "strategy", "annex"]
    assert guide.groups[2].clause == ""
    assert guide.recommendation("B1.R2").title == "Do the second thing"


def test_check_content_prints_summary_and_exits_0(content: Path, capsys) -> None:
    code, out, err = check(capsys, str(content))
    assert code == 0, err
    assert out.startswith(
        '3 parts + 1 annex, 8 recommendations, 0 principles, 1 risks in "Test guide": OK'
    )
    assert err == ""


def test_check_content_default_is_the_bundled_guide(capsys) -> None:
    code, out, err = check(capsys)
    assert code == 0, err
    assert out.startswith("17 parts + 2 annexes, ")
    assert out.rstrip().split(" (")[0].endswith(": OK")


def test_part_missing_from_order_goes_after_its_group(content: Path) -> None:
    (content / "parts" / "B2.yaml").write_text(
        part_yaml("B2", "6.4", "Leadership and governance", "strategy"), "utf-8"
    )
    guide = load_guide(base=content)
    assert [p.id for p in guide.parts] == ["A", "B1", "B3", "B2", "AnnexB"]


def test_anchors_and_aliases_in_moderation_are_fine(content: Path) -> None:
    path = content / "parts" / "B1.yaml"
    replace_in(path, 'reason: "They belong together."', "reason: &why They belong together.")
    path.write_text(path.read_text("utf-8") + "local_notes: [*why]\n", "utf-8")
    assert load_guide(base=content).part("B1").local_notes == ("They belong together.",)


# ---------------------------------------------------------------------------------------------
# bad content: one test per kind, each checking exit code, file, line, part and field
# ---------------------------------------------------------------------------------------------


def only_problem(err: str) -> str:
    lines = err.strip().splitlines()
    assert lines[-1].startswith("workshop: 1 problem in content folder"), err
    assert len(lines) == 2, err
    return lines[0]


def test_invalid_yaml_names_file_and_line(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    replace_in(path, "group: strategy", "group: strategy: oops")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert problem.startswith(f"{shown(path)}:4: invalid YAML: mapping values are not allowed")
    assert "Traceback" not in err


def test_missing_required_field(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", "need: |\n  What goes wrong without B3.\n", "")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert problem.startswith(f"{shown(content / 'parts' / 'B3.yaml')}:1: part B3, field 'need'")
    assert "missing" in problem


def test_empty_field(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B1.yaml", 'title: "City vision"', 'title: ""')
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert only_problem(err) == (
        f"{shown(content / 'parts' / 'B1.yaml')}:3: part B1, field 'title': "
        "is empty: write the text or remove the field"
    )


def test_null_field_counts_as_empty(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B1.yaml", 'summary: "What B1 is about."', "summary:")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "B1.yaml:5: part B1, field 'summary': is empty" in only_problem(err)


@pytest.mark.parametrize(
    ("value", "reads_as"),
    [
        ("no", "true/false"),
        ("Yes", "true/false"),
        ("off", "true/false"),
        ("2024-01-01", "a date"),
        ("6.10", "a number"),
        ("5", "a number"),
    ],
)
def test_yaml_1_1_surprises_are_wrong_types_to_quote(
    content: Path, capsys, value: str, reads_as: str
) -> None:
    replace_in(content / "parts" / "B3.yaml", 'clause: "6.5"', f"clause: {value}")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert "B3.yaml:2: part B3, field 'clause': must be text" in problem
    assert reads_as in problem
    assert f'quote it ("{value}")' in problem


def test_boolean_inside_a_list_names_the_item(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", '- "Second question?"', "- no")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "part B3, field 'prompts' item 2: must be text" in only_problem(err)


def test_list_where_text_expected(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", 'summary: "What B3 is about."', "summary: [a, b]")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "part B3, field 'summary': must be text, not a list" in only_problem(err)


def test_text_where_list_expected(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    text = path.read_text("utf-8")
    start = text.index("prompts:")
    end = text.index("source_confidence:")
    path.write_text(text[:start] + 'prompts: "Just one?"\n' + text[end:], "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "part B3, field 'prompts': must be a list" in only_problem(err)


def test_duplicate_part_id(content: Path, capsys) -> None:
    copy = content / "parts" / "B3-copy.yaml"
    copy.write_text((content / "parts" / "B3.yaml").read_text("utf-8"), "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert problem.startswith(f"{shown(content / 'parts' / 'B3.yaml')}:1: part B3, field 'id'")
    assert "duplicate part id" in problem and "B3-copy.yaml" in problem


def test_duplicate_recommendation_id(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", "- id: B3.R2", "- id: B3.R1")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert "B3.yaml:17: part B3, recommendation B3.R1, field 'id': duplicate id" in problem


def test_duplicate_risk_id(content: Path, capsys) -> None:
    path = content / "parts" / "AnnexB.yaml"
    path.write_text(
        path.read_text("utf-8")
        + "  - id: AnnexB.K1\n    title: T\n    description: D\n    questions: [Q?]\n",
        "utf-8",
    )
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "part AnnexB, risk AnnexB.K1, field 'id': duplicate id" in only_problem(err)


def test_duplicate_field_in_one_file(content: Path, capsys) -> None:
    path = content / "parts" / "B1.yaml"
    path.write_text(path.read_text("utf-8") + 'title: "Another title"\n', "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "B1.yaml:28: field 'title' appears twice (also on line 3)" in only_problem(err)


def test_linkage_to_unknown_part(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", "- part: A", "- part: B99")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert only_problem(err) == (
        f"{shown(content / 'parts' / 'B3.yaml')}:21: part B3, linkage to B99, field 'part': "
        "no part has id 'B99'"
    )


def test_risk_pointing_at_unknown_part(content: Path, capsys) -> None:
    replace_in(content / "parts" / "AnnexB.yaml", "parts: [B1, A]", "parts: [B1, Z9]")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "part AnnexB, risk AnnexB.K1, field 'parts': no part has id 'Z9'" in only_problem(err)


def test_empty_recommendation_list(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    text = path.read_text("utf-8")
    start = text.index("recommendations:")
    end = text.index("linkages:")
    path.write_text(text[:start] + "recommendations: []\n" + text[end:], "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "B3.yaml:12: part B3, field 'recommendations': is an empty list" in only_problem(err)


def test_recommendation_missing_explanation(content: Path, capsys) -> None:
    replace_in(
        content / "parts" / "B3.yaml",
        '    explanation: "The second thing, explained."\n',
        "",
    )
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert (
        "B3.yaml:17: part B3, recommendation B3.R2, field 'explanation': is missing"
        in only_problem(err)
    )


def test_recommendation_id_must_start_with_part_id(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", "- id: B3.R2", "- id: B4.R2")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert "part B3, recommendation B4.R2, field 'id': must be 'B3.'" in problem


@pytest.mark.parametrize("count", [2, 13])
def test_prompt_count_out_of_range(content: Path, capsys, count: int) -> None:
    path = content / "parts" / "B3.yaml"
    text = path.read_text("utf-8")
    start = text.index("prompts:")
    end = text.index("source_confidence:")
    prompts = "".join(f'  - "Question {i}?"\n' for i in range(count))
    path.write_text(text[:start] + "prompts:\n" + prompts + text[end:], "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert f"part B3, field 'prompts': has {count} prompts: give 3 to 12" in only_problem(err)


def test_unknown_top_level_field_suggests_the_known_one(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", "prompts:", "promts:")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "B3.yaml:23: part B3, field 'promts': unknown field (did you mean 'prompts'?)" in err
    assert "part B3, field 'prompts': is missing" in err


def test_unknown_group(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B3.yaml", "group: strategy", "group: stratgy")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert "B3.yaml:4: part B3, field 'group': unknown group 'stratgy'" in problem
    assert "strategy" in problem.split("use one of")[1]


def test_unknown_principle_theme(content: Path, capsys) -> None:
    path = content / "parts" / "AnnexB.yaml"
    path.write_text(
        path.read_text("utf-8")
        + "principles:\n  - id: AnnexB.P1\n    theme: visionary\n    title: T\n"
        "    explanation: E\n",
        "utf-8",
    )
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "principle AnnexB.P1, field 'theme': unknown theme 'visionary'" in only_problem(err)


def test_order_names_an_unknown_part(content: Path, capsys) -> None:
    replace_in(content / "guide.yaml", "order: [A, B1, B3, AnnexB]", "order: [A, B1, B2, B3]")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert problem.startswith(f"{shown(content / 'guide.yaml')}:12: guide, field 'order' item 3")
    assert "no part has id B2" in problem


def test_file_over_the_size_bound(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    path.write_text(path.read_text("utf-8") + "# padding\n" * (MAX_FILE_BYTES // 10 + 1), "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = err.strip().splitlines()[0]
    assert problem.startswith(f"{shown(path)}: file is over the 512 KiB limit")
    assert "over the 512 KiB limit" in problem


def test_alias_bomb_is_refused_quickly(content: Path, capsys) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        levels.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    path = content / "parts" / "B3.yaml"
    path.write_text("\n".join(levels) + "\n", "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    problem = only_problem(err)
    assert problem.startswith(f"{shown(path)}:")
    assert "alias bomb" in problem


def test_recursive_alias_is_refused(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    replace_in(path, 'summary: "What B3 is about."', "summary: &loop [*loop]")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "B3.yaml:5: alias *loop refers to an anchor that is not defined" in only_problem(err)


def test_absurd_nesting_is_refused(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    path.write_text("summary: " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    # Our own depth limit, or libyaml's where a build stops earlier: refused either way, one line.
    problem = only_problem(err)
    assert "B3.yaml:1:" in problem and "nest" in problem


def test_python_tags_are_refused(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    replace_in(path, 'summary: "What B3 is about."', "summary: !!python/object:os.system ls")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "B3.yaml:5: unsupported YAML tag" in only_problem(err)


def test_not_utf8(content: Path, capsys) -> None:
    path = content / "parts" / "B3.yaml"
    path.write_bytes(path.read_bytes().replace(b"Why B3", b"Why \xff B3"))
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert only_problem(err).startswith(f"{shown(path)}:7: not UTF-8 text")


def test_missing_folder_and_missing_guide_yaml(tmp_path: Path, capsys) -> None:
    code, _, err = check(capsys, str(tmp_path / "nowhere"))
    assert code == 1
    assert "nowhere: content folder not found" in err
    (tmp_path / "empty").mkdir()
    code, _, err = check(capsys, str(tmp_path / "empty"))
    assert code == 1
    assert "empty/guide.yaml: missing" in err or "empty/parts: no part files" in err
    assert "Traceback" not in err


def test_every_problem_in_a_folder_is_listed(content: Path, capsys) -> None:
    replace_in(content / "parts" / "B1.yaml", 'title: "City vision"', "title: no")
    replace_in(content / "parts" / "B3.yaml", "- part: A", "- part: B99")
    replace_in(content / "parts" / "AnnexB.yaml", "summary:", "sumary:")
    (content / "parts" / "A.yaml").write_text("id: A\ntitle: [unclosed\n", "utf-8")
    code, out, err = check(capsys, str(content))
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert lines[-1].startswith("workshop: 5 problems in content folder")
    body = "\n".join(lines[:-1])
    assert "B1.yaml:3: part B1, field 'title': must be text" in body
    assert "B3.yaml:21: part B3, linkage to B99, field 'part'" in body
    assert "AnnexB.yaml:5: part AnnexB, field 'sumary': unknown field" in body
    assert "AnnexB.yaml:1: part AnnexB, field 'summary': is missing" in body
    assert "A.yaml:3: invalid YAML" in body or "A.yaml:2: invalid YAML" in body


def test_load_guide_raises_one_line_error_carrying_all_problems(content: Path) -> None:
    replace_in(content / "parts" / "B1.yaml", 'title: "City vision"', "title: no")
    replace_in(content / "parts" / "B3.yaml", "- part: A", "- part: B99")
    with pytest.raises(ContentError) as caught:
        load_guide(base=content)
    error = caught.value
    assert len(error.problems) == 2
    assert "\n" not in str(error)
    assert str(error).startswith(f"2 problems in content folder {shown(content)}; first: ")
    assert "check-content" in str(error)


# ---------------------------------------------------------------------------------------------
# overlays
# ---------------------------------------------------------------------------------------------


def write_overlay(root: Path, files: dict[str, str]) -> Path:
    (root / "parts").mkdir(parents=True)
    for name, text in files.items():
        (root / "parts" / name).write_text(textwrap.dedent(text), "utf-8")
    return root


def test_overlay_adds_a_prompt_and_local_notes_to_b3(content: Path, tmp_path: Path) -> None:
    overlay = write_overlay(
        tmp_path / "ours",
        {
            "B3.yaml": """\
            id: B3
            add_prompts:
              - "How does the Riverside ward forum fit in?"
            local_notes:
              - "Our engagement team is led by Sam."
            """
        },
    )
    base = load_guide(base=content).part("B3")
    b3 = load_guide([overlay], base=content).part("B3")
    assert b3.prompts == (*base.prompts, "How does the Riverside ward forum fit in?")
    assert b3.local_notes == ("Our engagement team is led by Sam.",)
    assert b3.title == base.title and b3.recommendations == base.recommendations


def test_overlay_over_the_bundled_guide_adds_a_prompt_to_b3(tmp_path: Path) -> None:
    overlay = write_overlay(
        tmp_path / "ours", {"B3.yaml": 'id: B3\nadd_prompts: ["Is our youth council here?"]\n'}
    )
    b3 = load_guide([overlay]).part("B3")
    assert b3.prompts[-1] == "Is our youth council here?"
    assert len(b3.prompts) == len(load_guide().part("B3").prompts) + 1


def test_overlay_replaces_text_and_merges_recommendations_by_id(
    content: Path, tmp_path: Path
) -> None:
    overlay = write_overlay(
        tmp_path / "licensed",
        {
            "B3.yaml": """\
            id: B3
            context: "Licensed text of the standard."
            recommendations:
              - id: B3.R2
                explanation: "Licensed explanation."
              - id: B3.R3
                title: "A local recommendation"
                explanation: "Ours."
            """
        },
    )
    b3 = load_guide([overlay], base=content).part("B3")
    assert b3.context == "Licensed text of the standard."
    assert b3.need == "What goes wrong without B3."
    assert [(r.id, r.title, r.explanation) for r in b3.recommendations] == [
        ("B3.R1", "Do the first thing", "The first thing, explained."),
        ("B3.R2", "Do the second thing", "Licensed explanation."),
        ("B3.R3", "A local recommendation", "Ours."),
    ]


def test_overlay_can_add_a_new_complete_part_and_a_group(content: Path, tmp_path: Path) -> None:
    overlay = write_overlay(
        tmp_path / "ours", {"L1.yaml": part_yaml("L1", "L.1", "Local climate plan", "local")}
    )
    (overlay / "guide.yaml").write_text(
        'groups:\n  - id: local\n    title: "Our own parts"\n', "utf-8"
    )
    guide = load_guide([overlay], base=content)
    assert guide.part("L1").title == "Local climate plan"
    assert [g.id for g in guide.groups][-1] == "local"
    assert guide.parts[-1].id == "L1"


def test_overlay_that_breaks_a_field_names_the_overlay_file(
    content: Path, tmp_path: Path, capsys
) -> None:
    overlay = write_overlay(tmp_path / "ours", {"B3.yaml": "id: B3\ntitle: yes\n"})
    code, _, err = check(capsys, str(content), "--content", str(overlay))
    assert code == 1
    assert only_problem(err) == (
        f"{shown(overlay / 'parts' / 'B3.yaml')}:2: part B3, field 'title': must be text, but YAML "
        "reads 'yes' as a true/false value (YAML reads yes/no/on/off/true/false that way): "
        'quote it ("yes")'
    )


def test_overlay_new_part_must_be_complete(content: Path, tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "ours", {"L1.yaml": 'id: L1\ntitle: "Half done"\n'})
    code, _, err = check(capsys, str(content), "--content", str(overlay))
    assert code == 1
    for name in ("clause", "group", "summary", "context", "need", "recommendations", "prompts"):
        assert (
            f"{shown(overlay / 'parts' / 'L1.yaml')}:1: part L1, field '{name}': is missing" in err
        )


def test_overlay_linkage_to_unknown_part_names_the_overlay(
    content: Path, tmp_path: Path, capsys
) -> None:
    overlay = write_overlay(
        tmp_path / "ours", {"B3.yaml": 'id: B3\nlinkages:\n  - part: X1\n    reason: "Why."\n'}
    )
    code, _, err = check(capsys, str(content), "--content", str(overlay))
    assert code == 1
    assert only_problem(err).startswith(
        f"{shown(overlay / 'parts' / 'B3.yaml')}:3: part B3, linkage to X1, field 'part'"
    )


def test_check_content_on_an_overlay_folder_checks_it_over_the_bundled_guide(
    tmp_path: Path, capsys
) -> None:
    overlay = write_overlay(
        tmp_path / "ours", {"B3.yaml": 'id: B3\nlocal_notes: ["Ask the youth council."]\n'}
    )
    code, out, err = check(capsys, str(overlay))
    assert code == 0, err
    assert out.startswith("17 parts + 2 annexes")
    assert "overlay on the bundled guide" in out

    (overlay / "parts" / "B3.yaml").write_text("id: B3\nlocal_notes: nope\n", "utf-8")
    code, out, err = check(capsys, str(overlay))
    assert code == 1
    assert "B3.yaml:2: part B3, field 'local_notes': must be a list" in err


def test_part_file_in_the_wrong_place_is_reported(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "ours", {})
    (overlay / "B3.yaml").write_text("id: B3\n", "utf-8")
    code, _, err = check(capsys, "--content", str(overlay))
    assert code == 1
    assert "B3.yaml not read: part files belong in" in err


def test_app_start_with_bad_overlay_gives_one_line_error(tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "ours", {"B3.yaml": "id: B3\ntitle: no\n"})
    code = main(["--content", str(overlay)])
    _, err = capsys.readouterr()
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("workshop: error: problem in content folder ")
    assert "part B3, field 'title'" in err


# ---------------------------------------------------------------------------------------------
# any damage to a file ends as a listed problem, never as an exception
# ---------------------------------------------------------------------------------------------

VALID_B3 = part_yaml("B3", "6.5", "Collaborative engagement", "strategy")
YAML_BITS = st.sampled_from(
    [
        ":",
        " ",
        "\n",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!str ",
        "|",
        ">",
        '"',
        "'",
        "#",
        "\t",
        "yes",
        "2024-01-01",
        "6.10",
        "~",
        "? ",
        "<<: ",
        "---\n",
        "%YAML 1.1\n",
        "\x00",
        "é",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(0, len(VALID_B3)),
    length=st.integers(0, 40),
    insert=st.lists(YAML_BITS, max_size=6).map("".join),
)
def test_damaged_part_file_gives_problems_not_exceptions(
    content: Path, cut: int, length: int, insert: str
) -> None:
    damaged = VALID_B3[:cut] + insert + VALID_B3[cut + length :]
    (content / "parts" / "B3.yaml").write_text(damaged, encoding="utf-8")
    try:
        guide = load_guide(base=content)
    except ContentError as error:
        assert error.problems
        assert all(p.strip() and "\n" not in str(error) for p in error.problems)
        assert all(p.startswith(("content/", "workshop")) for p in error.problems), error.problems
    else:
        assert guide.has_part("B1")


def test_pure_python_yaml_parser_gives_the_same_guide(monkeypatch) -> None:
    """Without libyaml PyYAML falls back to its Python parser: same guide, same line numbers."""
    import yaml

    from workshop.guide import loader, yaml_reader

    with_c = load_guide()
    monkeypatch.setattr(yaml_reader, "_Loader", yaml.SafeLoader)
    assert load_guide() == with_c
    problems: list[str] = []
    assert loader._parse_yaml("a: 1\nb: [x\n", "f.yaml", problems) is None
    assert problems and problems[0].startswith("f.yaml:3: invalid YAML")


def test_a_device_posing_as_a_part_file_is_refused(content: Path, capsys) -> None:
    endless = content / "parts" / "B2.yaml"
    endless.symlink_to("/dev/zero")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert only_problem(err).startswith(f"{shown(endless)}: is a symbolic link, which is not")


def test_overlay_part_without_id(content: Path, tmp_path: Path, capsys) -> None:
    overlay = write_overlay(tmp_path / "ours", {"B3.yaml": 'title: "No id here"\n'})
    code, _, err = check(capsys, str(content), "--content", str(overlay))
    assert code == 1
    problem = only_problem(err)
    assert problem.startswith(f"{shown(overlay / 'parts' / 'B3.yaml')}:1: part (file B3)")
    assert "field 'id' is missing" in problem
