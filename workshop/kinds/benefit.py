"""A benefit: what the city expects to gain, measured from a baseline to a target by a date.

Always carried over (a benefits register is tracked across sessions). Copy this module to add a
register kind: fields, names, the people in it, carry-over and its register are all here; its
`columns` lay out its CSV register, its summary rows and its section in every document.
"""

from workshop.kinds.forms import FormHints, Hint, ScreenColumn
from workshop.kinds.model import Carry, Column, Kind, date, text, texts

BENEFICIARIES = (
    "citizens", "businesses", "city organisations", "the environment", "visitors",
    "voluntary and community groups", "universities and colleges",
)

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
    form_hints=FormHints(
        prefix="be",
        sub_title="Benefits register (Component C)",
        fields={
            "title": Hint(label="Benefit", placeholder="what gets better", required=True,
                          help="required"),
            "beneficiaries": Hint("ticks", label="Who gains", options=BENEFICIARIES, id="who",
                                  other="Others who gain"),
            "measure": Hint(placeholder="indicator, e.g. days to a permit"),
            "baseline": Hint(placeholder="where it is now"),
            "target_value": Hint(label="Target", placeholder="where it should get to",
                                 id="target"),
            "due": Hint("date", label="By when", placeholder="YYYY-MM-DD, +2w, friday",
                        help="date or +2w"),
            "owner": Hint("person"),
            "parts": Hint("ticks", label="Linked parts", options="parts"),
            "actions": Hint("ticks", label="Linked actions", options="actions",
                            none="No actions in this session yet."),
        },
        table=(ScreenColumn("title", "Benefit", 22),
               ScreenColumn("beneficiaries", "Who gains", 14),
               ScreenColumn("measure", "Measure", 14), ScreenColumn("baseline", "Baseline", 8),
               ScreenColumn("target_value", "Target", 8), ScreenColumn("due", "By"),
               ScreenColumn("owner", "Owner", 10)),
        detail=("{no}. {title}", "Who gains: {beneficiaries}",
                "Measure: {measure}; baseline {baseline} → target {target_value} by {due}; "
                "owner {owner}",
                "Parts: {parts}", "Actions: {actions}"),
        empty="No benefits yet: press a to add what the programme should deliver, who gains "
              "and how you will know.",
        part_from="parts",
        default_part="C",
    ),
)
