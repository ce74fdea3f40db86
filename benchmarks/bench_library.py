"""How the app copes with a large library: start-up, list, keys, opening, search, memory.

For each size N (100, 1,000 and 10,000 by default) a synthetic library is written to a
temporary folder, built from the bundled articles with varied dates, names, titles and
lengths, one article in NOTED_EVERY with a note and tags (nothing generated is kept).
Then, with its own cache and config directories:

- first screen: the real `briefing` command is started in an 80x24 pseudo-terminal
  and timed until the library list has been drawn ("N articles" in the title), with a
  warm index (and once with a cold one). The floor is a minimal Textual app started
  and stopped the same way, timed until its one line is drawn; its starts alternate
  with the app's, so a machine that slows down part way slows both alike.
- list complete: cold, the time until the app shows the whole list on a first start
  (every file read and indexed); warm, what the app's library worker does on a later
  start (list from the index, then check every file's size and time), timed in-process.
- key press to repaint: `j` sent to the list, timed until the app's output for it
  has been written (the last byte before the output goes quiet), p50 and p95.
- open an article: Enter in the list, timed until the reader has been drawn (its status
  line); the highlights follow from the background analysis.
- back to the library: Esc and `h` in turn after each opening, timed like a key press
  (Esc is the same byte that starts every escape sequence, so the terminal driver's wait
  for the rest of one counts too).
- search: the index's search (as the `/` screen and `briefing search` run it) over a
  mix of queries, p50 and p95; and typed into the app's `/` screen a key every
  TYPING_GAP s, from the last key until that query's results are on screen, p50 and p95.
- peak RSS of the app process (getrusage of the child).

    python benchmarks/bench_library.py [--n 100 1000 10000] [--json PATH]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import random
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.articles import read_article
from briefing_tui.core.index import LibraryIndex, analysis_stamp, entity_mentions
from briefing_tui.core.locations import bundled_articles_dir
from briefing_tui.core.notes import Anchor, Annotation, NoteStore, article_key

SIZE = (80, 24)
QUIET = 0.05
"""Output silent this long after a key means the app has drawn what the key caused."""
STARTS = 9
"""Warm starts per size, and as many floor starts between them; the medians are compared."""
NOTED_EVERY = 20
"""One article in this many has notes and tags, as a reader's library would."""
KEY_PRESSES = 60
TYPING_GAP = 0.06
"""Seconds between the keys of a query typed into the search screen (a quick typist)."""
TYPED_ROUNDS = 3
"""Times each query is typed into the search screen."""
OPENINGS = 20
NAMES = [
    "Poetin", "Zelensky", "Rutte", "Scholz", "Macron", "Trump", "Witkoff", "Rubio",
    "Von der Leyen", "Meloni", "Tusk", "Starmer", "Erdogan", "Xi Jinping", "Lavrov",
]  # fmt: skip
PLACES = [
    "Moskou", "Kyiv", "Koersk", "Berlijn", "Parijs", "Washington", "Brussel", "Londen",
    "Warschau", "Ankara", "Den Haag", "Odesa", "Charkiv", "Peking", "Rome",
]  # fmt: skip
TOPICS = [
    "een staakt-het-vuren", "nieuwe sancties", "de wapenleveranties", "een vredesplan",
    "de gasprijs", "de NAVO-top", "een gevangenenruil", "de graanexport",
]  # fmt: skip
VERBS = ["bespreekt", "wijst af", "steunt", "twijfelt over", "kondigt aan", "eist"]
QUERIES = [
    "Poetin",
    "Oekraine",
    '"staakt het vuren"',
    "wapens Moskou",
    "Zelensky date:2024-03",
    "date:2025-02 Rutte",
    "@poetin",
    "@zelensky Kremlin",
    "luchtalarm",
    "sancties Brussel",
]
FLOOR_APP = """
from textual.app import App
from textual.widgets import Static
class Floor(App):
    def compose(self):
        yield Static("floor app ready")
Floor().run()
"""


# --- the synthetic library ----------------------------------------------------------


def write_library(folder: Path, count: int, notes: Path | None = None, seed: int = 11) -> None:
    """`count` plain-text articles from the bundled paragraphs, names and dates varied;
    with `notes` (a notes directory), one in NOTED_EVERY annotated there."""
    rng = random.Random(seed)
    paragraphs = [
        block.text
        for path in sorted(bundled_articles_dir().glob("*.txt"))
        for block in read_article(path).blocks
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        name, place, topic = rng.choice(NAMES), rng.choice(PLACES), rng.choice(TOPICS)
        title = f"{name} {rng.choice(VERBS)} {topic} in {place} ({number})."
        body = []
        for _ in range(rng.randint(3, 30)):
            text = rng.choice(paragraphs)
            text = text.replace("Poetin", rng.choice(NAMES)).replace("Moskou", place)
            body.append(text)
        year = rng.choice((2023, 2024, 2025))
        month = rng.randint(1, 12)
        date = (
            f"{year}-{month:02d}"
            if rng.random() < 0.1
            else f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
        )
        sub = folder / f"{year}" / f"{month:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        file = sub / f"article-{number:06d}.txt"
        file.write_text(f"date {date} {title}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        if notes is not None and number % NOTED_EVERY == 0:
            article = read_article(file)
            annotations = [
                Annotation.new(Anchor.of(block, article.blocks[block].text), note, tags)
                for block, note, tags in ((0, f"Volgen: {topic}.", ("dossier",)), (1, "", (name,)))
            ]
            NoteStore(notes).save(article_key(article), annotations, title=article.title)


# --- a process in a pseudo-terminal -------------------------------------------------


@dataclass
class Terminal:
    """A child process on a pty of SIZE, with everything it wrote so far."""

    pid: int
    fd: int
    output: bytearray = field(default_factory=bytearray)

    @classmethod
    def start(cls, command: list[str], env: dict[str, str]) -> Terminal:
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the command
            try:
                os.execvpe(command[0], command, env)
            finally:
                os._exit(127)
        columns, rows = SIZE
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        return cls(pid, fd)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        self.output.extend(chunk)
        return bool(chunk)

    def wait_for(self, needle: bytes, timeout: float = 120.0) -> float:
        """Seconds until `needle` has been written (searched in new output only)."""
        start = len(self.output)
        deadline = time.perf_counter() + timeout
        while needle not in self.output[max(0, start - len(needle)) :]:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{needle!r} not shown within {timeout} s")
            self._read(0.01)
        return time.perf_counter()

    def settle(self, quiet: float = QUIET, timeout: float = 10.0) -> float:
        """Read until the output has been quiet for `quiet` s; returns when it last wrote."""
        last = time.perf_counter()
        deadline = last + timeout
        while time.perf_counter() < deadline:
            if self._read(quiet):
                last = time.perf_counter()
            else:
                break
        return last

    def press(self, key: bytes, until: bytes | None = None) -> float:
        """Milliseconds from sending `key` to the last byte of the output it caused, or
        to when `until` has been written (the rest is then read but not timed)."""
        self.settle()
        sent = time.perf_counter()
        os.write(self.fd, key)
        if until is not None:
            shown = self.wait_for(until, timeout=10)
            self.settle()
            return (shown - sent) * 1000
        before = len(self.output)
        while len(self.output) == before and time.perf_counter() - sent < 5:
            self._read(1.0)
        return (self.settle() - sent) * 1000

    def stop(self) -> int:
        """Quit with ctrl+q; returns the process's peak RSS in KB."""
        os.write(self.fd, b"\x11")
        deadline = time.perf_counter() + 20
        while time.perf_counter() < deadline:
            self._read(0.05)
            waited, _status, usage = os.wait4(self.pid, os.WNOHANG)
            if waited:
                os.close(self.fd)
                return int(usage.ru_maxrss)
        os.kill(self.pid, 9)
        _pid, _status, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return int(usage.ru_maxrss)


def environment(root: Path) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24")
    env["XDG_CACHE_HOME"] = str(root / "cache")
    env["BRIEFING_CONFIG_DIR"] = str(root / "config")
    env.pop("NO_COLOR", None)
    return env


def app_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "briefing_tui", str(folder)]


def time_start(command: list[str], env: dict[str, str], ready: bytes) -> tuple[float, int]:
    """Seconds from starting the process to `ready` on screen, and its peak RSS (KB)."""
    started = time.perf_counter()
    terminal = Terminal.start(command, env)
    shown = terminal.wait_for(ready)
    terminal.settle()
    return shown - started, terminal.stop()


# --- measurements -------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench_size(count: int, work: Path) -> dict[str, float]:
    root = work / f"n{count}"
    folder = root / "library"
    write_library(folder, count, notes=root / "config" / "notes")
    env = environment(root)
    ready = f"{count} articles".encode()
    results: dict[str, float] = {"articles": count}

    # Cold: the first start reads every file; the count shows when the list is complete.
    started = time.perf_counter()
    terminal = Terminal.start(app_command(folder), env)
    results["list_complete_cold_s"] = terminal.wait_for(ready, timeout=600) - started
    terminal.settle(quiet=0.5)
    terminal.stop()

    index_path = root / "cache" / "briefing-tui" / "library-index.sqlite3"
    # Warm list complete: what the library worker does on a later start.
    timings = []
    for _ in range(STARTS):
        start = time.perf_counter()
        index = LibraryIndex(index_path)
        index.listing([folder])
        changed = index.refresh([folder], root / "config" / "notes")
        if changed:
            index.listing([folder])
        index.close()
        timings.append(time.perf_counter() - start)
    results["list_complete_warm_s"] = statistics.median(timings)

    floor_env = environment(work / "floor")
    floor_command = [sys.executable, "-c", FLOOR_APP]
    starts = []
    floors = []
    for _ in range(STARTS):
        floors.append(time_start(floor_command, floor_env, b"floor app ready")[0])
        starts.append(time_start(app_command(folder), env, ready))
    results["floor_s"] = statistics.median(floors)
    results["first_screen_s"] = statistics.median(seconds for seconds, _rss in starts)
    results["first_screen_vs_floor"] = results["first_screen_s"] / results["floor_s"]

    # Keys and openings in one running app.
    terminal = Terminal.start(app_command(folder), env)
    terminal.wait_for(ready)
    terminal.settle(quiet=0.5)
    keys = [terminal.press(b"j") for _ in range(KEY_PRESSES)]
    openings = []
    backs: dict[bytes, list[float]] = {b"\x1b": [], b"h": []}
    for number in range(OPENINGS):
        # Opened: the reader's status line ("¶ 1/12") has been drawn with the text; the
        # highlights follow when the analysis is done (not timed: it never blocks).
        openings.append(terminal.press(b"\r", until="¶ ".encode()))
        back = b"\x1b" if number % 2 == 0 else b"h"
        backs[back].append(terminal.press(back))
        terminal.press(b"j")
    for name, back in (("escape", b"\x1b"), ("h", b"h")):
        results[f"back_{name}_ms_p50"] = statistics.median(backs[back])
        results[f"back_{name}_ms_p95"] = percentile(backs[back], 0.95)
    results["key_ms_p50"] = statistics.median(keys)
    results["key_ms_p95"] = percentile(keys, 0.95)
    results["open_ms_p50"] = statistics.median(openings)
    results["open_ms_p95"] = percentile(openings, 0.95)
    typed = search_as_typed(terminal)
    results["typed_search_ms_p50"] = statistics.median(typed)
    results["typed_search_ms_p95"] = percentile(typed, 0.95)
    results["rss_mb"] = max(terminal.stop(), *(rss for _s, rss in starts)) / 1024

    # Search: actors for up to 20 s of analysis (the app does it in the background).
    index = LibraryIndex(index_path)
    stamp = analysis_stamp(None)
    deadline = time.perf_counter() + 20
    index.analyse_pending(
        stamp, entity_mentions(None), should_stop=lambda: time.perf_counter() > deadline
    )
    results["analysed_share"] = 1 - index.pending_analysis(stamp) / count
    search_times = []
    for _ in range(5):
        for query in QUERIES:
            start = time.perf_counter()
            index.search(query, [folder])
            search_times.append((time.perf_counter() - start) * 1000)
    index.close()
    results["search_ms_p50"] = statistics.median(search_times)
    results["search_ms_p95"] = percentile(search_times, 0.95)
    shutil.rmtree(folder)
    return results


def search_as_typed(terminal: Terminal) -> list[float]:
    """Milliseconds from the last key of a query typed into `/` until the status line
    names that query (its results are shown with it), for each query typed."""
    from briefing_tui.core.search_query import parse_query

    terminal.press(b"/")
    times = []
    for _ in range(TYPED_ROUNDS):
        for query in QUERIES:
            terminal.press(b"\x15")  # ctrl+u: clear the input
            needle = f"· {parse_query(query).describe()} ·".encode()
            for key in query.encode():
                deadline = time.perf_counter() + TYPING_GAP
                while (left := deadline - time.perf_counter()) > 0:
                    terminal._read(left)
                sent = time.perf_counter()
                os.write(terminal.fd, bytes([key]))
            times.append((terminal.wait_for(needle, timeout=10) - sent) * 1000)
    terminal.press(b"\x1b")
    return times


TARGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "first_screen_vs_floor": ("<= 1.3x floor", lambda v: v <= 1.3),
    "list_complete_warm_s": ("<= 1 s", lambda v: v <= 1.0),
    "list_complete_cold_s": ("<= 10 s", lambda v: v <= 10.0),
    "open_ms_p95": ("< 50 ms", lambda v: v < 50),
    "key_ms_p95": ("< 16 ms", lambda v: v < 16),
    "back_escape_ms_p95": ("< 16 ms", lambda v: v < 16),
    "back_h_ms_p95": ("< 16 ms", lambda v: v < 16),
    "search_ms_p95": ("< 50 ms", lambda v: v < 50),
    "typed_search_ms_p95": ("< 50 ms", lambda v: v < 50),
    "rss_mb": ("< 250 MB", lambda v: v < 250),
}


def print_table(rows: list[dict[str, float]]) -> None:
    columns: list[tuple[str, str | tuple[str, str], str]] = [
        ("floor s", "floor_s", "{:.2f}"),
        ("first screen s", "first_screen_s", "{:.2f}"),
        ("x floor", "first_screen_vs_floor", "{:.2f}"),
        ("list cold s", "list_complete_cold_s", "{:.2f}"),
        ("list warm s", "list_complete_warm_s", "{:.3f}"),
        ("open p50/p95 ms", ("open_ms_p50", "open_ms_p95"), "{:.1f}/{:.1f}"),
        ("key p50/p95 ms", ("key_ms_p50", "key_ms_p95"), "{:.1f}/{:.1f}"),
        ("back Esc p50/p95", ("back_escape_ms_p50", "back_escape_ms_p95"), "{:.1f}/{:.1f}"),
        ("back h p50/p95", ("back_h_ms_p50", "back_h_ms_p95"), "{:.1f}/{:.1f}"),
        ("search p50/p95 ms", ("search_ms_p50", "search_ms_p95"), "{:.1f}/{:.1f}"),
        ("typed p50/p95 ms", ("typed_search_ms_p50", "typed_search_ms_p95"), "{:.1f}/{:.1f}"),
        ("RSS MB", "rss_mb", "{:.0f}"),
    ]
    print(
        f"Library benchmark at {SIZE[0]}x{SIZE[1]}; floor: a minimal Textual app, started"
        " between the app's starts"
    )
    header = f"{'articles':>9} " + " ".join(f"{title:>17}" for title, _k, _f in columns)
    print(header)
    for row in rows:
        cells = []
        for _title, key, fmt in columns:
            values = [row[k] for k in key] if isinstance(key, tuple) else [row[key]]
            cells.append(fmt.format(*values))
        print(f"{int(row['articles']):>9} " + " ".join(f"{cell:>17}" for cell in cells))
    largest = max(rows, key=lambda row: row["articles"])
    print(f"targets at {int(largest['articles'])} articles:")
    for key, (target, met) in TARGETS.items():
        value = largest[key]
        print(f"  {key:<24} {value:>9.2f}  {target:<14} {'ok' if met(value) else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000, 10_000])
    parser.add_argument("--json", type=Path, help="where to write the results as JSON")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        rows = [bench_size(count, work) for count in options.n]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    output = options.json or Path(tempfile.gettempdir()) / "briefing-bench-library.json"
    output.write_text(json.dumps({"sizes": rows}, indent=2) + "\n")
    print(f"JSON: {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
