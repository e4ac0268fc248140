"""An idea: a proposal the room may vote on with dots. Listed with the notes."""

from workshop.kinds.model import Kind, text

KIND = Kind(
    name="idea",
    form="capture",
    key="i",
    plural="ideas",
    article="an",
    fields={"text": text()},
    register="notes",
    register_rank=4,
    layout="own",  # hand-made: workshop/summary*.py, export/build.py, csv_export.py
)
