"""HTML export parsed with html.parser and html5lib: user text never becomes markup."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import html5lib

from tests.export_support import hostile, rich
from workshop.export.html import render_html


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attrs: Counter = Counter()
        self.text: list[str] = []
        self.rects: list[dict] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, _ in attrs:
            self.attrs[(tag, name)] += 1
        if tag == "rect":
            self.rects.append(dict(attrs))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def collect(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    c.close()
    return c


def test_hostile_text_adds_no_element_or_attribute():
    bad, good = collect(render_html(hostile())), collect(render_html(hostile(plain=True)))
    assert bad.tags == good.tags
    assert bad.attrs == good.attrs
    assert "script" not in bad.tags
    assert not any(name.startswith("on") for _, name in bad.attrs)


def test_hostile_text_is_shown_literally():
    text = "".join(collect(render_html(hostile())).text)
    assert "<script>alert('x')</script>" in text
    assert '" onmouseover="alert(1)' in text
    assert "&amp; &lt; &#60;" in text
    assert "مرحبا" in text


def test_parses_without_errors_and_is_self_contained():
    for summary in (rich(), hostile()):
        html = render_html(summary)
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(html)  # strict: raises on any parse error
        assert "http://" not in html.replace("http://www.w3.org/2000/svg", "").split(
            "<body>")[0]  # nothing fetched: no external stylesheet or font
        c = collect(html)
        assert c.tags["link"] == 0 and c.tags["script"] == 0 and c.tags["img"] == 0
        assert "@page { size: A4" in html


def test_svg_chart_has_one_bar_per_rated_part():
    s = rich()
    c = collect(render_html(s))
    current = [r for r in c.rects if r.get("class") == "current"]
    target = [r for r in c.rects if r.get("class") == "target"]
    assert len(current) == len(target) == len(s.maturity.parts) == 3
    scale = 400 / 5
    widths = [float(r["width"]) for r in current]
    assert widths == [round(p.current * scale, 1) for p in s.maturity.parts]


def test_heat_map_places_risks():
    html = render_html(rich())
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    heat = doc.find(".//table[@class='heat']")
    rows = heat.findall("./tbody/tr")
    assert [r.find("th").text for r in rows] == [f"Likelihood {n}" for n in (5, 4, 3, 2, 1)]
    likelihood4 = [td.text or "" for td in rows[1].findall("td")]
    assert likelihood4[4] == "K2 C1"  # likelihood 4, impact 5
    likelihood2 = [td.text or "" for td in rows[3].findall("td")]
    assert likelihood2[2] == "K1"  # likelihood 2, impact 3


def test_every_section_has_its_id():
    doc = html5lib.parse(render_html(rich()), namespaceHTMLElements=False)
    ids = [s.get("id") for s in doc.iter("section")]
    assert ids == ["title", "actions", "decisions", "maturity", "discussion", "engagement",
                   "risks", "benefits", "next"]


def test_dots_direct_votes_and_minutes_in_discussion():
    """In HTML: dots not votes, the direct dot under B3.R2, "<1 min" for seconds."""
    from tests.export_fixtures import rich_session
    from tests.export_support import summary_of

    page = render_html(rich())
    discussion = page.split('<section id="discussion">', 1)[1].split("</section>", 1)[0]
    assert "(3 dots, <bdi>Lena Ortiz</bdi>)" in discussion and " votes" not in discussion.replace(
        "Dot votes on", "")
    r2 = discussion.split("B3.R2", 1)[1].split("</ul>", 1)[0]
    assert "Dot votes on this recommendation:</strong> 1 dot" in r2 and "Table 3" in r2
    coverage = page.split("Coverage: parts x sectors", 1)[1].split("</table>", 1)[0]
    assert "AnnexB" not in coverage and "Annex B" not in coverage and ">D " not in coverage
    snap = rich_session()
    snap["agenda"][0]["spent"] = 25
    assert "(&lt;1 min)" in render_html(summary_of(snap))
