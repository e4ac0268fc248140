"""An engagement decision: which stakeholders, how deeply (inform..empower), through what channels.

Carries over until its loop is closed; workshop/followup.py maps its stakeholders onto the next
session's participants.
"""

from workshop.kinds.model import Carry, Kind, date, text, texts
from workshop.rules import Field

ENGAGEMENT_LEVELS = ("inform", "consult", "involve", "collaborate", "empower")
ENGAGEMENT_CHANNELS = (
    "workshop", "survey", "online platform", "citizen panel", "hackathon", "living lab",
    "public meeting", "social media", "one-to-one",
)

KIND = Kind(
    name="engagement",
    plural="engagement decisions",
    article="an",
    noun="engagement decision",
    title="Stakeholder engagement",
    fields={
        "stakeholders": texts("Participant ids."),
        "level": text("consult", choices=ENGAGEMENT_LEVELS),
        "channels": texts(),
        "due": date(),
        "owner": text(),
        "loop_closed": Field(bool, False),
        "text": text(),
    },
    labels={"due": "due date", "text": "description"},
    person_fields=("owner", "stakeholders"),
    carry=Carry(offer="Engagement decisions (loop still open)",
                still_open=lambda r: not r.get("loop_closed", False), rank=5),
    register="engagement",
    register_rank=6,
    layout="own",  # hand-made: workshop/summary*.py, export/build.py, csv_export.py
)
