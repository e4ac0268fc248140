"""Run every benchmark, one after the other: `python bench/run_all.py`.

Each benchmark measures its own baseline in the same run and prints the ratio against its target;
this runner only collects their exit codes (non-zero when a benchmark could not run).
Benchmarks are not part of the test run: timings on a shared machine are information, not tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    "bench_store.py", "bench_export.py", "bench_walkthrough.py", "bench_actions_review.py",
    "bench_startup.py", "bench_summary.py", "bench_report.py", "bench_actions_cli.py",
)


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        print(f"\n=== {name} ===", flush=True)
        if subprocess.run([sys.executable, str(HERE / name)], check=False).returncode:
            failed.append(name)
    if failed:
        print(f"\nbenchmarks that did not run to the end: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
