"""Start-up to the home screen with 200 sessions, against a minimal Textual app, in the same run.

    python bench/bench_startup.py [--rounds 9] [--sessions 200]

Each measurement is a fresh `python` process running the real `workshop --sessions DIR` path
(interpreter start, imports, guide load, store listing and the home screen, headless at 80x24) that
exits once the home table holds every session and that frame has been drawn. The baseline is an
App with Header, Static and Footer measured the same way, alternating with ours. Both use cached
bytecode, as an installed package does. Prints the medians and the ratio (target: <= 1.3).

The store's summary index (.index.json) is built by the warm-up run, as by any earlier start;
`--cold-index` deletes it before every run to measure a first start (every file read and checked).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_ready(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True, size=(80, 24))
"""

WORKSHOP = """
import sys
from textual.widgets import DataTable
import workshop.tui.app
from workshop.cli import main

expected = int(sys.argv[2])

class Measured(workshop.tui.app.WorkshopApp):
    # The clock stops only once the home table holds every session and that frame is drawn.
    def on_ready(self):
        super().on_ready()
        self.set_interval(0.002, self._check_rows)
        self._check_rows()

    def _check_rows(self):
        tables = self.screen.query(DataTable)
        if tables and tables.first().row_count == expected and not self._done:
            assert len(self.screen.sessions) == expected
            self._done = True
            self.call_after_refresh(self.exit, 0)

    _done = False

# the real `workshop --sessions DIR` path (cmd_app: guide, store, app), with the app measured
workshop.tui.app.WorkshopApp = Measured
sys.exit(main(["--sessions", sys.argv[1]]))
"""

# `workshop` runs the app full screen; headless at 80x24 keeps the runs comparable with the
# baseline (which sets the same size).
HEADLESS = """
import textual.app
_run = textual.app.App.run
def run(self, *args, **kwargs):
    kwargs.update(headless=True, size=(80, 24))
    return _run(self, *args, **kwargs)
textual.app.App.run = run
"""


def make_sessions(folder: Path, count: int) -> None:
    """`count` realistic sessions: agenda, participants and a few dozen records each."""
    sys.path.insert(0, str(ROOT))
    from workshop.store import SessionStore

    store = SessionStore(folder)
    parts = ["A", "B1", "B2", "B3", "B4", "B5", "B6", "B7"]
    for n in range(count):
        with store.create(f"Workshop {n:03d}", city=f"City {n % 17}", date="2026-03-12",
                          agenda=[{"part": p, "timebox": 20} for p in parts]) as session:
            for k in range(8):
                session.add_participant(name=f"Person {k}", organisation=f"Org {k}",
                                        sector="public", kind="person", attended=True)
            for k in range(30):
                session.add_record("note", parts[k % len(parts)], text=f"Note {k} " * 10)
            session.add_record("action", "B1", title="Follow up", owner="Sam")


def run_once(code: str, *argv: str, pycache: Path) -> float:
    # Bytecode is cached (in a private folder) as for an installed package: with
    # PYTHONDONTWRITEBYTECODE set, our modules would be compiled from source on every run while
    # Textual's come precompiled from site-packages.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEXTUAL": "",
           "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", HEADLESS + code, *argv], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--cold-index", action="store_true",
                        help="delete the sessions folder's summary index before every run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp) / "sessions"
        print(f"creating {args.sessions} sessions…", flush=True)
        make_sessions(folder, args.sessions)
        pycache = Path(tmp) / "pycache"
        run_once(BASELINE, pycache=pycache)  # warm the OS file cache and bytecode for both
        run_once(WORKSHOP, str(folder), str(args.sessions), pycache=pycache)
        baseline, ours = [], []
        for _ in range(args.rounds):
            baseline.append(run_once(BASELINE, pycache=pycache))
            if args.cold_index:
                (folder / ".index.json").unlink(missing_ok=True)
            ours.append(run_once(WORKSHOP, str(folder), str(args.sessions), pycache=pycache))
    base_ms = statistics.median(baseline) * 1000
    ours_ms = statistics.median(ours) * 1000
    ratio = ours_ms / base_ms
    print(f"minimal Textual app (Header, Static, Footer): median {base_ms:.0f} ms")
    cold = " (no index)" if args.cold_index else ""
    print(f"workshop home with {args.sessions} sessions{cold}:       median {ours_ms:.0f} ms")
    print(f"ratio {ratio:.2f} (target <= 1.30): {'OK' if ratio <= 1.3 else 'TOO SLOW'}")
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
