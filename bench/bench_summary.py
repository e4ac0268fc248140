"""Benchmark: the summary, every export and the wrap-up screen as a session grows, with the
demo's mix of kinds (bench/demo_mix.py: a quarter actions, decisions and risks with their actions,
votes on ideas...), so a per-record scan cannot hide behind a session of mostly notes.

    python bench/bench_summary.py [--sizes 1000,2000,...] [--repeat R] [--no-wrapup]

For each size it prints the build time of the summary, each export as the command line makes it
(snapshot in, file contents out: Markdown, HTML, Word, JSON, and CSV as all eight registers from
one summary), and a baseline measured in the same run: json.dumps of the same snapshot. Then:
- growth per doubling of records (from the smallest to the largest size: time ratio to the power
  1 / number of doublings), target <= 2.2x for everything (linear is 2x);
- Word at 10,000 records: time (<= 400 ms) and peak memory traced by tracemalloc (<= 120 MiB);
- the wrap-up screen opened headless at 50,000 records (session read from the store, summary
  built, screen mounted and painted), target <= 1 s.
Figures are best of R runs. Exit code 0 unless something could not run: targets are reported,
not enforced (timings on a shared machine are information).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_mix import demo_mix, kind_mix  # noqa: E402

from workshop.export import render  # noqa: E402
from workshop.export.csv_export import REGISTERS, render_csv  # noqa: E402
from workshop.export.docx_export import render_docx  # noqa: E402
from workshop.guide.loader import load_guide  # noqa: E402
from workshop.summary import SummaryOptions, build_summary  # noqa: E402

TODAY = dt.date(2026, 6, 15)
SIZES = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
GROWTH_TARGET = 2.2
WORD_RECORDS = 10_000
WORD_MS = 400
WORD_MIB = 120
WRAPUP_RECORDS = 50_000
WRAPUP_MS = 1_000
COLUMNS = ("baseline", "summary", "md", "html", "docx", "csv", "json")


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(snapshot: dict, guide, repeat: int) -> dict[str, float]:
    options = SummaryOptions(today=TODAY)

    def csv_all() -> None:
        summary = build_summary(snapshot, guide, options)
        for what in REGISTERS:
            render_csv(summary, what)

    return {
        "baseline": best(lambda: json.dumps(snapshot), repeat),
        "summary": best(lambda: build_summary(snapshot, guide, options), repeat),
        **{fmt: best(lambda fmt=fmt: render(snapshot, fmt, guide=guide, today=TODAY), repeat)
           for fmt in ("md", "html", "docx")},
        "csv": best(csv_all, repeat),
        "json": best(lambda: render(snapshot, "json", guide=guide), repeat),
    }


def word(snapshot: dict, guide, repeat: int) -> tuple[float, float, float]:
    """(whole Word export s, render_docx alone s, peak MiB traced for the whole export)."""
    whole = best(lambda: render(snapshot, "docx", guide=guide, today=TODAY), repeat)
    summary = build_summary(snapshot, guide, SummaryOptions(today=TODAY))
    alone = best(lambda: render_docx(summary), repeat)
    tracemalloc.start()
    render(snapshot, "docx", guide=guide, today=TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return whole, alone, peak / 2**20


async def _open_wrapup(store, session_id: str, guide, repeat: int) -> float:
    from textual.app import App

    from workshop.tui.screens.wrapup import WrapUpScreen

    times = []
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(repeat):
            start = time.perf_counter()
            session = store.open(session_id)
            screen = WrapUpScreen(session, guide)
            painted = asyncio.Event()
            await app.push_screen(screen)
            screen.call_after_refresh(painted.set)  # runs once the mounted screen is drawn
            await painted.wait()
            times.append(time.perf_counter() - start)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
            session.close()
    return min(times)


def wrapup(snapshot: dict, guide, repeat: int) -> float:
    from workshop.store import SessionStore

    with tempfile.TemporaryDirectory() as folder:
        store = SessionStore(Path(folder) / "sessions")
        with store.import_snapshot(snapshot) as session:
            session_id = session.id
        return asyncio.run(_open_wrapup(store, session_id, guide, repeat))


def per_doubling(n0: int, t0: float, n1: int, t1: float) -> float:
    return (t1 / t0) ** (1 / math.log2(n1 / n0)) if t0 > 0 and n1 > n0 else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-wrapup", action="store_true", help="skip the wrap-up screen")
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(",") if x.strip())
    guide = load_guide([])
    print(f"summary and exports, demo mix of kinds: "
          f"{kind_mix(demo_mix(max(sizes), guide))}")
    print("best of", args.repeat, "runs; each export from the snapshot as the command line does it"
          " (summary built inside); csv = all 8 registers; baseline = json.dumps, same run")
    print(f"{'records':>8} " + " ".join(f"{c:>9}" for c in COLUMNS) + "   (ms)")
    results: dict[int, dict[str, float]] = {}
    for n in sizes:
        snapshot = demo_mix(n, guide)
        results[n] = measure(snapshot, guide, args.repeat if n <= 20_000 else 1)
        r = results[n]
        print(f"{n:>8,} " + " ".join(f"{r[c] * 1000:>9.1f}" for c in COLUMNS), flush=True)
    print(f"{'ratio':>8} " + " ".join(
        f"{results[n][c] / results[n]['baseline']:>8.1f}x" for n in (sizes[-1],)
        for c in COLUMNS) + f"   (at {sizes[-1]:,}, to the baseline)")
    worst = 0.0
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        print(f"growth per doubling of records, {lo:,} -> {hi:,} "
              f"(linear = 2.0x, target <= {GROWTH_TARGET}x):")
        line = []
        for c in COLUMNS:
            g = per_doubling(lo, results[lo][c], hi, results[hi][c])
            if c != "baseline":
                worst = max(worst, g)
            line.append(f"{g:>8.2f}x")
        print(f"{'':>8} " + " ".join(line))
        print(f"  worst {worst:.2f}x: " + ("ok" if worst <= GROWTH_TARGET else "OVER TARGET"))

    snapshot = demo_mix(WORD_RECORDS, guide)
    whole, alone, peak = word(snapshot, guide, args.repeat)
    ok = whole * 1000 <= WORD_MS and peak <= WORD_MIB
    print(f"Word at {WORD_RECORDS:,} records: {whole * 1000:.0f} ms whole export "
          f"(render_docx alone {alone * 1000:.0f} ms), peak {peak:.0f} MiB traced; "
          f"target <= {WORD_MS} ms and <= {WORD_MIB} MiB: {'ok' if ok else 'OVER TARGET'}")
    if not args.no_wrapup:
        opened = wrapup(demo_mix(WRAPUP_RECORDS, guide), guide, args.repeat)
        print(f"wrap-up screen opened at {WRAPUP_RECORDS:,} records (store.open, summary, "
              f"painted): {opened * 1000:.0f} ms; target <= {WRAPUP_MS} ms: "
              + ("ok" if opened * 1000 <= WRAPUP_MS else "OVER TARGET"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
