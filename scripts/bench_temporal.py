#!/usr/bin/env python3
"""Throughput of ``timeline.temporal.tag`` against JioNLP's ``extract_time`` on the same text.

Usage: python scripts/bench_temporal.py [TEXT_FILE] [--repeat N]
(default: the seed article, repeated 100 times, both tools in the same run).

JioNLP is a benchmark-only extra (``pip install jionlp``); it is imported here only. Rule tables
are loaded (and JioNLP initialised) on a warm-up call before timing, so both figures are steady
state; the two tools run alternately on each copy so that other load on the machine slows
both alike. Prints seconds per tool, characters per second, the fastest copy of each (the
figure least disturbed by other load) and the speed ratio of the totals.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main(argv: list[str]) -> int:
    from eval_recognizers import temporal  # same import fallback as the evaluation script

    args = [a for a in argv[1:] if not a.startswith("--")]
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 100
    if "--repeat" in argv:
        args = [a for a in args if a != str(repeat)]
    path = Path(args[0]) if args else ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"
    text = path.read_text(encoding="utf-8")
    dct = "2017-08-28"

    temporal.tag(text, dct=dct, lang="zh", doc_id="d1")  # warm-up: load and compile the tables
    try:
        import jionlp
    except ImportError:
        jionlp = None
    base = int(time.mktime(time.strptime(dct, "%Y-%m-%d")))
    if jionlp is not None:
        jionlp.ner.extract_time(text, time_base=base)  # warm-up
    # interleaved, so that other load on the machine slows both tools alike
    ours = jio = 0.0
    best_ours = best_jio = float("inf")
    n_ours = n_jio = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_ours = len(temporal.tag(text, dct=dct, lang="zh", doc_id="d1"))
        dt = time.perf_counter() - t0
        ours += dt
        best_ours = min(best_ours, dt)
        if jionlp is not None:
            t0 = time.perf_counter()
            n_jio = len(jionlp.ner.extract_time(text, time_base=base))
            dt = time.perf_counter() - t0
            jio += dt
            best_jio = min(best_jio, dt)
    if jionlp is None:
        print("jionlp is not installed (pip install jionlp): only our figure is given")
        print(f"timeline.temporal.tag: {ours:.3f} s for {repeat} x {len(text)} chars, {n_ours} timexes each")
        return 0

    chars = repeat * len(text)
    print(f"text: {path.name}, {len(text)} chars, repeated {repeat} times")
    print(f"timeline.temporal.tag:    {ours:8.3f} s  {chars / ours:12,.0f} chars/s  {n_ours} timexes per copy")
    print(f"jionlp.ner.extract_time:  {jio:8.3f} s  {chars / jio:12,.0f} chars/s  {n_jio} timexes per copy")
    print(f"fastest copy: timeline {best_ours * 1000:.2f} ms, jionlp {best_jio * 1000:.2f} ms "
          f"(ratio {best_jio / best_ours:.1f}x, the least disturbed by other load)")
    print(f"ratio: timeline is {jio / ours:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
