"""A benefit: what the city expects to gain, measured from a baseline to a target by a date.

Always carried over (a benefits register is tracked across sessions). Copy this module to add a
register kind: fields, names, the people in it, carry-over and its register are all here; its
`columns` lay out its CSV register, its summary rows and its section in every document.
"""

from workshop.kinds.model import Carry, Column, Kind, date, text, texts

KIND = Kind(
    name="benefit",
    plural="benefits",
    title="Benefits register",
    fields={
        "title": text(),
        "beneficiaries": texts(),
        "measure": text(),
        "baseline": text(),
        "target_value": text(),
        "due": date(),
        "owner": text(),
        "parts": texts("Guide part ids."),
        "actions": texts("Ids of the action records that deliver it."),
    },
    labels={"target_value": "target", "due": "due date"},
    person_fields=("owner",),
    carry=Carry(offer="Benefits",
                still_open=lambda r: True, rank=4),
    register="benefits",
    register_rank=8,
    columns=(Column("title", "Benefit", 4, long=True),
             Column("beneficiaries", "Who gains", 3, sep=", "),
             Column("measure", weight=3, long=True), Column("baseline", weight=3, long=True),
             Column("target_value", weight=3, long=True), Column("due", "By"), Column("owner"),
             Column("parts", weight=3, names="parts"), Column("actions", weight=3,
                                                            names="records")),
)
