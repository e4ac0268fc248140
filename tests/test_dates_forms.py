"""Dates as UK and EU officers type them (15/12, 15/12/2026, 15.12.2026), the month-first
setting, `friday` versus `next friday`, relative dates counted from the session's date, and
`workshop actions --due-before` accepting the same forms as the app."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from workshop import dates
from workshop.cli import main
from workshop.dates import MONTH_FIRST, describe_due, parse_due, session_base
from workshop.errors import WorkshopError
from workshop.store import SessionStore

WED = dt.date(2026, 11, 25)  # a Wednesday
FRI = dt.date(2026, 11, 27)
SAT = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def default_order():
    yield
    dates.set_date_order(dates.DAY_FIRST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/12", "2026-12-15"),
        ("15/12/2026", "2026-12-15"),
        ("15.12.2026", "2026-12-15"),
        ("15-12-2026", "2026-12-15"),
        ("15.12.", "2026-12-15"),
        ("1/2/27", "2027-02-01"),
        ("01/12/2026", "2026-12-01"),
        ("1/3", "2027-03-01"),  # no year: the first 1 March on or after the base
        ("25/11", "2026-11-25"),  # the base day itself
        ("29/02", "2028-02-29"),  # the next leap year
        ("2026/12/15", "2026-12-15"),
        ("15 Dec", "2026-12-15"),
        ("15th December 2027", "2027-12-15"),
        ("Dec 15, 2026", "2026-12-15"),
        ("sept 3", "2027-09-03"),
    ],
)
def test_day_first_dates(text: str, expected: str) -> None:
    assert parse_due(text, WED) == expected


def test_month_first_setting() -> None:
    assert parse_due("12/15/2026", WED, order=MONTH_FIRST) == "2026-12-15"
    assert parse_due("1/3", WED, order=MONTH_FIRST) == "2027-01-03"
    dates.set_date_order(MONTH_FIRST)
    assert parse_due("12/15", WED) == "2026-12-15"
    assert parse_due("2026-12-15", WED) == "2026-12-15"  # ISO is the same in both orders
    with pytest.raises(WorkshopError, match="12/15/2026"):
        parse_due("15/12/2026", WED)
    with pytest.raises(WorkshopError):
        dates.set_date_order("middle-endian")


def test_friday_and_next_friday_differ_on_every_weekday() -> None:
    for offset in range(5):  # Monday 23 Nov to Friday 27 Nov 2026
        base = dt.date(2026, 11, 23) + dt.timedelta(days=offset)
        assert parse_due("friday", base) == "2026-11-27"
        assert parse_due("next friday", base) == "2026-12-04"
    # on a weekend the coming Friday is already in next week: both give it
    assert parse_due("friday", SAT) == parse_due("next friday", SAT) == "2026-12-04"
    assert parse_due("fri", FRI) == "2026-11-27" and parse_due("next fri", FRI) == "2026-12-04"


def test_relative_dates_count_from_the_base() -> None:
    session_day = dt.date(2026, 11, 2)  # a Monday, a month ago
    assert parse_due("+2w", session_day) == "2026-11-16"
    assert parse_due("friday", session_day) == "2026-11-06"
    assert parse_due("end of month", session_day) == "2026-11-30"
    assert session_base("2026-11-02", WED) == session_day
    assert session_base("2026-11-25", WED) is None  # the session is today: count from today
    assert session_base("", WED) is None and session_base("soon", WED) is None
    hint = describe_due("2026-11-16", WED, base=session_day)
    assert "9 days ago" in hint and "counted from the session's date, Mon 2 Nov 2026" in hint
    assert "session" not in describe_due("2026-11-27", WED, base=WED)


@pytest.mark.parametrize("text", ["31/02/2026", "32/1", "15/13/2026", "0/5"])
def test_impossible_dates_name_the_field_and_the_forms(text: str) -> None:
    with pytest.raises(WorkshopError) as info:
        parse_due(text, WED, what="by when")
    message = str(info.value)
    assert message.startswith(f"by when {text!r} is not a real date")
    assert "15/12/2026" in message and "next friday" in message and "\n" not in message


def make_actions(sessions: Path) -> str:
    with SessionStore(sessions).create("Dates", agenda=[{"part": "B1", "timebox": 20}]) as s:
        for title, due in (("Soon", "2026-12-10"), ("Later", "2026-12-20"),
                           ("Much later", "2027-03-01")):
            s.add_record("action", "B1", title=title, due=due)
        return s.id


def due_titles(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["actions", "--json", *argv]) == 0
    return [a["title"] for a in json.loads(capsys.readouterr().out)]


def test_due_before_accepts_the_forms_of_the_app(capsys: pytest.CaptureFixture[str],
                                                 sessions_path: Path) -> None:
    make_actions(sessions_path)
    assert due_titles(capsys, "--due-before", "15/12/2026") == ["Soon"]
    assert due_titles(capsys, "--due-before", "2026-12-21") == ["Soon", "Later"]
    assert due_titles(capsys, "--due-before", "1.3.2027") == ["Soon", "Later"]
    expected = [t for t, d in (("Soon", "2026-12-10"), ("Later", "2026-12-20"),
                               ("Much later", "2027-03-01"))
                if d < (dt.date.today() + dt.timedelta(weeks=10)).isoformat()]
    assert due_titles(capsys, "--due-before", "+10w") == expected


def test_due_before_month_first_from_the_config(capsys: pytest.CaptureFixture[str],
                                                sessions_path: Path,
                                                isolated_environment: Path) -> None:
    make_actions(sessions_path)
    config = isolated_environment / "config"
    config.mkdir(exist_ok=True)
    (config / "config.json").write_text(json.dumps({"date_order": "month-first"}))
    assert due_titles(capsys, "--due-before", "12/15/2026") == ["Soon"]


def test_a_bad_due_before_is_one_line_naming_the_option(capsys: pytest.CaptureFixture[str],
                                                        sessions_path: Path) -> None:
    make_actions(sessions_path)
    assert main(["actions", "--due-before", "31/02/2026"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--due-before '31/02/2026'" in err and "+2w" in err


def test_new_takes_the_session_date_as_officers_write_it(capsys: pytest.CaptureFixture[str],
                                                         sessions_path: Path) -> None:
    assert main(["new", "--title", "Riverton", "--date", "15/12/2026"]) == 0
    session_id = capsys.readouterr().out.strip()
    assert SessionStore(sessions_path).read_snapshot(session_id)["session"]["date"] == \
        "2026-12-15"
    assert main(["new", "--title", "Bad", "--date", "31/02/2026"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--date '31/02/2026' is not a real date" in err
