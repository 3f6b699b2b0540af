#!/usr/bin/env python3
"""Benchmark: entity recognition + temporal tagging vs JioNLP's time extraction alone.

Usage: python scripts/bench_entities.py [FILE] [--repeat N] [--json]

Runs, in the same process and on the same text (default: the seed article, 100 times):
  ours   = timeline.temporal.tag + timeline.entities.recognise (timexes passed through),
  jionlp = jionlp.ner.extract_time (time extraction only, with parsing, the DCT as time base).
Prints the wall time of each, documents per second, and the ratio jionlp / ours (the project's
requirement: >= 2.0). JioNLP is a benchmark-only dependency (`pip install jionlp`); without it
only our timing is printed. One warm-up run of each is excluded from the timing.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_report import parser, report  # noqa: E402 - scripts/ is on the path of a script run from it

from timeline.entities import recognise  # noqa: E402 - after the sys.path insert above


def _tagger():
    """timeline.temporal.tag, or None (with the reason) when that stage cannot run."""
    try:
        from timeline.temporal import tag

        tag("2017年8月28日", dct="2017-08-28", lang="zh", doc_id="d1")
        return tag, None
    except Exception as exc:  # noqa: BLE001 (the temporal stage may be mid-edit: time entities alone)
        return None, f"{type(exc).__name__}: {exc}"


def _ours(text: str, dct: str, tag):
    timexes = tag(text, dct=dct, lang="zh", doc_id="d1") if tag else []
    return timexes, recognise(text, lang="zh", doc_id="d1", timexes=timexes)


def main(argv=None) -> int:
    ap = parser(__doc__.splitlines()[0], repeat=100)
    a = ap.parse_args(argv)
    text = Path(a.file).read_text(encoding="utf-8")

    tag, why = _tagger()
    timexes, ents = _ours(text, a.dct, tag)                  # warm-up (loads the tables)
    t0 = time.perf_counter()
    for _ in range(a.repeat):
        _ours(text, a.dct, tag)
    ours = time.perf_counter() - t0
    out = {"file": a.file, "repeat": a.repeat, "measured": "temporal.tag + entities.recognise" if tag
           else f"entities.recognise only (temporal unavailable: {why})", "ours_s": round(ours, 3),
           "ours_docs_per_s": round(a.repeat / ours, 1), "timexes": len(timexes),
           "entities": len(ents), "orgs": sum(e.type == "ORG" for e in ents)}
    try:
        import logging

        logging.disable(logging.CRITICAL)   # JioNLP logs a traceback for every odd span
        import jionlp as jio
    except ImportError:
        out["jionlp"] = "not installed"
    else:
        import datetime as dt

        base = dt.datetime.fromisoformat(a.dct).timestamp()
        jio.ner.extract_time(text, time_base=base)             # warm-up (loads dictionaries)
        t0 = time.perf_counter()
        for _ in range(a.repeat):
            found = jio.ner.extract_time(text, time_base=base)
        jt = time.perf_counter() - t0
        out.update(jionlp_s=round(jt, 3), jionlp_docs_per_s=round(a.repeat / jt, 1),
                   jionlp_timexes=len(found), speedup=round(jt / ours, 2))
    return report(out, a.json)


if __name__ == "__main__":
    sys.exit(main())
