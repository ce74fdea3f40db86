"""Speaker attribution of quoted text, measured on PolNeAR (English US political news).

PolNeAR (networkdynamics/PolNeAR) annotates attributions as Source / Cue / Content spans.
This script reads a local copy (train or dev split only; never its test split), writes each
text as an article in the reader's plain-text format into a temporary folder, runs
`python -m briefing_tui analyze --json` on them and compares the speakers of the quotes the
analyser finds with the annotated sources. Measurement only: nothing of PolNeAR is kept or
shipped (its licence is not stated).

Rules:

- A predicted quote is scored when at least half of its characters lie inside a Content
  span; that attribution's Source is the gold speaker. Quotes outside every Content span
  are not scored (PolNeAR marks scare quotes and terms as no attribution).
- A speaker is right when it equals the Source text (ignoring case) or ends in the same word
  ("Brian Fallon" for "Clinton spokesman Brian Fallon"; a possessive 's is ignored), the
  Source taken whole or without an apposition after a comma, bracket or "who" ("Scott Reed"
  for "Scott Reed, senior strategist for ...").
- A third-person or relative pronoun Source ("he", "she", "they", "it", "who") is resolved
  to the nearest preceding Source of the same document that is not a pronoun or a role phrase (the
  annotators' chain of attributions stands in for co-reference); with none before it the
  quote is skipped. A role phrase Source ("the judge", "the mega donor") counts as right
  as written or as that nearest named Source (the analyser resolves roles to names). First-
  and second-person Sources ("I", "we", "you": the writer or words inside a quote) are
  skipped. Figures are printed for all scored quotes and for named Sources alone.
- Confident: a speaker with speaker_confidence >= 0.5. Accuracy counts a quote without a
  speaker (or a scare quote) as wrong; precision is over confident speakers; coverage is
  confident speakers over scored quotes.

Usage: python benchmarks/polnear_eval.py --polnear DIR [--split train|dev] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from polnear_data import Attribution, analyze_json
from polnear_data import attributions as read_attributions

ROOT = Path(__file__).resolve().parent.parent
THIRD_PERSON = frozenset(
    ["he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "who", "which"]
)
FIRST_SECOND = frozenset(["i", "we", "you", "me", "us", "my", "our", "your"])
CONFIDENT = 0.5
DEFINITE_ROLE = re.compile(
    r"(?:the|this|that|his|her|their)\s+[a-z0-9][\w’'-]*(?:\s+[a-z][\w’'-]*)*\s*$", re.I
)
"""A Source that is a role phrase ("the judge", "the mega donor"), written lowercase after
its determiner: the article may name that person before."""


def _last_word(text: str) -> str:
    words = re.findall(r"[\w.'’-]+", text.lower())
    if not words:
        return ""
    word: str = words[-1].strip(".")
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def _nearest_named(attribution: Attribution, attributions: list[Attribution]) -> str:
    """The nearest Source before this one that names someone (not a pronoun or role)."""
    earlier = [
        other
        for other in attributions
        if other.source_start < attribution.source_start
        and other.source.lower() not in THIRD_PERSON | FIRST_SECOND
        and not DEFINITE_ROLE.match(other.source)
    ]
    if not earlier:
        return ""
    return max(earlier, key=lambda other: other.source_start).source


def gold_speaker(
    attribution: Attribution, attributions: list[Attribution]
) -> tuple[list[str], bool]:
    """(the speakers that count as right, whether the Source is named); none to skip."""
    words = attribution.source.lower().split()
    if len(words) == 1 and re.split(r"[’']", words[0])[0] in FIRST_SECOND:
        return [], False
    if len(words) == 1 and words[0] in THIRD_PERSON:
        named = _nearest_named(attribution, attributions)
        return ([named] if named else []), False
    if DEFINITE_ROLE.match(attribution.source):
        named = _nearest_named(attribution, attributions)
        return [attribution.source, *([named] if named else [])], False
    return [attribution.source], True


def _head(source: str) -> str:
    """The Source without its apposition: "Scott Reed, senior strategist ..." -> "Scott Reed"."""
    return re.split(r",|\(| who | which | whose ", source, maxsplit=1)[0].strip() or source


def right(predicted: str | None, golds: list[str]) -> bool:
    return any(_right(predicted, gold) for gold in golds)


def _right(predicted: str | None, gold: str) -> bool:
    if not predicted:
        return False
    head = _head(gold)
    return predicted.lower() in (gold.lower(), head.lower()) or _last_word(predicted) in (
        _last_word(gold),
        _last_word(head),
    )


def block_offsets(text: str, blocks: list[str]) -> list[int | None]:
    """Where each block of the article stands in the file (None when not found)."""
    offsets: list[int | None] = []
    at = 0
    for block in blocks:
        found = text.find(block, at)
        if found < 0:
            found = text.find(block[:40], at) if block else -1
        offsets.append(found if found >= 0 else None)
        if found >= 0:
            at = found + len(block)
    return offsets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, required=True, help="PolNeAR folder (has data/)")
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int, default=0, help="first N texts only")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument("--buckets", action="store_true", help="accuracy by confidence")
    options = parser.parse_args()
    split = options.polnear / "data" / options.split
    texts = sorted((split / "text").glob("*.txt"))
    if options.limit:
        texts = texts[: options.limit]
    annotations = sorted((split / "attributions").glob("*.ann"))
    counts: Counter[str] = Counter()
    named: Counter[str] = Counter()
    buckets: Counter[tuple[float, bool]] = Counter()
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        written: list[Path] = []
        for index, path in enumerate(texts):
            target = folder / f"{index:04d}.txt"
            target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            written.append(target)
        results = analyze_json(written, options.python, ROOT)
        for index, path in enumerate(texts):
            anns = [ann for ann in annotations if ann.name.rsplit("_", 1)[0] == path.stem]
            article = results.get(f"{index:04d}.txt")
            if not anns or article is None:
                counts["texts_skipped"] += 1
                continue
            text = path.read_text(encoding="utf-8")
            attributions = read_attributions(anns[0])
            blocks = [block["text"] for block in article["blocks"]]
            offsets = block_offsets(text, blocks)
            for quote in article["quotes"]:
                base = offsets[quote["block"]]
                if base is None:
                    continue
                start, end = base + quote["start"], base + quote["end"]
                length = max(1, end - start)
                owner = next(
                    (
                        attribution
                        for attribution in attributions
                        if sum(
                            max(0, min(end, c_end) - max(start, c_start))
                            for c_start, c_end in attribution.content
                        )
                        * 2
                        >= length
                    ),
                    None,
                )
                if owner is None:
                    continue
                gold, is_named = gold_speaker(owner, attributions)
                if not gold:
                    counts["skipped_pronoun"] += 1
                    continue
                speaker = quote["speaker"] if quote["kind"] != "scare" else None
                confidence = quote.get("speaker_confidence", 1.0) if speaker else 0.0
                ok = right(speaker, gold)
                confident = bool(speaker) and confidence >= CONFIDENT
                for table, use in ((counts, True), (named, is_named)):
                    if use:
                        table["scored"] += 1
                        table["right"] += ok
                        table["confident"] += confident
                        table["confident_right"] += confident and ok
                if speaker:
                    buckets[(min(0.9, int(confidence * 10) / 10), ok)] += 1
                if not ok and len(errors) < options.show_errors:
                    errors.append(
                        f"{path.stem[:40]} | {quote['text'][:50]!r} | gold {gold!r} | "
                        f"pred {speaker!r} ({confidence:.2f})"
                    )
    for error in errors:
        print(error)
    if options.buckets:
        for bucket in sorted({key[0] for key in buckets}):
            good, bad = buckets[(bucket, True)], buckets[(bucket, False)]
            print(f"  confidence {bucket:.1f}-{bucket + 0.1:.1f}: {good}/{good + bad} right")

    def line(label: str, table: Counter[str]) -> str:
        scored = table["scored"] or 1
        confident = table["confident"] or 1
        return (
            f"{label}: speaker_acc={table['right'] / scored:.3f} "
            f"speaker_prec={table['confident_right'] / confident:.3f} "
            f"speaker_cov={table['confident'] / scored:.3f} scored={table['scored']}"
        )

    print(line("named sources", named))
    print(line(f"polnear {options.split} ({len(texts)} texts)", counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
