"""Gold entities and quotes for the two example articles, and the analyser's floors on them.

The gold (tests/data/gold/*.json) follows the annotation conventions of
../shared/eval/heldout/SOURCES.md; its offsets index the blocks the parser produces. The
scoring functions come from benchmarks/analysis_eval.py, so tests and benchmark share one
scorer.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from briefing_tui.core.articles import read_article

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "tests" / "data" / "gold"
ARTICLES_DIR = REPO_ROOT / "articles"
SCORER_PATH = REPO_ROOT / "benchmarks" / "analysis_eval.py"
NAMES = ("000_05c47d46c723b48d", "003_46394a742c6b9fcd")

ENTITY_KINDS = {"person", "organization", "place"}
QUOTE_KINDS = {"direct", "partial", "scare"}
OPENING_MARKS = "„“\"‘'«"
CLOSING_MARKS = "”“\"’'»"

ENTITY_F1_FLOOR = 0.90
QUOTE_F1_FLOOR = 0.95
SPEAKER_ACCURACY_FLOOR = 0.90


def load_scorer() -> ModuleType:
    """benchmarks/analysis_eval.py as a module (it is a script, not a package)."""
    name = "analysis_eval"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCORER_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def load_gold(name: str) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return gold


def block_texts(name: str) -> list[str]:
    return [block.text for block in read_article(ARTICLES_DIR / f"{name}.txt").blocks]


# --------------------------------------------------------------------------- the gold itself


@pytest.mark.parametrize("name", NAMES)
def test_gold_spans_match_the_parsed_blocks(name: str) -> None:
    gold = load_gold(name)
    blocks = block_texts(name)
    for group in ("entities", "optional", "quotes"):
        for span in gold[group]:
            assert 0 <= span["block"] < len(blocks), (group, span)
            text = blocks[span["block"]]
            assert 0 <= span["start"] < span["end"] <= len(text), (group, span)
            assert text[span["start"] : span["end"]] == span["text"], (group, span)


@pytest.mark.parametrize("name", NAMES)
def test_gold_entities_are_well_formed(name: str) -> None:
    gold = load_gold(name)
    entities = gold["entities"]
    assert entities
    for entity in entities:
        assert entity["kind"] in ENTITY_KINDS, entity
        assert entity["text"] == entity["text"].strip(), entity
        # The name is the fullest form: it ends in the mention's last word (a Dutch genitive
        # s written onto the name stays in the span but not in the name).
        last = entity["text"].split()[-1]
        assert entity["name"].split()[-1] in (last, last.removesuffix("s")), entity
    spans = sorted((e["block"], e["start"], e["end"]) for e in entities + gold["optional"])
    for (b1, _, end1), (b2, start2, _) in itertools.pairwise(spans):
        assert b1 != b2 or end1 <= start2, "entity and optional spans must not overlap"


@pytest.mark.parametrize("name", NAMES)
def test_gold_quotes_sit_between_quote_marks(name: str) -> None:
    gold = load_gold(name)
    blocks = block_texts(name)
    assert gold["quotes"]
    for quote in gold["quotes"]:
        text = blocks[quote["block"]]
        assert quote["kind"] in QUOTE_KINDS, quote
        assert text[quote["start"] - 1] in OPENING_MARKS, quote
        assert text[quote["end"]] in CLOSING_MARKS, quote
        if quote["kind"] == "scare":
            assert quote["speaker"] is None, quote
        else:
            assert quote["speaker"], quote


def test_gold_scores_perfectly_against_itself() -> None:
    scorer = load_scorer()
    for name in NAMES:
        gold = load_gold(name)
        result = scorer.score_example(gold, gold["entities"], gold["quotes"], block_texts(name))
        assert result.summary() == {
            "entity_f1": 1.0,
            "quote_f1": 1.0,
            "speaker_accuracy": 1.0,
            "quote_kind_accuracy": 1.0,
        }
        assert result.block_mismatches == []


# --------------------------------------------------------------------------- the analyser


def test_analyser_meets_the_floors_on_the_example_articles() -> None:
    try:
        analysis = importlib.import_module("briefing_tui.core.analysis")
    except ModuleNotFoundError as error:
        if error.name not in ("briefing_tui.core.analysis", "briefing_tui.core"):
            raise
        pytest.skip("analyser not built yet")
    analyze_article = getattr(analysis, "analyze_article", None)
    if analyze_article is None:
        pytest.skip("analyser not built yet")

    scorer = load_scorer()
    total = scorer.ExampleResult()
    for name in NAMES:
        article = read_article(ARTICLES_DIR / f"{name}.txt")
        result = analyze_article(article)
        blocks = [block.text for block in article.blocks]
        one = scorer.score_example(load_gold(name), result.entities, result.quotes, blocks)
        total.add(name, one)

    report = scorer.format_examples(total)
    entity_f1 = total.entities.typed.f1
    quote_f1 = total.quotes.detection.f1
    speaker_accuracy = total.quotes.speaker.value
    assert entity_f1 >= ENTITY_F1_FLOOR, report
    assert quote_f1 >= QUOTE_F1_FLOOR, report
    assert speaker_accuracy >= SPEAKER_ACCURACY_FLOOR, report
