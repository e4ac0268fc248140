"""A decision the room took (or parked, or rejected); a parked one comes back next session."""

from workshop.kinds.model import Carry, Kind, text

DECISION_OUTCOMES = ("agreed", "parked", "rejected")

KIND = Kind(
    name="decision",
    form="capture",
    key="d",
    key_label="Decide",
    plural="decisions",
    title="Decisions by part",
    fields={"outcome": text("agreed", choices=DECISION_OUTCOMES), "text": text(),
            "rationale": text()},
    labels={"text": "decision"},
    carry=Carry(offer="Parked decisions",
                still_open=lambda r: r.get("outcome") == "parked", rank=2),
    register="decisions",
    register_rank=2,
    layout="own",  # hand-made: workshop/summary*.py, export/build.py, csv_export.py
)
