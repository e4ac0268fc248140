"""The export formats are declared once (workshop.export.formats); the CLI, the app's export
screen and rendering all read that one table."""

from __future__ import annotations

from workshop.cli import build_parser
from workshop.export import BINARY_FORMATS, EXTENSIONS, FORMATS, default_file_name
from workshop.export.formats import EXPORT_FORMATS, formats_in_words
from workshop.tui.screens.export import FORMAT_CHOICES


def _format_action():
    parser = build_parser()
    import argparse

    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    export = sub.choices["export"]
    return next(a for a in export._actions if a.dest == "format")


def test_cli_format_choices_and_help_come_from_the_registry() -> None:
    action = _format_action()
    assert tuple(action.choices) == tuple(f.name for f in EXPORT_FORMATS)
    for f in EXPORT_FORMATS:
        assert f"{f.name}: {f.description}" in action.help


def test_export_screen_lists_every_registered_format_with_its_label() -> None:
    assert tuple((f.name, f.label) for f in EXPORT_FORMATS) == FORMAT_CHOICES


def test_extension_and_binary_follow_the_registry() -> None:
    assert tuple(f.name for f in EXPORT_FORMATS) == FORMATS
    binary = {"docx", "xlsx", "datapackage"}
    assert BINARY_FORMATS == {f.name for f in EXPORT_FORMATS if f.binary} == binary
    for f in EXPORT_FORMATS:
        assert EXTENSIONS[f.name] == f.extension
        name = default_file_name({"date": "2026-06-10", "title": "Riverside"}, f.name)
        assert name.endswith("." + f.extension)


def test_formats_in_words_names_each_format_once() -> None:
    words = formats_in_words()
    assert words == ("Markdown, web page, Word, CSV, workbook, calendar, open data package "
                     "or JSON")


def test_the_app_palette_export_entry_names_the_registered_formats(monkeypatch) -> None:
    """The palette's export entry reads the registry too, in the same words as help and wrap-up
    (it used to list "Markdown, HTML, Word, CSV or JSON" by hand)."""
    from workshop.tui.app import WorkshopApp

    monkeypatch.setattr("workshop.export.formats.EXPORT_FORMATS", EXPORT_FORMATS[:2])
    app = WorkshopApp.__new__(WorkshopApp)
    app.session = object()  # any open session: the entry is offered
    ((title, help_line, _),) = WorkshopApp.export_commands(app)
    assert title == "Export summary…"
    assert help_line == "Markdown or web page, written to a file"
