"""Names in the sessions folder's trash: a deleted session is moved there, never destroyed."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path


def free_trash_name(trash: Path, file: Path) -> Path:
    """The file's own name in the trash, or a timestamped one (numbered if even that is taken):
    never the name of a file already trashed."""
    target = trash / file.name
    if not os.path.lexists(target):
        return target
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = trash / f"{file.stem}.{stamp}{file.suffix}"
    number = 1
    while os.path.lexists(target):
        number += 1
        target = trash / f"{file.stem}.{stamp}-{number}{file.suffix}"
    return target
