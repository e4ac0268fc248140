"""Command line: `workshop [--sessions DIR] [--content DIR] [COMMAND ...]`.

Without a command it opens the app. Heavy modules (Textual, the store, exports) are imported inside
each handler, so `--help` and `--version` stay fast and never load Textual.
Every user-fixable problem ends as one line on stderr and a non-zero exit code, never a traceback.
Everything a command writes goes through workshop.text.VisibleStream (stdout and stderr, to a
terminal or a pipe), so a title or file name holding terminal escapes is shown, never obeyed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from workshop import __version__
from workshop.errors import UsageError, WorkshopError
from workshop.export.formats import CSV_PROFILES, FORMATS, formats_help
from workshop.kinds import REGISTERS as CSV_REGISTERS
from workshop.text import VisibleStream, visible_line

PROG = "workshop"


# ---------------------------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------------------------


@contextmanager
def _visible_streams() -> Iterator[None]:
    """stdout and stderr show control characters instead of obeying them, for one command."""
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(real[0]), VisibleStream(real[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = real


@contextmanager
def _terminal_streams() -> Iterator[None]:
    """The app itself draws with escape codes: it gets the real streams back while it runs."""
    wrapped = sys.stdout, sys.stderr
    sys.stdout = getattr(wrapped[0], "stream", wrapped[0])
    sys.stderr = getattr(wrapped[1], "stream", wrapped[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = wrapped


def _sessions(args: argparse.Namespace) -> Path:
    from workshop.paths import sessions_dir

    return sessions_dir(getattr(args, "sessions", None))


def _overlays(args: argparse.Namespace) -> list[Path]:
    """The --content folder as a list; a missing folder is one line that names it."""
    content = getattr(args, "content", None)
    if not content:
        return []
    folder = Path(content).expanduser()
    if not folder.is_dir():
        raise UsageError(f"content folder {content} not found (or not a folder): check the path "
                         f"given to --content, then check the folder with "
                         f"`workshop check-content {content}`")
    return [folder]


def _content_hint(error: WorkshopError, args: argparse.Namespace) -> str:
    """A content problem names the folder to check: `check-content` alone checks the bundled
    guide, not the --content folder the facilitator gave."""
    message = str(error)
    content = getattr(args, "content", None)
    if content and "run `workshop check-content`" in message:
        message = message.replace("run `workshop check-content`",
                                  f"run `workshop check-content {content}`")
    return message


def _use_date_order() -> None:
    """Read typed dates in the order the app's config chooses (day-first unless set).

    A broken config file is the app's to report; the CLI then reads dates day-first.
    """
    from workshop.dates import set_date_order
    from workshop.tui.settings import load_settings

    settings = load_settings()
    set_date_order(settings.date_order if not settings.problem else "day-first")


def _load_guide(args: argparse.Namespace):
    from workshop.guide.loader import load_guide

    return load_guide(_overlays(args))


# ---------------------------------------------------------------------------------------------
# command handlers (each returns the exit code)
# ---------------------------------------------------------------------------------------------


def cmd_app(args: argparse.Namespace) -> int:
    """Open the Textual app (optionally straight on one session).

    Your own content (--content) is loaded and checked before the app starts, so a mistake in it is
    one line and exit 1. The bundled guide (checked by the test suite) is loaded by the app just
    after the session list is drawn, so start-up is quicker.
    """
    session = getattr(args, "session", None)
    if session is not None and not session.strip():
        raise UsageError("SESSION is empty: give a session id, id prefix or exact title "
                         "(see `workshop list`)")
    guide = _load_guide(args) if _overlays(args) or session else None
    from workshop.tui.app import WorkshopApp

    app = WorkshopApp(guide=guide, sessions_dir=_sessions(args), open_session=session)
    with _terminal_streams():
        app.run()
    if app.guide_problem:
        raise WorkshopError(app.guide_problem)
    return int(app.return_code or 0)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app to browsers (textual-serve): one `workshop` process per tab, same folders.

    Loopback only unless --host says otherwise (then one warning line); the printed link holds a
    secret token, and the server answers nothing without it.
    """
    import os
    import shlex

    command = [sys.executable, "-m", "workshop", "--sessions", str(_sessions(args).resolve())]
    command += [arg for folder in _overlays(args) for arg in ("--content", str(folder.resolve()))]
    try:
        from workshop.web.server import WorkshopServer, new_token
    except ModuleNotFoundError as error:
        raise UsageError(f"`workshop serve` needs the {error.name} package: install textual-serve "
                         "(pip install textual-serve)") from None
    # textual-serve runs the command through a shell: `exec` makes the app the shell's own
    # process, so stopping the server reaches the app itself
    shell = shlex.join(command) if os.name == "nt" else "exec " + shlex.join(command)
    server = WorkshopServer(shell, host=args.host, port=args.port,
                            token=new_token())
    try:
        server.serve()
    except OSError as error:
        raise WorkshopError(f"cannot listen on {args.host} port {args.port} "
                            f"({_os_reason(error)}): choose another --port or --host"
                            ) from None
    return 0


def _os_reason(error: OSError) -> str:
    """"address already in use", without asyncio's long wording around it."""
    import os

    if error.errno and error.errno > 0:
        return os.strerror(error.errno).lower()
    return (error.strerror or str(error)).lower()  # a host name that does not resolve


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535")
    return port


def cmd_check_content(args: argparse.Namespace) -> int:
    """Validate a content folder (default: the bundled guide) and print a one-line summary."""
    from workshop.guide.loader import check_content_command

    return check_content_command(Path(args.dir) if args.dir else None, _overlays(args))


def cmd_new(args: argparse.Namespace) -> int:
    """Create a session; print its id (one line, for scripts)."""
    from workshop.store import SessionStore
    from workshop.store.commands import load_part_ids, new_session

    parts = load_part_ids(_overlays(args))
    store = SessionStore(_sessions(args), known_parts=parts.ids)
    _use_date_order()
    new_session(store, parts, title=args.title, city=args.city, date=args.date,
                venue=args.venue, facilitator=args.facilitator, purpose=args.purpose,
                agenda=args.agenda)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Sessions as a table (or JSON), unreadable files included with their reason."""
    from workshop.store import SessionStore
    from workshop.store.commands import list_sessions

    return list_sessions(SessionStore(_sessions(args)), as_json=args.json, wide=args.wide)


def cmd_delete(args: argparse.Namespace) -> int:
    """Move a session to the trash folder after confirmation (or --yes)."""
    from workshop.store import SessionStore
    from workshop.store.commands import delete_session

    return delete_session(SessionStore(_sessions(args)), args.session, yes=args.yes)


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the Harbourford demo session (and the earlier session it follows up)."""
    from workshop.store import SessionStore
    from workshop.store.commands import load_part_ids, make_demo

    parts = load_part_ids(_overlays(args))
    make_demo(SessionStore(_sessions(args), known_parts=parts.ids), parts)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export a session (read-only) as md/html/csv/json/docx; print the path written."""
    from workshop.export.commands import export_session

    export_session(_sessions(args), args.session, fmt=args.format, what=args.what,
                   output=args.output, include_all=args.all, no_names=args.no_names,
                   force=args.force, bom=not args.no_bom, profile=args.profile,
                   overlays=_overlays(args))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a JSON export as a new session; print its id."""
    from workshop.export.commands import import_session

    imported = import_session(_sessions(args), args.file, overlays=_overlays(args),
                              on_copy=args.on_copy or "")
    return 0 if imported else 1


def cmd_actions(args: argparse.Namespace) -> int:
    """Actions across all sessions (carried-over copies shown once)."""
    from workshop.store import SessionStore
    from workshop.store.commands import list_actions

    _use_date_order()
    return list_actions(SessionStore(_sessions(args)), only_open=args.open, owner=args.owner,
                        due_before=args.due_before, as_json=args.json, wide=args.wide)


def cmd_report(args: argparse.Namespace) -> int:
    """One report over every session of a programme: store folders, session files, exports."""
    from workshop.report.command import report_command

    paths = [Path(p) for p in args.paths] or [_sessions(args)]
    return report_command(paths, fmt=args.format, output=args.output, force=args.force)


def cmd_room(args: argparse.Namespace) -> int:
    """Run the room server on a session (no app): phones join, the display shows results."""
    from workshop.room.command import RoomOptions, run_room

    options = RoomOptions(host=args.host, port=args.port, part=args.part, dots=args.dots,
                          rating=args.rating, poll=args.poll, options=list(args.option or []),
                          names=args.names, premoderate=args.premoderate,
                          new_secrets=args.new_secrets)
    return run_room(_sessions(args), args.session, _load_guide(args), options)


# ---------------------------------------------------------------------------------------------
# parser
# ---------------------------------------------------------------------------------------------


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--sessions",
        metavar="DIR",
        default=default,
        help="sessions folder (default: ./sessions, or $WORKSHOP_SESSIONS)",
    )
    parser.add_argument(
        "--content",
        metavar="DIR",
        default=default,
        help="your own content folder, layered over the bundled ISO 37106 guide",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Run a city stakeholder workshop on ISO 37106 and export the agreed actions.",
        epilog="Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _global_options(parser, top=True)
    parser.set_defaults(handler=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, top=False)
        p.set_defaults(handler=handler)
        return p

    p = command("open", cmd_app, "open the app on a session's walkthrough")
    p.add_argument("session", metavar="SESSION", help="session id, unique id prefix or exact title")

    p = command("serve", cmd_serve, "run the app in web browsers (one app per browser tab)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only); any "
                        "other address lets others on the network reach it, with the link")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")

    p = command("check-content", cmd_check_content, "validate a content folder")
    p.add_argument("dir", nargs="?", metavar="DIR", help="folder to check (default: bundled guide)")

    p = command("new", cmd_new, "create a session and print its id")
    p.add_argument("--title", required=True)
    p.add_argument("--city", default="")
    p.add_argument("--date", default="", help="the session's date: 15/12/2026, YYYY-MM-DD...")
    p.add_argument("--venue", default="")
    p.add_argument("--facilitator", default="")
    p.add_argument("--purpose", default="")
    p.add_argument("--agenda", default="", help="comma-separated part ids, e.g. B1,B3,C")

    p = command("list", cmd_list, "list sessions in the store")
    p.add_argument("--json", action="store_true", help="print a JSON array for scripts")
    p.add_argument("--wide", action="store_true",
                   help="show whole titles on a terminal (always so in a file or a pipe)")

    p = command("delete", cmd_delete, "move a session to the trash folder")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    command("demo", cmd_demo, "create a realistic demo session to explore")

    p = command("export", cmd_export, "export a session summary")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--format", default="md", choices=FORMATS, help=formats_help())
    p.add_argument("--what", default="actions",
                   choices=CSV_REGISTERS,
                   help="CSV register (default: actions)")
    p.add_argument("-o", "--output", metavar="PATH", help="file to write, or - for stdout")
    p.add_argument("--all", action="store_true", help="include parked and rejected decisions")
    p.add_argument("--no-names", action="store_true", help="leave participants' names out")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--no-bom", action="store_true",
                   help="CSV without the byte-order mark (written by default so a spreadsheet "
                        "reads accents and Arabic right; never on stdout)")
    p.add_argument("--profile", default="generic", choices=CSV_PROFILES,
                   help="columns of the CSV actions register: generic (all we have), jira or "
                        "gitlab (what their CSV importers take as they are)")

    p = command("import", cmd_import, "import a JSON export as a new session")
    p.add_argument("file", metavar="FILE",
                   help="a session export (.json): a regular file of at most 50 MB")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--replace", dest="on_copy", action="store_const", const="replace",
                       help="when this session is already in the store (its original or an "
                            "earlier import), move that copy to the trash and import this file")
    again.add_argument("--keep-both", dest="on_copy", action="store_const", const="keep-both",
                       help="when this session is already in the store, import it as another "
                            "session anyway (`workshop actions` then lists its actions once "
                            "per copy)")

    p = command("actions", cmd_actions, "list actions across all sessions")
    p.add_argument("--open", action="store_true",
                   help="only open and in-progress actions (past due ones are marked overdue)")
    p.add_argument("--owner", default="", help="only actions of this owner")
    p.add_argument("--due-before", default="", metavar="DATE",
                   help="only actions due before DATE: 15/12/2026, 15/12, 2026-12-15, +2w, "
                        "friday, next friday, end of month (counted from today)")
    p.add_argument("--json", action="store_true", help="print a JSON array for scripts")
    p.add_argument("--wide", action="store_true",
                   help="show whole titles on a terminal (always so in a file or a pipe)")

    p = command("report", cmd_report,
                "one report over all sessions of a programme (folders, session files, exports)")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="store folders, session files or JSON exports (default: the sessions "
                        "folder)")
    p.add_argument("--format", default="md", choices=("md", "html", "xlsx"),
                   help="md (Markdown, default), html (with the maturity and risk charts) or "
                        "xlsx (a workbook, a sheet per table)")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="file to write, or - for stdout (default: programme-report-DATE.md)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = command("room", cmd_room, "let phones join a session: ideas, dots, ratings, a poll")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                   help="address to listen on (default: 127.0.0.1, this machine only); give the "
                        "laptop's Wi-Fi or hotspot address to let phones in")
    p.add_argument("--port", type=int, default=0, metavar="N",
                   help="port (default: the one this session's room used last, so the printed "
                        "link stays right; else any free port)")
    p.add_argument("--part", default="", help="part to show (default: the current agenda item)")
    p.add_argument("--dots", type=int, default=0, metavar="N",
                   help="open dot voting with N dots per phone")
    p.add_argument("--rating", action="store_true",
                   help="open rating of the part's recommendations (now and target)")
    p.add_argument("--poll", default="", metavar="QUESTION", help="open a quick poll")
    p.add_argument("--option", action="append", metavar="ANSWER",
                   help="a poll answer (give --option twice or more)")
    p.add_argument("--names", default="off", choices=("off", "optional", "asked"),
                   help="ask participants for their name and sector (default: off)")
    p.add_argument("--premoderate", action="store_true",
                   help="ideas reach the display only once approved")
    p.add_argument("--new-secrets", action="store_true",
                   help="a new join link, code and QR code (old links and phones stop working; "
                        "otherwise they are kept for this session across restarts)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with _visible_streams():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UsageError as error:
        print(f"{PROG}: error: {visible_line(error)}", file=sys.stderr)
        return error.exit_code
    except WorkshopError as error:
        print(f"{PROG}: error: {visible_line(_content_hint(error, args))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
