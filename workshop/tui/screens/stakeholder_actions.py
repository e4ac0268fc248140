"""The stakeholder screen's editing keys: add, edit and remove stakeholders and engagement
decisions, close the loop, and turn a decision into an action.

A mixin of StakeholdersScreen, kept apart so stakeholders.py stays about the four tabs' views.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from workshop.errors import WorkshopError
from workshop.guide.model import Guide
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.register_forms import (
    refuse_if_readonly,
    show_error,
    store_call,
    undo_and_notify,
)
from workshop.tui.screens.stakeholder_forms import (
    ActionFromForm,
    EngagementForm,
    StakeholderForm,
    participant_label,
)
from workshop.tui.widgets.part_view import one_line

if TYPE_CHECKING:
    from workshop.store import Session


class StakeholderActions:
    """Editing for StakeholdersScreen (which provides session, guide, the selection, the views
    and open_dialog)."""

    session: Session
    guide: Guide
    _select: str
    open_dialog: Callable[..., Awaitable[Any]]

    async def action_add_stakeholder(self) -> None:
        if refuse_if_readonly(self, self.session, "add a stakeholder"):
            return
        self.action_tab("tab-register")

        def save(values: dict[str, Any]) -> dict[str, Any]:
            return self.session.add_participant(**values)

        await self.open_dialog(StakeholderForm(save, attending=self._attending()),
                               self._after_form)

    async def action_new_engagement(self) -> None:
        if refuse_if_readonly(self, self.session, "record an engagement decision"):
            return
        self.action_tab("tab-engagement")

        def save(values: dict[str, Any]) -> dict[str, Any]:
            part = values.pop("part")
            return self.session.add_record("engagement", part, **values)

        default_part = str(self.session.ui_state.get("part", "") or "")
        await self.open_dialog(
            EngagementForm(save, self.guide, self._participants(), default_part=default_part),
            self._after_form,
        )

    async def action_edit(self) -> None:
        if refuse_if_readonly(self, self.session, "edit"):
            return
        tab = self._active_tab()
        if tab == "tab-register":
            person = self._selected("sh-register")
            if person is None:
                self.notify("No stakeholder selected: press a to add one.", markup=False)
                return

            def save_person(values: dict[str, Any]) -> dict[str, Any]:
                return self.session.update_participant(person["id"], **values)

            await self.open_dialog(StakeholderForm(save_person, person), self._after_form)
        elif tab == "tab-engagement":
            record = self._selected("sh-engagement")
            if record is None:
                self.notify("No engagement decision selected: press n to record one.",
                            markup=False)
                return

            def save_record(values: dict[str, Any]) -> dict[str, Any]:
                return self.session.update_record(record["id"], **values)

            await self.open_dialog(
                EngagementForm(save_record, self.guide, self._participants(), record),
                self._after_form,
            )

    async def action_remove(self) -> None:
        """Remove the selected stakeholder or engagement decision, after asking."""
        tab = self._active_tab()
        if tab == "tab-register":
            person = self._selected("sh-register")
            if person is None:
                return
            if refuse_if_readonly(self, self.session, "remove a stakeholder"):
                return
            used = [r["no"] for r in self._engagements() if person["id"] in r["stakeholders"]]
            if used:
                self.notify(
                    f"{participant_label(person)} is engaged in decision(s) "
                    f"{', '.join(map(str, used))}: remove them there first.",
                    severity="warning", markup=False,
                )
                return
            question = f"Remove {participant_label(person)} from the register?"
            detail = "ctrl+z undoes it afterwards."
            await self.open_dialog(ConfirmScreen(question, detail, yes="Remove (y)",
                                                 no="Keep (n)"),
                                   lambda yes: self._remove_person(person) if yes else None)
        elif tab == "tab-engagement":
            record = self._selected("sh-engagement")
            if record is None:
                return
            if refuse_if_readonly(self, self.session, "delete an engagement decision"):
                return
            actions = [a for a in self.session.records("action")
                       if a.get("target") == record["id"]]
            detail = one_line(record["text"] or "(no description)", 120)
            if actions:
                detail += (f"\nIts {len(actions)} action(s) stay, no longer linked to it. "
                           "ctrl+z undoes it afterwards.")
            else:
                detail += "\nctrl+z undoes it afterwards."
            await self.open_dialog(
                ConfirmScreen(f"Delete engagement decision {record['no']}?", detail,
                              yes="Delete (y)", no="Keep (n)"),
                lambda yes: self._delete_engagement(record) if yes else None,
            )

    def _remove_person(self, person: dict[str, Any]) -> None:
        try:
            self.session.remove_participant(person["id"])
        except WorkshopError as error:
            show_error(self, error)
            return
        self.notify(f"Removed {participant_label(person)} (ctrl+z undoes).", markup=False)
        self.refresh_views()

    def _delete_engagement(self, record: dict[str, Any]) -> None:
        try:
            self.session.delete_record(record["id"])
        except WorkshopError as error:
            show_error(self, error)
            return
        self.notify(f"Deleted engagement decision {record['no']} (ctrl+z undoes).",
                    markup=False)
        self.refresh_views()

    def action_toggle_loop(self) -> None:
        if refuse_if_readonly(self, self.session, "change the loop"):
            return
        record = self._selected("sh-engagement")
        if record is None:
            return
        store_call(self, self.session.update_record, record["id"],
                   loop_closed=not record["loop_closed"])
        self.refresh_views()

    async def action_create_action(self) -> None:
        if refuse_if_readonly(self, self.session, "create an action"):
            return
        record = self._selected("sh-engagement")
        if record is None:
            self.notify("Select an engagement decision first (tab 3).", markup=False)
            return
        names = {p["id"]: participant_label(p) for p in self._participants()}
        who = ", ".join(names.get(pid, "?") for pid in record["stakeholders"]) or "stakeholders"
        verb = record["level"].capitalize()
        title = f"{verb} {who}: {record['text']}".strip().rstrip(":")

        def save(values: dict[str, Any]) -> dict[str, Any]:
            return self.session.add_record("action", record["part"], rec=record["rec"],
                                           target=record["id"], **values)

        await self.open_dialog(
            ActionFromForm(save, f"Action from engagement decision {record['no']}",
                           action_title=title, owner=record["owner"], due=record["due"],
                           description=", ".join(record["channels"]),
                           people=[p.get("name", "") for p in self._participants()]),
            self._after_action,
        )

    def _after_action(self, saved: Any) -> None:
        if saved:
            self.notify(f"Action {saved['no']} created: {saved['title']}", markup=False)
        self.refresh_views()

    def _after_form(self, saved: Any) -> None:
        if saved:
            self.notify("Saved.", markup=False, timeout=2)
            self._select = saved["id"]
        self.refresh_views()
        self._select = ""

    def action_undo(self) -> None:
        if undo_and_notify(self, self.session) is not None:
            self.refresh_views()
