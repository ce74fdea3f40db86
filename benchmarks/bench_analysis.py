"""How fast the analysis is, and how fast an article opens in the reader.

Prints a table and, with --json, one JSON object. Figures:

- analysis throughput: articles of about 600 words analysed per second on one core (the
  cache is bypassed), built from the bundled articles with names and lengths varied;
- floor: the same texts only split into words by one regular expression, the least any
  analysis must do, measured in the same run;
- open article: show an article in the real reader (layout + analysis + drawing the
  visible lines), p50 and p95 over many openings with a cold analysis cache;
- end to end: the real `python -m briefing_tui analyze --json FOLDER` in a subprocess on
  a folder of 2,000 such articles written as plain-text files (with dates), its output
  written to a file: reading, parsing, analysis and JSON output all count. Start-up
  (the interpreter, imports, lexicons) is excluded by running the same command on a
  folder holding one of those articles: (N - 1) articles / (time for N - time for 1).
  Wall-clock time, best of a few runs of each (the machine is shared; the best run is
  the code's speed); the command's CPU time (its processes' user + system) is given too.
  The command analyses in one process per core; it is run with `--jobs 1` too, to show
  what one core does end to end (no target: one core analyses ~1,000 articles a second).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing_tui.core.analysis import analyze, analyze_article, analyze_blocks
from briefing_tui.core.analysis.lexicon import builtin_lexicon
from briefing_tui.core.articles import read_article
from briefing_tui.core.locations import bundled_articles_dir
from briefing_tui.core.model import Article, Block, BlockKind

TARGET_WORDS = 600
ANALYSIS_TARGET = 1000.0
"""Articles of 600 words per second, analysis alone on one core."""
END_TO_END_TARGET = 1000.0
"""Articles per second through `briefing analyze --json FOLDER`, start-up excluded."""
OPEN_P95_TARGET = 50.0
"""Milliseconds to open an article, p95."""
END_TO_END_RUNS = 3
SWAPS = [
    ("Poetin", "Rutte"),
    ("Zelensky", "Scholz"),
    ("Moskou", "Berlijn"),
    ("Trump", "Macron"),
    ("Oekraïne", "Polen"),
    ("Kremlin", "Elysée"),
    ("Witkoff", "Barnier"),
    ("NAVO", "VN"),
]


def synthetic_articles(count: int, seed: int = 7) -> list[Article]:
    """Articles of about 600 words: bundled paragraphs shuffled, names swapped."""
    rng = random.Random(seed)
    sources = [read_article(path) for path in sorted(bundled_articles_dir().glob("*.txt"))]
    paragraphs = [block for article in sources for block in article.blocks]
    articles = []
    for number in range(count):
        blocks: list[Block] = []
        words = 0
        while words < TARGET_WORDS:
            block = rng.choice(paragraphs)
            text = block.text
            for old, new in rng.sample(SWAPS, 3):
                text = text.replace(old, new)
            # Swapped names change lengths, so pull quotes become plain paragraphs here.
            kind = BlockKind.PARAGRAPH if block.kind is BlockKind.PULLQUOTE else block.kind
            blocks.append(Block(kind, text))
            words += len(text.split())
        articles.append(
            Article(Path(f"synthetic-{number}.txt"), f"Synthetic {number}", tuple(blocks))
        )
    return articles


def _cpu_seconds(run: Callable[[], None]) -> float:
    """CPU time of one run of `run` (process time: other processes do not count)."""
    start = time.process_time()
    run()
    return time.process_time() - start


def bench_throughput(articles: list[Article]) -> dict[str, float]:
    """Articles per second for the analysis alone, and for the word-split floor."""
    lexicon = builtin_lexicon()
    analyze_blocks([block.text for block in articles[0].blocks], None, lexicon)  # warm up
    texts = [[block.text for block in article.blocks] for article in articles]
    words = sum(len(" ".join(blocks).split()) for blocks in texts) / len(texts)
    word = re.compile(r"\w+")

    def analysis_run() -> None:
        for blocks in texts:
            analyze_blocks(blocks, None, lexicon)

    def floor_run() -> None:
        for blocks in texts:
            for text in blocks:
                word.findall(text)

    # Best of three: this machine shares its cores, and the best run is the code's speed.
    analysis_seconds = min(_cpu_seconds(analysis_run) for _ in range(3))
    floor_seconds = min(_cpu_seconds(floor_run) for _ in range(3))
    return {
        "articles": len(texts),
        "words_per_article": round(words, 1),
        "analysis_articles_per_second": round(len(texts) / analysis_seconds, 1),
        "floor_articles_per_second": round(len(texts) / floor_seconds, 1),
    }


def write_folder(articles: list[Article], folder: Path) -> None:
    """The articles as plain-text files with varied dates, as a briefing folder holds them."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, article in enumerate(articles):
        date = f"date 2025-{1 + number % 12:02d}-{1 + number % 28:02d}"
        body = "\n\n".join(block.text for block in article.blocks)
        path = folder / f"{number:05d}-synthetic.txt"
        path.write_text(f"{date} {body}\n", encoding="utf-8")


def _run_analyze(
    folder: Path, output: Path, env: dict[str, str], extra: list[str]
) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system of the command and its children) of one
    `python -m briefing_tui analyze --json FOLDER` writing to `output`."""
    command = [sys.executable, "-m", "briefing_tui", "analyze", "--json", *extra, str(folder)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with output.open("wb") as sink:
        subprocess.run(command, stdout=sink, stderr=subprocess.DEVNULL, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def bench_end_to_end(
    count: int, extra: list[str] | None = None, label: str = ""
) -> dict[str, float]:
    """Articles per second through the real `analyze --json` command, start-up excluded.

    The articles all differ (none is served from a cache).
    """
    extra = extra or []
    many = synthetic_articles(count, seed=11)
    with tempfile.TemporaryDirectory(prefix="bench-analyze-") as temporary:
        root = Path(temporary)
        write_folder(many, root / "many")
        write_folder(many[:1], root / "one")
        env = {
            **os.environ,
            "BRIEFING_CONFIG_DIR": str(root / "config"),
            "XDG_CONFIG_HOME": str(root / "xdg-config"),
            "XDG_CACHE_HOME": str(root / "xdg-cache"),
        }
        output = root / "out.json"
        _run_analyze(root / "one", output, env, extra)  # warm the file system caches
        one_runs, many_runs = [], []
        for _ in range(END_TO_END_RUNS):  # alternated: a machine slowing down slows both
            one_runs.append(_run_analyze(root / "one", output, env, extra))
            many_runs.append(_run_analyze(root / "many", output, env, extra))
        written = json.loads(output.read_text(encoding="utf-8"))
        assert len(written["articles"]) == count, "analyze --json lost articles"
    one_wall = min(wall for wall, _ in one_runs)
    many_wall = min(wall for wall, _ in many_runs)
    one_cpu = min(cpu for _, cpu in one_runs)
    many_cpu = min(cpu for _, cpu in many_runs)
    return {
        f"end_to_end{label}_articles": count,
        f"end_to_end{label}_startup_s": round(one_wall, 3),
        f"end_to_end{label}_articles_per_second": round((count - 1) / (many_wall - one_wall), 1),
        f"end_to_end{label}_cpu_articles_per_second": round((count - 1) / (many_cpu - one_cpu), 1),
    }


async def bench_open(articles: list[Article], openings: int) -> dict[str, float]:
    """Milliseconds to show an article in the reader: layout, analysis, visible lines."""
    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.screens.reader import ReaderScreen
    from briefing_tui.ui.widgets.article_view import ArticleView

    app = BriefingApp([bundled_articles_dir()])
    timings: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.query_one(ArticleView)
        lexicon = app.lexicon_source.current()
        for number in range(openings):
            article = articles[number % len(articles)]
            analyze._cache.clear()  # cold: every opening analyses
            start = time.perf_counter()
            view.show_article(article)
            view.set_analysis(analyze_article(article, lexicon))
            for y in range(view.size.height):
                view.render_line(y)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "openings": openings,
        "open_ms_p50": round(statistics.median(timings), 2),
        "open_ms_p95": round(timings[int(0.95 * (len(timings) - 1))], 2),
    }


def _mark(met: bool) -> str:
    return "ok" if met else "MISSED"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; print a table, or JSON with --json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--openings", type=int, default=200)
    parser.add_argument(
        "--end-to-end", type=int, default=2000, metavar="N", help="articles in the folder (0: skip)"
    )
    parser.add_argument(
        "--one-process",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run the end-to-end command with --jobs 1",
    )
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    articles = synthetic_articles(options.articles)
    results = bench_throughput(articles)
    results.update(asyncio.run(bench_open(articles, options.openings)))
    if options.end_to_end:
        results.update(bench_end_to_end(options.end_to_end))
        if options.one_process:
            results.update(bench_end_to_end(options.end_to_end, ["--jobs", "1"], "_one_process"))
    if options.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return 0
    analysis = results["analysis_articles_per_second"]
    floor = results["floor_articles_per_second"]
    print("Analysis benchmark")
    print(
        f"  articles analysed           {results['articles']} "
        f"(~{results['words_per_article']:.0f} words each)"
    )
    print(
        f"  analysis (one core)         {analysis:>8.1f} articles/s   "
        f"(target >= {ANALYSIS_TARGET:,.0f}) {_mark(analysis >= ANALYSIS_TARGET)}"
    )
    print(
        f"  floor (regex word split)    {floor:>8.1f} articles/s   "
        f"(analysis / floor {analysis / floor:.4f})"
    )
    p95 = results["open_ms_p95"]
    print(
        f"  open article p50 / p95      {results['open_ms_p50']:>6.2f} / "
        f"{p95:.2f} ms   (target p95 < {OPEN_P95_TARGET:.0f}) {_mark(p95 < OPEN_P95_TARGET)}"
    )
    if options.end_to_end:
        rate = results["end_to_end_articles_per_second"]
        print(
            f"  analyze --json, {results['end_to_end_articles']:,} files "
            f"{rate:>8.1f} articles/s   (target >= {END_TO_END_TARGET:,.0f}) "
            f"{_mark(rate >= END_TO_END_TARGET)}"
        )
        print(
            f"    start-up (1 file)         {results['end_to_end_startup_s']:>8.3f} s;  "
            f"CPU time: {results['end_to_end_cpu_articles_per_second']:.1f} articles per CPU-second"
        )
    if options.end_to_end and options.one_process:
        print(
            f"    in one process (--jobs 1) "
            f"{results['end_to_end_one_process_articles_per_second']:>8.1f} articles/s;  "
            f"{results['end_to_end_one_process_cpu_articles_per_second']:.1f} per CPU-second"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
