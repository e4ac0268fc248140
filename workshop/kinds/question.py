"""A question for the parking lot: raised in the room, not answerable now.

Who will find the answer (a person: the owner rule, as for actions), by when, and the answer
once known. Saving an answer marks it answered; it carries over to the next session while it is
unanswered. Typed in the walkthrough with q; its register lists the parking lot.
"""

from typing import Any

from workshop.kinds.forms import FormHints, Hint, ScreenColumn
from workshop.kinds.model import Carry, Kind, date, text

QUESTION_STATUSES = ("open", "answered")


def unanswered(record: dict[str, Any]) -> bool:
    return record.get("status") != "answered" and not str(record.get("answer", "")).strip()


def _answered_once_known(values: dict[str, Any]) -> dict[str, Any]:
    """An answer typed into an open question answers it."""
    if str(values.get("answer", "")).strip() and values.get("status", "open") == "open":
        return {**values, "status": "answered"}
    return values


KIND = Kind(
    name="question",
    form="capture",
    key="q",
    plural="questions",
    title="Parking lot",
    fields={
        "text": text(),
        "owner": text(doc="Who will find the answer."),
        "due": date(),
        "answer": text(),
        "status": text("open", choices=QUESTION_STATUSES),
    },
    labels={"text": "question", "owner": "who will answer", "due": "answer by"},
    person_fields=("owner",),
    carry=Carry(offer="Unanswered questions", still_open=unanswered, rank=6),
    register="questions",
    register_rank=9,
    form_hints=FormHints(
        fields={
            "text": Hint("text", placeholder="what the room asked", required=True),
            "owner": Hint("person", placeholder="who will find the answer"),
            "due": Hint("date", placeholder="YYYY-MM-DD, +2w, friday"),
            "answer": Hint("text", help="once known: saving it marks the question answered"),
            "status": Hint("choice"),
        },
        table=(ScreenColumn("text", "Question", 30),
               ScreenColumn("owner", "Who will answer", 16),
               ScreenColumn("due", "Answer by"), ScreenColumn("status", "Status")),
        detail=("{no}. {text}", "Who will answer: {owner}; by {due}; {status}",
                "Answer: {answer}"),
        empty="The parking lot is empty: press a to add a question the room cannot answer now.",
        settle=_answered_once_known,
        about="Questions the room could not answer yet: who finds out, by when, the answer",
    ),
)
