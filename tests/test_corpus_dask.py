"""``--engine dask`` (issue 16): the same extraction as a Dask job on a ``LocalCluster`` gives the
``events.json`` of the local run. Dask is the optional extra ``timeline[dask]``, which the test
extra includes, so this runs in CI; it is skipped where Dask is absent."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

distributed = pytest.importorskip("distributed")

GENRE = Path(__file__).resolve().parent / "genre"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as local:
        yield local


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_a_dask_cluster_gives_the_events_of_the_local_run(tmp_path, cluster):
    src = tmp_path / "in"
    shutil.copytree(GENRE, src, ignore=shutil.ignore_patterns("*.json", "*.md"))
    local = run("build", str(src), "-o", str(tmp_path / "local"), "--jobs", "1")
    dask = run("build", str(src), "-o", str(tmp_path / "dask"), "--engine", "dask",
               "--scheduler", cluster.scheduler_address)
    assert local.exit_code == dask.exit_code == 0, dask.stderr
    assert dask.stdout.strip().endswith("(0 reused, 8 extracted)")
    for name in ("events.json", "graph.graphml"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_a_scheduler_that_does_not_answer_is_one_line(tmp_path, monkeypatch):
    from timeline.corpus import engines

    monkeypatch.setattr(engines, "CONNECT_SECONDS", 2)
    (tmp_path / "a.txt").write_text("发布日期：2019-03-05\n　　3月4日，东湖区工商联召开执委会议。\n", encoding="utf-8")
    result = run("extract", str(tmp_path / "a.txt"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("timeline: --scheduler tcp://127.0.0.1:9: cannot connect to the Dask scheduler")
    assert len(result.stderr.strip().splitlines()) == 1
