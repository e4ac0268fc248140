"""Hand-built guide and session snapshots for the export tests: a rich, realistic session and a
hostile one whose every text field carries markup, formulas, control characters and huge text."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from workshop.guide.model import Group, Guide, Part, Recommendation, Risk
from workshop.records import FORMAT_NAME, FORMAT_VERSION, normalise_record

TODAY = dt.date(2026, 6, 15)


def _part(pid: str, title: str, group: str, recs: list[tuple[str, str]], risks=()) -> Part:
    return Part(
        id=pid,
        clause="6.x",
        title=title,
        group=group,
        summary=f"{title} summary.",
        context="Context.",
        need="Need.",
        recommendations=tuple(Recommendation(rid, rt, f"{rt} explained.") for rid, rt in recs),
        linkages=(),
        prompts=("What works?",),
        risks=tuple(risks),
    )


def small_guide() -> Guide:
    annex_b_risks = (
        Risk("AnnexB.K1", "No shared vision", "Partners pull apart.", ("Who owns the vision?",)),
        Risk("AnnexB.K2", "Data silos", "Data cannot be shared.", ("Is there a data charter?",)),
    )
    return Guide(
        parts=(
            _part("A", "Delivery principles", "component-a", [("A.R1", "Adopt the principles")]),
            _part(
                "B1",
                "Vision",
                "strategy",
                [("B1.R1", "Write a shared vision"), ("B1.R2", "Review it yearly")],
            ),
            _part(
                "B3",
                "Collaborative engagement",
                "strategy",
                [
                    ("B3.R1", "Make engagement an ongoing relationship"),
                    ("B3.R2", "Reach beyond the usual voices"),
                ],
            ),
            _part("C", "Benefit realisation", "component-c", [("C.R1", "Track benefits")]),
            _part("D", "Key risks", "component-d", [("D.R1", "Review risks")]),
            _part("AnnexB", "Key risks checklist", "annex", [], risks=annex_b_risks),
        ),
        groups=(
            Group("component-a", "Component A"),
            Group("strategy", "Strategy management", "6.2"),
            Group("component-c", "Component C"),
            Group("component-d", "Component D"),
            Group("annex", "Annexes"),
        ),
    )


def _rec(kind: str, no: int, part: str, **fields: Any) -> dict[str, Any]:
    rid = fields.pop("id", f"{kind[:3]}{no:04d}")
    return normalise_record(
        {
            "id": rid,
            "no": no,
            "kind": kind,
            "part": part,
            "created": "2026-06-01T09:00:00+00:00",
            "updated": "2026-06-01T09:00:00+00:00",
            **fields,
        }
    )


def rich_session() -> dict[str, Any]:
    """A realistic session touching every section of the summary."""
    participants = [
        dict(id="p1", name="Amira Haddad", organisation="City Council", sector="public",
             role="Head of digital", attended=True, kind="person", interest="high",
             influence="high"),
        dict(id="p2", name="Tom Becker", organisation="Northgate Bus Co", sector="private",
             role="Operations", attended=True, kind="person", interest="medium",
             influence="medium"),
        dict(id="p3", name="Lena Ortiz", organisation="Food Bank Trust", sector="voluntary",
             role="Coordinator", attended=True, kind="person", interest="high",
             influence="low"),
        dict(id="p4", name="Dr Sam Okoro", organisation="Riverside University", sector="academic",
             role="Researcher", attended=True, kind="person", interest="medium",
             influence="low"),
        dict(id="p5", name="Eastside Residents' Forum", organisation="", sector="citizen",
             role="", attended=False, kind="group", interest="high", influence="medium"),
        dict(id="p6", name="Priya Nair", organisation="City Council", sector="public",
             role="Data officer", attended=True, kind="person", interest="", influence=""),
    ]
    records = [
        _rec("note", 1, "B1", text="The vision is not known outside the council.",
             author="Amira Haddad"),
        _rec("idea", 1, "B1", rec="B1.R1", text="Co-write the vision with residents.",
             author="Lena Ortiz"),
        _rec("note", 2, "B3", rec="B3.R2", text="Young people and shift workers are never asked.",
             author="Table 2"),
        _rec("idea", 2, "B3", rec="B3.R1", text="A standing citizens' panel.", author="p3"),
        _rec("vote", 1, "B3", rec="B3.R1", target="ide0002", dots=3, voter="Table 1"),
        _rec("vote", 2, "B1", rec="B1.R1", target="ide0001", dots=2, voter="Table 2"),
        _rec("vote", 3, "B3", rec="B3.R2", dots=1, voter="Table 3"),
        _rec("rating", 1, "B1", current=2, target_level=4, comment="Vision exists on paper."),
        _rec("rating", 2, "B3", current=1, target_level=4),
        _rec("rating", 3, "B3", current=2, target_level=4),
        _rec("rating", 4, "B3", rec="B3.R1", current=1, target_level=3),
        _rec("rating", 5, "C", rec="C.R1", current=3, target_level=4),
        _rec("decision", 1, "B1", rec="B1.R1", outcome="agreed",
             text="Refresh the city vision with partners.", rationale="Nobody owns it today."),
        _rec("decision", 2, "B3", outcome="parked", text="Buy an engagement platform.",
             rationale="Wait for the budget round."),
        _rec("decision", 3, "B3", outcome="rejected", text="Run engagement only online.",
             rationale="Excludes people without internet."),
        _rec("decision", 4, "B3", rec="B3.R1", outcome="agreed",
             text="Set up a citizens' panel.", rationale="Ongoing relationship."),
        _rec("action", 1, "B1", rec="B1.R1", target="dec0001", title="Draft vision workshop plan",
             description="Plan three sessions.", owner="Amira Haddad", due="2026-06-01",
             priority="high", status="open"),
        _rec("action", 2, "B3", target="dec0002", title="Get platform quotes",
             owner="Tom Becker", due="2026-07-01", priority="low", status="open"),
        _rec("action", 3, "B3", rec="B3.R1", target="dec0004", title="Recruit panel members",
             owner="Lena Ortiz", due="2026-09-30", priority="medium", status="in progress"),
        _rec("action", 4, "C", title="Agree benefit measures", owner="Transport team",
             due="", priority="medium", status="open"),
        _rec("action", 5, "D", target="ris0001", title="Write a data charter",
             owner="Priya Nair", due="2026-05-01", priority="high", status="done",
             status_note="Adopted in May."),
        _rec("engagement", 1, "B3", rec="B3.R1", stakeholders=["p5", "p3"], level="involve",
             channels=["citizen panel", "workshop"], due="2026-10-01", owner="Lena Ortiz",
             text="Panel meets quarterly."),
        _rec("engagement", 2, "B1", stakeholders=["p2"], level="consult", channels=["survey"],
             due="2026-05-01", owner="Amira Haddad", loop_closed=False,
             text="Business survey on the vision."),
        _rec("engagement", 3, "C", stakeholders=["p4"], level="collaborate",
             channels=["living lab"], due="", owner="p1", loop_closed=True,
             text="University evaluates benefits."),
        _rec("risk", 1, "AnnexB", risk="AnnexB.K2", answers={"Is there a data charter?": "No."},
             likelihood=4, impact=5, status="partly", mitigation="Adopt a data charter."),
        _rec("risk", 2, "AnnexB", risk="AnnexB.K1", likelihood=2, impact=3,
             status="not addressed"),
        _rec("risk", 3, "D", title="Key staff leave", likelihood=4, impact=5,
             status="mitigated", mitigation="Document the work."),
        _rec("risk", 4, "D", title="Not yet rated"),
        _rec("benefit", 1, "C", title="Fewer missed bus connections",
             beneficiaries=["citizens", "businesses"], measure="Missed connections per month",
             baseline="420", target_value="200", due="2027-06-30", owner="Tom Becker",
             parts=["B3", "C"], actions=["act0004"]),
        _rec("benefit", 2, "C", title="More residents engaged", beneficiaries=["citizens"],
             measure="Panel members", baseline="0", target_value="60", due="2027-01-31",
             owner="Transport team", parts=["B3"], actions=[]),
    ]
    records.append(
        _rec("action", 6, "B1", title="Carried: publish open data list", owner="Priya Nair",
             due="2026-08-01", status="open",
             origin={"session": "s-earlier", "title": "Spring workshop", "record": "a-old"})
    )
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "session": {
            "id": "s-rich",
            "title": "Riverside operating model review",
            "city": "Riverside",
            "date": "2026-06-10",
            "venue": "Town Hall, Room 2",
            "facilitator": "Jo Martin",
            "purpose": "Agree first steps on vision and engagement.",
            "status": "closed",
            "created": "2026-06-01T08:00:00+00:00",
            "updated": "2026-06-10T17:00:00+00:00",
        },
        "agenda": [
            {"part": "B1", "timebox": 30, "spent": 1860},
            {"part": "B3", "timebox": 40, "spent": 2400},
            {"part": "C", "timebox": 20, "spent": 900},
            {"part": "B14", "timebox": 20, "spent": 0},
            {"part": "A", "timebox": 15, "spent": 0},
        ],
        "participants": participants,
        "records": records,
        "ui": {"item": 2, "part": "C"},
    }


LONG_NOTE = ("Long note with | pipes and <b>tags</b> and =SUM(A1). " * 200)[:10_000]

HOSTILE_STRINGS = (
    "a | b || c",
    "line one\nline two\r\nline three\rend",
    "<script>alert('x')</script>",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2",
    "@x",
    "[/]",
    "`code` and ```fence```",
    "\ttabbed",
    "\rcarriage",
    "# heading\n## another\n- item\n1. one\n> quote\n---\n===",
    "*bold* _em_ **strong** ~~gone~~ [link](http://evil) ![img](x.png) <http://auto>",
    "emoji 🎉🏙️ and RTL: مرحبا بالعالم שלום",
    "&amp; &lt; &#60; \\ backslash",
    '" onmouseover="alert(1)',
    "null\x00byte and bell\x07",
    LONG_NOTE,
)


def hostile_text(i: int) -> str:
    return HOSTILE_STRINGS[i % len(HOSTILE_STRINGS)]


def hostile_session(plain: bool = False) -> dict[str, Any]:
    """The rich session with hostile text in every free-text field. With `plain`, the same
    structure with harmless text instead: renderings of the two must have the same markup."""
    snap = copy.deepcopy(rich_session())
    counter = iter(range(10_000))
    # plain strings as long as the hostile ones where those are long: long text is cut in tables
    # and given in full at the end, so the plain rendering must have the same long entries
    strings = tuple(
        (f"plain text {i} " * (len(x) // 10 + 1))[:len(x)] if len(x) > 300 else f"plain text {i}"
        for i, x in enumerate(HOSTILE_STRINGS)
    ) if plain else HOSTILE_STRINGS

    def h() -> str:
        return strings[next(counter) % len(strings)]

    for key in ("title", "city", "venue", "facilitator", "purpose"):
        snap["session"][key] = h()
    for p in snap["participants"]:
        for key in ("name", "organisation", "role"):
            p[key] = h()
    text_fields = (
        "text", "rationale", "title", "description", "owner", "status_note", "mitigation",
        "comment", "author", "measure", "baseline", "target_value", "voter",
    )
    for r in snap["records"]:
        for key in text_fields:
            if key in r:
                r[key] = h()
        if r["kind"] == "risk":
            r["answers"] = {h(): h(), h(): h()}
        if r["kind"] == "benefit":
            r["beneficiaries"] = [h(), h()]
        if r["kind"] == "engagement":
            r["channels"] = [h()]
    # one note carrying the 10,000-character text for sure, and every string once
    for i, s in enumerate(strings):
        snap["records"].append(
            _rec("note", 100 + i, "B3", rec="B3.R2", text=s, author=s, id=f"hostile{i}")
        )
        snap["records"].append(
            _rec("action", 100 + i, "B3", title=s, description=s, owner=s, due="2026-07-01",
                 id=f"hostile-action{i}")
        )
    return snap


def big_session(n: int = 10_000) -> dict[str, Any]:
    """A session of about `n` records spread over the kinds like a long real workshop."""
    base = rich_session()
    parts = ["A", "B1", "B3", "C", "D"]
    recs = {"A": ["A.R1"], "B1": ["B1.R1", "B1.R2"], "B3": ["B3.R1", "B3.R2"], "C": ["C.R1"],
            "D": ["D.R1"]}
    mix = (
        ["note"] * 40 + ["idea"] * 20 + ["vote"] * 15 + ["rating"] * 5 + ["decision"] * 6
        + ["action"] * 10 + ["engagement"] * 2 + ["risk"] * 1 + ["benefit"] * 1
    )
    records: list[dict[str, Any]] = []
    counters: dict[str, int] = {}
    ideas: list[str] = []
    for i in range(n):
        kind = mix[i % len(mix)]
        counters[kind] = counters.get(kind, 0) + 1
        no = counters[kind]
        part = parts[i % len(parts)]
        rec = recs[part][i % len(recs[part])] if i % 3 else ""
        rid = f"{kind}-{no}"
        fields: dict[str, Any] = {"id": rid, "rec": rec, "author": f"Table {i % 6}"}
        if kind in ("note", "idea"):
            fields["text"] = f"Contribution {i} about {part}: " + "some words " * (i % 12)
            if kind == "idea":
                ideas.append(rid)
        elif kind == "vote":
            fields.update(dots=1 + i % 3, target=ideas[-1] if ideas else "")
        elif kind == "rating":
            fields.update(current=1 + i % 3, target_level=3 + i % 3)
        elif kind == "decision":
            fields.update(outcome=("agreed", "agreed", "parked", "rejected")[no % 4],
                          text=f"Decision {no}", rationale="Because the room agreed.")
        elif kind == "action":
            fields.update(title=f"Action {no}", description="Do the thing, then report back.",
                          owner=f"Owner {i % 17}", due=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                          priority=("high", "medium", "low")[i % 3],
                          status=("open", "in progress", "done", "dropped")[i % 4],
                          target=f"decision-{max(1, counters.get('decision', 1))}")
        elif kind == "engagement":
            fields.update(stakeholders=["p1", "p5"], level="consult", channels=["survey"],
                          due="2026-09-01", owner="Amira Haddad", text=f"Engagement {no}")
        elif kind == "risk":
            fields.update(title=f"Risk {no}", likelihood=1 + i % 5, impact=1 + (i // 5) % 5,
                          mitigation="Mitigate.")
        elif kind == "benefit":
            fields.update(title=f"Benefit {no}", measure="Measure", baseline="1",
                          target_value="2", parts=[part])
        records.append(_rec(kind, no, part, **fields))
    base["records"] = records
    return base
