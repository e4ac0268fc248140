"""Benchmark: export a 10,000-record session to all five formats.

Run:  python bench/bench_export.py [--records N] [--repeat R]
Target: all five formats together <= 1 s. Prints the time per format (best of R runs), the total,
and each figure as a ratio of a baseline measured in the same run (json.dumps of the snapshot,
the cheapest thing any export must at least do).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.export_fixtures import TODAY, big_session, small_guide  # noqa: E402
from workshop.export import render  # noqa: E402
from workshop.summary import SummaryOptions, build_summary  # noqa: E402

TARGET_SECONDS = 1.0


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        from workshop.guide.loader import load_guide

        guide = load_guide([])
    except Exception:  # noqa: BLE001 - fall back to the fixture guide
        guide = small_guide()
    snapshot = big_session(args.records)
    baseline = best(lambda: json.dumps(snapshot, indent=2), args.repeat)
    options = SummaryOptions(today=TODAY)
    summary_time = best(lambda: build_summary(snapshot, guide, options), args.repeat)
    print(f"{len(snapshot['records'])} records; baseline json.dumps {baseline * 1000:.0f} ms")
    print(f"{'summary build':14} {summary_time * 1000:7.0f} ms  x{summary_time / baseline:.1f}")
    total = 0.0
    for fmt in ("md", "html", "csv", "json", "docx"):
        # each format from the snapshot, as the CLI does (summary built inside, except JSON)
        seconds = best(lambda fmt=fmt: render(snapshot, fmt, guide=guide, today=TODAY),
                       args.repeat)
        total += seconds
        print(f"{fmt:14} {seconds * 1000:7.0f} ms  x{seconds / baseline:.1f}")
    verdict = "OK" if total <= TARGET_SECONDS else "SLOW"
    print(f"{'total':14} {total * 1000:7.0f} ms  x{total / baseline:.1f}  "
          f"(target <= {TARGET_SECONDS * 1000:.0f} ms: {verdict})")
    return 0 if total <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
