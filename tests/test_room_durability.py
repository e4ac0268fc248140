"""Durable before "received": contributions arriving together are written in one transaction
(group commit), and after kill -9 in the middle of a burst every contribution a phone saw
confirmed is in the session file."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import orjson

from tests.room_support import (
    PART,
    Phone,
    room_fixture,  # noqa: F401 - provides `room`
    room_records,
)
from workshop.store import SessionStore, storage

ROOT = Path(__file__).resolve().parent.parent


async def test_a_burst_of_submissions_costs_fewer_writes_and_all_reach_the_disk(room,
                                                                               monkeypatch):
    room.open_activity(PART, "ideas")
    phones = [Phone(room) for _ in range(40)]
    try:
        for phone in phones:
            await phone.join()
        writes = []
        before = room.writer.batches  # (each join above wrote its device through the writer)
        real = storage.write_atomically
        monkeypatch.setattr(storage, "write_atomically",
                            lambda path, payload: (writes.append(1), real(path, payload)))
        answers = await asyncio.gather(*(phone.post("/idea", {"text": f"burst idea {n}"})
                                         for n, phone in enumerate(phones)))
        assert [a.status for a in answers] == [200] * 40
        assert len(writes) < 40 and room.writer.batches - before == len(writes)
    finally:
        for phone in phones:
            await phone.close()
    on_disk = orjson.loads(room.session.path.read_bytes())
    texts = {doc.get("text") for doc in on_disk["records"].values()}
    assert {f"burst idea {n}" for n in range(40)} <= texts
    assert len(room_records(room, "idea")) == 40


async def _phone(http: aiohttp.ClientSession, url: str, n: int, confirmed: list[str]) -> None:
    async with http.get(url) as response:
        page = await response.text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    for k in range(1000):
        text = f"phone {n} idea {k}"
        async with http.post(url + "/idea", data={"text": text, "csrf": csrf},
                             allow_redirects=False) as response:
            if response.status == 303:  # the redirect to "Received" comes after the write
                confirmed.append(text)
            elif response.status == 429:
                await asyncio.sleep(0.2)


async def test_kill_9_during_a_burst_loses_nothing_that_was_confirmed(sessions_path):
    with SessionStore(sessions_path).create("Kill room", agenda=[{"part": PART}]):
        pass
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    room = subprocess.Popen([sys.executable, "-m", "workshop", "room", "Kill room",
                             "--sessions", str(sessions_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    confirmed: list[str] = []
    try:
        url = room.stdout.readline().strip()
        sessions = [aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
                    for _ in range(12)]
        tasks = [asyncio.create_task(_phone(http, url, n, confirmed))
                 for n, http in enumerate(sessions)]
        for _ in range(200):  # until the burst is well under way
            if len(confirmed) >= 40:
                break
            await asyncio.sleep(0.05)
        room.send_signal(signal.SIGKILL)
        room.wait(timeout=10)
        await asyncio.gather(*tasks, return_exceptions=True)
        for http in sessions:
            await http.close()
    finally:
        if room.poll() is None:
            room.kill()
    assert len(confirmed) >= 40
    path = SessionStore(sessions_path).resolve("Kill room").file
    on_disk = orjson.loads(path.read_bytes())
    stored = {doc.get("text") for doc in on_disk["records"].values()}
    missing = [text for text in confirmed if text not in stored]
    assert missing == []
    with SessionStore(sessions_path).open("Kill room") as session:  # and it opens again
        assert len(session.records("idea")) >= len(confirmed)
