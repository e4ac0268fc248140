"""The programme report's quick sector presence (`present_sectors`) follows exactly the rule of
`sector_presence` that the session export and the stakeholder grid use."""

from __future__ import annotations

from pathlib import Path

from report_support import make_session

from workshop.sector_presence import present_sectors, sector_presence
from workshop.store import SessionStore
from workshop.store.demo import create_demo


def _names_to_sets(table: dict[str, dict[str, list[str]]]) -> dict[str, set[str]]:
    return {part: {sector for sector, names in row.items() if names}
            for part, row in table.items()}


def test_present_sectors_matches_sector_presence_on_the_demo_and_edge_cases(
        tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "demo")
    create_demo(store).close()
    make_session(tmp_path / "demo", "Edges", "2026-02-02", spent={"B1": 60}, people=[
        {"name": "Ana", "sector": "public", "attended": False},
        {"name": "Ben", "sector": "", "organisation": "Port"},
        {"name": "Cy", "sector": "academic"}], records=[
        ("note", "B3", {"text": "by an absent person", "author": "ana"}),
        ("note", "B3", {"text": "by an organisation", "author": "Port"}),
        ("idea", "C", {"text": "by nobody known", "author": "Table 2"})])
    snapshots = [store.read_snapshot(info.id) for info in store.list()]
    assert len(snapshots) == 3
    for snapshot in snapshots:
        assert present_sectors(snapshot) == _names_to_sets(sector_presence(snapshot))
