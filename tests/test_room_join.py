"""Joining the room: the join link with its secret, the short code form, a wrong secret, the
device cookie, names when the room asks for them, and the count of devices joined."""

from __future__ import annotations

import aiohttp

from tests.room_support import (
    PART,
    Phone,
    room_fixture,  # noqa: F401 - provides `room`
)


async def test_the_join_link_shows_the_current_part_and_counts_the_device(room, guide):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        page = await phone.join()
        assert guide.part(PART).title in page
        assert "Send idea" in page
        assert room.devices_joined == 1
        await phone.join()  # the same phone again is still one device
        assert room.devices_joined == 1
    async with Phone(room) as other:
        await other.join()
    assert room.devices_joined == 2


async def test_a_wrong_secret_is_refused(room):
    async with aiohttp.ClientSession() as http:
        wrong = room.participant_url[:-3] + "xyz"
        async with http.get(wrong) as response:
            assert response.status == 404
        async with http.get(room.display_url + "x") as response:
            assert response.status == 404
        async with http.get(room.participant_url.replace("/j/", "/d/")) as response:
            assert response.status == 404  # the join secret does not open the display
    assert room.devices_joined == 0


async def test_the_short_code_leads_to_the_room(room):
    async with Phone(room) as phone:
        response = await phone.get(room.join_address)
        assert response.status == 200 and 'name="code"' in phone.page
        code = room.join_code.lower()[:3] + " " + room.join_code.lower()[3:]
        response = await phone.http.post(room.join_address, data={"code": code,
                                                                  "csrf": phone.csrf})
        assert response.status == 200 and str(response.url) == room.participant_url
        response = await phone.http.post(room.join_address, data={"code": "AAAAAA",
                                                                  "csrf": phone.csrf})
        assert response.status == 400 and "not this room" in await response.text()


async def test_names_asked_come_before_contributing(room):
    room.set_names("asked")
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        page = await phone.join()
        assert "Send idea" not in page and 'name="name"' in page
        refused = await phone.post("/idea", {"text": "Open data"})
        assert refused.status == 409 and "name" in phone.page
        await phone.post("/name", {"name": "Sara", "sector": "public"})
        assert "Send idea" in phone.page
        await phone.post("/idea", {"text": "Open data"})
    (idea,) = [r for r in room.session.records("idea") if r["via"] == "room"]
    assert idea["author"] == "Sara"
    assert room.devices[idea["device"]].sector == "public"


async def test_names_off_never_stores_a_name(room):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        refused = await phone.post("/name", {"name": "Sara"})
        assert refused.status == 409
        await phone.post("/idea", {"text": "Anonymous idea"})
    (idea,) = [r for r in room.session.records("idea") if r["via"] == "room"]
    assert idea["author"] == "" and idea["device"].startswith("d")
