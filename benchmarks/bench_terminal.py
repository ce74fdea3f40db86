"""What the real `briefing` command costs a slow link: bytes per key and start-up, over a pty.

The app runs in a pseudo-terminal of 80x24 (as over SSH) with a given TERM; we read
everything it writes. Start-up is the time until the library's first article title has
been drawn, and the bytes until the screen goes quiet. For each key we send it, wait
until the output is quiet again and count what was written. Nothing is timed in the
tests; this is run by hand (`make bench-terminal`) and its numbers go into notes.

    python benchmarks/bench_terminal.py [--repeat 3] [--json out.json] [--config config.toml]
        [-- extra briefing args]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "articles"
READY_TEXT = b"Het was een"
"""The start of the newest bundled article's title: the library has been drawn."""
QUIET_SECONDS = 0.4
"""Output silent this long means the frame (and any follow-up frame) has been sent."""
KEYS = {"j": b"j", "PageDown": b"\x1b[6~"}
PLACES = ("library", "reader")
"""Keys are measured in the library, then in the reader (Enter opens the article)."""


@dataclass
class Run:
    """One start of the app in one terminal type."""

    term: str
    no_color: bool
    startup_seconds: float
    startup_bytes: int
    any_motion_mouse: bool
    """Whether the app asked the terminal to report every mouse movement (DEC mode 1003)."""
    key_bytes: dict[str, list[int]] = field(default_factory=dict)


def _read_until(fd: int, deadline: float, *, needle: bytes | None, buffer: bytearray) -> bool:
    """Read into `buffer` until `needle` appears (or the output is quiet when needle is None)."""
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            buffer.extend(chunk)
            quiet_since = time.monotonic()
            if needle is not None and needle in buffer:
                return True
        elif needle is None and time.monotonic() - quiet_since >= QUIET_SECONDS:
            return True
    return False


def run_once(
    command: list[str], term: str, no_color: bool, presses: int, config_text: str | None = None
) -> Run:
    """Start the app in a fresh pty, wait for the library, send keys, then quit it."""
    env = dict(os.environ, TERM=term, COLUMNS="80", LINES="24")
    env.pop("TEXTUAL_ANIMATIONS", None)
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    config = tempfile.mkdtemp(prefix="briefing-bench-")
    env["BRIEFING_CONFIG_DIR"] = config
    if config_text is not None:
        Path(config, "config.toml").write_text(config_text, encoding="utf-8")
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    buffer = bytearray()
    try:
        if not _read_until(fd, started + 30, needle=READY_TEXT, buffer=buffer):
            raise RuntimeError(
                f"the library never appeared (TERM={term}): {bytes(buffer[-300:])!r}"
            )
        startup = time.monotonic() - started
        _read_until(fd, time.monotonic() + 10, needle=None, buffer=buffer)
        result = Run(term, no_color, startup, len(buffer), b"\x1b[?1003h" in buffer)
        for place in PLACES:
            if place == "reader":
                os.write(fd, b"g\r")
                _read_until(fd, time.monotonic() + 10, needle=None, buffer=bytearray())
            for name, sequence in KEYS.items():
                sizes: list[int] = []
                for _ in range(presses):
                    buffer.clear()
                    os.write(fd, sequence)
                    _read_until(fd, time.monotonic() + 10, needle=None, buffer=buffer)
                    sizes.append(len(buffer))
                result.key_bytes[f"{place} {name}"] = sizes
        os.write(fd, b"\x11")  # ctrl+q
        _read_until(fd, time.monotonic() + 5, needle=None, buffer=bytearray())
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="starts per terminal type")
    parser.add_argument("--presses", type=int, default=4, help="presses of each key per start")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--config", type=Path, help="a config.toml to run with (default: the first-run defaults)"
    )
    parser.add_argument("extra", nargs="*", help="arguments for briefing (default: articles/)")
    options = parser.parse_args()
    briefing = Path(sys.executable).parent / "briefing"
    command = [str(briefing), *(options.extra or [str(ARTICLES)])]
    cases = [("xterm-256color", False), ("linux", False), ("linux", True)]
    config_text = options.config.read_text(encoding="utf-8") if options.config else None
    runs = [
        run_once(command, term, no_color, options.presses, config_text)
        for term, no_color in cases
        for _ in range(options.repeat)
    ]
    rows = []
    for term, no_color in cases:
        mine = [run for run in runs if run.term == term and run.no_color == no_color]
        row: dict[str, object] = {
            "term": term,
            "no_color": no_color,
            "startup_s_median": round(statistics.median(r.startup_seconds for r in mine), 3),
            "startup_bytes_median": int(statistics.median(r.startup_bytes for r in mine)),
            "any_motion_mouse": any(r.any_motion_mouse for r in mine),
        }
        for key in mine[0].key_bytes:
            sizes = [size for run in mine for size in run.key_bytes[key]]
            row[f"{key}_bytes_median"] = int(statistics.median(sizes))
            row[f"{key}_bytes_max"] = max(sizes)
        rows.append(row)
    header = f"{'TERM':<16}{'NO_COLOR':>9}{'start s':>9}{'start B':>9}{'1003':>6}"
    names = list(runs[0].key_bytes)
    header += "".join(f"{key + ' B':>20}{'max':>7}" for key in names)
    print(header)
    for row in rows:
        line = f"{row['term']!s:<16}{'yes' if row['no_color'] else 'no':>9}"
        line += f"{row['startup_s_median']:>9}{row['startup_bytes_median']:>9}"
        line += f"{'on' if row['any_motion_mouse'] else 'off':>6}"
        line += "".join(f"{row[f'{k}_bytes_median']:>20}{row[f'{k}_bytes_max']:>7}" for k in names)
        print(line)
    document = {"size": [80, 24], "rows": rows, "runs": [asdict(run) for run in runs]}
    print(json.dumps({"rows": rows}))
    if options.json:
        options.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
