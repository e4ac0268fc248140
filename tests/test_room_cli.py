"""`workshop room SESSION`: the participant and display URLs first on stdout, ideas open on the
current agenda item, flags for the other activities, one warning line off loopback, one line
when the session is open elsewhere, and Ctrl+C stopping cleanly within a few seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from workshop.store import SessionStore

ROOT = Path(__file__).resolve().parent.parent


def start_room(sessions: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "workshop", "room", "Room CLI",
                             "--sessions", str(sessions), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def make(sessions: Path) -> None:
    with SessionStore(sessions).create("Room CLI", agenda=[{"part": "B3"}, {"part": "B1"}]):
        pass


def stop(process: subprocess.Popen[str], sig: int = signal.SIGINT) -> float:
    started = time.monotonic()
    process.send_signal(sig)
    process.wait(timeout=10)
    return time.monotonic() - started


async def test_prints_the_two_urls_opens_ideas_and_stops_on_ctrl_c(sessions_path):
    make(sessions_path)
    room = start_room(sessions_path, "--dots", "4", "--rating")
    try:
        participant = room.stdout.readline().strip()
        display = room.stdout.readline().strip()
        assert participant.startswith("http://127.0.0.1:") and "/j/" in participant
        assert display.startswith("http://127.0.0.1:") and "/d/" in display
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(participant) as response:
                page = await response.text()
            assert "Send idea" in page and "Spend your dots" in page and "Now" in page
            stream = await http.get(display + "/events")  # a live page open while stopping
            took = stop(room)
            stream.close()
        assert room.returncode == 0 and took < 5
        assert "Room closed" in room.stdout.read()
    finally:
        if room.poll() is None:
            room.kill()
    with SessionStore(sessions_path).open("Room CLI") as session:  # the lock was released
        assert not session.readonly


def test_refuses_in_one_line_when_the_session_is_open_elsewhere(sessions_path):
    make(sessions_path)
    with SessionStore(sessions_path).open("Room CLI"):
        room = start_room(sessions_path)
        out, err = room.communicate(timeout=30)
    assert room.returncode == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "open in another workshop window" in lines[0]


def test_off_loopback_it_warns_who_can_reach_it(sessions_path):
    make(sessions_path)
    room = start_room(sessions_path, "--host", "0.0.0.0")
    try:
        room.stdout.readline()
        room.stdout.readline()
        warning = room.stderr.readline()
        assert warning.startswith("warning:") and "anyone on that network" in warning
        assert stop(room, signal.SIGTERM) < 5 and room.returncode == 0
    finally:
        if room.poll() is None:
            room.kill()


@pytest.mark.parametrize("args, message", [
    (["--port", "70000"], "--port 70000"),
    (["--poll", "Which?", "--option", "A"], "at least two"),
    (["--part", "Z9"], "unknown part"),
])
def test_bad_flags_are_one_line(sessions_path, args, message):
    make(sessions_path)
    room = start_room(sessions_path, *args)
    out, err = room.communicate(timeout=30)
    assert room.returncode != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
