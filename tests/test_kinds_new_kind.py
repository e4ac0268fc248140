"""A kind declared in a copy of the registry, with no other edit, is validated like the others,
has its place in the JSON Schema and gets a CSV register laid out from its declaration."""

from __future__ import annotations

import csv
import io

import pytest

from tests.export_fixtures import TODAY, small_guide
from workshop.errors import WorkshopError
from workshop.export.csv_export import registers, render_csv
from workshop.export.json_schema import build_schema
from workshop.kinds import REGISTRY, register_names
from workshop.kinds.model import Kind, date, text
from workshop.records import normalise_record
from workshop.summary import SummaryOptions, build_summary

HUNCH = Kind(
    name="hunch",
    plural="hunches",
    fields={"text": text(), "answerer": text(), "by": date(), "answer": text(),
            "open": text("yes", choices=("yes", "no"))},
    labels={"by": "answer by"},
    person_fields=("answerer",),
    register="hunches",
    register_rank=9,
)
KINDS = {**REGISTRY, "hunch": HUNCH}


def test_the_new_kind_is_validated_by_its_declared_rules() -> None:
    record = normalise_record({"kind": "hunch", "id": "q1", "part": "B1", "text": "Who?"},
                              KINDS)
    assert record["answer"] == "" and record["open"] == "yes" and record["author"] == ""
    with pytest.raises(WorkshopError, match="by"):
        normalise_record({"kind": "hunch", "id": "q1", "part": "B1", "by": "2026-02-30"},
                         KINDS)
    with pytest.raises(WorkshopError, match="open"):
        normalise_record({"kind": "hunch", "id": "q1", "part": "B1", "open": "maybe"}, KINDS)
    with pytest.raises(WorkshopError, match="unknown record kind 'hunch'"):
        normalise_record({"kind": "hunch", "id": "q1", "part": "B1"})


def test_the_new_kind_has_its_place_in_the_schema() -> None:
    schema = build_schema(KINDS)
    assert {"$ref": "#/$defs/hunch"} in schema["properties"]["records"]["items"]["oneOf"]
    hunch = schema["$defs"]["hunch"]
    assert hunch["title"] == "Hunch"
    assert hunch["properties"]["kind"] == {"const": "hunch"}
    assert hunch["properties"]["open"]["enum"] == ["yes", "no"]
    assert "pattern" in hunch["properties"]["by"]
    assert "hunch" not in build_schema()["$defs"]


def test_the_new_kind_gets_a_csv_register_from_its_declaration() -> None:
    assert register_names(KINDS.values())[-1] == "hunches"
    snapshot = {
        "format": "workshop-session", "format_version": 1,
        "session": {"id": "s1", "title": "Vision workshop"}, "agenda": [], "participants": [],
        "records": [normalise_record(
            {"kind": "hunch", "id": "q1", "no": 1, "part": "B1", "text": "Who pays?",
             "answerer": "Finance", "by": "2026-07-01", "author": "Table 2"}, KINDS)],
    }
    summary = build_summary(snapshot, small_guide(), SummaryOptions(today=TODAY))
    rows = list(csv.reader(io.StringIO(render_csv(summary, "hunches", registers(KINDS)))))
    assert rows == [
        ["Number", "Text", "Answerer", "Answer by", "Answer", "Open", "Part", "Recommendation",
         "Author", "Record id"],
        ["1", "Who pays?", "Finance", "2026-07-01", "", "yes", "B1", "", "Table 2", "q1"],
    ]
    with pytest.raises(WorkshopError, match="hunches"):
        render_csv(summary, "hunches")
