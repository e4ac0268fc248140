"""The document model (workshop.export.document) built once from the Summary by
workshop.export.build: what every renderer formats, so its properties hold for all formats."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator

import docx

from tests.export_fixtures import rich_session
from tests.export_support import hostile, rich, summary_of
from workshop.export import build
from workshop.export.document import (
    Answers,
    Block,
    BulletList,
    Chart,
    Cut,
    Empty,
    Entry,
    EntryList,
    Heading,
    Inline,
    Paragraph,
    Section,
    Table,
    User,
    plain,
)
from workshop.export.docx_export import render_docx
from workshop.export.html import render_html
from workshop.export.markdown import render_markdown

NUMBER = re.compile(r"#?[+-]?\d+(\.\d)?|-")  # "#3", "4", "+2.5", "-" (not rated)


def _blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from _blocks(block.blocks)


def _inlines(blocks: tuple[Block, ...]) -> Iterator[Inline]:
    for block in _blocks(blocks):
        if isinstance(block, Heading | Paragraph):
            yield from block.inlines
        elif isinstance(block, BulletList):
            for item in block.items:
                yield from item
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield from cell
        elif isinstance(block, Answers):
            for title, _ in block.groups:
                yield from title


def test_every_block_section_of_a_full_summary_yields_a_heading_and_content() -> None:
    snapshot = rich_session()  # with phones from the room, for the room's section
    snapshot["ui"] = {**snapshot.get("ui", {}),
                      "room_devices": {"droomphone1": {"name": "", "sector": "public"}}}
    summary = summary_of(snapshot)
    sections = build.sections(summary)
    # the rich session has every register: the hand-made ones, the declared ones, next steps
    # (a declared register with no rows, like the rich session's parking lot, has no section)
    assert len(sections) == len(build.SECTIONS) + sum(1 for r in summary.registers if r.rows) + 1
    for section in sections:
        first, *rest = section.blocks
        assert isinstance(first, Heading) and first.level == (1 if section.id == "title" else 2)
        assert rest, f"section {section.id} has only its heading"
    assert [s.id for s in sections] == [
        "title", "actions", "decisions", "maturity", "discussion", "room", "engagement",
        "risks", "benefits", "next"]


def test_a_session_without_actions_says_so() -> None:
    section = build.actions(dataclasses.replace(rich(), actions=()))
    assert [type(b) for b in section.blocks] == [Heading, Empty]


def test_an_empty_register_yields_no_section() -> None:
    benefits = rich().register("benefits")
    summary = dataclasses.replace(rich(), registers=(dataclasses.replace(benefits, rows=()),))
    assert build.register(summary.registers[0]) is None
    assert "benefits" not in [s.id for s in build.sections(summary)]


def test_table_columns_carry_weights_and_every_row_fills_them() -> None:
    tables = [b for b in _blocks(build.sections(rich())) if isinstance(b, Table)]
    assert tables
    for table in tables:
        assert all(c.weight >= 1 for c in table.columns)
        assert len({c.weight for c in table.columns}) > 1  # wide text columns get more room
        assert all(len(row) == len(table.columns) for row in table.rows)
        for i, column in enumerate(table.columns):  # numeric columns hold numbers only
            if column.numeric:
                for row in table.rows:
                    assert NUMBER.fullmatch(plain(row[i])), (column.label, row[i])


def test_risk_heat_map_is_a_chart_with_five_likelihood_rows_of_five_cells() -> None:
    (risks,) = [s for s in build.sections(rich()) if s.id == "risks"]
    (chart,) = [b for b in risks.blocks if isinstance(b, Chart)]
    assert chart.kind == "heat"
    assert [label for label, _ in chart.data] == [f"Likelihood {n}" for n in range(5, 0, -1)]
    assert all(len(cells) == 5 for _, cells in chart.data)
    placed = " ".join(c.text for _, cells in chart.data for c in cells).split()
    assert sorted(placed) == sorted(x.risk for x in rich().risks.rows if x.score)


def test_user_text_is_kept_as_typed_never_escaped_cut_or_cleaned() -> None:
    summary = hostile()
    inlines = list(_inlines(build.sections(summary)))
    user = {i.text for i in inlines if isinstance(i, User | Cut)}
    assert "<script>alert('x')</script>" in user
    assert "null\x00byte and bell\x07" in user  # control characters: each renderer shows them
    cuts = {i.label: i.text for i in inlines if isinstance(i, Cut)}
    for x in summary.risks.rows:
        assert cuts[f"Risk #{x.no}, title"] == x.title
        assert cuts[f"Risk #{x.no}, mitigation"] == x.mitigation
    benefits = summary.register("benefits")
    for b in benefits.rows:
        assert cuts[f"Benefit #{b.no}, target"] == benefits.text(b, "target_value")


def test_every_format_explains_the_coverage_table() -> None:
    """One block, three formats: Word now says what the coverage counts, as the others did."""
    summary = rich()
    assert summary.engagement.coverage
    remark = "People of each sector present for each part covered"
    assert remark in render_markdown(summary)
    assert remark in render_html(summary)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render_docx(summary))).paragraphs]
    assert any(p.startswith(remark) for p in paragraphs)


def test_every_format_gives_the_comments_on_maturity_ratings() -> None:
    """Word left the raters' comments out; from the one document it gives them like the others."""
    summary = rich()
    comments = [c for r in (*summary.maturity.parts, *summary.maturity.recommendations)
                for c in r.comments]
    assert comments
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render_docx(summary))).paragraphs]
    for comment in comments:
        assert comment in render_markdown(summary)
        assert comment in render_html(summary)
        assert any(p.endswith(": " + comment) for p in paragraphs)


def test_the_maturity_chart_has_one_bar_per_rated_part() -> None:
    summary = rich()
    (section,) = [s for s in build.sections(summary) if s.id == "maturity"]
    (chart,) = [b for b in section.blocks if isinstance(b, Chart)]
    assert chart.kind == "maturity"
    assert [(bar.part, bar.current, bar.target) for bar in chart.data] == [
        (r.where.part, r.current, r.target) for r in summary.maturity.parts]


def test_decisions_and_discussion_entries_keep_user_text_and_their_numbers() -> None:
    summary = hostile()
    sections = {s.id: s for s in build.sections(summary)}
    lists = [b for s in ("decisions", "discussion") for b in sections[s].blocks
             if isinstance(b, EntryList)]
    entries = [x for lst in lists for x in lst.entries if isinstance(x, Entry)]
    decided = {x.no: x for x in entries if x.tag}
    for part in summary.decisions:
        for d in part.decisions:
            assert decided[d.no].label == d.outcome
            assert plain(decided[d.no].text) == d.text  # as typed: no escaping, no cleaning
    noted = {(x.label, x.no): x for x in entries if not x.tag}
    for part in summary.discussion:
        for grp in part.groups:
            for c in grp.items:
                assert plain(noted[(c.kind, c.no)].text) == c.text


def test_word_headings_are_the_documents_headings_one_level_up() -> None:
    """Markdown's # is Word's Title, ## Heading 1 and so on, for every heading. The attendees
    come straight under the title, so no format skips a level for them: ## and Heading 1 (Word's
    navigation pane and screen readers list them as a part of their own)."""
    summary = rich()
    md_levels = [len(line) - len(line.lstrip("#")) - 1
                 for line in render_markdown(summary).splitlines() if line.startswith("#")]
    document = docx.Document(io.BytesIO(render_docx(summary)))
    word_levels = [0 if p.style.name == "Title" else int(p.style.name.split()[-1])
                   for p in document.paragraphs
                   if p.style.name.startswith("Heading") or p.style.name == "Title"]
    attendees = next(p for p in document.paragraphs if p.text.startswith("Attendees ("))
    assert attendees.style.name == "Heading 1"
    assert [lv for lv in md_levels if lv < 2] == [lv for lv in word_levels if lv < 2]


def test_no_attendees_is_said_in_every_format() -> None:
    summary = dataclasses.replace(rich(), attendees=())
    assert "No attendees recorded." in render_markdown(summary)
    assert "No attendees recorded." in render_html(summary)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render_docx(summary))).paragraphs]
    assert "No attendees recorded." in paragraphs
