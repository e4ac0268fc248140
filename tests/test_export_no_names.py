"""`--no-names`: every field that holds a person is replaced, whatever was typed there.

A name that matches a participant (whole name, participant id, or a unique part of a listed
participant's name such as `Li` for `Prof. Li Wen`) becomes that participant's organisation;
anything else typed in a person field (a first name, a list of names, an initial, someone from an
earlier session) becomes a neutral numbered label (`Owner 1`, `Author 1`, `Voter 1`,
`Stakeholder 1`). Free text (notes, titles) is left alone.
"""

from __future__ import annotations

import copy
import csv
import io
import re

import docx

from tests.export_fixtures import TODAY, _rec, rich_session, small_guide
from tests.export_support import summary_of
from workshop.export import render
from workshop.export.csv_export import REGISTERS
from workshop.records import KIND_RULES
from workshop.summary_people import PERSON_FIELDS, SESSION_PERSON_FIELDS

# Every person in the session below, as typed anywhere (participants, owners, authors...).
PEOPLE = ("Amira Haddad", "Tom Becker", "Lena Ortiz", "Dr Sam Okoro", "Priya Nair",
          "Jo Martin", "Prof. Li Wen", "Maya Okafor", "Dev Raman", "Sara Lindqvist", "Rosa",
          "Rosa Klein", "Hassan Ali", "Omar Farouk", "Kwame Mensah", "Ines Duarte",
          "Zainab Bello")
NAME_WORDS = sorted({w.strip(".") for p in PEOPLE for w in p.split()} - {"Dr", "Prof"})


def crowded_session() -> dict:
    """The rich session plus every way a facilitator types a person into a person field."""
    snap = copy.deepcopy(rich_session())
    snap["participants"] += [
        dict(id="p7", name="Prof. Li Wen", organisation="Harbour Port Authority",
             sector="public", role="Director", attended=True, kind="person"),
        dict(id="p8", name="Maya Okafor", organisation="Youth Council", sector="citizen",
             role="", attended=True, kind="person"),
        dict(id="p9", name="Sara Lindqvist", organisation="", sector="private", role="",
             attended=True, kind="person"),
    ]
    recs = snap["records"]
    recs += [
        _rec("action", 21, "B1", title="Map port data", owner="Li", due="2026-07-01"),
        _rec("action", 22, "B1", title="Youth survey", owner="Maya Okafor, Dev Raman",
             due="2026-07-02"),
        _rec("action", 23, "B1", title="Retail survey", owner="Sara L.", due="2026-07-03"),
        _rec("action", 24, "B1", title="Write it up", owner="jo martin", due="2026-07-04"),
        _rec("action", 25, "B1", title="Share slides", owner="Rosa", due="2026-07-05"),
        _rec("note", 21, "B1", text="Parking is the real issue.", author="Rosa"),
        _rec("idea", 21, "B1", text="Open the port data.", author="Dev Raman and Li"),
        _rec("decision", 21, "B1", text="Publish the port data.", author="Hassan Ali",
             outcome="agreed"),
        _rec("vote", 21, "B1", rec="B1.R2", dots=2, voter="Rosa Klein"),
        _rec("engagement", 21, "B1", stakeholders=["p7", "Hassan Ali"], level="inform",
             channels=["letter"], owner="Omar Farouk", text="Tell the port.; named: "
             "Omar Farouk (Port Trust), Zainab Bello"),
        _rec("benefit", 21, "C", title="Faster freight", owner="Zainab Bello",
             beneficiaries=["businesses"]),
        _rec("action", 26, "B1", title="Carried: port survey", owner="Kwame Mensah",
             author="Ines Duarte", due="2026-07-06",
             origin={"session": "s-old", "title": "Spring workshop", "record": "a-9"}),
    ]
    return snap


def _docx_text(data: bytes) -> str:
    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _all_exports(snap: dict) -> dict[str, str]:
    kw = dict(guide=small_guide(), include_all=True, no_names=True, today=TODAY)
    out = {fmt: render(snap, fmt, **kw) for fmt in ("md", "html")}
    out["docx"] = _docx_text(render(snap, "docx", **kw))
    for what in REGISTERS:
        out[f"csv-{what}"] = render(snap, "csv", what=what, **kw)
    return out


def test_no_name_appears_in_any_no_names_export():
    for fmt, text in _all_exports(crowded_session()).items():
        for word in NAME_WORDS:
            found = re.search(rf"\b{re.escape(word)}\b", text)
            context = text[found.start() - 60:found.end() + 60] if found else ""
            assert found is None, f"{word!r} in the {fmt} export: ...{context}..."


def test_participants_become_their_organisation_and_others_numbered_labels():
    s = summary_of(crowded_session(), include_all=True, no_names=True)
    owners = {a.no: a.owner for a in s.actions}
    assert owners[21] == "Harbour Port Authority"  # `Li` is part of exactly one name
    assert owners[4] == "Owner 1"  # typed "Transport team": not a registered group
    assert owners[22] == "Youth Council, Owner 2"  # a list: each name on its own
    assert owners[24] == "facilitator"
    assert owners[1] == "City Council"
    assert re.fullmatch(r"Owner \d+", owners[23])  # Sara L.: participant without organisation
    assert re.fullmatch(r"Owner \d+", owners[25]) and owners[25] != owners[23]
    assert re.fullmatch(r"Owner \d+", owners[26])  # carried from an earlier session
    authors = {(c.kind, c.no): c.author for p in s.discussion for g in p.groups for c in g.items}
    assert re.fullmatch(r"Author \d+", authors[("note", 21)])
    assert authors[("note", 2)] == "Table 2"  # a table group is not a person
    assert authors[("idea", 21)].endswith("and Harbour Port Authority")
    b1 = next(p for p in s.discussion if p.where.part == "B1")
    assert next(g for g in b1.groups if g.where.rec == "B1.R2").voters == ("Voter 1",)
    e21 = next(e for e in s.engagement.decisions if e.no == 21)
    assert e21.stakeholders == ("Harbour Port Authority", "Stakeholder 1")
    assert e21.text == "Tell the port.; named: Port Trust, Stakeholder 2"
    # free text is left alone
    assert any(a.title == "Map port data" for a in s.actions)


def test_same_owner_keeps_one_label_across_registers():
    snap = crowded_session()
    snap["records"].append(_rec("benefit", 22, "C", title="Freight data", owner="Kwame Mensah"))
    s = summary_of(snap, include_all=True, no_names=True)
    carried = next(a for a in s.actions if a.no == 26)
    benefits = s.register("benefits")
    b22 = next(b for b in benefits.rows if b.no == 22)
    assert benefits.text(b22, "owner") == carried.owner


def test_every_person_field_of_the_record_contract_is_listed():
    person_words = ("owner", "author", "voter", "stakeholders", "facilitator")
    for kind, rules in KIND_RULES.items():
        for name in rules:
            if name in person_words:
                assert name in PERSON_FIELDS.get(kind, ()) , (kind, name)
        assert "author" in PERSON_FIELDS[kind]
    assert "facilitator" in SESSION_PERSON_FIELDS


def test_csv_rows_hold_no_names():
    exports = _all_exports(crowded_session())
    rows = list(csv.DictReader(io.StringIO(exports["csv-actions"], newline="")))
    assert {r["Owner"] for r in rows if r["Number"] == "21"} == {"Harbour Port Authority"}
