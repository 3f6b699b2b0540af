#!/usr/bin/env python3
"""The page at scale: render time, page size and browser draw time for 100, 1,000 and 10,000 articles.

Usage::

    python scripts/bench_page.py [--sizes 100,1000,10000] [--base real.json] [--out DIR] [--no-browser]

The corpus is made without running the extraction on thousands of articles: the real articles'
extraction (``timeline extract ../shared/data/real_zh/articles --format json``, run once, or
``--base``) is replicated, copy ``k`` of each document with

* its text, titles, names and sentences re-spelt by a bijection of the CJK block of its own
  (``c -> 0x4E00 + ((c - 0x4E00) * 7919 + k * 104729) mod 20992``: same length, so every offset
  holds; the same character statistics, so compression is as on real text; no copy repeats
  another's text);
* entity names re-spelt per group of copies (``k mod 97``), so organisations recur across
  documents as in a real corpus (about 97 × the entities of the real articles in all);
* every date (DCT, time expression values, event dates) moved by ``k mod 13 - 6`` years;
* ids prefixed by the copy (``c12-d3/e4``).

For each size it prints the number of events, the render time (``render_html``: the view model,
network layout and page), the page size, and the time headless Chromium (``scripts/screenshot.py``)
takes from navigation start to the page's ready flag (better of two cold loads), and writes the
pages to ``--out`` (default: a temporary folder). Needs Debian's ``chromium`` and
``chromium-driver`` for the draw time (``--no-browser`` skips it).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "data" / "real_zh" / "articles"
sys.path.insert(0, str(ROOT))

from timeline.model import Entity, Extraction, Mention  # noqa: E402

CJK0, CJKN = 0x4E00, 20992


def respell(text: str | None, k: int) -> str | None:
    """``text`` with each CJK character moved by copy ``k``'s bijection (same length)."""
    if text is None:
        return None
    out = []
    for ch in text:
        c = ord(ch) - CJK0
        out.append(chr(CJK0 + (c * 7919 + k * 104729) % CJKN) if 0 <= c < CJKN else ch)
    return "".join(out)


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def shift_years(value, years: int):
    if isinstance(value, str):
        return _YEAR.sub(lambda m: str(int(m.group()) + years), value)
    if isinstance(value, int) and not isinstance(value, bool) and 1800 <= value <= 2099:
        return value + years
    return value


def replicate(base: Extraction, n_docs: int) -> Extraction:
    """An extraction of ``n_docs`` documents made from ``base`` (see the module docstring)."""
    docs, timexes, entities, events = [], [], {}, []
    per = len(base.documents)
    ents = base.entity_by_id()
    for k in range((n_docs + per - 1) // per):
        years, group = k % 13 - 6, k % 97
        for d in base.documents:
            if len(docs) >= n_docs:
                break
            did = f"c{k}-{d.id}"
            docs.append(replace(d, id=did, text=respell(d.text, k), title=respell(d.title, k),
                                dct=shift_years(d.dct, years), dct_source=None,
                                path=f"corpus/{k:05d}/{Path(d.path or d.id).name}"))
            for t in base.timexes:
                if t.doc == d.id:
                    timexes.append(replace(t, id=f"c{k}-{t.id}", doc=did, text=respell(t.text, k),
                                           value=shift_years(t.value, years)))
            for ev in base.events:
                if ev.doc != d.id:
                    continue
                date = {key: shift_years(v, years) for key, v in ev.date.items()} if ev.date else None
                parts = [replace(p, entity=f"g{group}-{p.entity}") for p in ev.participants]
                for p in ev.participants:
                    e = ents.get(p.entity)
                    key = f"g{group}-{p.entity}"
                    if e is not None and key not in entities:
                        entities[key] = Entity(key, e.type, respell(e.name, group) or e.name,
                                               aliases=[respell(a, group) or a for a in e.aliases], mentions=[])
                    if e is not None:
                        entities[key].mentions.extend(
                            Mention(did, m.start, m.end, respell(m.text, k) or "") for m in e.mentions if m.doc == d.id)
                events.append(replace(ev, id=f"c{k}-{ev.id}", doc=did, timex=f"c{k}-{ev.timex}" if ev.timex else None,
                                      date=date, title=respell(ev.title, k) or "", trigger=respell(ev.trigger, k) or "",
                                      sentence=respell(ev.sentence, k), participants=parts, mentions=[]))
    for e in entities.values():
        seen = set()
        e.mentions = [m for m in e.mentions if (m.doc, m.start) not in seen and not seen.add((m.doc, m.start))]
    return Extraction(documents=docs, timexes=timexes, entities=list(entities.values()), events=events)


def base_extraction(path: str | None) -> Extraction:
    if path:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    else:
        proc = subprocess.run([sys.executable, "-m", "timeline.cli", "extract", str(ARTICLES),
                               "--format", "json", "-q"],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        data = json.loads(proc.stdout)
    return Extraction.from_dict(data)


def _screenshot_module():
    spec = importlib.util.spec_from_file_location("timeline_screenshot", ROOT / "scripts" / "screenshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def draw_seconds(page: Path, loads: int = 2) -> tuple[float, list[str]]:
    """Better of ``loads`` cold loads (a fresh browser each) to the page's ready flag; console errors."""
    shot = _screenshot_module()
    best, errors = float("inf"), []
    for _ in range(loads):
        drv = shot.start_driver(1400, 1000)
        try:
            drv.get(page.as_uri())
            best = min(best, shot.wait_ready(drv, timeout=120))
            errors = [e["message"] for e in drv.get_log("browser") if e.get("level") == "SEVERE"]
        finally:
            drv.quit()
    return best, errors


def main(argv: list[str] | None = None) -> int:
    from timeline.graph import build_graph
    from timeline.render import render_html

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--base", help="extraction JSON of the real articles (else extracted now)")
    ap.add_argument("--out", help="folder for the pages (default: a temporary one)")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    base = base_extraction(args.base)
    out = Path(args.out or tempfile.mkdtemp(prefix="bench-page-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"base: {len(base.documents)} documents, {len(base.events)} events, {len(base.entities)} entities")
    print("documents  events  entities  render_s  graph_s  page_MB  draw_s")
    for n in [int(x) for x in args.sizes.split(",")]:
        x = replicate(base, n)
        t0 = time.perf_counter()
        g = build_graph(x)
        t1 = time.perf_counter()
        html = render_html(x, g, base=out)
        t2 = time.perf_counter()
        page = out / f"page-{n}.html"
        page.write_text(html, encoding="utf-8")
        size = page.stat().st_size / 1e6
        draw, errors = (float("nan"), []) if args.no_browser else draw_seconds(page)
        print(f"{n:9d}  {len(x.events):6d}  {len(x.entities):8d}  {t2 - t1:8.2f}  {t1 - t0:7.2f}"
              f"  {size:7.2f}  {draw:6.2f}",
              flush=True)
        for e in errors:
            print(f"  console error: {e[:300]}")
    print(f"pages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
