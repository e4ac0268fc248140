"""One guide part on screen: title, clause, group, context, need, recommendations, linkages.

Reused by the walkthrough (with a session) and by the guide browser (without one). All content
text is shown literally: content files are untrusted, so nothing is parsed as markup and control
characters (ANSI escapes) are made visible instead of reaching the terminal.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop.guide.model import Guide, Part, display_part_id
from workshop.tui.widgets.literal import literal, visible

# The one place that decides how untrusted text is made literal (markup off, controls visible).
literal_text = visible


def one_line(text: str, width: int = 0) -> str:
    """First line of `text` (newlines shown as ⏎), optionally cut to `width` characters with …."""
    flat = literal_text(text).replace("\r\n", "\n").replace("\n", " ⏎ ").replace("\t", " ")
    if width and len(flat) > width:
        return flat[: max(1, width - 1)] + "…"
    return flat


_LIST_START = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph (YAML `|` blocks keep the source's line breaks,
    which look ragged in a narrower panel); blank lines and list items still start new lines."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines: list[str] = []
        for line in block.split("\n"):
            if lines and line.strip() and not _LIST_START.match(line):
                lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            else:
                lines.append(line.rstrip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


class PartView(VerticalScroll):
    """A scrollable view of one guide part. Call `show(part_id)` to change the part."""

    DEFAULT_CSS = """
    PartView {
        height: 1fr;
        padding: 0 1;
    }
    PartView > .pv-title {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    PartView > .pv-meta {
        color: $text-muted;
    }
    PartView > .pv-summary {
        text-style: italic;
        margin-bottom: 1;
    }
    PartView > .pv-heading {
        text-style: bold;
        color: $primary;
        margin-top: 1;
    }
    PartView > OptionList {
        height: auto;
        max-height: 12;
        margin: 0;
    }
    PartView > .pv-explanation {
        padding: 0 1;
        border-left: outer $primary;
        margin-top: 1;
    }
    PartView > .-empty {
        display: none;
    }
    """

    class LinkSelected(Message):
        """The user chose a linkage: the owner decides how to follow it (e.g. with a back stack)."""

        def __init__(self, part_id: str) -> None:
            super().__init__()
            self.part_id = part_id

    class RecommendationHighlighted(Message):
        """The highlighted recommendation changed ("" when the part has none)."""

        def __init__(self, part_id: str, rec_id: str) -> None:
            super().__init__()
            self.part_id = part_id
            self.rec_id = rec_id

    def __init__(self, guide: Guide, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.guide = guide
        self.part_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pv-title", classes="pv-title", markup=False)
        yield Static(id="pv-meta", classes="pv-meta", markup=False)
        yield Static(id="pv-summary", classes="pv-summary", markup=False)
        label = self.guide.label  # headings come from the guide (a translation sets them)

        def heading(key: str, id: str) -> Static:
            return Static(literal(label(key)), classes="pv-heading", id=id, markup=False)

        yield heading("context", "pv-h-context")
        yield Static(id="pv-context", markup=False)
        yield heading("need", "pv-h-need")
        yield Static(id="pv-need", markup=False)
        yield heading("recommendations", "pv-h-recs")
        yield OptionList(id="pv-recs", markup=False)
        yield Static(id="pv-rec-explanation", classes="pv-explanation", markup=False)
        links = f"{label('linkages')} ({label('linkages_hint')})"
        yield Static(literal(links), classes="pv-heading", id="pv-h-links", markup=False)
        yield OptionList(id="pv-links", markup=False)
        yield heading("prompts", "pv-h-prompts")
        yield Static(id="pv-prompts", markup=False)
        yield heading("source_confidence", "pv-h-source")
        yield Static(id="pv-source", markup=False)
        yield heading("local_notes", "pv-h-local")
        yield Static(id="pv-local", markup=False)

    # -- public API ---------------------------------------------------------------------------

    @property
    def part(self) -> Part | None:
        return self.guide.part(self.part_id) if self.part_id else None

    @property
    def selected_recommendation(self) -> str:
        """Id of the highlighted recommendation, or ""."""
        option = self.query_one("#pv-recs", OptionList).highlighted_option
        return option.id or "" if option else ""

    def select_recommendation(self, rec_id: str) -> None:
        recs = self.query_one("#pv-recs", OptionList)
        for index in range(recs.option_count):
            if recs.get_option_at_index(index).id == rec_id:
                recs.highlighted = index
                return

    def show(self, part_id: str, *, scroll_y: float = 0) -> None:
        """Show the part `part_id` (KeyError if the guide has no such part)."""
        part = self.guide.part(part_id)
        self.part_id = part.id
        group = self.guide.group(part.group)
        clause = part.clause if part.clause.lower().startswith("annex") else f"clause {part.clause}"
        self._set("#pv-title", f"{part.display_id}  {part.title}")
        group_text = group.title if group else part.group
        if group and group.clause and group.clause != part.clause:
            group_text += f" (clause {group.clause})"
        parent = self.guide.group(group.parent) if group and group.parent else None
        if parent:  # e.g. "Component B: Key cross-city delivery processes (clause 6)"
            within = parent.title + (f" (clause {parent.clause})" if parent.clause else "")
            group_text = f"{within} › {group_text}"
        self._set("#pv-meta", f"{clause} · {group_text}")
        self._set("#pv-summary", reflow(part.summary))
        self._set("#pv-context", reflow(part.context), heading="#pv-h-context")
        self._set("#pv-need", reflow(part.need), heading="#pv-h-need")

        recs = self.query_one("#pv-recs", OptionList)
        marked = self.guide.marked_title  # "(facilitation guidance)" on the app's own guidance
        recs.set_options(
            Option(literal(f"{rec.id.rsplit('.', 1)[-1]}  {marked(rec)}"), id=rec.id)
            for rec in part.recommendations
        )
        self._toggle("#pv-recs", bool(part.recommendations), "#pv-h-recs")
        if part.recommendations:
            recs.highlighted = 0
        self._show_explanation()

        links = self.query_one("#pv-links", OptionList)
        options = []
        for link in part.linkages:
            title = self.guide.part(link.part).title if self.guide.has_part(link.part) else "?"
            shown = display_part_id(link.part)
            options.append(Option(literal(f"→ {shown} {title}: {link.reason}"), id=link.part))
        links.set_options(options)
        self._toggle("#pv-links", bool(options), "#pv-h-links")

        prompts = "\n".join(f"• {prompt}" for prompt in part.prompts)
        self._set("#pv-prompts", prompts, heading="#pv-h-prompts")
        self._set("#pv-source", reflow(part.source_confidence), heading="#pv-h-source")
        self._set("#pv-local", "\n".join(f"• {n}" for n in part.local_notes), heading="#pv-h-local")
        self.scroll_to(y=0, animate=False, immediate=True)
        if scroll_y:
            # after the new content is laid out, or the offset would be clamped to the old height
            self.call_after_refresh(self.scroll_to, y=scroll_y, animate=False, immediate=True)
        self.post_message(self.RecommendationHighlighted(part.id, self.selected_recommendation))

    # -- internals ----------------------------------------------------------------------------

    def _set(self, selector: str, text: str, *, heading: str | None = None) -> None:
        self.query_one(selector, Static).update(literal(text))
        self._toggle(selector, bool(text), heading)

    def _toggle(self, selector: str, present: bool, heading: str | None) -> None:
        for sel in (selector, heading) if heading else (selector,):
            self.query_one(sel).set_class(not present, "-empty")

    def _show_explanation(self) -> None:
        part = self.part
        rec = part.recommendation(self.selected_recommendation) if part else None
        text = reflow(rec.explanation) if rec else ""
        if rec and rec.is_guidance:  # said again beside the text read out to the room
            text = f"({self.guide.label('guidance')}) {text}"
        self._set("#pv-rec-explanation", text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "pv-recs":
            event.stop()
            self._show_explanation()
            if self.part_id:
                rec_id = event.option.id or ""
                self.post_message(self.RecommendationHighlighted(self.part_id, rec_id))
        elif event.option_list.id == "pv-links":
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "pv-links" and event.option.id:
            self.post_message(self.LinkSelected(event.option.id))
