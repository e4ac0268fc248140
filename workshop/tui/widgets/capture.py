"""The capture panel: what the room said about the current part, newest first, with a summary.

The panel keeps every record of the session grouped by part (read once when the walkthrough opens,
then updated from what the store returns), so switching parts never rereads the session file and a
part with thousands of records still shows at once (DataTable draws only the visible rows).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from workshop.guide.model import Guide
from workshop.kinds import CAPTURE_KINDS, REGISTRY
from workshop.records import KIND_LABELS, MATURITY_LEVELS, record_title
from workshop.tui.widgets.literal import literal, literal_cell

KIND_WIDTH = 10  # "Engagement"
SHOW_NEWEST = 100  # rows in the panel until "show all" (each rebuild stays well under 50 ms)


def rating_summary(records: Iterable[dict]) -> tuple[float, float, int] | None:
    """(average current, average target, how many) over ratings, or None when there are none."""
    ratings = [r for r in records if r.get("kind") == "rating"]
    if not ratings:
        return None
    current = sum(r["current"] for r in ratings) / len(ratings)
    target = sum(r["target_level"] for r in ratings) / len(ratings)
    return current, target, len(ratings)


def vote_ranking(records: Iterable[dict]) -> list[tuple[str, int]]:
    """[(key, dots)] best first; key is a recommendation id or 'idea:<record id>'."""
    totals: Counter[str] = Counter()
    for record in records:
        if record.get("kind") != "vote":
            continue
        key = record.get("rec") or (f"idea:{record['target']}" if record.get("target") else "")
        if key:
            totals[key] += int(record.get("dots", 0))
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def moderated_cell(record: dict, text: str):
    """The "What" cell: room contributions tagged (phone, pending, hidden); hidden ones dim."""
    from workshop.moderation import tags

    marks = tags(record)
    cell = literal_cell(f"[{', '.join(marks)}] {text}" if marks else text, 200)
    if record.get("hidden"):
        cell.stylize("dim")
    return cell


def level_name(value: float) -> str:
    index = min(max(round(value), 1), len(MATURITY_LEVELS)) - 1
    return MATURITY_LEVELS[index][1]


class CapturePanel(Vertical):
    """Summary (counts, maturity, dot ranking) and a table of the current part's records."""

    DEFAULT_CSS = """
    CapturePanel {
        height: 1fr;
        border-top: solid $primary;
    }
    CapturePanel #cp-summary {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CapturePanel #cp-table {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "leave_list", "Back to part", id="walkthrough.captured-leave")]

    class Left(Message):
        """Esc in the list: focus goes back to the part (not Home)."""

    class Changed(Message):
        """Records changed (added, edited, deleted or undone)."""

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        self.part_id = ""
        self.by_part: dict[str, list[dict]] = defaultdict(list)
        self.by_id: dict[str, dict] = {}
        self.show_all = False  # all of this part's records, not only the newest SHOW_NEWEST

    def compose(self) -> ComposeResult:
        yield Static(id="cp-summary", markup=False)
        table: DataTable = DataTable(id="cp-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Kind", key="kind", width=KIND_WIDTH)
        table.add_column("No", key="no", width=3)
        table.add_column("About", key="about", width=5)
        table.add_column("What", key="what", width=self._what_width())

    def _what_width(self) -> int:
        """The "What" column takes the panel's width left over (cut with …), never more: a
        horizontal scrollbar would cost a row of a 9-row panel."""
        fixed = KIND_WIDTH + 3 + 5 + 2 * 4  # three fixed columns, one cell of padding a side
        return max(8, self.size.width - fixed - 2 - 1)  # vertical scrollbar, border

    def on_resize(self) -> None:
        table = self.query_one(DataTable)
        column = table.columns.get("what")  # type: ignore[call-overload]
        width = self._what_width()
        if column is not None and column.width != width:
            column.width = width
            self.refresh_view()  # rows are rebuilt (at most SHOW_NEWEST) at the new width

    def action_leave_list(self) -> None:
        self.post_message(self.Left())

    # -- data ---------------------------------------------------------------------------------

    def load(self, records: Iterable[dict]) -> None:
        """All records of the session (oldest first, as the store gives them)."""
        self.by_part = defaultdict(list)
        self.by_id = {}
        for record in records:
            self.by_part[record.get("part", "")].append(record)
            self.by_id[record["id"]] = record

    def counts_by_part(self) -> Counter[str]:
        """Records per part; a risk still a draft (not rated on both scales) is not counted."""
        from workshop.summary import risk_is_draft

        counts = {part: sum(1 for r in records if not risk_is_draft(r))
                  for part, records in self.by_part.items()}
        return Counter({part: n for part, n in counts.items() if n})

    def records(self, part_id: str | None = None) -> list[dict]:
        """Records of a part (default: the current one), oldest first."""
        return list(self.by_part.get(part_id if part_id is not None else self.part_id, []))

    def added(self, record: dict) -> None:
        self.by_part[record["part"]].append(record)
        self.by_id[record["id"]] = record
        self._changed()

    def updated(self, record: dict) -> None:
        old = self.by_id.get(record["id"])
        if old is not None:
            bucket = self.by_part[old["part"]]
            bucket[bucket.index(old)] = record
        self.by_id[record["id"]] = record
        self._changed()

    def applied(self, records: Iterable[dict]) -> None:
        """Several records new or changed at once (a batch from the room): one rebuild."""
        for record in records:
            old = self.by_id.get(record["id"])
            if old is not None:
                bucket = self.by_part[old["part"]]
                bucket[bucket.index(old)] = record
            else:
                self.by_part[record["part"]].append(record)
            self.by_id[record["id"]] = record
        self._changed()

    def reloaded(self, records: Iterable[dict]) -> None:
        self.load(records)
        self._changed()

    def _changed(self) -> None:
        self.refresh_view()
        self.post_message(self.Changed())

    # -- view ---------------------------------------------------------------------------------

    def show_part(self, part_id: str) -> None:
        if part_id != self.part_id:
            self.show_all = False
        self.part_id = part_id
        self.refresh_view()

    def toggle_show_all(self) -> None:
        self.show_all = not self.show_all
        self.refresh_view()

    @property
    def selected(self) -> dict | None:
        """The record under the table cursor."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None
        return self.by_id.get(str(key.value))

    def select_record(self, record_id: str) -> None:
        table = self.query_one(DataTable)
        if record_id in table.rows:
            table.move_cursor(row=table.get_row_index(record_id))

    def about_label(self, record: dict) -> str:
        if record.get("rec"):
            return record["rec"].rsplit(".", 1)[-1]
        if record.get("target"):
            target = self.by_id.get(record["target"])
            if target is not None:
                return f"{KIND_LABELS[target['kind']][:1]}{target['no']}"
            return "?"
        return "part"

    def describe(self, record: dict) -> str:
        kind = record.get("kind")
        title = record_title(record)
        if kind == "decision":
            return f"{record.get('outcome', '')}: {title}"
        if kind == "vote":
            return f"{record.get('voter', '')}: {record.get('dots', 0)} dot(s)"
        if kind == "action":
            bits = [b for b in (record.get("owner", ""), record.get("due", ""),
                                record.get("status", "")) if b]
            return f"{title} ({', '.join(bits)})" if bits else title
        if kind == "rating":
            author = f" ({record['author']})" if record.get("author") else ""
            return f"{title}{author}"
        hints = REGISTRY[kind].form_hints if kind in CAPTURE_KINDS else None
        if hints is not None and hints.table:  # a declared kind: its register's other columns
            bits = [str(record[c.field]) for c in hints.table[1:] if record.get(c.field)]
            return f"{title} ({', '.join(bits)})" if bits else title
        return title

    def refresh_view(self) -> None:
        records = self.records()
        table = self.query_one(DataTable)
        selected = self.selected
        table.clear()
        shown = records if self.show_all else records[-SHOW_NEWEST:]
        for record in reversed(shown):
            table.add_row(
                literal_cell(KIND_LABELS.get(record["kind"], record["kind"])),
                str(record.get("no", "")),
                literal_cell(self.about_label(record)),
                moderated_cell(record, self.describe(record)),
                key=record["id"],
            )
        if selected is not None and selected["id"] in self.by_id \
                and selected["part"] == self.part_id:
            self.select_record(selected["id"])
        self.query_one("#cp-summary", Static).update(
            self.summary_content(records, len(shown))
        )

    def summary_content(self, records: list[dict], shown: int | None = None) -> Content:
        counts = Counter(r["kind"] for r in records)
        lines = []
        if records:
            more = ""
            if shown is not None and shown < len(records):
                more = f" · newest {shown} of {len(records)} shown (L: all)"
            waiting = sum(1 for r in records if r.get("pending"))
            lines.append(
                (f"{waiting} pending (y approves) · " if waiting else "")
                + " · ".join(f"{REGISTRY[k].plural_label} {counts[k]}"
                             for k in CAPTURE_KINDS if counts[k])
                + more
            )
        else:
            lines.append("Nothing captured yet: " + " · ".join(
                f"{REGISTRY[k].key} {k}" for k in CAPTURE_KINDS))
        maturity = rating_summary(records)
        if maturity:
            current, target, how_many = maturity
            lines.append(
                f"Maturity ({how_many} rating{'s' if how_many != 1 else ''}): now {current:.1f} "
                f"{level_name(current)} → target {target:.1f} {level_name(target)}, "
                f"gap {target - current:+.1f}"
            )
        ranking = vote_ranking(records)
        if ranking:
            shown = []
            for key, dots in ranking[:4]:
                if key.startswith("idea:"):
                    idea = self.by_id.get(key[5:])
                    label = f"Idea {idea['no']}" if idea else "idea?"
                else:
                    label = key.rsplit(".", 1)[-1]
                shown.append(f"{label} {'●' * min(dots, 10)} {dots}")
            lines.append("Dots: " + " · ".join(shown))
        return literal("\n".join(lines))
