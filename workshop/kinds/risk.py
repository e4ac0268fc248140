"""A risk: one of the guide's Annex B risks (or the city's own), rated and mitigated.

Carries over until mitigated.
"""

from workshop.kinds.model import Carry, Kind, text
from workshop.rules import Field

RISK_STATUSES = ("not addressed", "partly", "mitigated")

KIND = Kind(
    name="risk",
    plural="risks",
    title="Key risks",
    fields={
        "risk": text(doc="Annex B risk id, or \"\" for a city's own risk."),
        "title": text(),
        "answers": Field(dict, {}, "Question text -> the group's answer.", values=str),
        "likelihood": Field(int, 0, "1-5; 0 while not yet rated.", bounds=(0, 5)),
        "impact": Field(int, 0, "1-5; 0 while not yet rated.", bounds=(0, 5)),
        "status": text("not addressed", choices=RISK_STATUSES),
        "mitigation": text(),
    },
    labels={"risk": "checklist risk"},
    carry=Carry(offer="Open risks (not mitigated)",
                still_open=lambda r: r.get("status") != "mitigated", rank=3),
    register="risks",
    register_rank=7,
    layout="own",  # hand-made: workshop/summary*.py, export/build.py, csv_export.py
)
