#!/usr/bin/env python3
"""Benchmark: the events stage (``events.assemble``) alone and the whole extraction
(``timeline.extract``) on the same text, in the same run (issue 16: the events stage was about
half of the extraction's time).

Usage: python scripts/bench_events.py [FILE] [--repeat N] [--rounds R] [--dct YYYY-MM-DD] [--json]

The document, its time expressions and entities are made once, as ``pipeline.extract_document``
makes them; each round then times ``--repeat`` calls of ``events.assemble`` on them, then as many
whole extractions of the text. Times are CPU seconds (``time.process_time``: the machine is
shared); the script prints each round's milliseconds a copy, the best round of each and the
events stage's share of the extraction. To compare two versions, run each one's copy of this
script on the same text, one after the other, several times, and compare the best rounds.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_report import parser, report  # noqa: E402 - scripts/ is on the path of a script run from it


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__.splitlines()[0], repeat=20, rounds=5)
    a = ap.parse_args(argv)
    text = Path(a.file).read_text(encoding="utf-8")

    import timeline
    from timeline import documents, entities, events, temporal
    from timeline.text import TextView

    doc = documents.document_from_text(text, doc_id="d1", dct=a.dct, lang="zh")
    view = TextView(doc.text, documents.matching_text(doc))
    timexes = temporal.tag(view.match, dct=doc.dct, lang=doc.language, doc_id=doc.id)
    ents = entities.recognise(view.match, lang=doc.language, doc_id=doc.id, timexes=timexes)
    found = events.assemble(doc, timexes, ents, view=view)          # warm-up: tables loaded
    timeline.extract(text, dct=a.dct, lang="zh")

    rounds: list[dict[str, float]] = []
    for _ in range(a.rounds):
        t0 = time.process_time()
        for _ in range(a.repeat):
            events.assemble(doc, timexes, ents, view=view)
        t1 = time.process_time()
        for _ in range(a.repeat):
            timeline.extract(text, dct=a.dct, lang="zh")
        t2 = time.process_time()
        rounds.append({"events": 1000 * (t1 - t0) / a.repeat, "extract": 1000 * (t2 - t1) / a.repeat})
    best = {k: min(r[k] for r in rounds) for k in ("events", "extract")}
    out = {"file": a.file, "repeat": a.repeat, "rounds": a.rounds, "load_average": list(os.getloadavg()),
           "events_found": len(found),
           "best_ms_per_copy": {k: round(v, 2) for k, v in best.items()},
           "events_share": round(best["events"] / best["extract"], 2),
           "round_ms_per_copy": [{k: round(v, 2) for k, v in r.items()} for r in rounds]}
    return report(out, a.json)


if __name__ == "__main__":
    sys.exit(main())
