"""A kind declared in a copy of the registry, with no other edit, is validated like the others,
has its place in the JSON Schema, a CSV register and a section in every document (Markdown, HTML,
Word) laid out from its declared columns; `--no-names` covers its person fields. The last test
adds a kind to a copy of the package exactly as a newcomer would (its module and the one
REGISTRY line) and exports it in every format."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.export_fixtures import TODAY, small_guide
from workshop.errors import WorkshopError
from workshop.export import build
from workshop.export.csv_export import registers, render_csv
from workshop.export.docx_export import render_docx
from workshop.export.html import render_html
from workshop.export.json_schema import build_schema
from workshop.export.markdown import render_markdown
from workshop.kinds import REGISTRY, register_names
from workshop.kinds.model import Column, Kind, date, text
from workshop.records import normalise_record
from workshop.summary import Summary, SummaryOptions, build_summary

HUNCH = Kind(
    name="hunch",
    plural="hunches",
    title="Open hunches",
    fields={"text": text(), "answerer": text(), "by": date(), "answer": text(),
            "open": text("yes", choices=("yes", "no"))},
    labels={"by": "answer by"},
    person_fields=("answerer",),
    register="hunches",
    register_rank=9,
)
KINDS = {**REGISTRY, "hunch": HUNCH}
#: The same kind with its columns declared: headings, widths, long text, the part by name.
ASKED = Kind(
    name="asked",
    plural="asked hunches",
    title="Parking lot",
    fields=HUNCH.fields,
    labels={"by": "answer by"},
    person_fields=("answerer",),
    register="asked",
    register_rank=5,  # between the discussion (4) and the stakeholder engagement (6)
    columns=(Column("text", "Hunch", 5, long=True), Column("answerer", "Who answers"),
             Column("by", "By"), Column("answer", weight=4, long=True), Column("author"),
             Column("part", names="parts")),
)
ASKED_KINDS = {**REGISTRY, "asked": ASKED}


def _snapshot(kind: str) -> dict:
    return {
        "format": "workshop-session", "format_version": 1,
        "session": {"id": "s1", "title": "Vision workshop"}, "agenda": [],
        "participants": [{"id": "p1", "name": "Dev Raman", "organisation": "Transit Co",
                          "sector": "private", "kind": "person", "attended": True}],
        "records": [normalise_record(
            {"kind": kind, "id": "q1", "no": 1, "part": "B1", "text": "Who pays for <the> bus?",
             "answerer": "p1", "by": "2026-07-01", "author": "Table 2"},
            {**KINDS, **ASKED_KINDS})],
    }


def _summary(kind: str, kinds: dict[str, Kind], **options: bool) -> Summary:
    return build_summary(_snapshot(kind), small_guide(),
                         SummaryOptions(today=TODAY, **options), kinds)


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


def test_the_new_kind_gets_a_csv_register_from_its_own_fields() -> None:
    assert register_names(KINDS.values())[-1] == "hunches"
    summary = _summary("hunch", KINDS)
    rows = list(csv.reader(io.StringIO(render_csv(summary, "hunches", registers(KINDS)))))
    assert rows == [
        ["Number", "Text", "Answerer", "Answer by", "Answer", "Open", "Part", "Part title",
         "Recommendation", "Recommendation title", "Record id"],
        ["1", "Who pays for <the> bus?", "Dev Raman", "2026-07-01", "", "yes", "B1",
         "Vision", "", "", "q1"],
    ]
    with pytest.raises(WorkshopError, match="hunches"):
        render_csv(summary, "hunches")


def test_the_new_kind_gets_a_section_from_its_own_fields_after_the_registers() -> None:
    ids = [s.id for s in build.sections(_summary("hunch", KINDS))]
    assert ids[-2:] == ["hunches", "next"]  # rank 9: after the benefits' 8, before next steps
    md = render_markdown(_summary("hunch", KINDS))
    assert "## Open hunches" in md and "Who pays for \\<the> bus?" in md
    assert "| No. | Text | Answerer | Answer by | Answer | Open |" in md and "Dev Raman" in md
    assert "**Recorded:** 1 hunch" in md  # counted at a glance under its declared noun
    assert "Open hunches" not in render_markdown(_summary("hunch", REGISTRY))


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_declared_columns_lay_out_its_section_in_every_document_format() -> None:
    summary = _summary("asked", ASKED_KINDS)
    ids = [s.id for s in build.sections(summary)]
    assert ids.index("discussion") < ids.index("asked") < ids.index("next")
    (section,) = [s for s in build.sections(summary) if s.id == "asked"]
    table = section.blocks[1]
    assert [(c.label, c.weight) for c in table.columns] == [
        ("No.", 1), ("Hunch", 5), ("Who answers", 2), ("By", 2), ("Answer", 4),
        ("Author", 2), ("Part", 2)]
    md = render_markdown(summary)
    assert "## Parking lot" in md
    assert "| No. | Hunch | Who answers | By | Answer | Author | Part |" in md
    assert "Who pays for \\<the> bus?" in md and "B1 Vision" in md
    html = render_html(summary)
    assert "Parking lot</h2>" in html and "Who pays for &lt;the&gt; bus?" in html
    assert "Who answers" in html and "Dev Raman" in html
    word = _docx_text(render_docx(summary))
    assert "Parking lot" in word and "Who pays for <the> bus?" in word and "Dev Raman" in word
    rows = list(csv.reader(io.StringIO(render_csv(summary, "asked", registers(ASKED_KINDS)))))
    assert rows[0][:7] == ["Number", "Text", "Answerer", "Answer by", "Answer", "Author", "Part"]
    assert rows[1][:7] == ["1", "Who pays for <the> bus?", "Dev Raman", "2026-07-01", "",
                           "Table 2", "B1 Vision"]


def test_no_names_replaces_the_declared_person_fields_of_a_new_kind() -> None:
    summary = _summary("asked", ASKED_KINDS, no_names=True)
    for output in (render_markdown(summary), render_html(summary),
                   _docx_text(render_docx(summary)),
                   render_csv(summary, "asked", registers(ASKED_KINDS))):
        assert "Dev Raman" not in output and "Transit Co" in output


TOY_MODULE = '''"""A parking-lot hunch, as a newcomer declares it."""
from workshop.kinds.model import Column, Kind, date, text

KIND = Kind(
    name="toyq", plural="toy hunches", title="Toy parking lot",
    fields={"hunch": text(), "who": text(), "by": date(), "answer": text(),
            "status": text("open", choices=("open", "answered"))},
    person_fields=("who",), register="toyqs", register_rank=9,
    columns=(Column("hunch", weight=5, long=True), Column("who", "Who finds out"),
             Column("by"), Column("answer", weight=4, long=True), Column("status")),
)
'''
TOY_SCRIPT = '''
import io, json, sys
import docx
from workshop.export import render
from workshop.export.json_export import validate_snapshot
snapshot = validate_snapshot(json.loads(sys.argv[1]))
out = {fmt: render(snapshot, fmt, what="toyqs") for fmt in ("md", "html", "csv", "json")}
out["no_names_md"] = render(snapshot, "md", no_names=True)
document = docx.Document(io.BytesIO(render(snapshot, "docx")))
out["docx"] = "\\n".join([p.text for p in document.paragraphs] + [
    c.text for t in document.tables for r in t.rows for c in r.cells])
print(json.dumps(out))
'''


def test_a_kind_module_and_its_registry_line_give_every_export(tmp_path: Path) -> None:
    """Exactly what a newcomer does: copy the package, add the kind's module and its one line
    in REGISTRY; nothing else is edited, and every export lists it."""
    source = Path(build.__file__).parents[2] / "workshop"
    package = tmp_path / "workshop"
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__", "tui"))
    (tmp_path / "content").symlink_to(source.parent / "content")  # the guide
    (package / "kinds" / "toyq.py").write_text(TOY_MODULE, encoding="utf-8")
    init = package / "kinds" / "__init__.py"
    registry = init.read_text(encoding="utf-8")
    line = "    k.name: k for k in (note.KIND,"
    assert registry.count(line) == 1
    init.write_text(registry.replace(line, "    k.name: k for k in (toyq.KIND, note.KIND,")
                    .replace("from workshop.kinds import (", "from workshop.kinds import (\n"
                             "    toyq,"), encoding="utf-8")
    snapshot = {
        "format": "workshop-session", "format_version": 1,
        "session": {"id": "s1", "title": "Vision workshop"}, "agenda": [],
        "participants": [{"id": "p1", "name": "Dev Raman", "organisation": "Transit Co",
                          "sector": "private", "kind": "person", "attended": True}],
        "records": [{"kind": "toyq", "id": "q1", "no": 1, "part": "B1",
                     "hunch": "Who pays for the bus?", "who": "Dev Raman",
                     "by": "2026-07-01"}],
    }
    done = subprocess.run([sys.executable, "-c", TOY_SCRIPT, json.dumps(snapshot)],
                          cwd=tmp_path, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "## Toy parking lot" in out["md"] and "Who pays for the bus?" in out["md"]
    assert "| No. | Hunch | Who finds out | By | Answer | Status |" in out["md"]
    assert "Toy parking lot</h2>" in out["html"] and "Who finds out" in out["html"]
    assert "Toy parking lot" in out["docx"] and "Who pays for the bus?" in out["docx"]
    rows = list(csv.reader(io.StringIO(out["csv"].removeprefix("\ufeff"))))  # a file's BOM
    assert rows[0][:6] == ["Number", "Hunch", "Who", "By", "Answer", "Status"]
    assert rows[1][:6] == ["1", "Who pays for the bus?", "Dev Raman", "2026-07-01", "", "open"]
    (record,) = json.loads(out["json"])["records"]
    assert record["status"] == "open" and record["hunch"] == "Who pays for the bus?"
    assert "Dev Raman" not in out["no_names_md"] and "Transit Co" in out["no_names_md"]
