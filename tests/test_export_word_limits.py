"""Word export takes whatever was typed: characters XML cannot hold are shown as visible
pictures (never passed to python-docx, never silently dropped), and a note of many megabytes on
one line is written whole (libxml2 refuses a single text node over 10 MB)."""

from __future__ import annotations

import io

import docx

from tests.export_fixtures import _rec, rich_session
from tests.export_support import summary_of
from workshop.export import render
from workshop.export.docx_export import render_docx


def _with_note(text: str) -> dict:
    snap = rich_session()
    snap["records"].append(_rec("note", 90, "B1", text=text, id="note-limits"))
    return snap


def _paragraph_with(doc, needle: str) -> str:
    return next(p.text for p in doc.paragraphs if needle in p.text)


def test_characters_xml_cannot_hold_are_made_visible():
    typed = "bell\x07 esc\x1b[2J nul\x00 vt\x0b del\x7f lone\ud800 nonchar\ufffe\uffff end"
    doc = docx.Document(io.BytesIO(render_docx(summary_of(_with_note(typed)))))
    text = _paragraph_with(doc, "nonchar")
    assert "bell\u2407 esc\u241b[2J nul\u2400 vt\u240b del\u2421 lone\ufffd " \
           "nonchar\ufffd\ufffd end" in text


def test_a_note_of_eleven_megabytes_on_one_line_is_written_whole():
    word = "participation "
    typed = word * (11_000_000 // len(word))
    data = render(_with_note(typed), "docx", guide=None)
    doc = docx.Document(io.BytesIO(data))
    text = _paragraph_with(doc, "participation participation")
    assert text.endswith(typed.strip()) or typed.rstrip() in text
