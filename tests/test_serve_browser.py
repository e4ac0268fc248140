"""`workshop serve` in headless Chromium: the home screen renders, nothing is fetched from another
site, an export arrives as a browser download, and a second tab on the same session is
read-only. Screenshots are kept in tests/artifacts/ (gitignored).

The terminal is drawn on a canvas, so its text is read from what the server sends: a script
injected before the page loads keeps a copy of the websocket's bytes (escape codes stripped).
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.serve_support import serving
from workshop.store import SessionStore
from workshop.store.demo import create_demo
from workshop.store.lock import SessionLock

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install "
                                                  "selenium) for the browser tests")
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Chromium and chromedriver are not installed (Debian: apt install chromium "
           "chromium-driver); CI installs them",
)

KEEP_TERMINAL_TEXT = """
window.__terminalText = "";
const RealWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new RealWebSocket(url, protocols);
  const decoder = new TextDecoder();
  socket.addEventListener("message", (event) => {
    if (event.data instanceof ArrayBuffer) {
      window.__terminalText += decoder.decode(event.data, {stream: true});
    }
  });
  return socket;
};
Object.assign(window.WebSocket, RealWebSocket);
window.WebSocket.prototype = RealWebSocket.prototype;
"""
ESCAPES = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>78]|\x1b\][^\x07]*\x07")


@pytest.fixture
def demo_sessions(sessions_path, guide) -> Path:
    with create_demo(SessionStore(sessions_path)):
        pass
    return sessions_path


@pytest.fixture
def downloads(tmp_path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1100,760", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": KEEP_TERMINAL_TEXT})
    try:
        yield driver
    finally:
        driver.quit()


def terminal_text(driver) -> str:
    return ESCAPES.sub("", driver.execute_script("return window.__terminalText || ''"))


def wait_for(driver, text: str, timeout: float = 60) -> str:
    """Poll the terminal's text until `text` shows (the condition, not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = terminal_text(driver)
        if text in seen:
            return seen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never showed; the terminal said: {seen[-2000:]!r}")


def press(driver, *keys: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)


def focus_terminal(driver) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "terminal").click()


def screenshot(driver, name: str) -> Path:
    """After two animation frames, so the canvas shows what was last received."""
    driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));")
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def test_home_screen_renders_with_nothing_from_another_site(demo_sessions, browser) -> None:
    with serving(demo_sessions) as served:
        browser.get(served.url)
        wait_for(browser, "Harbourford")
        focus_terminal(browser)  # an unfocused page blurs the app, which hides its footer
        wait_for(browser, "Quit")
        shot = screenshot(browser, "serve-home.png")
        assert shot.stat().st_size > 10_000
        assert browser.title == "Workshop: ISO 37106"
        urls = requested_urls(browser)
        own = (served.origin + "/", f"ws://127.0.0.1:{served.port}/", "data:", "blob:")
        assert any(u.startswith(f"{served.origin}/static/fonts/") for u in urls), urls
        assert any(u.startswith(f"ws://127.0.0.1:{served.port}/ws") for u in urls), urls
        assert [u for u in urls if not u.startswith(own)] == []
        refused = [e["message"] for e in browser.get_log("browser")
                   if "Content Security Policy" in e["message"] or "favicon" in e["message"]]
        assert refused == []


def test_export_downloads_and_a_second_tab_is_read_only(demo_sessions, browser,
                                                        downloads) -> None:
    from selenium.webdriver.common.keys import Keys

    with serving(demo_sessions) as served:
        browser.get(served.url)
        wait_for(browser, "Harbourford")
        press(browser, Keys.ENTER)  # resume the first session: its walkthrough
        press(browser, "S")
        wait_for(browser, "Wrap-up")
        press(browser, "x")
        wait_for(browser, "Export the session summary")
        press(browser, Keys.CONTROL, "s")
        seen = wait_for(browser, "Downloading ")
        name = re.search(r"Downloading (\S+-summary\.md)", seen).group(1)
        screenshot(browser, "serve-export-download.png")
        deadline = time.monotonic() + 30
        while not (downloads / name).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        text = (downloads / name).read_text(encoding="utf-8")
        assert text.startswith("# ") and "## " in text
        assert not (demo_sessions.parent / "exports").exists()  # nothing on the server's disk
        assert "READ-ONLY" not in terminal_text(browser)

        first = browser.current_window_handle
        browser.switch_to.new_window("tab")
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",  # per tab
                                {"source": KEEP_TERMINAL_TEXT})
        browser.get(served.url)
        wait_for(browser, "Harbourford")
        press(browser, Keys.ENTER)
        wait_for(browser, "Read-only: open in another")  # the banner under the header
        wait_for(browser, "READ-ONLY here")  # and the notice
        screenshot(browser, "serve-second-tab-read-only.png")
        browser.close()
        browser.switch_to.window(first)
    # ctrl+c on the server ends the tabs' apps too: their session locks are free again
    locks = list((demo_sessions / ".locks").glob("*.lock"))
    assert locks
    deadline = time.monotonic() + 20
    while True:
        held = []
        for path in locks:
            lock = SessionLock(path)
            if lock.acquire() is None:
                lock.release()
            else:
                held.append(path.name)
        if not held or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert held == []
