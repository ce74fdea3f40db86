"""The analyser's quality in one table: ../shared/eval/score.py on each evaluation set.

Runs the shared scorer (which runs `python -m briefing_tui analyze --json` on the set's
texts) on the Dutch development news with gold (`dev`), CoNLL-2002 Dutch `conll-testa`
and `conll-testb`, and prints one row per set with the floors the analyser must reach,
then the JSON of all figures with --json. Develop on dev and testa (and conll-train);
testb is for reporting only: never read its errors to fix them.

Usage::

    python benchmarks/eval_table.py [--sets dev conll-testa conll-testb] [--json OUT]
        [--scorer ../shared/eval/score.py] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SETS = ("dev", "conll-testa", "conll-testb")

FLOORS: dict[str, dict[str, float]] = {
    "dev": {"entity_f1": 0.93, "speaker_acc": 0.92, "speaker_prec": 0.97},
    "conll-testb": {"entity_f1": 0.80},
}
"""The lowest figures the analyser may score, per set (the rest are reported only)."""

COLUMNS = ("entity_f1", "quote_f1", "speaker_acc", "speaker_prec", "speaker_cov")


def score(scorer: Path, name: str, verbose: bool) -> dict[str, Any]:
    """All figures of one set, from the scorer's --json output."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "score.json"
        command = [
            sys.executable,
            str(scorer),
            "--project",
            str(ROOT),
            "--set",
            name,
            "--python",
            sys.executable,
            "--json",
            str(out),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if verbose or done.returncode != 0:
            print(done.stdout, end="")
            print(done.stderr, end="", file=sys.stderr)
        if done.returncode != 0:
            raise SystemExit(f"score.py failed on {name} (exit {done.returncode})")
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return figures


def row(figures: dict[str, Any]) -> dict[str, float | None]:
    """The summary figures of a set; None where the set has no quotes."""
    quotes = figures.get("quotes")
    return {
        "entity_f1": figures["entities"]["f1"],
        "quote_f1": quotes["f1"] if quotes else None,
        "speaker_acc": figures.get("speaker_acc"),
        "speaker_prec": figures.get("speaker_precision"),
        "speaker_cov": figures.get("speaker_coverage"),
    }


def verdicts(name: str, figures: dict[str, float | None]) -> list[str]:
    """One "ok"/"MISSED" word per floor of the set."""
    found = []
    for column, floor in FLOORS.get(name, {}).items():
        value = figures[column]
        state = "ok" if value is not None and value >= floor else "MISSED"
        found.append(f"{column}>={floor:.2f} {state}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--json", type=Path, help="write every set's figures here")
    parser.add_argument("--verbose", action="store_true", help="print the scorer's own report")
    args = parser.parse_args()
    if not args.scorer.is_file():
        print(f"no scorer at {args.scorer}: ../shared/eval must sit beside the project")
        return 2
    results: dict[str, Any] = {}
    print(f"{'set':<13}" + "".join(f"{c:>14}" for c in COLUMNS) + "  floors")
    missed = False
    for name in args.sets:
        figures = score(args.scorer, name, args.verbose)
        summary = row(figures)
        checks = verdicts(name, summary)
        missed = missed or any(check.endswith("MISSED") for check in checks)
        cells = "".join(
            f"{'-' if summary[c] is None else format(summary[c], '.3f'):>14}" for c in COLUMNS
        )
        print(f"{name:<13}{cells}  {', '.join(checks)}")
        results[name] = {"summary": summary, "floors": checks, "figures": figures}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print("all floors met" if not missed else "some floors MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
