#!/usr/bin/env python3
"""Benchmark: full extraction (``timeline.extract``, every stage) against JioNLP's time-only
``extract_time`` on the same text, in the same run (issue 16: the bar is a ratio >= 2.0).

Usage: python scripts/bench_extract.py [FILE] [--repeat N] [--rounds R] [--dct YYYY-MM-DD] [--json]

Each round times, one after the other on the same process and the same text (default: the seed
article, ``--repeat`` 100 copies):

  full     = ``timeline.extract`` with the trained name model (the shipped configuration),
  no-model = ``timeline.extract`` with the model switched off (``recogniser.yaml`` read as if it
             declared no model: the lists and the rules alone),
  jionlp   = ``jionlp.ner.extract_time`` (time expressions only, parsed, the DCT as time base).

The three alternate round after round, so that other load on the shared machine slows all of
them alike; the script prints every round's seconds and the ratio jionlp / ours of each round
(their range is the figure to quote) and of the totals. A warm-up call of each (loading the
tables, the model, JioNLP's dictionaries) is not timed. JioNLP is a benchmark-only extra
(``pip install '.[bench]'``); without it only our times are printed.
"""
from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_report import parser, report  # noqa: E402 - scripts/ is on the path of a script run from it


def _model_switch():
    """``(on, off)``: two callables turning the trained name model on and off for ``zh``."""
    from timeline.entities import sources

    original = sources.settings

    def without_model(lang: str):
        return dataclasses.replace(original(lang), model_folder=None)

    def on() -> None:
        sources.settings = original

    def off() -> None:
        sources.settings = without_model

    return on, off


def _timed(fn, text: str, repeat: int) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn(text)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__.splitlines()[0], repeat=100, rounds=3)
    a = ap.parse_args(argv)
    text = Path(a.file).read_text(encoding="utf-8")

    import timeline

    on, off = _model_switch()

    def ours(t: str):
        return timeline.extract(t, dct=a.dct, lang="zh")

    runners = {}
    on()
    warm = ours(text)
    runners["full"] = (on, ours)
    off()
    ours(text)
    runners["no_model"] = (off, ours)
    on()
    try:
        import logging

        logging.disable(logging.CRITICAL)   # JioNLP logs a traceback for every odd span
        import datetime as dt

        import jionlp as jio
    except ImportError:
        jio = None
    if jio is not None:
        base = dt.datetime.fromisoformat(a.dct).timestamp()

        def jionlp(t: str):
            return jio.ner.extract_time(t, time_base=base)

        jionlp(text)
        runners["jionlp"] = (lambda: None, jionlp)

    rounds: list[dict[str, float]] = []
    for _ in range(a.rounds):
        row = {}
        for name, (setup, fn) in runners.items():
            setup()
            row[name] = _timed(fn, text, a.repeat)
        on()
        rounds.append(row)
    totals = {k: sum(r[k] for r in rounds) for k in runners}
    out = {"file": a.file, "repeat": a.repeat, "rounds": a.rounds, "load_average": list(os.getloadavg()),
           "events": len(warm.events), "entities": len(warm.entities), "timexes": len(warm.timexes),
           "ms_per_copy": {k: round(1000 * v / (a.repeat * a.rounds), 2) for k, v in totals.items()},
           "round_seconds": [{k: round(v, 3) for k, v in r.items()} for r in rounds]}
    if "jionlp" in runners:
        for k in ("full", "no_model"):
            per = [r["jionlp"] / r[k] for r in rounds]
            out[f"ratio_{k}"] = {"total": round(totals["jionlp"] / totals[k], 2),
                                 "min": round(min(per), 2), "max": round(max(per), 2)}
    return report(out, a.json)


if __name__ == "__main__":
    sys.exit(main())
