"""`python -m briefing_tui analyze [--json] PATH...` as a subprocess, against its JSON contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLES = REPO_ROOT / "articles"
PULL_QUOTE_ARTICLE = "003_46394a742c6b9fcd"

ARTICLE_KEYS = {"path", "title", "date", "blocks", "entities", "quotes"}
BLOCK_KEYS = {"kind", "text"}
ENTITY_KEYS = {"block", "start", "end", "text", "kind", "name"}
QUOTE_KEYS = {"block", "start", "end", "text", "speaker", "speaker_confidence", "kind"}
BLOCK_KINDS = {"paragraph", "heading", "pullquote"}
ENTITY_KINDS = {"person", "organization", "place"}
QUOTE_KINDS = {"direct", "partial", "scare"}

GOOD_ARTICLE = (
    "date 2025-04\n"
    "De Russische president Poetin sprak zaterdag in Moskou. "
    "„Wij gaan door tot het einde”, zei Poetin.\n"
)


def analyze(config_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the analyze sub-command with BRIEFING_CONFIG_DIR pointing at `config_dir`.

    The XDG folders go next to it, so nothing of the developer's own setup is read even
    from the module-scoped fixture (which runs before the autouse environment fixture).
    """
    env = {
        **os.environ,
        "BRIEFING_CONFIG_DIR": str(config_dir),
        "XDG_CONFIG_HOME": str(config_dir.parent / "xdg-config"),
        "XDG_CACHE_HOME": str(config_dir.parent / "xdg-cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", "analyze", *map(str, args)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def repo_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`analyze --json articles/` on the repository's example articles, parsed."""
    config_dir = tmp_path_factory.mktemp("config")
    result = analyze(config_dir, "--json", ARTICLES)
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def article_named(output: dict[str, Any], stem: str) -> dict[str, Any]:
    matches = [a for a in output["articles"] if Path(a["path"]).stem == stem]
    assert len(matches) == 1, [a["path"] for a in output["articles"]]
    return matches[0]


def test_json_on_the_example_articles_exits_0_with_one_object(tmp_path: Path) -> None:
    result = analyze(tmp_path / "config", "--json", ARTICLES)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert isinstance(output, dict)
    assert set(output) == {"articles"}


def test_json_lists_every_example_article(repo_json: dict[str, Any]) -> None:
    stems = sorted(Path(a["path"]).stem for a in repo_json["articles"])
    assert stems == sorted(path.stem for path in ARTICLES.glob("*.txt"))


def test_json_articles_have_exactly_the_contract_keys(repo_json: dict[str, Any]) -> None:
    for article in repo_json["articles"]:
        assert set(article) == ARTICLE_KEYS
        assert isinstance(article["path"], str)
        assert isinstance(article["title"], str)
        assert article["date"] is None or isinstance(article["date"], str)
        assert all(set(block) == BLOCK_KEYS for block in article["blocks"])
        assert all(set(entity) == ENTITY_KEYS for entity in article["entities"])
        assert all(set(quote) == QUOTE_KEYS for quote in article["quotes"])


def test_json_dates_of_the_example_articles(repo_json: dict[str, Any]) -> None:
    dates = {Path(a["path"]).stem: a["date"] for a in repo_json["articles"]}
    assert dates == {"000_05c47d46c723b48d": "2025-03", PULL_QUOTE_ARTICLE: "2025-04"}


def test_json_block_kinds_are_paragraph_heading_or_pullquote(repo_json: dict[str, Any]) -> None:
    for article in repo_json["articles"]:
        kinds = {block["kind"] for block in article["blocks"]}
        assert kinds <= BLOCK_KINDS
        assert all(isinstance(block["text"], str) for block in article["blocks"])


def test_json_entities_keep_the_offset_contract(repo_json: dict[str, Any]) -> None:
    for article in repo_json["articles"]:
        blocks = article["blocks"]
        assert article["entities"]
        for entity in article["entities"]:
            text = blocks[entity["block"]]["text"]
            assert 0 <= entity["start"] < entity["end"] <= len(text), entity
            assert text[entity["start"] : entity["end"]] == entity["text"], entity
            assert entity["kind"] in ENTITY_KINDS
            assert isinstance(entity["name"], str)


def test_json_quotes_keep_the_offset_contract(repo_json: dict[str, Any]) -> None:
    for article in repo_json["articles"]:
        blocks = article["blocks"]
        assert article["quotes"]
        for quote in article["quotes"]:
            text = blocks[quote["block"]]["text"]
            assert 0 <= quote["start"] < quote["end"] <= len(text), quote
            assert text[quote["start"] : quote["end"]] == quote["text"], quote
            assert quote["kind"] in QUOTE_KINDS
            assert quote["speaker"] is None or isinstance(quote["speaker"], str)
            assert 0.0 <= quote["speaker_confidence"] <= 1.0, quote
            if quote["speaker"] is None:
                assert quote["speaker_confidence"] == 0.0, quote


def test_json_quote_spans_exclude_the_quotation_marks(repo_json: dict[str, Any]) -> None:
    for article in repo_json["articles"]:
        for quote in article["quotes"]:
            text = article["blocks"][quote["block"]]["text"]
            assert quote["start"] > 0
            assert text[quote["start"] - 1] in "„“\"‘'«", quote
            assert quote["text"][0] not in '„“”"‘’«»', quote


def test_json_pull_quote_block_and_its_speaker(repo_json: dict[str, Any]) -> None:
    article = article_named(repo_json, PULL_QUOTE_ARTICLE)
    pull_blocks = [i for i, b in enumerate(article["blocks"]) if b["kind"] == "pullquote"]
    assert len(pull_blocks) == 1
    (pull,) = pull_blocks
    assert article["blocks"][pull]["text"].startswith("„Er is geen vertrouwen")
    speakers = [q["speaker"] for q in article["quotes"] if q["block"] == pull]
    assert speakers == ["Volodymyr Zelensky"]


def test_summary_without_json_is_readable(tmp_path: Path) -> None:
    result = analyze(tmp_path / "config", ARTICLES)
    assert result.returncode == 0, result.stderr
    assert "persons:" in result.stdout or "places:" in result.stdout
    assert "Poetin" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_a_binary_file_is_reported_and_the_good_file_still_analysed(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00\xff\xfe" * 20)
    result = analyze(tmp_path / "config", "--json", folder)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert [Path(a["path"]).name for a in output["articles"]] == ["good.txt"]
    assert "Poetin" in {e["name"] for e in output["articles"][0]["entities"]}
    assert "broken.txt" in result.stderr
    assert "binary" in result.stderr


def test_an_actors_file_suppressing_poetin_removes_him_from_the_json(tmp_path: Path) -> None:
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "actors.toml").write_text('[suppress]\nnames = ["Poetin"]\n', encoding="utf-8")
    result = analyze(config_dir, "--json", ARTICLES)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    names = {e["name"] for a in output["articles"] for e in a["entities"]}
    texts = {e["text"] for a in output["articles"] for e in a["entities"]}
    assert "Poetin" not in names
    assert "Poetin" not in texts
    assert "Moskou" in names  # only the suppressed actor goes


def test_a_broken_actors_file_is_reported_and_the_analysis_still_runs(tmp_path: Path) -> None:
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "actors.toml").write_text("[suppress\n", encoding="utf-8")
    result = analyze(config_dir, "--json", ARTICLES)
    assert result.returncode == 0, result.stderr
    assert "actors.toml" in result.stderr
    names = {e["name"] for a in json.loads(result.stdout)["articles"] for e in a["entities"]}
    assert "Poetin" in names


def test_no_readable_article_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "broken.txt").write_bytes(b"\x00binary")
    result = analyze(tmp_path / "config", "--json", folder)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"articles": []}
