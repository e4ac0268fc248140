"""The Word body is written as text straight into word/document.xml (never parsed, so a big
session exports in linear time); it must be exactly the document lxml would have written: read
back by python-docx's own parser and serialised again, word/document.xml is byte for byte the
same, whatever the user typed (markup, entities, empty fields, right-to-left text, tabs, lines)."""

from __future__ import annotations

import copy
import io
import zipfile

from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml

from tests.export_fixtures import _rec, rich_session
from tests.export_support import hostile, rich, summary_of
from workshop.export.docx_export import render_docx


def _document_xml(summary) -> bytes:
    with zipfile.ZipFile(io.BytesIO(render_docx(summary))) as package:
        return package.read("word/document.xml")


def _round_trip(xml: bytes) -> bytes:
    return serialize_part_xml(parse_xml(xml))


def test_hostile_text_is_written_as_lxml_writes_it():
    for summary in (hostile(), hostile(include_all=True, no_names=True), rich()):
        xml = _document_xml(summary)
        assert _round_trip(xml) == xml


def test_empty_and_awkward_cells_are_written_as_lxml_writes_them():
    snap = copy.deepcopy(rich_session())
    awkward = ["", " ", "a & b < c > d \"q\" 'p'", "]]> &amp; &#x41;", "tab\there",
               "two\nlines\n", "\n", "مرحبا بالعالم", "emoji 🙂 and \u200d joiner"]
    snap["records"] += [
        _rec("action", 900 + i, "B1", title=text, owner=text, description=text,
             status_note=text, due="2026-09-01", status="open")
        for i, text in enumerate(awkward)
    ]
    xml = _document_xml(summary_of(snap, include_all=True))
    assert _round_trip(xml) == xml
    assert b'<w:t xml:space="preserve"/>' in xml  # an empty cell, as lxml writes it
    assert b"a &amp; b &lt; c &gt; d \"q\" 'p'" in xml
    assert b"]]&gt; &amp;amp; &amp;#x41;" in xml
