"""Each tab of `workshop serve` is its own app process: a tab holds its session's lock, and
stopping the server (ctrl+c, a kill, or its terminal window closing) ends the tabs' apps, so
their sessions are free again. A tab is driven here over the websocket, as textual.js does."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import aiohttp
import pytest

from tests.serve_support import serving
from workshop.store import SessionStore
from workshop.store.demo import create_demo
from workshop.store.lock import SessionLock


@pytest.fixture
def demo_sessions(sessions_path, guide) -> Path:
    with create_demo(SessionStore(sessions_path)):
        pass
    return sessions_path


def held_locks(sessions: Path) -> list[str]:
    held = []
    for path in (sessions / ".locks").glob("*.lock"):
        lock = SessionLock(path)
        if lock.acquire() is None:
            lock.release()
        else:
            held.append(path.name)
    return held


async def until(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.2)
    return condition()


async def open_a_session_in_a_tab(served, http: aiohttp.ClientSession, sessions: Path):
    """The page (which sets the cookie), then the websocket: the app starts; Enter resumes."""
    async with http.get(served.url) as page:
        assert page.status == 200
    socket = await http.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30")
    seen = b""
    while b"Harbourford" not in seen:
        message = await asyncio.wait_for(socket.receive(), 60)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        seen += message.data
    await socket.send_json(["stdin", "\r"])
    assert await until(lambda: held_locks(sessions) != [])
    return socket


def browser_like() -> aiohttp.ClientSession:
    """A client that keeps cookies of an IP address, as browsers do (aiohttp's default does not)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def test_a_websocket_without_the_token_gets_403(demo_sessions) -> None:
    with serving(demo_sessions) as served:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(f"ws://127.0.0.1:{served.port}/ws")
            assert refused.value.status == 403
        assert held_locks(demo_sessions) == []


@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGTERM])
async def test_stopping_the_server_ends_the_tabs_apps(demo_sessions, stop) -> None:
    with serving(demo_sessions) as served:
        async with browser_like() as http:
            socket = await open_a_session_in_a_tab(served, http, demo_sessions)
            assert len(held_locks(demo_sessions)) == 1
            served.process.send_signal(stop)
            assert await until(lambda: served.process.poll() is not None, 30)
            await socket.close()
    assert await until(lambda: held_locks(demo_sessions) == [], 20)


async def test_closing_a_tab_ends_its_app(demo_sessions) -> None:
    with serving(demo_sessions) as served:
        async with browser_like() as http:
            socket = await open_a_session_in_a_tab(served, http, demo_sessions)
            await socket.close()
            assert await until(lambda: held_locks(demo_sessions) == [], 20)
