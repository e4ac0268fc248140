"""The guide shipped in content/: every part of ISO 37106:2018 with its exact title and clause,
unique ids, linkages that resolve and enough material for a facilitator to lead a discussion."""

from __future__ import annotations

import re

import pytest

from workshop.guide.loader import load_guide
from workshop.guide.model import Guide

# id, clause, title, group: the table of ../shared/iso37106-brief.md
EXPECTED = [
    ("A", "5", "Delivery principles", "component-a"),
    ("B1", "6.3", "City vision", "strategy"),
    ("B2", "6.4", "Leadership and governance", "strategy"),
    ("B3", "6.5", "Collaborative engagement", "strategy"),
    ("B4", "6.6", "Procurement and supplier management", "strategy"),
    ("B5", "6.7", "Mapping the city's interoperability needs", "strategy"),
    ("B6", "6.8", "Establishing a common terminology and reference model", "strategy"),
    ("B7", "6.9", "Smart city roadmap", "strategy"),
    ("B8", "6.11", "Empowering the city community through city data", "citizen"),
    ("B9", "6.12", "Delivering integrated citizen-centric services", "citizen"),
    ("B10", "6.13", "Identity and privacy management", "citizen"),
    ("B11", "6.14", "Digital inclusion and channel management", "citizen"),
    ("B12", "6.16", "Managing smart city developments and infrastructures", "resource"),
    ("B13", "6.17", "IT and data resource mapping and management", "resource"),
    ("B14", "6.18", "Open, service-oriented, city-wide IT architecture", "resource"),
    ("C", "7", "Benefit realization framework", "component-c"),
    ("D", "8", "Key risks", "component-d"),
    ("AnnexA", "Annex A", "ISO 37106 delivery principles", "annex"),
    ("AnnexB", "Annex B", "Mitigating the key risks: checklist", "annex"),
]
PART_IDS = [row[0] for row in EXPECTED]
THEMES = {"vision", "citizen-centric", "digital", "open-and-collaborative"}



def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


def test_every_part_in_reading_order_with_exact_clause_title_and_group(guide: Guide) -> None:
    assert [(p.id, p.clause, p.title, p.group) for p in guide.parts] == EXPECTED


def test_seventeen_main_parts_and_two_annexes(guide: Guide) -> None:
    assert len(guide.components) == 17
    assert [p.id for p in guide.parts if p.is_annex] == ["AnnexA", "AnnexB"]


def test_the_three_b_groups_and_their_clauses(guide: Guide) -> None:
    groups = {g.id: (g.title, g.clause) for g in guide.groups}
    assert groups["strategy"] == ("Strategy management", "6.2")
    assert groups["citizen"] == ("Citizen-centric service management", "6.10")
    assert groups["resource"] == ("Digital and physical resource management", "6.15")
    assert [p.id for p in guide.parts_in_group("strategy")] == [f"B{i}" for i in range(1, 8)]
    assert [p.id for p in guide.parts_in_group("citizen")] == [f"B{i}" for i in range(8, 12)]
    assert [p.id for p in guide.parts_in_group("resource")] == ["B12", "B13", "B14"]


def test_all_ids_are_unique(guide: Guide) -> None:
    ids = [p.id for p in guide.parts]
    ids += [r.id for p in guide.parts for r in p.recommendations]
    ids += [pr.id for pr in guide.principles] + [k.id for k in guide.risks]
    assert len(ids) == len(set(ids))


def test_every_linkage_resolves_to_another_part(guide: Guide) -> None:
    for part in guide.parts:
        for link in part.linkages:
            assert guide.has_part(link.part), f"{part.id} links to unknown {link.part}"
            assert link.part != part.id
            assert link.reason.strip()
        for risk in part.risks:
            for target in risk.parts:
                assert guide.has_part(target), f"{risk.id} points at unknown {target}"


@pytest.mark.parametrize("part_id", PART_IDS)
def test_part_has_enough_for_a_discussion(guide: Guide, part_id: str) -> None:
    part = guide.part(part_id)
    assert part.summary.strip() and part.context.strip() and part.need.strip()
    assert len(part.recommendations) >= 2
    assert 3 <= len(part.prompts) <= 12
    if not part.is_annex:
        assert len(part.linkages) >= 1
    for rec in part.recommendations:
        assert rec.id.startswith(f"{part_id}.R"), rec.id
        assert rec.title.strip() and words(rec.explanation) >= 20, rec.id
    body = " ".join(
        [part.context, part.need, *(f"{r.title} {r.explanation}" for r in part.recommendations)]
        + list(part.prompts)
    )
    assert words(body) >= 250, f"{part_id} has only {words(body)} words"


def test_no_markup_the_app_would_misread(guide: Guide) -> None:
    """The app shows text literally; square brackets would be Textual markup elsewhere."""
    for part in guide.parts:
        texts = [part.title, part.summary, part.context, part.need, *part.prompts]
        texts += [f"{r.title} {r.explanation}" for r in part.recommendations]
        for text in texts:
            assert "[" not in text and "]" not in text, part.id


def test_annex_a_principles_cover_the_four_themes(guide: Guide) -> None:
    principles = guide.part("AnnexA").principles
    assert len(principles) >= 4
    assert {p.theme for p in principles} == THEMES
    assert all(p.id.startswith("AnnexA.P") and p.title and p.explanation for p in principles)


def test_annex_b_risks_have_questions_and_parts(guide: Guide) -> None:
    risks = guide.part("AnnexB").risks
    assert len(risks) >= 5
    for risk in risks:
        assert risk.id.startswith("AnnexB.K")
        assert risk.description.strip()
        assert len(risk.questions) >= 3, risk.id
        assert risk.parts, risk.id


def test_b3_recommendations_are_found_by_id(guide: Guide) -> None:
    b3 = guide.part("B3")
    first = b3.recommendations[0]
    assert guide.recommendation(first.id) == first
    assert guide.find_part_id("annex b") == "AnnexB"


def test_annex_ids_read_as_words_for_people() -> None:
    from workshop.guide.model import display_part_id

    guide = load_guide()
    assert guide.part("AnnexB").label == "Annex B Mitigating the key risks: checklist"
    assert guide.part("B3").label == "B3 Collaborative engagement"
    assert display_part_id("AnnexA") == "Annex A" and display_part_id("C") == "C"
