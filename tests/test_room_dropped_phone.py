"""A phone that goes away while sending a form (a joined phone, a valid cookie, half the body):
nothing to answer and nothing to report; no traceback is logged (it would land on the
facilitator's terminal under `workshop room`), and the room keeps working."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from yarl import URL

from tests.room_support import (
    PART,
    Phone,
    room_fixture,  # noqa: F401 - provides `room`
    room_records,
)


async def test_a_phone_gone_mid_form_logs_no_traceback(room, caplog):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        cookies = phone.http.cookie_jar.filter_cookies(URL(room.participant_url))
        cookie = "; ".join(f"{k}={m.value}" for k, m in cookies.items())
        path = urlsplit(f"{phone.base}/idea").path
        caplog.set_level(logging.DEBUG)
        for _ in range(3):
            reader, writer = await asyncio.open_connection("127.0.0.1", room.port)
            writer.write(
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n"
                f"csrf={phone.csrf}&text=half".encode())
            await writer.drain()
            writer.close()  # gone before the rest of the body
            await writer.wait_closed()
        await asyncio.sleep(0.3)
        assert (await phone.post("/idea", {"text": "after the dropped ones"})).status == 200
    assert [r["text"] for r in room_records(room, "idea")] == ["after the dropped ones"]
    tracebacks = [r for r in caplog.records if r.exc_info and r.levelno >= logging.WARNING]
    assert not tracebacks, [r.getMessage() for r in tracebacks]
