"""Exports name parts and risks the way the app does: "Annex B", never the file id "AnnexB"; a
risk is "K1" (a checklist risk) or "C1" (the city's own) in the table and the heat map; a risk
not rated yet says it is a draft."""

from __future__ import annotations

import csv
import io

from export_fixtures import TODAY, rich_session, small_guide

from workshop.export import render


def _render(fmt: str, what: str = "actions") -> str:
    return render(rich_session(), fmt, guide=small_guide(), what=what, today=TODAY)


def _risks_section(text: str) -> str:
    start = text.index("## Key risks")
    return text[start: text.index("\n## ", start + 1) if "\n## " in text[start + 1:] else None]


def test_markdown_risk_table_and_heat_map_use_the_apps_labels() -> None:
    section = _risks_section(_render("md"))
    assert "AnnexB" not in section
    assert "| K2 Data silos |" in section and "| K1 No shared vision |" in section
    assert "| C1 Key staff leave |" in section
    heat = section[section.index("### Heat map"):]
    assert "| Likelihood 4 |   |   |   |   | K2 C1 |" in heat
    assert "| Likelihood 2 |   |   | K1 |   |   |" in heat
    assert "#" not in heat.split("\n\n", 2)[1]  # no record numbers in the map


def test_draft_risk_says_so_in_its_status() -> None:
    section = _risks_section(_render("md"))
    row = next(line for line in section.splitlines() if "Not yet rated" in line and "|" in line)
    assert "draft (not yet rated)" in row
    html = _render("html")
    assert "draft (not yet rated)" in html and "AnnexB.K" not in html


def test_csv_part_column_reads_annex_b() -> None:
    rows = list(csv.DictReader(io.StringIO(_render("csv", "risks"))))
    parts = {row["Title"]: row["Part"] for row in rows}
    assert parts["Data silos"] == "Annex B" and parts["Key staff leave"] == "D"
    # the risk as the app labels it ("C1" is the city's own first risk)
    assert {row["Title"]: row["Checklist risk"] for row in rows}["Key staff leave"] == "C1"
    assert {row["Checklist risk"] for row in rows} == {"K2", "K1", "C1", "C2"}
