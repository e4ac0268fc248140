"""Start `workshop serve` as a real subprocess on a free loopback port, and stop it cleanly."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
URL_LINE = re.compile(r"(http://\S+/\?token=([A-Za-z0-9_-]+))")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen
    port: int
    url: str = ""
    token: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a GET, 4xx and 5xx included."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def read_lines(process: subprocess.Popen, until: re.Pattern[str], timeout: float) -> list[str]:
    """stdout lines up to the first matching `until` (or the end of the output).

    A thread reads (a pipe's buffered text defeats select()); it stops at the end of the output.
    """
    found: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in process.stdout:
            found.put(line.rstrip("\n"))
        found.put(None)

    threading.Thread(target=pump, daemon=True).start()
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = found.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            break
        lines.append(line)
        if until.search(line):
            break
    return lines


@contextlib.contextmanager
def serving(sessions: Path, *extra: str, port: int | None = None) -> Iterator[Served]:
    """`python -m workshop serve` from this checkout (PYTHONPATH), ready for requests."""
    port = port or free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--sessions", str(sessions),
         "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    served = Served(process, port)
    try:
        served.lines = read_lines(process, URL_LINE, timeout=60)
        match = URL_LINE.search("\n".join(served.lines))
        assert match, f"no URL printed: {served.lines}"
        served.url, served.token = match.group(1), match.group(2)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # printed at start-up, just before the port opens
            with contextlib.suppress(OSError):
                if get(f"{served.origin}/favicon.ico")[0] == 200:
                    break
            time.sleep(0.1)
        yield served
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """ctrl+c, as a facilitator stops it; the apps of open tabs are told to quit."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if process.stdout:
        process.stdout.close()
