"""A progress bar on stderr for long commands: drawn only on a terminal, and only once the work has
taken more than a second (a quick report prints nothing extra). The bar holds our own words and
numbers only, never user text, so it may write a carriage return to the real stream.
"""

from __future__ import annotations

import sys
import time
from typing import IO

DELAY = 1.0
WIDTH = 30


class Progress:
    def __init__(self, what: str, stream: IO[str] | None = None, delay: float = DELAY) -> None:
        stream = stream or sys.stderr
        self.stream = getattr(stream, "stream", stream)  # past the CLI's VisibleStream
        self.what = what
        self.delay = delay
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self.drawn = False
        self.last = 0.0
        try:
            self.active = bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            self.active = False

    def start(self, total: int) -> None:
        self.total = max(total, 1)
        self.started = time.monotonic()

    def step(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        if not self.active:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.last < 0.1 and self.done < self.total):
            return
        self.last = now
        filled = WIDTH * self.done // self.total
        self.stream.write(f"\r{self.what} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                          f"{100 * self.done // self.total}%")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        """Clear the bar's line, so the messages after it start clean."""
        if self.drawn:
            self.stream.write("\r" + " " * (len(self.what) + WIDTH + 8) + "\r")
            self.stream.flush()
            self.drawn = False
