"""The room's pages: the join form, the participant page, the room display, live updates.

Why plain forms: every page works without JavaScript (post, then redirect to a page that says
what was received); room.js only adds live updates through server-sent events. Every page is a
Jinja2 template with auto-escape, so text from phones is shown, never run.
"""

from __future__ import annotations

from http import HTTPStatus
from importlib import resources
from typing import TYPE_CHECKING, Any

import jinja2
from aiohttp import web

from workshop.errors import WorkshopError
from workshop.records import SECTOR_LABELS, SECTORS
from workshop.store.room_settings import activity

from . import contributions as c
from . import views
from .guard import (
    clean_text,
    client_address,
    device_for_post,
    middlewares,
    numbers,
    only,
    read_form,
    secure_headers,
)
from .writer import Change

if TYPE_CHECKING:
    from .server import RoomServer

SERVER_KEY: web.AppKey[RoomServer] = web.AppKey("room", object)  # type: ignore[arg-type]
NEW_COOKIE: Any = (web.RequestKey("new_cookie", str) if hasattr(web, "RequestKey")
                   else "new_cookie")  # (aiohttp before 3.13 keys requests by text)
STATIC = {"room.css": "text/css", "room.js": "text/javascript"}
DONE = {"idea": "Received: your idea is saved.", "edited": "Received: your change is saved.",
        "withdrawn": "Withdrawn.", "dots": "Received: your dots are saved.",
        "rating": "Received: your rating is saved.", "poll": "Received: your answer is saved.",
        "name": "Thank you."}
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("workshop.room", "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _room(request: web.Request) -> RoomServer:
    return request.app[SERVER_KEY]


def render(request: web.Request, template: str, status: int = 200, **context: Any
           ) -> web.Response:
    server = _room(request)
    text = _ENV.get_template(template).render(title=server.session.meta["title"], **context)
    response = web.Response(text=text, status=status, content_type="text/html", charset="utf-8")
    if NEW_COOKIE in request:
        response.set_cookie("room_device", request[NEW_COOKIE], httponly=True,
                            samesite="Lax", path="/", max_age=24 * 3600)
    return response


def error_page(request: web.Request, status: int, message: str, *, retry: bool = False
               ) -> web.Response:
    try:
        heading = HTTPStatus(status).phrase
    except ValueError:
        heading = "Refused"
    text = _ENV.get_template("message.html").render(
        title="Room", heading=heading, message=message, events="")
    response = web.Response(text=text, status=status, content_type="text/html", charset="utf-8")
    if retry:
        response.headers["Retry-After"] = "5"
    return response


def _device(request: web.Request) -> str | None:
    return _room(request).secrets.device_of(request.cookies.get("room_device"))


def _identify(request: web.Request) -> str:
    """This phone's device id; a phone seen for the first time gets a new one, and `render`
    sets its signed cookie (HttpOnly, SameSite=Lax) on the page."""
    device = _device(request)
    if device is None:
        device, request[NEW_COOKIE] = _room(request).secrets.new_device_cookie()
    return device


def _check_join(request: web.Request) -> RoomServer:
    server = _room(request)
    if not server.secrets.is_join(request.match_info["secret"]):
        if not server.code_limits.allow(client_address(request)):
            raise c.Refused(429, "too many wrong links from this address; wait a minute")
        raise c.Refused(404, "This room link is not valid. Ask the facilitator for the address "
                        "and code.")
    return server


def _check_display(request: web.Request) -> RoomServer:
    server = _room(request)
    if not server.secrets.is_display(request.match_info["secret"]):
        if not server.code_limits.allow(client_address(request)):
            raise c.Refused(429, "too many wrong links from this address; wait a minute")
        raise c.Refused(404, "This display link is not valid.")
    return server


# -- join ----------------------------------------------------------------------------------------
async def join_form(request: web.Request) -> web.Response:
    csrf = _room(request).secrets.csrf(_identify(request))
    return render(request, "join.html", error="", csrf=csrf, events="")


async def join_code(request: web.Request) -> web.Response:
    server = _room(request)
    form = await read_form(request, server, only("code", "csrf"))
    device = _device(request)
    if device is None or not server.secrets.csrf_ok(device, form.get("csrf", "")):
        raise c.Refused(403, "the form is out of date (missing security token); reload the page")
    if not server.code_limits.allow(client_address(request)):
        raise c.Refused(429, "too many tries from this address; wait a minute")
    if not server.secrets.is_code(form.get("code", "")[:20]):
        return render(request, "join.html", status=400, error="That code is not this room's "
                      "code. Check it on the screen and try again.", csrf=server.secrets.csrf(
                          device), events="")
    raise web.HTTPSeeOther(f"/j/{server.secrets.join}")


# -- the participant page ------------------------------------------------------------------------
def _participant_context(request: web.Request, server: RoomServer, device: str,
                         **extra: Any) -> dict[str, Any]:
    part = server.current_part
    settings = server.settings
    records = server.session.records(part=part) if part else []
    own = views.mine(records, device)
    options = views.poll_option_ids(settings, part)
    states = {kind: activity(settings, part, kind) for kind in ("ideas", "dots", "rating", "poll")}
    wall = views.idea_wall(records, settings, part)
    my_dots = {r["target"]: r["dots"] for r in own if r["kind"] == "vote"
               and r["target"] not in options}
    my_ratings = {r["rec"]: r for r in own if r["kind"] == "rating"}
    my_answer = next((r["target"] for r in own if r["kind"] == "vote" and r["target"] in options),
                     "")
    me = server.devices.get(device)
    return {
        "secret": server.secrets.join, "csrf": server.secrets.csrf(device),
        "part": views.part_view(server.guide, part), "states": states,
        "names": settings["names"], "me": me, "sectors": [(s, SECTOR_LABELS[s]) for s in SECTORS],
        "needs_name": settings["names"] == "asked" and not (me and me.name),
        "my_ideas": [r for r in own if r["kind"] == "idea"], "wall": wall,
        "dots_left": states["dots"]["budget"] - sum(my_dots.values()), "my_dots": my_dots,
        "my_ratings": my_ratings, "levels": views.LEVELS, "my_answer": my_answer,
        "poll": views.poll_results(records, settings, part),
        "ratings": views.ratings(records, views.part_view(server.guide, part)),
        "done": DONE.get(request.query.get("ok", ""), ""), "error": "", "typed": "",
        "events": f"/j/{server.secrets.join}/events", **extra,
    }


async def participant(request: web.Request) -> web.Response:
    server = _check_join(request)
    device = _identify(request)
    if not server.admit(device):
        raise c.Refused(503, "the room is full; ask the facilitator")
    await server.keep_devices()
    return render(request, "participant.html", **_participant_context(request, server, device))


def see_other(location: str) -> web.Response:
    """The redirect to the page saying "received", returned (not raised): a raised one leaves a
    traceback cycle per request for the garbage collector, whose pauses the facilitator feels
    as key lag while the room is busy (bench/bench_room.py)."""
    return web.Response(status=303, headers={"Location": location})


def _name(server: RoomServer, device: str) -> str:
    me = server.devices.get(device)
    if server.settings["names"] == "off" or me is None:
        return ""
    if server.settings["names"] == "asked" and not me.name:
        raise c.Refused(409, "give your name first (the facilitator asks for names)")
    return me.name


async def _contribute(request: web.Request, fields: Any, apply: Any, ok: Any,
                      typed: str = "") -> web.Response:
    """Read and check the form, queue the change, wait until it is on disk, then redirect to
    the page saying it was received (`ok`: a key of DONE, or a function of the form giving
    one). A refusal shows the page again with the one-line reason and what was typed."""
    server = _check_join(request)
    form = await read_form(request, server, fields)
    device = device_for_post(request, server, form)
    try:
        change = apply(server, device, form)
        await server.writer.submit(change)
    except c.Refused as refused:
        context = _participant_context(request, server, device, error=str(refused),
                                       typed=form.get(typed, "") if typed else "")
        return render(request, "participant.html", status=refused.status, **context)
    except WorkshopError as error:  # the laptop could not save: nothing of it is on disk
        context = _participant_context(request, server, device, typed=form.get(typed, "")
                                       if typed else "", error=f"Not saved ({error}); send it "
                                       "again in a moment.")
        return render(request, "participant.html", status=503, **context)
    done = ok(form) if callable(ok) else ok
    return see_other(f"/j/{server.secrets.join}?ok={done}#status")


async def set_name(request: web.Request) -> web.Response:
    server = _check_join(request)
    form = await read_form(request, server, only("csrf", "name", "sector"))
    device = device_for_post(request, server, form)
    if server.settings["names"] == "off":
        raise c.Refused(409, "this room does not ask for names")
    name = clean_text(form.get("name", ""), server.limits.max_name, "name")
    sector = form.get("sector", "")
    if sector not in ("", *SECTORS):
        raise c.Refused(400, "choose a sector from the list")
    if not name and server.settings["names"] == "asked":
        raise c.Refused(400, "give your name (or your table)")
    try:
        server.name_device(device, name, sector)
    except WorkshopError as error:
        raise c.Refused(400, str(error)) from None
    raise web.HTTPSeeOther(f"/j/{server.secrets.join}?ok=name#status")


def _idea_text(server: RoomServer, form: dict[str, str]) -> str:
    text = clean_text(form.get("text", ""), server.limits.max_text, "idea")
    if not text:
        raise c.Refused(400, "write your idea first")
    return text


async def add_idea(request: web.Request) -> web.Response:
    def apply(server: RoomServer, device: str, form: dict[str, str]) -> Change:
        text, name, part = _idea_text(server, form), _name(server, device), server.current_part
        return lambda: c.add_idea(server.session, server.settings, part, device, name, text)

    return await _contribute(request, only("csrf", "text"), apply, "idea", typed="text")


async def change_idea(request: web.Request) -> web.Response:
    record_id = request.match_info["record"]

    def apply(server: RoomServer, device: str, form: dict[str, str]) -> Change:
        part = server.current_part
        if form.get("withdraw"):
            return lambda: c.withdraw_idea(server.session, server.settings, part, device,
                                           record_id)
        text = _idea_text(server, form)
        return lambda: c.edit_idea(server.session, server.settings, part, device, record_id,
                                   text)

    return await _contribute(request, only("csrf", "text", "withdraw"), apply,
                             lambda form: "withdrawn" if form.get("withdraw") else "edited")


async def spend_dots(request: web.Request) -> web.Response:
    def allowed(name: str) -> bool:
        return name == "csrf" or (name.startswith("dot_") and 4 < len(name) <= 80)

    def apply(server: RoomServer, device: str, form: dict[str, str]) -> Change:
        part, name = server.current_part, _name(server, device)
        state = activity(server.settings, part, "dots")
        keys = [k[4:] for k in form if k.startswith("dot_")]
        allocation = numbers(form, "dot_", keys, 0, state["budget"])
        return lambda: c.set_dots(server.session, server.settings, part, device, name,
                                  allocation)

    return await _contribute(request, allowed, apply, "dots")


async def rate(request: web.Request) -> web.Response:
    server = _room(request)
    part = views.part_view(server.guide, server.current_part)
    recs = [r[0] for r in part.recs] if part else []
    names = {"csrf", *(f"{p}_{r}" for r in recs for p in ("now", "target", "withdraw"))}

    def apply(server: RoomServer, device: str, form: dict[str, str]) -> Change:
        now = numbers(form, "now_", recs, 1, 5)
        target = numbers(form, "target_", recs, 1, 5)
        given: dict[str, tuple[int, int] | None] = {}
        for rec in recs:
            if form.get(f"withdraw_{rec}"):
                given[rec] = None
            elif (rec in now) != (rec in target):
                raise c.Refused(400, "give both now and target for each recommendation you rate")
            elif rec in now:
                given[rec] = (now[rec], target[rec])
        if not given:
            raise c.Refused(400, "choose now and target for at least one recommendation")
        name, at = _name(server, device), server.current_part
        return lambda: c.set_ratings(server.session, server.settings, at, device, name, given)

    return await _contribute(request, names.__contains__, apply, "rating")


async def answer_poll(request: web.Request) -> web.Response:
    def apply(server: RoomServer, device: str, form: dict[str, str]) -> Change:
        part, name = server.current_part, _name(server, device)
        option = "" if form.get("withdraw") else form.get("option", "")
        if not option and not form.get("withdraw"):
            raise c.Refused(400, "choose an answer first")
        return lambda: c.set_poll(server.session, server.settings, part, device, name, option)

    return await _contribute(request, only("csrf", "option", "withdraw"), apply, "poll")


# -- the room display ----------------------------------------------------------------------------
async def display(request: web.Request) -> web.Response:
    server = _check_display(request)
    part_id = server.current_part
    settings = server.settings
    records = server.session.records(part=part_id) if part_id else []
    part = views.part_view(server.guide, part_id)
    states = {kind: activity(settings, part_id, kind) for kind in ("ideas", "dots", "rating",
                                                                   "poll")}
    return render(request, "display.html", part=part, states=states,
                  wall=views.idea_wall(records, settings, part_id),
                  ratings=views.ratings(records, part), levels=views.LEVELS,
                  poll=views.poll_results(records, settings, part_id),
                  poll_question=states["poll"]["question"],
                  devices=server.devices_joined, join_address=server.join_address,
                  code=server.join_code, qr=f"/d/{server.secrets.display}/qr.svg",
                  events=f"/d/{server.secrets.display}/events")


async def qr(request: web.Request) -> web.Response:
    server = _check_display(request)
    return web.Response(text=server.qr_svg(), content_type="image/svg+xml")


# -- live updates and static files ---------------------------------------------------------------
async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: "change" whenever the room changed; the page then fetches itself."""
    server = _room(request)
    (_check_display if request.path.startswith("/d/") else _check_join)(request)
    address = client_address(request)
    if server._streams.get(address, 0) >= server.limits.max_streams_per_address:
        raise c.Refused(429, "too many live pages open from this address")
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream",
                                           "Cache-Control": "no-store"})
    server._streams[address] = server._streams.get(address, 0) + 1
    try:
        await response.prepare(request)
        await response.write(b"retry: 2000\n\n")
        seen = server.version
        while not server.closing:
            version = await server.wait_change(seen, 15.0)
            if server.closing:
                break
            if version != seen:
                seen = version
                await response.write(f"event: change\ndata: {version}\n\n".encode())
            else:
                await response.write(b": still here\n\n")
    except (ConnectionError, RuntimeError):
        pass  # the phone went away
    finally:
        server._streams[address] -= 1
        if not server._streams[address]:
            del server._streams[address]
    return response


async def static(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound()
    body = resources.files("workshop.room").joinpath("static", name).read_bytes()
    response = web.Response(body=body, content_type=STATIC[name])
    response.headers["Cache-Control"] = "max-age=300"
    return response


def build_app(server: RoomServer) -> web.Application:
    app = web.Application(client_max_size=server.limits.max_body,
                          middlewares=middlewares(server, error_page))
    app[SERVER_KEY] = server
    app.on_response_prepare.append(secure_headers)
    app.router.add_get("/", join_form)
    app.router.add_post("/", join_code)
    app.router.add_get("/j/{secret}", participant)
    app.router.add_post("/j/{secret}/name", set_name)
    app.router.add_post("/j/{secret}/idea", add_idea)
    app.router.add_post("/j/{secret}/idea/{record}", change_idea)
    app.router.add_post("/j/{secret}/dots", spend_dots)
    app.router.add_post("/j/{secret}/rate", rate)
    app.router.add_post("/j/{secret}/poll", answer_poll)
    app.router.add_get("/j/{secret}/events", events)
    app.router.add_get("/d/{secret}", display)
    app.router.add_get("/d/{secret}/events", events)
    app.router.add_get("/d/{secret}/qr.svg", qr)
    app.router.add_get("/static/{name}", static)
    return app
