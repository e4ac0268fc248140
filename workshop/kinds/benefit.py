"""A benefit: what the city expects to gain, measured from a baseline to a target by a date.

Always carried over (a benefits register is tracked across sessions). Copy this module to add a
register kind: fields, names, the people in it, carry-over and its CSV register are all here.
"""

from workshop.kinds.forms import Column, FormHints, Hint
from workshop.kinds.model import Carry, Kind, date, text, texts

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
        columns=(Column("title", "Benefit", 22), Column("beneficiaries", "Who gains", 14),
                 Column("measure", "Measure", 14), Column("baseline", "Baseline", 8),
                 Column("target_value", "Target", 8), Column("due", "By"),
                 Column("owner", "Owner", 10)),
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
