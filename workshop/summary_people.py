"""People in the summary: who a typed name is, how owners are grouped, and what `--no-names` prints.

Facilitators type people freely: `Li`, `Maya Okafor, Dev Raman`, `Sara L.`, a participant id, a
table group. Two questions follow, answered here once for every export and the wrap-up screen:

- Who is it? `People.match` finds the one participant (or the facilitator) a typed name means:
  the participant id, the whole name (case and spaces ignored), or the words of a name in order
  (`Li` or `Li Wen` for `Prof. Li Wen`, `Sara L.` for `Sara Lindqvist`: a one-letter word is an
  initial). A typed name that fits two people matches nobody, so two people are never merged.
- What may be published? With `--no-names` every field that holds a person (PERSON_FIELDS, one
  list per record kind, plus the session's facilitator) is replaced, whatever was typed: a
  participant by their organisation (a registered group by its name), the facilitator by
  "facilitator", an organisation of the register or a table group ("Table 2") stays, and anyone
  else by a numbered label per role ("Owner 1", "Author 2", "Voter 1", "Stakeholder 1"). Labels are
  numbered per role, so the same owner keeps one label across registers, but the minutes do not
  reveal that Owner 2 also wrote Author 5's note. Free text (notes, titles, descriptions) is left
  alone: names typed inside a sentence cannot be told from other words.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workshop.kinds import REGISTRY

# The fields that hold a person, per record kind, as each kind declares them (workshop/kinds/).
PERSON_FIELDS: dict[str, tuple[str, ...]] = {name: k.people for name, k in REGISTRY.items()}
SESSION_PERSON_FIELDS = ("facilitator",)
ROLE_LABELS = {"owner": "Owner", "author": "Author", "voter": "Voter",
               "stakeholders": "Stakeholder"}
FACILITATOR_LABEL = "facilitator"

# Between several people typed in one field: "A, B", "A; B", "A & B", "A / B", "A and B".
_SEPARATORS = re.compile(r"(\s*(?:[,;&/]|\band\b)\s*)", re.IGNORECASE)
_TABLE_GROUP = re.compile(r"(?:table|group|breakout)\s*\d{1,3}[a-z]?", re.IGNORECASE)
_NAMED = re.compile(r"((?:^|;\s*)named: )(.+)$")  # carried engagement text: "...; named: A (Org)"
_PERSON_IN_ORG = re.compile(r"^(.*\S)\s+\(([^()]+)\)$")  # "Name (Organisation)"


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name, compared without case, dots or surrounding punctuation."""
    return tuple(w for w in (w.strip(".,'\"()") for w in text.casefold().split()) if w)


def normal_key(text: str) -> str:
    """Case, surrounding and repeated spaces and dots ignored: `" sara  l. "` -> `"sara l"`."""
    return " ".join(name_words(text))


def _fits(typed: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`typed` words appear in `full` in order; a one-letter typed word is an initial."""
    if not typed or all(len(w) == 1 for w in typed):
        return False
    i = 0
    for word in full:
        if i < len(typed) and (word == typed[i] or (len(typed[i]) == 1
                                                     and word.startswith(typed[i]))):
            i += 1
    return i == len(typed)


@dataclass(frozen=True)
class Person:
    key: str  # participant id, or "facilitator"
    name: str
    organisation: str  # "" when not given
    kind: str  # person | organisation | group | facilitator


class People:
    """The session's participants and facilitator, for matching typed names."""

    def __init__(self, participants: Iterable[Mapping[str, Any]], facilitator: str = "") -> None:
        self.people: list[Person] = []
        for p in participants:
            name = _str(p.get("name")).strip()
            self.people.append(Person(_str(p.get("id")), name, _str(p.get("organisation")).strip(),
                                      _str(p.get("kind")) or "person"))
        self.by_id = {p.key: p for p in self.people if p.key}
        names = {normal_key(p.name) for p in self.people}
        facilitator = facilitator.strip()
        if facilitator and normal_key(facilitator) not in names:
            self.people.append(Person(FACILITATOR_LABEL, facilitator, "", "facilitator"))
        self.facilitator_key = normal_key(facilitator)
        self.organisations = {normal_key(p.organisation) for p in self.people if p.organisation}
        self.organisations |= {normal_key(p.name) for p in self.people
                               if p.kind in ("organisation", "group")}
        self.organisations.discard("")
        # Thousands of records name the same few people: each person's name is read once, and
        # each typed name matched once (`match` is asked for every owner, author and voter).
        self._exact: dict[str, Person] = {}
        for p in self.people:
            self._exact.setdefault(normal_key(p.name), p)
        self._words = [(p, name_words(p.name)) for p in self.people
                       if p.kind in ("person", "facilitator")]
        self._matched: dict[str, Person | None] = {}
        self._groups: dict[str, tuple[str, str]] = {}

    def match(self, typed: str) -> Person | None:
        """The one participant (or the facilitator) `typed` names, else None."""
        typed = typed.strip()
        if not typed:
            return None
        if typed in self.by_id:
            return self.by_id[typed]
        if typed in self._matched:
            return self._matched[typed]
        found = self._exact.get(normal_key(typed))
        if found is None:
            words = name_words(typed)
            fits = [p for p, full in self._words if _fits(words, full)]
            found = fits[0] if len(fits) == 1 else None
        self._matched[typed] = found
        return found

    def pieces(self, typed: str) -> list[str]:
        """`typed` split into people and separators (a whole match is one piece)."""
        if self.match(typed) is not None or normal_key(typed) in self.organisations:
            return [typed]
        return _SEPARATORS.split(typed)

    # -- grouping (item: "Actions by owner" never splits one person in two) -------------------

    def group(self, typed: str) -> tuple[str, str]:
        """(grouping key, label shown) for an owner: one key per person however typed."""
        found = self._groups.get(typed)
        if found is None:
            found = self._groups[typed] = self._group(typed)
        return found

    # -- owner filters (the app's Actions review, `workshop actions --owner`) -----------------

    def owner_pieces(self, typed: str) -> list[tuple[str, str]]:
        """(key, label) of each person or other name in an owner field, in the order typed; the
        keys are those `group` joins, so a filter and "Actions by owner" see the same people."""
        out = []
        for i, piece in enumerate(self.pieces(typed)):
            if i % 2:
                continue
            person = self.match(piece)
            if person is not None:
                out.append((f"person:{person.key or normal_key(person.name)}", person.name))
            elif piece.strip():
                out.append((f"text:{normal_key(piece)}", " ".join(piece.split())))
        return out

    def owns(self, typed_owner: str, wanted: str) -> bool:
        """True when `wanted` (one name typed to filter by) is among the owners of an action.

        A participant is found however either side was typed (`Sara L.` and `Sara Lindqvist` are
        one person when the participants say so); another name matches when its words are the
        owner's words in order (`sara` finds `Sara L.`, and both of two Saras); an action shared
        by two people is owned by each of them."""
        pieces = self.owner_pieces(typed_owner)
        person = self.match(wanted)
        if person is not None:
            key = f"person:{person.key or normal_key(person.name)}"
            return any(k == key for k, _ in pieces)
        words = name_words(wanted)
        return bool(words) and any(
            normal_key(label) == " ".join(words) or _fits(words, name_words(label))
            for _key, label in pieces
        )

    def _group(self, typed: str) -> tuple[str, str]:
        keys, labels = [], []
        for i, piece in enumerate(self.pieces(typed)):
            if i % 2:
                labels.append(piece)
                continue
            person = self.match(piece)
            if person is not None:
                keys.append(f"person:{person.key or normal_key(person.name)}")
                labels.append(person.name)
            elif piece.strip():
                keys.append(f"text:{normal_key(piece)}")
                labels.append(" ".join(piece.split()))
        return "|".join(keys), "".join(labels).strip()


class Anonymiser:
    """With `--no-names`: the public form of every person field (see the module docstring)."""

    def __init__(self, people: People,
                 person_fields: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.people = people
        # per kind, the fields holding a person (default: PERSON_FIELDS, the declared kinds)
        self.person_fields = PERSON_FIELDS if person_fields is None else person_fields
        self.labels: dict[tuple[str, str], str] = {}  # (role, key) -> "Owner 3"
        self.counts: dict[str, int] = {}

    def _numbered(self, role: str, key: str) -> str:
        label = self.labels.get((role, key))
        if label is None:
            self.counts[role] = self.counts.get(role, 0) + 1
            label = f"{ROLE_LABELS.get(role, 'Person')} {self.counts[role]}"
            self.labels[(role, key)] = label
        return label

    def one(self, typed: str, role: str) -> str:
        text = typed.strip()
        if not text:
            return ""
        person = self.people.match(text)
        if person is not None:
            if person.kind == "facilitator":
                return FACILITATOR_LABEL
            if person.kind in ("organisation", "group"):
                return person.name
            return person.organisation or self._numbered(role, f"id:{person.key}")
        if normal_key(text) in self.people.organisations or _TABLE_GROUP.fullmatch(text):
            return " ".join(text.split())
        return self._numbered(role, f"text:{normal_key(text)}")

    def public(self, typed: str, role: str) -> str:
        """`typed` with every person in it replaced; separators between people kept."""
        return "".join(piece if i % 2 else self.one(piece, role)
                       for i, piece in enumerate(self.people.pieces(typed))).strip()

    def named_suffix(self, text: str) -> str:
        """The "; named: Alice (Org), Bob" the app appends to a carried engagement decision."""
        m = _NAMED.search(text)
        if not m:
            return text
        shown = []
        for item in m.group(2).split(", "):
            inner = _PERSON_IN_ORG.match(item)
            shown.append(inner.group(2) if inner else self.public(item, "stakeholders"))
        return text[: m.start()] + m.group(1) + ", ".join(shown)

    def record(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of `record` with its person fields (PERSON_FIELDS) replaced."""
        out = copy.copy(dict(record))
        for name in self.person_fields.get(_str(record.get("kind")), ("author",)):
            value = record.get(name)
            if isinstance(value, str):
                out[name] = self.public(value, name)
            elif isinstance(value, list):
                out[name] = [self._stakeholder(v) for v in value]
        if record.get("kind") == "engagement" and isinstance(record.get("text"), str):
            out["text"] = self.named_suffix(record["text"])
        return out

    def _stakeholder(self, value: Any) -> str:
        text = _str(value)
        person = self.people.by_id.get(text)
        if person is not None and person.kind in ("organisation", "group"):
            return person.name or person.organisation
        return self.public(text, "stakeholders")


__all__ = ["PERSON_FIELDS", "SESSION_PERSON_FIELDS", "Anonymiser", "People", "normal_key"]
