"""A dot vote on an idea (its `target`); counted with the idea, no register of its own."""

from workshop.kinds.model import Kind, text
from workshop.rules import Field

KIND = Kind(
    name="vote",
    form="capture",
    key="v",
    plural="votes",
    fields={"dots": Field(int, 1, bounds=(1, 99)), "voter": text()},
    person_fields=("voter",),
)
