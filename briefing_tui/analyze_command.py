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
import multiprocessing.process
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
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


class _Rendered:
    """The articles rendered in order, by this process or by `jobs` forked ones; as a
    context manager so that the processes are ended however the writing ends (a closed
    pipe, Ctrl-C).

    The articles go out in chunks, dealt round: process k renders chunks k, k + jobs, ...
    and sends each through a pipe of its own, read in chunk order. Nothing is shared
    between the processes but those pipes (no lock a killed process could hold, as in a
    `multiprocessing.Pool`, whose teardown could then hang), and a process whose reader is
    gone gets a broken pipe and ends.
    """

    def __init__(self, articles: Sequence[Article], lexicon: Lexicon, render: Render, jobs: int):
        self.articles = articles
        self.lexicon = lexicon
        self.render = render
        self.jobs = jobs
        self.processes: list[multiprocessing.process.BaseProcess] = []

    def __enter__(self) -> Iterator[str]:
        if self.jobs <= 1:
            return (self.render(article, self.lexicon) for article in self.articles)
        sys.stdout.flush()  # a forked process must not write what this one holds
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        size = max(1, min(CHUNK, len(self.articles) // (4 * self.jobs)))
        chunks = [
            range(start, min(start + size, len(self.articles)))
            for start in range(0, len(self.articles), size)
        ]
        readers: list[Connection] = []
        for number in range(self.jobs):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(
                target=_render_share,
                args=(writer, [*readers, reader], chunks[number :: self.jobs], self),
                daemon=True,
            )
            process.start()
            writer.close()
            readers.append(reader)
            self.processes.append(process)
        return _in_chunk_order(readers, len(chunks))

    def __exit__(self, *_exception: object) -> None:
        for process in self.processes:  # done, or stopped: either way nothing is left to do
            process.kill()
        for process in self.processes:
            process.join()
        self.processes = []


def _in_chunk_order(readers: Sequence[Connection], count: int) -> Iterator[str]:
    for index in range(count):
        yield from readers[index % len(readers)].recv()


def _render_share(
    out: Connection, inherited: Sequence[Connection], chunks: Sequence[range], work: _Rendered
) -> None:
    """Run in a forked process: render its chunks and send each one, in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the main process, which ends this
    for reader in inherited:
        reader.close()  # only the main process reads: a pipe breaks when it goes
    try:
        for chunk in chunks:
            out.send([work.render(work.articles[index], work.lexicon) for index in chunk])
    except (BrokenPipeError, ConnectionResetError):
        pass  # the main process went away (its reader closed): nothing left to do
    finally:
        out.close()
