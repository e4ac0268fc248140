"""The room from the facilitator's side (issue 12): the walkthrough opens the room on Textual's
own loop, a phone (a real HTTP client on loopback) sends an idea, the walkthrough shows it, the
facilitator merges it with another idea, and the Markdown export lists it. Closing the room or
quitting the app stops the server."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from keys_support import burst
from textual.widgets import DataTable, Static

from tests.room_support import Phone
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.room_control import reach_warning, room_of
from workshop.tui.screens.presenter import PresenterScreen
from workshop.tui.screens.room import RoomScreen
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.room_join import RoomJoin

PART = "B3"


async def settle(pilot, done, rounds: int = 2000) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def make_session(sessions_path: Path, guide, *, vote: bool = False) -> tuple[str, dict]:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Room day", agenda=[{"part": PART, "timebox": 20},
                                          {"part": "B1", "timebox": 10}]) as session:
        kept = session.add_record("idea", PART, text="Open bus data for everyone")
        if vote:
            session.add_record("vote", PART, voter="Ann", dots=2, target=kept["id"])
        return session.id, kept


def rows(walk: WalkthroughScreen) -> list[str]:
    table = walk.query_one("#cp-table", DataTable)
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def open_walkthrough(app: WorkshopApp, pilot, sid: str, records: int = 1
                           ) -> WalkthroughScreen:
    app.open_session(sid)
    await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                 and len(rows(app.screen)) == records)
    return app.screen


async def open_room(app: WorkshopApp, pilot) -> RoomScreen:
    burst(app, "o", "s")  # the room panel, then open the room
    await settle(pilot, lambda: isinstance(app.screen, RoomScreen) and app.screen.room.running)
    screen = app.screen
    assert isinstance(screen, RoomScreen) and screen.room.running
    return screen


async def test_phone_idea_shown_merged_and_exported(guide, sessions_path) -> None:
    sid, older = make_session(sessions_path, guide, vote=True)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await open_walkthrough(app, pilot, sid, records=2)
        panel = await open_room(app, pilot)
        server = panel.room.server
        assert server.host == "127.0.0.1"
        assert server.settings["current"] == PART
        assert server.settings["parts"][PART]["ideas"]["open"]  # ideas open from the start
        head = str(panel.query_one("#room-head", Static).content)
        assert "OPEN on 127.0.0.1" in head
        join = panel.query_one(RoomJoin)
        assert server.join_code in str(join.query_one("#rj-code", Static).content)
        qr = str(join.query_one("#rj-qr", Static).content).splitlines()
        assert len(qr) >= 15 and join.region.height <= 22 and join.region.width <= 40
        burst(app, "escape")  # back to the walkthrough: the room stays open
        await settle(pilot, lambda: app.screen is walk)
        assert panel.room.running
        assert "Room open" in str(walk.query_one("#wt-banner", Static).content)

        async with Phone(server) as phone:
            await phone.join()
            response = await phone.post("/idea", {"text": "open bus data <b>please</b>"})
            assert response.status == 200
            # shown as soon as it is committed (no key pressed, no reload)
            await settle(pilot, lambda: any("please" in r for r in rows(walk)))
        shown = next(r for r in rows(walk) if "please" in r)
        assert "phone" in shown and "<b>please</b>" in shown  # literally, tagged

        # the phone's wording is better: the facilitator's older idea is merged into it
        room_idea = next(r for r in walk.session.records("idea") if r["via"] == "room")
        walk.action_focus_captured()
        walk.capture.select_record(older["id"])
        await pilot.pause()
        version = server.version
        burst(app, "M", "enter")  # the only other idea on the part: the phone's
        await settle(pilot, lambda: walk.session.record(older["id"])["hidden"]
                     and server.version > version)
        merged = walk.session.record(older["id"])
        assert merged["hidden"] and merged["target"] == room_idea["id"]
        (vote,) = walk.session.records("vote")
        assert vote["target"] == room_idea["id"]  # Ann's dots follow
        assert server.version > version  # live phones and the room display are told

        # the Markdown export lists it, from the room, with the dots
        from workshop.export import render

        text = render(walk.session.snapshot(), "md", guide=guide)
        listed = [line for line in text.splitlines() if "open bus data" in line]
        assert any("please" in line and "from the room" in line and "2 dots" in line
                   for line in listed), listed
        assert "Open bus data for everyone" not in text  # hidden: out of the documents


async def test_quitting_stops_the_server(guide, sessions_path) -> None:
    sid, _kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        url = panel.room.server.participant_url
        async with aiohttp.ClientSession() as http, http.get(url) as response:
            assert response.status == 200
        await app.action_quit()
    assert room_of(app) is None
    async with aiohttp.ClientSession() as http:
        try:
            async with http.get(url, timeout=aiohttp.ClientTimeout(total=2)):
                refused = False
        except (TimeoutError, aiohttp.ClientError):
            refused = True
    assert refused


async def test_closing_the_room_and_going_home_stop_it(guide, sessions_path) -> None:
    sid, _kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        room = panel.room
        burst(app, "s")  # close the room
        await settle(pilot, lambda: not room.running)
        assert not room.running
        burst(app, "s")  # open again, then leave to Home: the session and room close
        await settle(pilot, lambda: room.running)
        burst(app, "escape")  # back to the walkthrough (the room stays open)
        await settle(pilot, lambda: app.screen is walk)
        assert room.running
        walk.part_view.focus()
        await pilot.pause()
        burst(app, "escape")  # Home
        await settle(pilot, lambda: not room.running and walk.session.closed)
        assert not room.running and room_of(app) is None


async def test_activities_names_premoderation_and_presenter_qr(guide, sessions_path) -> None:
    sid, _kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        server = panel.room.server
        # down to dots: space opens it; v shows results; N names; m pre-moderation
        burst(app, "down", "space", "v", "N", "m")
        await settle(pilot, lambda: server.settings["premoderation"])
        dots = server.settings["parts"][PART]["dots"]
        assert dots["open"] and dots["revealed"] and dots["budget"] == 3
        assert server.settings["names"] == "optional"
        # the walkthrough moves on: the room follows
        burst(app, "escape", "n")
        await settle(pilot, lambda: server.settings["current"] == "B1")
        assert server.settings["current"] == "B1"
        burst(app, "f5")
        await settle(pilot, lambda: isinstance(app.screen, PresenterScreen))
        join = app.screen.query_one(RoomJoin)
        await settle(pilot, lambda: join.display and join.region.height > 0)
        assert join.display and server.join_code in str(join.query_one("#rj-code").content)
        assert join.region.right <= 80 and join.region.bottom <= 24
        assert walk.room_join() is not None


def test_non_loopback_warning_says_who_can_reach_it() -> None:
    assert reach_warning("127.0.0.1") == ""
    line = reach_warning("192.168.1.20")
    assert "192.168.1.20" in line and "\n" not in line and "Anyone" in line


async def test_facilitator_edit_of_a_room_idea_reaches_live_pages(guide, sessions_path) -> None:
    sid, _kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        server = panel.room.server
        burst(app, "escape")
        await settle(pilot, lambda: app.screen is walk)
        async with Phone(server) as phone:
            await phone.join()
            await phone.post("/idea", {"text": "tram stops"})
        await settle(pilot, lambda: any("tram stops" in r for r in rows(walk)))
        room_idea = next(r for r in walk.session.records("idea") if r["via"] == "room")
        walk.action_focus_captured()
        walk.capture.select_record(room_idea["id"])
        await pilot.pause()
        version = server.version
        burst(app, "e", " ", "n", "o", "w", "ctrl+s")
        await settle(pilot, lambda: walk.session.record(room_idea["id"])["text"]
                     == "tram stops now" and server.version > version)
        assert walk.session.record(room_idea["id"])["text"] == "tram stops now"
        assert walk.session.record(room_idea["id"])["via"] == "room"  # still the phone's
        assert server.version > version


async def test_presenter_draws_the_qr_code_bigger_on_a_big_terminal(guide, sessions_path
                                                                    ) -> None:
    sid, _kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(160, 60)) as pilot:
        await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        small = panel.room.server.qr_text().splitlines()
        burst(app, "escape", "f5")
        await settle(pilot, lambda: isinstance(app.screen, PresenterScreen))
        join = app.screen.query_one(RoomJoin)
        await settle(pilot, lambda: join.region.height > 0)
        big = str(join.query_one("#rj-qr", Static).content).splitlines()
        assert len(big[0]) == 2 * len(small[0])  # two cells a module across
        assert len(big) in (2 * len(small), 2 * len(small) - 1)  # one row a module down
        assert join.region.right <= 160 and join.region.bottom <= 60


async def test_tally_grid_totals_follow_phone_dots_live(guide, sessions_path) -> None:
    from workshop.tui.screens.tally import TallyScreen

    sid, kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        server = panel.room.server
        burst(app, "down", "space", "escape", "V")  # dots open for phones; the tally grid
        await settle(pilot, lambda: isinstance(app.screen, TallyScreen))
        grid = app.screen

        def header() -> str:
            return str(grid.grid.ordered_columns[1].label)

        assert header() == "I1:0"

        async with Phone(server) as phone:
            await phone.join()
            response = await phone.post("/dots", {f"dot_{kept['id']}": "2"})
            assert response.status == 200
        await settle(pilot, lambda: header() == "I1:2")
        assert header() == "I1:2"


async def test_choosing_a_network_address_reopens_there_with_one_warning_line(
        guide, sessions_path) -> None:
    import pytest

    from workshop.room import addresses

    others = [a for a in addresses() if not a.startswith("127.")]
    if not others:
        pytest.skip("this machine has no network address besides loopback")
    sid, _kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        assert not panel.query_one("#room-warning").display
        burst(app, "a", "down", "enter")
        await settle(pilot, lambda: panel.room.host == others[0] and panel.room.running)
        assert panel.room.server.host == others[0] and panel.room.running
        assert others[0] in panel.room.server.participant_url
        warning = panel.query_one("#room-warning", Static)
        assert warning.display and others[0] in str(warning.content)
        assert str(warning.content).count("\n") == 0  # one line of text (wrapped on screen)
        burst(app, "a", "up", "enter")  # back to this laptop only: no warning
        await settle(pilot, lambda: panel.room.host == "127.0.0.1" and panel.room.running)
        assert not warning.display


async def test_poll_typed_as_question_then_options(guide, sessions_path) -> None:
    sid, _kept = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        server = panel.room.server
        burst(app, "down", "down", "down", "b", *"no options here", "enter")
        await settle(pilot, lambda: app.screen is panel and app._notifications)
        assert not server.settings["parts"][PART].get("poll", {}).get("open")
        assert any("options split by |" in n.message for n in app._notifications)
        burst(app, "b", *"Which first? Buses | Bikes", "enter")
        await settle(pilot, lambda: server.settings["parts"][PART].get("poll", {}).get("open"))
        poll = server.settings["parts"][PART]["poll"]
        assert poll["question"] == "Which first?"
        assert [o["text"] for o in poll["options"]] == ["Buses", "Bikes"]
