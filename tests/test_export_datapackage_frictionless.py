"""The open-data export passes the Frictionless Data validator that open-data portals (CKAN and
others) use, named and with --no-names: every resource's CSV matches its table schema, and the
primary and foreign keys hold."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide
from workshop.export import render

frictionless = pytest.importorskip("frictionless", reason="frictionless is not installed "
                                   "(pip install '.[test]' installs it)")


@pytest.mark.parametrize("no_names", [False, True])
def test_frictionless_validates_the_data_package(tmp_path, no_names):
    data = render(demo_snapshot(tmp_path / "s"), "datapackage", guide=real_guide(),
                  today=DEMO_TODAY, no_names=no_names)
    folder = tmp_path / "package"
    zipfile.ZipFile(io.BytesIO(data)).extractall(folder)
    report = frictionless.validate(str(folder / "datapackage.json"))
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, problems[:5]
    assert len(report.tasks) >= 9  # parts and every register
