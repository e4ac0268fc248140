"""The kinds registry (workshop/kinds/) is the one declaration of every record kind: the store's
rules, the labels, the people in a record, carry-over and the CSV registers are read from it."""

from __future__ import annotations

import re

from workshop import records
from workshop.kinds import CARRY_KINDS, REGISTERS, REGISTRY
from workshop.kinds.model import COMMON_RULES
from workshop.rules import Field

_VOWEL_SOUND = re.compile(r"^[aeiou]")


def test_every_kind_declares_its_names_and_fields() -> None:
    assert tuple(REGISTRY) == ("note", "idea", "rating", "vote", "decision", "action",
                               "engagement", "risk", "benefit", "question")
    for name, kind in REGISTRY.items():
        assert kind.name == name
        assert kind.fields and all(isinstance(f, Field) for f in kind.fields.values())
        assert not set(kind.fields) & set(COMMON_RULES) - {"kind"}, name
        assert kind.plural.startswith(name) and kind.plural != name
        assert kind.section and kind.label == name.capitalize()
        for field in kind.fields:
            assert kind.label_of(field)[:1].isupper()


def test_the_article_fits_the_word() -> None:
    for kind in REGISTRY.values():
        expected = "an" if _VOWEL_SOUND.match(kind.name) else "a"
        assert kind.a == f"{expected} {kind.singular}"
        assert kind.singular.startswith(kind.name)
    assert REGISTRY["idea"].a == "an idea" and REGISTRY["note"].a == "a note"
    assert REGISTRY["action"].a == "an action"
    assert REGISTRY["engagement"].a == "an engagement decision"


def test_the_records_tables_are_views_of_the_registry() -> None:
    assert tuple(REGISTRY) == records.KINDS
    for name, kind in REGISTRY.items():
        assert records.KIND_RULES[name] == dict(kind.fields)
        assert list(records.RECORD_RULES[name]) == [*COMMON_RULES, *kind.fields]
        assert records.KIND_LABELS[name] == kind.label
    assert records.KIND_RULES["benefit"]["target_value"] is REGISTRY["benefit"].fields[
        "target_value"]


def test_people_and_carry_over_are_declared() -> None:
    assert REGISTRY["action"].people == ("author", "owner")
    assert REGISTRY["note"].people == ("author",)
    assert CARRY_KINDS == ("action", "decision", "risk", "benefit", "engagement", "question")
    action = REGISTRY["action"].carry
    assert action is not None and action.reset == {"status_note": ""}
    assert action.still_open({"status": "in progress"}) and not action.still_open(
        {"status": "done"})
    assert REGISTRY["note"].carry is None


def test_registers_are_the_declared_ones_in_declared_order() -> None:
    assert REGISTERS == ("actions", "decisions", "ratings", "notes", "stakeholders",
                         "engagement", "risks", "benefits", "questions")
    declared = {k.register for k in REGISTRY.values() if k.register}
    assert set(REGISTERS) == declared | {"stakeholders"}


def _what_choices() -> list[str]:
    from workshop.cli import build_parser

    parser = build_parser()
    export = next(a for a in parser._subparsers._group_actions  # noqa: SLF001 - argparse has no API
                  if a.choices and "export" in a.choices).choices["export"]
    what = next(a for a in export._actions if a.dest == "what")  # noqa: SLF001
    return list(what.choices)


def test_cli_export_screen_and_csv_read_the_registry_registers() -> None:
    from workshop.export.csv_export import REGISTERS as CSV
    from workshop.tui.screens.export import CSV_REGISTERS

    assert _what_choices() == list(REGISTERS)
    assert tuple(CSV_REGISTERS) == REGISTERS
    assert tuple(CSV) == REGISTERS


def test_no_names_replaces_the_declared_person_fields() -> None:
    from workshop.summary_people import PERSON_FIELDS

    assert {name: kind.people for name, kind in REGISTRY.items()} == PERSON_FIELDS
    assert PERSON_FIELDS["engagement"] == ("author", "owner", "stakeholders")
    assert PERSON_FIELDS["vote"] == ("author", "voter")


def test_follow_up_applies_the_declared_carry_over() -> None:
    from workshop import followup

    assert followup.CARRY_KINDS == CARRY_KINDS
    cases = [({"kind": "action", "status": "open"}, True),
             ({"kind": "action", "status": "dropped"}, False),
             ({"kind": "decision", "outcome": "parked"}, True),
             ({"kind": "decision", "outcome": "agreed"}, False),
             ({"kind": "risk", "status": "partly"}, True),
             ({"kind": "risk", "status": "mitigated"}, False),
             ({"kind": "engagement", "loop_closed": True}, False),
             ({"kind": "benefit"}, True), ({"kind": "note"}, False), ({"kind": "idea"}, False)]
    for record, still_open in cases:
        assert followup.is_still_open(record) is still_open, record


def test_the_app_reads_capture_kinds_plurals_and_carry_offers_from_the_registry() -> None:
    from workshop.kinds import CAPTURE_KINDS
    from workshop.tui.screens.followup import KIND_CHOICES
    from workshop.tui.widgets.capture import CAPTURE_KINDS as PANEL_KINDS

    assert PANEL_KINDS == CAPTURE_KINDS == ("note", "idea", "rating", "vote", "decision",
                                            "action", "question")
    assert all(REGISTRY[k].form == "register" for k in REGISTRY if k not in CAPTURE_KINDS)
    assert list(KIND_CHOICES) == list(CARRY_KINDS)
    assert KIND_CHOICES["decision"] == "Parked decisions"
    assert [REGISTRY[k].plural_label for k in CAPTURE_KINDS] == [
        "Notes", "Ideas", "Ratings", "Votes", "Decisions", "Actions", "Questions"]


def test_documents_count_kinds_with_the_declared_nouns() -> None:
    from workshop.export.common import counts_text
    from workshop.summary import KindCount

    counts = [KindCount(name, kind.label, 1 + (name == "engagement")) for name, kind in
              REGISTRY.items()]
    text = counts_text(counts)
    assert "1 idea" in text and "2 engagement decisions" in text and "1 benefit" in text


def test_each_capture_kind_has_its_declared_key_in_the_walkthrough() -> None:
    from workshop.kinds import CAPTURE_KINDS
    from workshop.tui.screens.walkthrough import WalkthroughScreen

    keys = {b.action: (b.key, b.description) for b in WalkthroughScreen.BINDINGS
            if b.action.startswith("capture(")}
    assert keys == {f"capture('{k}')": (REGISTRY[k].key, REGISTRY[k].key_label or
                                         REGISTRY[k].label) for k in CAPTURE_KINDS}
    assert [REGISTRY[k].key for k in CAPTURE_KINDS] == ["w", "i", "r", "v", "d", "a", "q"]
    assert all(not REGISTRY[k].key for k in REGISTRY if k not in CAPTURE_KINDS)



def test_the_benefits_register_columns_are_the_declared_field_labels(monkeypatch) -> None:
    import csv
    import dataclasses
    import io

    from tests.export_fixtures import TODAY, small_guide
    from workshop.export.csv_export import render_csv
    from workshop.summary import SummaryOptions, build_summary

    snapshot = {"session": {"id": "s1", "title": "T"}, "agenda": [], "participants": [],
                "records": []}

    def header() -> list[str]:  # the summary carries the declaration it was built with
        summary = build_summary(snapshot, small_guide(), SummaryOptions(today=TODAY))
        return next(csv.reader(io.StringIO(render_csv(summary, "benefits"))))

    assert header()[1:10] == ["Title", "Beneficiaries", "Measure", "Baseline", "Target",
                              "Due date", "Owner", "Parts", "Actions"]
    benefit = REGISTRY["benefit"]
    relabelled = dataclasses.replace(benefit, labels={**benefit.labels, "target_value": "goal"})
    monkeypatch.setitem(REGISTRY, "benefit", relabelled)
    assert header()[5] == "Goal"


def test_declared_section_titles_are_the_documents_section_titles() -> None:
    from workshop.export.common import SECTION_TITLES

    sections = {"action": "actions", "decision": "decisions", "rating": "maturity",
                "note": "discussion", "engagement": "engagement", "risk": "risks",
                "benefit": "benefits"}
    for kind, section in sections.items():
        assert REGISTRY[kind].section == SECTION_TITLES[section], kind
