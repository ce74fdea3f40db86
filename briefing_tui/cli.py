"""The `briefing` command: the reader by default, and `check` for article files.

`briefing [PATH ...]` opens the reader; `briefing check [PATH ...]` prints each problem as
`path: reason` and exits 1 if there is any. Textual is imported only when the UI runs,
so the sub-commands stay fast and usable without a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing_tui.command_line import add_config_dir_option
from briefing_tui.core.config import Config, create_default_config, load_config
from briefing_tui.core.library import Library, sibling_articles
from briefing_tui.core.locations import (
    actors_file,
    bundled_articles_dir,
    config_dir,
    config_file,
    notes_dir,
)


class _VersionAction(argparse.Action):
    """--version, with the version looked up only when asked for (see __init__.py)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from briefing_tui import __version__

        parser.exit(message=f"briefing-tui {__version__}\n")


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read news briefings in the terminal. Sub-commands: "
        "check [PATH ...] (report unreadable articles), analyze [--json] [--jobs N] PATH ... "
        '(actors and quotes), search QUERY (words, "phrases", #tag, @actor, date:2025-03), '
        "export [--tag T] [--format markdown|json] [-o FILE] (notes and tags), "
        "paths (show where it writes), serve [--port P | --unix-socket PATH] (in a web browser, "
        "behind a secret token).",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="article files or folders; a single file opens in the reader "
        "(default: the folders in config.toml, else the bundled articles)",
    )
    parser.add_argument("--version", action=_VersionAction)
    add_config_dir_option(parser)
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing check",
        description="Read articles and print every problem as 'path: reason'. "
        "Exit status 1 if there is any.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    add_config_dir_option(parser)
    return parser


def _paths_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing paths",
        description="Print every directory and file briefing-tui writes to (config, notes, "
        "reading state, the search index in the cache directory) and the bundled articles.",
    )
    add_config_dir_option(parser)
    return parser


def library_paths(
    paths: Sequence[Path], config_override: Path | None, config: Config | None = None
) -> tuple[list[Path], list[str]]:
    """The paths to read: as given, else config.toml's folders, else the bundled articles."""
    if paths:
        return list(paths), []
    config = config or load_config(config_file(config_override))
    if config.folders:
        return list(config.folders), list(config.problems)
    return [bundled_articles_dir()], list(config.problems)


def run_check(argv: Sequence[str]) -> int:
    """`briefing check`: problems on stdout as `path: reason`, a summary on stderr."""
    options = _check_parser().parse_args(argv)
    paths, config_problems = library_paths(options.paths, options.config_dir)
    for message in config_problems:
        print(message, file=sys.stderr)
    library = Library.scan(paths)
    for problem in library.problems:
        print(problem)
    count = len(library.articles)
    noun = "article" if count == 1 else "articles"
    if library.problems:
        print(f"{count} {noun} read, {len(library.problems)} with problems", file=sys.stderr)
        return 1
    print(f"{count} {noun} read, no problems", file=sys.stderr)
    return 0


def run_analyze(argv: Sequence[str]) -> int:
    """`briefing analyze [--json] [--jobs N] PATH...`: the analysis as JSON or a summary."""
    from briefing_tui.analyze_command import run_analyze as analyze

    return analyze(argv)


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing export",
        description="Write notes and tagged paragraphs with the paragraph text, article title, "
        "date and path.",
    )
    parser.add_argument(
        "--tag", help="only paragraphs with this tag (exit status 1 if there is none)"
    )
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    add_config_dir_option(parser)
    return parser


def run_export(argv: Sequence[str]) -> int:
    """`briefing export`: the notebook as Markdown or JSON."""
    from briefing_tui.core.notebook import close_tags, collect, to_json, to_markdown
    from briefing_tui.core.notes import NoteStore, clean_tag

    parser = _export_parser()
    options = parser.parse_args(argv)
    if options.tag is not None and not clean_tag(options.tag):
        parser.error("--tag needs a tag name")
    store = NoteStore(notes_dir(options.config_dir))
    entries = collect(store, options.tag)
    if options.tag is not None and not entries:
        # An empty export would look like success: a typo'd tag is the likely reason.
        message = f"briefing export: no paragraph is tagged #{clean_tag(options.tag)}"
        close = close_tags(store, options.tag)
        if close:
            message += " (did you mean " + " or ".join(f"#{tag}" for tag in close) + "?)"
        print(message, file=sys.stderr)
        return 1
    text = to_json(entries) if options.format == "json" else to_markdown(entries)
    if options.output is None:
        sys.stdout.write(text)
    else:
        try:
            options.output.write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"{options.output}: {error.strerror or error}", file=sys.stderr)
            return 1
        count = len(entries)
        print(
            f"{count} paragraph{'s' if count != 1 else ''} written to {options.output}",
            file=sys.stderr,
        )
    return 0


def run_paths(argv: Sequence[str]) -> int:
    """`briefing paths`: every place the app writes to, and the bundled articles it reads."""
    from briefing_tui.core.index import default_index_path
    from briefing_tui.core.reading import reading_file

    options = _paths_parser().parse_args(argv)
    override = options.config_dir
    index = default_index_path()
    places = [
        ("config directory", config_dir(override)),
        ("config file", config_file(override)),
        ("actors file", actors_file(override)),
        ("notes directory", notes_dir(override)),
        ("reading state", reading_file(override)),
        # Not moved by --config-dir: the index is shared, and disposable.
        ("cache directory", index.parent),
        ("search index", index),
        ("bundled articles", bundled_articles_dir()),
    ]
    width = max(len(label) for label, _ in places) + 1
    for label, path in places:
        print(f"{label + ':':<{width}} {path}")
    return 0


def run_serve(argv: Sequence[str]) -> int:
    """`briefing serve`: the reader in a web browser (loopback unless told otherwise)."""
    from briefing_tui.serve import run_serve as serve

    return serve(argv)


def run_search(argv: Sequence[str]) -> int:
    """`briefing search QUERY`: the `/` search of the app, on the command line."""
    from briefing_tui.search_command import run_search as search

    return search(argv)


def run_reader(argv: Sequence[str]) -> int:
    """Open the full-screen reader."""
    from briefing_tui.ui.frames import hold_collector

    hold_collector()  # until the first frame: see briefing_tui/ui/frames.py
    options = _reader_parser().parse_args(argv)
    first_run = create_default_config(config_file(options.config_dir))
    config = load_config(config_file(options.config_dir))
    paths, _ = library_paths(options.paths, options.config_dir, config)
    open_path: Path | None = None
    if len(options.paths) == 1 and options.paths[0].is_file():
        # Like `less FILE`: open the article; its folder is the library behind it.
        open_path = options.paths[0]
        paths = sibling_articles(open_path)
    # Reported even when PATHs are given and the config's folders are not used.
    messages = [*([first_run] if first_run else []), *config.problems]
    # Textual draws a change at the next tick of its frame timer (60 a second unless set):
    # at 120 a key waits at most 8 ms instead of 17 before its repaint. Only changes are
    # drawn, so an idle screen costs nothing more.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from briefing_tui.ui.app import BriefingApp  # Textual loads only when the UI runs.

    app = BriefingApp(
        paths,
        open_path=open_path,
        startup_messages=messages,
        config_dir=options.config_dir,
        config=config,
    )
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `briefing` console script and `python -m briefing_tui`."""
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # `briefing analyze ... | head`: the reader went away; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130  # Ctrl-C: stopped, with the status a shell gives it (128 + SIGINT)


def _dispatch(arguments: list[str]) -> int:
    """A sub-command by its name; anything else (paths, options, nothing) opens the reader."""
    subcommands = {
        "check": run_check,
        "paths": run_paths,
        "analyze": run_analyze,
        "export": run_export,
        "search": run_search,
        "serve": run_serve,
    }
    if arguments and arguments[0] in subcommands:
        return subcommands[arguments[0]](arguments[1:])
    return run_reader(arguments)
