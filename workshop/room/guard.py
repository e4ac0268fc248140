"""HTTP hardening for the room: headers, limits, rate limits, errors, forms and device checks.

Why a module of its own: every request passes the same gate before any page code runs, so a
page cannot forget a check. Responses carry a strict Content-Security-Policy (no inline script,
nothing from elsewhere), forbid framing and sniffing, send no referrer (the join secret is in the
URL) and no server banner. Bodies over the limit get 413 before they are read, floods get 429,
malformed or unexpected forms get 400, and an unexpected error is one 500 page while the server
keeps serving everyone else.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .contributions import Refused

if TYPE_CHECKING:
    from .server import RoomServer

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Server": "",  # no banner (aiohttp would name itself and its version)
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                      r"\u2066-\u2069]")


async def secure_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in HEADERS.items():
        response.headers[name] = value
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"


def client_address(request: web.Request) -> str:
    peer = request.transport.get_extra_info("peername") if request.transport else None
    return str(peer[0]) if peer else "?"


def middlewares(server: RoomServer, error_page: Callable[..., web.Response]) -> list[Any]:
    limits = server.limits

    @web.middleware
    async def gate(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            if not server.address_limits.allow(client_address(request)):
                return error_page(request, 429, "Too many requests from this address; wait a "
                                  "few seconds and try again.", retry=True)
            if request.method not in ("GET", "HEAD", "POST"):
                return error_page(request, 405, "Only pages and forms are served here.")
            length = request.content_length
            if length is not None and length > limits.max_body:
                return error_page(request, 413, "That was too long to send; shorten it.")
            return await handler(request)
        except Refused as refused:
            return error_page(request, refused.status, str(refused),
                              retry=refused.status == 429)
        except web.HTTPRequestEntityTooLarge:
            return error_page(request, 413, "That was too long to send; shorten it.")
        except web.HTTPException as http:
            if http.status >= 400:
                return error_page(request, http.status, http.reason)
            raise
        except asyncio.CancelledError:
            raise
        except ConnectionError:  # the phone went away mid-request: nobody to answer, no fault
            return web.Response(status=400)
        except Exception:  # one broken request never stops the room
            log.exception("room: a request failed")
            return error_page(request, 500, "Something went wrong on the laptop; try again.")

    return [gate]


async def read_form(request: web.Request, server: RoomServer, allowed: Callable[[str], bool]
                    ) -> dict[str, str]:
    """The posted form (urlencoded only), each field once, every name `allowed`; Refused(400)
    for anything else, 408 for a body that does not arrive in time."""
    kind = request.content_type
    if kind != "application/x-www-form-urlencoded":
        raise Refused(400, "send the page's own form")
    try:
        raw = await asyncio.wait_for(request.post(), server.limits.body_timeout)
    except TimeoutError:
        raise Refused(408, "the form took too long to arrive; send it again") from None
    except web.HTTPRequestEntityTooLarge:
        raise
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "the form could not be read; send it again") from None
    form: dict[str, str] = {}
    for name, value in raw.items():
        if not isinstance(value, str) or name in form or not allowed(name):
            raise Refused(400, f"unexpected form field {name[:40]!r}; reload the page")
        form[name] = value
    return form


def only(*names: str) -> Callable[[str], bool]:
    fixed = frozenset(names)
    return fixed.__contains__


def clean_text(value: str, limit: int, what: str) -> str:
    """Text from a phone: line ends unified, ends trimmed, no control characters, not too long."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _CONTROL.search(text):
        raise Refused(400, f"the {what} holds control characters; type it again")
    if len(text) > limit:
        raise Refused(400, f"the {what} has {len(text)} characters; at most {limit}")
    return text


def device_for_post(request: web.Request, server: RoomServer, form: dict[str, str]) -> str:
    """The joined device behind a form, with its CSRF token and rate limit checked."""
    device = server.secrets.device_of(request.cookies.get("room_device"))
    if device is None:
        raise Refused(403, "this phone has not joined (or cookies are off); open the join link "
                      "again")
    if not server.admit(device):  # (a phone known from before a restart is signed: admitted)
        raise Refused(503, "the room is full; ask the facilitator")
    if not server.secrets.csrf_ok(device, form.get("csrf", "")):
        raise Refused(403, "the form is out of date (missing security token); reload the page")
    if not server.device_limits.allow(device):
        raise Refused(429, "too many sends from this phone; wait a few seconds")
    return device


def numbers(form: dict[str, str], prefix: str, keys: Iterable[str], low: int, high: int
            ) -> dict[str, int]:
    """Whole numbers posted as `<prefix><key>`; "" counts as 0 (or unset when low > 0)."""
    out = {}
    for key in keys:
        value = form.get(prefix + key, "").strip()
        if value == "":
            continue
        if not value.isdigit() or not low <= int(value) <= high:
            raise Refused(400, f"give a whole number {low}-{high}")
        out[key] = int(value)
    return out
