"""The content schema: which fields a part, a recommendation, a group... has, and the checker that
turns a value tree into fields with provenance (file and line), reporting every problem in one
shared format: `file:line: part X, field 'f': what is wrong and how to fix it`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.guide.model import DEFAULT_LABELS
from workshop.guide.yaml_reader import Duplicate, _Node, _problem, _read_yaml

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")

TEXT, OPTIONAL_TEXT, TEXT_LIST, PART_IDS = "text", "text or empty", "text list", "part id list"
BOOL = "true or false"
_SINGULAR = {
    "recommendations": "recommendation",
    "linkages": "linkage",
    "principles": "principle",
    "risks": "risk",
    "groups": "group",
}


@dataclass(frozen=True)
class _Items:
    """A list of mappings (recommendations, linkages, ...)."""

    spec: dict[str, Any]
    required: tuple[str, ...]
    allow_empty: bool = False


@dataclass(frozen=True)
class _Map:
    """A nested mapping with known keys (guide.yaml's `labels:`)."""

    spec: dict[str, Any]


REC_SPEC: dict[str, Any] = {"id": TEXT, "title": TEXT, "explanation": TEXT, "basis": TEXT}
LINK_SPEC: dict[str, Any] = {"part": TEXT, "reason": TEXT}
PRINCIPLE_SPEC: dict[str, Any] = {"id": TEXT, "theme": TEXT, "title": TEXT, "explanation": TEXT}
RISK_SPEC: dict[str, Any] = {
    "id": TEXT,
    "title": TEXT,
    "description": TEXT,
    "questions": TEXT_LIST,
    "parts": PART_IDS,
}
PART_SPEC: dict[str, Any] = {
    "id": TEXT,
    "clause": TEXT,
    "title": TEXT,
    "group": TEXT,
    "summary": TEXT,
    "context": TEXT,
    "need": TEXT,
    "recommendations": _Items(REC_SPEC, ("id", "title", "explanation")),
    "linkages": _Items(LINK_SPEC, ("part", "reason"), allow_empty=True),
    "prompts": TEXT_LIST,
    "add_prompts": TEXT_LIST,
    "source_confidence": TEXT,
    "local_notes": TEXT_LIST,
    "principles": _Items(PRINCIPLE_SPEC, ("id", "theme", "title", "explanation")),
    "risks": _Items(RISK_SPEC, ("id", "title", "description", "questions")),
}
PART_REQUIRED = (
    "id",
    "clause",
    "title",
    "group",
    "summary",
    "context",
    "need",
    "recommendations",
    "prompts",
)
# Lists of mappings that overlays merge by id rather than replace.
MERGED_BY_ID = ("recommendations", "principles", "risks")
GROUP_SPEC: dict[str, Any] = {"id": TEXT, "title": TEXT, "clause": OPTIONAL_TEXT, "parent": TEXT}
LABEL_SPEC: dict[str, Any] = {key: TEXT for key in DEFAULT_LABELS}
GUIDE_SPEC: dict[str, Any] = {
    "overlay": BOOL,
    "name": TEXT,
    "groups": _Items(GROUP_SPEC, ("id", "title")),
    "order": PART_IDS,
    "labels": _Map(LABEL_SPEC),
}
# What makes guide.yaml a complete guide rather than an overlay's (see check-content).
COMPLETE_GUIDE_FIELDS = ("name", "groups", "order")


@dataclass
class _Field:
    value: Any  # str | tuple[str, ...] | list[_Item]
    file: str
    line: int


@dataclass
class _Item:
    """One mapping (a part, a recommendation, a group ...) with where each field came from."""

    file: str
    line: int
    fields: dict[str, _Field] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # present but wrong: reported already

    def text(self, name: str, default: str = "") -> str:
        got = self.fields.get(name)
        return got.value if got is not None else default

    def where(self, name: str) -> tuple[str, int]:
        got = self.fields.get(name)
        return (got.file, got.line) if got is not None else (self.file, self.line)


def _scalar_kind(tag: str) -> str:
    return {
        "bool": "a true/false value (YAML reads yes/no/on/off/true/false that way)",
        "int": "a number",
        "float": "a number (6.10 would become 6.1)",
        "timestamp": "a date",
        "null": "empty",
    }.get(tag, tag)


class _Checker:
    """Collects problems for one file in the shared format: `file:line: part X, field 'f': ...`."""

    def __init__(self, display: str, problems: list[str]) -> None:
        self.display = display
        self.problems = problems

    def report(self, line: int, where: str, message: str) -> None:
        self.problems.append(_problem(self.display, line, where, message))

    def text(self, node: _Node, where: str, *, allow_empty: bool = False) -> str | None:
        if allow_empty and (node.tag == "null" or (node.tag == "str" and not node.value.strip())):
            return ""
        if node.kind != "scalar":
            noun = "a list" if node.kind == "seq" else "a mapping (it has 'name: value' inside)"
            self.report(node.line, where, f"must be text, not {noun}")
            return None
        if node.tag == "null" or (node.tag == "str" and not node.value.strip()):
            self.report(node.line, where, "is empty: write the text or remove the field")
            return None
        if node.tag != "str":
            self.report(
                node.line,
                where,
                f"must be text, but YAML reads {node.value!r} as {_scalar_kind(node.tag)}: "
                f'quote it ("{node.value}")',
            )
            return None
        return node.value.strip()

    def flag(self, node: _Node, where: str) -> bool | None:
        if node.kind == "scalar" and node.tag == "bool":
            return node.value.lower() in ("true", "yes", "on", "y")
        self.report(node.line, where, "must be true or false")
        return None

    def text_list(self, node: _Node, where: str) -> tuple[str, ...] | None:
        if node.kind != "seq":
            self.report(node.line, where, "must be a list (lines starting with '- ')")
            return None
        if not node.value:
            self.report(node.line, where, "is an empty list: add items or remove the field")
            return None
        values = [self.text(item, f"{where} item {i}") for i, item in enumerate(node.value, 1)]
        if any(v is None for v in values):
            return None
        return tuple(v for v in values if v is not None)

    def items(self, node: _Node, spec: _Items, owner: str, name: str) -> list[_Item] | None:
        where = f"{owner}, field '{name}'"
        if node.kind != "seq":
            self.report(node.line, where, "must be a list of entries (lines starting with '- ')")
            return None
        if not node.value and not spec.allow_empty:
            self.report(node.line, where, "is an empty list: give at least one entry")
            return None
        singular = _SINGULAR.get(name, name)
        result: list[_Item] = []
        for index, entry in enumerate(node.value, 1):
            label = f"{owner}, {singular} #{index}"
            key = "part" if name == "linkages" else "id"
            if entry.kind == "map" and entry.value.get(key) is not None:
                raw_id = entry.value[key]
                if raw_id.kind == "scalar" and raw_id.value.strip():
                    shown = raw_id.value.strip()
                    label = (
                        f"{owner}, {singular} to {shown}"
                        if key == "part"
                        else (f"{owner}, {singular} {shown}")
                    )
            item = self.mapping(entry, spec.spec, label)
            if item is not None:
                result.append(item)
        return result

    def mapping(self, node: _Node, spec: dict[str, Any], where: str) -> _Item | None:
        if node.kind != "map":
            self.report(node.line, where, "must be a mapping of 'field: value' lines")
            return None
        item = _Item(self.display, node.line)
        for name, value in node.value.items():
            kind = spec.get(name)
            field_where = f"{where}, field '{name}'" if where else f"field '{name}'"
            if kind is None:
                guess = difflib.get_close_matches(name, list(spec), n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                known = ", ".join(spec)
                self.report(
                    value.key_line or value.line,
                    field_where,
                    f"unknown field{hint}; known fields: {known}",
                )
                continue
            converted: Any
            if kind == TEXT:
                converted = self.text(value, field_where)
            elif kind == OPTIONAL_TEXT:
                converted = self.text(value, field_where, allow_empty=True)
            elif kind in (TEXT_LIST, PART_IDS):
                converted = self.text_list(value, field_where)
            elif kind == BOOL:
                converted = self.flag(value, field_where)
            elif isinstance(kind, _Map):
                converted = self.mapping(value, kind.spec, field_where)
            else:
                converted = self.items(value, kind, where, name)
            if converted is None:
                item.broken.add(name)
            else:
                item.fields[name] = _Field(converted, self.display, value.key_line or value.line)
        return item



def _part_where(part_id: str, rest: str = "") -> str:
    head = f"part {part_id}" if part_id else "part"
    return f"{head}, {rest}" if rest else head


def _looks_like(root: _Node, spec: dict[str, Any]) -> bool:
    """A mapping at least half of whose keys are fields of `spec` (a typo or two is fine)."""
    if root.kind != "map" or not root.value:
        return False
    known = sum(1 for key in root.value if key in spec)
    return known * 2 >= len(root.value)


def _read_expected(
    path: Path, display: str, problems: list[str], spec: dict[str, Any], what: str
) -> _Node | None:
    """Read a file that should be a `what` (e.g. "part file") with fields from `spec`.

    A file that is not such a mapping (someone else's file, a list, a secrets file linked or
    copied here) is refused in one line that names the file and what was expected, and repeats
    none of its keys or lines.
    """
    duplicates: list[Duplicate] = []
    root = _read_yaml(path, display, problems, duplicates)
    if root is None:
        return None
    if not _looks_like(root, spec):
        first = ", ".join(list(spec)[:4])
        problems.append(
            f"{display}: not a {what} (expected a mapping with {first}...): "
            "check that this is the right file"
        )
        return None
    for dup in duplicates:
        shown = dup.key if dup.key in spec else "a field"
        where = f"field '{shown}'" if dup.key in spec else shown
        also = f" (also on line {dup.first_line})" if dup.first_line else ""
        problems.append(_problem(display, dup.line, "", f"{where} appears twice{also}"))
    return None if duplicates else root


def _read_part_file(path: Path, display: str, problems: list[str]) -> _Item | None:
    root = _read_expected(path, display, problems, PART_SPEC, "part file")
    if root is None:
        return None
    checker = _Checker(display, problems)
    id_node = root.value.get("id")
    part_id = ""
    if id_node is not None and id_node.kind == "scalar" and id_node.tag == "str":
        part_id = id_node.value.strip()
    where = _part_where(part_id) if part_id else f"part (file {path.stem})"
    item = checker.mapping(root, PART_SPEC, where)
    if item is None:
        return None
    if "id" not in item.fields:
        if id_node is None:
            checker.report(1, where, "field 'id' is missing: add e.g. 'id: B3' at the top")
        return None
    if not _ID_RE.match(part_id):
        checker.report(
            item.fields["id"].line,
            _part_where(part_id, "field 'id'"),
            "must be a short name of letters, digits, '-' or '_' (no spaces or dots), e.g. B3",
        )
        return None
    return item

