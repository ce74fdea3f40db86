"""Quote detection on English news, measured against the PolNeAR attribution corpus.

PolNeAR (US political news, 2015-16, networkdynamics/PolNeAR) annotates attributions as
Source, Cue and Content spans; it is not part of this project and nothing of it ships: this
script reads it from the path given and writes its texts only to a temporary folder.

Gold: every stretch between quotation marks that PolNeAR annotates as (part of) a Content
span (at least half of the stretch's characters inside Content spans of any annotator).
Stretches are found by a plain pairing of the marks, following the project's conventions:
“ and „ open, ” closes, " opens after a space or at the start and closes otherwise, ‘ opens
and ’ closes a single-quoted stretch; a double mark opening while a double-quoted stretch
is open ends that stretch (a quotation re-opened without a closing mark), and a stretch
still open at the end of a paragraph runs to it. Quotes in straight single marks are left
out on both sides (PolNeAR writes apostrophes the same way).

Predicted: the quotes `python -m briefing_tui analyze --json` finds when each text is written
as an article (title line, blank line, paragraphs split by blank lines), the ones at least
half inside Content spans. A prediction matches a gold stretch when they share at least half
of the longer one's characters (as the project's scorer). Prints P/R/F1.

    python benchmarks/polnear_quotes.py --polnear PATH/TO/PolNeAR --split train
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from polnear_data import analyze_json, content_pieces

OPEN_BEFORE = " \t\n([{—–-/:"


@dataclass
class Text:
    """One PolNeAR text: its paragraphs with their offsets, and its Content spans."""

    name: str
    paragraphs: list[tuple[int, str]]
    content: list[tuple[int, int]] = field(default_factory=list)


def data_dir(polnear: Path) -> Path:
    return polnear / "data" if (polnear / "data").is_dir() else polnear


def load(polnear: Path, split: str) -> list[Text]:
    root = data_dir(polnear) / split
    texts: list[Text] = []
    for path in sorted((root / "text").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        paragraphs: list[tuple[int, str]] = []
        at = 0
        for piece in raw.split("\n\n"):
            stripped = piece.strip()
            if stripped:
                offset = at + piece.index(stripped)
                # One line per paragraph; a newline becomes a space, so offsets stay.
                paragraphs.append((offset, stripped.replace("\n", " ")))
            at += len(piece) + 2
        text = Text(path.stem, paragraphs)
        for ann in sorted((root / "attributions").glob(path.stem + "_*.ann")):
            text.content.extend(content_pieces(ann))
        texts.append(text)
    return texts


def stretches(paragraph: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, opening mark) of each quoted stretch, marks excluded, trimmed."""
    doubles: list[tuple[int, str]] = []  # open double-quoted stretches, a nested one last
    single: tuple[int, str] | None = None
    found: list[tuple[int, int, str]] = []
    index = 0
    while index < len(paragraph):
        char = paragraph[index]
        width = 2 if paragraph.startswith("''", index) else 1
        before = paragraph[index - 1] if index else " "
        after = paragraph[index + width] if index + width < len(paragraph) else " "
        opens = (before.isspace() or before in OPEN_BEFORE) and not after.isspace()
        closes = not before.isspace() and not after.isalnum()
        double = char in '“„”"' or width == 2
        apart = before.isspace() and (after.isspace() or after in ",.;:!?)")  # 'Hi,' " said
        if double and doubles and (closes or apart or (char == "”" and not before.isspace())):
            found.append((doubles.pop()[0], index, "“"))
            single = None
        elif double and (opens or (char in "“„" and not after.isspace())):
            if doubles and sentence_ended(paragraph, index):
                found.append((doubles.pop()[0], index, "“"))  # re-opened: a new stretch
            doubles.append((index + width, char))
            single = None
        elif char == "‘" and (before.isspace() or before in OPEN_BEFORE + "“„\"'"):
            single = (index + 1, char)
        elif char in "’'" and single is not None and closes:
            found.append((single[0], index, single[1]))
            single = None
        else:
            width = 1
        index += width
    if doubles:
        found.append((doubles[0][0], len(paragraph), doubles[0][1]))
    for start, end, mark in found:
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end, mark


def sentence_ended(paragraph: str, index: int) -> bool:
    """Whether a sentence ends before the mark at `index` ("... rattled. "But")."""
    return paragraph[:index].rstrip()[-1:] in (".", "!", "?", "…") and paragraph[index - 1] == " "


def inside(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of start..end lie inside the (possibly overlapping) spans."""
    covered = [False] * (end - start)
    for span_start, span_end in spans:
        for at in range(max(start, span_start), min(end, span_end)):
            covered[at - start] = True
    return sum(covered)


def matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= max(a[1] - a[0], b[1] - b[0])


def positions(paragraph: str, block: str) -> list[int] | None:
    """Where each character of the reader's block stands in the paragraph, or None if the
    block is another text (the reader writes a run of spaces or a no-break space as one space)."""
    if paragraph == block:
        return list(range(len(block) + 1))
    kept: list[int] = []
    for index, char in enumerate(paragraph):
        if not (char.isspace() and index and paragraph[index - 1].isspace()):
            kept.append(index)
    if len(kept) != len(block) or any(
        paragraph[at] != char and not (paragraph[at].isspace() and char.isspace())
        for at, char in zip(kept, block, strict=True)
    ):
        return None
    return [*kept, len(paragraph)]


def analyse(
    texts: list[Text], python: str, project: Path
) -> tuple[list[list[tuple[int, int, str]]], list[set[int]]]:
    """Per text, (start, end, opening mark) of each quote found, in PolNeAR offsets, and the
    offsets of the paragraphs the reader kept as blocks of the same text."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for text in texts:
            path = Path(folder) / f"{text.name}.txt"
            path.write_text("\n\n".join(p for _, p in text.paragraphs) + "\n", encoding="utf-8")
            paths.append(path)
        results = analyze_json(paths, python, project)
    found: list[list[tuple[int, int, str]]] = []
    kept: list[set[int]] = []
    for text in texts:
        article = results[f"{text.name}.txt"]
        where: list[tuple[int, list[int]] | None] = []
        cursor = 0
        for block in article["blocks"]:
            for index in range(cursor, len(text.paragraphs)):
                offset, paragraph = text.paragraphs[index]
                places = positions(paragraph, block["text"])
                if places is not None:
                    where.append((offset, places))
                    cursor = index + 1
                    break
            else:
                where.append(None)
        quotes = []
        for quote in article["quotes"]:
            place = where[quote["block"]]
            if place is None:
                continue
            offset, places = place
            block_text = article["blocks"][quote["block"]]["text"]
            before = block_text[: quote["start"]].rstrip()
            opener = before[-2:] if before.endswith(("''", ",,")) else before[-1:]
            start, end = offset + places[quote["start"]], offset + places[quote["end"]]
            quotes.append((start, end, opener))
        found.append(quotes)
        kept.append({place[0] for place in where if place is not None})
    return found, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, required=True, help="PolNeAR checkout or its data/")
    parser.add_argument("--split", choices=["train", "dev"], default="train")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--limit", type=int, default=0, help="first N texts only")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    texts = load(args.polnear, args.split)
    if args.limit:
        texts = texts[: args.limit]
    found, blocks = analyse(texts, args.python, args.project)
    tp = pred = gold_count = 0
    misses: list[str] = []
    false: list[str] = []
    unmapped = sum(len(text.paragraphs) for text in texts) - sum(map(len, blocks))
    for text, predicted, mapped in zip(texts, found, blocks, strict=True):
        raw = {offset: paragraph for offset, paragraph in text.paragraphs}
        gold: list[tuple[int, int]] = []
        for offset, paragraph in text.paragraphs:
            if offset not in mapped:
                continue  # the reader made another block of it: not comparable
            for start, end, _ in stretches(paragraph):
                if 2 * inside(text.content, offset + start, offset + end) >= end - start:
                    gold.append((offset + start, offset + end))
        scored = [
            (start, end)
            for start, end, opener in predicted
            if opener != "'" and 2 * inside(text.content, start, end) >= end - start
        ]
        used: set[int] = set()
        for span in scored:
            hit = next((i for i, g in enumerate(gold) if i not in used and matches(span, g)), None)
            if hit is None:
                false.append(f"{text.name} | {quote_text(raw, span)}")
            else:
                used.add(hit)
        misses += [
            f"{text.name} | {quote_text(raw, g)}" for i, g in enumerate(gold) if i not in used
        ]
        tp += len(used)
        pred += len(scored)
        gold_count += len(gold)
    precision = tp / pred if pred else 0.0
    recall = tp / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if args.show_errors:
        for title, errors in (("missed", misses), ("wrong", false)):
            print(f"{title} ({len(errors)}):")
            for error in errors[: args.show_errors]:
                print("   ", error)
    print(
        f"PolNeAR {args.split}: {len(texts)} texts; quotes in Content spans: "
        f"P {100 * precision:5.1f}  R {100 * recall:5.1f}  F1 {100 * f1:5.1f}  "
        f"(tp {tp}, pred {pred}, gold {gold_count}; {unmapped} paragraphs not compared)"
    )
    return 0


def quote_text(paragraphs: dict[int, str], span: tuple[int, int]) -> str:
    """The words of a span (for the error list), from the paragraph holding it."""
    for offset, paragraph in paragraphs.items():
        if offset <= span[0] < offset + len(paragraph):
            return paragraph[span[0] - offset : span[1] - offset][:70]
    return "?"


if __name__ == "__main__":
    raise SystemExit(main())
