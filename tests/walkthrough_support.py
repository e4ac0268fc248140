"""Shared helpers for the walkthrough tests: a small guide built from the model (no content)."""

from __future__ import annotations

from workshop.guide.model import Group, Guide, Linkage, Part, Recommendation

HOSTILE = (
    "[bold red]boom[/] [/] [link=https://evil.example]x[/link] \x1b[31mred\x1b[0m | pipe\n"
    "second line 🚀🏙️ مرحبا $var {braces} \\ backslash"
)


def make_part(
    pid: str, title: str, group: str, links: tuple[str, ...], *, clause: str = "6.3"
) -> Part:
    recs = tuple(
        Recommendation(f"{pid}.R{n}", f"{title} recommendation {n}", f"Explanation {n} of {pid}.")
        for n in range(1, 4)
    )
    return Part(
        id=pid,
        clause=clause,
        title=title,
        group=group,
        summary=f"Summary of {pid}.",
        context=f"Context of {pid}.\nSecond paragraph.",
        need=f"Need of {pid}.",
        recommendations=recs,
        linkages=tuple(Linkage(link, f"{pid} relates to {link}") for link in links),
        prompts=(f"First prompt for {pid}?", f"Second prompt for {pid}?"),
        source_confidence=f"Confidence note for {pid}.",
        local_notes=(),
    )


def make_guide(hostile: bool = False) -> Guide:
    groups = (
        Group("component-a", "Component A: Delivery principles", "5"),
        Group("strategy", "Strategy management", "6.2"),
    )
    parts = [
        make_part("A", "Delivery principles", "component-a", ("B1", "B3"), clause="5"),
        make_part("B1", "Vision", "strategy", ("B3",), clause="6.3"),
        make_part("B2", "Business model", "strategy", ("B1",), clause="6.4"),
        make_part("B3", "Collaborative engagement", "strategy", ("B1", "B2"), clause="6.5"),
    ]
    if hostile:
        parts.append(
            Part(
                id="B4",
                clause="6.6",
                title=HOSTILE,
                group="strategy",
                summary=HOSTILE,
                context=HOSTILE * 3,
                need=HOSTILE,
                recommendations=(Recommendation("B4.R1", HOSTILE, HOSTILE),),
                linkages=(Linkage("B1", HOSTILE),),
                prompts=(HOSTILE, "x" * 5000),
                source_confidence=HOSTILE,
                local_notes=(HOSTILE,),
            )
        )
    return Guide(parts=tuple(parts), groups=groups)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds



def walk_app(session, guide: Guide, clock: FakeClock | None = None):
    """A bare app showing the walkthrough of `session` (a fake clock unless one is given)."""
    from textual.app import App

    from workshop.tui.screens.walkthrough import WalkthroughScreen

    class WalkApp(App):
        def on_mount(self) -> None:
            self.push_screen(WalkthroughScreen(session, guide, clock=clock or FakeClock()))

    return WalkApp()
