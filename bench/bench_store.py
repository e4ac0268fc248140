"""Benchmark the session store against TinyDB's default JSONStorage, in the same run.

    python bench/bench_store.py

Prints, for sessions holding 100, 1,000 and 10,000 records, the median time of one durable save
(Session.add_record: validate, journal, orjson, temp file, fsync, os.replace, fsync folder) beside
TinyDB's default JSONStorage doing the same insert (json, in-place rewrite, fsync), and their ratio;
then the open time and peak memory of a 10,000-record session.
Targets: <= 0.5x TinyDB at 10,000; <= 5 ms at 1,000; open <= 200 ms; peak <= 80 MiB.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from workshop.records import FORMAT_NAME, FORMAT_VERSION, now_iso  # noqa: E402
from workshop.store import SessionStore  # noqa: E402

SIZES = (100, 1_000, 10_000)
SAVES = 25
PARTS = ("A", "B1", "B3", "B4", "B8", "B11", "C", "D")


def _record(i: int) -> dict:
    stamp = now_iso()
    return {"id": f"r{i:07d}", "no": i + 1, "kind": "note", "part": PARTS[i % len(PARTS)],
            "rec": "", "target": "", "author": f"Table {i % 6 + 1}", "created": stamp,
            "updated": stamp, "origin": None,
            "text": f"Note {i}: residents want the bus data opened and explained in plain words."}


def _snapshot(n: int) -> dict:
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
            "session": {"title": f"Bench {n}", "city": "Benchton", "status": "in progress"},
            "agenda": [{"part": p, "timebox": 20, "spent": 0} for p in PARTS],
            "participants": [], "records": [_record(i) for i in range(n)], "ui": {}}


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_store(folder: Path, n: int) -> float:
    store = SessionStore(folder)
    with store.import_snapshot(_snapshot(n)) as session:
        samples = []
        for i in range(SAVES):
            start = time.perf_counter()
            session.add_record("note", "B3", text=f"bench save {i}", author="Table 1")
            samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def bench_tinydb(folder: Path, n: int) -> float:
    path = folder / f"tinydb-{n}.json"
    with TinyDB(path, storage=JSONStorage) as db:
        db.table("records").insert_multiple(_record(i) for i in range(n))
        samples = []
        for i in range(SAVES):
            doc = _record(n + i)
            start = time.perf_counter()
            db.table("records").insert(doc)
            samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def bench_open(folder: Path, n: int) -> tuple[float, float, float]:
    store = SessionStore(folder)
    with store.import_snapshot(_snapshot(n)) as session:
        sid = session.id
    times = []
    for _ in range(5):
        fresh = SessionStore(folder)
        gc.collect()
        start = time.perf_counter()
        with fresh.open(sid) as opened:
            times.append(time.perf_counter() - start)
            assert len(opened.records()) == n
    gc.collect()
    tracemalloc.start()
    with SessionStore(folder).open(sid) as opened:
        opened.add_record("note", "B1", text="one save after opening")
        _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return _median_ms(times), peak / 2**20, rss


def main() -> int:
    print(f"median of {SAVES} saves; one process, same disk\n")
    print(f"{'records':>8}  {'store (ms)':>10}  {'TinyDB (ms)':>11}  {'ratio':>6}")
    results = {}
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        for n in SIZES:
            folder = Path(tmp) / f"s{n}"
            ours = bench_store(folder, n)
            theirs = bench_tinydb(Path(tmp), n)
            results[n] = (ours, theirs)
            print(f"{n:>8,}  {ours:>10.2f}  {theirs:>11.2f}  {ours / theirs:>5.2f}x")
        open_ms, peak_mib, rss_mib = bench_open(Path(tmp) / "open", 10_000)
    print(f"\nopen a 10,000-record session: {open_ms:.1f} ms (median of 5)")
    print(f"peak traced memory opening it and saving once: {peak_mib:.1f} MiB "
          f"(process max RSS so far {rss_mib:.0f} MiB)")
    checks = [
        ("save <= 0.5x TinyDB at 10,000", results[10_000][0] <= 0.5 * results[10_000][1]),
        ("save <= 5 ms at 1,000", results[1_000][0] <= 5.0),
        ("open <= 200 ms at 10,000", open_ms <= 200.0),
        ("peak <= 80 MiB at 10,000", peak_mib <= 80.0),
    ]
    print()
    for name, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {name}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
