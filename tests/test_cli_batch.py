"""A folder of 50 articles and 2 bad files: 50 processed, 2 reported, exit code 1, outputs complete."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

PLACES = ["梁平区", "万州区", "涪陵区", "大足区", "綦江区", "铜梁区", "潼南区", "荣昌区", "璧山区", "永川区"]
BODIES = ["工商联", "商务委", "经信委", "科技局", "总商会"]
ACTIONS = [
    ("召开了{kind}工作会议", "会议"),
    ("与{partner}签署了合作协议", "合作"),
    ("成立了{place}非公有制经济服务中心", "成立"),
    ("组织会员企业赴{partner}考察", "考察"),
]
PARTNERS = ["重庆市工商联", "四川省工商联", "中华全国工商业联合会", "西南大学"]
KINDS = ["创建", "调研", "招商", "扶贫"]


def article(i: int) -> tuple[str, str]:
    """The file name and text of the i-th generated article (a dated page, three dated clauses)."""
    place, body = PLACES[i % len(PLACES)], BODIES[i % len(BODIES)]
    org = place + body
    month, day, year = i % 12 + 1, i % 27 + 1, 2014 + i % 4
    lines = []
    for k in range(3):
        template, _ = ACTIONS[(i + k) % len(ACTIONS)]
        action = template.format(kind=KINDS[(i + k) % len(KINDS)], partner=PARTNERS[(i + k) % len(PARTNERS)],
                                 place=place)
        lines.append(f"{year + k}年{(month + k) % 12 + 1}月，{org}{action}。")
    title = f"{org}扎实推进{KINDS[i % len(KINDS)]}工作"
    text = (f"网站首页 | 新闻中心\n发布日期：2017-{month:02d}-{day:02d}\n\n{title}\n\n"
            + "\n".join("    " + line for line in lines) + "\n")
    return f"{i:03d}_{place}.txt", text


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    for i in range(50):
        name, text = article(i)
        target = folder / ("sub" if i % 5 == 0 else "") / name
        target.write_text(text, encoding="gbk" if i % 7 == 0 else "utf-8")
    (folder / "bad_empty.txt").write_bytes(b"")
    (folder / "sub" / "bad_binary.html").write_bytes(b"\x00\x01\x02GIF89a\x00\x00" * 8)
    return folder


def test_fifty_articles_and_two_bad_files_build(batch: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", "articles", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if "warning" not in line]
    assert sorted(errors) == sorted([
        "timeline: articles/bad_empty.txt: empty file",
        "timeline: articles/sub/bad_binary.html: binary file (contains NUL bytes), not a text document",
    ])
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert len(events["documents"]) == 50
    assert len(events["errors"]) == 2
    days = {f"2017-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 28)}
    assert {d["dct"] for d in events["documents"]} <= days
    assert all(d["dct"] for d in events["documents"]), "every generated page has a labelled date"
    assert sum(1 for d in events["documents"] if d["encoding"] == "gb18030") == len(range(0, 50, 7))
    for t in events["timexes"]:
        doc = next(d for d in events["documents"] if d["id"] == t["doc"])
        assert doc["text"][t["start"]:t["end"]] == t["text"]
    import networkx as nx

    graph = nx.read_graphml(out / "graph.graphml")
    assert sum(1 for _n, d in graph.nodes(data=True) if d.get("type") == "document") == 50
    assert (out / "timeline.html").stat().st_size > 0
    assert result.stdout.startswith("50 documents, ")
    assert "; 2 failed" in result.stdout


def test_fifty_articles_as_jsonl_lines(batch: Path):
    result = CliRunner().invoke(app, ["extract", str(batch), "--format", "jsonl", "--quiet"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 50
    assert len(result.stderr.splitlines()) == 2
    ids = [json.loads(line)["documents"][0]["id"] for line in lines]
    assert ids == [f"d{i}" for i in range(1, 51)]
