"""kill -9 at random moments never loses a change whose call returned, nor corrupts the file."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from workshop.store import SessionStore

REPO = Path(__file__).resolve().parent.parent
KILLS = 50

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {repo!r})
    from workshop.store import SessionStore
    session = SessionStore({folder!r}).open({sid!r})
    assert not session.readonly, session.lock_message
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        record = session.add_record("note", "B1", text=str(n))
        if n % 7 == 0:
            session.update_record(record["id"], text="edited")
        print(record["id"], flush=True)
""")


def _read_until_ready(proc: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, "writer did not start"
        chunk = os.read(proc.stdout.fileno(), 1)
        assert chunk, "writer exited early"
        line += chunk
    assert line == b"ready\n"


def test_kill_minus_9_at_random_moments(sessions_path: Path) -> None:
    rng = random.Random(37106)
    store = SessionStore(sessions_path)
    with store.create("Kill test") as session:
        sid = session.id
        path = session.path
    code = WRITER.format(repo=str(REPO), folder=str(sessions_path), sid=sid)
    promised: set[str] = set()
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        _read_until_ready(proc)
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, err.decode()
        lines = out.split(b"\n")
        promised.update(line.decode() for line in lines[:-1] if line)  # complete lines only
        with store.open(sid) as reopened:  # opens, takes the stale lock over
            assert not reopened.readonly
            present = {r["id"] for r in reopened.records()}
        missing = promised - present
        assert not missing, f"{len(missing)} returned changes lost"
    assert len(promised) > KILLS  # the writer really wrote between kills
    assert not list(path.parent.glob(".*.tmp"))  # leftovers cleaned when opened
