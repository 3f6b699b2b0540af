"""timeline.export: every file is written, read back and compared (GraphML, GEXF, node-link
JSON, events JSON, CSV/JSONL tables), including the cases of the public report of issue 5."""
from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from timeline import export
from timeline.model import Document, Entity, Event, Extraction, Mention, Participant, Timex

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def _roundtrip_graphml(g, tmp_path):
    path = export.write_graph(g, tmp_path / "g.graphml")
    return nx.read_graphml(path, force_multigraph=g.is_multigraph()), path


# ---------------------------------------------------------------- the public report's cases

def test_edge_with_none_role_and_string_date(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="A")
    g.add_node("b", label="B")
    g.add_edge("a", "b", key="x1", role=None, date="2007-01-09")
    back, _ = _roundtrip_graphml(g, tmp_path)
    ((_, _, data),) = back.edges(data=True)
    assert data == {"date": "2007-01-09"}


def test_date_attribute_reads_back_as_iso_string(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("n", label="N", founded=dt.date(2018, 4, 2))
    back, path = _roundtrip_graphml(g, tmp_path)
    assert back.nodes["n"]["founded"] == "2018-04-02"
    key = ET.parse(path).getroot().find(f"{GRAPHML_NS}key[@attr.name='founded']")
    assert key.get("attr.type") == "string" and key.get("id") == "founded"


def test_lists_and_dicts_read_back_as_json_strings(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("n", label="N", orgs=["甲乙集团", "甲乙软件"], provenance={"sentence": 3})
    back, _ = _roundtrip_graphml(g, tmp_path)
    assert back.nodes["n"]["orgs"] == '["甲乙集团","甲乙软件"]'
    assert json.loads(back.nodes["n"]["orgs"]) == ["甲乙集团", "甲乙软件"]
    assert json.loads(back.nodes["n"]["provenance"]) == {"sentence": 3}


@pytest.mark.parametrize("raw", ["第一\x0b段\x00", "第一\x0c段"])
def test_control_characters_are_removed(tmp_path, raw):
    g = nx.MultiDiGraph()
    g.add_node("n", label=raw, text=raw)
    g.add_node("m", label="M")
    g.add_edge("n", "m", key="k", note=raw)
    back, _ = _roundtrip_graphml(g, tmp_path)
    assert back.nodes["n"]["label"] == "第一段"
    assert back.nodes["n"]["text"] == "第一段"
    assert next(iter(back.edges(data=True)))[2]["note"] == "第一段"


# ---------------------------------------------------------------- sanitising

def _messy_graph():
    g = nx.MultiDiGraph(name="t", created=dt.date(2020, 1, 2))
    g.add_node("event:d1:1", label="成立", type="event", start=3, when=dt.datetime(2017, 4, 1, 9, 0),
               parts=("a", "b"), tags={"x"}, score=1, missing=None)
    g.add_node("org:甲", label="甲", type="org", score=2.5, flag=True, big=2 ** 70)
    g.add_edge("event:d1:1", "org:甲", key=0, type="participant", role="agent")
    g.add_edge("event:d1:1", "org:甲", key=1, type="participant", role=None)
    return g


def test_caller_graph_is_not_modified(tmp_path):
    g = _messy_graph()
    before_nodes = copy.deepcopy(dict(g.nodes(data=True)))
    before_edges = copy.deepcopy(list(g.edges(keys=True, data=True)))
    before_graph = copy.deepcopy(g.graph)
    for suffix in export.GRAPH_FORMATS:
        export.write_graph(g, tmp_path / f"g{suffix}")
    assert dict(g.nodes(data=True)) == before_nodes
    assert list(g.edges(keys=True, data=True)) == before_edges
    assert g.graph == before_graph


def test_sanitize_converts_every_type():
    s = export.sanitize_graph(_messy_graph())
    ev = s.nodes["event:d1:1"]
    assert ev["when"] == "2017-04-01T09:00:00"
    assert ev["parts"] == '["a","b"]' and ev["tags"] == '["x"]'
    assert "missing" not in ev
    org = s.nodes["org:甲"]
    assert org["big"] == str(2 ** 70) and org["flag"] is True
    # one type per name: score is int on one node and float on the other -> float everywhere
    assert ev["score"] == 1.0 and isinstance(ev["score"], float)
    assert s.graph["created"] == "2020-01-02"


def test_mixed_types_widen_to_string(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", value=3)
    g.add_node("b", label="B", value="three")
    back, _ = _roundtrip_graphml(g, tmp_path)
    assert back.nodes["a"]["value"] == "3" and back.nodes["b"]["value"] == "three"


def test_repeated_edge_keys_become_unique(tmp_path):
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key=0)
    g.add_edge("b", "c", key=0)
    for n in g:
        g.nodes[n]["label"] = n
    _, path = _roundtrip_graphml(g, tmp_path)
    ids = [e.get("id") for e in ET.parse(path).getroot().iter(f"{GRAPHML_NS}edge")]
    assert len(ids) == len(set(ids)) == 2


def test_graphml_types_and_named_keys(tmp_path):
    g = _messy_graph()
    back, path = _roundtrip_graphml(g, tmp_path)
    keys = {(k.get("for"), k.get("attr.name")): k for k in ET.parse(path).getroot().iter(f"{GRAPHML_NS}key")}
    # Named ids (Gephi shows names, not d0..dN), unique in the file as the GraphML schema
    # requires: an edge key that shares its name with a node key is ``edge.<name>``.
    assert all(k.get("id") in (name, f"edge.{name}") for (_, name), k in keys.items())
    ids = [k.get("id") for k in keys.values()]
    assert len(ids) == len(set(ids))
    assert keys[("node", "flag")].get("attr.type") == "boolean"
    assert keys[("node", "score")].get("attr.type") == "double"
    assert keys[("node", "start")].get("attr.type") == "long"
    assert back.nodes["event:d1:1"]["start"] == 3
    assert back.nodes["org:甲"]["flag"] is True


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.dot"):
        export.write_graph(nx.MultiDiGraph(), tmp_path / "g.dot")
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------- GEXF and node-link

def _timeline_graph():
    g = nx.MultiDiGraph()
    g.add_node("event:d1:1", label="成立中心", type="event", date_start="2014-01-01", date_end="2015-01-01",
               span_start=10, span_end=30)
    g.add_node("event:d1:2", label="召开会议", type="event", date_start=None, date_end=None)
    g.add_node("org:甲", label="甲", type="org", aliases=["甲方"])
    g.add_edge("event:d1:1", "org:甲", key="participant-1", type="participant", role="agent", label="agent")
    g.add_edge("event:d1:1", "event:d1:2", key="next-2", type="next", label="next")
    return g


def test_gexf_has_event_lifetimes_and_reads_back(tmp_path):
    path = export.write_graph(_timeline_graph(), tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    ns = root.tag.split("}")[0] + "}"
    graph = root.find(f"{ns}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    nodes = {n.get("id"): n for n in graph.iter(f"{ns}node")}
    assert nodes["event:d1:1"].get("start") == "2014-01-01"
    assert nodes["event:d1:1"].get("end") == "2014-12-31"   # GEXF ends are inclusive
    assert nodes["org:甲"].get("start") is None
    assert all(n.get("label") for n in nodes.values())
    assert {e.get("id") for e in graph.iter(f"{ns}edge")} == {"participant-1", "next-2"}
    back = nx.read_gexf(path)
    assert set(back.nodes) == {"event:d1:1", "event:d1:2", "org:甲"}
    assert back.nodes["org:甲"]["aliases"] == '["甲方"]'
    relations = sorted(d["relation"] for *_, d in back.edges(data=True))
    assert relations == ["next", "participant"]


def test_node_link_json_keeps_lists(tmp_path):
    g = _timeline_graph()
    path = export.write_graph(g, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.nodes["org:甲"]["aliases"] == ["甲方"]
    assert back.number_of_edges() == 2
    assert "甲" in path.read_text(encoding="utf-8")   # not \\u-escaped


# ---------------------------------------------------------------- events files

def _extraction():
    text = "2014年,区工商联成立了服务中心,解决事业编制2个,\x0b资金3.5亿元。"
    doc = Document(id="d1", text=text, dct="2017-08-28", language="zh", title="标题")
    tx = Timex("t1", "d1", "2014年", 0, 5, "DATE", "2014")
    o1 = Entity("o1", "ORG", "区工商联", mentions=[Mention("d1", 6, 10, "区工商联")])
    o2 = Entity("o2", "ORG", "服务中心", mentions=[Mention("d1", 13, 17, "服务中心")])
    ev = Event("e1", "d1", "t1", {"value": "2014", "mod": None, "granularity": "year",
                                  "start": "2014-01-01", "end": "2015-01-01"},
               "成立", "区工商联成立了服务中心", 0, 38,
               participants=[Participant("o1", "agent"), Participant("o2", "patient")],
               kind="founding", trigger_span=(10, 12),
               amounts=[{"text": "3.5亿元", "value": 350000000, "unit": "CNY", "kind": "money",
                         "approx": False, "start": 31, "end": 37}],
               sentence=text[0:38])
    return Extraction(documents=[doc], timexes=[tx], entities=[o1, o2], events=[ev])


def test_events_json_round_trips(tmp_path):
    ext = _extraction()
    path = export.write_events_json(ext, tmp_path / "out" / "events.json")
    raw = path.read_text(encoding="utf-8")
    assert "区工商联" in raw and raw.endswith("\n") and raw.startswith("{\n  ")
    back = Extraction.from_dict(json.loads(raw))
    assert back.events == ext.events and back.entities == ext.entities
    assert back.documents[0].text == ext.documents[0].text


def test_events_csv(tmp_path):
    path = export.write_events_table(_extraction(), tmp_path / "events.csv")
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    (row,) = rows
    assert list(row) == list(export.TABLE_COLUMNS)
    assert row["participants"] == "区工商联 (agent); 服务中心 (patient)"
    assert row["amounts"] == "3.5亿元"
    assert row["date_start"] == "2014-01-01" and row["date_mod"] == ""
    assert row["timex_text"] == "2014年" and row["start"] == "0"


def test_events_jsonl(tmp_path):
    ext = _extraction()
    path = export.write_events_table(ext, tmp_path / "events.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    (row,) = [json.loads(line) for line in lines]
    assert row["participants"] == [
        {"entity": "o1", "name": "区工商联", "type": "ORG", "role": "agent"},
        {"entity": "o2", "name": "服务中心", "type": "ORG", "role": "patient"},
    ]
    assert row["amounts"][0]["value"] == 350000000
    assert row["text"] == ext.documents[0].text[0:38]


def test_unknown_table_suffix_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.xlsx"):
        export.write_events_table(_extraction(), tmp_path / "events.xlsx")


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "events.json"
    target.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        export.write_events_json(_extraction(), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["events.json"]


@pytest.mark.parametrize("start,end,want", [
    ("2020-01-08T08:00", "2020-01-08T12:00", ("2020-01-08", "2020-01-08")),
    ("2017-08-28", None, ("2017-08-28", None)),
    ("2017-08-28", "2017-08-29", ("2017-08-28", "2017-08-28")),
    ("PRESENT_REF", None, (None, None)),
])
def test_gexf_lifetimes_are_days(tmp_path, start, end, want):
    g = nx.MultiDiGraph()
    g.add_node("event:d1:1", label="e", type="event", date_start=start, date_end=end)
    path = export.write_graph(g, tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    ns = root.tag.split("}")[0] + "}"
    (node,) = root.iter(f"{ns}node")
    assert (node.get("start"), node.get("end")) == want
    nx.read_gexf(path)


def test_node_link_json_is_strict_json(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("n", label="N", score=float("nan"), when=dt.date(2018, 4, 2), tags={"b", "a"}, pair=(1, 2))
    path = export.write_graph(g, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(f"non-JSON {c}"))
    (node,) = data["nodes"]
    assert (node["score"], node["when"], node["tags"], node["pair"]) == ("nan", "2018-04-02", ["a", "b"], [1, 2])
    assert g.nodes["n"]["tags"] == {"b", "a"}


def test_every_node_gets_a_label(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("org:甲")                  # no label at all
    g.add_node("org:乙", label="\x0b")    # a label that cleans to nothing
    g.add_node(7, label=8)                 # not strings
    back, _ = _roundtrip_graphml(g, tmp_path)
    assert {n: d["label"] for n, d in back.nodes(data=True)} == {"org:甲": "org:甲", "org:乙": "org:乙", "7": "8"}


def test_attributes_named_like_networkx_arguments(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="A")
    g.add_node("b", label="B")
    g.add_edge("a", "b", key="k")
    g.edges["a", "b", "k"]["key"] = "mine"
    g.add_edge("a", "b", key="k#1")
    g.add_edge("b", "a", key="k")           # same key on another pair: renamed, still unique
    back, path = _roundtrip_graphml(g, tmp_path)
    assert back.number_of_edges() == 3
    ids = [e.get("id") for e in ET.parse(path).getroot().iter(f"{GRAPHML_NS}edge")]
    assert len(set(ids)) == 3


def test_a_node_and_an_edge_attribute_of_one_name_get_distinct_key_ids(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="甲乙集团", type="org")
    g.add_node("b", label="会议", type="event")
    g.add_edge("a", "b", label="参加", type="participant")
    back, path = _roundtrip_graphml(g, tmp_path)
    keys = [(k.get("id"), k.get("for")) for k in ET.parse(path).getroot().iter(f"{GRAPHML_NS}key")]
    assert len({i for i, _ in keys}) == len(keys)
    assert back.nodes["a"]["label"] == "甲乙集团"
    ((_, _, data),) = back.edges(data=True)
    assert (data["label"], data["type"]) == ("参加", "participant")


def _chunks(text: str):
    yield from (text[i:i + 3] for i in range(0, len(text), 3))


@pytest.mark.parametrize("concurrent", [False, True])
def test_outputs_written_side_by_side_are_the_files_written_here(tmp_path, monkeypatch, concurrent):
    monkeypatch.setattr(export.threading, "active_count", lambda: 1)    # a thread another test left
    want = {"a.json": "{\"事件\": 1}\n", "b.graphml": "<graphml/>\n" * 50, "c.html": "<p>页</p>"}
    with export.Outputs(concurrent=concurrent) as files:
        for k, (name, text) in enumerate(want.items()):
            files.add(tmp_path / name, (lambda t=text: _chunks(t)) if k % 2 else (lambda t=text: t), name)
        assert files.concurrent is concurrent
        written = files.commit()
    assert [p.name for p in written] == list(want)
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == want
    assert set(files.seconds) == set(want)
    assert (files.peak_kib > 0) is concurrent


@pytest.mark.parametrize("concurrent", [False, True])
def test_a_failing_output_leaves_every_previous_file(tmp_path, monkeypatch, concurrent):
    monkeypatch.setattr(export.threading, "active_count", lambda: 1)
    (tmp_path / "a.json").write_text("old a", encoding="utf-8")
    (tmp_path / "b.graphml").write_text("old b", encoding="utf-8")

    def broken():
        yield "half a graph"
        raise ValueError("no graph today")

    with pytest.raises((RuntimeError, ValueError), match="no graph today"):    # RuntimeError from a child
        with export.Outputs(concurrent=concurrent) as files:
            files.add(tmp_path / "a.json", lambda: "new a", "a")
            files.add(tmp_path / "b.graphml", broken, "b")
            files.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.graphml"]     # no temporary file left
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "old a"
    assert (tmp_path / "b.graphml").read_text(encoding="utf-8") == "old b"


@pytest.mark.parametrize("concurrent", [False, True])
def test_an_output_that_cannot_be_written_is_an_oserror_naming_it(tmp_path, monkeypatch, concurrent):
    monkeypatch.setattr(export.threading, "active_count", lambda: 1)
    (tmp_path / "taken").mkdir()
    with pytest.raises(OSError) as caught:
        with export.Outputs(concurrent=concurrent) as files:
            files.add(tmp_path / "a.json", lambda: "a", "a")
            files.add(tmp_path / "taken", lambda: "b", "b")
            files.commit()
    assert caught.value.filename == str(tmp_path / "taken")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
