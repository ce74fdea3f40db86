"""`briefing serve`: the same app in a web browser, through textual-serve.

Each browser tab gets its own `briefing` process, driven over a websocket. Every other
user of the machine can reach a loopback port, so the server answers only requests that
carry a secret token, printed with the address to open (see private_server.py). It binds
to loopback (127.0.0.1) unless told otherwise; `--unix-socket PATH` listens on a socket
only the user can open instead, for `ssh -L 8000:PATH HOST`.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import shlex
import socket
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from briefing_tui.core.safe_store import SaveError, ensure_private_directory

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TOKEN_VARIABLE = "BRIEFING_SERVE_TOKEN"
MIN_TOKEN_CHARS = 16
"""A shorter token could be guessed by trying: the server answers a try in a millisecond."""


class ServeError(Exception):
    """The server cannot start as asked; the message says why."""


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing serve",
        description="Serve the reader in a web browser (textual-serve). Every request needs "
        "a secret token: open the address printed at start (http://127.0.0.1:8000/?token=...). "
        "Binds to 127.0.0.1: reach it from elsewhere through an SSH tunnel, e.g. "
        "ssh -L 8000:127.0.0.1:8000 HOST, or serve on a unix socket only you can open "
        "(--unix-socket PATH) and tunnel to that: ssh -L 8000:PATH HOST.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="as for briefing")
    parser.add_argument(
        "--host",
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument("--port", type=int, help=f"default: {DEFAULT_PORT}; 0 picks a free one")
    parser.add_argument(
        "--unix-socket",
        type=Path,
        metavar="PATH",
        help="listen on a unix socket (mode 0600) instead of a port; its folder must be "
        "private to you (0700), and is created so if missing",
    )
    parser.add_argument(
        "--token",
        help=f"the secret to require (default: ${TOKEN_VARIABLE}, else a new random one); "
        f"other users can see a command line, so prefer ${TOKEN_VARIABLE}",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address the browser uses, if not the one it asks for (e.g. behind a proxy)",
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


BROWSER_TERMINAL = [
    "env",
    "-u",
    "BRIEFING_ASCII",
    "-u",
    TOKEN_VARIABLE,
    "TERM=xterm-256color",
    "COLORTERM=truecolor",
]
"""The browser's terminal (xterm.js) draws Unicode in full colour, whatever TERM the
server was started from: each tab's app is told so, without changing the server's own
environment. The app has no use for the token, so it does not inherit it."""


def app_command(paths: Sequence[Path], config_dir: Path | None) -> str:
    """The shell command textual-serve starts for each browser tab."""
    arguments = [*BROWSER_TERMINAL, sys.executable, "-m", "briefing_tui"]
    if config_dir is not None:
        arguments += ["--config-dir", str(config_dir.expanduser().absolute())]
    arguments += [str(path.expanduser().absolute()) for path in paths]
    return shlex.join(arguments)


def choose_token(given: str | None) -> str:
    """--token, else $BRIEFING_SERVE_TOKEN, else a new random one (256 bits)."""
    token = given if given is not None else os.environ.get(TOKEN_VARIABLE)
    if token is None:
        return secrets.token_urlsafe(32)
    if len(token) < MIN_TOKEN_CHARS:
        raise ServeError(
            f"the token must have at least {MIN_TOKEN_CHARS} characters (leave it out for a "
            "random one)"
        )
    return token


def bind_port(host: str, port: int) -> socket.socket:
    """A listening TCP socket, so that a port in use is a message, not a traceback."""
    try:
        return socket.create_server((host, port))
    except OSError as error:
        raise ServeError(
            f"cannot listen on {host} port {port}: {error.strerror or error}"
        ) from None


def bind_unix_socket(path: Path) -> socket.socket:
    """A unix socket only the user can open: mode 0600, in a folder only the user can open
    (the mode of the socket file alone is not honoured by every system's connect())."""
    folder = path.parent
    try:
        if not folder.exists():
            ensure_private_directory(folder)
        status = folder.stat()
    except (SaveError, OSError) as error:
        raise ServeError(str(error)) from None
    mode = stat.S_IMODE(status.st_mode)
    if status.st_uid != os.getuid() or mode & 0o077:
        raise ServeError(
            f"{folder} is open to other users (mode {mode:04o}): put the socket in a folder "
            "only you can open (chmod 700), e.g. $XDG_RUNTIME_DIR/briefing/serve.sock; a "
            "missing folder is created so"
        )
    if path.is_socket():
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(path))
            except OSError:
                path.unlink()  # left behind by a server that was killed
            else:
                raise ServeError(f"{path} is in use by another server")
    elif path.exists() or path.is_symlink():
        raise ServeError(f"{path} exists and is not a socket")
    listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    umask = os.umask(0o177)  # created 0600: never open to others, not even for a moment
    try:
        listening.bind(str(path))
    except OSError as error:
        listening.close()
        raise ServeError(f"cannot listen on {path}: {error.strerror or error}") from None
    finally:
        os.umask(umask)
    os.chmod(path, 0o600)
    listening.listen(100)
    return listening


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def run_serve(argv: Sequence[str]) -> int:
    """Serve until interrupted (ctrl+c)."""
    parser = serve_parser()
    options = parser.parse_args(argv)
    socket_path: Path | None = options.unix_socket
    if socket_path is not None and (options.host is not None or options.port is not None):
        parser.error("--unix-socket listens instead of --host/--port: give one or the other")
    host = options.host or DEFAULT_HOST
    port = DEFAULT_PORT if options.port is None else options.port
    if not 0 <= port < 65536:
        print(f"briefing serve: port {port} is out of range", file=sys.stderr)
        return 2
    if options.token is not None:
        print(
            f"Warning: other users of this machine can read a command line: pass the token "
            f"in ${TOKEN_VARIABLE} instead of --token.",
            file=sys.stderr,
        )
    try:
        token = choose_token(options.token)
    except ServeError as error:
        print(f"briefing serve: {error}", file=sys.stderr)
        return 2
    if socket_path is None and not is_loopback(host):
        print(
            f"Warning: listening on {host}, not loopback. The page, its token and your "
            "briefings cross the network unencrypted. Prefer the default and an SSH tunnel "
            "(ssh -L 8000:127.0.0.1:8000 HOST).",
            file=sys.stderr,
        )
    try:
        if socket_path is not None:
            socket_path = socket_path.expanduser().absolute()
            listening = bind_unix_socket(socket_path)
        else:
            listening = bind_port(host, port)
    except ServeError as error:
        print(f"briefing serve: {error}", file=sys.stderr)
        return 1
    query = f"/?token={quote(token, safe='')}"
    if options.public_url:
        address = options.public_url.rstrip("/") + query
    elif socket_path is not None:
        address = f"http://127.0.0.1:{DEFAULT_PORT}{query}"
        print(f"Serving on {socket_path} (only you can open it). From your own machine:")
        print(f"  ssh -N -L {DEFAULT_PORT}:{socket_path} HOST")
        print("then open")
    else:
        bound_port = listening.getsockname()[1]
        address = f"http://{_url_host(host)}:{bound_port}{query}"
        print("Open this address (it holds the secret token; ctrl+c stops the server):")
    print(f"  {address}", flush=True)
    from briefing_tui.private_server import PrivateServer  # aiohttp: only for this command

    server = PrivateServer(
        app_command(options.paths, options.config_dir),
        token=token,
        listening=listening,
        public_url=options.public_url,
    )
    try:
        server.serve()
    finally:
        listening.close()
        if socket_path is not None:
            socket_path.unlink(missing_ok=True)
    return 0
