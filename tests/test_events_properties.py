"""Properties that hold for any input: assemble never fails on odd text, and every event's
span holds its trigger and its time expression; the GraphML export reads back whatever the
attributes hold."""
from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import events, export
from timeline.model import Document, Entity, Mention, Timex

PIECES = ["2014年", "同年", "今年4月", "近三年来", "每季度", "区工商联", "甲公司", "成立了", "召开", "签订",
          "与", "促成", "组织", "带领", "参加", "考察", "的", "尚未", "就", "进行", "、", "和", ",", ",",
          ";", "。", ".", "“", "”", "《", "》", "(", ")", "\n", "\u00a0", " ", "3.5亿元", "20万元", "较",
          "第四届", "用于", "了", "于"]
TIMEX_FORMS = {"2014年": ("DATE", "2014"), "同年": ("DATE", "2014"), "今年4月": ("DATE", "2017-04"),
               "近三年来": ("DURATION", "P3Y"), "每季度": ("SET", "P3M")}
NAMES = {"区工商联": "ORG", "甲公司": "ORG"}


def _inputs(parts: list[str]):
    text = "".join(parts)
    doc = Document(id="d1", text=text, dct="2017-08-28", language="zh")
    timexes, mentions, pos = [], {n: [] for n in NAMES}, 0
    for p in parts:
        if p in TIMEX_FORMS:
            typ, value = TIMEX_FORMS[p]
            timexes.append(Timex(f"t{len(timexes) + 1}", "d1", p, pos, pos + len(p), typ, value))
        if p in NAMES:
            mentions[p].append(Mention("d1", pos, pos + len(p), p))
        pos += len(p)
    ents = [Entity(f"o{i}", NAMES[n], n, mentions=ms) for i, (n, ms) in enumerate(mentions.items(), 1) if ms]
    return doc, timexes, ents


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_gives_well_formed_events(parts):
    pytest.importorskip("timeline.temporal")
    from timeline import temporal
    if not hasattr(temporal, "interval"):
        pytest.skip("timeline.temporal.interval is not available yet")
    doc, timexes, ents = _inputs(parts)
    evs = events.assemble(doc, timexes, ents)
    tx = {t.id: t for t in timexes}
    for n, ev in enumerate(evs, 1):
        assert ev.id == f"e{n}" and ev.timex in tx
        t = tx[ev.timex]
        assert t.type != "SET"
        assert ev.start <= t.start and t.end <= ev.end
        s, e = ev.trigger_span
        assert ev.start <= s < e <= ev.end and doc.text[s:e] == ev.trigger
        assert ev.sentence == doc.text[ev.start:ev.end]
        for a in ev.amounts:
            assert doc.text[a["start"]:a["end"]] == a["text"]
        assert {p.entity for p in ev.participants} <= {x.id for x in ents}


ATTR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(), st.dates(), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["a", "b", "label", "note", "date"]), ATTR, max_size=5),
       st.text(min_size=1, max_size=8))
def test_graphml_reads_back_any_attributes(tmp_path, attrs, name):
    g = nx.MultiDiGraph()
    g.add_node("n1", **attrs)
    g.add_node("n2", label="other", when=dt.date(2020, 1, 1))
    g.add_edge("n1", "n2", key=name, **attrs)
    path = export.write_graph(g, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == {"n1", "n2"}
    assert back.number_of_edges() == 1
    assert back.nodes["n1"]["label"].strip()          # every node keeps a label
    assert back.nodes["n1"] == export.sanitize_graph(g).nodes["n1"]   # types survive the trip
    for k, v in attrs.items():
        if v is None and k != "label":
            assert k not in back.nodes["n1"]
        elif isinstance(v, str) and k != "label":
            assert back.nodes["n1"][k] == export.clean_text(v)
