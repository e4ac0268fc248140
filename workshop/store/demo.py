"""A realistic demo: Harbourford (a fictional port city of 240,000) runs its second ISO 37106
workshop, carrying over what its kick-off session left open.

Both sessions are built as snapshots and imported, so times and people look like a real day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Any

from workshop.records import FORMAT_NAME, FORMAT_VERSION

from .core import SessionStore
from .session import Session

CITY = "Harbourford"


class _Builder:
    """Collects records with plausible times through a workshop day."""

    def __init__(self, day: str, start: str) -> None:
        self.clock = _dt.datetime.fromisoformat(f"{day}T{start}:00+00:00")
        self.records: list[dict[str, Any]] = []
        self.counters: dict[str, int] = {}
        self.prefix = day.replace("-", "")[2:]

    def add(self, kind: str, part: str, minutes: int = 2, **fields: Any) -> dict[str, Any]:
        self.clock += _dt.timedelta(minutes=minutes)
        stamp = self.clock.isoformat()
        self.counters[kind] = self.counters.get(kind, 0) + 1
        record = {"id": f"d{self.prefix}{len(self.records) + 1:03d}", "no": self.counters[kind],
                  "kind": kind, "part": part, "created": stamp, "updated": stamp, **fields}
        self.records.append(record)
        return record


def _person(pid: str, name: str, org: str, sector: str, role: str, *, kind: str = "person",
            interest: str = "", influence: str = "", attended: bool = True) -> dict[str, Any]:
    return {"id": pid, "name": name, "organisation": org, "sector": sector, "role": role,
            "attended": attended, "kind": kind, "interest": interest, "influence": influence}


PEOPLE = [
    _person("pmaya", "Maya Okafor", "Harbourford City Council", "public", "Chief Executive",
            interest="high", influence="high"),
    _person("pdev", "Dev Raman", "Harbourford City Council", "public", "Chief Digital Officer",
            interest="high", influence="high"),
    _person("pines", "Inês Carvalho", "Harbourford City Council", "public",
            "Head of Adult Social Care", interest="high", influence="medium"),
    _person("ptom", "Tom Brecken", "Harbourford Port Authority", "public",
            "Director of Operations", interest="medium", influence="high"),
    _person("pluca", "Luca Bianchi", "Estuary Energy Ltd", "private", "Innovation Manager",
            interest="medium", influence="medium"),
    _person("psara", "Sara Lindqvist", "Northgate Buses", "private", "Head of Customer Data",
            interest="high", influence="medium"),
    _person("pchamber", "Harbourford Chamber of Commerce", "Harbourford Chamber of Commerce",
            "private", "Business voice", kind="organisation", interest="medium",
            influence="high"),
    _person("pamara", "Amara Nwosu", "Harbourford Community Trust", "voluntary",
            "Digital inclusion lead", interest="high", influence="low"),
    _person("pjoe", "Joe Flanagan", "Age Friendly Harbourford", "voluntary", "Coordinator",
            interest="high", influence="low"),
    _person("pwei", "Dr Wei Zhang", "University of the Estuary", "academic",
            "Urban analytics researcher", interest="high", influence="medium"),
    _person("pkate", "Kate Morrow", "Harbourford College", "academic", "Head of Digital Skills",
            interest="medium", influence="low"),
    _person("pfarid", "Farid Haddad", "Westside Residents' Association", "citizen", "Chair",
            interest="high", influence="low"),
    _person("ppanel", "Citizens' panel (12 residents)", "Harbourford Citizens' Panel", "citizen",
            "Table 4", kind="group", interest="high", influence="medium"),
    _person("pnora", "Nora Quist", "Harbourford Youth Forum", "citizen", "Youth representative",
            interest="medium", influence="low", attended=False),
]


def _snapshot(meta: dict[str, Any], agenda: list[dict[str, Any]],
              people: Sequence[dict[str, Any]], records: list[dict[str, Any]],
              ui: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "session": meta,
            "agenda": agenda, "participants": list(people), "records": records,
            "ui": ui or {}}


def kickoff_snapshot() -> dict[str, Any]:
    """The earlier session: a short kick-off on vision, leadership and engagement."""
    day = "2026-01-20"
    b = _Builder(day, "09:30")
    b.add("note", "B1", text="No single vision today: the council plan, the port masterplan and "
          "the net-zero plan all say different things.", author="Table 1")
    b.add("idea", "B1", text="Write a one-page city vision with residents, then test it at the "
          "spring festival.", rec="B1.R2", author="Table 3")
    b.add("rating", "B1", current=1, target_level=3, rec="B1.R1",
          comment="Vision exists only inside separate organisations.")
    b.add("decision", "B1", outcome="agreed", rec="B1.R2",
          text="Draft a shared vision in two rounds with every sector.",
          rationale="Everyone in the room signed up to co-writing it.")
    a_vision = b.add("action", "B1", title="Run two vision-writing rounds with all sectors",
                     owner="Dev Raman", due="2026-03-31", priority="high", status="in progress",
                     rec="B1.R2", status_note="Round one held on 2 March; round two in April.")
    b.add("note", "B2", minutes=20, text="Partners want a steering group but nobody has "
          "decision rights across organisations.", author="Table 2")
    b.add("rating", "B2", current=2, target_level=4, rec="B2.R3",
          comment="Roles are clear inside the council, not between partners.")
    a_board = b.add("action", "B2", title="Set up a cross-sector smart city board with terms of "
                    "reference", owner="Maya Okafor", due="2026-02-28", priority="high",
                    status="done", rec="B2.R1", status_note="First board met on 24 February.")
    a_sponsor = b.add("action", "B2", title="Name a political sponsor for the programme",
                      owner="Maya Okafor", due="2026-04-30", priority="medium", rec="B2.R2")
    b.add("decision", "B2", outcome="parked", rec="B2.R1",
          text="Create a joint venture company to run the programme.",
          rationale="Too early; revisit once the board has run for six months.")
    b.add("note", "B3", minutes=25, text="Engagement happens per project, then stops; residents "
          "say they never hear back.", author="Citizens' panel")
    a_loop = b.add("action", "B3", title="Publish a 'you said, we did' page for every "
                   "consultation", owner="Inês Carvalho", due="2026-03-15", priority="medium",
                   rec="B3.R1")
    b.add("action", "B3", title="Map which groups were missing from the last three "
          "consultations", owner="Amara Nwosu", due="2026-02-27", priority="low",
          status="dropped", rec="B3.R2", status_note="Folded into the stakeholder register.")
    b.add("action", "B3", title="Agree a standing citizens' panel budget", owner="Dev Raman",
          due="2026-04-15", priority="medium", rec="B3.R3")
    meta = {"id": "", "title": f"{CITY} smart city kick-off", "city": CITY, "date": day,
            "venue": "Harbourford Guildhall, Council Chamber", "facilitator": "Priya Shah",
            "purpose": "Agree why Harbourford needs a smart city operating model and who "
                       "should steer it.",
            "status": "closed", "created": f"{day}T08:55:00+00:00",
            "updated": f"{day}T12:40:00+00:00"}
    agenda = [{"part": "B1", "timebox": 40, "spent": 2580},
              {"part": "B2", "timebox": 40, "spent": 2220},
              {"part": "B3", "timebox": 30, "spent": 1980}]
    # the parking lot (added last, at the same minute: the records above keep their ids)
    b.add("question", "B2", minutes=0, text="Can the board hold one budget across the council, "
          "the port and the bus company?", owner="Maya Okafor", due="2026-03-06")
    b.add("question", "B3", minutes=0, text="Does the engagement budget cover translation into "
          "Polish and Urdu?", owner="Inês Carvalho", due="2026-02-13",
          answer="Yes: up to twelve documents a year.", status="answered")
    del a_vision, a_board, a_sponsor, a_loop
    return _snapshot(meta, agenda, PEOPLE[:12], b.records)


def main_snapshot(earlier: Mapping[str, Any], earlier_id: str,
                  risk_questions: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """The full-day workshop: eight parts, carrying over the kick-off's open actions."""
    risk_questions = risk_questions or {}
    day = "2026-03-12"
    b = _Builder(day, "09:15")
    origin_title = earlier["session"]["title"]

    # Carried over from the kick-off: still open or in progress, linked back to where they began.
    for old in earlier["records"]:
        if old["kind"] == "action" and old["status"] in ("open", "in progress"):
            fields = {k: v for k, v in old.items()
                      if k not in ("id", "no", "kind", "part", "created", "updated")}
            fields["origin"] = {"session": earlier_id, "title": origin_title,
                                "record": old["id"]}
            b.add("action", old["part"], minutes=1, **fields)

    # A: delivery principles
    b.add("note", "A", minutes=10, text="Principles we keep coming back to: open by default, "
          "design with residents, no new silo systems.", author="Table 2")
    b.add("rating", "A", current=2, target_level=4, rec="A.R1",
          comment="Principles were written by the council alone.")
    principles = b.add("decision", "A", outcome="agreed", rec="A.R2",
                       text="Adopt the Annex A principles as the programme's starting set.",
                       rationale="Saves months; partners can add local principles later.")
    b.add("action", "A", title="Circulate the adapted principles for partner sign-off",
          owner="Dev Raman", due="2026-04-10", priority="medium", rec="A.R1",
          target=principles["id"])

    # B1: city vision
    b.add("note", "B1", minutes=12, text="Round one of the vision work produced 340 comments; "
          "transport and cost of living dominate.", author="Dev Raman")
    vision_idea = b.add("idea", "B1", text="Put the draft vision on every bus stop screen with "
                        "a QR code to comment.", rec="B1.R2", author="Table 4")
    b.add("idea", "B1", text="Tie every smart project to one of five vision outcomes.",
          rec="B1.R3", author="Table 1")
    b.add("vote", "B1", target=vision_idea["id"], dots=5, voter="Table 4", rec="B1.R2")
    b.add("vote", "B1", target=vision_idea["id"], dots=3, voter="Table 2", rec="B1.R2")
    b.add("rating", "B1", current=2, target_level=4, rec="B1.R1",
          comment="A draft exists; sustainability is mentioned but not measured.")

    # B3: collaborative engagement
    b.add("note", "B3", minutes=15, text="Older residents in Westside feel consultations are "
          "online-only.", author="Farid Haddad")
    panel_idea = b.add("idea", "B3", text="A standing citizens' panel that meets quarterly with "
                       "the board.", rec="B3.R1", author="Citizens' panel")
    b.add("idea", "B3", text="Pop-up engagement stalls at the Saturday market.", rec="B3.R3",
          author="Table 3")
    b.add("vote", "B3", target=panel_idea["id"], dots=6, voter="Table 4", rec="B3.R1")
    b.add("vote", "B3", target=panel_idea["id"], dots=2, voter="Table 1", rec="B3.R1")
    b.add("rating", "B3", current=2, target_level=4, rec="B3.R2",
          comment="People are consulted, rarely involved.")
    b.add("decision", "B3", outcome="agreed", rec="B3.R1",
          text="Make the citizens' panel permanent and report back after every meeting.",
          rationale="Highest-voted idea of the morning; budget exists in the engagement line.")
    b.add("action", "B3", title="Recruit the next citizens' panel from under-heard areas",
          owner="Amara Nwosu", due="2026-05-29", priority="high", rec="B3.R2",
          target=panel_idea["id"])

    # B4: procurement
    b.add("note", "B4", minutes=20, text="Three parking sensor contracts with three suppliers; "
          "none share data.", author="Table 2")
    b.add("rating", "B4", current=1, target_level=3, rec="B4.R1",
          comment="Each department buys on its own.")
    b.add("decision", "B4", outcome="agreed", rec="B4.R3",
          text="Publish a 12-month pipeline of smart city procurements for the market.",
          rationale="Suppliers asked for it; it costs little.")
    b.add("decision", "B4", outcome="rejected", rec="B4.R1",
          text="Pause all technology purchases until a new strategy is written.",
          rationale="Would stop urgent care and transport work for a year.")
    b.add("action", "B4", title="Add open-data and exit clauses to the standard contract",
          owner="Tom Brecken", due="2026-06-30", priority="high", rec="B4.R2")
    b.add("action", "B4", title="Hold a market engagement day on the procurement pipeline",
          owner="Luca Bianchi", due="2026-07-15", priority="medium", rec="B4.R3")

    # B8: city data
    b.add("note", "B8", minutes=25, text="Bus and port data are already published but nobody "
          "knows where.", author="Sara Lindqvist")
    data_idea = b.add("idea", "B8", text="One Harbourford data portal with a named owner for "
                      "every dataset.", rec="B8.R2", author="Dr Wei Zhang")
    b.add("vote", "B8", target=data_idea["id"], dots=4, voter="Table 1", rec="B8.R2")
    b.add("rating", "B8", current=2, target_level=4, rec="B8.R1",
          comment="Some open data; no shared licence or quality rules.")
    b.add("decision", "B8", outcome="agreed", rec="B8.R1",
          text="Open by default for non-personal data, with a published exceptions list.",
          rationale="Matches the agreed principles; the port and buses already do it.")
    b.add("action", "B8", title="Publish a data catalogue with an owner for each dataset",
          owner="Dr Wei Zhang", due="2026-09-30", priority="medium", rec="B8.R2",
          target=data_idea["id"])
    b.add("action", "B8", title="Draft a data-sharing agreement between council, port and "
          "buses", owner="Sara Lindqvist", due="2026-06-15", priority="high", rec="B8.R3")

    # B11: digital inclusion
    b.add("note", "B11", minutes=30, text="About 1 in 6 adults in Westside have no home "
          "broadband.", author="Amara Nwosu")
    b.add("idea", "B11", text="Lend tablets with data through the libraries.", rec="B11.R2",
          author="Joe Flanagan")
    b.add("rating", "B11", current=2, target_level=4, rec="B11.R1",
          comment="Exclusion is known anecdotally, not measured.")
    b.add("decision", "B11", outcome="parked", rec="B11.R3",
          text="Close the phone line for parking permits.",
          rationale="Wait for the exclusion survey before any channel shift.")
    b.add("action", "B11", title="Run a digital exclusion survey by ward", owner="Kate Morrow",
          due="2026-06-30", priority="high", rec="B11.R1", status="in progress")
    b.add("action", "B11", title="Keep an assisted route for every new online service",
          owner="Inês Carvalho", due="2026-04-30", priority="medium", rec="B11.R2")

    # C: benefits
    b.add("note", "C", minutes=25, text="The board wants a short benefits register, not a "
          "business case per project.", author="Maya Okafor")
    b.add("rating", "C", current=1, target_level=3, rec="C.R1",
          comment="Benefits are stated after projects start, if at all.")
    b.add("action", "C", title="Define baseline and target for each benefit in the register",
          owner="Dev Raman", due="2026-05-15", priority="medium", rec="C.R1")

    # D: key risks
    b.add("note", "D", minutes=20, text="Biggest worries: supplier lock-in and leaving older "
          "residents behind.", author="Table 3")
    b.add("rating", "D", current=2, target_level=4, rec="D.R2",
          comment="Risks are on project registers, not owned at programme level.")
    b.add("action", "D", title="Give every key risk an owner on the board's register",
          owner="Maya Okafor", due="2026-04-30", priority="high", rec="D.R2")
    b.add("action", "D", title="Review the Annex B checklist at the six-month board",
          owner="Priya Shah", due="2026-09-15", priority="low", rec="D.R3")

    # Engagement decisions (stakeholder register is the participants list)
    b.add("engagement", "B3", minutes=5, stakeholders=["pfarid", "ppanel", "pjoe"],
          level="involve", channels=["citizen panel", "public meeting"], due="2026-05-29",
          owner="Amara Nwosu", text="Co-design the vision's final wording with residents.")
    b.add("engagement", "B3", stakeholders=["pchamber", "pluca"], level="consult",
          channels=["survey", "one-to-one"], due="2026-04-30", owner="Tom Brecken",
          text="Test the procurement pipeline with local businesses.")
    b.add("engagement", "B3", stakeholders=["pwei", "pkate"], level="collaborate",
          channels=["living lab", "hackathon"], due="2026-07-31", owner="Dr Wei Zhang",
          text="Run a data hackathon on the published bus and port data.", loop_closed=False)
    b.add("engagement", "B3", stakeholders=["pnora"], level="inform",
          channels=["social media"], due="2026-04-15", owner="Inês Carvalho",
          text="Tell young people what the panel is and how to join.")

    # Risk review (Annex B checklist)
    def risk(risk_id: str, title: str, answers: Sequence[str], likelihood: int, impact: int,
             status: str, mitigation: str) -> None:
        questions = list(risk_questions.get(risk_id, ()))
        b.add("risk", "AnnexB", minutes=3, risk=risk_id, title=title,
              answers=dict(zip(questions, answers, strict=False)), likelihood=likelihood,
              impact=impact, status=status, mitigation=mitigation)

    risk("AnnexB.K1", "Weak or fragmented leadership",
         ["The Chief Executive; partners accept it.", "Yes, the board since February."],
         2, 4, "partly", "Board in place; political sponsor still to be named.")
    risk("AnnexB.K4", "Little citizen and stakeholder engagement",
         ["Panel and Westside residents; young people missing.", "Not yet."],
         3, 4, "partly", "Permanent citizens' panel; youth outreach planned.")
    risk("AnnexB.K5", "Procurement that locks the city in",
         ["Not for parking sensors.", "No exit clauses today."],
         4, 4, "not addressed", "Open-data and exit clauses in the standard contract.")
    risk("AnnexB.K8", "Digital exclusion", ["Only anecdotally.", "Phone lines are kept."],
         3, 5, "partly", "Ward-level survey and assisted routes for new services.")
    risk("AnnexB.K11", "Skills and capacity gaps", ["Data engineering and service design."],
         3, 3, "not addressed", "")

    # Benefits register
    b.add("benefit", "C", minutes=5, title="Fewer missed bus connections at the port",
          beneficiaries=["citizens", "port workers"], measure="missed connections per week",
          baseline="~120", target_value="under 60", due="2027-03-31", owner="Sara Lindqvist",
          parts=["B8"], actions=[])
    b.add("benefit", "C", title="More residents able to use online council services",
          beneficiaries=["older residents", "Westside households"],
          measure="share of adults with home internet (ward survey)", baseline="to be measured",
          target_value="+10 points", due="2027-06-30", owner="Kate Morrow",
          parts=["B11"], actions=[])
    b.add("benefit", "C", title="Lower cost of sensor contracts", beneficiaries=["council"],
          measure="annual spend on parking sensor contracts", baseline="£410k",
          target_value="£300k", due="2027-12-31", owner="Tom Brecken", parts=["B4"],
          actions=[])

    # the parking lot: the kick-off's unanswered question, and the day's own (added last, at
    # the same minute: the records above keep their ids and times)
    for old in earlier["records"]:
        if old["kind"] == "question" and old["status"] == "open":
            fields = {k: v for k, v in old.items()
                      if k not in ("id", "no", "kind", "part", "created", "updated")}
            fields["origin"] = {"session": earlier_id, "title": origin_title,
                                "record": old["id"]}
            b.add("question", old["part"], minutes=0, **fields)
    b.add("question", "B4", minutes=0, text="Can the council leave the parking sensor contracts "
          "early without a penalty?", owner="Tom Brecken", due="2026-04-30", rec="B4.R2")
    b.add("question", "B8", minutes=0, text="Who owns the bus timetable data: the council or the "
          "operator?", owner="Sara Lindqvist", due="2026-03-31",
          answer="The operator; the council holds a licence to republish it.",
          status="answered", rec="B8.R2")

    action_ids = {r["title"]: r["id"] for r in b.records if r["kind"] == "action"}
    for record in b.records:
        if record["kind"] == "benefit" and record["parts"] == ["B8"]:
            record["actions"] = [action_ids["Draft a data-sharing agreement between council, "
                                            "port and buses"]]
        if record["kind"] == "benefit" and record["parts"] == ["B11"]:
            record["actions"] = [action_ids["Run a digital exclusion survey by ward"]]

    meta = {"id": "", "title": f"{CITY} smart city operating model workshop", "city": CITY,
            "date": day, "venue": "Harbourford Maritime Museum, Learning Centre",
            "facilitator": "Priya Shah",
            "purpose": "Walk through ISO 37106 with every sector and leave with owned actions "
                       "for the next six months.",
            "status": "in progress", "created": "2026-03-05T14:10:00+00:00",
            "updated": b.clock.isoformat()}
    agenda = [{"part": "A", "timebox": 20, "spent": 1260},
              {"part": "B1", "timebox": 30, "spent": 1980},
              {"part": "B3", "timebox": 40, "spent": 2700},
              {"part": "B4", "timebox": 30, "spent": 1740},
              {"part": "B8", "timebox": 40, "spent": 2460},
              {"part": "B11", "timebox": 30, "spent": 1920},
              {"part": "C", "timebox": 25, "spent": 1500},
              {"part": "D", "timebox": 25, "spent": 900},
              {"part": "AnnexB", "timebox": 20, "spent": 0}]
    return _snapshot(meta, agenda, PEOPLE, b.records, ui={"part": "D"})


def create_demo(store: SessionStore,
                risk_questions: Mapping[str, Sequence[str]] | None = None) -> Session:
    """Create the kick-off and the main demo session; return the main one (open)."""
    with store.import_snapshot(kickoff_snapshot()) as earlier:
        earlier_snapshot = earlier.snapshot()
        earlier_id = earlier.id
    return store.import_snapshot(main_snapshot(earlier_snapshot, earlier_id, risk_questions))
