"""The open-data export: a Frictionless Data Package (datapackage.json + CSV) checked against
the Data Package and Table Schema specifications by our own checks (the `frictionless` tool is
not installed here): descriptor shape, field names matching the CSV headers, every value of its
declared type, unique primary keys, foreign keys that resolve; with --no-names, no name."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile

import pytest

from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide
from workshop.export import render

NAME = re.compile(r"^[a-z0-9._-]+$")
TYPES = {"string", "integer", "number", "date", "boolean"}


def _package(tmp_path, **options):
    data = render(demo_snapshot(tmp_path), "datapackage", guide=real_guide(), today=DEMO_TODAY,
                  **options)
    archive = zipfile.ZipFile(io.BytesIO(data))
    descriptor = json.loads(archive.read("datapackage.json"))
    tables = {}
    for res in descriptor["resources"]:
        raw = archive.read(res["path"])
        assert not raw.startswith(b"\xef\xbb\xbf")  # utf-8 as declared, no byte-order mark
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        tables[res["name"]] = rows
    return descriptor, tables


def _valid(value: str, field: dict) -> bool:
    if value in field.get("missingValues", [""]):
        return True
    kind = field["type"]
    if kind == "integer":
        return re.fullmatch(r"-?\d+", value) is not None
    if kind == "number":
        return re.fullmatch(r"-?\d+(\.\d+)?", value) is not None
    if kind == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if kind == "boolean":
        return value in field["trueValues"] + field["falseValues"]
    return True


def test_descriptor_follows_the_data_package_spec(tmp_path):
    descriptor, tables = _package(tmp_path)
    assert descriptor["profile"] == "tabular-data-package"
    assert NAME.match(descriptor["name"]) and descriptor["title"]
    dt.datetime.fromisoformat(descriptor["created"].replace("Z", "+00:00"))
    names = [r["name"] for r in descriptor["resources"]]
    assert len(set(names)) == len(names) and "parts" in names and "actions" in names
    assert len(names) == 10  # the parts, then the nine registers (the parking lot the ninth)
    for res in descriptor["resources"]:
        assert NAME.match(res["name"]) and res["path"].startswith("data/")
        assert res["profile"] == "tabular-data-resource" and res["format"] == "csv"
        assert res["encoding"] == "utf-8"
        fields = res["schema"]["fields"]
        header, *rows = tables[res["name"]]
        assert header == [f["name"] for f in fields], res["name"]
        for f in fields:
            assert f["type"] in TYPES and NAME.match(f["name"]) and f["title"]
        for row in rows:
            assert len(row) == len(fields)
            for value, f in zip(row, fields, strict=True):
                f = {**f, "missingValues": res["schema"].get("missingValues", [""])}
                assert _valid(value, f), (res["name"], f["name"], value)


def test_types_keys_and_foreign_keys(tmp_path):
    descriptor, tables = _package(tmp_path)
    resources = {r["name"]: r for r in descriptor["resources"]}
    actions = {f["name"]: f for f in resources["actions"]["schema"]["fields"]}
    assert actions["due_date"]["type"] == "date"
    assert actions["number"]["type"] == "integer"
    assert actions["overdue"]["type"] == "boolean"
    assert actions["title"]["type"] == "string" and actions["title"]["title"] == "Title"
    assert resources["actions"]["schema"]["primaryKey"] == ["record_id"]
    assert resources["stakeholders"]["schema"]["primaryKey"] == ["participant_id"]

    def column(name, field):
        header, *rows = tables[name]
        return [row[header.index(field)] for row in rows]

    for name, res in resources.items():
        key = res["schema"].get("primaryKey")
        if key:
            values = column(name, key[0])
            assert all(values) and len(set(values)) == len(values), name
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]
            allowed = set(column(target["resource"], target["fields"][0]))
            used = [v for v in column(name, fk["fields"][0]) if v]
            assert set(used) <= allowed, (name, fk)
    fks = {fk["fields"][0] for fk in resources["actions"]["schema"]["foreignKeys"]}
    assert fks == {"part", "source_decision", "source_note"}
    assert any(column("actions", "source_decision")), "some actions come from a decision"


def test_no_names_is_fit_to_publish(tmp_path):
    named, named_tables = _package(tmp_path)
    descriptor, tables = _package(tmp_path, no_names=True)
    assert "left out" in descriptor["description"]
    assert "--no-names" in named["description"]
    text = json.dumps(tables, ensure_ascii=False)
    for person in ("Dev Raman", "Inês Carvalho", "Maya Okafor", "Farid Haddad"):
        assert person in json.dumps(named_tables, ensure_ascii=False)
        assert person not in text
    header, *rows = tables["stakeholders"]  # the demo's ids spell first names ("pdev")
    ids = [row[header.index("participant_id")] for row in rows]
    assert ids == [f"stakeholder-{n}" for n in range(1, len(rows) + 1)]
    assert "pdev" in json.dumps(named_tables) and "pdev" not in text


@pytest.mark.parametrize("typed", ["=1+1", "+10 points"])
def test_values_are_exact_without_a_formula_guard(tmp_path, typed):
    import copy

    from tests.export_fixtures import _rec, rich_session
    from tests.export_support import summary_of
    from workshop.export.datapackage_export import render_datapackage

    snap = copy.deepcopy(rich_session())
    snap["records"].append(_rec("action", 90, "B1", title=typed, owner="Jo", due="2026-09-01",
                                status="open"))
    archive = zipfile.ZipFile(io.BytesIO(render_datapackage(summary_of(snap,
                                                                       include_all=True))))
    rows = list(csv.reader(io.StringIO(archive.read("data/actions.csv").decode("utf-8"))))
    assert any(row[0] == typed for row in rows)
