"""Issue 5 on the seed article, end to end: every event points at a span holding its trigger
and its time expression; the seed's graph exports to GraphML (typed, a label on every node),
GEXF and node-link JSON, and reads back."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from timeline import export
from timeline.graph import build_graph

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def seed(seed_extraction):
    return seed_extraction


def test_every_event_span_holds_trigger_and_time_expression(seed):
    (doc,) = seed.documents
    timexes = seed.timex_by_id()
    assert seed.events
    for ev in seed.events:
        span = doc.text[ev.start:ev.end]
        t = timexes[ev.timex]
        assert ev.start <= t.start and t.end <= ev.end and t.text in span, ev.id
        s, e = ev.trigger_span
        assert ev.start <= s and e <= ev.end and doc.text[s:e] == ev.trigger, ev.id
        assert ev.sentence == span
        assert ev.title


def test_chrome_entities_are_never_participants(seed):
    chrome = {e.id for e in seed.entities if e.attributes.get("chrome")}
    assert not {p.entity for ev in seed.events for p in ev.participants} & chrome


def test_event_ids_are_in_text_order(seed):
    assert [ev.id for ev in seed.events] == [f"e{n}" for n in range(1, len(seed.events) + 1)]
    spans = [ev.trigger_span for ev in seed.events]
    assert spans == sorted(spans)


def test_seed_graph_exports_and_reads_back(seed, tmp_path):
    g = build_graph(seed)
    path = export.write_graph(g, tmp_path / "seed.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    root = ET.parse(path).getroot()
    keys = list(root.iter(f"{GRAPHML_NS}key"))
    assert all(k.get("attr.type") in ("boolean", "int", "long", "float", "double", "string") for k in keys)
    # named key ids, unique in the file: an edge or graph key sharing a name is "edge.<name>", "graph.<name>"
    assert all(k.get("id") in (k.get("attr.name"), f"{k.get('for')}.{k.get('attr.name')}") for k in keys)
    assert len({k.get("id") for k in keys}) == len(keys)
    for node in root.iter(f"{GRAPHML_NS}node"):
        assert any(d.get("key") == "label" and d.text for d in node.findall(f"{GRAPHML_NS}data")), node.get("id")
    # integers stay integers after the round trip
    ev = next(n for n, d in back.nodes(data=True) if d["type"] == "event")
    assert isinstance(back.nodes[ev]["span_start"], int)

    gexf = nx.read_gexf(export.write_graph(g, tmp_path / "seed.gexf"))
    assert set(gexf.nodes) == set(g.nodes)
    data = export.write_graph(g, tmp_path / "seed.json").read_text(encoding="utf-8")
    assert nx.node_link_graph(json.loads(data), edges="edges").number_of_nodes() == g.number_of_nodes()
