"""textual-serve's server, for one user: every request needs the token, the page is ours.

On a shared machine every user can reach a loopback port, so `briefing serve` answers
only requests carrying the secret printed with its address (`/?token=...`, as Jupyter
does). The first page opened with it sets a cookie (HttpOnly, SameSite=Strict) that the
page's own requests and its websocket then carry; anything else gets 403 before a
handler runs, so no app process is started for it. The page is our copy of
textual-serve's template, which loads nothing from another host.

Imported only by `briefing serve`: aiohttp is not on the reader's way to its first screen.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import signal
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

PAGE_DIR = Path(__file__).resolve().parent / "serve_page"
"""Our copy of textual-serve's app_index.html (no third-party fonts)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def token_matches(supplied: str, token: str) -> bool:
    """Whether `supplied` is the token, in time that does not depend on where they differ."""
    return hmac.compare_digest(supplied.encode("utf-8"), token.encode("utf-8"))


class PrivateServer(Server):
    """A textual-serve `Server` that needs the token and listens on a socket bound already
    (a TCP port, or a unix socket only the user can open)."""

    def __init__(
        self,
        command: str,
        *,
        token: str,
        listening: socket.socket,
        public_url: str | None = None,
        title: str = "briefing",
    ) -> None:
        super().__init__(command, title=title, public_url=public_url, templates_path=PAGE_DIR)
        self.token = token
        self.listening = listening
        self.given_public_url = public_url
        digest = hashlib.sha256(f"briefing serve cookie\0{token}".encode()).hexdigest()
        self.cookie_value = digest
        """What the cookie holds: derived from the token, and always cookie-safe text."""
        # Named after the token, so two servers on one host (cookies ignore ports) do not
        # overwrite each other's cookie.
        self.cookie_name = f"briefing-{hashlib.sha256(digest.encode()).hexdigest()[:12]}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()

        @web.middleware
        async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
            return await self.require_token(request, handler)

        app.middlewares.append(require_token)
        return app

    async def require_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Let a request through only with the token (query) or the cookie it set."""
        supplied = request.query.get("token")
        by_query = supplied is not None and token_matches(supplied, self.token)
        by_cookie = token_matches(request.cookies.get(self.cookie_name, ""), self.cookie_value)
        if not (by_query or by_cookie):
            raise web.HTTPForbidden(
                text="403: open the address `briefing serve` printed, with its ?token=\n"
            )
        response = await handler(request)
        if by_query and not response.prepared:  # not a websocket, already under way
            response.set_cookie(
                self.cookie_name,
                self.cookie_value,
                path="/",
                httponly=True,
                samesite="Strict",
            )
        return response

    def base_url(self, request: web.Request) -> str:
        """Where the browser reaches us: --public-url, else the address it asked for (which
        over `ssh -L` is the local end of the tunnel, not ours)."""
        if self.given_public_url:
            return self.given_public_url.rstrip("/")
        return f"{request.scheme}://{request.host}"

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        base = self.base_url(request)
        scheme, rest = base.split(":", 1)
        return {
            "title": self.title,
            "static_url": f"{base}/static/",
            "websocket_url": f"{'wss' if scheme == 'https' else 'ws'}:{rest}/ws",
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
        }

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: `briefing serve` has printed the address with the token."""

    def serve(self, debug: bool = False) -> None:
        """Serve on the socket until SIGINT or SIGTERM."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=self.listening,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,  # each request line would carry the token
        )
