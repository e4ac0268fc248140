"""The stakeholder register's forms: a stakeholder, an engagement decision, an action from one.

Each opens on its first field in reading order (the engagement form puts "What for", the field
people type, on top; its part defaults to the part being discussed). A new stakeholder counts as
attending this workshop only when their name or organisation matches a participant marked as
attending (the box follows what is typed until it is ticked or unticked by hand).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select
from textual.widgets.selection_list import Selection

from workshop.guide.model import Guide, display_part_id
from workshop.records import (
    ENGAGEMENT_CHANNELS,
    ENGAGEMENT_LEVELS,
    PARTICIPANT_KINDS,
    PRIORITIES,
    SECTOR_LABELS,
    SECTORS,
)
from workshop.tui.screens.register_forms import (
    ChoiceRow,
    DueValidator,
    FormField,
    RegisterForm,
    RequiredValidator,
    ticked,
)
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.part_view import one_line
from workshop.tui.widgets.tickbox import TickBox, TickList

LMH = ("low", "medium", "high")
LEVEL_MEANINGS = {
    "inform": "tell them what was decided",
    "consult": "ask for their views",
    "involve": "work with them throughout",
    "collaborate": "decide together",
    "empower": "they decide",
}


def participant_label(p: dict[str, Any]) -> str:
    """"Alice (City Council)", or just the organisation or group name."""
    name, org = p.get("name", "").strip(), p.get("organisation", "").strip()
    if name and org and name != org:
        return f"{name} ({org})"
    return name or org or "(unnamed)"


def part_choices(guide: Guide) -> list[tuple[str, str]]:
    return [(one_line(p.label, 60), p.id) for p in guide.parts]


def _select_options(options: list[tuple[str, str]]) -> list[tuple[Content, str]]:
    return [(Content(label), value) for label, value in options]


# ----------------------------------------------------------------------------------------------
# forms
# ----------------------------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def attends(name: str, organisation: str, attending: list[dict[str, Any]]) -> bool:
    """Whether the stakeholder's name or organisation matches an attending participant's name
    or organisation (case and outer spaces ignored)."""
    mine = [v for v in (name, organisation) if v.strip()]
    for p in attending:
        theirs = (p.get("name", ""), p.get("organisation", ""))
        if any(_same(a, b) for a in mine for b in theirs):
            return True
    return False


class StakeholderForm(RegisterForm):
    """Add or edit one participant, organisation or group.

    "Attended this workshop" starts from the participant list for a new stakeholder (ticked
    only when the name or organisation matches someone attending) and follows the name and
    organisation as they are typed, until it is changed by hand; an edit keeps what is stored.
    """

    def __init__(self, on_save: Any, person: dict[str, Any] | None = None, *,
                 attending: list[dict[str, Any]] | None = None) -> None:
        title = "Edit stakeholder" if person else "Add stakeholder"
        super().__init__(title, on_save)
        self.person = person or {}
        self.attending = list(attending or [])
        self._attended_by_hand = bool(person)  # an edit: the stored value stands
        self._setting_attended = False

    def compose_fields(self) -> ComposeResult:
        p = self.person
        yield FormField("Name", p.get("name", ""), field_id="sh-name",
                        placeholder="person, organisation or group",
                        validators=[RequiredValidator("a name")], hint="required")
        yield ChoiceRow("Kind", ChoiceSelect([(k, k) for k in PARTICIPANT_KINDS],
                                       value=p.get("kind") or "person", allow_blank=False,
                                       id="sh-kind"))
        yield FormField("Organisation", p.get("organisation", ""), field_id="sh-org")
        yield FormField("Role", p.get("role", ""), field_id="sh-role",
                        placeholder="e.g. head of digital")
        yield ChoiceRow("Sector", ChoiceSelect([(SECTOR_LABELS[s], s) for s in SECTORS],
                                         value=p.get("sector") or Select.NULL,
                                         prompt="(not set)", id="sh-sector"))
        yield ChoiceRow("Interest", ChoiceSelect([(x, x) for x in LMH],
                                           value=p.get("interest") or Select.NULL,
                                           prompt="(not set)", id="sh-interest"))
        yield ChoiceRow("Influence", ChoiceSelect([(x, x) for x in LMH],
                                            value=p.get("influence") or Select.NULL,
                                            prompt="(not set)", id="sh-influence"))
        attended = bool(p.get("attended", False)) if p else attends(
            p.get("name", ""), p.get("organisation", ""), self.attending)
        yield TickBox("Attended this workshop", value=attended, id="sh-attended")

    @on(Input.Changed, "#sh-name, #sh-org")
    def _follow_participants(self) -> None:
        if self._attended_by_hand or not self.is_mounted:
            return
        box = self.query_one("#sh-attended", TickBox)
        value = attends(self.field("sh-name"), self.field("sh-org"), self.attending)
        if box.value != value:
            self._setting_attended = True
            box.value = value

    @on(TickBox.Changed, "#sh-attended")
    def _attended_changed(self) -> None:
        if self._setting_attended:
            self._setting_attended = False
        else:
            self._attended_by_hand = True

    def values(self) -> dict[str, Any]:
        def sel(wid: str) -> str:
            value = self.query_one(f"#{wid}", Select).value
            return "" if value is Select.NULL else str(value)

        return {
            "name": self.field("sh-name"),
            "kind": sel("sh-kind") or "person",
            "organisation": self.field("sh-org"),
            "role": self.field("sh-role"),
            "sector": sel("sh-sector"),
            "interest": sel("sh-interest"),
            "influence": sel("sh-influence"),
            "attended": self.query_one("#sh-attended", TickBox).value,
        }


class EngagementForm(RegisterForm):
    """Record or edit one engagement decision for a part or a recommendation."""

    def __init__(
        self,
        on_save: Any,
        guide: Guide,
        participants: list[dict[str, Any]],
        record: dict[str, Any] | None = None,
        default_part: str = "",
    ) -> None:
        title = f"Edit engagement decision {record['no']}" if record else "New engagement decision"
        super().__init__(title, on_save)
        self.guide = guide
        self.participants = participants
        self.record_ = record or {}
        self.default_part = default_part

    def _rec_options(self, part_id: str) -> list[tuple[Content, str]]:
        options = [(Content("(the whole part)"), "")]
        if self.guide.has_part(part_id):
            for rec in self.guide.part(part_id).recommendations:
                options.append((Content(one_line(f"{display_part_id(rec.id)} {rec.title}", 70)),
                                rec.id))
        return options

    def compose_fields(self) -> ComposeResult:
        r = self.record_
        part = r.get("part") or self.default_part
        if not self.guide.has_part(part) and self.guide.parts:
            part = "B3" if self.guide.has_part("B3") else self.guide.parts[0].id
        # "What for" first: it is what people type, and the form opens on its first field
        yield FormField("What for", r.get("text", ""), field_id="en-text",
                        placeholder="what they are engaged on",
                        validators=[RequiredValidator("what it is for")], hint="required")
        yield ChoiceRow("Part", ChoiceSelect(_select_options(part_choices(self.guide)), value=part,
                                       allow_blank=False, id="en-part"))
        recs = self._rec_options(part)
        rec = r.get("rec", "") if r.get("rec", "") in {v for _, v in recs} else ""
        yield ChoiceRow("Recommendation", ChoiceSelect(recs, value=rec, allow_blank=False,
                                                       id="en-rec"))
        yield ChoiceRow("Level", ChoiceSelect(
            [(f"{lv}: {LEVEL_MEANINGS[lv]}", lv) for lv in ENGAGEMENT_LEVELS],
            value=r.get("level") or "consult", allow_blank=False, id="en-level",
        ))
        yield Label("Stakeholders engaged (space to tick)", classes="sub")
        chosen = set(r.get("stakeholders", []))
        yield TickList[str](
            *[Selection(Content(participant_label(p)), p["id"], p["id"] in chosen)
              for p in self.participants],
            id="en-stakeholders",
        )
        yield Label("Channels (space to tick)", classes="sub")
        channels = list(r.get("channels", []))
        yield TickList[str](
            *[Selection(Content(c), c, c in channels) for c in ENGAGEMENT_CHANNELS],
            id="en-channels",
        )
        others = [c for c in channels if c not in ENGAGEMENT_CHANNELS]
        yield FormField("Other channels", ", ".join(others), field_id="en-other",
                        placeholder="comma separated", hint="comma separated")
        yield FormField("By when", r.get("due", ""), field_id="en-due",
                        placeholder="YYYY-MM-DD, +2w, friday",
                        validators=[DueValidator()], hint="date or +2w")
        yield FormField("Owner", r.get("owner", ""), field_id="en-owner",
                        people=[p.get("name", "") for p in self.participants])
        yield TickBox("Loop closed: they have heard back what happened",
                       value=bool(r.get("loop_closed", False)), id="en-loop")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "en-part" and event.value is not Select.NULL:
            rec_select = self.query_one("#en-rec", Select)
            current = rec_select.value
            options = self._rec_options(str(event.value))
            rec_select.set_options(options)
            values = {v for _, v in options}
            rec_select.value = current if current in values else ""

    def values(self) -> dict[str, Any]:
        channels = ticked(self.query_one("#en-channels", TickList))
        for extra in self.field("en-other").split(","):
            extra = extra.strip()
            if extra and extra not in channels:
                channels.append(extra)
        return {
            "part": str(self.query_one("#en-part", Select).value),
            "rec": str(self.query_one("#en-rec", Select).value or ""),
            "text": self.field("en-text"),
            "level": str(self.query_one("#en-level", Select).value),
            "stakeholders": ticked(self.query_one("#en-stakeholders", TickList)),
            "channels": channels,
            "due": self.due_field("en-due", "by when"),
            "owner": self.field("en-owner"),
            "loop_closed": self.query_one("#en-loop", TickBox).value,
        }


class ActionFromForm(RegisterForm):
    """Create an action from an engagement decision (or a risk's mitigation)."""

    def __init__(self, on_save: Any, title: str, *, action_title: str, owner: str = "",
                 due: str = "", description: str = "", people: list[str] | None = None) -> None:
        super().__init__(title, on_save)
        self.people = people  # participant names: the owner picker (None: a plain field)
        self.defaults = {"title": action_title, "owner": owner, "due": due,
                         "description": description}

    def compose_fields(self) -> ComposeResult:
        d = self.defaults
        yield FormField("Action", d["title"], field_id="ac-title",
                        validators=[RequiredValidator("a title")], hint="required")
        yield FormField("Details", d["description"], field_id="ac-description")
        yield FormField("Owner", d["owner"], field_id="ac-owner", people=self.people)
        yield FormField("Due", d["due"], field_id="ac-due",
                        placeholder="YYYY-MM-DD, +2w, friday",
                        validators=[DueValidator()], hint="date or +2w")
        yield ChoiceRow("Priority", ChoiceSelect([(p, p) for p in PRIORITIES], value="medium",
                                           allow_blank=False, id="ac-priority"))

    def values(self) -> dict[str, Any]:
        return {
            "title": self.field("ac-title"),
            "description": self.field("ac-description"),
            "owner": self.field("ac-owner"),
            "due": self.due_field("ac-due"),
            "priority": str(self.query_one("#ac-priority", Select).value),
        }
