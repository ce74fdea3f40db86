"""Does a speaker's confidence mean what it says? Right attributions per confidence band.

Runs ../shared/eval/score.py on a set with gold speakers (dev by default) in this process
and records, for every quote it matches to a gold quote with a speaker, the confidence
`briefing analyze --json` gave and whether the scorer counted the speaker right. Prints
one row per band: how many quotes, how many right, and the share right, which for a
calibrated analyser lies near the band's confidence. Only the scorer's own matching and
speaker rule decide what is right.

Usage::

    python benchmarks/calibration.py [--set dev] [--scorer ../shared/eval/score.py] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


class _Recorded(dict[str, Any]):
    """A predicted quote that notes its confidence when the scorer reads it, which the
    scorer does right after judging its speaker."""

    judged: list[tuple[float, bool]]
    last_verdict: list[bool]

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        if key == "speaker_confidence" and self.last_verdict:
            self.judged.append((float(value or 0.0), self.last_verdict.pop()))
        return value


def judged_quotes(scorer: Path, name: str) -> list[tuple[float, bool]]:
    """(confidence, right) for every matched quote whose gold has a speaker."""
    spec = importlib.util.spec_from_file_location("briefing_eval_score", scorer)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {scorer}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    judged: list[tuple[float, bool]] = []
    verdicts: list[bool] = []
    speaker_ok = module.speaker_ok
    score_quotes = module.score_quotes

    def recording_speaker_ok(pred: object, gold: dict[str, Any]) -> bool:
        verdict = bool(speaker_ok(pred, gold))
        verdicts.append(verdict)
        return verdict

    def recording_score_quotes(pred: list[dict[str, Any]], *args: Any) -> Any:
        wrapped = []
        for quote in pred:
            recorded = _Recorded(quote)
            recorded.judged, recorded.last_verdict = judged, verdicts
            wrapped.append(recorded)
        return score_quotes(wrapped, *args)

    setattr(module, "speaker_ok", recording_speaker_ok)  # noqa: B010 (a loaded file's module)
    setattr(module, "score_quotes", recording_score_quotes)  # noqa: B010
    arguments = ["--project", str(ROOT), "--set", name, "--python", sys.executable]
    with contextlib.redirect_stdout(io.StringIO()):
        code = module.main(arguments)
    if code != 0:
        raise SystemExit(f"score.py failed on {name} (exit {code})")
    return judged


def bands(judged: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Quotes, right ones and the share right, per confidence band."""
    rows = []
    for low, high in BANDS:
        inside = [right for confidence, right in judged if low <= confidence < high]
        rows.append(
            {
                "band": f"{low:.1f}-{min(high, 1.0):.1f}",
                "quotes": len(inside),
                "right": sum(inside),
                "share_right": round(sum(inside) / len(inside), 3) if inside else None,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="dev")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args(argv)
    if not args.scorer.is_file():
        print(f"no scorer at {args.scorer}: put ../shared/eval beside the repository")
        return 1
    rows = bands(judged_quotes(args.scorer, args.set))
    print(f"speaker confidence on {args.set}: quotes with a gold speaker, by band")
    print(f"{'confidence':<12}{'quotes':>8}{'right':>8}{'share right':>14}")
    for row in rows:
        share = "-" if row["share_right"] is None else f"{row['share_right']:.2f}"
        print(f"{row['band']:<12}{row['quotes']:>8}{row['right']:>8}{share:>14}")
    if args.json:
        print(json.dumps({"set": args.set, "bands": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
