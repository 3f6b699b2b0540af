#!/usr/bin/env python3
"""Benchmark: the name tagger (one thread) vs JioNLP's time-only extraction, same text, same run.

Usage: python scripts/bench_ner.py [FILE] [--repeat N] [--threads T] [--model DIR] [--json]

Times, on the same text (default: the seed article, 100 rounds), after one warm-up each:
  model    = timeline.entities.ner_model NameTagger.find([text]) (input mapping, onnxruntime, decoding),
  pipeline = timeline.temporal.tag + timeline.entities.recognise (time expressions and entities, the
             model included: what ``scripts/bench_entities.py`` times),
  jionlp   = jionlp.ner.extract_time(text, time_base=DCT) (JioNLP is in the ``bench`` extra).
The three run in turn inside each round, so the machine's other load weighs on all of them alike.
Prints ms per call of each, the share of JioNLP's time the model takes, the share of the
pipeline's, and the ratio jionlp / pipeline (the project's bar: >= 2.0).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.entities.ner_model import load_model  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"))
    ap.add_argument("--repeat", type=int, default=100)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--model", default=None, help="model folder (default: the packaged model)")
    ap.add_argument("--dct", default="2017-08-28")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    text = Path(a.file).read_text(encoding="utf-8")

    t0 = time.perf_counter()
    tagger = load_model(a.model, threads=a.threads)
    out = {"file": Path(a.file).name, "chars": len(text), "rounds": a.repeat, "threads": a.threads,
           "load_ms": round((time.perf_counter() - t0) * 1000, 1)}
    runs = {"model": lambda: tagger.find([text])}
    try:
        from timeline.entities import recognise
        from timeline.temporal import tag

        def pipeline():
            timexes = tag(text, dct=a.dct, lang="zh", doc_id="d1")
            return recognise(text, lang="zh", doc_id="d1", timexes=timexes)

        pipeline()
        runs["pipeline"] = pipeline
    except Exception as exc:  # noqa: BLE001 (other stages may be mid-edit: the model alone is still timed)
        out["pipeline"] = f"not timed ({type(exc).__name__}: {exc})"
    try:
        import logging

        logging.disable(logging.CRITICAL)       # JioNLP logs a traceback for every odd span
        import datetime as dt

        import jionlp as jio

        base = dt.datetime.fromisoformat(a.dct).timestamp()
        runs["jionlp"] = lambda: jio.ner.extract_time(text, time_base=base)
    except ImportError:
        out["jionlp"] = "not installed (pip install -e '.[bench]')"
    names = tagger.find([text])[0]
    for f in runs.values():                                         # warm-up
        f()
    spent = dict.fromkeys(runs, 0.0)
    for _ in range(a.repeat):
        for k, f in runs.items():
            t0 = time.perf_counter()
            f()
            spent[k] += time.perf_counter() - t0
    for k, v in spent.items():
        out[f"{k}_ms"] = round(v * 1000 / a.repeat, 3)
    out.update(names=len(names), orgs=sum(n.type == "ORG" for n in names))
    if "jionlp" in runs:
        out["model_share_of_jionlp"] = round(spent["model"] / spent["jionlp"], 3)
        if "pipeline" in runs:
            out["jionlp_over_pipeline"] = round(spent["jionlp"] / spent["pipeline"], 2)
    if "pipeline" in runs:
        out["model_share_of_pipeline"] = round(spent["model"] / spent["pipeline"], 3)
    if a.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>32}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
