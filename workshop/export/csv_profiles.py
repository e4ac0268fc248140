"""Column profiles for the actions register: the CSV a tracker imports as it is.

- `generic`: the actions register as it always was (csv_export), every column we have.
- `jira`: Jira's CSV importer (External System Import > CSV): Summary, Issue Type, Description,
  Assignee, Due date (yyyy-MM-dd: give that date format in the importer), Priority (High,
  Medium, Low: Jira's own names), and one `Labels` column per label (Jira takes repeated columns
  as one multi-valued field; a label has no spaces).
- `gitlab`: GitLab's issue import (Issues > Import CSV): title, description, due_date
  (YYYY-MM-DD). Labels are set by a `/label` quick action at the end of the description (GitLab
  runs quick actions in imported descriptions); the owner, who may have no GitLab account, is
  written into the description. A line of user text starting with "/" is escaped ("\\/", which
  Markdown shows as "/") so typed text can never run a quick action.

A profile lays out the same actions the register lists (agreed ones, all with --all), in the
same order; the description says where each came from (session, part, recommendation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from workshop.export.common import one_line
from workshop.export.formats import CSV_PROFILES
from workshop.summary import ActionRow, Summary

PROFILES = CSV_PROFILES
_QUICK_ACTION = re.compile(r"^([ \t]*)/", re.MULTILINE)  # GitLab runs "/close" at a line start
JIRA_PRIORITY = {"high": "High", "medium": "Medium", "low": "Low"}


def _label(text: str) -> str:
    """A tracker label: no spaces (Jira splits a label at a space)."""
    return re.sub(r"\s+", "-", one_line(text).strip())


def _about(action: ActionRow, session: str) -> list[str]:
    """Where the action came from, for the end of its description."""
    where = [f"Part: {action.where.part_label}" if action.where.part else "",
             f"Recommendation: {action.where.rec_label}" if action.where.rec else "",
             f"Status: {action.status}" + (f" ({action.status_note})" if action.status_note
                                           else ""),
             f"From the workshop: {session}, action #{action.no}" if session else
             f"Workshop action #{action.no}",
             f"Carried over from: {action.carried_from}" if action.carried_from else ""]
    return [line for line in where if line]


def _jira(summary: Summary) -> tuple[list[str], Iterable[list[object]]]:
    session = summary.title.title
    most = max((len(a.labels) for a in summary.actions), default=0)
    header = ["Summary", "Issue Type", "Description", "Assignee", "Due date", "Priority",
              *(["Labels"] * max(most, 1))]
    return header, (
        [a.title, "Task", "\n\n".join(x for x in (a.description, "\n".join(_about(a, session)))
                                       if x),
         a.owner, a.due, JIRA_PRIORITY.get(a.priority, ""),
         *[_label(x) for x in a.labels], *([""] * (max(most, 1) - len(a.labels)))]
        for a in summary.actions
    )


def _gitlab(summary: Summary) -> tuple[list[str], Iterable[list[object]]]:
    session = summary.title.title
    header = ["title", "description", "due_date"]

    def description(a: ActionRow) -> str:
        facts = [f"Owner: {a.owner}" if a.owner else "Owner: not yet named",
                 f"Priority: {a.priority}" if a.priority else "", *_about(a, session)]
        text = "\n\n".join(x for x in (a.description, "\n".join(f for f in facts if f)) if x)
        text = _QUICK_ACTION.sub(r"\1\\/", text)
        labels = " ".join(f'~"{_label(x)}"' for x in a.labels)
        return text + (f"\n\n/label {labels}" if labels else "")

    return header, ([a.title, description(a), a.due] for a in summary.actions)


Layout = Callable[[Summary], tuple[list[str], Iterable[list[object]]]]
LAYOUTS: dict[str, Layout] = {"jira": _jira, "gitlab": _gitlab}
