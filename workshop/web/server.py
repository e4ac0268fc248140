"""textual-serve's Server, made fit for a city's network: a secret token, local assets only.

textual-serve runs one `workshop` process per browser tab and relays it over a websocket; it has
no authentication, and its page asks Google Fonts for Roboto Mono. Here:
- every request needs the secret token printed in the URL (`?token=`), or the cookie the page
  sets from it (the websocket and download URLs textual.js builds carry only the cookie); anything
  else is a 403 with one line. Only /favicon.ico is public: an icon tells nobody anything.
- the page is our copy of textual-serve's template, loading only this server's files (the
  Roboto Mono fonts textual-serve ships), with a Content-Security-Policy that forbids the rest.
- download names are quoted (RFC 6266), so "Harbour plan.docx" arrives whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import re
import secrets
import signal
import socket
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

HERE = Path(__file__).resolve().parent
FAVICON = HERE / "static" / "favicon.ico"
TOKEN_BYTES = 16  # 128 random bits, URL-safe base64
QUIT_GRACE = 5.0  # seconds a tab's app has to save and close before it is terminated
FORBIDDEN = "Forbidden: open the link printed by `workshop serve`, with its token.\n"
TITLE = "Workshop: ISO 37106"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_loopback(host: str) -> bool:
    """Only this computer can reach `host` (a hostname other than localhost is not assumed so)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def reach_warning(host: str, port: int) -> str:
    """The one line printed when the server listens beyond this computer."""
    where = "every network this computer is on" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
    return (f"Warning: listening on {where} (port {port}): anyone who can reach this computer "
            "there and has the link below can open and change every session in the folder.")


def page_url(host: str, port: int, token: str) -> str:
    """The link to print: a wildcard address is shown as this computer's name."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host  # noqa: S104
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/?token={token}"


def content_disposition(file_name: str, inline: bool = False) -> str:
    """`attachment; filename="..."; filename*=UTF-8''...`: any name, safely quoted."""
    fallback = re.sub(r"[^A-Za-z0-9._ ()-]", "_", file_name) or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"


class WorkshopServer(Server):
    """textual-serve's Server with a token guard, our page and favicon, and quiet logs."""

    def __init__(self, command: str, host: str, port: int, token: str) -> None:
        super().__init__(command, host=host, port=port, title=TITLE,
                         templates_path=HERE / "templates")
        self.token = token
        self.cookie = f"workshop-token-{port}"  # cookies ignore the port: one name per server
        self.tabs: set[AppService] = set()  # the app process of each open tab

    # -- the guard --------------------------------------------------------------------------------

    def allowed(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/favicon.ico", self.handle_favicon)

        @web.middleware
        async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
            if request.path != "/favicon.ico" and not self.allowed(request):
                return web.Response(status=403, text=FORBIDDEN,
                                    headers={"Cache-Control": "no-store"})
            return await handler(request)

        app.middlewares.append(guard)
        return app

    async def handle_favicon(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(FAVICON, headers={"Content-Type": "image/x-icon"})

    # -- the page ---------------------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        """Our page, with the websocket and assets on the address the browser used."""
        query = f"?token={self.token}"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            # textual.js appends "?width=..&height=..": the websocket carries the cookie instead
            "app_websocket_url": f"ws://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": TITLE},
            "token_query": query,
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers.update({
            "Content-Security-Policy": (
                "default-src 'none'; script-src 'self' 'unsafe-inline'; "
                "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
                f"connect-src 'self' ws://{request.host}; worker-src 'self' blob:; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
            ),
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        })
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
        return response

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's download, with the file name quoted so any name arrives whole."""
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="This download has expired: export again.\n") from None
        response = web.StreamResponse()
        response.headers["Content-Type"] = meta.mime_type + (
            f"; charset={meta.encoding}" if meta.encoding else "")
        response.headers["Content-Disposition"] = content_disposition(
            meta.file_name, inline=meta.open_method == "browser")
        response.headers["X-Content-Type-Options"] = "nosniff"
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- the tabs' apps ---------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, keeping each tab's app so that stopping the server ends it.

        Without this, ctrl+c left the apps running (an app does not stop when its input closes),
        each holding its session's lock: after a restart every session opened read-only.
        """
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.download_manager, debug=self.debug,
            )
            self.tabs.add(app_service)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()  # the tab closed: its app is told to quit
                self.tabs.discard(app_service)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Ask every tab's app to quit (it saves and frees its lock); terminate the slow ones."""
        running = [(tab, tab._process) for tab in list(self.tabs)
                   if tab._process is not None and tab._process.returncode is None]
        for tab, _process in running:
            await tab.send_meta({"type": "quit"})
        waits = [asyncio.ensure_future(process.wait()) for _tab, process in running]
        if not waits:
            return
        _done, pending = await asyncio.wait(waits, timeout=QUIT_GRACE)
        for _tab, process in running:
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()
        if pending:
            await asyncio.wait(pending, timeout=QUIT_GRACE)

    # -- running ----------------------------------------------------------------------------------

    def serve(self, debug: bool = False) -> None:
        """textual-serve's serve(), announcing the link only once the port is open, and with no
        line per request (each would print the token)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        # ctrl+c, a kill, or the terminal window closing (SIGHUP) all end the tabs' apps too
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            with contextlib.suppress(NotImplementedError, AttributeError):  # Windows
                loop.add_signal_handler(getattr(signal, name), self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                    loop=loop, access_log=None, print=lambda *_args: self.announce())

    async def on_startup(self, app: web.Application) -> None:
        """Nothing yet: the port may still turn out to be taken (see announce)."""

    def announce(self) -> None:
        if not is_loopback(self.host):
            print(reach_warning(self.host, self.port), flush=True)
        # the link on a line of its own, so a terminal at 80 columns does not break it
        print("Open the workshop app in a browser:", flush=True)
        print(f"  {page_url(self.host, self.port, self.token)}", flush=True)
        print("Each browser tab runs its own app. Press ctrl+c here to stop.", flush=True)
