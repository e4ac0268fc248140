"""Benchmark the walkthrough with a big session, against an empty session measured in the same run.

    python bench/bench_walkthrough.py

Prints the median time to open a session and show its walkthrough (store.open + screen mounted and
painted) for an empty session and a 10,000-record session, and the median latency of the keypress
that saves a note (ctrl+s in the note form: validate, durable store write, panel update, form
closed) in both. Targets (issues 4 and 5): open <= 300 ms, note save <= 50 ms median at 10,000.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

from workshop.guide.loader import load_guide  # noqa: E402
from workshop.records import FORMAT_NAME, FORMAT_VERSION, now_iso  # noqa: E402
from workshop.store import SessionStore  # noqa: E402
from workshop.tui.screens.walkthrough import WalkthroughScreen  # noqa: E402
from workshop.tui.widgets.capture_forms import RecordForm  # noqa: E402

RECORDS = 10_000
OPENS = 7
SAVES = 15
KINDS = ("note", "idea", "note", "action", "rating", "vote", "decision")


def _record(i: int, parts: list[str], recs: dict[str, list[str]]) -> dict:
    part = parts[i % len(parts)]
    kind = KINDS[i % len(KINDS)]
    stamp = now_iso()
    base = {"id": f"r{i:07d}", "no": i + 1, "kind": kind, "part": part, "rec": "",
            "target": "", "author": f"Table {i % 6 + 1}", "created": stamp, "updated": stamp,
            "origin": None}
    rec = recs[part][i % len(recs[part])] if recs[part] else ""
    if kind in ("note", "idea"):
        base["text"] = f"{kind} {i}: residents want the bus data opened and explained plainly."
    elif kind == "action":
        base.update(title=f"Action {i}", owner=f"Owner {i % 9}", due="2030-01-01", rec=rec)
    elif kind == "rating":
        base.update(current=i % 5 + 1, target_level=5, rec=rec)
    elif kind == "vote":
        base.update(dots=1, voter=f"Table {i % 6 + 1}", rec=rec)
    else:
        base.update(outcome="agreed", text=f"Decision {i}", rationale="because")
    return base


def _snapshot(n: int, guide) -> dict:
    parts = [p.id for p in guide.components][:10]
    recs = {p.id: [r.id for r in p.recommendations] for p in guide.parts}
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
            "session": {"title": f"Bench {n}", "city": "Benchton", "status": "in progress"},
            "agenda": [{"part": p, "timebox": 20, "spent": 0} for p in parts],
            "participants": [], "records": [_record(i, parts, recs) for i in range(n)],
            "ui": {}}


class BenchApp(App):
    pass


async def measure(store: SessionStore, session_id: str, guide) -> dict[str, list[float]]:
    """Times in seconds for one session: store open, open to painted walkthrough, the save
    handler (ctrl+s: validate, durable write, panel update, form dismissed) and the whole
    keypress round trip until the app is idle again."""
    opens: list[float] = []
    store_opens: list[float] = []
    saves: list[float] = []
    handlers: list[float] = []
    app = BenchApp()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(OPENS):
            start = time.perf_counter()
            session = store.open(session_id)
            store_opens.append(time.perf_counter() - start)
            screen = WalkthroughScreen(session, guide)
            painted = asyncio.Event()
            await app.push_screen(screen)
            screen.call_after_refresh(painted.set)  # runs once the mounted screen is drawn
            await painted.wait()
            opens.append(time.perf_counter() - start)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
            session.close()
        session = store.open(session_id)
        screen = WalkthroughScreen(session, guide)
        await app.push_screen(screen)
        await pilot.pause()
        before = len(session.records(kind="note"))
        for i in range(SAVES):
            await pilot.press("w")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, RecordForm)
            form.query_one("#text", TextArea).load_text(f"bench note {i}")
            await pilot.pause()
            # ctrl+s first waits for the keys typed before it; _save is the durable handler itself
            handler = form._save

            def timed_save(handler=handler) -> None:
                began = time.perf_counter()
                handler()
                handlers.append(time.perf_counter() - began)

            form._save = timed_save  # type: ignore[method-assign]
            start = time.perf_counter()
            await pilot.press("ctrl+s")
            saves.append(time.perf_counter() - start)
            assert app.screen is screen, "the form did not close after saving"
        assert len(session.records(kind="note")) == before + SAVES
        session.close()
    return {"open": opens, "store_open": store_opens, "save": saves, "handler": handlers}


def ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> int:
    guide = load_guide([])
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp) / "sessions")
        empty = store.import_snapshot(_snapshot(0, guide))
        empty_id = empty.id
        empty.close()
        big = store.import_snapshot(_snapshot(RECORDS, guide))
        big_id = big.id
        big.close()
        base = asyncio.run(measure(store, empty_id, guide))
        big = asyncio.run(measure(store, big_id, guide))
    print(f"walkthrough benchmark: medians of {OPENS} opens and {SAVES} note saves; "
          f"baseline = empty session, same run")
    rows = [
        ("open: store.open only", "store_open", None),
        ("open: session to painted walkthrough", "open", 300),
        ("note save: ctrl+s handler (durable)", "handler", 50),
        ("note save: keypress until app idle", "save", None),
    ]
    print(f"  {'':40} {'empty':>9} {f'{RECORDS:,} rec.':>12} {'ratio':>7}  target")
    ok = True
    for label, key, target in rows:
        empty_ms, big_ms = ms(base[key]), ms(big[key])
        ratio = big_ms / empty_ms if empty_ms else float("inf")
        mark = ""
        if target is not None:
            mark = f"<= {target} ms " + ("ok" if big_ms <= target else "OVER")
            ok = ok and big_ms <= target
        print(f"  {label:40} {empty_ms:7.1f}ms {big_ms:10.1f}ms {ratio:6.2f}x  {mark}")
    print("  result:", "within targets" if ok else "OVER TARGET")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
