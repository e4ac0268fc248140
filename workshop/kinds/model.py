"""What a record kind declares, and the small field builders its declaration uses.

Why: a record kind used to be spelled out in a dozen places (the store's rules, labels, plural
nouns, the people in it, carry-over, CSV registers). A `Kind` says all of it once; the store,
import, the JSON Schema, `--no-names`, the follow-up and the CLI read it through workshop.kinds.
Core module: no Textual, no TinyDB, and nothing here imports the rest of the package.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workshop.kinds.forms import FormHints
from workshop.rules import Field

_TIMESTAMP_DOC = "ISO 8601 UTC time, e.g. 2026-03-12T13:43:00+00:00."
DATE_DOC = "YYYY-MM-DD, or \"\" when unset"


def text(default: str = "", doc: str = "", choices: tuple[str, ...] | None = None) -> Field:
    """A text field, optionally one of `choices`."""
    return Field(str, default, doc, choices=choices)


def date(doc: str = DATE_DOC) -> Field:
    """A calendar date YYYY-MM-DD, or "" while unset."""
    return Field(str, "", doc, form="date")


def texts(doc: str = "") -> Field:
    """A list of texts (ids, names, channels)."""
    return Field(list, [], doc, items=str)


def timestamp() -> Field:
    return Field(str, "", _TIMESTAMP_DOC, form="timestamp")


#: Fields every record has, whatever its kind (the store fills and checks them).
COMMON_RULES: dict[str, Field] = {
    "id": Field(str, "", "Stable record id; never changes."),
    "no": Field(int, 0, "Per-kind sequence number people quote (\"action 7\").", bounds=(0, None)),
    "kind": Field(str, ""),
    "part": Field(str, "", "Guide part id, e.g. B3."),
    "rec": Field(str, "", "Recommendation id, e.g. B3.R1, or \"\"."),
    "target": Field(str, "", "Id of another record this one is about (vote on an idea, action "
                    "from a decision), or \"\"."),
    "author": Field(str, "", "Author or table group."),
    "created": timestamp(),
    "updated": timestamp(),
    "origin": Field(dict, None, "Where a carried-over record came from, or null.",
                    values=str, keys={"session": True, "title": False, "record": True},
                    nullable=True),
    "via": Field(str, "", "Who sent it: \"\" the facilitator, \"room\" a participant's phone.",
                 choices=("", "room")),
    "device": Field(str, "", "Pseudonymous id of the phone that sent it (\"\" for the "
                    "facilitator)."),
    "hidden": Field(bool, False, "Hidden by the moderator: kept, but not shown to the room."),
    "pending": Field(bool, False, "Awaiting the moderator's approval (pre-moderation)."),
}
#: Common fields that hold a person (`--no-names` replaces them in every kind).
COMMON_PERSON_FIELDS = ("author",)


@dataclass(frozen=True)
class Carry:
    """How a kind carries over into the next session (workshop/followup.py applies it).

    `still_open` says whether an earlier session's record still needs attention; `reset` are the
    field values a carried copy starts with (a carried action waits for its follow-up review);
    `rank` orders the kinds where the follow-up offers them (actions first), under `offer`.
    """

    still_open: Callable[[dict[str, Any]], bool]
    offer: str  # what the carry-over screen offers to bring along, e.g. "Parked decisions"
    reset: Mapping[str, Any] = field(default_factory=dict)
    rank: int = 100


@dataclass(frozen=True)
class Column:
    """One column of a kind's register: what its CSV register, the summary's rows and the
    documents' table show, in this order (workshop/export/build.py and csv_export.py read it).

    The CSV header is always the field's label (`Kind.label_of`); documents may say it shorter.
    """

    field: str  # one of the kind's fields, or a common one ("part", "author")
    header: str = ""  # its heading in document tables; default: the field's label
    weight: int = 2  # its share of a document table's width (numbers 1, long text 4)
    long: bool = False  # free text: documents cut it and give the full text at the end
    sep: str = "; "  # between the items of a list field
    # What the ids typed in it name, shown by name: "parts" ("B3 Collaborative engagement"),
    # "records" ("#3 Title"), "stakeholders" (a participant). Person fields need nothing here:
    # they are shown as the summary shows people (`--no-names` included).
    names: str = ""


@dataclass(frozen=True)
class Kind:
    """One record kind: its fields, its names, the people in it, carry-over and its register.

    To add a kind, copy the module of a similar one (e.g. workshop/kinds/benefit.py), change it and
    name it in workshop/kinds/__init__.py.
    """

    name: str  # the stored `kind`, e.g. "idea"
    fields: Mapping[str, Field]  # the kind's own fields (COMMON_RULES are added to every kind)
    plural: str  # "ideas"
    article: str = "a"  # "an" for "an idea"
    noun: str = ""  # the kind in a sentence when not its name ("engagement decision")
    title: str = ""  # section title in documents and screens; default: plural, capitalised
    labels: Mapping[str, str] = field(default_factory=dict)  # field -> label; default from name
    person_fields: tuple[str, ...] = ()  # own fields naming people (beside the common author)
    carry: Carry | None = None  # None: never carried over
    form: str = "register"  # "capture": typed in the walkthrough's capture panel; else a screen
    key: str = ""  # a capture kind's key in the walkthrough, e.g. "i" for a new idea
    key_label: str = ""  # the key's word in the footer; default: the label ("Idea")
    register: str = ""  # the CSV register listing it ("" for none)
    register_rank: int = 100  # where its register comes in the list of registers
    # and where its section comes in documents: after the hand-made sections of lower rank
    # (actions 1, decisions 2, maturity 3, discussion 4, engagement 6, risks 7), before next steps
    columns: tuple[Column, ...] = ()  # its register's columns; () = each own field, in order
    layout: str = "columns"  # "own": register, summary rows and section are hand-made
    # how the app's generic form and register screen show it (workshop/kinds/forms.py)
    form_hints: FormHints | None = None

    @property
    def label(self) -> str:
        """The kind as a capitalised word: "Idea"."""
        return self.name[:1].upper() + self.name[1:]

    @property
    def singular(self) -> str:
        """The kind in a sentence: "idea", "engagement decision"."""
        return self.noun or self.name

    @property
    def a(self) -> str:
        """The kind with its article: "an idea"."""
        return f"{self.article} {self.singular}"

    @property
    def plural_label(self) -> str:
        """The plural as a heading word: "Ideas"."""
        return self.plural[:1].upper() + self.plural[1:]

    @property
    def section(self) -> str:
        return self.title or self.plural_label

    @property
    def rules(self) -> dict[str, Field]:
        """Every field a record of this kind has, common ones first (what the store checks)."""
        return {**COMMON_RULES, **self.fields}

    @property
    def people(self) -> tuple[str, ...]:
        """Every field of a record of this kind that holds a person."""
        return (*COMMON_PERSON_FIELDS, *self.person_fields)

    @property
    def laid_out(self) -> bool:
        """Its register, summary rows and document section come from `columns` alone."""
        return bool(self.register) and self.layout == "columns"

    @property
    def register_columns(self) -> tuple[Column, ...]:
        return self.columns or tuple(Column(name) for name in self.fields)

    def header_of(self, column: Column) -> str:
        """A column's heading in document tables."""
        return column.header or self.label_of(column.field)

    def word_of(self, name: str) -> str:
        """A field's label inside a sentence: "target" in "Benefit #3, target"."""
        return self.labels.get(name) or name.replace("_", " ")

    def label_of(self, name: str) -> str:
        """A field's label: declared, or its name in words ("status_note" -> "Status note")."""
        words = self.labels.get(name) or name.replace("_", " ")
        return words[:1].upper() + words[1:]
