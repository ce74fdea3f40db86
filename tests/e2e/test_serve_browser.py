"""`briefing serve` end to end: the page in headless Chromium shows the library.

Starts the real server on a free loopback port, opens the address it prints (with its
token) in Debian's Chromium (headless, driven over the DevTools protocol with aiohttp,
which textual-serve brings along), and waits until the library's text has reached the
page's terminal. The page draws the terminal on a canvas, so the text is read from the
websocket frames the page itself receives and hands to xterm.js; a screenshot checks that
something was drawn. Every request the page makes must go to the server itself.
Skipped when Chromium is not installed (`.ci/run` installs it where it can).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from serve_support import read_address

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "articles"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WAIT_SECONDS = 60.0

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium; .ci/run does it as root)",
)

RECORD_FRAMES = """
(() => {
  const frames = [];
  const decoder = new TextDecoder();
  window.__briefingFrames = () => frames.join("");
  const Native = window.WebSocket;
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string") frames.push(event.data);
      else if (event.data instanceof ArrayBuffer) frames.push(decoder.decode(event.data));
      else if (event.data instanceof Blob) event.data.text().then((text) => frames.push(text));
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  Object.assign(Recording, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Recording;
})();
"""
"""Injected before the page's own script: keeps what the server sends to the terminal."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`briefing serve` on a free loopback port; yields the address it printed (token)."""
    environment = dict(
        os.environ,
        BRIEFING_CONFIG_DIR=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    command = [sys.executable, "-m", "briefing_tui", "serve", "--port", "0", str(ARTICLES)]
    process = subprocess.Popen(
        command,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        yield read_address(process, WAIT_SECONDS)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_chromium(profile: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Headless Chromium with the DevTools protocol on a free port; returns its websocket."""
    assert CHROMIUM is not None
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # root in CI containers
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            # No outside network here: these keep Chromium from trying it.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1024,768",
            "about:blank",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        line = process.stderr.readline().decode("utf-8", "replace")
        match = re.search(r"DevTools listening on (ws://\S+)", line)
        if match:
            return process, match.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    pytest.fail("Chromium did not start its DevTools endpoint")


async def page_text(
    browser_url: str, page_url: str, screenshot: Path, requested: list[str]
) -> tuple[str, bool]:
    """Open `page_url`; wait until the library has reached its terminal; (text, first byte).
    Every address the page asked for is added to `requested`."""
    import aiohttp

    ids = itertools.count(1)
    async with aiohttp.ClientSession() as http, http.ws_connect(browser_url, max_msg_size=0) as ws:

        async def call(method: str, session: str | None = None, **params: Any) -> Any:
            number = next(ids)
            message: dict[str, Any] = {"id": number, "method": method, "params": params}
            if session:
                message["sessionId"] = session
            await ws.send_str(json.dumps(message))
            async for reply in ws:
                data = json.loads(reply.data)
                if data.get("method") == "Network.requestWillBeSent":
                    requested.append(data["params"]["request"]["url"])
                if data.get("id") == number:
                    if "error" in data:
                        raise RuntimeError(f"{method}: {data['error']}")
                    return data.get("result", {})
            raise RuntimeError("DevTools connection closed")

        target = await call("Target.createTarget", url="about:blank")
        attached = await call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        session = attached["sessionId"]
        await call("Page.enable", session)
        await call("Network.enable", session)
        await call("Page.addScriptToEvaluateOnNewDocument", session, source=RECORD_FRAMES)
        await call("Page.navigate", session, url=page_url)
        deadline = time.monotonic() + WAIT_SECONDS
        text = ""
        while time.monotonic() < deadline:
            result = await call(
                "Runtime.evaluate",
                session,
                expression="window.__briefingFrames ? window.__briefingFrames() : ''",
                returnByValue=True,
            )
            text = str(result.get("result", {}).get("value", ""))
            if "De Russische president" in text and "Het was een" in text:
                break
            await asyncio.sleep(0.25)
        drawn = await call(
            "Runtime.evaluate",
            session,
            expression="document.body.classList.contains('-first-byte') && "
            "!!document.querySelector('.textual-terminal .xterm-screen')",
            returnByValue=True,
        )
        shot = await call("Page.captureScreenshot", session, format="png")
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return text, bool(drawn.get("result", {}).get("value"))


def test_the_browser_shows_the_library(served: str, tmp_path: Path) -> None:
    browser, browser_url = start_chromium(tmp_path / "chromium-profile")
    screenshot = tmp_path / "page.png"
    requested: list[str] = []
    try:
        text, terminal_drawn = asyncio.run(page_text(browser_url, served, screenshot, requested))
    finally:
        browser.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            browser.wait(timeout=10)
        if browser.poll() is None:
            browser.kill()
    assert "Het was een historische aankondiging" in text
    assert "De Russische president Poetin" in text
    assert "2 articles" in text
    assert terminal_drawn, "the page's terminal received the app's output"
    assert screenshot.stat().st_size > 10_000, "a page with a drawn terminal, not a blank one"
    # Everything from the server itself: no font host or CDN learns who reads what.
    own = urlsplit(served).netloc
    assert any("/fonts/" in url for url in requested), requested
    assert [url for url in requested if urlsplit(url).netloc != own] == []
