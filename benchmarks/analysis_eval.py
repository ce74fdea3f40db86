"""Score the actor (named entity) and quote analyser against gold annotations.

Two data sets:

- ``conll``: the CoNLL-2002 Dutch NER benchmark in ``../shared/eval/conll2002-nl``. Each
  document is written as a plain-text article (one sentence a paragraph) and run through
  ``python -m briefing_tui analyze --json``; blocks are mapped back to sentences and the
  predicted entities are scored by exact span and type (person/organization/place against
  PER/ORG/LOC). Predictions overlapping a MISC span are ignored. An untyped exact-span score
  and per-type scores are reported beside it.
- ``examples``: the two bundled example articles against ``tests/data/gold/*.json``:
  entities (exact span and kind; predictions overlapping an optional span are ignored),
  quote detection (a predicted quote matches a gold one in the same block when they share at
  least half of the longer one's characters), speaker accuracy over matched gold quotes that
  have a speaker, and quote kind accuracy.

Usage::

    python benchmarks/analysis_eval.py conll --split testa [--limit N] [--json]
    python benchmarks/analysis_eval.py examples [--json]

Develop on train and testa; run testb only to report a number. Standard library only; the
scoring functions are importable (tests load this file with ``importlib``).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO_ROOT / ".." / "shared" / "eval"
CONLL_DIR = EVAL_DIR / "conll2002-nl"
GOLD_DIR = REPO_ROOT / "tests" / "data" / "gold"
EXAMPLES_DIR = REPO_ROOT / "articles"
EXAMPLE_NAMES = ("000_05c47d46c723b48d", "003_46394a742c6b9fcd")

KINDS = ("person", "organization", "place")
CONLL_KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}
SPLITS = ("train", "testa", "testb")
DEFAULT_COMMAND = (sys.executable, "-m", "briefing_tui", "analyze", "--json")

Record = dict[str, Any]


class AnalyzeError(RuntimeError):
    """The analyse command failed or printed something that is not the promised JSON."""


# --------------------------------------------------------------------------- counting


@dataclass
class Counts:
    """True positives against the number of predictions and gold items."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 when nothing was predicted)."""
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when there is no gold)."""
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Add another count into this one."""
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def as_dict(self) -> dict[str, float | int]:
        """Counts and rates, rounded, for JSON output."""
        return {
            "tp": self.tp,
            "pred": self.n_pred,
            "gold": self.n_gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    """Right answers out of a number of judged items."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """The accuracy (1.0 when nothing was judged)."""
        return self.right / self.total if self.total else 1.0

    def add(self, other: Accuracy) -> None:
        """Add another tally into this one."""
        self.right += other.right
        self.total += other.total

    def as_dict(self) -> dict[str, float | int]:
        """Tally and rate, rounded, for JSON output."""
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


# --------------------------------------------------------------------------- normalising


def _plain(value: Any) -> Any:
    """An enum member's value (or the value itself), so `Kind.PERSON` compares as 'person'."""
    inner = getattr(value, "value", value)
    return inner if isinstance(inner, str | int) or inner is None else str(inner)


def as_record(item: Any, fields: Sequence[str]) -> Record:
    """A dict with the given fields from a JSON dict or an object with those attributes.

    Enum values become their plain value; missing fields become None.
    """
    if isinstance(item, Mapping):
        return {name: _plain(item.get(name)) for name in fields}
    return {name: _plain(getattr(item, name, None)) for name in fields}


ENTITY_FIELDS = ("block", "start", "end", "text", "kind", "name")
QUOTE_FIELDS = ("block", "start", "end", "text", "speaker", "kind")
SPAN_FIELDS = ("block", "start", "end", "text")


def entity_records(items: Iterable[Any]) -> list[Record]:
    """Entities as plain dicts (from JSON or from the in-process analyser's objects)."""
    return [as_record(item, ENTITY_FIELDS) for item in items]


def quote_records(items: Iterable[Any]) -> list[Record]:
    """Quotes as plain dicts (from JSON or from the in-process analyser's objects)."""
    return [as_record(item, QUOTE_FIELDS) for item in items]


def _overlaps(a: Record, b: Record) -> bool:
    return bool(a["block"] == b["block"] and a["start"] < b["end"] and b["start"] < a["end"])


def _overlap_chars(a: Record, b: Record) -> int:
    if a["block"] != b["block"]:
        return 0
    return max(0, int(min(a["end"], b["end"])) - int(max(a["start"], b["start"])))


# --------------------------------------------------------------------------- entities


@dataclass
class EntityScore:
    """Typed, untyped and per-kind exact-span scores, plus name agreement where measured."""

    typed: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    per_kind: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    ignored: int = 0
    names: Accuracy = field(default_factory=Accuracy)

    def add(self, other: EntityScore) -> None:
        """Add another score into this one."""
        self.typed.add(other.typed)
        self.untyped.add(other.untyped)
        for kind in KINDS:
            self.per_kind[kind].add(other.per_kind[kind])
        self.ignored += other.ignored
        self.names.add(other.names)

    def as_dict(self) -> dict[str, Any]:
        """All scores as JSON-ready dicts."""
        return {
            "typed": self.typed.as_dict(),
            "untyped": self.untyped.as_dict(),
            "per_kind": {kind: counts.as_dict() for kind, counts in self.per_kind.items()},
            "ignored_predictions": self.ignored,
            "names": self.names.as_dict(),
        }


def score_entities(
    gold: Sequence[Record],
    predicted: Sequence[Record],
    ignore: Sequence[Record] = (),
    *,
    check_names: bool = False,
) -> EntityScore:
    """Score predicted entities against gold by exact (block, start, end) and kind.

    Predictions overlapping any span in ``ignore`` (MISC, optional spans) count neither way.
    With ``check_names``, typed matches are also judged on their ``name`` (equal ignoring
    case); that tally is informative and not part of the F1.
    """
    kept = [p for p in predicted if not any(_overlaps(p, span) for span in ignore)]
    score = EntityScore(ignored=len(predicted) - len(kept))

    def key(item: Record) -> tuple[int, int, int]:
        return (item["block"], item["start"], item["end"])

    gold_typed = Counter((*key(g), g["kind"]) for g in gold)
    pred_typed = Counter((*key(p), p["kind"]) for p in kept)
    typed_hits = gold_typed & pred_typed
    score.typed = Counts(sum(typed_hits.values()), len(kept), len(gold))
    untyped_hits = Counter(key(g) for g in gold) & Counter(key(p) for p in kept)
    score.untyped = Counts(sum(untyped_hits.values()), len(kept), len(gold))
    for kind in KINDS:
        score.per_kind[kind] = Counts(
            sum(n for k, n in typed_hits.items() if k[3] == kind),
            sum(n for k, n in pred_typed.items() if k[3] == kind),
            sum(n for k, n in gold_typed.items() if k[3] == kind),
        )
    if check_names:
        pred_names: dict[tuple[Any, ...], list[str]] = {}
        for p in kept:
            pred_names.setdefault((*key(p), p["kind"]), []).append(str(p.get("name") or ""))
        for g in gold:
            names = pred_names.get((*key(g), g["kind"]))
            if names:
                score.names.total += 1
                score.names.right += names.pop(0).casefold() == str(g["name"]).casefold()
    return score


# --------------------------------------------------------------------------- quotes


def quotes_match(gold: Record, predicted: Record) -> bool:
    """Same block and sharing at least half of the longer span's characters."""
    longer = max(gold["end"] - gold["start"], predicted["end"] - predicted["start"])
    shared = _overlap_chars(gold, predicted)
    return longer > 0 and shared > 0 and 2 * shared >= longer


def match_quotes(gold: Sequence[Record], predicted: Sequence[Record]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of matching quotes, most overlap first."""
    candidates = sorted(
        (
            (-_overlap_chars(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if quotes_match(g, p)
        ),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _last_word(name: str) -> str:
    words = [w.strip(".,;:!?'\"()[]") for w in name.split()]
    words = [w for w in words if w]
    return words[-1].casefold() if words else ""


def speaker_matches(predicted: str | None, gold: str) -> bool:
    """Right when equal ignoring case, or when it ends in the same word as the gold name."""
    if not predicted:
        return False
    if predicted.strip().casefold() == gold.strip().casefold():
        return True
    return bool(_last_word(gold)) and _last_word(predicted) == _last_word(gold)


@dataclass
class QuoteScore:
    """Quote detection, speaker accuracy (gold quotes with a speaker) and kind accuracy."""

    detection: Counts = field(default_factory=Counts)
    speaker: Accuracy = field(default_factory=Accuracy)
    kind: Accuracy = field(default_factory=Accuracy)
    errors: list[str] = field(default_factory=list)

    def add(self, other: QuoteScore, prefix: str = "") -> None:
        """Add another score into this one (its error lines prefixed with ``prefix``)."""
        self.detection.add(other.detection)
        self.speaker.add(other.speaker)
        self.kind.add(other.kind)
        self.errors.extend(prefix + error for error in other.errors)

    def as_dict(self) -> dict[str, Any]:
        """All scores as JSON-ready dicts."""
        return {
            "detection": self.detection.as_dict(),
            "speaker": self.speaker.as_dict(),
            "kind": self.kind.as_dict(),
        }


def score_quotes(gold: Sequence[Record], predicted: Sequence[Record]) -> QuoteScore:
    """Score predicted quotes: detection by overlap, then speaker and kind on the matches.

    Speaker accuracy counts every matched gold quote with a non-null speaker (so a missed
    quote lowers detection recall, not speaker accuracy). ``errors`` describes each miss.
    """
    pairs = match_quotes(gold, predicted)
    score = QuoteScore(detection=Counts(len(pairs), len(predicted), len(gold)))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        if g["speaker"] is not None:
            score.speaker.total += 1
            if speaker_matches(p["speaker"], g["speaker"]):
                score.speaker.right += 1
            else:
                score.errors.append(
                    f"speaker b{g['block']} {_short(g['text'])!r}: "
                    f"got {p['speaker']!r}, want {g['speaker']!r}"
                )
        score.kind.total += 1
        if p["kind"] == g["kind"]:
            score.kind.right += 1
        else:
            score.errors.append(
                f"kind b{g['block']} {_short(g['text'])!r}: got {p['kind']!r}, want {g['kind']!r}"
            )
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            score.errors.append(f"missed quote b{g['block']} {_short(g['text'])!r}")
    for pi, p in enumerate(predicted):
        if pi not in matched_pred:
            score.errors.append(f"spurious quote b{p['block']} {_short(str(p['text']))!r}")
    return score


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# --------------------------------------------------------------------------- running


def analyze_command(command: str | None = None) -> list[str]:
    """The analyse command as an argument list: ``command`` split by shlex, or the default."""
    return shlex.split(command) if command else list(DEFAULT_COMMAND)


def run_analyze(
    paths: Sequence[Path], *, batch_size: int = 100, command: Sequence[str] | None = None
) -> list[Record]:
    """Run ``analyze --json`` on the paths in batches; one article record per path, in order.

    Records are matched to paths by their ``path`` field (resolved), falling back to order
    when every path in a batch came back. Raises AnalyzeError when a call fails or a path
    has no article in the output.
    """
    argv = list(command or DEFAULT_COMMAND)
    results: list[Record] = []
    for first in range(0, len(paths), batch_size):
        batch = [Path(p).resolve() for p in paths[first : first + batch_size]]
        proc = subprocess.run(
            [*argv, *map(str, batch)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if proc.returncode != 0:
            raise AnalyzeError(
                f"{shlex.join(argv)} exited with {proc.returncode}:\n{proc.stderr.strip()[-2000:]}"
            )
        try:
            articles = json.loads(proc.stdout)["articles"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise AnalyzeError(f"output is not the promised JSON object: {error}") from error
        results.extend(_match_articles(batch, articles))
    return results


def _match_articles(batch: Sequence[Path], articles: Sequence[Record]) -> list[Record]:
    by_path: dict[Path, Record] = {}
    for article in articles:
        raw = article.get("path")
        if isinstance(raw, str):
            candidate = Path(raw)
            if not candidate.is_absolute():
                candidate = REPO_ROOT / candidate
            by_path.setdefault(candidate.resolve(), article)
    if all(path in by_path for path in batch):
        return [by_path[path] for path in batch]
    if len(articles) == len(batch):
        return list(articles)
    missing = [str(path) for path in batch if path not in by_path]
    raise AnalyzeError(f"no article in the output for: {', '.join(missing[:5])}")


# --------------------------------------------------------------------------- CoNLL


def load_conll(split: str, limit: int | None = None) -> list[Record]:
    """The documents of a CoNLL-2002 split (``{"id", "sentences", "entities"}``)."""
    path = CONLL_DIR / f"{split}.jsonl"
    docs: list[Record] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                docs.append(json.loads(line))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def conll_article_text(doc: Mapping[str, Any]) -> str:
    """A document as a plain-text article: one sentence a paragraph (as convert.py writes)."""
    return "\n\n".join(doc["sentences"]) + "\n"


def align_blocks(blocks: Sequence[str], sentences: Sequence[str]) -> dict[int, tuple[int, int]]:
    """Map block index -> (sentence index, offset of the block's text in the sentence).

    Block i is sentence i when the texts are equal (the normal case). Otherwise each block
    is looked up in order among the sentences after the last one mapped: an equal sentence,
    else a sentence containing the block's text (e.g. whitespace trimmed). Blocks found
    nowhere are left out of the map.
    """
    if list(blocks) == list(sentences):
        return {i: (i, 0) for i in range(len(blocks))}
    mapping: dict[int, tuple[int, int]] = {}
    next_sentence = 0
    for bi, text in enumerate(blocks):
        found = None
        for si in range(next_sentence, len(sentences)):
            if sentences[si] == text:
                found = (si, 0)
                break
        if found is None and text.strip():
            for si in range(next_sentence, len(sentences)):
                offset = sentences[si].find(text)
                if offset >= 0:
                    found = (si, offset)
                    break
        if found is not None:
            mapping[bi] = found
            next_sentence = found[0] + 1
    return mapping


@dataclass
class ConllResult:
    """Scores over a CoNLL split, with block/sentence alignment problems."""

    split: str
    documents: int = 0
    entities: EntityScore = field(default_factory=EntityScore)
    mismatched_documents: list[str] = field(default_factory=list)
    unmapped_blocks: int = 0
    unmapped_sentences: int = 0
    bad_offsets: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Everything as a JSON-ready dict (error listings left out)."""
        return {
            "dataset": "conll2002-nl",
            "split": self.split,
            "documents": self.documents,
            "entities": self.entities.as_dict(),
            "alignment": {
                "mismatched_documents": self.mismatched_documents,
                "unmapped_blocks": self.unmapped_blocks,
                "unmapped_sentences": self.unmapped_sentences,
                "bad_offsets": self.bad_offsets,
            },
            "seconds": round(self.seconds, 2),
        }


def score_conll_document(doc: Mapping[str, Any], article: Mapping[str, Any]) -> ConllResult:
    """Score one document's analysed article against its CoNLL entities.

    Predictions are moved from block to sentence coordinates; those in blocks that match no
    sentence are dropped (and counted), and gold in sentences no block matches stays unfound.
    """
    result = ConllResult(split="", documents=1)
    sentences: list[str] = list(doc["sentences"])
    blocks = [str(block.get("text", "")) for block in article.get("blocks", [])]
    mapping = align_blocks(blocks, sentences)
    if blocks != sentences:
        result.mismatched_documents.append(str(doc["id"]))
        result.unmapped_blocks = len(blocks) - len(mapping)
        result.unmapped_sentences = len(sentences) - len({si for si, _ in mapping.values()})
    predicted: list[Record] = []
    for entity in entity_records(article.get("entities", [])):
        where = mapping.get(entity["block"])
        if where is None:
            continue
        si, offset = where
        moved = {**entity, "block": si, "start": entity["start"] + offset}
        moved["end"] = entity["end"] + offset
        if sentences[si][moved["start"] : moved["end"]] != entity["text"]:
            result.bad_offsets += 1
        predicted.append(moved)
    gold: list[Record] = []
    ignore: list[Record] = []
    for entity in doc["entities"]:
        span = {"block": entity["sent"], "start": entity["start"], "end": entity["end"]}
        if entity["type"] in CONLL_KINDS:
            gold.append({**span, "text": entity["text"], "kind": CONLL_KINDS[entity["type"]]})
        else:
            ignore.append(span)
    result.entities = score_entities(gold, predicted, ignore)
    result.errors = entity_errors(gold, predicted, ignore, prefix=f"{doc['id']} ", unit="s")
    return result


def entity_errors(
    gold: Sequence[Record],
    predicted: Sequence[Record],
    ignore: Sequence[Record] = (),
    *,
    prefix: str = "",
    unit: str = "b",
) -> list[str]:
    """One line per false negative (FN) and false positive (FP), in text order.

    Predictions overlapping a span in ``ignore`` are left out, as in score_entities.
    """

    def key(item: Record) -> tuple[int, int, int, str]:
        return (item["block"], item["start"], item["end"], str(item["kind"]))

    texts = {key(item): str(item["text"]) for item in [*predicted, *gold]}
    gold_keys = Counter(key(g) for g in gold)
    kept = [p for p in predicted if not any(_overlaps(p, span) for span in ignore)]
    pred_keys = Counter(key(p) for p in kept)
    found = [(k, "FN", n) for k, n in (gold_keys - pred_keys).items()]
    found += [(k, "FP", n) for k, n in (pred_keys - gold_keys).items()]
    lines = []
    for k, label, n in sorted(found):
        lines += [f"{prefix}{unit}{k[0]} {label} {k[3]:12} {texts[k]!r}"] * n
    return lines


def evaluate_conll(
    split: str,
    *,
    limit: int | None = None,
    batch_size: int = 100,
    command: Sequence[str] | None = None,
) -> ConllResult:
    """Write a split's documents as articles to a temporary folder, analyse and score them."""
    docs = load_conll(split, limit)
    result = ConllResult(split=split)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"conll-{split}-") as folder:
        paths = []
        for doc in docs:
            path = Path(folder) / f"{doc['id']}.txt"
            path.write_text(conll_article_text(doc), encoding="utf-8", newline="\n")
            paths.append(path)
        articles = run_analyze(paths, batch_size=batch_size, command=command)
    result.seconds = time.perf_counter() - started
    for doc, article in zip(docs, articles, strict=True):
        one = score_conll_document(doc, article)
        result.documents += 1
        result.entities.add(one.entities)
        result.mismatched_documents += one.mismatched_documents
        result.unmapped_blocks += one.unmapped_blocks
        result.unmapped_sentences += one.unmapped_sentences
        result.bad_offsets += one.bad_offsets
        result.errors += one.errors
    return result


# --------------------------------------------------------------------------- examples


def load_gold(name: str, gold_dir: Path = GOLD_DIR) -> Record:
    """One example article's gold (``entities``, ``optional``, ``quotes``)."""
    gold: Record = json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8"))
    return gold


@dataclass
class ExampleResult:
    """Entity and quote scores for one or more gold articles."""

    entities: EntityScore = field(default_factory=EntityScore)
    quotes: QuoteScore = field(default_factory=QuoteScore)
    entity_errors: list[str] = field(default_factory=list)
    block_mismatches: list[str] = field(default_factory=list)
    per_article: dict[str, ExampleResult] = field(default_factory=dict)

    def add(self, name: str, other: ExampleResult) -> None:
        """Add one article's result into this total and keep it per article."""
        self.entities.add(other.entities)
        prefix = f"{name[:3]} "
        self.quotes.add(other.quotes, prefix)
        self.entity_errors += [prefix + error for error in other.entity_errors]
        self.block_mismatches += [prefix + error for error in other.block_mismatches]
        self.per_article[name] = other

    def summary(self) -> dict[str, float]:
        """The headline numbers: entity F1, quote F1, speaker and kind accuracy."""
        return {
            "entity_f1": round(self.entities.typed.f1, 4),
            "quote_f1": round(self.quotes.detection.f1, 4),
            "speaker_accuracy": round(self.quotes.speaker.value, 4),
            "quote_kind_accuracy": round(self.quotes.kind.value, 4),
        }

    def as_dict(self, *, errors: bool = True) -> dict[str, Any]:
        """Everything as a JSON-ready dict (per article too, without repeating the errors)."""
        out: dict[str, Any] = {
            "summary": self.summary(),
            "entities": self.entities.as_dict(),
            "quotes": self.quotes.as_dict(),
        }
        if errors:
            out["block_mismatches"] = self.block_mismatches
            out["quote_errors"] = self.quotes.errors
            out["entity_errors"] = self.entity_errors
        if self.per_article:
            out["articles"] = {
                name: one.as_dict(errors=False) for name, one in self.per_article.items()
            }
        return out


def score_example(
    gold: Mapping[str, Any],
    entities: Iterable[Any],
    quotes: Iterable[Any],
    blocks: Sequence[str] | None = None,
) -> ExampleResult:
    """Score one article's predicted entities and quotes (JSON dicts or analyser objects).

    With ``blocks`` (the analyser's block texts), every gold span is checked against them
    and disagreements are listed in ``block_mismatches``.
    """
    result = ExampleResult()
    gold_entities = entity_records(gold["entities"])
    optional = [as_record(span, SPAN_FIELDS) for span in gold.get("optional", [])]
    predicted_entities = entity_records(entities)
    result.entities = score_entities(gold_entities, predicted_entities, optional, check_names=True)
    result.entity_errors = entity_errors(gold_entities, predicted_entities, optional)
    result.quotes = score_quotes(quote_records(gold["quotes"]), quote_records(quotes))
    if blocks is not None:
        for span in [*gold_entities, *optional, *quote_records(gold["quotes"])]:
            b = span["block"]
            if b >= len(blocks) or blocks[b][span["start"] : span["end"]] != span["text"]:
                where = f"b{b} {span['start']}:{span['end']}"
                result.block_mismatches.append(f"{where} {span['text']!r}")
    return result


def evaluate_examples(
    *,
    names: Sequence[str] = EXAMPLE_NAMES,
    gold_dir: Path = GOLD_DIR,
    command: Sequence[str] | None = None,
) -> ExampleResult:
    """Analyse the example articles in one call and score them against their gold."""
    paths = [EXAMPLES_DIR / f"{name}.txt" for name in names]
    articles = run_analyze(paths, command=command)
    total = ExampleResult()
    for name, article in zip(names, articles, strict=True):
        blocks = [str(block.get("text", "")) for block in article.get("blocks", [])]
        gold = load_gold(name, gold_dir)
        one = score_example(gold, article.get("entities", []), article.get("quotes", []), blocks)
        total.add(name, one)
    return total


# --------------------------------------------------------------------------- printing


def _row(label: str, counts: Counts) -> str:
    return (
        f"  {label:<14} {counts.precision:7.3f} {counts.recall:7.3f} {counts.f1:7.3f}"
        f"   tp={counts.tp} pred={counts.n_pred} gold={counts.n_gold}"
    )


def format_entities(score: EntityScore) -> list[str]:
    """A table of typed, untyped and per-kind P/R/F1."""
    lines = [f"  {'entities':<14} {'P':>7} {'R':>7} {'F1':>7}"]
    lines.append(_row("typed", score.typed))
    lines.append(_row("untyped", score.untyped))
    lines += [_row(kind, score.per_kind[kind]) for kind in KINDS]
    lines.append(f"  ignored predictions (overlapping MISC/optional spans): {score.ignored}")
    return lines


def format_conll(result: ConllResult) -> str:
    """A readable report of a CoNLL run."""
    lines = [
        f"CoNLL-2002 Dutch, {result.split}: {result.documents} documents, {result.seconds:.1f} s",
        *format_entities(result.entities),
    ]
    mismatched = result.mismatched_documents
    listed = ", ".join(mismatched[:5]) + (" ..." if len(mismatched) > 5 else "")
    lines.append(
        f"  block/sentence mismatches: {len(mismatched)} documents"
        + (f" ({listed})" if mismatched else "")
        + f", {result.unmapped_blocks} unmapped blocks, {result.unmapped_sentences} unmapped"
        f" sentences, {result.bad_offsets} entity offsets not matching their text"
    )
    return "\n".join(lines)


def format_examples(result: ExampleResult, entity_error_lines: int | None = None) -> str:
    """A readable report of the example articles.

    Quote errors are always listed; entity errors up to ``entity_error_lines`` (all when
    None).
    """
    lines = ["Example articles"]
    for name, one in result.per_article.items():
        summary = one.summary()
        lines.append(
            f"  {name}: entity F1 {summary['entity_f1']:.3f}, quote F1 {summary['quote_f1']:.3f},"
            f" speaker {one.quotes.speaker.right}/{one.quotes.speaker.total},"
            f" kind {one.quotes.kind.right}/{one.quotes.kind.total}"
        )
    lines += format_entities(result.entities)
    lines.append(
        f"  entity names   {result.entities.names.value:7.3f}"
        f"   ({result.entities.names.right}/{result.entities.names.total} matched entities)"
    )
    lines.append(f"  {'quotes':<14} {'P':>7} {'R':>7} {'F1':>7}")
    lines.append(_row("detection", result.quotes.detection))
    for label, acc in (("speaker", result.quotes.speaker), ("kind", result.quotes.kind)):
        lines.append(f"  {label:<14} {acc.value:7.3f}   ({acc.right}/{acc.total} matched quotes)")
    if result.block_mismatches:
        lines.append("  gold spans not matching the analyser's blocks:")
        lines += [f"    {mismatch}" for mismatch in result.block_mismatches]
    if result.quotes.errors:
        lines.append("  quote errors:")
        lines += [f"    {error}" for error in result.quotes.errors]
    shown = result.entity_errors[:entity_error_lines]
    if shown:
        lines.append(f"  entity errors ({len(shown)} of {len(result.entity_errors)}):")
        lines += [f"    {error}" for error in shown]
    return "\n".join(lines)


# --------------------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="analysis_eval.py", description="Score the actor and quote analyser."
    )
    sub = parser.add_subparsers(dest="dataset", required=True)
    conll = sub.add_parser("conll", help="CoNLL-2002 Dutch entities (PER/ORG/LOC)")
    conll.add_argument("--split", choices=SPLITS, default="testa")
    conll.add_argument("--limit", type=int, metavar="N", help="only the first N documents")
    conll.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="list up to N entity false positives/negatives (refused on testb)",
    )
    conll.add_argument(
        "--batch-size", type=int, default=100, metavar="N", help="paths per analyse call"
    )
    examples = sub.add_parser("examples", help="the two example articles against their gold")
    examples.add_argument(
        "--errors",
        type=int,
        default=None,
        metavar="N",
        help="list up to N entity false positives/negatives (default: all)",
    )
    for sub_parser in (conll, examples):
        sub_parser.add_argument("--json", action="store_true", help="print a JSON object")
        sub_parser.add_argument(
            "--command",
            metavar="CMD",
            help="analyse command to run instead of "
            "'python -m briefing_tui analyze --json' (paths are appended)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen evaluation and print the report; exit status 2 if analysis fails."""
    args = build_parser().parse_args(argv)
    command = analyze_command(args.command)
    try:
        if args.dataset == "conll":
            if args.errors and args.split == "testb":
                print("testb is for reporting only: no error listing.", file=sys.stderr)
                return 2
            result = evaluate_conll(
                args.split, limit=args.limit, batch_size=args.batch_size, command=command
            )
            if args.json:
                print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            else:
                print(format_conll(result))
                for line in result.errors[: args.errors]:
                    print(f"  {line}")
        else:
            examples = evaluate_examples(command=command)
            if args.json:
                report = {"dataset": "examples", **examples.as_dict()}
                print(json.dumps(report, ensure_ascii=False, indent=2))
            else:
                print(format_examples(examples, args.errors))
    except AnalyzeError as error:
        print(f"analysis failed: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
