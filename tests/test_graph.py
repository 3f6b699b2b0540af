"""timeline.graph: node ids, types and labels, typed edges, time order; and the graph of an
extraction exported to GraphML/GEXF the way Gephi reads it."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from timeline import export
from timeline.graph import build_graph, node_id_for_entity, node_id_for_event
from timeline.model import Document, Entity, Event, Extraction, Mention, Participant, Timex

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def _date(value, start, end, granularity):
    return {"value": value, "mod": None, "granularity": granularity, "start": start, "end": end}


@pytest.fixture
def extraction():
    text = ("2016年9月,甲公司和乙商会考察了丙园区。2014年,区工商联成立了丁中心。"
            "近年来,区工商联开展了活动。页脚:戊科技有限公司")
    doc = Document(id="d1", text=text, dct="2017-08-28", title="区工商联创五好")

    def span(s, n=0):
        i = -1
        for _ in range(n + 1):
            i = text.index(s, i + 1)
        return i, i + len(s)

    def ent(eid, etype, name, *, aliases=(), chrome=False):
        ms = []
        for form in (name, *aliases):
            i = text.find(form)
            while i >= 0:
                ms.append(Mention("d1", i, i + len(form), form))
                i = text.find(form, i + 1)
        return Entity(eid, etype, name, aliases=list(aliases), mentions=ms,
                      attributes={"chrome": True} if chrome else {})

    tx = [Timex("t1", "d1", "2016年9月", *span("2016年9月"), "DATE", "2016-09"),
          Timex("t2", "d1", "2014年", *span("2014年"), "DATE", "2014"),
          Timex("t3", "d1", "近年来", *span("近年来"), "DURATION", "PXY")]
    ents = [ent("o1", "ORG", "甲公司"), ent("o2", "ORG", "乙商会"), ent("l1", "LOC", "丙园区"),
            ent("o3", "ORG", "重庆市区工商联", aliases=("区工商联",)), ent("o4", "ORG", "丁中心"),
            ent("o5", "ORG", "戊科技有限公司", chrome=True)]
    e1 = Event("e1", "d1", "t1", _date("2016-09", "2016-09-01", "2016-10-01", "month"), "考察",
               "甲公司和乙商会考察了丙园区", 0, span("丙园区")[1],
               participants=[Participant("o1", "agent"), Participant("o2", "agent"),
                             Participant("l1", "location"), Participant("o5", "agent"),
                             Participant("o99", "agent")],
               kind="visit", trigger_span=span("考察"), sentence=None)
    s2 = span("2014年")[0]
    e2 = Event("e2", "d1", "t2", _date("2014", "2014-01-01", "2015-01-01", "year"), "成立",
               "区工商联成立了丁中心", s2, span("丁中心")[1],
               participants=[Participant("o3", "agent"), Participant("o4", "patient")],
               kind="founding", trigger_span=span("成立"),
               amounts=[{"text": "2个", "value": 2, "unit": "个", "kind": "count"}],
               mentions=[{"doc": "d1", "start": 0, "end": 4}])
    e3 = Event("e3", "d1", "t3", _date("PXY", None, None, "none"), "开展", "区工商联开展了活动",
               span("近年来")[0], span("活动")[1], participants=[Participant("o3", "agent")],
               kind="activity", trigger_span=span("开展"))
    return Extraction(documents=[doc], timexes=tx, entities=ents, events=[e1, e2, e3])


def test_node_ids_types_and_labels(extraction):
    g = build_graph(extraction)
    assert set(g.nodes) == {
        "doc:d1", "event:d1:1", "event:d1:2", "event:d1:3",
        "org:甲公司", "org:乙商会", "loc:丙园区", "org:重庆市区工商联", "org:丁中心",
    }
    assert all(d.get("label") and d.get("type") for _, d in g.nodes(data=True))
    assert g.nodes["doc:d1"]["label"] == "区工商联创五好"
    org = g.nodes["org:重庆市区工商联"]
    assert (org["type"], org["label"], org["aliases"], org["entity_type"]) == \
        ("org", "重庆市区工商联", ["区工商联"], "ORG")
    ev = g.nodes["event:d1:2"]
    assert (ev["type"], ev["label"], ev["trigger"], ev["kind"]) == ("event", "区工商联成立了丁中心", "成立", "founding")
    assert (ev["date_start"], ev["date_end"], ev["timex_text"]) == ("2014-01-01", "2015-01-01", "2014年")
    assert ev["text"] == extraction.documents[0].text[ev["span_start"]:ev["span_end"]]


def test_chrome_entities_and_unknown_participants_are_left_out(extraction):
    g = build_graph(extraction)
    assert "org:戊科技有限公司" not in g
    assert not any(v.startswith("org:戊") for _, v in g.out_edges("event:d1:1"))


def test_typed_edges(extraction):
    g = build_graph(extraction)
    edges = {(u, v, d["type"], d.get("role")) for u, v, d in g.edges(data=True)}
    assert ("event:d1:1", "org:甲公司", "participant", "agent") in edges
    assert ("event:d1:1", "loc:丙园区", "located_in", "location") in edges
    assert ("event:d1:2", "org:丁中心", "participant", "patient") in edges
    assert ("event:d1:2", "doc:d1", "mentioned_in", None) in edges
    assert ("org:甲公司", "doc:d1", "mentioned_in", None) in edges
    # the coreferent mention of e2 is a second mentioned_in edge
    coref = [d for u, v, d in g.edges(data=True) if u == "event:d1:2" and d.get("coreferent")]
    assert [(d["span_start"], d["span_end"]) for d in coref] == [(0, 4)]
    keys = [k for *_, k in g.edges(keys=True)]
    assert len(keys) == len(set(keys)), "edge keys are unique over the graph (Gephi edge ids)"
    assert all(d.get("label") for *_, d in g.edges(data=True))


def test_next_follows_time_order_not_text_order(extraction):
    g = build_graph(extraction)
    nxt = [(u, v) for u, v, d in g.edges(data=True) if d["type"] == "next"]
    # 2014 (e2) before 2016-09 (e1); e3 (PXY) has no calendar date and no place in the chain
    assert nxt == [("event:d1:2", "event:d1:1")]


def test_entity_mentions_counted_per_document(extraction):
    g = build_graph(extraction)
    (d,) = [d for u, v, d in g.edges(data=True) if u == "org:重庆市区工商联" and d["type"] == "mentioned_in"]
    text = extraction.documents[0].text
    assert d["count"] == 2 and [text[s:e] for s, e in d["spans"]] == ["区工商联", "区工商联"]
    assert g.nodes["org:重庆市区工商联"]["mention_count"] == 2


def test_ids_helpers():
    assert node_id_for_entity("PER", "张三") == "per:张三"
    with pytest.raises(ValueError):
        node_id_for_entity("MISC", "x")
    ev = Event("d2/e12", "d2", None, None, "成立", "t", 0, 1)
    assert node_id_for_event(ev) == "event:d2:12"


def test_graphml_of_an_extraction_is_typed_and_gephi_sees_labels(extraction, tmp_path):
    g = build_graph(extraction)
    path = export.write_graph(g, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes["event:d1:2"]["span_start"] == g.nodes["event:d1:2"]["span_start"]
    assert back.nodes["org:重庆市区工商联"]["aliases"] == '["区工商联"]'
    # a Gephi-style reader: the key named "label" for nodes, present on every node
    root = ET.parse(path).getroot()
    (label_key,) = [k for k in root.iter(f"{GRAPHML_NS}key")
                    if k.get("for") == "node" and k.get("attr.name") == "label"]
    assert label_key.get("id") == "label"
    for node in root.iter(f"{GRAPHML_NS}node"):
        labels = [d.text for d in node.findall(f"{GRAPHML_NS}data") if d.get("key") == "label"]
        assert labels and labels[0], node.get("id")
    # one type per key name across node and edge scopes
    types = {}
    for k in root.iter(f"{GRAPHML_NS}key"):
        types.setdefault(k.get("attr.name"), set()).add(k.get("attr.type"))
    assert all(len(t) == 1 for t in types.values()), types


def test_gexf_of_an_extraction_reads_back(extraction, tmp_path):
    g = build_graph(extraction)
    path = export.write_graph(g, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(g.nodes)
    root = ET.parse(path).getroot()
    ns = root.tag.split("}")[0] + "}"
    starts = {n.get("id"): (n.get("start"), n.get("end")) for n in root.iter(f"{ns}node")}
    assert starts["event:d1:1"] == ("2016-09-01", "2016-09-30")
    assert starts["event:d1:3"] == (None, None)


def test_an_event_told_twice_has_a_repeated_edge_and_its_confidence():
    text = "3月5日,甲商会召开大会。\n3月5日,甲商会召开大会,乙出席。"
    doc = Document(id="d1", text=text, dct="2021-03-06")
    tx = [Timex("t1", "d1", "3月5日", 0, 4, "DATE", "2021-03-05"),
          Timex("t2", "d1", "3月5日", 13, 17, "DATE", "2021-03-05")]
    ev = Event("e1", "d1", "t1", _date("2021-03-05", "2021-03-05", "2021-03-06", "day"), "召开",
               "甲商会召开大会", 0, 11, kind="meeting", trigger_span=(8, 10),
               sources=[{"start": 0, "end": 11, "timex": "t1"}, {"start": 13, "end": 31, "timex": "t2"}],
               confidence=0.9)
    g = build_graph(Extraction(documents=[doc], timexes=tx, events=[ev]))
    node = g.nodes[node_id_for_event(ev)]
    assert node["confidence"] == 0.9 and len(node["sources"]) == 2
    repeated = [d for u, v, d in g.edges(data=True) if d.get("repeated")]
    assert [(d["span_start"], d["span_end"]) for d in repeated] == [(13, 31)]
