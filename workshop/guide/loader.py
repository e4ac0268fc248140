"""Turn a content folder (plus optional overlay folders) into an immutable `Guide`.

Why it is built this way:
- Content files are untrusted input (a city edits them by hand), so every problem in a folder is
  collected and reported together, each naming the file, the line, the part and the field, and a
  wrong file never ends in a traceback.
- The work is split by domain: `yaml_reader` (safe reading and parsing), `schema` (fields and the
  checker), `layers` (folders and overlays), `build` (model objects and cross-checks); this module
  ties them together and keeps the public names (`load_guide`, `ContentError`, ...).
- No Textual import: the CLI and tests use this without the UI.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from workshop.errors import WorkshopError
from workshop.guide.build import (
    PROMPTS_MAX,
    PROMPTS_MIN,
    THEMES,
    _build_groups,
    _build_labels,
    _build_part,
    _cross_check,
    _in_reading_order,
)
from workshop.guide.layers import _display, _merge_guide, _merge_part, _read_layer
from workshop.guide.model import Guide, Part
from workshop.guide.schema import COMPLETE_GUIDE_FIELDS, _Item
from workshop.guide.yaml_reader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_VALUES,
    _parse_yaml,
    _read_yaml,
)

__all__ = [
    "ANNEX_GROUP",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "PROMPTS_MAX",
    "PROMPTS_MIN",
    "THEMES",
    "ContentError",
    "check_content_command",
    "load_guide",
    "summary_line",
    "_parse_yaml",
]

ANNEX_GROUP = "annex"


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
        name=guide_raw.text("name") if guide_raw is not None else "",
        labels=_build_labels(guide_raw),
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


def _visible(text: str) -> str:
    """Content text for a terminal: control characters shown as escapes, never obeyed."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def folder_mode(folder: Path) -> tuple[bool, str]:
    """(is it an overlay?, why) for `workshop check-content DIR`.

    The rule: `overlay: true` or `overlay: false` in DIR/guide.yaml decides; without it, a folder
    is a complete guide when its guide.yaml has name, groups and order, and an overlay otherwise
    (no guide.yaml, or one that only translates the name or group titles, adds groups or labels).
    A guide.yaml that cannot be read is checked as an overlay, so its own problems are reported
    without false "field missing" errors from partial part files.
    """
    guide_file = folder / "guide.yaml"
    if not (guide_file.is_file() or guide_file.is_symlink()):
        return True, "it has no guide.yaml"
    root = _read_yaml(guide_file, _display(guide_file), [], [])
    if root is None or root.kind != "map":
        return True, "its guide.yaml could not be read"
    flag = root.value.get("overlay")
    if flag is not None and flag.kind == "scalar" and flag.tag == "bool":
        is_overlay = flag.value.lower() in ("true", "yes", "on", "y")
        return is_overlay, f"its guide.yaml says overlay: {'true' if is_overlay else 'false'}"
    missing = [name for name in COMPLETE_GUIDE_FIELDS if name not in root.value]
    if missing:
        listed = ", ".join(missing[:-1]) + (" or " if len(missing) > 1 else "") + missing[-1]
        return True, f"its guide.yaml has no {listed}, which a complete guide has"
    return False, "its guide.yaml has name, groups and order"


def check_content_command(folder: Path | None, overlays: list[Path]) -> int:
    """Validate a content folder and print a summary (exit 0) or every problem (exit 1).

    An overlay folder (see `folder_mode`) is checked layered over the bundled guide, which is what
    a city adapting the guide wants to know; the last line says which mode was used and why.
    """
    base: Path | None = folder
    layers = list(overlays)
    note = ""
    if folder is not None and folder.is_dir():
        is_overlay, why = folder_mode(folder)
        if is_overlay:
            base = None
            layers = [folder, *layers]
            note = f"checked as an overlay on the bundled guide: {why}"
        else:
            note = (
                f"checked as a complete guide: {why}; "
                "add `overlay: true` to its guide.yaml to check it as an overlay"
            )
    guide, problems, name = _load(layers, base)
    if guide is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        detail = f" ({note})" if note else ""
        print(f"workshop: {count} {noun} in content folder {name}{detail}", file=sys.stderr)
        return 1
    named = f' in "{_visible(guide.name)}"' if guide.name else ""
    detail = f"; {note.split('; add')[0]}" if note else ""
    print(f"{summary_line(guide)}{named}: OK ({name}{detail})")
    return 0
