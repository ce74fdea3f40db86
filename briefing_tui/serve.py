"""`briefing serve`: the same app in a web browser, through textual-serve.

Each browser tab gets its own `briefing` process, driven over a websocket. The server
binds to loopback (127.0.0.1) unless told otherwise: it has no login, and whoever can
reach the port can read the library and the notes. To read from another machine, keep
the loopback default and tunnel over SSH (`ssh -L 8000:127.0.0.1:8000 host`), then open
http://127.0.0.1:8000 locally.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing serve",
        description="Serve the reader in a web browser (textual-serve). Binds to 127.0.0.1: "
        "reach it from elsewhere through an SSH tunnel, e.g. "
        "ssh -L 8000:127.0.0.1:8000 HOST, then open http://127.0.0.1:8000.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="as for briefing")
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default: %(default)s, this machine only)",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="default: %(default)s")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address the browser uses, if not http://HOST:PORT (e.g. behind a proxy)",
    )
    parser.add_argument("--config-dir", type=Path, metavar="DIR", help="as for briefing")
    return parser


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


BROWSER_TERMINAL = ["env", "-u", "BRIEFING_ASCII", "TERM=xterm-256color", "COLORTERM=truecolor"]
"""The browser's terminal (xterm.js) draws Unicode in full colour, whatever TERM the
server was started from: each tab's app is told so, without changing the server's own
environment."""


def app_command(paths: Sequence[Path], config_dir: Path | None) -> str:
    """The shell command textual-serve starts for each browser tab."""
    arguments = [*BROWSER_TERMINAL, sys.executable, "-m", "briefing_tui"]
    if config_dir is not None:
        arguments += ["--config-dir", str(config_dir.expanduser().absolute())]
    arguments += [str(path.expanduser().absolute()) for path in paths]
    return shlex.join(arguments)


def run_serve(argv: Sequence[str]) -> int:
    """Serve until interrupted (ctrl+c)."""
    options = serve_parser().parse_args(argv)
    if not 0 < options.port < 65536:
        print(f"briefing serve: port {options.port} is out of range", file=sys.stderr)
        return 2
    if not is_loopback(options.host):
        print(
            f"Warning: listening on {options.host}, not loopback. There is no login: anyone "
            "who can reach this port can read your briefings and notes. Prefer the default "
            "and an SSH tunnel (ssh -L 8000:127.0.0.1:8000 HOST).",
            file=sys.stderr,
        )
    from textual_serve.server import Server  # aiohttp loads only for this sub-command

    server = Server(
        app_command(options.paths, options.config_dir),
        host=options.host,
        port=options.port,
        title="briefing",
        public_url=options.public_url,
    )
    server.serve()  # prints the address; ctrl+c stops it
    return 0
