"""The export formats, declared once: the CLI's `--format`, the app's format list and the help
read this table (a NamedTuple, not a dataclass: building the command line stays quick)."""

from __future__ import annotations

from typing import NamedTuple


class ExportFormat(NamedTuple):
    """One export format: the one place its name, label, extension and help are written."""

    name: str  # what `--format` takes
    label: str  # shown in the app's format list
    extension: str  # of the file written, without the dot
    binary: bool  # bytes (never written to a terminal) rather than text
    description: str  # one line of `workshop export --help`
    noun: str  # in running text: "Markdown, web page, Word, CSV or JSON"


# In the order the app lists them (the documents first, then the data).
EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("md", "Markdown (.md): email, wikis, trackers", "md", False,
                 "Markdown summary", "Markdown"),
    ExportFormat("html", "Web page (.html): screen, print on A4", "html", False,
                 "self-contained web page, prints on A4", "web page"),
    ExportFormat("docx", "Word (.docx): minutes to circulate", "docx", True,
                 "Word minutes", "Word"),
    ExportFormat("csv", "CSV register (.csv): spreadsheet, tracker", "csv", False,
                 "one register (--what) for a spreadsheet", "CSV"),
    ExportFormat("xlsx", "Workbook (.xlsx): every register, a sheet each", "xlsx", True,
                 "every register in one workbook, a sheet each", "workbook"),
    ExportFormat("ics", "Calendar (.ics): open actions on their due dates", "ics", False,
                 "open actions as all-day events on their due dates", "calendar"),
    ExportFormat("datapackage", "Open data (.zip): registers + datapackage.json", "zip", True,
                 "every register as CSV with a datapackage.json, for an open-data portal "
                 "(add --no-names to publish)", "open data package"),
    ExportFormat("json", "JSON (.json): whole session, re-import", "json", False,
                 "the whole session, for re-import", "JSON"),
)
FORMAT_BY_NAME = {f.name: f for f in EXPORT_FORMATS}
# The column layouts of the CSV actions register (workshop.export.csv_profiles): ours, and what
# Jira's and GitLab's importers take as they are.
CSV_PROFILES = ("generic", "jira", "gitlab")
FORMATS = tuple(f.name for f in EXPORT_FORMATS)
EXTENSIONS = {f.name: f.extension for f in EXPORT_FORMATS}
BINARY_FORMATS = frozenset(f.name for f in EXPORT_FORMATS if f.binary)


def formats_help() -> str:
    """The `--format` help line: every format and what it is for."""
    return "; ".join(f"{f.name}: {f.description}" for f in EXPORT_FORMATS) + " (default: md)"


def formats_in_words() -> str:
    """ "Markdown, web page, Word, CSV or JSON", for help and palette lines."""
    nouns = [f.noun for f in EXPORT_FORMATS]
    return ", ".join(nouns[:-1]) + " or " + nouns[-1]
