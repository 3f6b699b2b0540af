"""The command line: every documented command mirrored through typer's CliRunner, the table of
bad inputs of README.md (Inputs) (each row runs here), help texts, and the public-report cases."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from timeline import __version__
from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
INPUTS_DOC = ROOT / "README.md"
GOOD = "出版日期: 2017-08-28\n梁平区工商联于今年4月召开会议。\n"


def run(*args: str, input: bytes | str | None = None):
    """Invoke the app like the shell would; returns click's Result (stdout/stderr separate)."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


# --------------------------------------------------------------------------- the bad-inputs table


def _table_rows() -> list[dict[str, str]]:
    text = INPUTS_DOC.read_text(encoding="utf-8")
    section = text.split("### Bad inputs and what the tool answers", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("case", "---") or set(cells[0]) <= {"-"}:
            continue
        rows.append({"case": cells[0], "command": cells[1].strip("`"), "answer": cells[2],
                     "exit": int(cells[3])})
    return rows


# How each case's files are made in the working folder (bytes, or None for a folder).
FILES: dict[str, dict[str, bytes | None]] = {
    "missing path": {},
    "folder with no documents": {"empty": None, "empty/notes.csv": b"a,b\n"},
    "empty file": {"empty.txt": b""},
    "whitespace only": {"blank.txt": " \n\u3000\n".encode()},
    "binary file": {"image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"},
    "GBK file": {"gbk.txt": GOOD.encode("gbk")},
    "Big5 file": {"big5.txt": "出版日期: 2017-08-28\n梁平區工商聯於今年4月召開會議。\n".encode("big5")},
    "UTF-8 with BOM": {"bom.txt": GOOD.encode("utf-8-sig")},
    "undecodable bytes": {"cut.txt": "今年4月，区工商联召开会议。".encode("gbk")[:-1]},
    "wrong `--encoding`": {"gbk.txt": GOOD.encode("gbk")},
    "no document date": {"nodate.txt": "梁平区工商联于今年4月召开会议。\n".encode()},
    "no dates at all": {"nodates.txt": "梁平区工商联召开会议。\n".encode()},
    "bad JSON line": {"in.jsonl": (json.dumps({"id": "a", "text": GOOD}) + "\n{bad\n").encode()},
    "HTML page without text": {"blank.html": b"<!DOCTYPE html><html><head></head><body><div></div></body></html>"},
    "batch with a bad file": {"good.txt": GOOD.encode(), "empty.txt": b""},
    "batch with a missing file": {"good.txt": GOOD.encode()},
    "malformed `--dct`": {"good.txt": GOOD.encode()},
    "unknown `--lang`": {"good.txt": GOOD.encode()},
    "unknown `--encoding`": {"good.txt": GOOD.encode()},
    "unknown graph format": {"good.txt": GOOD.encode()},
    "standard input twice": {},
    "OUTDIR is a file": {"good.txt": GOOD.encode()},
    "missing gazetteer": {"good.txt": GOOD.encode()},
    "document over `--max-size`": {"big.txt": GOOD.encode() * 40},
    "lone surrogate in a JSON line": {"cut.jsonl": (json.dumps({"text": GOOD + "\ud83d"}) + "\n").encode()},
    "full-width `--dct`": {"good.txt": GOOD.encode()},
    "malformed `--max-size`": {"good.txt": GOOD.encode()},
    "negative `--timeout`": {"good.txt": GOOD.encode()},
    "`--min-confidence` above 1": {"good.txt": GOOD.encode()},
}

# What a successful row must also show in the JSON it prints.
JSON_CHECKS = {
    "GBK file": lambda d: d["documents"][0]["encoding"] == "gb18030"
                          and d["documents"][0]["text"] == GOOD,
    "Big5 file": lambda d: d["documents"][0]["script"] == "Hant"
                           and d["documents"][0]["encoding"].startswith("big5")
                           and "梁平區工商聯" in d["documents"][0]["text"],
    "UTF-8 with BOM": lambda d: d["documents"][0]["text"] == GOOD,
    "batch with a bad file": lambda d: [x["path"] for x in d["documents"]] == ["good.txt"]
                                       and [x["path"] for x in d["errors"]] == ["empty.txt"],
    "batch with a missing file": lambda d: [x["path"] for x in d["documents"]] == ["good.txt"]
                                          and [x["path"] for x in d["errors"]] == ["missing.txt"],
}

ROWS = _table_rows()


def test_the_table_documents_every_tested_case():
    assert [r["case"] for r in ROWS] == list(FILES)


@pytest.mark.parametrize("row", ROWS, ids=[r["case"] for r in ROWS])
def test_bad_input_table_row(row, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, data in FILES[row["case"]].items():
        if data is None:
            Path(name).mkdir()
        else:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            Path(name).write_bytes(data)
    argv = shlex.split(row["command"])
    assert argv[0] == "timeline"
    result = run(*argv[1:])
    assert result.exit_code == row["exit"], result.stderr
    assert "Traceback" not in result.stderr
    messages = re.findall(r"`(timeline: [^`]*)`", row["answer"])
    if "no message" in row["answer"]:
        assert result.stderr == ""
    else:
        assert messages, f"row {row['case']!r} shows no message"
        for message in messages:
            assert message in result.stderr.splitlines(), result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith("timeline: "), line
    if row["case"] in JSON_CHECKS:
        assert JSON_CHECKS[row["case"]](json.loads(result.stdout))
    if row["exit"] == 2:
        assert result.stdout == "", "a usage error reads and writes nothing"


# --------------------------------------------------------------------------- help and version


def _commands() -> dict:
    """The click commands of the app (typer may vendor click, so no click types are named)."""
    group = get_command(app)
    return dict(group.commands)


def test_every_command_and_option_has_help_text():
    commands = _commands()
    assert set(commands) == {"build", "extract", "graph", "render", "evaluate", "evaluate-ner"}
    for name, cmd in commands.items():
        assert cmd.help and cmd.help.strip(), name
        for param in cmd.params:
            if param.param_type_name == "option":
                assert param.help and param.help.strip(), f"{name} {param.opts}"
            else:
                assert getattr(param, "help", None), f"{name} argument {param.name}"


@pytest.mark.parametrize("command", ["build", "extract", "graph"])
def test_common_options_on_every_command(command):
    opts = {o for p in _commands()[command].params for o in getattr(p, "opts", [])}
    assert {"--dct", "--lang", "--encoding", "--glob", "--gazetteer", "--quiet", "--debug"} <= opts


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["extract", "--help"], ["graph", "--help"]])
def test_help_exits_zero(args):
    result = run(*args)
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"timeline {__version__}"


def test_no_arguments_shows_usage():
    result = run()
    assert result.exit_code == 2
    assert "Usage" in result.stdout + result.stderr


def test_a_missing_input_argument_is_a_usage_error():
    assert run("extract").exit_code == 2


# --------------------------------------------------------------------------- public-report cases

REPORT_TEXT = "梁平区工商联于今年4月召开会议。"


def _content(result_json: dict) -> dict:
    """The extraction less the document's path (which names where it was read from)."""
    data = dict(result_json)
    data["documents"] = [{k: v for k, v in d.items() if k != "path"} for d in data["documents"]]
    data.pop("generator", None)
    return data


def test_stdin_gives_the_same_result_as_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(REPORT_TEXT, encoding="utf-8")
    from_stdin = run("extract", "-", "--dct", "2017-08-28", input=REPORT_TEXT.encode("utf-8"))
    from_file = run("extract", "a.txt", "--dct", "2017-08-28")
    assert from_stdin.exit_code == from_file.exit_code == 0
    assert _content(json.loads(from_stdin.stdout)) == _content(json.loads(from_file.stdout))
    assert json.loads(from_stdin.stdout)["documents"][0]["path"] == "<stdin>"


def test_stdin_through_a_real_pipe(tmp_path):
    """``printf '梁平区工商联于今年4月召开会议。' | timeline extract -`` in a real process."""
    (tmp_path / "a.txt").write_text(REPORT_TEXT, encoding="utf-8")
    cmd = [sys.executable, "-m", "timeline.cli", "extract", "--quiet"]
    piped = subprocess.run(cmd + ["-"], input=REPORT_TEXT.encode("utf-8"), capture_output=True,
                           cwd=tmp_path, timeout=120)
    from_file = subprocess.run(cmd + ["a.txt"], capture_output=True, cwd=tmp_path, timeout=120)
    assert piped.returncode == from_file.returncode == 0, piped.stderr.decode()
    assert _content(json.loads(piped.stdout)) == _content(json.loads(from_file.stdout))


def test_a_chinese_file_name_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("新闻稿_2017年.txt").write_text(GOOD, encoding="utf-8")
    result = run("extract", "新闻稿_2017年.txt")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["documents"][0]["path"] == "新闻稿_2017年.txt"


def test_gbk_bytes_are_decoded_right_never_replaced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("gbk.txt").write_bytes("今年4月，区工商联召开会议。".encode("gbk"))
    result = run("extract", "gbk.txt", "--dct", "2017-08-28")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["text"] == "今年4月，区工商联召开会议。" and "\ufffd" not in result.stdout


# --------------------------------------------------------------------------- documented commands


def test_extract_json_is_what_the_scorer_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    result = run("extract", "a.txt", "--format", "json")
    data = json.loads(result.stdout)
    assert {"documents", "timexes", "entities", "events"} <= set(data)
    (doc,) = data["documents"]
    assert (doc["id"], doc["dct"], doc["language"]) == ("d1", "2017-08-28", "zh")
    for t in data["timexes"]:
        assert doc["text"][t["start"]:t["end"]] == t["text"]


def test_extract_jsonl_prints_one_line_per_document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    for i in range(3):
        Path(f"docs/{i}.txt").write_text(GOOD, encoding="utf-8")
    result = run("extract", "docs", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    parsed = [json.loads(line) for line in lines]
    assert [p["documents"][0]["id"] for p in parsed] == ["d1", "d2", "d3"]
    for p in parsed:
        assert all("/" not in t["id"] for t in p["timexes"]), "one document a line: local ids"


def test_extract_jsonl_reports_bad_documents_and_continues(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    Path("b.txt").write_bytes(b"")
    result = run("extract", "a.txt", "b.txt", "-f", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert "timeline: b.txt: empty file" in result.stderr.splitlines()


def test_an_unknown_format_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    result = run("extract", "a.txt", "--format", "xml")
    assert result.exit_code == 2 and "--format: unknown format 'xml'" in result.stderr


def test_build_writes_three_outputs_and_keeps_other_files(tmp_path, monkeypatch):
    import networkx as nx

    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    Path("out").mkdir()
    Path("out/notes.md").write_text("mine", encoding="utf-8")
    result = run("build", "a.txt", "-o", "out", "--cdn")
    assert result.exit_code == 0, result.stderr
    assert Path("out/notes.md").read_text(encoding="utf-8") == "mine"
    events = json.loads(Path("out/events.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in events["documents"]] == ["d1"]
    graph = nx.read_graphml("out/graph.graphml")
    assert any(data.get("type") == "document" for _n, data in graph.nodes(data=True))
    assert Path("out/timeline.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert result.stdout.startswith("1 document, ")
    assert not list(Path("out").glob(".*.tmp")), "no temporary file left behind"


def test_build_writes_all_three_outputs_or_none(tmp_path, monkeypatch):
    """A failure on one output (here timeline.html is a folder) leaves the others as they were,
    and the message names the output, not a temporary file."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    Path("out/timeline.html").mkdir(parents=True)
    Path("out/events.json").write_text("old", encoding="utf-8")
    result = run("build", "a.txt", "-o", "out", "--cdn")
    assert result.exit_code == 1
    assert result.stderr.strip() == "timeline: out/timeline.html: cannot write: Is a directory"
    assert Path("out/events.json").read_text(encoding="utf-8") == "old"
    assert not Path("out/graph.graphml").exists()
    assert not list(Path("out").glob(".*.tmp"))


def test_build_creates_a_missing_outdir_and_quiet_prints_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    result = run("build", "a.txt", "-o", "new/out", "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    written = {p.name for p in Path("new/out").iterdir()}
    assert written == {"events.json", "graph.graphml", "timeline.html", "timeline.db"}


def test_build_open_opens_the_page(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    result = run("build", "a.txt", "-o", "out", "--open", "--cdn", "-q")
    assert result.exit_code == 0, result.stderr
    assert opened == [(tmp_path / "out" / "timeline.html").resolve().as_uri()]


@pytest.mark.parametrize("name", ["g.graphml", "g.gexf", "g.json"])
def test_graph_writes_the_format_its_suffix_names(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    result = run("graph", "a.txt", "-o", name)
    assert result.exit_code == 0, result.stderr
    data = Path(name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        assert "nodes" in json.loads(data)
    else:
        assert data.lstrip().startswith("<?xml")


def test_quiet_silences_warnings_but_not_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("nodate.txt").write_text("梁平区工商联于今年4月召开会议。", encoding="utf-8")
    Path("empty.txt").write_bytes(b"")
    result = run("extract", "nodate.txt", "empty.txt", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["timeline: empty.txt: empty file"]


def test_an_internal_failure_is_one_line_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    from timeline import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("stage exploded")

    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(pipeline, "extract_files", broken)
    plain = run("extract", "a.txt")
    assert plain.exit_code == 1
    assert plain.stderr.splitlines() == [
        "timeline: internal error: RuntimeError: stage exploded (run with --debug for the traceback)"]
    debug = run("extract", "a.txt", "--debug")
    assert debug.exit_code == 1 and "Traceback (most recent call last)" in debug.stderr


def test_a_document_that_fails_in_a_stage_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    from timeline import pipeline

    real = pipeline.extract_document

    def flaky(doc, **kwargs):
        if doc.path == "b.txt":
            raise RuntimeError("stage exploded")
        return real(doc, **kwargs)

    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):
        Path(name).write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(pipeline, "extract_document", flaky)
    for fmt in ("json", "jsonl"):
        result = run("extract", "a.txt", "b.txt", "c.txt", "-f", fmt)
        assert result.exit_code == 1
        assert any(line.startswith("timeline: b.txt: processing failed: RuntimeError")
                   for line in result.stderr.splitlines()), result.stderr
        if fmt == "json":
            assert [d["path"] for d in json.loads(result.stdout)["documents"]] == ["a.txt", "c.txt"]
        else:
            assert len(result.stdout.splitlines()) == 2


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.chunks: list[str] = []

    def write(self, s: str) -> int:
        self.chunks.append(s)
        return len(s)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("n, quiet, shown", [(6, False, True), (6, True, False), (2, False, False)])
def test_a_progress_bar_on_a_terminal_from_a_few_documents(monkeypatch, n, quiet, shown):
    from timeline.cli import Common, _Reporter
    from timeline.model import Document, Extraction

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    reporter = _Reporter(Common(inputs=[], quiet=quiet), [f"{i}.txt" for i in range(n)])
    try:
        assert (reporter.progress is not None) == shown
        for i in range(n):
            reporter(Extraction(documents=[Document(id=f"d{i + 1}", text="x", path=f"{i}.txt",
                                                    dct="2017-08-28")]))
        if shown:
            assert reporter.progress.tasks[0].completed == n
    finally:
        reporter.close()


def test_a_bad_gazetteer_line_is_named_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD, encoding="utf-8")
    Path("gz.tsv").write_text("甲乙集团\tXYZ\n", encoding="utf-8")
    result = run("extract", "a.txt", "--gazetteer", "gz.tsv")
    assert result.exit_code == 2
    assert result.stderr.strip() == "timeline: gz.tsv:1: unknown type 'XYZ' (expected one of ORG, PER, LOC)"


# --------------------------------------------------------------------------- events: confidence, calendar


@pytest.mark.parametrize("dct", ["0001-01-01", "9999-12-31"])
def test_extract_survives_the_edges_of_the_calendar(dct):
    """Issue 17 (9): ``今天`` and a duration reaching the present, resolved on the first or the
    last day of the calendar, no longer lose the document."""
    result = run("extract", "-", "--dct", dct, "--min-confidence", "0",
                 input="今天，三年来甲公司共捐赠100万元。".encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["documents"][0]["dct"] == dct and not data["errors"]


CONFIDENCE_TEXT = ("发布日期：2019-07-22\n甲县工商联扎实工作。\n"
                   "2019年3月5日，甲县工商联召开了第三次会员代表大会。近年来，甲县工商联积极开展各项工作。\n")


def test_min_confidence_leaves_weak_events_out_of_the_extract_json():
    every = json.loads(run("extract", "-", "--min-confidence", "0", input=CONFIDENCE_TEXT.encode()).stdout)
    default = json.loads(run("extract", "-", input=CONFIDENCE_TEXT.encode()).stdout)
    assert all(0 <= ev["confidence"] <= 1 for ev in every["events"])
    # the meeting of a day with its organiser stays; the work of "recent years" (PXY) is hidden
    assert [ev["trigger"] for ev in default["events"]] == ["召开"]
    assert {"召开", "开展"} <= {ev["trigger"] for ev in every["events"]}
    assert [ev["id"] for ev in default["events"]] == ["e1"]
    assert all(ev["sources"][0] == {"start": ev["start"], "end": ev["end"], "timex": ev["timex"]}
               for ev in every["events"])


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_a_min_confidence_outside_zero_to_one_is_a_usage_error(value):
    result = run("extract", "-", "--min-confidence", value, input=GOOD.encode())
    assert result.exit_code == 2 and "--min-confidence" in result.stderr


def test_the_engine_help_names_the_dask_extra():
    """``[dask]`` is no rich markup in the help (it was swallowed: ``pip install 'timeline'``)."""
    result = run("build", "--help")
    assert result.exit_code == 0
    assert "'timeline[dask]'" in " ".join(result.stdout.replace("│", " ").split())
