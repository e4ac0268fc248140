"""Turn a content folder (plus optional overlay folders) into an immutable `Guide`.

Why it is built this way:
- Content files are untrusted input (a city edits them by hand), so every problem in a folder is
  collected and reported together, each naming the file, the line, the part and the field, and a
  wrong file never ends in a traceback.
- YAML is read as a stream of parser events (never constructed into Python objects by PyYAML), so
  we see each value's line and raw text, catch YAML 1.1 surprises (`no` -> False, dates, `6.10` ->
  6.1) instead of silently accepting them, and stop alias bombs and absurd nesting early (PyYAML's
  C composer recurses and can crash on deep nesting).
- No Textual import: the CLI and tests use this without the UI.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from workshop.errors import WorkshopError
from workshop.guide.model import Group, Guide, Linkage, Part, Principle, Recommendation, Risk

try:  # libyaml's parser is several times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 512 * 1024  # a part file is ~10 KiB; anything this big is a mistake or an attack
MAX_VALUES = 20_000  # values in one file after expanding aliases (a part file has ~100)
MAX_DEPTH = 32  # nesting in one file (the schema needs 4)
PROMPTS_MIN, PROMPTS_MAX = 3, 12
THEMES = ("vision", "citizen-centric", "digital", "open-and-collaborative")
ANNEX_GROUP = "annex"
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
_SUB_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_YAML_TAG = "tag:yaml.org,2002:"
_RESOLVER = Resolver()


class ContentError(WorkshopError):
    """A content folder has problems; `.problems` lists every one, `str()` is one line."""

    def __init__(self, problems: Sequence[str], folder: Path | str) -> None:
        self.problems = list(problems)
        self.folder = str(folder)
        count = len(self.problems)
        first = self.problems[0] if self.problems else "unknown problem"
        if count == 1:
            message = f"problem in content folder {self.folder}: {first}"
        else:
            message = f"{count} problems in content folder {self.folder}; first: {first}"
        super().__init__(f"{message} (run `workshop check-content` to list them all)")


# ---------------------------------------------------------------------------------------------
# 1. YAML text -> a small tree of values that remember their line
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    kind: str  # "map" | "seq" | "scalar"
    value: Any  # dict[str, _Node] | list[_Node] | str (the raw text of a scalar)
    line: int  # 1-based
    tag: str = ""  # scalars: str, bool, int, float, null, timestamp, ...
    size: int = 1  # values in this subtree, aliases expanded
    key_line: int = 0  # for a mapping's value: the line of its key


class _TooBig(Exception):
    pass


def _short_tag(tag: str) -> str:
    return tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _parse_yaml(text: str, display: str, problems: list[str]) -> _Node | None:
    """Build the value tree from parser events; on any problem, report it and return None."""
    # container, [pending key, its line] for mappings, anchor
    stack: list[tuple[_Node, list[Any], str | None]] = []
    anchors: dict[str, _Node] = {}
    root: _Node | None = None
    documents = 0

    def fail(line: int, message: str) -> None:
        problems.append(_problem(display, line, "", message))

    def attach(node: _Node, line: int) -> bool:
        nonlocal root
        if not stack:
            root = node
            return True
        parent, pending, _anchor = stack[-1]
        parent.size += node.size
        if parent.size > MAX_VALUES:
            raise _TooBig(line)
        if parent.kind == "seq":
            parent.value.append(node)
            return True
        if pending[0] is None:  # this node is a key
            if node.kind != "scalar":
                fail(line, "a key must be a plain name, not a list or mapping")
                return False
            if node.tag == "merge":
                fail(line, "YAML merge keys (<<) are not supported: write the fields out")
                return False
            if node.value in parent.value:
                first = parent.value[node.value].line
                fail(line, f"field '{node.value}' appears twice (also on line {first})")
                return False
            pending[:] = [node.value, line]
            return True
        parent.value[pending[0]] = node
        node.key_line = pending[1]
        pending[:] = [None, 0]
        return True

    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    fail(line, "more than one YAML document (---): keep one part per file")
                    return None
            elif isinstance(event, yaml.ScalarEvent):
                if event.tag in (None, "!"):
                    tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
                else:
                    tag = event.tag
                short = _short_tag(tag)
                if short not in ("str", "bool", "int", "float", "null", "timestamp", "merge"):
                    fail(line, f"unsupported YAML tag {event.tag}: use plain text")
                    return None
                node = _Node("scalar", event.value, line, short)
                if event.anchor:
                    anchors[event.anchor] = node
                if not attach(node, line):
                    return None
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if event.tag not in (None, "!"):
                    fail(line, f"unsupported YAML tag {event.tag}: remove it")
                    return None
                if len(stack) >= MAX_DEPTH:
                    fail(line, f"nested more than {MAX_DEPTH} levels deep: this is not a part file")
                    return None
                is_map = isinstance(event, yaml.MappingStartEvent)
                node = _Node("map" if is_map else "seq", {} if is_map else [], line)
                stack.append((node, [None, 0], event.anchor))  # anchor usable once complete
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                node, _pending, anchor = stack.pop()
                if anchor:
                    anchors[anchor] = node
                if not attach(node, node.line):
                    return None
            elif isinstance(event, yaml.AliasEvent):
                target = anchors.get(event.anchor)
                if target is None:
                    fail(
                        line,
                        f"alias *{event.anchor} refers to an anchor that is not defined before it "
                        "(or refers to itself): write the text out instead",
                    )
                    return None
                if not attach(target, line):
                    return None
    except _TooBig as too_big:
        fail(
            too_big.args[0],
            f"more than {MAX_VALUES} values once YAML aliases (*name) are expanded, which looks "
            "like an alias bomb: write the text out instead of using anchors (&) and aliases (*)",
        )
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = mark.line + 1 if mark else 0
        what = " ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
        fail(where, f"invalid YAML: {what} (check indentation, quotes and colons)")
        return None
    except yaml.YAMLError as error:
        fail(0, f"invalid YAML: {' '.join(str(error).split())}")
        return None
    except RecursionError:  # pragma: no cover - the depth limit stops this first
        fail(0, "nested too deeply: this is not a part file")
        return None
    if root is None:
        fail(1, "the file is empty")
    return root


def _read_yaml(path: Path, display: str, problems: list[str]) -> _Node | None:
    """Read one file with the size bound and decode check, then parse it."""
    too_big = (
        f"{display}: file is over the {MAX_FILE_BYTES // 1024} KiB limit for a content file: "
        "split it or remove what does not belong"
    )
    try:
        if not path.is_file():
            problems.append(f"{display}: not a regular file: replace it with a YAML text file")
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(too_big)
            return None
        with path.open("rb") as handle:  # read no more than the bound, even if the file grows
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            problems.append(too_big)
            return None
    except OSError as error:
        problems.append(f"{display}: cannot read the file ({error.strerror or error})")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(f"{display}:{line}: not UTF-8 text: save the file as UTF-8")
        return None
    return _parse_yaml(text, display, problems)


# ---------------------------------------------------------------------------------------------
# 2. value tree -> fields with provenance, checked against the schema
# ---------------------------------------------------------------------------------------------

TEXT, OPTIONAL_TEXT, TEXT_LIST, PART_IDS = "text", "text or empty", "text list", "part id list"
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


REC_SPEC: dict[str, Any] = {"id": TEXT, "title": TEXT, "explanation": TEXT}
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
GROUP_SPEC: dict[str, Any] = {"id": TEXT, "title": TEXT, "clause": OPTIONAL_TEXT}
GUIDE_SPEC: dict[str, Any] = {
    "name": TEXT,
    "groups": _Items(GROUP_SPEC, ("id", "title")),
    "order": PART_IDS,
}


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
            else:
                converted = self.items(value, kind, where, name)
            if converted is None:
                item.broken.add(name)
            else:
                item.fields[name] = _Field(converted, self.display, value.key_line or value.line)
        return item


def _problem(display: str, line: int, where: str, message: str) -> str:
    location = f"{display}:{line}" if line else display
    return f"{location}: {where}: {message}" if where else f"{location}: {message}"


def _part_where(part_id: str, rest: str = "") -> str:
    head = f"part {part_id}" if part_id else "part"
    return f"{head}, {rest}" if rest else head


def _read_part_file(path: Path, display: str, problems: list[str]) -> _Item | None:
    root = _read_yaml(path, display, problems)
    if root is None:
        return None
    checker = _Checker(display, problems)
    if root.kind != "map":
        checker.report(root.line, "", "a part file must be a mapping of 'field: value' lines")
        return None
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


# ---------------------------------------------------------------------------------------------
# 3. folders, overlays, merging
# ---------------------------------------------------------------------------------------------


@dataclass
class _Layer:
    folder: Path
    guide: _Item | None
    parts: list[_Item]
    broken: set[str]  # stems of part files that could not be read: their ids are not "unknown"


def _display(path: Path) -> str:
    """A path as the user knows it: relative to the current folder when inside it.

    Only the folder is resolved, never the file, so a symlinked file keeps its own name.
    """
    try:
        cwd = Path.cwd()
        absolute = path.absolute()
        for folder, inside in ((cwd, absolute), (cwd.resolve(), absolute.parent.resolve())):
            try:
                relative = inside.relative_to(folder)
            except ValueError:
                continue
            return str(relative if inside is absolute else relative / path.name)
    except OSError:
        pass
    return str(path)


def _read_layer(folder: Path, problems: list[str], *, is_base: bool) -> _Layer | None:
    kind = "content folder" if is_base else "overlay folder"
    if not folder.is_dir():
        problems.append(f"{_display(folder)}: {kind} not found (or not a folder)")
        return None
    guide_file = folder / "guide.yaml"
    parts_dir = folder / "parts"
    guide_item: _Item | None = None
    if guide_file.is_file():
        display = _display(guide_file)
        root = _read_yaml(guide_file, display, problems)
        if root is not None:
            guide_item = _Checker(display, problems).mapping(root, GUIDE_SPEC, "guide")
    elif is_base:
        problems.append(
            f"{_display(guide_file)}: missing: a content folder needs guide.yaml "
            "(groups and order) beside its parts/ folder"
        )
    stray = sorted(p.name for p in folder.glob("*.y*ml") if p.name != "guide.yaml")
    if stray:
        problems.append(
            f"{_display(folder)}: {', '.join(stray)} not read: part files belong in "
            f"{_display(parts_dir)}/"
        )
    files = sorted(parts_dir.glob("*.yaml")) if parts_dir.is_dir() else []
    for wrong in sorted(parts_dir.glob("*.yml")) if parts_dir.is_dir() else []:
        problems.append(f"{_display(wrong)}: not read: name part files *.yaml, not *.yml")
    if not files and (is_base or guide_item is None):
        problems.append(f"{_display(parts_dir)}: no part files (*.yaml) found")
    parts: list[_Item] = []
    seen: dict[str, str] = {}
    broken: set[str] = set()
    for path in files:
        display = _display(path)
        item = _read_part_file(path, display, problems)
        if item is None:
            broken.add(path.stem)
            continue
        part_id = item.text("id")
        if part_id in seen:
            problems.append(
                _problem(
                    display,
                    item.fields["id"].line,
                    _part_where(part_id, "field 'id'"),
                    f"duplicate part id: {seen[part_id]} already defines {part_id}",
                )
            )
            continue
        seen[part_id] = display
        parts.append(item)
    return _Layer(folder, guide_item, parts, broken)


def _merge_items(base: list[_Item], extra: list[_Item]) -> list[_Item]:
    """Overlay entries replace a same-id entry field by field; new ids are appended."""
    merged = [_Item(i.file, i.line, dict(i.fields), set(i.broken)) for i in base]
    by_id = {i.text("id"): i for i in merged if i.text("id")}
    for item in extra:
        target = by_id.get(item.text("id"))
        if target is None:
            copy = _Item(item.file, item.line, dict(item.fields), set(item.broken))
            merged.append(copy)
            if copy.text("id"):
                by_id[copy.text("id")] = copy
        else:
            target.fields.update(item.fields)
            target.broken |= item.broken
    return merged


def _merge_part(base: _Item, overlay: _Item) -> _Item:
    merged = _Item(base.file, base.line, dict(base.fields), base.broken | overlay.broken)
    for name, value in overlay.fields.items():
        if name in ("local_notes", "add_prompts") and name in merged.fields:
            old = merged.fields[name]
            merged.fields[name] = _Field(old.value + value.value, value.file, value.line)
        elif name in MERGED_BY_ID and name in merged.fields:
            old = merged.fields[name]
            items = _merge_items(old.value, value.value)
            merged.fields[name] = _Field(items, value.file, value.line)
        else:
            merged.fields[name] = value
    return merged


def _merge_guide(base: _Item | None, overlay: _Item | None) -> _Item | None:
    if overlay is None:
        return base
    if base is None:
        return overlay
    merged = _Item(base.file, base.line, dict(base.fields))
    for name, value in overlay.fields.items():
        if name == "groups" and name in merged.fields:
            items = _merge_items(merged.fields[name].value, value.value)
            merged.fields[name] = _Field(items, value.file, value.line)
        else:
            merged.fields[name] = value
    return merged


def _check_duplicates_in(items: list[_Item], what: str, part_id: str, problems: list[str]) -> None:
    seen: dict[str, _Item] = {}
    for item in items:
        item_id = item.text("id")
        if not item_id:
            continue
        if item_id in seen:
            file, line = item.where("id")
            other = seen[item_id]
            problems.append(
                _problem(
                    file,
                    line,
                    _part_where(part_id, f"{what} {item_id}, field 'id'"),
                    f"duplicate id (first used in {other.file}:{other.where('id')[1]})",
                )
            )
        else:
            seen[item_id] = item


# ---------------------------------------------------------------------------------------------
# 4. merged raw items -> model objects, with the cross-checks
# ---------------------------------------------------------------------------------------------


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
            Recommendation(r.text("id"), r.text("title"), r.text("explanation")) for r in recs
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
            groups.append(Group(item.text("id"), item.text("title"), item.text("clause")))
    seen: set[str] = set()
    for item in raw.value:
        gid = item.text("id")
        if gid in seen:
            file, line = item.where("id")
            problems.append(_problem(file, line, f"guide, group {gid}", "duplicate group id"))
        seen.add(gid)
    return groups


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


def load_guide(overlays: Sequence[Path] = (), base: Path | None = None) -> Guide:
    """Load the guide from `base` (default: the bundled content) with overlays layered on top.

    Raises ContentError listing every problem found, in the base and in every overlay.
    """
    guide, problems, folder = _load(list(overlays), base)
    if guide is None:
        raise ContentError(problems, folder)
    return guide


def _load(overlays: list[Path], base: Path | None) -> tuple[Guide | None, list[str], str]:
    if base is None:
        from workshop.paths import bundled_content_dir

        base = bundled_content_dir()
    base = Path(base)
    problems: list[str] = []
    folder = " + ".join(_display(p) for p in [base, *overlays])
    base_layer = _read_layer(base, problems, is_base=True)
    raw_parts: dict[str, _Item] = {}
    guide_raw: _Item | None = None
    broken: set[str] = set()
    if base_layer is not None:
        guide_raw = base_layer.guide
        raw_parts = {p.text("id"): p for p in base_layer.parts}
        broken |= base_layer.broken
    for overlay in overlays:
        layer = _read_layer(Path(overlay), problems, is_base=False)
        if layer is None:
            continue
        guide_raw = _merge_guide(guide_raw, layer.guide)
        broken |= layer.broken
        for item in layer.parts:
            part_id = item.text("id")
            if part_id in raw_parts:
                raw_parts[part_id] = _merge_part(raw_parts[part_id], item)
            else:
                raw_parts[part_id] = item
    groups = _build_groups(guide_raw, problems)
    built: dict[str, Part] = {}
    for part_id, raw in raw_parts.items():
        part = _build_part(raw, problems)
        if part is not None:
            built[part_id] = part
    known = set(raw_parts) | broken
    ordered = _in_reading_order(built, known, guide_raw, problems)
    guide = Guide(
        parts=tuple(ordered),
        groups=tuple(groups),
        sources=tuple(str(p) for p in [base, *overlays]),
    )
    _cross_check(guide, raw_parts, known, problems)
    if problems:
        return None, sorted(problems, key=_problem_order), folder
    return guide, [], folder


_LOCATION_RE = re.compile(r"^(.*?):(\d+): ")


def _problem_order(problem: str) -> tuple[str, int]:
    """File by file, top to bottom, so a long list reads like an editor's error list."""
    match = _LOCATION_RE.match(problem)
    if match:
        return match.group(1), int(match.group(2))
    return problem.split(": ", 1)[0], 0


# ---------------------------------------------------------------------------------------------
# 5. `workshop check-content`
# ---------------------------------------------------------------------------------------------


def summary_line(guide: Guide) -> str:
    """`17 parts + 2 annexes, 74 recommendations, 14 principles, 11 risks`."""
    annexes = len(guide.parts) - len(guide.components)
    head = f"{len(guide.components)} parts"
    if annexes:
        head += f" + {annexes} annex" + ("es" if annexes != 1 else "")
    recs = sum(len(p.recommendations) for p in guide.parts)
    return f"{head}, {recs} recommendations, {len(guide.principles)} principles, " + (
        f"{len(guide.risks)} risks"
    )


def check_content_command(folder: Path | None, overlays: list[Path]) -> int:
    """Validate a content folder and print a summary (exit 0) or every problem (exit 1).

    A folder without guide.yaml is taken as an overlay and checked layered over the bundled guide,
    which is what a city adapting the guide wants to know.
    """
    base: Path | None = folder
    layers = list(overlays)
    note = ""
    if folder is not None and folder.is_dir() and not (folder / "guide.yaml").exists():
        base = None
        layers = [folder, *layers]
        note = " (checked as an overlay on the bundled guide)"
    guide, problems, name = _load(layers, base)
    if guide is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        print(f"workshop: {count} {noun} in content folder {name}{note}", file=sys.stderr)
        return 1
    print(f"{summary_line(guide)}: OK ({name}{note})")
    return 0
