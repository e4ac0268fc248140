"""The follow-up review: walk the carried-over open actions one at a time and record what
happened to each (done, still open with a new date, or dropped with a reason).

Its own module beside the carry-over picker (followup.py), which opens it and still exports it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Static,
)

from workshop.dates import describe_due, parse_due
from workshop.errors import WorkshopError
from workshop.followup import (
    follow_up_queue,
    review_carried_action,
)
from workshop.guide.model import Guide
from workshop.tui.screens.register_forms import (
    DueValidator,
    FormField,
    show_error,
    undo_and_notify,
)
from workshop.tui.widgets.early_keys import EarlyKeys, keys_handled

if TYPE_CHECKING:
    from workshop.store import Session


class FollowUpReviewScreen(EarlyKeys, Screen):
    """Walk carried-over open actions one at a time and record what happened to each.

    The outcome keys are function keys (the fields take letters) handled as they arrive; each
    first waits for the field to take the letters typed before it, so "reason, F7" typed in one
    burst drops with that reason, and what is typed after an outcome lands in the next
    action's date field. Done is F9: F5 means Presenter on every other screen.
    """

    CSS_PATH = "followup.tcss"
    PALETTE_GROUP = "Follow-up review"
    BINDING_GROUP_TITLE = "Follow-up review"
    BINDINGS = [
        Binding("escape", "back", "Back", id="review.back"),
        Binding("f6", "outcome('still open')", "Still open", id="review.open",
                tooltip="Still open: give the new due date", priority=True),
        Binding("f7", "outcome('dropped')", "Dropped", id="review.dropped",
                tooltip="No longer needed: give the reason", priority=True),
        Binding("f8", "skip", "Skip", id="review.skip", tooltip="Come back to this one later",
                priority=True),
        Binding("f9", "outcome('done')", "Done", id="review.done",
                tooltip="The action was done", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="review.undo"),
    ]

    def __init__(self, session: Session, guide: Guide, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.session = session
        self.guide = guide
        self.today = today  # None: the real today (tests pin it)
        self.skipped: list[str] = []
        self.reviewed = 0
        self.current: dict[str, Any] | None = None
        self.order: list[str] = []  # every action met in this review, in the order first shown
        self._problem_field = ""  # the field whose line says why the last outcome was refused
        self._problems_said: set[str] = set()  # refusals shown as toasts, taken down on success

    def compose(self) -> ComposeResult:
        yield Header()
        # the body scrolls with the fields' focus; it takes no focus itself (typed keys vanish
        # on a scroll area), so Tab goes from field to field
        with VerticalScroll(id="review-body", can_focus=False):
            yield Static("", id="review-progress", markup=False)
            yield Static("", id="review-action", markup=False)
            yield FormField("New due date", "", field_id="review-due",
                            placeholder="YYYY-MM-DD, +2w, friday",
                            validators=[DueValidator(future=True, today=self.today)],
                            hint="for still open", short=False)
            yield FormField("Note / reason", "", field_id="review-reason",
                            placeholder="what happened; needed when dropped",
                            hint="required for dropped")
            with Horizontal(id="review-buttons"):
                # for the mouse: the keys are F6-F9, and Tab stays among the two fields, so
                # text typed after a Tab from the last field lands in a field, never on a button
                for button in (
                    Button("Still open F6", id="review-open", variant="primary", compact=True),
                    Button("Dropped F7", id="review-dropped", variant="error", compact=True),
                    Button("Skip F8", id="review-skip", compact=True),
                    Button("Done F9", id="review-done", variant="success", compact=True),
                ):
                    button.can_focus = False
                    yield button
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Follow-up review"
        self.show_next()
        self.early_keys_ready(self.focused)

    def _queue(self) -> list[dict[str, Any]]:
        queue = follow_up_queue(self.session)
        first = [r for r in queue if r["id"] not in self.skipped]
        return first + [r for r in queue if r["id"] in self.skipped]

    def show_next(self) -> None:
        queue = self._queue()
        progress = self.query_one("#review-progress", Static)
        body = self.query_one("#review-action", Static)
        buttons = self.query_one("#review-buttons")
        fields = self.query(FormField)
        self.order += [r["id"] for r in queue if r["id"] not in self.order]
        if not queue:
            self.current = None
            done = f" ({self.reviewed} reviewed now)" if self.reviewed else ""
            progress.update(Content(f"No carried-over open actions left to review{done}."))
            body.update(Content(
                "Carry over from an earlier session first, or press escape to go back."
            ))
            buttons.display = False
            for f in fields:
                f.display = False
            return
        buttons.display = True
        for f in fields:
            f.display = True
        action = queue[0]
        self.current = action
        # numbered by where it stands among all the actions of this review, skipped ones included
        progress.update(Content(
            f"Action {self.order.index(action['id']) + 1} of {len(self.order)} "
            f"({len(queue)} left to review)"
        ))
        origin = action.get("origin") or {}
        lines = [
            f"{action['no']}. {action['title']}",
            action["description"] or "",
            f"Owner: {action['owner'] or '-'}   Due: {action['due'] or '-'}   "
            f"Priority: {action['priority']}   Status: {action['status']}",
            f"Part: {action['part']}   Carried over from: {origin.get('title', '')}",
        ]
        body.update(Content("\n".join(line for line in lines if line)))
        due_input = self.query_one("#review-due", Input)
        # an overdue date is not offered again: still open needs a date from today on
        due_input.value = action["due"] if action["due"] >= self._today() else ""
        self.query_one("#review-reason", Input).value = ""
        self._clear_problem()
        self.set_focus(due_input)  # at once: the keys typed next are for this action

    def _today(self) -> str:
        return (self.today or dt.date.today()).isoformat()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show what a relative due date means (+2w → the date) beside the field."""
        if event.input.id != "review-due" or not event.value.strip():
            return
        if event.validation_result is not None and not event.validation_result.is_valid:
            return
        try:
            due = parse_due(event.value, self.today)
        except WorkshopError:
            return
        reason = self.query_one("#field-review-due .reason", Static)
        reason.update(Content(f"→ {describe_due(due, self.today)}"))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        outcomes = {"review-done": "done", "review-open": "still open",
                    "review-dropped": "dropped"}
        if event.button.id in outcomes:
            await self.action_outcome(outcomes[event.button.id])
        elif event.button.id == "review-skip":
            await self.action_skip()

    async def action_outcome(self, outcome: str) -> None:
        await keys_handled(self.focused)  # the letters typed before the key are in the fields
        action = self.current
        if action is None:
            return
        due = self.query_one("#review-due", Input).value.strip()
        reason = self.query_one("#review-reason", Input).value.strip()
        try:
            review_carried_action(self.session, action["id"], outcome,
                                  new_due=due if outcome == "still open" else "", reason=reason,
                                  today=self.today)
        except WorkshopError as error:
            # said beside the field to fill, and as a toast that goes once the outcome is taken
            field = "review-reason" if outcome == "dropped" else "review-due"
            self._say_problem(field, str(error))
            show_error(self, error)
            self._problems_said.add(str(error))
            self.set_focus(self.query_one(f"#{field}", Input))  # at once: typed next goes there
            return
        self.reviewed += 1
        self._withdraw_problem_toasts()  # "needs a reason" and the like no longer hold
        self.notify(f"Action {action['no']}: {outcome}.", markup=False, timeout=2)
        self.show_next()

    def _say_problem(self, field: str, problem: str) -> None:
        """One line naming the thing and the fix, beside `field`, in place of its hint."""
        reason = self.query_one(f"#field-{field} .reason", Static)
        reason.update(Content(problem[:1].upper() + problem[1:] + "."))
        reason.remove_class("-ok")
        self._problem_field = field

    def _withdraw_problem_toasts(self) -> None:
        """Take down the error toasts raised by refused outcomes (Textual 8.2.8, pinned: the
        app's notification list), leaving every other toast as it is."""
        app: Any = self.app
        said = self._problems_said
        for notification in [n for n in app._notifications
                             if n.severity == "error" and str(n.message) in said]:
            app._unnotify(notification)
        said.clear()

    def _clear_problem(self) -> None:
        """The next action starts without the last one's problem line."""
        field = self._problem_field
        if field:
            hints = {"review-due": "for still open", "review-reason": "required for dropped"}
            reason = self.query_one(f"#field-{field} .reason", Static)
            reason.update(Content(hints[field]))
            reason.add_class("-ok")
            self._problem_field = ""

    async def action_skip(self) -> None:
        await keys_handled(self.focused)
        if self.current is None:
            return
        self.skipped = [i for i in self.skipped if i != self.current["id"]] + [self.current["id"]]
        self.show_next()

    def action_undo(self) -> None:
        undone = undo_and_notify(self, self.session)
        if undone is None:
            return
        if undone and self.reviewed:
            self.reviewed -= 1
        self.show_next()

    def action_back(self) -> None:
        self.dismiss()
