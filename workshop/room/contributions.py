"""What a phone may change, applied to the session by the room's one writer (see writer.py).

Why a module of its own: every rule a participant's contribution must pass is checked here, on
the server, at the moment it is written (inside the writer's batch, so two quick requests from
one phone can never both spend the same dots): the activity is open on this part, the budget
holds, the idea exists and is visible, the record being edited is this device's own. A refusal is
a `Refused` with the HTTP status and one line for the phone; nothing is written before the checks
pass, so a refused contribution never leaves half a change in the batch.
"""

from __future__ import annotations

from typing import Any

from workshop.errors import WorkshopError
from workshop.store import Session
from workshop.store.room_settings import activity

from .views import mine, poll_option_ids, visible

ACTIVITY_WORDS = {"ideas": "Ideas", "dots": "Dot voting", "rating": "Rating", "poll": "The poll"}


class Refused(WorkshopError):
    """A contribution the room does not accept; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def require_open(settings: dict[str, Any], part: str, kind: str) -> dict[str, Any]:
    state = activity(settings, part, kind)
    if not state["open"]:
        raise Refused(409, f"{ACTIVITY_WORDS[kind]} is closed on this part")
    return state


def _own(session: Session, record_id: str, device: str, kind: str, part: str
         ) -> dict[str, Any]:
    try:
        record = session.record(record_id)
    except WorkshopError:
        raise Refused(404, "that contribution is gone (withdrawn or removed)") from None
    if (record["via"] != "room" or record["device"] != device or record["kind"] != kind
            or record["part"] != part):
        raise Refused(403, "you can only change your own contributions")
    return record


def add_idea(session: Session, settings: dict[str, Any], part: str, device: str, name: str,
             text: str) -> list[str]:
    require_open(settings, part, "ideas")
    record = session.add_record("idea", part, text=text, via="room", device=device, author=name,
                                pending=settings["premoderation"])
    return [record["id"]]


def edit_idea(session: Session, settings: dict[str, Any], part: str, device: str,
              record_id: str, text: str) -> list[str]:
    require_open(settings, part, "ideas")
    record = _own(session, record_id, device, "idea", part)
    if record["text"] != text:  # an edited idea waits for approval again under pre-moderation
        session.update_record(record_id, text=text,
                              pending=settings["premoderation"] or record["pending"])
    return [record_id]


def withdraw_idea(session: Session, settings: dict[str, Any], part: str, device: str,
                  record_id: str) -> list[str]:
    require_open(settings, part, "ideas")
    _own(session, record_id, device, "idea", part)
    session.delete_record(record_id)  # (its dots go with it; undo brings both back)
    return [record_id]


def set_dots(session: Session, settings: dict[str, Any], part: str, device: str, name: str,
             allocation: dict[str, int]) -> list[str]:
    """Replace this device's dots on the part's ideas with `allocation` (idea id -> dots)."""
    state = require_open(settings, part, "dots")
    spent = sum(allocation.values())
    if spent > state["budget"]:
        raise Refused(409, f"you have {state['budget']} dots; you gave {spent}: take some back")
    options = poll_option_ids(settings, part)
    for idea in (i for i, n in allocation.items() if n):
        if idea in options or not _on_the_wall(session, idea, part):
            raise Refused(409, "an idea you voted for is no longer on the wall; look again")
    votes = {r["target"]: r for r in mine(session.records("vote", part, device=device), device)
             if r["target"] not in options}
    changed = []
    for idea, vote in votes.items():
        dots = allocation.get(idea, 0)
        if dots == 0:
            session.delete_record(vote["id"])
        elif dots != vote["dots"]:
            session.update_record(vote["id"], dots=dots, voter=name)
        changed.append(vote["id"])
    for idea, dots in allocation.items():
        if dots and idea not in votes:
            changed.append(session.add_record("vote", part, target=idea, dots=dots, voter=name,
                                              via="room", device=device)["id"])
    return changed


def _on_the_wall(session: Session, record_id: str, part: str) -> bool:
    try:
        record = session.record(record_id)
    except WorkshopError:
        return False
    return record["kind"] == "idea" and record["part"] == part and visible(record)


def set_ratings(session: Session, settings: dict[str, Any], part: str, device: str, name: str,
                given: dict[str, tuple[int, int] | None]) -> list[str]:
    """This device's rating per recommendation: (now, target), or None to withdraw it."""
    require_open(settings, part, "rating")
    existing = {r["rec"]: r for r in mine(session.records("rating", part, device=device), device)}
    changed = []
    for rec, levels in given.items():
        current = existing.get(rec)
        if levels is None:
            if current is not None:
                session.delete_record(current["id"])
                changed.append(current["id"])
            continue
        now, target = levels
        if current is None:
            changed.append(session.add_record("rating", part, rec=rec, current=now,
                                              target_level=target, author=name, via="room",
                                              device=device)["id"])
        elif (current["current"], current["target_level"]) != levels:
            session.update_record(current["id"], current=now, target_level=target, author=name)
            changed.append(current["id"])
    return changed


def set_poll(session: Session, settings: dict[str, Any], part: str, device: str, name: str,
             option: str) -> list[str]:
    """This device's one answer to the part's poll ("" withdraws it)."""
    require_open(settings, part, "poll")
    options = poll_option_ids(settings, part)
    if option and option not in options:
        raise Refused(409, "that answer is not one of the poll's options; look again")
    answers = [r for r in mine(session.records("vote", part, device=device), device)
               if r["target"] in options]
    changed = []
    for answer in answers:
        if answer["target"] != option:
            session.delete_record(answer["id"])
            changed.append(answer["id"])
    if option and not any(a["target"] == option for a in answers):
        changed.append(session.add_record("vote", part, target=option, dots=1, voter=name,
                                          via="room", device=device)["id"])
    return changed
