"""How to join the room: the QR code, the address to type and the short code.

The QR code is drawn dark on light whatever the theme (a phone camera reads dark modules on a
light ground, with the quiet zone around them), with two modules per character row, so a
typical join link fits in about 33x17 cells: scannable from the projector at 80x24.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from workshop.tui.widgets.literal import literal

if TYPE_CHECKING:
    from workshop.tui.room_control import RoomControl


def big_qr(url: str) -> str:
    """The join QR code at two character cells per module (full blocks; cells are about twice
    as tall as wide, so each module is square): for a projector on a large terminal. Made
    exactly as the room server makes its own (segno, error level L)."""
    import segno

    rows = segno.make(url, error="l", boost_error=False, micro=False).matrix_iter(
        scale=1, border=2)
    return "\n".join("".join("██" if module else "  " for module in row) for row in rows)


class RoomJoin(Vertical):
    """The QR code, then the join address and code; not shown while the room is closed."""

    DEFAULT_CSS = """
    RoomJoin { width: auto; height: auto; }
    RoomJoin #rj-qr { width: auto; height: auto; color: black; background: white; padding: 0 1; }
    RoomJoin #rj-address { width: auto; max-width: 60; text-style: bold; }
    RoomJoin #rj-code { width: auto; text-style: bold; color: $accent; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="rj-qr", markup=False)
        yield Static(id="rj-address", markup=False)
        yield Static(id="rj-code", markup=False)

    def __init__(self, *, grow: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grow = grow  # draw the code twice as big when the terminal has room (presenter)

    def show(self, room: RoomControl | None) -> None:
        self.display = room is not None and room.running
        if room is None or not room.running:
            return
        server = room.server
        text = server.qr_text()
        if self.grow:
            big = big_qr(server.participant_url)
            lines = big.splitlines()
            width, height = self.app.size
            if width >= len(lines[0]) + 44 and height >= len(lines) + 6:
                text = big
        self.query_one("#rj-qr", Static).update(literal(text))
        self.query_one("#rj-address", Static).update(literal(server.join_address))
        self.query_one("#rj-code", Static).update(literal(f"Code {server.join_code}"))
