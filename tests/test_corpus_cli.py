"""Corpus mode on the command line (issue 16): ``--jobs`` gives the results of one process, a
second ``build`` reads unchanged documents back from ``OUTDIR/timeline.db``, a damaged or old
store is rebuilt with a one-line warning."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.corpus.engines import PARALLEL_FROM

ROOT = Path(__file__).resolve().parent.parent
GENRE = ROOT / "tests" / "genre"
OUTPUTS = ("events.json", "graph.graphml", "timeline.html")


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _timings(stderr: str) -> dict:
    (line,) = [line for line in stderr.splitlines() if line.startswith("timeline: timings: ")]
    return json.loads(line[len("timeline: timings: "):])


def _doc(n: int) -> str:
    return (f"发布日期：2019-03-{5 + n % 20:02d}\n第{n}号商会召开会员大会\n"
            f"　　3月{4 + n % 20}日，西川县第{n}商会召开会员大会，选举产生新一届理事会。\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"a{n}.txt").write_text(_doc(n), encoding="utf-8")
    return src


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_jobs_give_the_outputs_of_one_process(tmp_path, monkeypatch):
    from timeline import export

    monkeypatch.setattr(export.threading, "active_count", lambda: 1)    # a thread another test left
    src = tmp_path / "in"
    src.mkdir()
    texts = sorted(GENRE.glob("*.txt"))
    for n in range(PARALLEL_FROM):                              # enough to start worker processes
        t = texts[n % len(texts)]                               # each copy its own text (a numbered line)
        (src / f"{n:03d}_{t.name}").write_text(t.read_text(encoding="utf-8") + f"\n第{n}号\n", encoding="utf-8")
    one = run("build", str(src), "-o", str(tmp_path / "one"), "--jobs", "1", "--timings")
    two = run("build", str(src), "-o", str(tmp_path / "two"), "--jobs", "2", "--timings")
    assert one.exit_code == two.exit_code == 0, two.stderr
    assert _timings(one.stderr)["peak_mib"]["largest_worker"] == 0
    timings = _timings(two.stderr)
    assert timings["peak_mib"]["largest_worker"] > 0   # the documents went to workers
    stages = timings["seconds"]
    assert set(stages) == {"extract", "merge", "graph", "page", "write"}
    assert sum(stages.values()) <= timings["total_seconds"] + 0.01
    for report in (timings, _timings(one.stderr)):      # written by child processes, or here
        files = report["files_seconds"]
        assert set(files) == {"events_json", "graphml", "page_write"} and min(files.values()) > 0
    assert timings["peak_mib"]["largest_writer"] > 0 == _timings(one.stderr)["peak_mib"]["largest_writer"]
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two")


def test_a_second_build_extracts_only_new_and_changed_documents(folder, tmp_path):
    out = tmp_path / "out"
    first = run("build", str(folder), "-o", str(out))
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip().endswith(f"-> {out} (0 reused, 3 extracted)")
    (folder / "a3.txt").write_text(_doc(3), encoding="utf-8")                 # new
    (folder / "a1.txt").write_text(_doc(11), encoding="utf-8")                # changed
    (folder / "a0.txt").rename(folder / "moved.txt")                           # moved: same content
    second = run("build", str(folder), "-o", str(out))
    assert second.exit_code == 0, second.stderr
    assert second.stdout.strip().endswith("(2 reused, 2 extracted)")
    fresh = run("build", str(folder), "-o", str(tmp_path / "fresh"), "--jobs", "1")
    assert fresh.exit_code == 0
    assert (out / "events.json").read_bytes() == (tmp_path / "fresh" / "events.json").read_bytes()
    with sqlite3.connect(out / "timeline.db") as db:      # the changed document's old row is gone
        assert db.execute("SELECT count(*) FROM extractions").fetchone()[0] == 4


def test_settings_that_change_outputs_miss_the_store(folder, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(folder), "-o", str(out)).exit_code == 0
    again = run("build", str(folder), "-o", str(out), "--dct", "2020-01-01")
    assert again.stdout.strip().endswith("(0 reused, 3 extracted)")
    same = run("build", str(folder), "-o", str(out), "--dct", "2020-01-01", "--jobs", "2")
    assert same.stdout.strip().endswith("(3 reused, 0 extracted)")   # jobs change no output


@pytest.mark.parametrize("damage", ["garbage", "truncated", "old schema", "empty"])
def test_a_damaged_or_old_store_is_rebuilt_with_one_warning(folder, tmp_path, damage):
    out = tmp_path / "out"
    assert run("build", str(folder), "-o", str(out)).exit_code == 0
    store = out / "timeline.db"
    if damage == "garbage":
        store.write_bytes(b"this is no database\n" * 100)
    elif damage == "truncated":
        store.write_bytes(store.read_bytes()[:200])
    elif damage == "old schema":
        store.unlink()
        with sqlite3.connect(store) as db:
            db.execute("CREATE TABLE docs (key BLOB, payload BLOB)")
            db.execute("PRAGMA user_version = 99")
    else:
        store.write_bytes(b"")
    rebuilt = run("build", str(folder), "-o", str(out))
    assert rebuilt.exit_code == 0, rebuilt.stderr
    warnings = [line for line in rebuilt.stderr.splitlines() if "timeline.db" in line]
    if damage == "empty":       # an empty file is an empty SQLite database: nothing to say
        assert warnings == []
    else:
        assert len(warnings) == 1
        assert warnings[0].startswith(f"timeline: {store}: warning: ")
        assert warnings[0].endswith("building a new one")
    assert rebuilt.stdout.strip().endswith("(0 reused, 3 extracted)")
    third = run("build", str(folder), "-o", str(out))
    assert third.stdout.strip().endswith("(3 reused, 0 extracted)")
    assert "timeline.db" not in third.stderr


def test_quiet_silences_the_store_warning(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.db").write_bytes(b"garbage" * 50)
    result = run("build", str(folder), "-o", str(out), "-q")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize(("args", "message"), [
    (["--jobs", "-1"], "timeline: --jobs: invalid number of jobs -1: expected a whole number >= 1 (0: one a core)"),
    (["--engine", "spark"], "timeline: --engine: unknown engine 'spark': expected local or dask"),
    (["--scheduler", "tcp://localhost:8786"], "timeline: --scheduler: a scheduler address needs --engine dask"),
])
def test_engine_options_are_validated(folder, tmp_path, args, message):
    result = run("build", str(folder), "-o", str(tmp_path / "out"), *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert not (tmp_path / "out").exists()


def test_dask_missing_gives_the_install_hint(folder, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)        # import distributed fails
    result = run("build", str(folder), "-o", str(tmp_path / "out"), "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("timeline: --engine dask needs Dask and its distributed scheduler: "
                                     "pip install 'timeline[dask]'")


def test_extract_jsonl_streams_in_input_order_with_jobs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(PARALLEL_FROM + 2):
        (src / f"a{n:02d}.txt").write_text(_doc(n), encoding="utf-8")
    one = run("extract", str(src), "--format", "jsonl", "--jobs", "1")
    two = run("extract", str(src), "--format", "jsonl", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert [json.loads(line)["documents"][0]["id"] for line in two.stdout.splitlines()] == \
        [f"d{n + 1}" for n in range(PARALLEL_FROM + 2)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_second_build_with_new_documents_writes_the_files_of_a_clean_build(tmp_path, monkeypatch, jobs):
    from timeline.corpus import engines

    monkeypatch.setattr(engines, "OVERLAP_FROM", 4)     # few documents read back start workers too
    src = tmp_path / "in"
    src.mkdir()
    texts = sorted(GENRE.glob("*.txt"))
    for n in range(8):
        t = texts[n % len(texts)]
        (src / f"{n:03d}_{t.name}").write_text(t.read_text(encoding="utf-8") + f"\n第{n}号\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(src), "-o", str(out), "--jobs", jobs).exit_code == 0
    for n in (8, 9):                                            # new, after those read back
        (src / f"{n:03d}_new.txt").write_text(_doc(n), encoding="utf-8")
    second = run("build", str(src), "-o", str(out), "--jobs", jobs, "--timings")
    assert second.exit_code == 0, second.stderr
    report = _timings(second.stderr)
    assert (report["reused"], report["extracted"]) == (8, 2)
    assert (report["peak_mib"]["largest_worker"] > 0) is (jobs == "2")     # extracted while the rest was read
    clean = run("build", str(src), "-o", str(tmp_path / "clean"), "--jobs", "1")
    assert clean.exit_code == 0
    assert _outputs(out) == _outputs(tmp_path / "clean")
