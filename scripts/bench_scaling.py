#!/usr/bin/env python3
"""Benchmark: time and peak memory of one document's extraction as the document grows (issue 11).

Usage: python scripts/bench_scaling.py [--cases NAME,...] [--factors 1,2,4,8] [--timeout S]
                                      [--cpu-limit S] [--max-memory MB] [--json FILE]

For each case and size the whole extraction (``timeline.pipeline.extract_files`` on one ``.txt``
file: documents, temporal, entities, events; no ``--max-size`` or ``--timeout`` limit) runs in a
fresh subprocess, after a warm-up on a two-line text that loads the tables; the child reports
the extraction's wall and CPU time and its peak resident memory (``ru_maxrss``), also as the
growth over the memory held before the extraction. Cases (generated, nothing committed):

* ``seed``: the seed article repeated to 1, 2, 4, 8 MB (UTF-8 bytes, times the factor);
* ``de``: ``'的' * 50000`` without a final newline (the pre-filter's stretch pattern);
* ``numerals``: ``'十' * 40000``;  ``years``: ``'2017年' * 50000``;
* ``company``: ``'有限公司' * 10000`` (the entity scanner's head chains);
* ``places``: ``'重庆' * 10000`` (chained places);

each pathological one at 1, 2, 4 and 8 times that count. A row gives the time and memory growth
against the case's first size; the bar (issue 11): 8x the size within 10x the time, memory about
linear, and the seed's 8 MB in under a minute with under 2 GB peak. A run over ``--timeout``
seconds (wall) or ``--cpu-limit`` seconds of CPU (steadier on a shared machine) is killed and shown
as such; ``--max-memory`` bounds a run's address space (a run past it
ends with ``MemoryError``, shown as an error: a quadratic build would otherwise take the machine).
``--factors`` may be fractions (``0.5,1``). Each case ends with a verdict: the comparison with that
bar on this run's figures (the machine is shared: quote medians of several runs for a figure).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"
MB = 1 << 20

PATHOLOGICAL = {
    "de": ("的", 50000),
    "numerals": ("十", 40000),
    "years": ("2017年", 50000),
    "company": ("有限公司", 10000),
    "places": ("重庆", 10000),
}
CASES = ("seed", *PATHOLOGICAL)

_CHILD = r"""
import json, resource, sys, time
from timeline.pipeline import extract, extract_files
extract("2017年8月28日，重庆市梁平区工商联召开会议。\n会议由区委统战部主持。", dct="2017-08-28")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
w, c = time.perf_counter(), time.process_time()
x = extract_files([sys.argv[1]], dct="2017-08-28", max_size=None, timeout=None)   # no per-document limits
wall, cpu = time.perf_counter() - w, time.process_time() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"wall": wall, "cpu": cpu, "peak_kb": peak, "base_kb": base, "timexes": len(x.timexes),
                  "entities": len(x.entities), "events": len(x.events),
                  "errors": [str(e) for e in x.errors][:1]}))
"""


def make_text(case: str, factor: float) -> str:
    """The text of ``case`` at ``factor`` times its first size."""
    if case == "seed":
        seed = SEED.read_text(encoding="utf-8")
        want = int(factor * MB)
        n = -(-want // len(seed.encode("utf-8")))
        return seed * n
    unit, count = PATHOLOGICAL[case]
    return unit * int(count * factor)


def run_one(path: Path, timeout: float, max_memory: int | None = None, cpu_limit: float | None = None) -> dict:
    """Extract ``path`` in a fresh interpreter; the child's figures, or ``{"timeout": ...}``
    (``{"cpu_limit": ...}``, ``{"error": ...}``). The child ends with this process (Linux)."""
    def limit() -> None:
        import resource

        if max_memory:
            resource.setrlimit(resource.RLIMIT_AS, (max_memory * MB, max_memory * MB))
        if cpu_limit:
            resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_limit), int(cpu_limit) + 5))
        try:                     # PR_SET_PDEATHSIG: no orphan run left when the benchmark is stopped
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        except (OSError, AttributeError):
            pass

    try:
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                             timeout=timeout, cwd=ROOT, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if cpu_limit and out.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return {"cpu_limit": cpu_limit}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["exit %d" % out.returncode])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(r: dict) -> tuple[str, str, str]:
    if "timeout" in r:
        return f"> {r['timeout']:.0f}", "-", "-"
    if "cpu_limit" in r:
        return "-", f"> {r['cpu_limit']:.0f}", "-"
    if "error" in r:
        return "error", "-", "-"
    return f"{r['wall']:.2f}", f"{r['cpu']:.2f}", f"{r['peak_kb'] / 1024:.0f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of {', '.join(CASES)}")
    ap.add_argument("--factors", default="1,2,4,8", help="sizes as multiples of the first (default 1,2,4,8)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run before it is killed")
    ap.add_argument("--max-memory", type=int, default=None, metavar="MB", help="address space a run may take")
    ap.add_argument("--cpu-limit", type=float, default=None, metavar="S", help="CPU seconds a run may take")
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    a = ap.parse_args(argv)
    cases = [c.strip() for c in a.cases.split(",") if c.strip()]
    bad = [c for c in cases if c not in CASES]
    if bad:
        ap.error(f"unknown case(s) {bad}; known: {', '.join(CASES)}")
    factors = [float(f) for f in a.factors.split(",")]
    rows = []
    print(f"{'case':9} {'size':>7} {'chars':>9} {'wall s':>8} {'cpu s':>7} {'peak MB':>8} {'extra MB':>8} "
          f"{'t ratio':>7} {'mem ratio':>9}  timexes/entities/events", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        for case in cases:
            first = None
            for f in factors:
                text = make_text(case, f)
                path = Path(tmp) / f"{case}-{f:g}.txt"
                path.write_text(text, encoding="utf-8")
                r = run_one(path, a.timeout, a.max_memory, a.cpu_limit)
                path.unlink()
                r.update(case=case, factor=f, chars=len(text), bytes=len(text.encode("utf-8")))
                rows.append(r)
                wall, cpu, peak = _fmt(r)
                t_ratio = m_ratio = extra = "-"
                if "wall" in r:
                    extra_kb = max(r["peak_kb"] - r["base_kb"], 1)
                    extra = f"{extra_kb / 1024:.0f}"
                    if first is None:
                        first = r
                    else:
                        t_ratio = f"{r['cpu'] / max(first['cpu'], 1e-3):.1f}"
                        m_ratio = f"{extra_kb / max(first['peak_kb'] - first['base_kb'], 1):.1f}"
                    r["t_ratio"], r["mem_ratio"] = t_ratio, m_ratio
                size = f"{f:g} MB" if case == "seed" else f"{f:g}x"
                counts = f"{r['timexes']}/{r['entities']}/{r['events']}" if "wall" in r else r.get("error", "")
                if r.get("errors"):
                    counts += f"  (document error: {r['errors'][0]})"
                print(f"{case:9} {size:>7} {len(text):>9} {wall:>8} {cpu:>7} {peak:>8} {extra:>8} "
                      f"{t_ratio:>7} {m_ratio:>9}  {counts}", flush=True)
            last = rows[-1]
            verdict = []
            if first is not None and "cpu" in last and last is not first:
                k = last["factor"] / first["factor"]
                verdict.append(f"{k:.0f}x the size in {last['cpu'] / max(first['cpu'], 1e-3):.1f}x the CPU time "
                               f"({'within' if last['cpu'] <= 1.25 * k * max(first['cpu'], 1e-3) else 'over'} "
                               f"{1.25 * k:.0f}x)")
            elif "timeout" in last:
                verdict.append(f"largest size over the {a.timeout:.0f} s timeout")
            elif "cpu_limit" in last:
                verdict.append(f"largest size over {a.cpu_limit:.0f} s of CPU")
            elif "error" in last:
                verdict.append(f"largest size failed: {last['error']}")
            if case == "seed" and "wall" in last and last["factor"] == 8:
                ok = last["wall"] < 60 and last["peak_kb"] < 2 * MB
                verdict.append(f"8 MB: {last['wall']:.1f} s, {last['peak_kb'] / 1024:.0f} MB peak "
                               f"({'under' if ok else 'NOT under'} 60 s and 2 GB)")
            print(f"  -> {case}: {'; '.join(verdict) or 'no figures'}", flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
