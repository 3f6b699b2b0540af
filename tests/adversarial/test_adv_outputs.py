"""Outputs under attack (issue 11): the same inputs give the same bytes under any hash seed, names
stay text in the page, interrupted writes leave no temporary file, a full disk and a closed pipe
give the right message and exit code."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from advkit import GOOD, good_text, read_outputs, stderr_lines, timeline

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"

# --------------------------------------------------------------------------- determinism


def test_three_builds_under_three_hash_seeds_give_identical_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    for n in range(4):   # several documents: entities merge across them, the network has components
        (folder / f"g{n}.txt").write_text(good_text(n) + f"　　第{n}号商会与东湖区工商联签订合作协议。\n",
                                          encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        "".join(json.dumps({"id": f"j{n}", "text": good_text(n + 10)}, ensure_ascii=False) + "\n"
                for n in range(3)), encoding="utf-8")
    outputs = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"out{seed}"
        proc = timeline("build", "in", "-o", str(out), "-q", cwd=tmp_path, env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        outputs.append({name: (out / name).read_bytes()
                        for name in ("timeline.html", "graph.graphml", "events.json")})
    assert len(read_outputs(tmp_path / "out0")["page"]["network"]["nodes"]) > 10
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name] == outputs[2][name], name


# --------------------------------------------------------------------------- option values


def test_full_width_digits_in_the_dct_option_are_read_as_ascii(tmp_path):
    (tmp_path / "a.txt").write_text("区工商联于今年4月召开会议。\n", encoding="utf-8")
    proc = timeline("extract", "a.txt", "--dct", "２０１７－０８－２８", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["documents"][0]["dct"] == "2017-08-28"
    assert [t["value"] for t in result["timexes"]] == ["2017-04"]


def test_digits_of_another_script_in_the_dct_option_are_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    proc = timeline("extract", "a.txt", "--dct", "٢٠١٧-٠٨-٢٨", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert stderr_lines(proc) == ["timeline: --dct: invalid DCT '٢٠١٧-٠٨-٢٨': expected an ISO 8601 date "
                                  "YYYY-MM-DD, e.g. 2017-08-28"]


# --------------------------------------------------------------------------- names in the page

EVIL = '<a href="https://example.org/x">甲乙"公司</a>'


def _page_with_a_hostile_name():
    from timeline import render
    from timeline.model import Document, Entity, Event, Extraction, Mention, Participant, Timex

    text = f"2019年3月5日，{EVIL}与东湖区工商联签订合作协议。"
    s = text.index(EVIL)
    doc = Document(id="d1", text=text, dct="2019-03-05", language="zh")
    timex = Timex(id="t1", doc="d1", text="2019年3月5日", start=0, end=9, type="DATE", value="2019-03-05")
    ent = Entity(id="o1", type="ORG", name=EVIL, aliases=['"甲乙"'], mentions=[Mention("d1", s, s + len(EVIL), EVIL)])
    ev = Event(id="e1", doc="d1", timex="t1", date={"value": "2019-03-05", "mod": None, "granularity": "day",
                                                     "start": "2019-03-05", "end": "2019-03-06"},
               trigger="签订", title=text, start=0, end=len(text), participants=[Participant("o1", "agent")],
               kind="agreement")
    return render.render_html(Extraction(documents=[doc], timexes=[timex], entities=[ent], events=[ev]), cdn=True)


def _page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_hovers_escape_markup_but_show_quotes_as_written():
    data = _page_data(_page_with_a_hostile_name())
    hovers = [n["hover"] for n in data["network"]["nodes"]]
    assert hovers
    for hover in hovers:
        assert "<a href" not in hover and "&quot;" not in hover and "&#x27;" not in hover
    assert any('&lt;a href="https://example.org/x"&gt;甲乙"公司&lt;/a&gt;' in h for h in hovers)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page script")
def test_names_reach_plotly_as_text_not_markup(tmp_path):
    """The page script runs under node with an inert DOM and a Plotly that records its calls:
    lane labels, legend names and network labels must hold no live markup."""
    from timeline import render

    data = _page_data(_page_with_a_hostile_name())
    (tmp_path / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "page.js").write_text(render._template("page.js"), encoding="utf-8")
    proc = subprocess.run(["node", str(Path(__file__).parent / "page_harness.js"), str(tmp_path / "data.json"),
                           str(tmp_path / "page.js")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    calls = {c["div"]: c for c in json.loads(proc.stdout)}
    ticks = calls["timeline"]["layout"]["yaxis"]["ticktext"]
    labels = [x for t in calls["network"]["traces"] for x in (t.get("text") or []) if x]
    names = [t.get("name") for c in calls.values() for t in c["traces"]]
    marks = [x for t in calls["timeline"]["traces"] for x in (t.get("text") or []) if x]
    hovers = [h for t in calls["timeline"]["traces"] for h in (t.get("hovertext") or [])]
    shown = ticks + labels + marks + [n for n in names if n]
    assert any(x.startswith("&lt;a href=") for x in ticks) and any(x.startswith("&lt;a href") for x in labels)
    assert any("&lt;a href" in x for x in marks)          # the event's label on the timeline
    for text in shown:
        assert "<" not in text, text
    assert hovers and any('&lt;a href="https://example.org/x"&gt;甲乙"公司&lt;/a&gt;' in h for h in hovers)
    for hover in hovers:     # Plotly's own markup (<b>, <br>, <i>) only
        assert "<a href" not in re.sub(r"</?(b|br|i|span[^>]*)>", "", hover).replace("&lt;a href", ""), hover


# --------------------------------------------------------------------------- interrupted writes

_KILL_WHILE_WRITING = """
import os, signal, sys
from timeline import export
MAIN = os.getpid()
real = os.fsync
def fsync(fd):
    real(fd)
    # terminated half way through the writing: the timeline process (a file may be written by a
    # child process of it), or with WRITER set, the process writing the file
    os.kill(os.getpid() if os.environ.get("WRITER") else MAIN, signal.SIGTERM)
os.fsync = fsync
from timeline.cli import app
sys.argv = ["timeline"] + sys.argv[1:]
app()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="needs POSIX signals")
@pytest.mark.parametrize("jobs,writer", [("1", False), ("2", False), ("2", True)])
def test_sigterm_while_writing_leaves_no_temporary_file_and_the_old_outputs(tmp_path, jobs, writer):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert timeline("build", "a.txt", "-o", "out", "-q", cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "b.txt").write_text(good_text(2), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _KILL_WHILE_WRITING, "build", "a.txt", "b.txt", "-o", "out", "-q",
                           "--jobs", jobs], cwd=tmp_path, capture_output=True, timeout=120,
                          env={**os.environ, "WRITER": "1" if writer else ""})
    if writer:      # a writer killed: a one-line error, exit code 1
        assert proc.returncode == 1
        assert proc.stderr.decode().splitlines() == [
            "timeline: internal error: RuntimeError: out/events.json: writer process killed by signal 15 "
            "(run with --debug for the traceback)"]
    else:
        assert proc.returncode == -signal.SIGTERM, proc.stderr      # it died of the signal, as it should
    assert sorted(p.name for p in out.iterdir()) == sorted(before), "no .tmp file is left"
    outputs = ("events.json", "graph.graphml", "timeline.html")    # the store (timeline.db) may hold b.txt now
    assert {n: (out / n).read_bytes() for n in outputs} == {n: before[n] for n in outputs}, "the old outputs are whole"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    for fmt in ("json", "jsonl"):
        with open("/dev/full", "wb") as full:
            proc = timeline("extract", "a.txt", "-q", "--format", fmt, cwd=tmp_path, stdout=full)
        assert proc.returncode == 1
        assert stderr_lines(proc) == ["timeline: standard output: cannot write: No space left on device"]


def _head(tmp_path: Path, args: list[str]) -> subprocess.Popen:
    """``timeline ARGS | head -c 100``: the reader takes a little and closes the pipe."""
    proc = subprocess.Popen([sys.executable, "-m", "timeline.cli", *args], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(100)
    proc.stdout.close()
    proc.wait(timeout=300)
    return proc


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_pipe_closed_early_exits_1_after_bad_files_and_0_without(tmp_path, fmt):
    many = [f"s{n}.txt" for n in range(6)]
    for name in many:   # several times a pipe's buffer, so the writer meets the closed pipe
        shutil.copy(SEED, tmp_path / name)
    (tmp_path / "empty.txt").write_bytes(b"")
    bad = _head(tmp_path, ["extract", "empty.txt", *many, "--format", fmt, "-q"])
    assert bad.returncode == 1
    assert bad.stderr.read().decode().splitlines() == ["timeline: empty.txt: empty file"]
    good = _head(tmp_path, ["extract", *many, "--format", fmt, "-q"])
    assert good.returncode == 0
    assert good.stderr.read() == b""
