"""The risk heat map has one orientation everywhere, the app's: likelihood in rows (5 at the top),
impact in columns (1 to 5, left to right), with both axes labelled. Risk #2 (K1) of the rich session
is likelihood 2, impact 3; #1 (K2) and #3 (C1) are likelihood 4, impact 5: the map labels risks
as the app does."""

from __future__ import annotations

import io

import docx
import html5lib

from tests.export_support import rich
from workshop.export.docx_export import render_docx
from workshop.export.html import render_html
from workshop.export.markdown import render_markdown

EXPECTED = {  # likelihood row -> cells for impact 1..5
    5: ["", "", "", "", ""],
    4: ["", "", "", "", "K2 C1"],
    3: ["", "", "", "", ""],
    2: ["", "", "K1", "", ""],
    1: ["", "", "", "", ""],
}


def test_markdown_heat_map_has_likelihood_rows_and_impact_columns():
    lines = render_markdown(rich()).splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("| Likelihood"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    assert "impact" in header[0].lower()
    assert header[1:] == ["Impact 1", "Impact 2", "Impact 3", "Impact 4", "Impact 5"]
    rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[start + 2:start + 7]]
    assert [r[0] for r in rows] == ["Likelihood 5", "Likelihood 4", "Likelihood 3",
                                    "Likelihood 2", "Likelihood 1"]
    assert {int(r[0].split()[1]): r[1:] for r in rows} == EXPECTED


def test_html_heat_map_has_likelihood_rows_and_impact_columns():
    doc = html5lib.parse(render_html(rich()), namespaceHTMLElements=False)
    heat = doc.find(".//table[@class='heat']")
    caption = "".join(heat.find("caption").itertext()).lower()
    assert "likelihood" in caption and "rows" in caption and "impact" in caption
    head = ["".join(th.itertext()) for th in heat.findall("./thead/tr/th")]
    assert head[1:] == ["Impact 1", "Impact 2", "Impact 3", "Impact 4", "Impact 5"]
    rows = heat.findall("./tbody/tr")
    labels = ["".join(r.find("th").itertext()) for r in rows]
    assert labels == [f"Likelihood {n}" for n in (5, 4, 3, 2, 1)]
    got = {6 - i: ["".join(td.itertext()) for td in r.findall("td")] for i, r in enumerate(rows, 1)}
    assert got == EXPECTED


def test_word_heat_map_has_likelihood_rows_and_impact_columns():
    doc = docx.Document(io.BytesIO(render_docx(rich())))
    heat = next(t for t in doc.tables if t.rows[1].cells[0].text == "Likelihood 5")
    assert [c.text for c in heat.rows[0].cells][1:] == [f"Impact {n}" for n in range(1, 6)]
    got = {6 - i: [c.text for c in row.cells[1:]] for i, row in enumerate(heat.rows[1:], 1)}
    assert got == EXPECTED
    headings = [p.text for p in doc.paragraphs if p.text.startswith("Heat map")]
    assert headings and "likelihood (rows)" in headings[0].lower()
