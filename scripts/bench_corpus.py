#!/usr/bin/env python3
"""Benchmark: ``timeline build`` on corpora of 100, 1,000 and 10,000 articles (issue 16).

Usage: python scripts/bench_corpus.py [--sizes 100,1000,10000] [--jobs N] [--new 10]
                                      [--jionlp-docs 100] [--keep DIR] [--json FILE]

The corpora are made at run time in a temporary folder (never committed) from the real articles
of ``../shared/data/real_zh/articles/`` and the genre articles of ``tests/genre/``: article ``i`` is
source ``i mod S`` with its years shifted by a multiple of 4 (so 29 February stays a date) and the
stems of its district and county names replaced by made-up stems, different for each copy, so that
no two documents are the same text (the places a source names are found by the tool itself: its
LOC entities ending in a level character). For each size the script runs, as a child process,

1. ``timeline build CORPUS -o OUT --timings`` (a fresh OUT): wall time, documents/s, the stage
   times and peak memory the command reports (its own and its largest worker's ru_maxrss);
2. the same command after adding ``--new`` new articles to the folder (the incremental case:
   only the new ones are extracted, the rest read back from ``OUT/timeline.db``);

then the output sizes. In the same run it times, in this process and on one core, JioNLP's
``extract_time`` (time expressions only) and ``timeline.pipeline.extract_document`` (the whole
extraction) on the first ``--jionlp-docs`` articles of the corpus (`pip install '.[bench]'`
brings JioNLP; without it that row is skipped). Heavy: run it under ``nice -n 10``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT.parent / "shared" / "data" / "real_zh" / "articles", ROOT / "tests" / "genre"]
sys.path.insert(0, str(ROOT))

YEAR_SHIFTS = (0, 4, -4, 8, -8)
"""Years are shifted by a multiple of 4: a 29 February stays a date."""
STEM_CHARACTERS = ("安宝昌德丰福甘高广海和华淮吉嘉建金晋靖开康兰乐临隆鲁罗"
                   "茂梅明宁普青庆荣瑞韶盛寿顺泰通威文祥兴宜永玉云章肇舟")
"""Characters the made-up place stems are drawn from (two a stem)."""
LEVEL_CHARACTERS = "区县市镇乡"
"""A LOC entity ending in one of these is a place whose stem is replaced."""
NUMERALS = "零一二三四五六七八九十百千万亿两"
"""A stem holding one of these is a number the tool misread as a place: left alone."""
EDITOR_LINE = "\n（责任编辑：{}）\n"
"""Ends every copy with a made-up editor's name, so that even a source naming no place gives
documents that differ."""
_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-4][0-9])(?![0-9])")


# --------------------------------------------------------------------------- corpus

def source_texts() -> list[tuple[str, str]]:
    """``(name, text)`` of every source article, sorted by name within each folder."""
    out = []
    for folder in SOURCES:
        if not folder.is_dir():
            raise SystemExit(f"bench_corpus: {folder}: missing (the shared kit sits beside the repository)")
        out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    return out


def place_stems(texts: list[tuple[str, str]]) -> list[list[str]]:
    """For each source, the stems of the places it names (its LOC entities ending in a level
    character, longest first), found by the tool itself."""
    import timeline

    stems = []
    for _, text in texts:
        ents = timeline.extract(text).entities
        found = {e.name[:-1] for e in ents
                 if e.type == "LOC" and len(e.name) >= 3 and e.name[-1] in LEVEL_CHARACTERS
                 and not any(c in NUMERALS for c in e.name)}
        stems.append(sorted(found, key=lambda s: (-len(s), s)))
    return stems


def made_up_stem(copy: int, k: int) -> str:
    """The ``k``-th made-up stem of copy ``copy`` (a different one for every pair)."""
    n = len(STEM_CHARACTERS)
    i = (copy * 7 + k * 131) % (n * n)
    return STEM_CHARACTERS[i // n] + STEM_CHARACTERS[i % n]


def article(i: int, texts: list[tuple[str, str]], stems: list[list[str]]) -> str:
    """Article ``i`` of the corpus: source ``i mod S``, copy ``i // S``, years and place stems shifted."""
    s = i % len(texts)
    copy = i // len(texts)
    text = texts[s][1]
    if copy:
        shift = YEAR_SHIFTS[copy % len(YEAR_SHIFTS)]
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
        for k, stem in enumerate(stems[s]):
            text = text.replace(stem, made_up_stem(copy, k))
        text = text.rstrip("\n") + EDITOR_LINE.format(made_up_stem(copy, 97) + made_up_stem(copy, 89)[0])
    return text


def write_corpus(folder: Path, start: int, stop: int, texts, stems) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        (folder / f"a{i:05d}.txt").write_text(article(i, texts, stems), encoding="utf-8")


# --------------------------------------------------------------------------- runs

def build(corpus: Path, out: Path, jobs: int | None, timeout: float | None = None) -> dict:
    """Run ``timeline build`` as a child process; its wall time, the timings it reports, the
    machine's load average before and after (the machine may be shared)."""
    cmd = [sys.executable, "-m", "timeline.cli", "build", str(corpus), "-o", str(out), "--timings", "--quiet"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    t0 = time.perf_counter()
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"wall_s": None, "did_not_finish_within_s": timeout}
    wall = time.perf_counter() - t0
    if run.returncode not in (0, 1):
        raise SystemExit(f"bench_corpus: {' '.join(cmd)} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    timings = {}
    for line in run.stderr.splitlines():
        if line.startswith("timeline: timings: "):
            timings = json.loads(line[len("timeline: timings: "):])
    after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"wall_s": round(wall, 2), "timings": timings, "load_average_1min": [load, after]}


def sizes_of(out: Path) -> dict:
    return {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def jionlp_row(folder: Path, n: int) -> dict:
    """JioNLP's extract_time against timeline's whole extraction on the first ``n`` articles,
    both on one core in this process."""
    from timeline import documents, pipeline

    paths = sorted(str(p) for p in folder.glob("*.txt"))[:n]
    docs = [d for d in documents.read_sources(paths, encoding=None, dct=None, lang=None)
            if not isinstance(d, Exception) and hasattr(d, "text")]
    pipeline.extract_document(docs[0])                         # warm-up: the tables load
    t0 = time.perf_counter()
    for d in docs:
        pipeline.extract_document(d)
    ours = time.perf_counter() - t0
    row = {"documents": len(docs), "timeline_docs_per_s": round(len(docs) / ours, 1)}
    try:
        import jionlp
    except ImportError:
        row["jionlp"] = "not installed (pip install '.[bench]')"
        return row
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        jionlp.ner.extract_time(docs[0].text[:200])             # warm-up (JioNLP prints a banner)
    t0 = time.perf_counter()
    for d in docs:
        base = time.mktime(time.strptime(d.dct, "%Y-%m-%d")) if d.dct else time.time()
        jionlp.ner.extract_time(d.text, time_base=base)
    theirs = time.perf_counter() - t0
    row["jionlp_extract_time_docs_per_s"] = round(len(docs) / theirs, 1)
    row["ratio_timeline_over_jionlp"] = round(theirs / ours, 2)
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--jobs", type=int, default=None, help="--jobs of timeline build (default: its own)")
    ap.add_argument("--new", type=int, default=10, help="articles added for the incremental build")
    ap.add_argument("--jionlp-docs", type=int, default=100)
    ap.add_argument("--keep", metavar="DIR", help="make the corpora and outputs here and keep them")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--timeout", type=float, default=None, help="give up a build after this many seconds")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",") if s]

    texts = source_texts()
    stems = place_stems(texts)
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    results = {"machine_cores": os.cpu_count(), "sources": len(texts), "sizes": {}}
    try:
        for n in sizes:
            corpus, out = work / f"corpus{n}", work / f"out{n}"
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            write_corpus(corpus, 0, n, texts, stems)
            row = {"first": build(corpus, out, a.jobs, a.timeout)}
            if row["first"]["wall_s"] is None:
                results["sizes"][n] = row
                print(json.dumps({n: row}, ensure_ascii=False), flush=True)
                continue
            row["first"]["docs_per_s"] = round(n / row["first"]["wall_s"], 1)
            row["output_bytes"] = sizes_of(out)
            if a.new:
                write_corpus(corpus, n, n + a.new, texts, stems)
                row["incremental"] = build(corpus, out, a.jobs, a.timeout)
                again = row["incremental"]
                if again["wall_s"] is not None:
                    again["share_of_first"] = round(again["wall_s"] / row["first"]["wall_s"], 3)
            results["sizes"][n] = row
            print(json.dumps({n: row}, ensure_ascii=False), flush=True)
        first = sizes[0] if sizes else 0
        if first and a.jionlp_docs > 0:
            results["jionlp"] = jionlp_row(work / f"corpus{first}", a.jionlp_docs)
            print(json.dumps({"jionlp": results["jionlp"]}), flush=True)
        if 1000 in results["sizes"] and 10000 in results["sizes"]:
            t1, t10 = (results["sizes"][k]["first"]["wall_s"] for k in (1000, 10000))
            if t1 and t10:
                results["growth_1000_to_10000"] = round(t10 / (10 * t1), 3)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    if a.json:
        Path(a.json).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
