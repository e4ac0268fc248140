"""Content folders and overlays: read a folder's guide.yaml and parts/, and merge an overlay's
fields over the base guide (prompts and notes added, recommendations, principles, risks and groups
merged by id, any other field replaced).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workshop.guide.schema import (
    GUIDE_SPEC,
    MERGED_BY_ID,
    _Checker,
    _Field,
    _Item,
    _part_where,
    _read_expected,
    _read_part_file,
)
from workshop.guide.yaml_reader import _problem


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
    if guide_file.is_file() or guide_file.is_symlink():
        display = _display(guide_file)
        root = _read_expected(guide_file, display, problems, GUIDE_SPEC, "guide file")
        if root is not None:
            guide_item = _Checker(display, problems).mapping(root, GUIDE_SPEC, "guide")
        if is_base and guide_item is not None and guide_item.text("overlay") is True:
            problems.append(
                _problem(
                    display,
                    guide_item.where("overlay")[1],
                    "guide, field 'overlay'",
                    "says overlay: true, so this folder is an overlay, not a whole guide: "
                    f"use it with `--content {_display(folder)}`",
                )
            )
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
        elif name == "labels" and name in merged.fields:  # key by key
            old = merged.fields[name].value
            labels = _Item(old.file, old.line, {**old.fields, **value.value.fields})
            merged.fields[name] = _Field(labels, value.file, value.line)
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

