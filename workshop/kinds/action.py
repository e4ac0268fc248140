"""An action: who does what by when. Open ones carry over and wait for the follow-up review."""

from workshop.kinds.model import Carry, Kind, date, text

ACTION_STATUSES = ("open", "in progress", "done", "dropped")
PRIORITIES = ("high", "medium", "low")

KIND = Kind(
    name="action",
    form="capture",
    key="a",
    plural="actions",
    article="an",
    title="Agreed actions",
    fields={
        "title": text(),
        "description": text(),
        "owner": text(),
        "due": date(),
        "priority": text("medium", choices=PRIORITIES),
        "status": text("open", choices=ACTION_STATUSES),
        "status_note": text(),
    },
    labels={"due": "due date"},
    person_fields=("owner",),
    carry=Carry(offer="Open actions",
                still_open=lambda r: r.get("status") in ("open", "in progress"),
                reset={"status_note": ""}, rank=1),
    register="actions",
    register_rank=1,
    layout="own",  # hand-made: workshop/summary*.py, export/build.py, csv_export.py
)
