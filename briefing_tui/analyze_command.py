"""`briefing analyze [--json] [--jobs N] PATH...`: actors and quotes of many articles.

Every file is read first, in the order the library reads them, and its problems are
printed (on stderr, before any output, as they always were). Then the articles are
analysed in path order and each one is written out as soon as it is done, so the output
of a large folder is never held in memory as one object.

A large folder is analysed by several processes (one per core by default; `--jobs 1`
keeps it in this one). They are forked after reading, so they share the articles and
the lexicons without copying them; each sends back its articles already encoded, and
they are written in path order, so the output is the same whatever the number of
processes. The analysis is four fifths of the time of the whole command in one process
(reading and parsing about 0.11 ms an article, writing 0.08 ms, the analysis 0.75 ms on
a quiet core), so only more cores make the command faster than the analysis alone.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from briefing_tui.command_line import add_config_dir_option
from briefing_tui.core.analysis.lexicon import Lexicon, builtin_lexicon, load_user_actors
from briefing_tui.core.analysis.report import (
    analysis_summary,
    article_json_text,
    write_analysis_json,
)
from briefing_tui.core.library import read_articles
from briefing_tui.core.locations import actors_file
from briefing_tui.core.model import Article

ARTICLES_PER_PROCESS = 25
"""A process is started for at least this many articles: starting one costs about as
much as analysing a handful of articles."""
CHUNK = 32
"""Articles handed to a process at a time, at most: fewer, larger messages cost less (8
took 5-10% more CPU time than 32), and each process gets at least four turns, so they
finish close together."""

Render = Callable[[Article, Lexicon], str]


def analyze_parser() -> argparse.ArgumentParser:
    """The sub-command's options."""
    parser = argparse.ArgumentParser(
        prog="briefing analyze",
        description="Find the actors (persons, organisations, places) and the quotes with "
        "their speakers in articles.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        metavar="N",
        help="analyse in N processes (default: one per core for a large folder; "
        "1 keeps it in one); the output is the same",
    )
    add_config_dir_option(parser)
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"needs a whole number of 1 or more, not {value!r}")
    return number


def run_analyze(argv: Sequence[str]) -> int:
    """Read, print the problems, analyse and write; exit status 1 if no article was read."""
    options = analyze_parser().parse_args(argv)
    articles, problems = read_articles(options.paths, guess_language=False)
    for problem in problems:
        print(problem, file=sys.stderr)
    lexicon = load_lexicon(options.config_dir)
    articles.sort(key=lambda article: str(article.path))
    # What exists now lives until the end: the collector need not look at it again. (The
    # analysis makes no cycles; it pauses the collector itself while it runs.)
    gc.freeze()
    render: Render = article_json_text if options.json else _summary
    jobs = processes_for(len(articles), options.jobs)
    with _Rendered(articles, lexicon, render, jobs) as texts:
        if options.json:
            write_analysis_json(texts, sys.stdout)
        else:
            for text in texts:
                print(text)
    return 1 if not articles else 0


def load_lexicon(config_override: Path | None) -> Lexicon:
    """The built-in lexicons with the user's actors.toml corrections on top."""
    user = load_user_actors(actors_file(config_override))
    for problem in user.problems:
        print(problem, file=sys.stderr)
    return builtin_lexicon().with_user(user)


def _summary(article: Article, lexicon: Lexicon) -> str:
    return analysis_summary(article, lexicon, cached=False)


def processes_for(count: int, asked: int | None) -> int:
    """How many processes analyse `count` articles: as asked, else one per usable core,
    but never more than there are shares of ARTICLES_PER_PROCESS, and one where
    processes cannot be forked (they would have to load everything again) or forking is
    not safe (macOS, whose system libraries may hold threads)."""
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if asked is not None:
        return max(1, min(asked, count))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cores = os.cpu_count() or 1
    return max(1, min(cores, count // ARTICLES_PER_PROCESS))


_work: tuple[Sequence[Article], Lexicon, Render] | None = None
"""What forked processes analyse: set just before they are forked, so they inherit it."""


class _Rendered:
    """The articles rendered in order, by this process or by `jobs` forked ones; as a
    context manager so that the processes are ended however the writing ends (a closed
    pipe, Ctrl-C)."""

    def __init__(self, articles: Sequence[Article], lexicon: Lexicon, render: Render, jobs: int):
        self.articles = articles
        self.lexicon = lexicon
        self.render = render
        self.jobs = jobs
        self.pool: multiprocessing.pool.Pool | None = None

    def __enter__(self) -> Iterator[str]:
        if self.jobs <= 1:
            return (self.render(article, self.lexicon) for article in self.articles)
        global _work
        _work = (self.articles, self.lexicon, self.render)
        sys.stdout.flush()  # a forked process must not write what this one holds
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        self.pool = context.Pool(self.jobs, initializer=_ignore_interrupt)
        chunk = max(1, min(CHUNK, len(self.articles) // (4 * self.jobs)))
        return self.pool.imap(_render_at, range(len(self.articles)), chunksize=chunk)

    def __exit__(self, *_exception: object) -> None:
        global _work
        if self.pool is not None:
            self.pool.terminate()  # done, or stopped: either way nothing is left to do
            self.pool.join()
            self.pool = None
        _work = None


def _ignore_interrupt() -> None:
    """Ctrl-C stops the command in its main process, which ends the others quietly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_at(index: int) -> str:
    """Run in a forked process: one article of the inherited work, rendered."""
    assert _work is not None
    articles, lexicon, render = _work
    return render(articles[index], lexicon)
