#!/usr/bin/env python3
"""Score the temporal tagger on TempEval-3 TimeML files: a thin wrapper of ``timeline evaluate``.

Usage: python scripts/eval_tempeval.py [FOLDER] [--limit N] [--errors] [--json]
(default: ../shared/data/tempeval3_en/TBAQ-cleaned, the TempEval-3 training/development data;
``te3-platinum`` is the test set: measure on it, never tune on it). The scoring lives in
``timeline/evaluate.py``; this is the same as ``timeline evaluate FOLDER --format timeml``.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/data/tempeval3_en/TBAQ-cleaned"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from timeline.cli import app

    args = [a for a in argv[1:]]
    folder = next((a for a in args if not a.startswith("--") and not a.isdigit()), None)
    rest = [a for a in args if a != folder]
    try:
        code = app(["evaluate", folder or str(DEFAULT), "--format", "timeml", *rest], standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
