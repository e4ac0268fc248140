"""The demo export in a real browser (headless Chromium through selenium) at desktop (1280 px)
and phone (390 px) width: at 390 px the page itself never scrolls sideways (tables scroll inside
their own box). Screenshots are saved to tests/artifacts/ to look at. Skipped, saying why, when
Chromium, its driver or selenium is absent (CI installs them)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide
from workshop.export import render

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium and chromedriver are not installed (apt-get install chromium "
           "chromium-driver): the browser check of the HTML export did not run",
)


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed: no browser check")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _show(driver, path: Path, width: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get(path.as_uri())


@pytest.mark.parametrize("width", [1280, 390])
def test_demo_export_fits_the_screen(tmp_path, browser, width):
    page = tmp_path / "demo.html"
    page.write_text(render(demo_snapshot(tmp_path), "html", guide=real_guide(),
                           today=DEMO_TODAY), encoding="utf-8")
    _show(browser, page, width)
    viewport = browser.execute_script("return window.innerWidth")
    scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
    assert viewport == width
    assert scroll_width <= viewport, f"the page scrolls sideways at {width} px"
    wide = browser.execute_script(
        "return [...document.querySelectorAll('.table-scroll')]"
        ".filter(d => d.scrollWidth > d.clientWidth).length")
    if width == 390:  # wide tables are there, and scroll inside their own box
        assert wide >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": min(height, 6000), "deviceScaleFactor": 1,
        "mobile": width < 600})
    assert browser.save_screenshot(str(ARTIFACTS / f"html-export-{width}.png"))


def test_demo_export_prints_without_a_page_per_section(tmp_path, browser):
    """Printed (A4, the page's own @page size), sections flow on: none forces a new page. The
    PDF is saved to tests/artifacts/ to look at."""
    import base64

    page = tmp_path / "demo.html"
    page.write_text(render(demo_snapshot(tmp_path), "html", guide=real_guide(),
                           today=DEMO_TODAY), encoding="utf-8")
    _show(browser, page, 1280)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        breaks = browser.execute_script(
            "return [...document.querySelectorAll('section')]"
            ".map(s => getComputedStyle(s).breakBefore)")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert len(breaks) >= 8 and set(breaks) == {"auto"}
    pdf = base64.b64decode(browser.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True})["data"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "html-export-print.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
