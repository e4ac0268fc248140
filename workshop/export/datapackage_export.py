"""Summary -> a Frictionless Data Package (one .zip: `datapackage.json` and `data/*.csv`), the
form open-data portals (CKAN and others) read: ISO 37106 B8, city data for the community.

Each register is a tabular resource with a table schema: fields named from the register's
columns (`Due date` -> `due_date`, its label as the title), their types (integer, number, date,
boolean, else string), the record id as primary key, and foreign keys where a value names another
row: every register's `part` -> the `parts` resource (each part's id and title), and an action's
source (`source_decision`, `source_note`: the decision, note or idea it was made from, when that
is in this package). Values are exact, as typed: UTF-8 without a byte-order mark and no formula
guard (a portal or a script reads them; for a spreadsheet, export the workbook). Export with
`--no-names` to publish: the descriptor says whether names are in, and the stakeholders'
participant ids (which may spell a name) become "stakeholder-1"...
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

from workshop.export.common import clean
from workshop.export.csv_export import REGISTERS
from workshop.summary import Summary

PROFILE = "tabular-data-package"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DECIMAL = re.compile(r"-?\d+(\.\d+)?")
# Columns that may hold numbers, dates or yes/no: typed so when every value in them is one (a
# benefit's target is free text, "under 60": only the ratings' target is a level).
TYPED_COLUMNS = frozenset({"Number", "Votes", "Likelihood", "Impact", "Score", "Ratings",
                           "Due date", "Overdue", "Attended", "Loop closed"})
TYPED_IN = {"ratings": TYPED_COLUMNS | {"Current", "Target", "Gap"}}


def typed_columns(register: str) -> frozenset[str]:
    """The columns of `register` that may be typed (numbers, dates, yes/no)."""
    return TYPED_IN.get(register, TYPED_COLUMNS)
PRIMARY_KEYS = ("Record id", "Participant id")
SOURCE_KEYS = {"decision": ("source_decision", "decisions"), "note": ("source_note", "notes"),
               "idea": ("source_note", "notes")}


def field_name(label: str) -> str:
    """ "Due date" -> "due_date": a field name portals and scripts take as it is."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "field"


def package_name(text: str) -> str:
    """A package name: lower case letters, digits, "-", "_" and "." only."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "workshop"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return clean(value) if not isinstance(value, int | float) else str(value)


def _type(label: str, values: list[str], typed: frozenset[str]) -> dict[str, Any]:
    """The field's type: from what all its (non-empty) values are, in a column that may be
    typed; a string otherwise."""
    given = [v for v in values if v != ""]
    if label not in typed or not given:
        return {"type": "string"}
    if all(v.lstrip("-").isdigit() for v in given):
        return {"type": "integer"}
    if all(DECIMAL.fullmatch(v) for v in given):
        return {"type": "number"}
    if all(ISO_DATE.fullmatch(v) for v in given):
        try:
            for v in given:
                _dt.date.fromisoformat(v)
        except ValueError:
            return {"type": "string"}
        return {"type": "date", "format": "default"}
    if set(given) <= {"yes", "no"}:
        return {"type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]}
    return {"type": "string"}


def _csv(header: list[str], rows: Iterable[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _tables(summary: Summary) -> dict[str, tuple[list[str], list[str], list[list[str]]]]:
    """Each register as (labels, field names, rows of text), actions with their sources."""
    targets = {str(r.get("id")): str(r.get("target") or "")
               for r in summary.records.get("action", ())}
    kinds = {str(r.get("id")): str(r.get("kind")) for rows in summary.records.values()
             for r in rows}
    tables = {}
    for register, rows_of in REGISTERS.items():
        labels, rows = rows_of(summary)
        labels = list(labels)
        text_rows = [[_text(v) for v in row] for row in rows]
        names = [field_name(label) for label in labels]
        if register == "actions" and "record_id" in names:
            at = names.index("record_id")
            extra = []
            for row in text_rows:
                target = targets.get(row[at], "")
                kind = kinds.get(target, "")
                wanted = SOURCE_KEYS.get(kind, ("", ""))[0]
                extra.append([target if wanted == "source_decision" else "",
                              target if wanted == "source_note" else ""])
            labels += ["Source decision", "Source note or idea"]
            names += ["source_decision", "source_note"]
            text_rows = [row + more for row, more in zip(text_rows, extra, strict=True)]
        tables[register] = (labels, names, text_rows)
    return tables


def _parts(tables: Mapping[str, tuple[list[str], list[str], list[list[str]]]]
           ) -> list[list[str]]:
    """Every part the registers name: (id, title), in order of first mention."""
    parts: dict[str, str] = {}
    for _, names, rows in tables.values():
        if "part" in names and "part_title" in names:
            p, t = names.index("part"), names.index("part_title")
            for row in rows:
                if row[p]:
                    parts.setdefault(row[p], row[t])
    return [[part, title] for part, title in parts.items()]


def render_datapackage(summary: Summary, now: _dt.datetime | None = None) -> bytes:
    stamp = now or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    tables = _tables(summary)
    ids = {register: {row[names.index("record_id")] for row in rows}
           for register, (_, names, rows) in tables.items() if "record_id" in names}
    files: dict[str, bytes] = {}
    resources = []
    parts = _parts(tables)
    files["data/parts.csv"] = _csv(["part", "title"], parts)
    resources.append({
        "name": "parts", "path": "data/parts.csv", "title": "Parts of the guide",
        "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": [{"name": "part", "title": "Part", "type": "string"},
                              {"name": "title", "title": "Part title", "type": "string"}],
                   "primaryKey": ["part"], "missingValues": [""]},
    })
    for register, (labels, names, rows) in tables.items():
        for name in ("source_decision", "source_note"):  # only sources in this package
            if name in names:
                at, target = names.index(name), SOURCE_KEYS["decision" if name ==
                                                           "source_decision" else "note"][1]
                for row in rows:
                    if row[at] and row[at] not in ids.get(target, set()):
                        row[at] = ""
        fields = []
        for i, (label, name) in enumerate(zip(labels, names, strict=True)):
            fields.append({"name": name, "title": label,
                           **_type(label, [row[i] for row in rows],
                                   typed_columns(register))})
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        key = next((field_name(k) for k in PRIMARY_KEYS if field_name(k) in names), "")
        if key:
            schema["primaryKey"] = [key]
        foreign = []
        if "part" in names:
            foreign.append({"fields": ["part"],
                            "reference": {"resource": "parts", "fields": ["part"]}})
        for name, target in (("source_decision", "decisions"), ("source_note", "notes")):
            if name in names and target in tables:
                foreign.append({"fields": [name],
                                "reference": {"resource": target, "fields": ["record_id"]}})
        if foreign:
            schema["foreignKeys"] = foreign
        path = f"data/{register}.csv"
        files[path] = _csv(names, rows)
        resources.append({
            "name": package_name(register), "path": path,
            "title": register.replace("_", " ").capitalize(),
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": schema,
        })
    t = summary.title
    title = clean(t.title) or "Workshop"
    names_note = ("Participants' names are left out (exported with --no-names)."
                  if summary.options.no_names else
                  "Contains participants' names: export with --no-names before publishing.")
    descriptor = {
        "profile": PROFILE,
        "name": package_name(f"{t.date}-{title}" if t.date else title)[:100],
        "title": f"{title}: workshop registers",
        "description": (f"Registers of an ISO 37106 workshop ({clean(t.city) or 'city'}, "
                        f"{t.date or 'undated'}). {names_note}"),
        "created": stamp.isoformat().replace("+00:00", "Z"),
        "keywords": ["ISO 37106", "smart city", "workshop"],
        "resources": resources,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("datapackage.json",
                         json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
        for path, data in files.items():
            package.writestr(path, data)
    return out.getvalue()
