"""The machine's IPv4 addresses, for the facilitator's choice of where the room listens.

Why stdlib only: the usual cases are a phone hotspot or the venue's Wi-Fi, and the address phones
can reach is the one the laptop would use to talk to the outside world. Connecting a UDP socket
(no packet is sent) makes the operating system name that address; the host name's addresses add
the others. Loopback comes first: it is the safe default.
"""

from __future__ import annotations

import contextlib
import socket

#: Addresses never routed anywhere (TEST-NET-1 and a private one): connect() only picks a route.
_PROBES = ("192.0.2.1", "10.255.255.255")


def _routed() -> list[str]:
    found = []
    for probe in _PROBES:
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))
            found.append(s.getsockname()[0])
    return found


def _named() -> list[str]:
    with contextlib.suppress(OSError, UnicodeError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        return [str(info[4][0]) for info in infos]
    return []


def addresses() -> list[str]:
    """IPv4 addresses of this machine: "127.0.0.1" first, then the routed one, then the rest."""
    out = ["127.0.0.1"]
    for address in (*_routed(), *_named()):
        if address not in out and address != "0.0.0.0":  # noqa: S104 - not a bind
            out.append(address)
    return out


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")
