"""Read one content file into a small tree of values that remember their line.

Why: YAML is read as a stream of parser events (never constructed into Python objects by PyYAML),
so we see each value's line and raw text, catch YAML 1.1 surprises (`no` -> False, dates, `6.10` ->
6.1) instead of silently accepting them, and stop alias bombs and absurd nesting early (PyYAML's C
composer recurses and can crash on deep nesting). Files are opened without following symlinks and
read within a size bound, because a content folder is untrusted input.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

try:  # libyaml's parser is several times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 512 * 1024  # a part file is ~10 KiB; anything this big is a mistake or an attack
MAX_VALUES = 20_000  # values in one file after expanding aliases (a part file has ~100)
MAX_DEPTH = 32  # nesting in one file (the schema needs 4)
SYMLINK_REFUSED = (
    "is a symbolic link, which is not followed for content files: copy the file here instead"
)
_YAML_TAG = "tag:yaml.org,2002:"
_RESOLVER = Resolver()


def _problem(display: str, line: int, where: str, message: str) -> str:
    location = f"{display}:{line}" if line else display
    return f"{location}: {where}: {message}" if where else f"{location}: {message}"


@dataclass(slots=True)
class _Node:
    kind: str  # "map" | "seq" | "scalar"
    value: Any  # dict[str, _Node] | list[_Node] | str (the raw text of a scalar)
    line: int  # 1-based
    tag: str = ""  # scalars: str, bool, int, float, null, timestamp, ...
    size: int = 1  # values in this subtree, aliases expanded
    key_line: int = 0  # for a mapping's value: the line of its key


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping (reported by the caller, see `_parse_yaml`)."""

    key: str
    line: int
    first_line: int


_DUPLICATE = "\x00duplicate"  # a pending key that is dropped (no YAML key can hold NUL)


class _TooBig(Exception):
    pass


def _short_tag(tag: str) -> str:
    return tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _parse_yaml(
    text: str, display: str, problems: list[str], duplicates: list[Duplicate] | None = None
) -> _Node | None:
    """Build the value tree from parser events; on any problem, report it and return None.

    A key given twice is a problem too, unless `duplicates` is given: then it is recorded there
    (the first value is kept) so the caller can name the key only once it knows the file is
    the kind it expects (the key of someone else's file is never echoed).
    """
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
            if node.value in parent.value or node.value == _DUPLICATE:
                first = parent.value[node.value].line if node.value in parent.value else 0
                if duplicates is None:
                    fail(line, f"field '{node.value}' appears twice (also on line {first})")
                    return False
                duplicates.append(Duplicate(node.value, line, first))
                pending[:] = [_DUPLICATE, line]
                return True
            pending[:] = [node.value, line]
            return True
        if pending[0] is not _DUPLICATE:  # a repeated key's value is dropped (reported)
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


def _read_yaml(
    path: Path, display: str, problems: list[str], duplicates: list[Duplicate] | None = None
) -> _Node | None:
    """Read one file (regular, not a symlink, within the size bound, UTF-8), then parse it."""
    data = _read_bounded(path, display, problems)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(f"{display}:{line}: not UTF-8 text: save the file as UTF-8")
        return None
    return _parse_yaml(text, display, problems, duplicates)


def _read_bounded(path: Path, display: str, problems: list[str]) -> bytes | None:
    """The bytes of a regular file, never through a symlink, never more than the bound.

    Opened with O_NOFOLLOW and checked with fstat on the open descriptor, so a file swapped for a
    link or a device between a check and the read is refused too; O_NONBLOCK keeps a FIFO from
    hanging the open.
    """
    too_big = (
        f"{display}: file is over the {MAX_FILE_BYTES // 1024} KiB limit for a content file: "
        "split it or remove what does not belong"
    )
    if path.is_symlink():
        problems.append(f"{display}: {SYMLINK_REFUSED}")
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            problems.append(f"{display}: {SYMLINK_REFUSED}")
        else:
            problems.append(f"{display}: cannot read the file ({error.strerror or error})")
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            problems.append(f"{display}: not a regular file: replace it with a YAML file")
            return None
        if info.st_size > MAX_FILE_BYTES:
            problems.append(too_big)
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:  # read no more than the bound, even if the file grows
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        problems.append(f"{display}: cannot read the file ({error.strerror or error})")
        return None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        problems.append(too_big)
        return None
    return b"".join(chunks)


