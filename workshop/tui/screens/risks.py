"""Component D and Annex B: walk the key risks one by one, and see them on a heat map.

For each risk the group answers the mitigation questions, rates likelihood and impact (1-5),
sets the status and writes a mitigation, which can become an action. Cities add risks of their
own. A risk's record is written when the facilitator saves or moves on, never lost on the way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from workshop.errors import WorkshopError
from workshop.guide.model import Guide, Risk
from workshop.records import RISK_STATUSES
from workshop.tui.app import let_pending_keys_land
from workshop.tui.screens.register_forms import (
    ChoiceRow,
    FormField,
    parse_rating,
    refuse_if_readonly,
    show_error,
    undo_and_notify,  # noqa: F401 (ctrl+z is in risk_removal; every register shares this one)
)
from workshop.tui.screens.risk_drafts import RiskDrafts
from workshop.tui.screens.risk_fields import OWN_QUESTION, OwnRiskForm, RatingField, RiskList
from workshop.tui.screens.risk_heat_map import RiskItem, heat_legend, heat_map
from workshop.tui.screens.risk_removal import RiskRemoval
from workshop.tui.screens.stakeholders import ActionFromForm
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.early_keys import DialogOpener
from workshop.tui.widgets.part_view import one_line

if TYPE_CHECKING:
    from workshop.store import Session

STATUS_MARK = {"not addressed": "○", "partly": "◐", "mitigated": "●"}


class RisksScreen(RiskRemoval, DialogOpener, RiskDrafts, Screen):
    """The key-risk checklist walk and the likelihood x impact heat map."""

    CSS_PATH = "risks.tcss"
    PALETTE_GROUP = "Risks"
    BINDING_GROUP_TITLE = "Risk checklist"
    # The keys that read or rebuild the form are priority: they run as they arrive, first let
    # the keys typed before them land (let_pending_keys_land), and hold the keys typed after them
    # until the next form is ready, so a burst ("answer", ctrl+n, "answer") lands in order.
    BINDINGS = [
        Binding("escape", "back", "Back", id="risks.back"),
        Binding("ctrl+s", "save", "Save", id="risks.save", tooltip="Save this risk's answers",
                priority=True),
        Binding("ctrl+n", "next", "Next risk", id="risks.next",
                tooltip="Save and go to the next risk", priority=True),
        Binding("ctrl+b", "previous", "Prev risk", id="risks.previous",
                tooltip="Save and go to the previous risk", priority=True),
        Binding("ctrl+o", "own_risk", "Own risk", id="risks.own",
                tooltip="Add a risk of the city's own", priority=True),
        Binding("ctrl+r", "make_action", "Make action", id="risks.action",
                tooltip="Create an action from this risk's mitigation", priority=True),
        Binding("f2", "toggle_heat_map", "Heat map", id="risks.heatmap",
                tooltip="Switch between the checklist and the likelihood x impact heat map",
                priority=True),
        Binding("ctrl+z", "undo", "Undo", id="risks.undo", priority=True),
        # Tab, shift+Tab and Enter (in a text field) move on as the key arrives: as ordinary
        # keys they would move only after the letters typed behind them had gone into the field
        # they leave ("answer" Tab "answer" in one burst)
        Binding("tab", "next_field", "Next field", show=False, priority=True,
                id="risks.next-field"),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True,
                id="risks.previous-field"),
        Binding("enter", "submit_field", "Next field (from a text)", show=False, priority=True,
                id="risks.enter-next"),
    ]

    def __init__(self, session: Session, guide: Guide) -> None:
        super().__init__()
        self.session = session
        self.guide = guide
        self.items: list[RiskItem] = []
        self.index = 0
        self._draft_timer: Any = None
        self._loading = False

    # -- model ---------------------------------------------------------------------------------

    def _risk_part(self, risk: Risk) -> str:
        for part in self.guide.parts:
            if risk in part.risks:
                return part.id
        return self._own_part()

    def _own_part(self) -> str:
        for candidate in ("D", "AnnexB"):
            if self.guide.has_part(candidate):
                return candidate
        return self.guide.parts[0].id if self.guide.parts else "D"

    def load_items(self) -> None:
        records = self.session.records("risk")
        by_risk: dict[str, dict[str, Any]] = {}
        for r in records:
            if r["risk"]:
                by_risk[r["risk"]] = r  # the newest record of a checklist risk wins
        items: list[RiskItem] = []
        known = set()
        for risk in self.guide.risks:
            known.add(risk.id)
            items.append(RiskItem(
                key=risk.id, label=risk.id.rsplit(".", 1)[-1], title=risk.title,
                description=risk.description, questions=risk.questions,
                part=self._risk_part(risk), record=by_risk.get(risk.id),
            ))
        own = 0
        for r in records:
            if r["risk"] and r["risk"] in known:
                continue
            own += 1
            items.append(RiskItem(
                key=r["id"], label=f"C{own}", title=r["title"] or "(untitled risk)",
                description="A risk of the city's own." if not r["risk"]
                else f"Checklist risk {r['risk']} (not in this guide).",
                questions=tuple(q for q in r["answers"]) or (OWN_QUESTION,),
                part=r["part"], record=r,
            ))
        self.items = items
        self.index = min(self.index, max(0, len(items) - 1))

    @property
    def current(self) -> RiskItem | None:
        return self.items[self.index] if self.items else None

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="risk-tabs"):
            with TabPane("Checklist", id="tab-walk"), Horizontal():
                yield RiskList(id="risk-list")
                yield VerticalScroll(id="risk-form", can_focus=False)
            with TabPane("Heat map", id="tab-heat"), VerticalScroll(id="heat-scroll"):
                yield Static("", id="risk-heat")
                yield Static("", id="risk-legend", markup=False)
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = "Key risks (Component D, Annex B)"
        self.load_items()
        self._fill_list()
        await self._show_current()
        self._fill_heat_map()

    def _fill_list(self) -> None:
        options = []
        for item in self.items:
            status = item.record["status"] if item.record else "not addressed"
            rated = ""
            if item.rated and item.record is not None:
                rated = f" {item.record['likelihood']}x{item.record['impact']}"
            elif item.draft:
                rated = " draft"  # answered in part: counted nowhere until rated
            width = 21 - len(item.label) - len(rated)
            text = f"{STATUS_MARK[status]} {item.label} {one_line(item.title, width)}{rated}"
            options.append(Option(Content(text), id=item.key))
        option_list = self.query_one("#risk-list", OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        if self.items:
            option_list.highlighted = self.index

    async def _show_current(self) -> None:
        """Build the current risk's form and put the cursor in its first field (reading order):
        typing after ctrl+n, ctrl+b or opening the checklist lands in the first question."""
        form = self.query_one("#risk-form", VerticalScroll)
        await form.remove_children()
        item = self.current
        if item is None:
            await form.mount(Static(
                "The guide has no key risks. Press ctrl+o to add a risk of the city's own.",
                markup=False,
            ))
            return
        record = item.record or {}
        answers = record.get("answers", {})
        widgets: list[Any] = [
            Static(Content(f"{item.label}  {item.title}  ({self.index + 1} of {len(self.items)})"),
                   classes="risk-title"),
            Static(Content(item.description), classes="risk-description"),
        ]
        if record.get("origin"):
            widgets.append(Static(Content(
                f"Carried over from {record['origin'].get('title', '')}"), classes="risk-origin"))
        for n, question in enumerate(item.questions):
            widgets.append(Label(Content(f"{n + 1}. {question}"), classes="question"))
            widgets.append(Input(answers.get(question, ""), placeholder="the group's answer",
                                 id=f"answer-{n}", compact=True, classes="answer"))
        widgets += [
            RatingField("Likelihood", str(record.get("likelihood") or ""),
                        field_id="risk-likelihood", hint="1 rare - 5 almost certain"),
            RatingField("Impact", str(record.get("impact") or ""), field_id="risk-impact",
                        hint="1 minor - 5 severe"),
            ChoiceRow("Status", ChoiceSelect([(s, s) for s in RISK_STATUSES],
                                       value=record.get("status") or "not addressed",
                                       allow_blank=False, id="risk-status")),
            FormField("Mitigation", record.get("mitigation", ""), field_id="risk-mitigation",
                      placeholder="what the city will do about it",
                      hint="ctrl+r: action"),
        ]
        if self.session.readonly:
            widgets.insert(2, Static(Content(
                "Read-only in this window (another window has the session open for editing): "
                "answers can be read, not changed."), classes="risk-origin"))
            for widget in widgets:
                if isinstance(widget, FormField | ChoiceRow | Input):
                    widget.disabled = True
        self._loading = True
        await form.mount_all(widgets)
        form.scroll_home(animate=False)
        if not self.session.readonly:
            self._remember_saved()
            self._restore_draft(item)
            self._focus_first_field()
        self.call_after_refresh(self._done_loading)

    def _focus_first_field(self) -> None:
        fields = [w for w in self.query_one("#risk-form").query("Input, Select") if w.focusable]
        if fields:  # at once (focus() waits a turn, and keys typed ahead would go astray)
            self.set_focus(fields[0])

    def _fill_heat_map(self) -> None:
        self.query_one("#risk-heat", Static).update(heat_map(self.items, self.size.width or 80))
        self.query_one("#risk-legend", Static).update(Content(heat_legend(self.items)))

    # -- the form ------------------------------------------------------------------------------

    def _form_values(self) -> dict[str, Any] | None:
        """The typed values, or None (after telling why) when a field is refused."""
        item = self.current
        if item is None or not self.query("#risk-likelihood"):
            return None
        for field in self.query(FormField):
            if field.problem:
                self.notify(field.problem, severity="error", markup=False)
                return None
        answers = {}
        for n, question in enumerate(item.questions):
            text = self.query_one(f"#answer-{n}", Input).value.strip()
            if text:
                answers[question] = text
        return {
            "answers": answers,
            "likelihood": parse_rating(self.query_one("#risk-likelihood", Input).value),
            "impact": parse_rating(self.query_one("#risk-impact", Input).value),
            "status": str(self.query_one("#risk-status", Select).value),
            "mitigation": self.query_one("#risk-mitigation", Input).value.strip(),
        }

    def _changed(self, values: dict[str, Any]) -> bool:
        item = self.current
        if item is None:
            return False
        if item.record is None:
            blank = {"answers": {}, "likelihood": 0, "impact": 0, "status": "not addressed",
                     "mitigation": ""}
            return values != blank
        return any(item.record.get(k) != v for k, v in values.items())

    def save_current(self, *, quiet: bool = False) -> bool:
        """Write the current risk if anything changed. False when refused (nothing lost)."""
        if self.session.readonly:
            return True  # the fields are disabled: nothing could have been typed
        values = self._form_values()
        if values is None:
            return self.current is None
        item = self.current
        assert item is not None
        if not self._changed(values):
            self._clear_draft(item)
            return True
        try:
            if item.record is None:
                record = self.session.add_record(
                    "risk", item.part, risk=item.key, title=item.title, **values
                )
            else:
                record = self.session.update_record(item.record["id"], **values)
        except WorkshopError as error:
            show_error(self, error)
            return False
        item.record = record
        self._clear_draft(item)
        self._fill_list()
        self._fill_heat_map()
        if not quiet:
            self.notify(f"Saved {item.label}.", markup=False, timeout=2)
        return True

    async def _go(self, index: int) -> None:
        if not self.items or index == self.index:
            return
        if not self.save_current(quiet=True):
            return  # the refused value stays on screen with its reason
        self.index = max(0, min(index, len(self.items) - 1))
        self.query_one("#risk-list", OptionList).highlighted = self.index
        await self._show_current()

    # -- events --------------------------------------------------------------------------------

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self._go(event.option_index)
        self._focus_first_field()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_field":  # Enter moves on from a text field; elsewhere it picks
            return isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    async def action_next_field(self) -> None:
        await let_pending_keys_land(self.app)
        self.focus_next()

    async def action_previous_field(self) -> None:
        await let_pending_keys_land(self.app)
        self.focus_previous()

    async def action_submit_field(self) -> None:
        await let_pending_keys_land(self.app)
        self.focus_next()

    def on_resize(self) -> None:
        if self.is_mounted and self.items:
            self._fill_heat_map()

    # -- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.save_current(quiet=True):
            self.dismiss()

    async def action_save(self) -> None:
        await let_pending_keys_land(self.app)
        values = self._form_values()
        if values is not None and not self._changed(values):
            self.notify("Nothing changed.", markup=False, timeout=2)
            return
        self.save_current()

    async def action_next(self) -> None:
        await let_pending_keys_land(self.app)
        if self.index >= len(self.items) - 1:
            if self.save_current(quiet=True):
                self.notify("That was the last risk. Press F2 for the heat map.", markup=False)
            return
        await self._go(self.index + 1)

    async def action_previous(self) -> None:
        await let_pending_keys_land(self.app)
        await self._go(self.index - 1)

    async def action_toggle_heat_map(self) -> None:
        await let_pending_keys_land(self.app)
        tabs = self.query_one("#risk-tabs", TabbedContent)
        if tabs.active == "tab-walk":
            self.save_current(quiet=True)
            self._fill_heat_map()
            tabs.active = "tab-heat"
            self.query_one("#heat-scroll").focus()  # else focus (and the tab) jumps back
        else:
            tabs.active = "tab-walk"
            self._focus_first_field()  # typing goes on in the form, not into the side list

    async def action_own_risk(self) -> None:
        await let_pending_keys_land(self.app)
        if refuse_if_readonly(self, self.session, "add a risk"):
            return
        if not self.save_current(quiet=True):
            return

        def save(values: dict[str, Any]) -> dict[str, Any]:
            answers = {OWN_QUESTION: values["what"]} if values["what"] else {}
            return self.session.add_record("risk", self._own_part(), risk="",
                                           title=values["title"], answers=answers)

        # awaited: keys typed after ctrl+o wait until the form's first field has focus
        await self.open_dialog(OwnRiskForm("Add a risk of the city's own", save), self._after_own)

    async def _after_own(self, saved: Any) -> None:
        if not saved:
            return
        self.load_items()
        self.index = next(i for i, it in enumerate(self.items) if it.key == saved["id"])
        self._fill_list()
        self._fill_heat_map()
        await self._show_current()
        self.notify(f"Added {saved['title']}: now rate it.", markup=False, timeout=3)

    async def action_make_action(self) -> None:
        await let_pending_keys_land(self.app)
        if refuse_if_readonly(self, self.session, "create an action"):
            return
        if not self.save_current(quiet=True):
            return
        item = self.current
        if item is None or item.record is None or not item.record["mitigation"]:
            self.notify("Write a mitigation first: it becomes the action.", markup=False,
                        severity="warning")
            return
        record = item.record

        def save(values: dict[str, Any]) -> dict[str, Any]:
            return self.session.add_record("action", record["part"], target=record["id"],
                                           **values)

        await self.open_dialog(
            ActionFromForm(save, f"Action from risk {item.label}",
                           action_title=record["mitigation"],
                           description=f"Mitigates risk {item.label}: {item.title}"),
            self._after_action,
        )

    def _after_action(self, saved: Any) -> None:
        if saved:
            self.notify(f"Action {saved['no']} created: {saved['title']}", markup=False)

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        commands: list[tuple[str, str, Any]] = [
            ("Remove this risk…", "Remove the current risk's record (asks first; ctrl+z brings "
             "it back; key: x or delete in the risk list)", self.action_remove_risk),
        ]
        for n, item in enumerate(self.items):
            async def go(n: int = n) -> None:
                self.query_one("#risk-tabs", TabbedContent).active = "tab-walk"
                await self._go(n)

            commands.append((f"Go to risk {item.label}: {item.title}",
                             "Jump to this risk in the checklist", go))
        return commands


__all__ = ["RisksScreen", "heat_map"]
