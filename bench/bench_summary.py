"""Benchmark: the summary, every export and the wrap-up screen as a session grows, with the
demo's mix of kinds (bench/demo_mix.py: a quarter actions, decisions and risks with their actions,
votes on ideas...), so a per-record scan cannot hide behind a session of mostly notes.

    python bench/bench_summary.py [--sizes 1000,2000,...] [--repeat R] [--no-wrapup]

For each size it prints the build time of the summary, each export as the command line makes it
(snapshot in, file contents out: Markdown, HTML, Word, JSON, and CSV as all eight registers from
one summary), and a baseline measured in the same run: json.dumps of the same snapshot. Then:
- growth per doubling of records (2 to the slope of log time over log records, fitted over every
  size), target <= 2.2x for everything (linear is 2x);
- Word at 10,000 records: time (<= 400 ms) and peak memory traced by tracemalloc (<= 120 MiB);
- the wrap-up screen opened headless at 50,000 records on a session already open, as from the
  walkthrough (session.snapshot(), summary built, screen mounted and painted), target <= 1 s.
Times are CPU time of this process (time.process_time), best of R runs: on a shared machine wall
time also counts other programs, which skews the growth; Word and the wrap-up also say wall
time. Word's memory is also given as the growth of the resident set in a fresh process
(tracemalloc does not see lxml's or zlib's own allocations). Exit code 0 unless something could
not run: targets are reported, not enforced (timings on a shared machine are information).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import subprocess
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


def best(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.process_time
         ) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
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


def word(snapshot: dict, guide, repeat: int) -> dict[str, float]:
    """The whole Word export (snapshot in, bytes out) in wall and CPU seconds, render_docx alone,
    and the peak MiB tracemalloc traces during the whole export."""
    def export() -> object:
        return render(snapshot, "docx", guide=guide, today=TODAY)

    summary = build_summary(snapshot, guide, SummaryOptions(today=TODAY))
    out = {"wall": best(export, repeat, time.perf_counter), "cpu": best(export, repeat),
           "alone": best(lambda: render_docx(summary), repeat)}
    tracemalloc.start()
    export()
    out["traced"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out


def word_rss() -> float:
    """MiB the resident set peaks above its size before one Word export of WORD_RECORDS records
    (Linux only; nan elsewhere): tracemalloc does not see lxml's and zlib's own memory."""
    if not Path("/proc/self/clear_refs").exists():
        return float("nan")
    code = (  # Linux: writing 5 to clear_refs resets the peak (VmHWM) to the current size
        "import sys, datetime as dt; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "from demo_mix import demo_mix\nfrom workshop.export import render\n"
        "from workshop.guide.loader import load_guide\n"
        "def kib(name):\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith(name): return int(line.split()[1])\n"
        "import workshop.export.docx_export, workshop.summary, docx\n"
        "g = load_guide([]); s = demo_mix(int(sys.argv[3]), g)\n"
        "open('/proc/self/clear_refs', 'w').write('5')\n"
        "before = kib('VmRSS:')\n"
        "render(s, 'docx', guide=g, today=dt.date(2026, 6, 15))\n"
        "print((kib('VmHWM:') - before) / 1024)\n"
    )
    here = Path(__file__).resolve().parent
    done = subprocess.run([sys.executable, "-c", code, str(here.parent), str(here),
                           str(WORD_RECORDS)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


async def _open_wrapup(session, guide, repeat: int) -> float:
    from textual.app import App

    from workshop.tui.screens.wrapup import WrapUpScreen

    times, cpu = [], []
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            screen = WrapUpScreen(session, guide)
            painted = asyncio.Event()
            await app.push_screen(screen)
            screen.call_after_refresh(painted.set)  # runs once the mounted screen is drawn
            await painted.wait()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
    return min(times), min(cpu)


def wrapup(snapshot: dict, guide, repeat: int) -> tuple[tuple[float, float], float]:
    """((wrap-up open s, its CPU s), store.open s): the screen is opened on a session already
    open, as from the walkthrough (session.snapshot(), the summary, mounted and painted)."""
    from workshop.store import SessionStore

    with tempfile.TemporaryDirectory() as folder:
        store = SessionStore(Path(folder) / "sessions")
        with store.import_snapshot(snapshot) as session:
            session_id = session.id
        start = time.perf_counter()
        with store.open(session_id) as session:
            opened = time.perf_counter() - start
            return asyncio.run(_open_wrapup(session, guide, repeat)), opened


def per_doubling(points: list[tuple[int, float]]) -> float:
    """2 ** slope of log2(time) over log2(records), fitted by least squares over every size:
    one noisy size (a busy moment on a shared machine) moves it less than two end points."""
    xs = [math.log2(n) for n, _ in points]
    ys = [math.log2(max(t, 1e-9)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if not sxx:
        return float("nan")
    return 2 ** (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx)


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
    print(f"CPU ms, best of {args.repeat} runs; each export from the snapshot as the command line "
          "does it (summary built inside); csv = all 8 registers; baseline = json.dumps, same run")
    print(f"{'records':>8} " + " ".join(f"{c:>9}" for c in COLUMNS) + "   (ms)")
    results: dict[int, dict[str, float]] = {}
    for n in sizes:
        snapshot = demo_mix(n, guide)
        results[n] = measure(snapshot, guide, args.repeat)
        r = results[n]
        print(f"{n:>8,} " + " ".join(f"{r[c] * 1000:>9.1f}" for c in COLUMNS), flush=True)
    print(f"{'ratio':>8} " + " ".join(
        f"{results[n][c] / results[n]['baseline']:>8.1f}x" for n in (sizes[-1],)
        for c in COLUMNS) + f"   (at {sizes[-1]:,}, to the baseline)")
    worst = 0.0
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        print(f"growth per doubling of records, fitted over {lo:,} -> {hi:,} "
              f"(linear = 2.0x, target <= {GROWTH_TARGET}x):")
        growth = {c: per_doubling([(n, results[n][c]) for n in sizes]) for c in COLUMNS}
        worst = max(g for c, g in growth.items() if c != "baseline")
        print(f"{'':>8} " + " ".join(f"{growth[c]:>8.2f}x" for c in COLUMNS))
        print(f"  worst {worst:.2f}x: " + ("ok" if worst <= GROWTH_TARGET else "OVER TARGET")
              + f" (the baseline itself grew {growth['baseline']:.2f}x in this run)")

    w = word(demo_mix(WORD_RECORDS, guide), guide, args.repeat)
    rss = word_rss()
    ok = w["wall"] * 1000 <= WORD_MS and w["traced"] <= WORD_MIB
    print(f"Word at {WORD_RECORDS:,} records, whole export: {w['wall'] * 1000:.0f} ms "
          f"({w['cpu'] * 1000:.0f} ms CPU; render_docx alone {w['alone'] * 1000:.0f} ms CPU), "
          f"peak {w['traced']:.0f} MiB traced (+{rss:.0f} MiB resident); target <= {WORD_MS} ms"
          f" and <= {WORD_MIB} MiB: {'ok' if ok else 'OVER TARGET'}")
    if not args.no_wrapup:
        (opened, cpu), store_open = wrapup(demo_mix(WRAPUP_RECORDS, guide), guide, args.repeat)
        print(f"wrap-up screen opened at {WRAPUP_RECORDS:,} records (snapshot, summary, "
              f"painted): {opened * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU); target <= "
              f"{WRAPUP_MS} ms: " + ("ok" if opened * 1000 <= WRAPUP_MS else "OVER TARGET")
              + f" (store.open before it, not counted: {store_open * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
