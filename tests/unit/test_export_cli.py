"""`python -m briefing_tui export` and `paths` as subprocesses, on notes seeded with NoteStore."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core.articles import read_article
from briefing_tui.core.notes import Anchor, Annotation, NoteStore, article_key

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (REPO_ROOT / "articles" / "003_46394a742c6b9fcd.txt").resolve()
PARAGRAPH = 1
KYIV = "Kyiv reageerde met scepsis"
NOTE = "Zelensky wantrouwt het bestand"
TAGS = ("koersk", "voorwaarden")
JSON_KEYS = {"article", "date", "path", "paragraph", "tags", "note"}


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m briefing_tui ARGS` from the checkout, in the isolated environment."""
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    """A config dir with one note and two tags on paragraph 1 of the April article."""
    config = tmp_path / "cfg"
    article = read_article(ARTICLE)
    anchor = Anchor.of(PARAGRAPH, article.blocks[PARAGRAPH].text)
    NoteStore(config / "notes").save(
        article_key(article),
        [Annotation.new(anchor, NOTE, TAGS)],
        title=article.title,
        path=str(ARTICLE),
        date=article.date.iso() if article.date else "",
    )
    return config


def test_export_markdown_has_title_paragraph_tags_and_note(cfg: Path) -> None:
    result = briefing("export", "--config-dir", cfg)

    assert result.returncode == 0, result.stderr
    article = read_article(ARTICLE)
    assert article.title in result.stdout
    assert KYIV in result.stdout
    assert "#koersk" in result.stdout
    assert "#voorwaarden" in result.stdout
    assert NOTE in result.stdout


def test_export_json_is_a_list_of_paragraphs(cfg: Path) -> None:
    result = briefing("export", "--config-dir", cfg, "--format", "json")

    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert isinstance(entries, list)
    assert len(entries) == 1
    entry = entries[0]
    assert set(entry) >= JSON_KEYS
    assert entry["article"] == read_article(ARTICLE).title
    assert entry["date"] == "2025-04"
    assert entry["path"] == str(ARTICLE)
    assert entry["paragraph"].startswith(KYIV)
    assert entry["tags"] == list(TAGS)
    assert entry["note"] == NOTE


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_export_with_an_unused_tag_says_so_and_fails(cfg: Path, fmt: str) -> None:
    result = briefing("export", "--config-dir", cfg, "--tag", "other", "--format", fmt)

    assert result.returncode == 1
    assert result.stdout == ""
    assert "no paragraph is tagged #other" in result.stderr


def test_export_with_a_mistyped_tag_names_the_close_ones(cfg: Path) -> None:
    result = briefing("export", "--config-dir", cfg, "--tag", "#Koers")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "briefing export: no paragraph is tagged #koers (did you mean #koersk?)"
    )


def test_export_with_an_unused_tag_leaves_the_output_file_alone(cfg: Path, tmp_path: Path) -> None:
    output = tmp_path / "notes.md"
    output.write_text("yesterday's export\n", encoding="utf-8")
    result = briefing("export", "--config-dir", cfg, "--tag", "other", "-o", output)

    assert result.returncode == 1
    assert output.read_text(encoding="utf-8") == "yesterday's export\n"


def test_export_markdown_keeps_the_lines_of_a_note(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    config = tmp_path / "cfg"
    article = read_article(ARTICLE)
    NoteStore(config / "notes").save(
        article_key(article),
        [Annotation.new(Anchor.of(PARAGRAPH, article.blocks[PARAGRAPH].text), "één\ntwee\ndrie")],
        title=article.title,
        path=str(ARTICLE),
    )
    result = briefing("export", "--config-dir", config)

    assert result.returncode == 0, result.stderr
    html = MarkdownIt("commonmark").render(result.stdout)
    assert "<p>één<br />\ntwee<br />\ndrie</p>" in html


def test_export_with_a_used_tag_keeps_the_paragraph(cfg: Path) -> None:
    result = briefing("export", "--config-dir", cfg, "--tag", "#koersk", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert [entry["note"] for entry in json.loads(result.stdout)] == [NOTE]


def test_export_to_a_file_says_how_many_paragraphs(cfg: Path, tmp_path: Path) -> None:
    output = tmp_path / "notes.md"
    result = briefing("export", "--config-dir", cfg, "-o", output)

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    text = output.read_text(encoding="utf-8")
    assert KYIV in text
    assert NOTE in text
    assert "1 paragraph " in result.stderr
    assert str(output) in result.stderr


def test_export_without_notes_succeeds_with_nothing(tmp_path: Path) -> None:
    result = briefing("export", "--config-dir", tmp_path / "empty", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_paths_prints_the_notes_directory_under_the_config_dir(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    result = briefing("paths", "--config-dir", config)

    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("notes directory:")]
    assert len(lines) == 1
    notes = Path(lines[0].split(":", 1)[1].strip())
    assert notes == config / "notes"
    assert notes.is_relative_to(config)
