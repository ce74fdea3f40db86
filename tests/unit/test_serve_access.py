"""`briefing serve` lets in only the holder of its token: real server processes.

Each test starts `python -m briefing_tui serve` (on a free port, or on a unix socket),
reads the address with the token from what it prints, and asks with aiohttp: without
the token the page and the websocket get 403 and no app process starts; with it the
page sets the cookie, and the websocket that carries the cookie starts the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import aiohttp
import pytest
from serve_support import read_address

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "articles"
WAIT_SECONDS = 60.0


@dataclass
class Served:
    """A running `briefing serve` and how to reach it."""

    process: subprocess.Popen[str]
    token: str
    base: str
    """http://host:port, or http://localhost for a unix socket."""
    socket_path: Path | None = None

    def session(self, cookies: dict[str, str] | None = None) -> aiohttp.ClientSession:
        """A client that keeps cookies, also from 127.0.0.1 (as browsers do)."""
        connector: aiohttp.BaseConnector = (
            aiohttp.UnixConnector(path=str(self.socket_path))
            if self.socket_path is not None
            else aiohttp.TCPConnector()
        )
        jar = aiohttp.CookieJar(unsafe=True)
        return aiohttp.ClientSession(connector=connector, cookie_jar=jar, cookies=cookies)

    def children(self) -> list[int]:
        """The server's own child processes (one shell per app started), from /proc."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found


@contextlib.contextmanager
def serving(*options: str | Path, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`briefing serve OPTIONS articles`, stopped (with its apps) on the way out."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing_tui", "serve", *map(str, options), str(ARTICLES)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        address = read_address(process, WAIT_SECONDS)
        parts = urlsplit(address)
        token = parse_qs(parts.query)["token"][0]
        socket_path = None
        if "--unix-socket" in options:
            socket_path = Path(options[list(options).index("--unix-socket") + 1])
            base = "http://localhost"
        else:
            base = f"{parts.scheme}://{parts.netloc}"
        yield Served(process, token, base, socket_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # any app the server left behind


async def status_of(served: Served, path: str) -> int:
    async with (
        served.session() as http,
        http.get(served.base + path) as response,
    ):
        return response.status


async def websocket_refused(served: Served, path: str, cookies: dict[str, str]) -> int:
    """The status a websocket handshake gets; fails the test if it is accepted."""
    async with served.session(cookies) as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with http.ws_connect(served.base + path):
                pass
    return refused.value.status


async def page_then_websocket(served: Served) -> tuple[int, str, str, int]:
    """Open the page with the token, then the websocket with the cookie it set; wait for
    the app's first screen bytes. Returns (page status, Set-Cookie, page, apps started)."""
    async with served.session() as http:
        async with http.get(f"{served.base}/?token={served.token}") as response:
            status = response.status
            set_cookie = response.headers.get("Set-Cookie", "")
            page = await response.text()
        async with http.ws_connect(f"{served.base}/ws?width=80&height=24") as websocket:
            received = 0
            deadline = time.monotonic() + WAIT_SECONDS
            while received < 1000 and time.monotonic() < deadline:
                message = await websocket.receive(timeout=WAIT_SECONDS)
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += len(message.data)
            assert received >= 1000, "the app drew its screen"
            started = len(served.children())
    return status, set_cookie, page, started


def check_only_the_token_holder_gets_in(served: Served) -> None:
    assert asyncio.run(status_of(served, "/")) == 403
    assert asyncio.run(status_of(served, "/?token=not-the-token-at-all")) == 403
    assert asyncio.run(status_of(served, "/static/js/textual.js")) == 403
    assert asyncio.run(websocket_refused(served, "/ws", {})) == 403
    assert asyncio.run(websocket_refused(served, "/ws?token=wrong", {})) == 403
    assert served.children() == [], "a refused request started no app"

    status, set_cookie, page, started = asyncio.run(page_then_websocket(served))

    assert status == 200
    assert 'id="terminal"' in page
    assert "HttpOnly" in set_cookie
    assert "SameSite=Strict" in set_cookie
    assert "Path=/" in set_cookie
    assert served.token not in set_cookie
    assert started == 1, "one app, for the one websocket let in"

    cookie_name = set_cookie.split("=", 1)[0]
    for forged in (served.token, "0" * 64):
        assert asyncio.run(websocket_refused(served, "/ws", {cookie_name: forged})) == 403


def test_a_port_lets_in_only_the_token(tmp_path: Path) -> None:
    with serving("--port", "0") as served:
        check_only_the_token_holder_gets_in(served)


def test_a_unix_socket_is_private_and_lets_in_only_the_token(tmp_path: Path) -> None:
    socket_path = tmp_path / "run" / "briefing" / "serve.sock"
    with serving("--unix-socket", socket_path) as served:
        assert stat.S_IMODE(socket_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(socket_path.parent.stat().st_mode) == 0o700
        check_only_the_token_holder_gets_in(served)
    assert not socket_path.exists(), "removed when the server stops"


def test_the_token_can_come_from_the_environment(tmp_path: Path) -> None:
    token = "a-token-chosen-by-the-user"
    with serving("--port", "0", env=dict(os.environ, BRIEFING_SERVE_TOKEN=token)) as served:
        assert served.token == token
        assert asyncio.run(status_of(served, f"/?token={token}")) == 200


def test_the_page_loads_nothing_from_another_host(tmp_path: Path) -> None:
    """The page and the stylesheets it names refer only to this server."""

    async def references(served: Served) -> list[str]:
        found: list[str] = []
        async with served.session() as http:
            async with http.get(f"{served.base}/?token={served.token}") as response:
                page = await response.text()
            found += re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page)
            found += re.findall(r"""url\(\s*["']?([^"')]+)""", page)
            found += re.findall(r"""(?:https?:|wss?:)?//[^\s"'<>)]+""", page)
            for sheet in [url for url in found if url.endswith(".css")]:
                async with http.get(urljoin(served.base + "/", sheet)) as response:
                    assert response.status == 200
                    css = await response.text()
                found += re.findall(r"""url\(\s*["']?([^"')]+)""", css)
                found += re.findall(r"""@import\s+["']?([^"';]+)""", css)
        return found

    with serving("--port", "0") as served:
        found = asyncio.run(references(served))
    own = urlsplit(served.base).netloc
    assert any("fonts/RobotoMono" in url for url in found), "the font comes from us"
    foreign = [url for url in found if urlsplit(url).netloc not in ("", own)]
    assert foreign == []


def test_a_socket_folder_open_to_others_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    result = subprocess.run(
        [sys.executable, "-m", "briefing_tui", "serve", "--unix-socket", folder / "s.sock"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "open to other users" in result.stderr
    assert not (folder / "s.sock").exists()
