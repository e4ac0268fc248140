"""Benchmark `workshop actions` across 2,000 sessions, against parsing the same files with the
standard `json` module in one process, measured in the same run.

    python bench/bench_actions_cli.py [--sessions 2000] [--rounds 3]

Each measurement runs in a fresh process (the first run builds the folder's summary index, as
a facilitator's first `workshop list` would; it is not timed). Prints the medians, their ratio,
and the peak memory (max RSS) of the `workshop actions` process.
Issue 14: it took 1.35 s and 256 MiB because it kept every session's data; it now reads one
session at a time (the target here: peak under 100 MiB, time within 4x the json baseline).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshop.records import FORMAT_NAME, FORMAT_VERSION, SECTORS  # noqa: E402
from workshop.store import SessionStore  # noqa: E402

PARTS = ("A", "B1", "B2", "B3", "B4", "B5", "B6", "B7")

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
import io, resource, sys, time
start, cpu = time.perf_counter(), time.process_time()
from workshop.cli import main
real, sys.stdout = sys.stdout, io.StringIO()
code = main(["--sessions", sys.argv[1], "actions", "--open"])
lines = sys.stdout.getvalue().count("\\n")
sys.stdout = real
assert code == 0 and lines > 1000, (code, lines)
print(time.perf_counter() - start, time.process_time() - cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_sessions(folder: Path, count: int) -> None:
    """`count` sessions like bench_startup's: 8 participants, 30 notes and 2 actions each."""
    store = SessionStore(folder)
    for n in range(count):
        stamp = f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}T10:00:00+00:00"
        records = [{"id": f"r{k:04d}", "no": k + 1, "kind": "note", "part": PARTS[k % 8],
                    "rec": "", "target": "", "author": "", "created": stamp, "updated": stamp,
                    "origin": None, "text": f"Note {k} " * 10} for k in range(30)]
        records += [{"id": f"a{k}", "no": k + 1, "kind": "action", "part": "B1", "rec": "",
                     "target": "", "author": "", "created": stamp, "updated": stamp,
                     "origin": None, "title": f"Follow up {n}.{k}", "description": "",
                     "owner": "Sam", "due": stamp[:10], "priority": "medium",
                     "status": "open", "status_note": ""} for k in range(2)]
        store.import_snapshot({
            "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
            "session": {"title": f"Workshop {n:04d}", "city": f"City {n % 17}",
                        "date": stamp[:10], "created": stamp, "updated": stamp},
            "agenda": [{"part": p, "timebox": 20, "spent": 0} for p in PARTS],
            "participants": [{"id": f"p{k}", "name": f"Person {k}", "organisation": f"Org {k}",
                              "sector": SECTORS[k % 5]} for k in range(8)],
            "records": records, "ui": {}}).close()


def run(code: str, *argv: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, max RSS in MiB) of the measured part of one fresh process."""
    result = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True,
                            text=True, timeout=600,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr[-2000:]}")
    seconds, cpu, rss_kib = result.stdout.split()[-3:]
    return float(seconds), float(cpu), int(rss_kib) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-actions-") as tmp:
        folder = Path(tmp) / "sessions"
        print(f"creating {args.sessions} sessions…", flush=True)
        make_sessions(folder, args.sessions)
        run(OURS, str(folder))  # builds the summary index, warms the OS file cache
        base, ours = [], []
        for _ in range(args.rounds):  # in pairs, so both see the same load on a shared machine
            base.append(run(BASELINE, str(folder)))
            ours.append(run(OURS, str(folder)))
    b, o = (statistics.median(r[0] for r in base), statistics.median(r[1] for r in base)), \
        (statistics.median(r[0] for r in ours), statistics.median(r[1] for r in ours))
    peak = max(r[2] for r in ours)
    ratio = statistics.median(r[1] / q[1] for r, q in zip(ours, base, strict=True))
    print(f"json.loads of every file, one process: median {b[0] * 1000:.0f} ms wall, "
          f"{b[1] * 1000:.0f} ms CPU")
    print(f"workshop actions --open:                median {o[0] * 1000:.0f} ms wall, "
          f"{o[1] * 1000:.0f} ms CPU (median ratio of CPU times, pair by pair, {ratio:.2f}, wall "
          f"{o[0] / b[0]:.2f}; target <= 4.00)")
    print(f"peak memory (max RSS) {peak:.0f} MiB (target < 100)")
    ok = ratio <= 4 and peak < 100
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
