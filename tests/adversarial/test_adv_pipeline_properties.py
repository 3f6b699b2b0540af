"""A property test over the whole pipeline (issue 11): for any batch of texts built from the
genre's pieces and from hostile characters (lone surrogates, controls, Unicode line separators,
markup, quotes), reading, extraction, graph, export and rendering never raise, every span holds,
and every output encodes as UTF-8 and reads back."""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import export, graph, pipeline, render
from timeline.model import Extraction

PIECES = [
    "2019年", "3月5日", "今年", "去年同期", "2017-08-28", "2024/10/18 17:34", "发布时间：", "来源：", "上午9时",
    "东湖区工商联", "西川县", "有限公司", "商会", "召开", "会员大会", "签订", "合作协议", "成立", "重庆",
    "，", "。", "、", "\n", "\u3000", " ", "——", "相关新闻\n", "版权所有", "Copyright©2008", "首页 > 新闻 > ",
    "\u2028", "\u2029", "\u0085", "\r", "\x0b", "\x0c", "\x1f", "\ud83d", "\udc00", "😀", "\ufffe",
    '<a href="x">', "</a>", '"', "'", "&", "&quot;", "<script>", "１２０", "March 3, 2020", "the board",
]

texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=40).map("".join)
ids = st.one_of(st.none(), st.text(max_size=6))
batches = st.lists(st.tuples(ids, texts), min_size=1, max_size=3)
dcts = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


def _write_batch(folder: Path, batch: list[tuple[str | None, str]]) -> None:
    lines = []
    for doc_id, text in batch:
        row = {"text": text} if doc_id is None else {"id": doc_id, "text": text}
        lines.append(json.dumps(row))    # ASCII JSON: lone surrogates become \\ud83d escapes
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="ascii")
    # The first text also as a plain file, its surrogates written as the (invalid) UTF-8 they'd be.
    (folder / "page.txt").write_bytes(batch[0][1].encode("utf-8", "surrogatepass"))


def _check_spans(result: Extraction) -> None:
    texts_by_doc = {d.id: d.text for d in result.documents}
    for t in result.timexes:
        assert texts_by_doc[t.doc][t.start:t.end] == t.text
    for e in result.entities:
        for m in e.mentions:
            assert texts_by_doc[m.doc][m.start:m.end] == m.text
    for ev in result.events:
        assert 0 <= ev.start <= ev.end <= len(texts_by_doc[ev.doc])


def _check_outputs(result: Extraction) -> None:
    events = export.events_json(result).encode("utf-8")
    back = json.loads(events.decode("utf-8"))
    assert Extraction.from_dict(back).to_dict()["documents"] == back["documents"]
    g = graph.build_graph(result)
    graphml = nx.read_graphml(io.BytesIO(export.graph_bytes(g, "g.graphml")))
    assert graphml.number_of_nodes() == g.number_of_nodes()
    gexf = nx.read_gexf(io.BytesIO(export.graph_bytes(g, "g.gexf")))
    assert gexf.number_of_nodes() == g.number_of_nodes()
    node_link = json.loads(export.graph_bytes(g, "g.json").decode("utf-8"))
    assert len(node_link["nodes"]) == g.number_of_nodes()
    page = render.render_html(result, g, cdn=True).encode("utf-8").decode("utf-8")
    start = page.index('<script type="application/json" id="timeline-data">') + len(
        '<script type="application/json" id="timeline-data">')
    data = json.loads(page[start:page.index("</script>", start)])
    assert len(data["ev"]["id"]) == len(result.events)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=batches, dct=dcts)
def test_any_batch_goes_through_the_whole_pipeline_and_its_outputs_read_back(batch, dct):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write_batch(folder, batch)
        result = pipeline.extract_files([str(folder)], dct=dct, timeout=60)
        for err in result.errors:
            assert "\n" not in err.reason and "processing failed" not in err.reason, err
        assert len(result.documents) + len(result.errors) >= 1
        _check_spans(result)
        _check_outputs(result)
