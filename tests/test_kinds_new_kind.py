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

QUESTION = Kind(
    name="question",
    plural="questions",
    fields={"text": text(), "answerer": text(), "by": date(), "answer": text(),
            "open": text("yes", choices=("yes", "no"))},
    labels={"by": "answer by"},
    person_fields=("answerer",),
    register="questions",
    register_rank=9,
)
KINDS = {**REGISTRY, "question": QUESTION}


def test_the_new_kind_is_validated_by_its_declared_rules() -> None:
    record = normalise_record({"kind": "question", "id": "q1", "part": "B1", "text": "Who?"},
                              KINDS)
    assert record["answer"] == "" and record["open"] == "yes" and record["author"] == ""
    with pytest.raises(WorkshopError, match="by"):
        normalise_record({"kind": "question", "id": "q1", "part": "B1", "by": "2026-02-30"},
                         KINDS)
    with pytest.raises(WorkshopError, match="open"):
        normalise_record({"kind": "question", "id": "q1", "part": "B1", "open": "maybe"}, KINDS)
    with pytest.raises(WorkshopError, match="unknown record kind 'question'"):
        normalise_record({"kind": "question", "id": "q1", "part": "B1"})


def test_the_new_kind_has_its_place_in_the_schema() -> None:
    schema = build_schema(KINDS)
    assert {"$ref": "#/$defs/question"} in schema["properties"]["records"]["items"]["oneOf"]
    question = schema["$defs"]["question"]
    assert question["title"] == "Question"
    assert question["properties"]["kind"] == {"const": "question"}
    assert question["properties"]["open"]["enum"] == ["yes", "no"]
    assert "pattern" in question["properties"]["by"]
    assert "question" not in build_schema()["$defs"]


def test_the_new_kind_gets_a_csv_register_from_its_declaration() -> None:
    assert register_names(KINDS.values())[-1] == "questions"
    snapshot = {
        "format": "workshop-session", "format_version": 1,
        "session": {"id": "s1", "title": "Vision workshop"}, "agenda": [], "participants": [],
        "records": [normalise_record(
            {"kind": "question", "id": "q1", "no": 1, "part": "B1", "text": "Who pays?",
             "answerer": "Finance", "by": "2026-07-01", "author": "Table 2"}, KINDS)],
    }
    summary = build_summary(snapshot, small_guide(), SummaryOptions(today=TODAY))
    rows = list(csv.reader(io.StringIO(render_csv(summary, "questions", registers(KINDS)))))
    assert rows == [
        ["Number", "Text", "Answerer", "Answer by", "Answer", "Open", "Part", "Recommendation",
         "Author", "Record id"],
        ["1", "Who pays?", "Finance", "2026-07-01", "", "yes", "B1", "", "Table 2", "q1"],
    ]
    with pytest.raises(WorkshopError, match="questions"):
        render_csv(summary, "questions")
