"""`briefing search QUERY`: the search of the `/` screen, printed on the command line.

The same index, the same query language and the same order as the app, so a result
found here is found there. The index is brought up to date first (only changed files
are read); with an `@actor` filter, articles not analysed yet are analysed first.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing_tui.core.index import (
    DEFAULT_LIMIT,
    LibraryIndex,
    analysis_stamp,
    default_index_path,
    entity_mentions,
)
from briefing_tui.core.locations import actors_file, notes_dir
from briefing_tui.core.model import paragraph_label
from briefing_tui.core.safety import display_path
from briefing_tui.core.search import SearchHit
from briefing_tui.core.search_query import excerpt, parse_query

EXCERPT_CHARS = 300


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing search",
        description='Search every article: words, "phrases", #tag (paragraphs so tagged), '
        "@actor (paragraphs naming a person, organisation or place), date:2025-03; "
        "all parts must match. Exit status 1 if nothing matches.",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY")
    parser.add_argument(
        "-p",
        "--path",
        action="append",
        type=Path,
        dest="paths",
        metavar="PATH",
        help="article file or folder to search (repeatable; default: the folders in "
        "config.toml, else the bundled articles)",
    )
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="most results shown")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help="use DIR for config and notes (default: the platform config dir)",
    )
    return parser


def _marked(hit: SearchHit, styled: bool) -> str:
    """The paragraph excerpt with matched words in reverse video, or **between stars**."""
    text, spans = excerpt(hit.text, hit.highlights, EXCERPT_CHARS)
    start_mark, end_mark = ("\x1b[1;7m", "\x1b[0m") if styled else ("**", "**")
    parts: list[str] = []
    position = 0
    for start, end in spans:
        if start < position:
            continue
        parts += [text[position:start], start_mark, text[start:end], end_mark]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def run_search(argv: Sequence[str]) -> int:
    """Print the paragraphs matching the query, best first."""
    from briefing_tui.cli import library_paths

    options = _parser().parse_args(argv)
    paths, config_problems = library_paths(options.paths or [], options.config_dir)
    for message in config_problems:
        print(message, file=sys.stderr)
    query = parse_query(" ".join(options.query))
    index = LibraryIndex(default_index_path())
    try:
        index.refresh(paths, notes_dir(options.config_dir))
        actors = actors_file(options.config_dir)
        stamp = analysis_stamp(actors)
        if query.actors and index.pending_analysis(stamp):
            print(
                f"finding actors in {index.pending_analysis(stamp)} articles (once)…",
                file=sys.stderr,
            )
            index.analyse_pending(stamp, entity_mentions(actors))
        result = index.search(query, paths, limit=max(1, options.limit))
        count = result.known_count() or index.count(query, paths)
    finally:
        index.close()
    if options.json:
        json.dump(
            {
                "query": query.describe(),
                "more": result.more,
                "count": {"paragraphs": count.paragraphs, "articles": count.articles},
                "hits": [
                    {
                        "path": str(hit.path),
                        "title": hit.title,
                        "date": hit.date,
                        "paragraph": hit.paragraph,
                        "block_index": hit.block,
                        "text": hit.text,
                        "highlights": [list(span) for span in hit.highlights],
                        "note": hit.note,
                        "tags": list(hit.tags),
                    }
                    for hit in result.hits
                ],
            },
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return 0 if result.hits else 1
    styled = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for hit in result.hits:
        print(f"{hit.date or 'undated'}  {hit.title}")
        print(f"  {display_path(hit.path)} {paragraph_label(hit.paragraph)}")
        print(f"  {_marked(hit, styled)}")
        if hit.tags or hit.note:
            extras = [f"#{tag}" for tag in hit.tags] + ([f"note: {hit.note}"] if hit.note else [])
            print("  " + "  ".join(extras))
        print()
    if not result.hits:
        print("no paragraph matches", file=sys.stderr)
        return 1
    more = ""
    if result.more:
        more = f" (the newest {len(result.hits):,} shown: raise --limit above {options.limit})"
    print(f"{count.describe()}{more}", file=sys.stderr)
    return 0
