""""Actions by owner" never splits one person in two, and never merges two people.

Owners are grouped by person: the participant id, the whole name whatever its case and spacing,
or the words of one participant's name in order (`Li` and `Li Wen` for `Prof. Li Wen`, `Sara L.`
for `Sara Lindqvist`). A typed name that fits two participants (`Maya` with Maya Okafor and Maya
Singh) stays a group of its own. The exports and the app's wrap-up screen read the same groups.
"""

from __future__ import annotations

import copy

from tests.export_fixtures import _rec, rich_session
from tests.export_support import summary_of
from workshop.export.markdown import render_markdown
from workshop.tui.screens.wrapup import summary_sections


def owners_session() -> dict:
    snap = copy.deepcopy(rich_session())
    snap["participants"] += [
        dict(id="p7", name="Prof. Li Wen", organisation="Harbour Port Authority",
             sector="public", attended=True, kind="person"),
        dict(id="p8", name="Maya Okafor", organisation="Youth Council", sector="citizen",
             attended=True, kind="person"),
        dict(id="p9", name="Maya Singh", organisation="Chamber", sector="private",
             attended=True, kind="person"),
        dict(id="p10", name="Sara Lindqvist", organisation="", sector="private",
             attended=True, kind="person"),
    ]
    owners = ["Prof. Li Wen", "Li", "li wen", "  LI   WEN ", "p7", "Sara L.", "sara lindqvist",
              "Maya", "Maya Okafor", "maya  singh", "Transport team", " transport  TEAM"]
    snap["records"] += [
        _rec("action", 30 + i, "B1", title=f"Task {i}", owner=owner, due=f"2026-08-{i + 1:02d}")
        for i, owner in enumerate(owners)
    ]
    return snap


def _groups(summary) -> dict[str, list[str]]:
    return {g.owner: sorted(a.title for a in g.actions if a.title.startswith("Task"))
            for g in summary.next_steps.by_owner}


def test_one_person_typed_several_ways_is_one_owner():
    groups = _groups(summary_of(owners_session()))
    assert groups["Prof. Li Wen"] == ["Task 0", "Task 1", "Task 2", "Task 3", "Task 4"]
    assert groups["Sara Lindqvist"] == ["Task 5", "Task 6"]
    assert groups["Transport team"] == ["Task 10", "Task 11"]


def test_a_name_that_fits_two_people_is_not_merged_with_either():
    groups = _groups(summary_of(owners_session()))
    assert groups["Maya"] == ["Task 7"]
    assert groups["Maya Okafor"] == ["Task 8"]
    assert groups["Maya Singh"] == ["Task 9"]
    owners = [g.owner for g in summary_of(owners_session()).next_steps.by_owner]
    assert len(owners) == len(set(owners))


def test_exports_and_wrap_up_show_the_same_groups():
    summary = summary_of(owners_session())
    text = render_markdown(summary)
    next_steps = text[text.index("### Open actions by owner"):]
    assert next_steps.count("- **Prof. Li Wen**") == 1
    assert "**Li**" not in next_steps and "**li wen**" not in next_steps
    wrap = dict(summary_sections(summary))["Actions by owner (open)"]
    heads = [line for line in wrap.splitlines() if not line.startswith("  ")]
    assert heads.count("Prof. Li Wen") == 1 and "Li" not in heads and "li wen" not in heads
