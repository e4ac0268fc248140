"""`workshop serve` over plain HTTP: the token guard, the favicon, a page with no outside URL,
loopback by default and one warning line for any other address."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.serve_support import REPO, free_port, get, serving
from workshop.web.server import content_disposition, is_loopback, page_url


@pytest.fixture
def sessions(sessions_path):
    sessions_path.mkdir(parents=True, exist_ok=True)
    return sessions_path


def test_every_path_needs_the_token_but_the_favicon(sessions) -> None:
    with serving(sessions) as served:
        assert served.url == f"{served.origin}/?token={served.token}"
        assert len(served.token) >= 16  # 16 bytes of secrets.token_urlsafe: 128 bits
        for path in ("/", "/?token=", "/?token=wrong", "/ws", "/static/js/textual.js",
                     "/static/", "/download/0123456789abcdef"):
            status, _headers, body = get(served.origin + path)
            assert status == 403, path
            assert body.decode().count("\n") == 1 and "token" in body.decode()
        status, headers, body = get(served.url)
        assert status == 200 and b'id="terminal"' in body
        cookie = re.search(r"(workshop-token-\d+=[^;]+)", headers["Set-Cookie"]).group(1)
        assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
        # the browser's own requests (assets, download links) carry the cookie instead
        assert get(f"{served.origin}/static/js/textual.js", cookie=cookie)[0] == 200
        assert get(f"{served.origin}/static/js/textual.js", cookie=cookie + "x")[0] == 403
        status, headers, body = get(f"{served.origin}/favicon.ico")
        assert status == 200 and headers["Content-Type"] == "image/x-icon"
        assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
        assert served.lines[-2:] == ["Open the workshop app in a browser:", f"  {served.url}"]
        assert len(served.lines[-1]) < 80  # one line, even in a terminal of 80 columns


def test_page_and_styles_name_no_other_site(sessions) -> None:
    with serving(sessions) as served:
        status, headers, page = get(served.url)
        html = page.decode()
        assert "googleapis" not in html and "gstatic" not in html
        own = html.replace(f"ws://127.0.0.1:{served.port}/ws\"", "")  # the app's own websocket
        assert not re.search(r"(https?:|wss?:)?//[a-z0-9]", own), own
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assets = re.findall(r'(?:href|src)="([^"]+)"|url\("([^"]+)"\)', html)
        urls = [a or b for a, b in assets]
        assert any("fonts/RobotoMono" in u for u in urls)  # the font comes from this server
        for url in urls:
            assert url.startswith("/"), url
            assert get(served.origin + url, cookie=None)[0] == 200, url
        css = get(f"{served.origin}/static/css/xterm.css?token={served.token}")[2].decode()
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_loopback_is_the_default_and_prints_no_warning(sessions) -> None:
    with serving(sessions) as served:
        assert not any("Warning" in line for line in served.lines)
        assert "127.0.0.1" in served.url


def test_any_other_address_prints_one_warning_line(sessions) -> None:
    with serving(sessions, "--host", "0.0.0.0") as served:  # noqa: S104
        warnings = [line for line in served.lines if line.startswith("Warning:")]
        assert len(warnings) == 1
        assert "every network this computer is on" in warnings[0]
        assert "anyone" in warnings[0] and "link" in warnings[0]
        assert get(served.origin + "/")[0] == 403  # the token still guards it


def test_a_port_in_use_is_one_line(sessions) -> None:
    port = free_port()
    with serving(sessions, port=port):
        result = subprocess.run(
            [sys.executable, "-m", "workshop", "serve", "--sessions", str(sessions),
             "--port", str(port)],
            capture_output=True, text=True, timeout=60, env={"PYTHONPATH": str(REPO),
                                                             **_env()})
    assert result.returncode != 0
    assert result.stdout == ""  # no link to a server that never started
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"workshop: error: cannot listen on 127.0.0.1 port {port} "
                      "(address already in use): choose another --port or --host"], result.stderr


def test_port_must_be_a_port(sessions) -> None:
    result = subprocess.run([sys.executable, "-m", "workshop", "serve", "--port", "99999"],
                            capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(REPO), **_env()})
    assert result.returncode == 2 and "give a number from 1 to 65535" in result.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_addresses_and_download_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")  # noqa: S104
    assert not is_loopback("workshop.example.org")
    assert page_url("::1", 8000, "t") == "http://[::1]:8000/?token=t"
    assert content_disposition("Harbour plan é.docx") == (
        "attachment; filename=\"Harbour plan _.docx\"; "
        "filename*=UTF-8''Harbour%20plan%20%C3%A9.docx")


def test_the_server_loads_no_textual() -> None:
    """The server only relays: Textual runs in each tab's app process, not in the server."""
    probe = ("import sys, workshop.cli, workshop.web.server; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, cwd=REPO, env={**_env(), "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
