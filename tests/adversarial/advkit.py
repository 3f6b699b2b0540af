"""Helpers of the adversarial suite (issue 11): hostile inputs are generated in each test,
``timeline`` runs as a separate process exactly as a user runs it, and every test checks both the
answer for the bad input and that the rest of the batch was written."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

GOOD = "发布日期：2019-03-05\n东湖区工商联召开执委会议\n　　3月4日，东湖区工商联召开执委会议，研究部署全年工作。\n"
"""A small good document: a DCT label, a dated event, an organisation."""


def good_text(n: int) -> str:
    """A distinct good document (its organisation and day differ with ``n``)."""
    return (f"发布日期：2019-03-{5 + n % 20:02d}\n第{n}号商会召开会员大会\n"
            f"　　3月{4 + n % 20}日，西川县第{n}商会召开会员大会，选举产生新一届理事会。\n")


def timeline(*args: str, cwd: Path, input: bytes | None = None, env: dict | None = None,
             timeout: float = 120, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """``timeline ARGS`` in a new process (``python -m timeline.cli``); stdout/stderr as bytes."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "timeline.cli", *args], cwd=cwd, input=input,
                          stdout=stdout, stderr=subprocess.PIPE, env=full_env, timeout=timeout)


def stderr_lines(proc: subprocess.CompletedProcess) -> list[str]:
    """The messages of a run: one line each, every one starting ``timeline: ``, no traceback
    (``graph`` also prints its summary there: ``2 documents, … -> FILE``)."""
    text = proc.stderr.decode("utf-8")
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if not re.match(r"\d+ documents?, .* -> ", line)]
    for line in lines:
        assert line.startswith("timeline: "), line
    return lines


def read_outputs(outdir: Path) -> dict:
    """The three files of ``build``, read back (UTF-8 JSON, GraphML through networkx, the page's
    embedded data); fails when one is missing, does not decode or does not parse."""
    import re

    import networkx as nx

    events = json.loads((outdir / "events.json").read_text(encoding="utf-8"))
    graph = nx.read_graphml(outdir / "graph.graphml")
    page = (outdir / "timeline.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert m, "the page holds its data"
    return {"events": events, "graph": graph, "page": json.loads(m.group(1))}

