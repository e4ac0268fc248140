"""Basic WCAG 2.1 AA checks of the room's pages: every field has a label, the page has a language,
a title and one main heading, touch targets are large, and the colours of both themes (light and
dark, from prefers-color-scheme) keep text contrast at 4.5:1 or more."""

from __future__ import annotations

import re
from importlib import resources

import html5lib

from tests.room_support import (
    PART,
    Phone,
    room_fixture,  # noqa: F401 - provides `room`
)

NS = "{http://www.w3.org/1999/xhtml}"
CSS = resources.files("workshop.room").joinpath("static", "room.css").read_text()


def unlabelled(page: str) -> list[str]:
    doc = html5lib.parse(page)
    labelled = {label.get("for") for label in doc.iter(f"{NS}label")} - {None}
    wrapped = {id(field) for label in doc.iter(f"{NS}label")
               for field in label.iter() if field is not label}
    bad = []
    for tag in ("input", "select", "textarea"):
        for field in doc.iter(f"{NS}{tag}"):
            if field.get("type") == "hidden":
                continue
            if (field.get("id") or None) not in labelled and id(field) not in wrapped:
                bad.append(f"{tag} {field.get('name')}")
    return bad


async def test_every_field_is_labelled_on_every_page(room):
    room.set_names("optional")
    room.session.add_record("idea", PART, text="An idea to vote on")
    for kind in ("ideas", "dots", "rating"):
        room.open_activity(PART, kind, revealed=True)
    room.open_activity(PART, "poll", question="Which?", options=["A", "B"], revealed=True)
    async with Phone(room) as phone:
        pages = [await phone.join()]
        await phone.post("/idea", {"text": "Mine"})
        pages.append(phone.page)
        await phone.get(room.join_address)
        pages.append(phone.page)
        await phone.get(room.display_url)
        pages.append(phone.page)
    for page in pages:
        assert unlabelled(page) == []
        assert '<html lang="en">' in page and "<title>" in page
        assert page.count("<h1") == 1
        assert 'name="viewport"' in page


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def themes() -> list[dict[str, str]]:
    blocks = re.findall(r":root\s*\{([^}]*)\}", CSS)
    return [dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block)) for block in blocks]


def test_both_themes_keep_text_contrast_at_aa():
    light, dark = themes()
    for theme in (light, dark):
        for text, ground in (("fg", "bg"), ("fg", "card"), ("muted", "bg"), ("muted", "card"),
                             ("accent", "bg"), ("accent", "card"), ("accent-fg", "accent"),
                             ("ok", "bg"), ("ok", "card"), ("error", "bg"), ("error", "card"),
                             ("bar2", "card")):
            assert contrast(theme[text], theme[ground]) >= 4.5, (text, ground, theme)
        assert contrast(theme["focus"], theme["bg"]) >= 3  # the focus ring, a non-text contrast


def test_touch_targets_are_at_least_44_px():
    assert re.search(r"button \{[^}]*min-height: 2.75rem", CSS)
    assert re.search(r"label.choice \{[^}]*min-height: 2.75rem", CSS)


def test_the_label_check_would_see_an_unlabelled_field():
    page = ('<form><label for="a">A</label><input id="a" name="a"><input name="b">'
            '<label><input type="radio" name="c"> C</label><input type="hidden" name="d">'
            '</form>')
    assert unlabelled(page) == ["input b"]
    assert contrast("#777777", "#ffffff") < 4.5 <= contrast("#555555", "#ffffff")
