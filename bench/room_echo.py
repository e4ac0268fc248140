"""Keystroke echo of the real app while its room is under load, against the same app with an
open, idle room (see bench_room.py, which runs it after the server benchmark).

Why measured this way: the room runs on Textual's own event loop, so every request the phones
send takes time from the facilitator's keyboard. The app is the real WorkshopApp, headless at
80x24; the room is opened from the walkthrough's room panel (o, then s), so the walkthrough's
listeners refresh its panels on every committed batch, as in a workshop. The phones run in a
second process (they are other machines). Keys go through the driver like a terminal's, one
every 100 ms (a fast typist); echo = key sent -> the text area changed -> the screen refreshed
(call_after_refresh). One allowance: every phone here comes from 127.0.0.1, so the room's
per-address rate limit is raised to a room's worth (real phones have addresses of their own).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from keys_support import burst  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

from workshop.guide.loader import load_guide  # noqa: E402
from workshop.kinds import REGISTRY  # noqa: E402
from workshop.room.security import RateLimits  # noqa: E402
from workshop.store import SessionStore  # noqa: E402
from workshop.tui.app import WorkshopApp  # noqa: E402
from workshop.tui.screens.room import RoomScreen  # noqa: E402
from workshop.tui.screens.walkthrough import WalkthroughScreen  # noqa: E402
from workshop.tui.widgets.capture_forms import RecordForm  # noqa: E402

PART = "B3"
KEY_EVERY = 0.1  # seconds between keys
TEXT = "residents want the bus data opened and explained plainly "


async def _until(pilot, done, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause()


async def _run(script: Path, loaded: bool, phones: int, seconds: float
               ) -> tuple[list[float], str]:
    guide = load_guide()
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp), known_parts=[p.id for p in guide.parts])
        with store.create("Echo bench", agenda=[{"part": PART, "timebox": 30}]) as session:
            seeded = [session.add_record("idea", PART, text=f"Seed idea {k}")["id"]
                      for k in range(6)]
            sid = session.id
        recs = [r.id for r in guide.part(PART).recommendations][:3]
        app = WorkshopApp(guide=guide, sessions_dir=Path(tmp))
        load_result = "idle"
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_session(sid)
            await _until(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
            walk = app.screen
            burst(app, "o", "s")  # the room panel, then open the room
            await _until(pilot, lambda: isinstance(app.screen, RoomScreen)
                         and app.screen.room.running)
            room = app.screen.room
            server = room.server
            server.address_limits = RateLimits(2000, 500)  # (all phones share 127.0.0.1)
            room.call("open_activity", PART, "dots", budget=10, revealed=True)
            room.call("open_activity", PART, "rating", revealed=True)
            burst(app, "escape", REGISTRY["note"].key)  # back, then a note form
            await _until(pilot, lambda: isinstance(app.screen, RecordForm))
            area = app.screen.query_one("#text", TextArea)
            await _until(pilot, lambda: area.has_focus)
            waiting: list[asyncio.Event] = []
            original = area.post_message

            def spy(message):  # the text changed: the screen shows it after the next refresh
                if isinstance(message, TextArea.Changed) and waiting:
                    area.call_after_refresh(waiting.pop().set)
                return original(message)

            area.post_message = spy  # type: ignore[method-assign]
            phones_process = None
            if loaded:
                phones_process = await asyncio.create_subprocess_exec(
                    sys.executable, str(script), "--load", server.participant_url,
                    "--seeded", ",".join(seeded), "--recs", ",".join(recs),
                    "--phones", str(phones), "--seconds", str(seconds),
                    stdout=asyncio.subprocess.PIPE)
                await _until(pilot, lambda: server.devices_joined >= phones, seconds)
            latencies: list[float] = []
            end = time.monotonic() + seconds - 1
            typed = 0
            while time.monotonic() < end:
                shown = asyncio.Event()
                waiting.append(shown)
                began = time.perf_counter()
                burst(app, TEXT[typed % len(TEXT)])
                await asyncio.wait_for(shown.wait(), 10)
                latencies.append(time.perf_counter() - began)
                typed += 1
                await asyncio.sleep(max(0.0, KEY_EVERY - (time.perf_counter() - began)))
            expected = "".join(TEXT[i % len(TEXT)] for i in range(typed))
            assert area.text == expected, "a key was lost or altered"
            if phones_process is not None:
                out, _ = await asyncio.wait_for(phones_process.communicate(), seconds + 30)
                posts, refused, p95 = out.decode().split()
                load_result = (f"{posts} POSTs from {phones} phones during typing, "
                               f"{refused} refused, p95 {p95} ms; {server.writer.batches} "
                               "writes")
            area.post_message = original  # type: ignore[method-assign]
            walk.session  # noqa: B018 - (the walkthrough stays open under the form)
    return latencies, load_result


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def echo_bench(script: Path, phones: int, seconds: float) -> int:
    """Prints idle and loaded echo; 0 when the loaded p99 is within 2x the idle p99."""
    idle, _ = asyncio.run(_run(script, False, phones, seconds))
    loaded, load_result = asyncio.run(_run(script, True, phones, seconds))
    print(f"keystroke echo in the app (80x24, note form, a key every {KEY_EVERY * 1000:.0f} ms, "
          "key -> screen refreshed):")
    for label, samples in (("idle room", idle), (f"{phones} phones", loaded)):
        print(f"  {label:10} keys {len(samples):4}  p50 {statistics.median(samples) * 1000:6.1f}"
              f" ms  p99 {_p(samples, 0.99):6.1f} ms  max {max(samples) * 1000:6.1f} ms")
    print(f"  load: {load_result}")
    ratio = _p(loaded, 0.99) / _p(idle, 0.99)
    ok = ratio <= 2.0
    print(f"  p99 loaded / idle = {ratio:.2f}x   (target <= 2x)  " + ("OK" if ok else "OVER"))
    return 0 if ok else 1
