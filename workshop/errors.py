"""One exception family whose message is a single line a facilitator can act on.

The CLI prints `str(error)` and exits with `error.exit_code`; the TUI shows it as a notification.
Never let a traceback reach the user for a problem they can fix.
"""

from __future__ import annotations


class WorkshopError(Exception):
    """A problem with input or environment, explained in one line that names the fix."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return " ".join(self.message.split("\n"))


class UsageError(WorkshopError):
    """A bad command-line argument."""

    exit_code = 2
