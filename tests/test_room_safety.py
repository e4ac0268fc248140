"""The room opens a port on a laptop in a public room: oversize bodies (413), floods (429), forms
without their CSRF token or with fields of their own (403, 400), script-like text shown escaped,
strict headers, no banner, no listing, only the package's own files, the facilitator's private
records never served, a maximum of devices, and a server that keeps working through junk."""

from __future__ import annotations

import asyncio

import aiohttp

from tests.room_support import (
    PART,
    Phone,
    make_session,
    room_fixture,  # noqa: F401 - provides `room`
    room_records,
)
from workshop.room import Limits, RoomServer


async def test_an_oversize_body_is_refused_with_413(room):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        big = await phone.post("/idea", {"text": "x" * 10_000})
        assert big.status == 413
        long_idea = await phone.post("/idea", {"text": "y" * 300})
        assert long_idea.status == 400 and "at most 280" in phone.page
        assert 'yyyy' in phone.page  # what was typed is offered again
    assert room_records(room) == []


async def test_a_missing_or_forged_csrf_token_is_refused(room):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        missing = await phone.post("/idea", {"text": "No token"}, csrf=False)
        assert missing.status == 403 and "security token" in phone.page
        forged = await phone.post("/idea", {"text": "Bad token", "csrf": "0" * 32})
        assert forged.status == 403
    async with aiohttp.ClientSession() as stranger, stranger.post(  # no cookie: never joined
            room.participant_url + "/idea", data={"text": "x", "csrf": "y"}) as response:
        assert response.status == 403
    assert room_records(room) == []


async def test_unknown_fields_and_other_encodings_are_refused(room):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        extra = await phone.post("/idea", {"text": "Hi", "via": ""})
        assert extra.status == 400 and "unexpected form field" in phone.page
        as_json = await phone.http.post(room.participant_url + "/idea",
                                        json={"text": "Hi", "csrf": phone.csrf})
        assert as_json.status == 400
        control = await phone.post("/idea", {"text": "bell\x07"})
        assert control.status == 400
    assert room_records(room) == []


async def test_a_flood_from_one_phone_gets_429_and_the_room_keeps_working(tmp_path, guide):
    session = make_session(tmp_path / "s", guide)
    server = RoomServer(session, guide, limits=Limits(device_burst=3, device_rate=0.01))
    await server.start()
    try:
        server.open_activity(PART, "ideas")
        async with Phone(server) as phone, Phone(server) as other:
            await phone.join()
            statuses = [(await phone.post("/idea", {"text": f"idea {n}"})).status
                        for n in range(6)]
            assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429, 429]
            await other.join()
            assert (await other.post("/idea", {"text": "still heard"})).status == 200
        assert len(room_records(server)) == 4
    finally:
        await server.stop()
        session.close()


async def test_a_flood_from_one_address_gets_429(tmp_path, guide):
    session = make_session(tmp_path / "s", guide)
    server = RoomServer(session, guide, limits=Limits(address_burst=5, address_rate=0.01))
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            statuses = []
            for _ in range(8):
                async with http.get(server.join_address) as response:
                    statuses.append(response.status)
                    assert response.status != 429 or response.headers["Retry-After"]
        assert statuses.count(429) == 3
    finally:
        await server.stop()
        session.close()


async def test_script_like_text_is_shown_escaped_on_the_display(room):
    room.open_activity(PART, "ideas", revealed=True)
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    async with Phone(room) as phone:
        await phone.join()
        await phone.post("/idea", {"text": attack})
        await phone.get(room.display_url)
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in phone.page
        assert "<script>alert" not in phone.page and "<img src=x" not in phone.page
    (idea,) = room_records(room, "idea")
    assert idea["text"] == attack  # stored as typed; escaped on the way out


async def test_headers_forbid_framing_inline_script_and_banners(room):
    async with aiohttp.ClientSession() as http:
        for url in (room.join_address, room.participant_url, room.display_url,
                    room.join_address + "static/room.css", room.join_address + "nope"):
            async with http.get(url) as response:
                csp = response.headers["Content-Security-Policy"]
                assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
                assert "unsafe-inline" not in csp
                assert response.headers["X-Frame-Options"] == "DENY"
                assert response.headers["Referrer-Policy"] == "no-referrer"
                server_header = response.headers.get("Server", "")
                assert "aiohttp" not in server_header and "Python" not in server_header
        async with http.get(room.participant_url) as response:
            cookie = response.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
            assert "<script>" not in await response.text()  # only the package's own room.js


async def test_no_listing_and_only_the_package_files(room):
    async with aiohttp.ClientSession() as http:
        for path in ("static/", "static/..%2f__init__.py", "static/room.py", "j/", "d/",
                     "static/../server.py"):
            async with http.get(room.join_address + path) as response:
                assert response.status == 404, path
        async with http.get(room.join_address + "static/room.js") as response:
            assert response.status == 200 and "EventSource" in await response.text()
        async with http.delete(room.participant_url) as response:
            assert response.status == 405


async def test_the_facilitators_private_records_are_never_served(room):
    session = room.session
    session.add_record("note", PART, text="PRIVATE NOTE about the mayor")
    session.add_record("action", PART, title="PRIVATE ACTION", owner="PRIVATE OWNER")
    session.add_record("idea", PART, text="Facilitator idea", author="PRIVATE AUTHOR")
    session.add_participant(name="PRIVATE STAKEHOLDER")
    room.set_names("optional")
    for kind in ("ideas", "dots", "rating"):
        room.open_activity(PART, kind, revealed=True)
    async with Phone(room) as phone:
        await phone.join()
        pages = [phone.page]
        await phone.get(room.display_url)
        pages.append(phone.page)
    for page in pages:
        assert "Facilitator idea" in page
        assert "PRIVATE" not in page


async def test_the_room_has_a_maximum_of_devices(tmp_path, guide):
    session = make_session(tmp_path / "s", guide)
    server = RoomServer(session, guide, limits=Limits(max_devices=2))
    await server.start()
    try:
        phones = [Phone(server) for _ in range(3)]
        statuses = [(await phone.get()).status for phone in phones]
        assert statuses == [200, 200, 503] and server.devices_joined == 2
        for phone in phones:
            await phone.close()
    finally:
        await server.stop()
        session.close()


async def test_malformed_requests_and_dropped_connections_leave_it_working(room):
    host, port = "127.0.0.1", room.port
    for junk in (b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                 b"POST /j/x/idea HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab",
                 b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 50):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(junk)
        await writer.drain()
        writer.close()  # (gone mid-request)
        await writer.wait_closed()
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        assert (await phone.post("/idea", {"text": "after the junk"})).status == 200
    assert len(room_records(room)) == 1


async def test_a_client_that_never_finishes_its_request_is_disconnected(tmp_path, guide):
    session = make_session(tmp_path / "s", guide)
    server = RoomServer(session, guide, limits=Limits(idle_timeout=1.0))
    await server.start()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n")  # ...and the rest never comes
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), 30) == b""  # closed by the server
        writer.close()
        async with Phone(server) as phone:
            assert (await phone.get(server.join_address)).status == 200
    finally:
        await server.stop()
        session.close()
