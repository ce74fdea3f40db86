"""Reading the PolNeAR corpus and running the analyser on its texts, for the PolNeAR scripts.

PolNeAR (networkdynamics/PolNeAR) is not part of this project and nothing of it ships: the
scripts read it from the path given and write its texts only to temporary folders. Its
annotations are brat standoff files: `T` lines are spans ("T3<TAB>Content 12 20;25 30<TAB>
text"), `E` lines tie a Cue to its Source and Content ("E1<TAB>Cue:T2 Source:T1 Content:T3").
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BATCH = 200
"""Articles per `analyze --json` run (keeps each command line short)."""


@dataclass
class Span:
    """One annotated span: its kind (Source, Cue, Content), its pieces and its text."""

    kind: str
    pieces: list[tuple[int, int]]
    text: str


@dataclass
class Attribution:
    """A Source and the Content attributed to it."""

    source: str
    source_start: int
    content: list[tuple[int, int]]


def _pieces(field: str) -> list[tuple[int, int]]:
    """'12 20;25 30' -> [(12, 20), (25, 30)] (brat discontinuous spans)."""
    pieces = []
    for part in field.split(";"):
        start, end = part.split()
        pieces.append((int(start), int(end)))
    return pieces


def read_brat(path: Path) -> tuple[dict[str, Span], list[dict[str, str]]]:
    """The spans of a .ann file by id, and its events as role -> span id."""
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, _, where = parts[1].partition(" ")
            spans[parts[0]] = Span(kind, _pieces(where), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(
                {
                    role.rstrip("0123456789"): ref
                    for role, _, ref in (item.partition(":") for item in parts[1].split())
                }
            )
    return spans, events


def attributions(path: Path) -> list[Attribution]:
    """The attributions of one .ann file that have a Source and a Content."""
    spans, events = read_brat(path)
    found = []
    for event in events:
        source = spans.get(event.get("Source", ""))
        content = spans.get(event.get("Content", ""))
        if source is not None and content is not None:
            found.append(Attribution(source.text, source.pieces[0][0], content.pieces))
    return found


def content_pieces(path: Path) -> list[tuple[int, int]]:
    """Every piece of every Content span of one .ann file, attributed or not."""
    spans, _ = read_brat(path)
    return [piece for span in spans.values() if span.kind == "Content" for piece in span.pieces]


def analyze_json(paths: list[Path], python: str, project: Path) -> dict[str, dict[str, Any]]:
    """`python -m briefing_tui analyze --json` on the files, in batches: file name -> its
    article object."""
    results: dict[str, dict[str, Any]] = {}
    for first in range(0, len(paths), BATCH):
        batch = [str(path) for path in paths[first : first + BATCH]]
        run = subprocess.run(
            [python, "-m", "briefing_tui", "analyze", "--json", *batch],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        if not run.stdout.strip():
            raise SystemExit(f"analyze failed: {run.stderr[-2000:]}")
        for article in json.loads(run.stdout)["articles"]:
            results[Path(article["path"]).name] = article
    return results
