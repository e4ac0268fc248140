"""A note: what was said in the room, kept as typed. Listed in the notes register."""

from workshop.kinds.model import Kind, text

KIND = Kind(
    name="note",
    form="capture",
    key="w",
    plural="notes",
    title="Discussion by part",
    fields={"text": text()},
    register="notes",
    register_rank=4,
    layout="own",  # hand-made: workshop/summary*.py, export/build.py, csv_export.py
)
