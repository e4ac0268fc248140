"""A maturity rating: where a part or recommendation stands now and where the city aims."""

from workshop.kinds.model import Kind, text
from workshop.rules import Field

KIND = Kind(
    name="rating",
    form="capture",
    key="r",
    key_label="Rate",
    plural="ratings",
    title="Maturity: current and target",
    fields={"current": Field(int, 0, bounds=(1, 5)),
            "target_level": Field(int, 0, bounds=(1, 5)), "comment": text()},
    labels={"target_level": "target"},
    register="ratings",
    register_rank=3,
    layout="own",  # hand-made: workshop/summary*.py, export/build.py, csv_export.py
)
