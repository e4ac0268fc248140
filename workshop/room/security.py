"""The room's secrets, device identity, CSRF tokens and rate limits.

Why a module of its own: this server opens a port on a laptop in a public room. Everything that
decides who may do what is here, small enough to read in one sitting: a random join secret (in
the URL and QR code) and a short human code, a separate display secret, a signed cookie per
device (HMAC-SHA256), a CSRF token bound to that device, and token buckets per device and per
address. The secrets are kept per session in a private key file (keys.py), never in the
session, so a restarted room keeps its link and its phones while an export lets nobody in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

#: Letters and digits people read and type without mistakes (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
COOKIE = "room_device"


def _token(nbytes: int) -> str:
    return secrets.token_urlsafe(nbytes)


@dataclass
class Device:
    """A phone that opened the join link: its name and sector when the room asks for them."""

    id: str
    name: str = ""
    sector: str = ""


@dataclass(frozen=True)
class Secrets:
    """Made once per session (see keys.py) or on rotation. `join` has 96 bits, `display` 96
    bits, `code` ~29 bits (the code only works at the join form, rate limited per address)."""

    join: str = field(default_factory=lambda: _token(12))
    display: str = field(default_factory=lambda: _token(12))
    code: str = field(default_factory=lambda: "".join(
        secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def _mac(self, purpose: str, value: str) -> str:
        digest = hmac.new(self.key, f"{purpose}:{value}".encode(), hashlib.sha256).digest()
        return digest[:16].hex()

    def new_device_cookie(self) -> tuple[str, str]:
        """(device id, signed cookie value) for a phone seen for the first time."""
        device = "d" + _token(9)
        return device, f"{device}.{self._mac('device', device)}"

    def device_of(self, cookie: str | None) -> str | None:
        """The device id a cookie proves, or None for a missing, forged or old cookie."""
        if not cookie or len(cookie) > 100 or "." not in cookie:
            return None
        device, _, mac = cookie.partition(".")
        if hmac.compare_digest(mac, self._mac("device", device)):
            return device
        return None

    def csrf(self, device: str) -> str:
        """The token every form of this device carries."""
        return self._mac("csrf", device)

    def csrf_ok(self, device: str, token: str) -> bool:
        return bool(token) and hmac.compare_digest(token, self.csrf(device))

    def is_join(self, value: str) -> bool:
        return hmac.compare_digest(value.encode(), self.join.encode())

    def is_display(self, value: str) -> bool:
        return hmac.compare_digest(value.encode(), self.display.encode())

    def is_code(self, typed: str) -> bool:
        cleaned = "".join(typed.split()).upper().replace("-", "")
        return hmac.compare_digest(cleaned.encode(), self.code.encode())


@dataclass
class Bucket:
    """A token bucket: `burst` requests at once, then `rate` per second."""

    burst: float
    rate: float
    tokens: float = 0.0
    stamp: float = 0.0

    def take(self, now: float) -> bool:
        if self.stamp == 0.0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class RateLimits:
    """Buckets by key (a device id or an address), forgotten when idle so memory stays bounded."""

    def __init__(self, burst: float, rate: float, max_keys: int = 5000) -> None:
        self.burst, self.rate, self.max_keys = burst, rate, max_keys
        self._buckets: dict[str, Bucket] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                self._forget_idle(now)
            bucket = self._buckets[key] = Bucket(self.burst, self.rate)
        return bucket.take(now)

    def _forget_idle(self, now: float) -> None:
        full_after = self.burst / self.rate if self.rate else 0
        for key, bucket in list(self._buckets.items()):
            if now - bucket.stamp > full_after:
                del self._buckets[key]
        if len(self._buckets) >= self.max_keys:  # a flood of fresh keys: start over
            self._buckets.clear()


@dataclass(frozen=True)
class Limits:
    """What one room tolerates. The defaults suit a room of up to a few hundred phones; the
    benchmark raises the per-address limit because all its phones share 127.0.0.1."""

    max_body: int = 4096  # bytes per request body (413 above)
    max_text: int = 280  # characters of an idea
    max_name: int = 60
    max_devices: int = 300
    device_burst: float = 20
    device_rate: float = 2.0  # requests per second per device, after the burst
    address_burst: float = 120
    address_rate: float = 20.0
    code_burst: float = 10  # wrong secrets and codes per address
    code_rate: float = 0.2
    body_timeout: float = 10.0  # seconds to send a body
    idle_timeout: float = 20.0  # seconds a connection may stay open without a request in hand
    max_connections_per_address: int = 64
    max_streams_per_address: int = 6  # live-update connections
