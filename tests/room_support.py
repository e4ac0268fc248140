"""Shared helpers for the room's HTTP tests: a session on a real guide, a started RoomServer on a
free loopback port, and `Phone`, an aiohttp client with its own cookies that reads the page's
CSRF token the way a browser submits a form."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest_asyncio

from workshop.room import Limits, RoomServer
from workshop.store import SessionStore

PART = "B3"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_session(folder, guide, title: str = "Room test"):
    store = SessionStore(folder, known_parts=[p.id for p in guide.parts])
    return store.create(title, agenda=[{"part": PART}, {"part": "B1"}])


@pytest_asyncio.fixture(name="room")
async def room_fixture(tmp_path, guide) -> AsyncIterator[RoomServer]:
    session = make_session(tmp_path / "sessions", guide)
    server = RoomServer(session, guide, limits=Limits(address_burst=10_000, address_rate=1000))
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
        session.close()


class Phone:
    """One participant's browser: its own cookie jar, no redirects followed unless asked."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf = ""
        self.page = ""

    async def close(self) -> None:
        await self.http.close()

    async def __aenter__(self) -> Phone:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def base(self) -> str:
        return self.server.participant_url

    async def get(self, url: str | None = None) -> aiohttp.ClientResponse:
        response = await self.http.get(url or self.base)
        self.page = await response.text()
        found = _CSRF.search(self.page)
        if found:
            self.csrf = found.group(1)
        return response

    async def join(self) -> str:
        response = await self.get()
        assert response.status == 200, self.page
        return self.page

    async def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True,
                   follow: bool = True) -> aiohttp.ClientResponse:
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf", self.csrf)
        response = await self.http.post(f"{self.base}{path}", data=form,
                                        allow_redirects=follow)
        self.page = await response.text()
        found = _CSRF.search(self.page)
        if found:
            self.csrf = found.group(1)
        return response


def room_records(server: RoomServer, kind: str | None = None) -> list[dict[str, Any]]:
    return [r for r in server.session.records(kind) if r["via"] == "room"]
