"""A phone keeps its identity when the room restarts on the same session: the join link (and so
the printed QR code) stays the same, its cookie is still accepted, and the dots it already spent
stay spent. The secrets live in a private key file in the config folder, never in the session;
a damaged key file costs one warning line and new secrets; the facilitator can rotate them."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.room_support import PART, Phone, make_session, room_records
from workshop.paths import config_dir
from workshop.room import Limits, RoomServer
from workshop.room.keys import key_path

LIMITS = Limits(address_burst=10_000, address_rate=1000)


async def _restarted(server: RoomServer, guide) -> RoomServer:
    await server.stop()
    again = RoomServer(server.session, guide, limits=LIMITS)  # port 0: the last one first
    await again.start()
    return again


async def test_a_restart_keeps_the_link_the_cookie_and_the_spent_dots(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        server = RoomServer(session, guide, limits=LIMITS)
        await server.start()
        server.open_activity(PART, "ideas", revealed=True)
        a = session.add_record("idea", PART, text="Idea A")
        b = session.add_record("idea", PART, text="Idea B")
        server.open_activity(PART, "dots", budget=3, revealed=True)
        url, display, code = server.participant_url, server.display_url, server.join_code
        phone = Phone(server)
        try:
            await phone.join()
            spent = await phone.post("/dots", {f"dot_{a['id']}": "3"})
            assert spent.status == 200
            server = await _restarted(server, guide)
            phone.server = server
            assert (server.participant_url, server.display_url, server.join_code) == (
                url, display, code)
            # the same phone, the same cookie, no new join: its 3 dots are still spent
            over = await phone.post("/dots", {f"dot_{a['id']}": "3", f"dot_{b['id']}": "1"})
            assert over.status == 409 and "you have 3 dots" in phone.page
            assert server.devices_joined == 1
            moved = await phone.post("/dots", {f"dot_{a['id']}": "1", f"dot_{b['id']}": "2"})
            assert moved.status == 200
        finally:
            await phone.close()
            await server.stop()
        votes = room_records(server, "vote")
        assert sorted(v["dots"] for v in votes) == [1, 2]
        assert len({v["device"] for v in votes}) == 1


async def test_the_key_file_is_private_and_never_in_the_session(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        server = RoomServer(session, guide)
        path = key_path(session.id)
        assert path.parent.parent == config_dir()
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        stored = json.loads(path.read_text())
        assert stored["join"] == server.secrets.join
        on_disk = session.path.read_text()
        for secret in (server.secrets.join, server.secrets.display, server.secrets.key.hex()):
            assert secret not in on_disk


@pytest.mark.parametrize("content", [b"not json", b'{"join": "x"}', b"[]",
                                     b'{"format": "workshop-room-keys", "version": 1, '
                                     b'"join": "<script>", "display": "y", "code": "ABC",'
                                     b'"key": "zz"}'])
async def test_a_damaged_key_file_is_one_warning_and_new_secrets(tmp_path, guide, content):
    with make_session(tmp_path / "s", guide) as session:
        first = RoomServer(session, guide).participant_url
        path = key_path(session.id)
        path.write_bytes(content)
        server = RoomServer(session, guide)
        assert len(server.warnings) == 1
        assert str(path.name) in server.warnings[0] and "new" in server.warnings[0]
        assert "\n" not in server.warnings[0]
        assert server.participant_url != first
        assert RoomServer(session, guide).participant_url == server.participant_url  # rewritten


async def test_rotating_the_secrets_changes_the_link_and_forgets_old_cookies(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        server = RoomServer(session, guide, limits=LIMITS)
        await server.start()
        server.open_activity(PART, "ideas")
        try:
            async with Phone(server) as phone:
                await phone.join()
                old = server.participant_url
                server.rotate_secrets()
                assert server.participant_url != old
                refused = await phone.http.get(old)
                assert refused.status == 404
                stale = await phone.post("/idea", {"text": "With an old cookie"})
                assert stale.status == 403
        finally:
            await server.stop()
        assert RoomServer(session, guide).secrets.join == server.secrets.join


def test_the_room_command_keeps_its_link_until_new_secrets_is_asked(sessions_path):
    from tests.test_room_cli import make, start_room, stop

    make(sessions_path)

    def first_line(*args: str) -> str:
        room = start_room(sessions_path, *args)
        try:
            return room.stdout.readline().strip()
        finally:
            stop(room)

    first = first_line()
    assert first_line() == first
    rotated = first_line("--new-secrets")
    assert rotated != first and "/j/" in rotated
    assert first_line() == rotated
