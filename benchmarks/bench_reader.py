"""How the reader copes with a huge article: opening, keys, a burst of keys, memory.

A plain-text article of 10,000 paragraphs (about 5 MB, under the size limit) is written
to a temporary folder, built from the bundled paragraphs with names varied and a heading
every 50 paragraphs. The real `briefing` command runs in an 80x24 pseudo-terminal with
its own cache and config directories (nothing generated is kept):

- first screen: `briefing big.txt`, timed until the reader's status line ("¶ 1/") has
  been drawn; the floor is a minimal Textual app started the same way, its starts
  alternating with the app's (medians compared).
- burst: one second after that first screen (the analysis of the article is running),
  20 `j` sent at once, timed until the status line shows the cursor 20 paragraphs on.
- key press to repaint: `j` and `k` sent one at a time, timed until the app's output for
  each has been written, p50 and p95: first while the article is being analysed (busy),
  then once its analysis is done (the legend shows in the status line).
- open from the library: Escape to the library, Enter, timed until the status line.
- peak RSS of the app process (getrusage of the child).

    python benchmarks/bench_reader.py [--paragraphs 10000] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_library import FLOOR_APP, Terminal, environment, percentile, time_start

from briefing_tui.core.articles import read_article
from briefing_tui.core.locations import bundled_articles_dir
from briefing_tui.core.model import MAX_ARTICLE_BYTES, BlockKind

STARTS = 5
"""Starts of the app with the article, and as many of the floor between them."""
KEY_PRESSES = 60
"""Each of `j` and `k`, one at a time, once the analysis is done."""
BUSY_KEY_PRESSES = 15
"""Each of `j` and `k` while the analysis runs."""
BURST = 20
OPENINGS = 8
HEADING_EVERY = 50
NAMES = ["Rutte", "Scholz", "Macron", "Trump", "Meloni", "Tusk", "Starmer", "Erdogan"]


def write_article(path: Path, paragraphs: int, seed: int = 5) -> int:
    """A plain-text article of `paragraphs` paragraphs, as close to the size limit as the
    paragraphs allow (about 500 bytes each at 10,000); returns its size in bytes."""
    rng = random.Random(seed)
    bank = [
        block.text
        for source in sorted(bundled_articles_dir().glob("*.txt"))
        for block in read_article(source).blocks
        if block.kind is BlockKind.PARAGRAPH
    ]
    budget = int(MAX_ARTICLE_BYTES * 0.97) // paragraphs
    parts = ["date 2025-03-01 Een lang dossier: alle berichten over Poetin en Zelensky."]
    for number in range(paragraphs):
        if number and number % HEADING_EVERY == 0:
            parts.append(f"Deel {number // HEADING_EVERY + 1}")
        text = rng.choice(bank)
        while len(text.encode()) < budget * 0.8:
            text += " " + rng.choice(bank)
        text = text.replace("Poetin", rng.choice(NAMES))
        cut = text.encode()[: int(budget * rng.uniform(0.75, 1.15))].decode(errors="ignore")
        parts.append(cut.rstrip(" ,;") + ".")
    data = ("\n\n".join(parts) + "\n").encode()
    while len(data) > MAX_ARTICLE_BYTES:  # never over the limit: it must open
        parts.pop(-2)
        data = ("\n\n".join(parts) + "\n").encode()
    path.write_bytes(data)
    return len(data)


def status(position: int) -> bytes:
    """The reader's status line with the cursor on paragraph `position` (1-based)."""
    return f"¶ {position}/".encode()


def timed(terminal: Terminal, key: bytes, until: bytes, timeout: float = 60.0) -> float:
    """Milliseconds from sending `key` until `until` is written (inf: not within `timeout`)."""
    terminal.settle()
    sent = time.perf_counter()
    os.write(terminal.fd, key)
    try:
        shown = terminal.wait_for(until, timeout=timeout)
    except TimeoutError:
        return float("inf")
    terminal.settle()
    return (shown - sent) * 1000


def bench(paragraphs: int, work: Path) -> dict[str, float]:
    folder = work / "library"
    folder.mkdir()
    article = folder / "big.txt"
    results: dict[str, float] = {
        "paragraphs": paragraphs,
        "article_mb": write_article(article, paragraphs) / 1_000_000,
    }
    blocks = read_article(article).blocks
    last = sum(block.kind is not BlockKind.HEADING for block in blocks)
    env = environment(work)
    command = [sys.executable, "-m", "briefing_tui", str(article)]

    floors, starts = [], []
    for _ in range(STARTS):
        floors.append(time_start([sys.executable, "-c", FLOOR_APP], env, b"floor app ready")[0])
        starts.append(time_start(command, env, status(1)))
    results["floor_s"] = statistics.median(floors)
    results["first_screen_s"] = statistics.median(seconds for seconds, _rss in starts)
    results["first_screen_vs_floor"] = results["first_screen_s"] / results["floor_s"]

    terminal = Terminal.start(command, env)
    shown = terminal.wait_for(status(1))
    time.sleep(max(0.0, shown + 1.0 - time.perf_counter()))
    sent = time.perf_counter()
    terminal.output.clear()
    os.write(terminal.fd, b"j" * BURST)
    try:
        results["burst_s"] = terminal.wait_for(status(BURST + 1), timeout=60) - sent
    except TimeoutError:
        results["burst_s"] = float("inf")
    busy = [terminal.press(key) for key in (b"j", b"k") for _ in range(BUSY_KEY_PRESSES)]
    results["busy_key_ms_p50"] = statistics.median(busy)
    results["busy_key_ms_p95"] = percentile(busy, 0.95)
    legend = "“quote”".encode()  # in the status line once the analysis is done
    results["analysed_during_busy_keys"] = float(legend in terminal.output)
    if legend not in terminal.output:
        terminal.wait_for(legend, timeout=300)
    results["analysis_done_s"] = time.perf_counter() - shown
    terminal.settle(quiet=0.3)
    keys = [terminal.press(key) for key in (b"j", b"k") for _ in range(KEY_PRESSES)]
    results["key_ms_p50"] = statistics.median(keys)
    results["key_ms_p95"] = percentile(keys, 0.95)
    results["key_ms_max"] = max(keys)
    results["end_ms"] = timed(terminal, b"G", status(last))
    openings = []
    for _ in range(OPENINGS):
        timed(terminal, b"\x1b", b"1 article")
        openings.append(timed(terminal, b"\r", "¶ ".encode()))
    results["open_ms_p50"] = statistics.median(openings)
    results["open_ms_p95"] = percentile(openings, 0.95)
    results["rss_mb"] = max(terminal.stop(), *(rss for _s, rss in starts)) / 1024
    return results


TARGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "first_screen_vs_floor": ("<= 1.3x floor", lambda v: v <= 1.3),
    "burst_s": ("< 1 s", lambda v: v < 1.0),
    "key_ms_p95": ("< 16 ms", lambda v: v < 16),
    "open_ms_p95": ("< 100 ms", lambda v: v < 100),
    "rss_mb": ("< 250 MB", lambda v: v < 250),
}


def print_results(row: dict[str, float]) -> None:
    print(
        f"Reader benchmark: {int(row['paragraphs'])} paragraphs, {row['article_mb']:.1f} MB,"
        " 80x24; floor: a minimal Textual app, started between the app's starts"
    )
    print(
        f"  floor {row['floor_s']:.2f} s, first screen {row['first_screen_s']:.2f} s"
        f" ({row['first_screen_vs_floor']:.2f}x floor)"
    )
    print(f"  burst of {BURST} j one second after: {row['burst_s']:.2f} s to move {BURST}")
    done = (
        "before the last of them"
        if row["analysed_during_busy_keys"]
        else f"{row['analysis_done_s']:.1f} s after the first screen"
    )
    print(
        f"  j/k while the article is analysed p50/p95 {row['busy_key_ms_p50']:.1f}"
        f"/{row['busy_key_ms_p95']:.1f} ms (analysis done {done})"
    )
    print(
        f"  j/k after it p50/p95/max {row['key_ms_p50']:.1f}/{row['key_ms_p95']:.1f}"
        f"/{row['key_ms_max']:.1f} ms; G {row['end_ms']:.1f} ms"
    )
    print(f"  open from the library p50/p95 {row['open_ms_p50']:.1f}/{row['open_ms_p95']:.1f} ms")
    print(f"  peak RSS {row['rss_mb']:.0f} MB")
    print("targets:")
    for key, (target, met) in TARGETS.items():
        value = row[key]
        print(f"  {key:<24} {value:>9.2f}  {target:<14} {'ok' if met(value) else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--json", type=Path, help="where to write the results as JSON")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-reader-"))
    try:
        row = bench(options.paragraphs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_results(row)
    output = options.json or Path(tempfile.gettempdir()) / "briefing-bench-reader.json"
    output.write_text(json.dumps(row, indent=2) + "\n")
    print(f"JSON: {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
