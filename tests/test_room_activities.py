"""The room's activities from a phone: ideas (edit and withdraw), dots within a budget the
server enforces, ratings now and target, a poll; a closed activity refused; pre-moderation;
the display showing what is revealed; the app told of each committed change."""

from __future__ import annotations

from tests.room_support import (
    PART,
    Phone,
    room_fixture,  # noqa: F401 - provides `room`
    room_records,
)


async def test_an_idea_is_saved_confirmed_and_reported_to_the_app(room):
    seen: list[list[str]] = []
    room.on_change.append(seen.append)
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        response = await phone.post("/idea", {"text": "Open the bus data"})
        assert response.status == 200 and "Received: your idea is saved." in phone.page
    (idea,) = room_records(room, "idea")
    assert idea["text"] == "Open the bus data" and idea["part"] == PART
    assert any(idea["id"] in ids for ids in seen)
    on_disk = room.session.path.read_text()
    assert "Open the bus data" in on_disk


async def test_edit_and_withdraw_own_idea_until_the_activity_closes(room):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone, Phone(room) as other:
        await phone.join()
        await other.join()
        await phone.post("/idea", {"text": "First wording"})
        (idea,) = room_records(room, "idea")
        edited = await phone.post(f"/idea/{idea['id']}", {"text": "Better wording"})
        assert edited.status == 200 and "Received: your change is saved." in phone.page
        assert room.session.record(idea["id"])["text"] == "Better wording"
        stolen = await other.post(f"/idea/{idea['id']}", {"text": "Hijacked"})
        assert stolen.status == 403
        room.close_activity(PART, "ideas")
        closed = await phone.post(f"/idea/{idea['id']}", {"withdraw": "1"})
        assert closed.status == 409 and "closed" in phone.page
        room.open_activity(PART, "ideas")
        await phone.join()
        gone = await phone.post(f"/idea/{idea['id']}", {"withdraw": "1"})
        assert gone.status == 200 and "Withdrawn." in phone.page
    assert room_records(room, "idea") == []


async def test_a_closed_activity_is_refused(room):
    room.open_activity(PART, "ideas")
    async with Phone(room) as phone:
        await phone.join()
        room.close_activity(PART, "ideas")
        await phone.get()
        assert "Send idea" not in phone.page
        refused = await phone.post("/idea", {"text": "Too late"})
        assert refused.status == 409 and "Ideas is closed" in phone.page
    assert room_records(room) == []


async def test_dots_within_the_budget_and_over_budget_refused(room):
    room.open_activity(PART, "ideas", revealed=True)
    a = room.session.add_record("idea", PART, text="Idea A")
    b = room.session.add_record("idea", PART, text="Idea B")
    room.open_activity(PART, "dots", budget=3, revealed=True)
    async with Phone(room) as phone:
        await phone.join()
        assert f'name="dot_{a["id"]}"' in phone.page
        ok = await phone.post("/dots", {f"dot_{a['id']}": "2", f"dot_{b['id']}": "1"})
        assert ok.status == 200 and "your dots are saved" in phone.page
        over = await phone.post("/dots", {f"dot_{a['id']}": "3", f"dot_{b['id']}": "1"})
        assert over.status == 409 and "you have 3 dots" in phone.page
        moved = await phone.post("/dots", {f"dot_{a['id']}": "0", f"dot_{b['id']}": "3"})
        assert moved.status == 200
        unknown = await phone.post("/dots", {"dot_nosuchidea": "1"})
        assert unknown.status == 409
    votes = room_records(room, "vote")
    assert [(v["target"], v["dots"]) for v in votes] == [(b["id"], 3)]


async def test_dots_from_concurrent_requests_never_exceed_the_budget(room):
    import asyncio

    room.open_activity(PART, "dots", budget=3)
    ideas = [room.session.add_record("idea", PART, text=f"Idea {n}")["id"] for n in range(3)]
    async with Phone(room) as phone:
        await phone.join()
        # three allocations of 3 dots sent at once: each alone fits, so each replaces the last
        await asyncio.gather(*(phone.post("/dots", {f"dot_{i}": "3"}) for i in ideas))
    assert sum(v["dots"] for v in room_records(room, "vote")) == 3


async def test_rating_now_and_target_then_change_and_withdraw(room, guide):
    recs = [r.id for r in guide.part(PART).recommendations]
    room.open_activity(PART, "rating", revealed=True)
    async with Phone(room) as phone:
        await phone.join()
        assert "Not started" in phone.page and f'name="now_{recs[0]}"' in phone.page
        ok = await phone.post("/rate", {f"now_{recs[0]}": "2", f"target_{recs[0]}": "4"})
        assert ok.status == 200 and "your rating is saved" in phone.page
        half = await phone.post("/rate", {f"now_{recs[1]}": "2"})
        assert half.status == 400 and "both now and target" in phone.page
        await phone.post("/rate", {f"now_{recs[0]}": "3", f"target_{recs[0]}": "5"})
        (rating,) = room_records(room, "rating")
        assert (rating["rec"], rating["current"], rating["target_level"]) == (recs[0], 3, 5)
        await phone.post("/rate", {f"withdraw_{recs[0]}": "1"})
    assert room_records(room, "rating") == []


async def test_a_poll_takes_one_answer_per_device(room):
    room.open_activity(PART, "poll", question="Start where?", options=["Buses", "Bins"],
                       revealed=True)
    options = room.settings["parts"][PART]["poll"]["options"]
    async with Phone(room) as phone:
        await phone.join()
        assert "Start where?" in phone.page
        await phone.post("/poll", {"option": options[0]["id"]})
        await phone.post("/poll", {"option": options[1]["id"]})
        (answer,) = room_records(room, "vote")
        assert answer["target"] == options[1]["id"] and answer["dots"] == 1
        bad = await phone.post("/poll", {"option": "nonsense"})
        assert bad.status == 409


async def test_premoderation_keeps_ideas_off_the_display_until_approved(room):
    room.set_premoderation(True)
    room.open_activity(PART, "ideas", revealed=True)
    async with Phone(room) as phone:
        await phone.join()
        await phone.post("/idea", {"text": "Waiting idea"})
        assert "waiting for the facilitator" in phone.page
        (idea,) = room_records(room, "idea")
        assert idea["pending"] is True
        display = await phone.get(room.display_url)
        assert display.status == 200 and "Waiting idea" not in phone.page
        room.approve(idea["id"])
        await phone.get(room.display_url)
        assert "Waiting idea" in phone.page


async def test_the_display_shows_ideas_dots_and_rating_spread(room, guide):
    rec = guide.part(PART).recommendations[0].id
    room.open_activity(PART, "ideas", revealed=True)
    room.open_activity(PART, "dots", budget=5, revealed=True)
    room.open_activity(PART, "rating", revealed=True)
    phones = [Phone(room) for _ in range(3)]
    try:
        for phone in phones:
            await phone.join()
        await phones[0].post("/idea", {"text": "Shared bikes"})
        await phones[0].join()
        (idea,) = room_records(room, "idea")
        for n, phone in enumerate(phones):
            await phone.join()
            await phone.post("/dots", {f"dot_{idea['id']}": "2"})
            await phone.post("/rate", {f"now_{rec}": str(1 + 2 * n), f"target_{rec}": "5"})
        await phones[0].get(room.display_url)
        page = phones[0].page
        assert "Shared bikes" in page and '<span class="count">6</span>' in page
        assert "Views differ widely" in page
        assert "3</strong> devices joined" in page
        assert room.join_code in page
    finally:
        for phone in phones:
            await phone.close()


async def test_live_pages_hear_of_each_change_through_server_sent_events(room):
    import asyncio

    room.open_activity(PART, "ideas", revealed=True)
    async with Phone(room) as screen, Phone(room) as phone:
        await phone.join()
        events = await screen.http.get(room.display_url + "/events")
        assert events.headers["Content-Type"].startswith("text/event-stream")
        assert (await events.content.readline()).startswith(b"retry:")
        await events.content.readline()
        await phone.post("/idea", {"text": "Heard live"})
        line = await asyncio.wait_for(events.content.readline(), 5)
        assert line == b"event: change\n"
        events.close()


async def test_reopening_a_poll_keeps_its_options_and_remakes_a_deleted_one(room):
    room.open_activity(PART, "poll", question="Start where?", options=["Buses", "Bins"])
    first = room.settings["parts"][PART]["poll"]["options"]
    room.session.delete_record(first[1]["id"])
    room.open_activity(PART, "poll", question="Start where?", options=["Buses", "Bins"])
    again = room.settings["parts"][PART]["poll"]["options"]
    assert again[0] == first[0] and again[1]["id"] != first[1]["id"]
    assert room.session.record(again[1]["id"])["text"] == "Bins"
