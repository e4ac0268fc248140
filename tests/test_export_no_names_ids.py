"""With --no-names, a participant id (which may spell a first name: the demo's "pdev") is
numbered in the stakeholder register of every export that lists it: CSV, workbook, data package."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl

from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide
from workshop.export import render


def _exports(tmp_path, **options) -> str:
    snap = demo_snapshot(tmp_path)
    guide = real_guide()
    csv_text = render(snap, "csv", guide=guide, what="stakeholders", today=DEMO_TODAY, **options)
    csv_text = csv_text.decode("utf-8-sig") if isinstance(csv_text, bytes) else csv_text
    book = openpyxl.load_workbook(io.BytesIO(
        render(snap, "xlsx", guide=guide, today=DEMO_TODAY, **options)))
    cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for c in row if c is not None]
    package = zipfile.ZipFile(io.BytesIO(
        render(snap, "datapackage", guide=guide, today=DEMO_TODAY, **options)))
    packed = [package.read(n).decode("utf-8") for n in package.namelist()]
    return "\n".join([csv_text, json.dumps(cells, ensure_ascii=False), *packed])


def test_participant_ids_are_numbered_without_names(tmp_path):
    named = _exports(tmp_path / "a")
    assert "pdev" in named and "pmaya" in named
    public = _exports(tmp_path / "b", no_names=True)
    assert "pdev" not in public and "pmaya" not in public
    assert "stakeholder-1" in public
