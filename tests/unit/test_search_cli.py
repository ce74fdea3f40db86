"""`briefing search QUERY` on the command line: the app's search, printed."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]

APRIL = "003_46394a742c6b9fcd.txt"


def test_search_prints_title_place_and_marked_words(run_briefing: Run, articles_dir: Path) -> None:
    result = run_briefing("search", "-p", str(articles_dir), "Oekraine", "date:2025-04")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2025-04  Het was een historische aankondiging")
    assert APRIL in lines[1] and "¶" in lines[1]
    assert "**Oekraïne**" in result.stdout
    assert "2025-03" not in result.stdout
    assert "paragraph" in result.stderr


def test_search_json_gives_offsets_into_the_paragraph(
    run_briefing: Run, articles_dir: Path
) -> None:
    result = run_briefing("search", "-p", str(articles_dir), "--json", '"staakt het vuren"')

    data = json.loads(result.stdout)
    assert data["hits"]
    for hit in data["hits"]:
        marked = [hit["text"][start:end] for start, end in hit["highlights"]]
        assert marked and all(word.casefold() == "staakt-het-vuren" for word in marked)


def test_search_with_an_actor_finds_the_actors_first(run_briefing: Run, articles_dir: Path) -> None:
    result = run_briefing("search", "-p", str(articles_dir), "--json", "@zelensky")

    hits = json.loads(result.stdout)["hits"]
    assert hits and all(Path(hit["path"]).name == APRIL for hit in hits)
    assert "finding actors" in result.stderr


def test_search_without_a_match_exits_1(run_briefing: Run, articles_dir: Path) -> None:
    result = run_briefing("search", "-p", str(articles_dir), "zzzgeenwoord")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no paragraph matches" in result.stderr


def test_search_says_the_total_even_beyond_the_limit(run_briefing: Run, articles_dir: Path) -> None:
    shown = run_briefing("search", "-p", str(articles_dir), "--limit", "3", "Oekraine")
    every = run_briefing("search", "-p", str(articles_dir), "--json", "Oekraine")

    hits = json.loads(every.stdout)["hits"]
    total = f"{len(hits)} paragraphs in {len({hit['path'] for hit in hits})} articles"
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("¶ ") == 3
    assert f"{total} (the newest 3 shown" in shown.stderr
    limited = json.loads(
        run_briefing("search", "-p", str(articles_dir), "--json", "--limit", "3", "Oekraine").stdout
    )
    assert limited["more"] is True
    assert limited["count"] == {"paragraphs": len(hits), "articles": 2}
