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
                               "engagement", "risk", "benefit")
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
        assert kind.a == f"{expected} {kind.name}"
    assert REGISTRY["idea"].a == "an idea" and REGISTRY["note"].a == "a note"
    assert REGISTRY["action"].a == "an action" and REGISTRY["engagement"].a == "an engagement"


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
    assert CARRY_KINDS == ("action", "decision", "risk", "benefit", "engagement")
    action = REGISTRY["action"].carry
    assert action is not None and action.reset == {"status_note": ""}
    assert action.still_open({"status": "in progress"}) and not action.still_open(
        {"status": "done"})
    assert REGISTRY["note"].carry is None


def test_registers_are_the_declared_ones_in_declared_order() -> None:
    assert REGISTERS == ("actions", "decisions", "ratings", "notes", "stakeholders",
                         "engagement", "risks", "benefits")
    declared = {k.register for k in REGISTRY.values() if k.register}
    assert set(REGISTERS) == declared | {"stakeholders"}
