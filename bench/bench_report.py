"""Benchmark `workshop report` over a programme: 500 sessions of 200 records each, against parsing
the same files with the standard `json` module in one process, measured in the same run.

    python bench/bench_report.py [--sessions 500] [--records 200] [--rounds 3]

Each measurement runs in a fresh process: the baseline reads and `json.loads` every session file;
ours imports workshop and runs the whole report (find, validate by the store's rules, settle
duplicates, consolidate, write Markdown). Prints the medians, their ratio and the report
process's peak memory (max RSS).
Targets (issue 14): <= 4x the json baseline and < 300 MiB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshop.records import FORMAT_NAME, FORMAT_VERSION, SECTORS  # noqa: E402
from workshop.store import SessionStore  # noqa: E402

PARTS = ("A", "B1", "B2", "B3", "B4", "B8", "B11", "C", "D")

BASELINE = """
import json, resource, sys, time
from pathlib import Path
start, cpu = time.perf_counter(), time.process_time()
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    json.loads(path.read_bytes())
print(time.perf_counter() - start, time.process_time() - cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

OURS = """
import resource, sys, time
start, cpu = time.perf_counter(), time.process_time()
from workshop.cli import main
code = main(["report", sys.argv[1], "-o", sys.argv[2], "--force"])
assert code == 0, code
print(time.perf_counter() - start, time.process_time() - cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      file=sys.__stdout__)
"""


def _record(i: int, n: int, stamp: str) -> dict:
    part = PARTS[i % len(PARTS)]
    base = {"id": f"r{i:06d}", "no": i + 1, "part": part, "rec": "", "target": "",
            "author": f"Person {i % 12}", "created": stamp, "updated": stamp, "origin": None}
    kind = i % 20
    if kind < 8:
        return {**base, "kind": "note", "text": f"Note {i}: residents want the bus data opened "
                "and explained in plain words, with a contact for questions."}
    if kind < 11:
        return {**base, "kind": "idea", "text": f"Idea {i}: a citizens' panel per ward."}
    if kind < 14:
        return {**base, "kind": "action", "title": f"Action {i}: publish the data catalogue",
                "description": "With an owner per dataset.", "owner": f"Owner {i % 9}",
                "due": f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "priority": "medium",
                "status": ("open", "in progress", "done")[i % 3], "status_note": ""}
    if kind < 16:
        return {**base, "kind": "decision", "outcome": "agreed",
                "text": f"Decision {i}: open by default for non-personal data.",
                "rationale": "Matches the agreed principles."}
    if kind < 18:
        return {**base, "kind": "rating", "current": i % 5 + 1, "target_level": 5,
                "comment": ""}
    if kind < 19:
        return {**base, "kind": "risk", "risk": f"AnnexB.K{i % 11 + 1}", "title": "Lock-in",
                "answers": {}, "likelihood": i % 5 + 1, "impact": (i + n) % 5 + 1,
                "status": "partly", "mitigation": "Exit clauses in every contract."}
    return {**base, "kind": "benefit", "title": f"Benefit {i}: faster permits",
            "beneficiaries": ["residents"], "measure": "days to a permit", "baseline": "20",
            "target_value": "5", "due": "2027-01-01", "owner": "Dev", "parts": [part],
            "actions": []}


def make_programme(folder: Path, sessions: int, records: int) -> None:
    store = SessionStore(folder)
    for n in range(sessions):
        stamp = f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}T10:00:00+00:00"
        snapshot = {
            "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
            "session": {"title": f"Workshop {n:03d}", "city": f"City {n % 5}",
                        "date": stamp[:10], "status": "closed", "created": stamp,
                        "updated": stamp},
            "agenda": [{"part": p, "timebox": 20, "spent": 600} for p in PARTS],
            "participants": [{"id": f"p{k}", "name": f"Person {k}", "organisation": f"Org {k}",
                              "sector": SECTORS[k % 5], "attended": k % 7 != 0}
                             for k in range(12)],
            "records": [_record(i, n, stamp) for i in range(records)],
            "ui": {},
        }
        store.import_snapshot(snapshot).close()


def run(code: str, *argv: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, max RSS in MiB) of the measured part of one fresh process."""
    result = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True,
                            text=True, timeout=600, env={"PYTHONPATH": str(ROOT),
                                                         "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr[-2000:]}")
    seconds, cpu, rss_kib = result.stdout.split()[-3:]
    return float(seconds), float(cpu), int(rss_kib) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        folder = Path(tmp) / "sessions"
        print(f"creating {args.sessions} sessions of {args.records} records…", flush=True)
        make_programme(folder, args.sessions, args.records)
        size = sum(p.stat().st_size for p in folder.glob("*.json")) / 2**20
        out = Path(tmp) / "report.md"
        run(BASELINE, str(folder))  # warm the OS file cache
        base, ours = [], []
        for _ in range(args.rounds):  # in pairs, so both see the same load on a shared machine
            base.append(run(BASELINE, str(folder)))
            ours.append(run(OURS, str(folder), str(out)))
        report_kib = out.stat().st_size / 1024
    b, o = (statistics.median(r[0] for r in base), statistics.median(r[1] for r in base)), \
        (statistics.median(r[0] for r in ours), statistics.median(r[1] for r in ours))
    peak = max(r[2] for r in ours)
    ratio = statistics.median(r[1] / q[1] for r, q in zip(ours, base, strict=True))
    print(f"{args.sessions} session files, {size:.0f} MiB; report {report_kib:.0f} KiB")
    print(f"json.loads of every file, one process: median {b[0] * 1000:.0f} ms wall, "
          f"{b[1] * 1000:.0f} ms CPU")
    print(f"workshop report (Markdown):             median {o[0] * 1000:.0f} ms wall, "
          f"{o[1] * 1000:.0f} ms CPU")
    print(f"median ratio of CPU times, pair by pair, {ratio:.2f} (wall {o[0] / b[0]:.2f}; "
          f"target <= 4.00): {'OK' if ratio <= 4 else 'TOO SLOW'}")
    print(f"peak memory (max RSS) {peak:.0f} MiB (target < 300): "
          f"{'OK' if peak < 300 else 'TOO BIG'}")
    return 0 if ratio <= 4 and peak < 300 else 1


if __name__ == "__main__":
    json.dumps({})  # the baseline's module, imported here too so a missing one fails early
    sys.exit(main())
