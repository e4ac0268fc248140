"""A real browser in the room: headless Chromium joins from a 390 px wide phone viewport, sends an
idea and spends dots on it, and the room display shows both (and then a phone's next idea live,
without a reload). Screenshots are kept in tests/artifacts/ for people to look at. Skips, saying
why, when Chromium or its driver is not installed (.ci/run installs them)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from tests.room_support import (
    PART,
    Phone,
    room_fixture,  # noqa: F401 - provides `room`
    room_records,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no Chromium: install Debian's chromium and chromium-driver (apt-get install "
           "chromium chromium-driver) to run the browser tests")


def browser(width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_window_size(width, height)
    return driver


def wait_for(driver, text: str, timeout: float = 10) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: text in d.page_source)


def overflow(driver) -> int:
    """How far the page is wider than the viewport (0: nothing to scroll sideways)."""
    return driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth")


async def test_a_phone_browser_joins_sends_an_idea_and_dots_and_the_display_shows_them(room):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    ARTIFACTS.mkdir(exist_ok=True)
    room.open_activity(PART, "ideas", revealed=True)
    room.open_activity(PART, "dots", budget=3, revealed=True)
    phone = await asyncio.to_thread(browser, 390, 844)
    screen = None
    try:
        def send_idea() -> None:
            phone.get(room.participant_url)
            phone.save_screenshot(str(ARTIFACTS / "room-phone-390-joined.png"))
            assert overflow(phone) <= 0
            phone.find_element(By.ID, "idea-text").send_keys("Bike lanes <b>near</b> schools")
            phone.find_element(By.XPATH, "//button[normalize-space()='Send idea']").click()
            wait_for(phone, "Received: your idea is saved.")

        await asyncio.to_thread(send_idea)
        (idea,) = room_records(room, "idea")

        def spend_dots() -> None:
            phone.get(room.participant_url)
            Select(phone.find_element(By.ID, f"dot-{idea['id']}")).select_by_value("2")
            phone.find_element(By.XPATH, "//button[normalize-space()='Save my dots']").click()
            wait_for(phone, "Received: your dots are saved.")
            phone.save_screenshot(str(ARTIFACTS / "room-phone-390-voted.png"))
            phone.set_window_size(320, 700)
            phone.refresh()
            assert overflow(phone) <= 0
            phone.save_screenshot(str(ARTIFACTS / "room-phone-320.png"))
            phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
                {"name": "prefers-color-scheme", "value": "dark"}]})
            phone.save_screenshot(str(ARTIFACTS / "room-phone-320-dark.png"))

        await asyncio.to_thread(spend_dots)
        assert [v["dots"] for v in room_records(room, "vote")] == [2]

        screen = await asyncio.to_thread(browser, 1280, 800)

        def show() -> None:
            screen.get(room.display_url)
            wait_for(screen, "Bike lanes &lt;b&gt;near&lt;/b&gt; schools")
            assert '<span class="count">2</span>' in screen.page_source
            assert "1</strong> device joined" in screen.page_source
            screen.save_screenshot(str(ARTIFACTS / "room-display.png"))

        await asyncio.to_thread(show)
        async with Phone(room) as other:  # a second phone; the display updates by itself
            await other.join()
            await other.post("/idea", {"text": "Night buses"})
        await asyncio.to_thread(wait_for, screen, "Night buses")
        await asyncio.to_thread(screen.save_screenshot, str(ARTIFACTS / "room-display-live.png"))
        logs = await asyncio.to_thread(screen.get_log, "browser")
        assert not [entry for entry in logs if "Content Security Policy" in entry["message"]]
    finally:
        await asyncio.to_thread(phone.quit)
        if screen is not None:
            await asyncio.to_thread(screen.quit)
