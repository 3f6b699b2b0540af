#!/usr/bin/env python3
"""Score the packaged name tagger on an annotated file: per-type precision, recall, F1 (exact spans).

Usage: python scripts/evaluate_ner.py FILE [--model DIR] [--json]

FILE is a BIO file (MSRA format: ``char<TAB>tag`` lines, a blank line after each sentence) or
CLUENER JSON lines (``end`` inclusive; organization, government, company -> ORG, name -> PER,
address -> LOC; other labels are not scored). Each sentence or line is tagged as one text.
Example: python scripts/evaluate_ner.py ../shared/data/ner_zh/msra/msra_test_bio.txt
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.entities.ner_eval import TYPES, CorpusError, evaluate  # noqa: E402
from timeline.entities.ner_model import ModelError, load_model  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--model", default=None, help="model folder (default: the packaged model)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args(argv)
    try:
        tagger = load_model(a.model)
        t0 = time.perf_counter()
        result = evaluate(a.file, tagger.find)
        result["seconds"] = round(time.perf_counter() - t0, 2)
    except (CorpusError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"{result['file']}: {result['texts']} texts, {result['chars']} chars, {result['seconds']} s")
    print(f"{'type':8} {'P':>7} {'R':>7} {'F1':>7} {'gold':>7} {'pred':>7}")
    for t in (*TYPES, "overall"):
        r = result[t]
        print(f"{t:8} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} {r['gold']:7d} {r['predicted']:7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
