"""Merged raw items -> the immutable model objects, with the checks that need the whole guide
(required fields, id formats, group ids, linkages and risk parts that resolve, reading order).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from workshop.guide.layers import _check_duplicates_in
from workshop.guide.model import BASES, Group, Guide, Linkage, Part, Principle, Recommendation, Risk
from workshop.guide.schema import PART_REQUIRED, _Field, _Item, _part_where
from workshop.guide.yaml_reader import _problem

PROMPTS_MIN, PROMPTS_MAX = 3, 12
THEMES = ("vision", "citizen-centric", "digital", "open-and-collaborative")
_SUB_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def _require(item: _Item, names: Iterable[str], where: str, problems: list[str]) -> bool:
    ok = True
    for name in names:
        if name in item.broken:
            ok = False
        elif name not in item.fields:
            ok = False
            problems.append(
                _problem(item.file, item.line, f"{where}, field '{name}'", "is missing: add it")
            )
    return ok


def _check_sub_id(item: _Item, part_id: str, what: str, example: str, problems: list[str]) -> str:
    item_id = item.text("id")
    prefix = f"{part_id}."
    if not item_id.startswith(prefix) or not _SUB_ID_RE.match(item_id[len(prefix) :]):
        file, line = item.where("id")
        problems.append(
            _problem(
                file,
                line,
                _part_where(part_id, f"{what} {item_id}, field 'id'"),
                f"must be '{prefix}' followed by a short name, e.g. {part_id}.{example}",
            )
        )
    return item_id


def _build_part(raw: _Item, problems: list[str]) -> Part | None:
    part_id = raw.text("id")
    where = _part_where(part_id)
    if "add_prompts" in raw.fields:  # a new part may use add_prompts as well as prompts
        extra = raw.fields["add_prompts"]
        prompts = raw.fields.get("prompts")
        combined = (prompts.value if prompts else ()) + extra.value
        file, line = (prompts.file, prompts.line) if prompts else (extra.file, extra.line)
        raw.fields["prompts"] = _Field(combined, file, line)
    ok = _require(raw, PART_REQUIRED, where, problems)
    count_before = len(problems)
    prompts_field = raw.fields.get("prompts")
    if prompts_field is not None and not (PROMPTS_MIN <= len(prompts_field.value) <= PROMPTS_MAX):
        problems.append(
            _problem(
                prompts_field.file,
                prompts_field.line,
                _part_where(part_id, "field 'prompts'"),
                f"has {len(prompts_field.value)} prompts: give {PROMPTS_MIN} to {PROMPTS_MAX} "
                "open questions for the room",
            )
        )

    def entries(name: str, what: str, required: tuple[str, ...], example: str) -> list[_Item]:
        raw_field = raw.fields.get(name)
        if raw_field is None:
            return []
        good = []
        for item in raw_field.value:
            label = _part_where(part_id, f"{what} {item.text('id') or '(no id)'}")
            if _require(item, required, label, problems):
                _check_sub_id(item, part_id, what, example, problems)
                good.append(item)
        _check_duplicates_in(raw_field.value, what, part_id, problems)
        return good

    recs = entries("recommendations", "recommendation", ("id", "title", "explanation"), "R1")
    principles = entries("principles", "principle", ("id", "theme", "title", "explanation"), "P1")
    risks = entries("risks", "risk", ("id", "title", "description", "questions"), "K1")
    for rec in recs:
        basis = rec.text("basis", "guidance")
        if basis not in BASES:
            file, line = rec.where("basis")
            guess = difflib.get_close_matches(basis, BASES, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            problems.append(
                _problem(
                    file,
                    line,
                    _part_where(part_id, f"recommendation {rec.text('id')}, field 'basis'"),
                    f"unknown basis {basis!r}{hint}: use 'standard' (the standard's own "
                    "recommendation, in your words) or 'guidance' (facilitation guidance)",
                )
            )
    for principle in principles:
        if principle.text("theme") not in THEMES:
            file, line = principle.where("theme")
            problems.append(
                _problem(
                    file,
                    line,
                    _part_where(part_id, f"principle {principle.text('id')}, field 'theme'"),
                    f"unknown theme {principle.text('theme')!r}: use one of {', '.join(THEMES)}",
                )
            )
    links_raw = raw.fields.get("linkages")
    links = []
    for item in links_raw.value if links_raw else []:
        label = _part_where(part_id, f"linkage to {item.text('part') or '(no part)'}")
        if _require(item, ("part", "reason"), label, problems):
            links.append(item)
    if not ok or len(problems) > count_before:
        return None
    return Part(
        id=part_id,
        clause=raw.text("clause"),
        title=raw.text("title"),
        group=raw.text("group"),
        summary=raw.text("summary"),
        context=raw.text("context"),
        need=raw.text("need"),
        recommendations=tuple(
            Recommendation(
                r.text("id"), r.text("title"), r.text("explanation"), r.text("basis", "guidance")
            )
            for r in recs
        ),
        linkages=tuple(Linkage(item.text("part"), item.text("reason")) for item in links),
        prompts=tuple(raw.fields["prompts"].value),
        source_confidence=raw.text("source_confidence"),
        local_notes=tuple(raw.fields["local_notes"].value) if "local_notes" in raw.fields else (),
        principles=tuple(
            Principle(p.text("id"), p.text("theme"), p.text("title"), p.text("explanation"))
            for p in principles
        ),
        risks=tuple(
            Risk(
                id=k.text("id"),
                title=k.text("title"),
                description=k.text("description"),
                questions=tuple(k.fields["questions"].value),
                parts=tuple(k.fields["parts"].value) if "parts" in k.fields else (),
            )
            for k in risks
        ),
        source_file=raw.file,
    )


def _build_groups(guide: _Item | None, problems: list[str]) -> list[Group]:
    if guide is None:
        return []
    raw = guide.fields.get("groups")
    if raw is None:
        problems.append(_problem(guide.file, guide.line, "guide, field 'groups'", "is missing"))
        return []
    groups = []
    for item in raw.value:
        if _require(item, ("id", "title"), f"guide, group {item.text('id')}", problems):
            groups.append(
                Group(item.text("id"), item.text("title"), item.text("clause"), item.text("parent"))
            )
    seen: set[str] = set()
    for item in raw.value:
        gid = item.text("id")
        if gid in seen:
            file, line = item.where("id")
            problems.append(_problem(file, line, f"guide, group {gid}", "duplicate group id"))
        seen.add(gid)
    for item in raw.value:
        parent = item.text("parent")
        if parent and (parent not in seen or parent == item.text("id")):
            file, line = item.where("parent")
            known = ", ".join(sorted(seen - {item.text("id")}))
            problems.append(
                _problem(
                    file,
                    line,
                    f"guide, group {item.text('id')}, field 'parent'",
                    f"no other group has id {parent!r}: use one of {known}",
                )
            )
    return groups


def _build_labels(guide: _Item | None) -> dict[str, str]:
    raw = guide.fields.get("labels") if guide is not None else None
    if raw is None:
        return {}
    return {name: value.value for name, value in raw.value.fields.items()}


def _in_reading_order(
    parts: dict[str, Part], known: set[str], guide: _Item | None, problems: list[str]
) -> list[Part]:
    """Parts listed in `order` first; others go after the last part of their group."""
    order_field = guide.fields.get("order") if guide is not None else None
    ordered: list[Part] = []
    listed: set[str] = set()
    for index, part_id in enumerate(order_field.value if order_field else (), 1):
        if part_id in listed:
            problems.append(
                _problem(
                    order_field.file,
                    order_field.line,
                    f"guide, field 'order' item {index}",
                    f"{part_id} is listed twice",
                )
            )
        elif part_id not in known:
            problems.append(
                _problem(
                    order_field.file,
                    order_field.line,
                    f"guide, field 'order' item {index}",
                    f"no part has id {part_id}: add parts/{part_id}.yaml or remove it from order",
                )
            )
        elif part_id not in parts:  # its file has problems of its own, already reported
            listed.add(part_id)
        else:
            listed.add(part_id)
            ordered.append(parts[part_id])
    for part_id, part in parts.items():
        if part_id in listed:
            continue
        last_of_group = max(
            (i for i, p in enumerate(ordered) if p.group == part.group), default=None
        )
        if last_of_group is None:
            ordered.append(part)
        else:
            ordered.insert(last_of_group + 1, part)
    return ordered


def _cross_check(
    guide: Guide, raw_parts: dict[str, _Item], part_ids: set[str], problems: list[str]
) -> None:
    """Group ids are known, linkages and risks' parts resolve.

    (Ids cannot clash across parts: each starts with its own part's id, checked per part.)

    `part_ids` includes parts whose files have problems of their own, so one broken file does
    not also make every linkage to it a problem.
    """
    group_ids = {g.id for g in guide.groups}
    for part_id, raw in raw_parts.items():  # also parts with problems of their own
        group = raw.text("group")
        if group and group_ids and group not in group_ids:  # no groups: already reported
            file, line = raw.where("group")
            known = ", ".join(sorted(group_ids)) or "(none: guide.yaml has no groups)"
            problems.append(
                _problem(
                    file,
                    line,
                    _part_where(part_id, "field 'group'"),
                    f"unknown group {group!r}: use one of {known}",
                )
            )
        for item in raw.fields["linkages"].value if "linkages" in raw.fields else []:
            target = item.text("part")
            if target not in part_ids:
                file, line = item.where("part")
                problems.append(
                    _problem(
                        file,
                        line,
                        _part_where(part_id, f"linkage to {target}, field 'part'"),
                        f"no part has id {target!r}",
                    )
                )
            elif target == part_id:
                file, line = item.where("part")
                problems.append(
                    _problem(
                        file,
                        line,
                        _part_where(part_id, f"linkage to {target}, field 'part'"),
                        "a part cannot link to itself",
                    )
                )
        for item in raw.fields["risks"].value if "risks" in raw.fields else []:
            for target in item.fields["parts"].value if "parts" in item.fields else ():
                if target not in part_ids:
                    file, line = item.where("parts")
                    problems.append(
                        _problem(
                            file,
                            line,
                            _part_where(part_id, f"risk {item.text('id')}, field 'parts'"),
                            f"no part has id {target!r}",
                        )
                    )

