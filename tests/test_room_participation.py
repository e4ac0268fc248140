"""Participation from the room in the exports: how many phones joined, what they sent by kind,
and (when the room asked for names) by sector. A phone's name and sector are kept in the
session, checked like a participant's, so a restarted room still knows them; with --no-names
no participant's name appears anywhere in the document."""

from __future__ import annotations

import io

import docx

from tests.room_support import PART, Phone, make_session
from workshop.export import render
from workshop.room import Limits, RoomServer
from workshop.store.room_settings import DEVICES_KEY, room_devices

LIMITS = Limits(address_burst=10_000, address_rate=1000)
TITLE = "Participation from the room"


def _words(document: bytes) -> str:
    parsed = docx.Document(io.BytesIO(document))
    cells = [c.text for t in parsed.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in parsed.paragraphs] + cells)


async def _named_room(tmp_path, guide):
    """Three phones: Sara (public) sends two ideas and 3 dots, Omar (academic) rates one
    recommendation, a third phone joins and sends nothing. The room restarts in between."""
    session = make_session(tmp_path / "s", guide)
    server = RoomServer(session, guide, limits=LIMITS)
    await server.start()
    server.set_names("asked")
    server.open_activity(PART, "ideas", revealed=True)
    rec = guide.part(PART).recommendations[0].id
    sara, omar, quiet = Phone(server), Phone(server), Phone(server)
    try:
        for phone in (sara, omar, quiet):
            await phone.join()
        await sara.post("/name", {"name": "Sara Lind", "sector": "public"})
        await omar.post("/name", {"name": "Omar Haddad", "sector": "academic"})
        await sara.post("/idea", {"text": "Open the bus data"})
        await server.stop()
        server = RoomServer(session, guide, limits=LIMITS)  # the app restarted
        await server.start()
        for phone in (sara, omar, quiet):
            phone.server = server
        assert server.devices_joined == 3
        await sara.get()
        ok = await sara.post("/idea", {"text": "Shared bikes"})  # still named after the restart
        assert ok.status == 200
        idea = next(r for r in session.records("idea") if r["text"] == "Shared bikes")
        assert idea["author"] == "Sara Lind"
        server.open_activity(PART, "dots", budget=3, revealed=True)
        server.open_activity(PART, "rating", revealed=True)
        await sara.get()
        assert (await sara.post("/dots", {f"dot_{idea['id']}": "3"})).status == 200
        await omar.get()
        assert (await omar.post("/rate", {f"now_{rec}": "2", f"target_{rec}": "4"})).status == 200
    finally:
        for phone in (sara, omar, quiet):
            await phone.close()
        await server.stop()
    return session


async def test_names_and_sectors_are_kept_and_counted_by_sector_in_every_document(
        tmp_path, guide):
    session = await _named_room(tmp_path, guide)
    with session:
        stored = room_devices(session)
        snapshot = session.snapshot()
    assert sorted((d["name"], d["sector"]) for d in stored.values()) == [
        ("", ""), ("Omar Haddad", "academic"), ("Sara Lind", "public")]
    markdown = render(snapshot, "md", guide=guide)
    section = markdown[markdown.index(TITLE):]
    section = section[:section.index("\n## ")] if "\n## " in section else section
    assert "3 devices joined" in section and "2 ideas" in section
    assert "3 dots" in section and "1 rating" in section
    public = next(line for line in section.splitlines() if line.startswith("| Public sector"))
    academic = next(line for line in section.splitlines() if line.startswith("| Universities"))
    assert [c.strip() for c in public.strip("|").split("|")] == ["Public sector", "1", "2", "3",
                                                                 "0", "0"]
    assert [c.strip() for c in academic.strip("|").split("|")] == [
        "Universities and colleges", "1", "0", "0", "1", "0"]
    html = render(snapshot, "html", guide=guide)
    assert TITLE in html and "3 devices joined" in html and ">Universities and colleges<" in html
    words = _words(render(snapshot, "docx", guide=guide))
    assert TITLE in words and "3 devices joined" in words and "Universities and colleges" in words


async def test_no_names_keeps_the_counts_and_leaves_every_name_out(tmp_path, guide):
    session = await _named_room(tmp_path, guide)
    with session:
        snapshot = session.snapshot()
    for fmt in ("md", "html"):
        text = render(snapshot, fmt, guide=guide, no_names=True)
        assert TITLE in text and "3 devices joined" in text
        assert "Sara" not in text and "Omar" not in text
    words = _words(render(snapshot, "docx", guide=guide, no_names=True))
    assert TITLE in words and "Sara" not in words and "Omar" not in words


async def test_a_room_without_names_stores_none_and_shows_no_sector_table(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        server = RoomServer(session, guide, limits=LIMITS)
        await server.start()
        server.open_activity(PART, "ideas")
        try:
            async with Phone(server) as one, Phone(server) as two:
                await one.join()
                await two.join()
                assert (await one.post("/name", {"name": "Sara"})).status == 409
                await one.post("/idea", {"text": "Anonymous idea"})
        finally:
            await server.stop()
        assert all(d == {"name": "", "sector": ""} for d in room_devices(session).values())
        assert len(room_devices(session)) == 2
        markdown = render(session.snapshot(), "md", guide=guide)
    section = markdown[markdown.index(TITLE):]
    assert "2 devices joined" in section and "1 idea" in section
    assert "| Sector" not in section


def test_stored_devices_are_checked_like_participants(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        session.set_ui_state(**{DEVICES_KEY: {
            "dgoodone1": {"name": "Ana", "sector": "citizen"},
            "dbadsector": {"name": "Bo", "sector": "pirates"},
            "dcontrol1": {"name": "Eve\x1b[31m", "sector": ""},
            "../../etc": {"name": "X", "sector": ""},
            "dnotdict1": "Ana"}})
        assert room_devices(session) == {"dgoodone1": {"name": "Ana", "sector": "citizen"}}
        server = RoomServer(session, guide)
        assert server.devices_joined == 1 and server.devices["dgoodone1"].sector == "citizen"
        session.set_ui_state(**{DEVICES_KEY: ["not", "an", "object"]})
        assert room_devices(session) == {}
        markdown = render(session.snapshot(), "md", guide=guide)
    assert TITLE not in markdown  # nothing came from the room


def test_a_session_that_never_opened_the_room_has_no_such_section(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        session.add_record("idea", PART, text="Typed by the facilitator")
        assert TITLE not in render(session.snapshot(), "md", guide=guide)
