#!/usr/bin/env python3
"""Benchmark: the name tagger (one thread) vs JioNLP's time-only extraction, same text, same run.

Usage: python scripts/bench_ner.py [FILE] [--repeat N] [--threads T] [--model DIR] [--json]

Times, on the same text (default: the seed article, 100 times), after one warm-up each:
  model  = timeline.entities.ner_model NameTagger.find([text]) (input mapping, onnxruntime, decoding),
  jionlp = jionlp.ner.extract_time(text, time_base=DCT) (JioNLP is in the ``bench`` extra).
Prints ms per call of each and the share of JioNLP's time the model takes (the pipeline's budget:
the whole pipeline, about 10 ms of it without the model, must stay >= 2x faster than JioNLP).
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
    load_ms = (time.perf_counter() - t0) * 1000
    names = tagger.find([text])[0]                                   # warm-up
    t0 = time.perf_counter()
    for _ in range(a.repeat):
        tagger.find([text])
    model_ms = (time.perf_counter() - t0) * 1000 / a.repeat
    out = {"file": Path(a.file).name, "chars": len(text), "repeat": a.repeat, "threads": a.threads,
           "load_ms": round(load_ms, 1), "model_ms": round(model_ms, 3), "names": len(names),
           "orgs": sum(n.type == "ORG" for n in names)}
    try:
        import logging

        logging.disable(logging.CRITICAL)       # JioNLP logs a traceback for every odd span
        import jionlp as jio
    except ImportError:
        out["jionlp"] = "not installed (pip install -e '.[bench]')"
    else:
        import datetime as dt

        base = dt.datetime.fromisoformat(a.dct).timestamp()
        jio.ner.extract_time(text, time_base=base)                   # warm-up
        t0 = time.perf_counter()
        for _ in range(a.repeat):
            jio.ner.extract_time(text, time_base=base)
        jio_ms = (time.perf_counter() - t0) * 1000 / a.repeat
        out.update(jionlp_ms=round(jio_ms, 3), model_share_of_jionlp=round(model_ms / jio_ms, 3))
    if a.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>22}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
