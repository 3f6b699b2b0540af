"""The GraphML writer plans and writes elements of one shape (attribute names and value types)
by precomputed steps: it writes the bytes of the plain writer it replaced
(``tests/graphml_reference.py``), whatever the attributes, and a corpus graph reads back."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
from graphml_reference import reference_graphml_chunks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import export, graph, pipeline

ROOT = Path(__file__).resolve().parent.parent

VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2 ** 63 - 2, max_value=2 ** 64),
    st.floats(), st.text(max_size=6), st.sampled_from(["a&b", "<x>", "\r\n\t\"", "\x00\x0b\ud800", "\ufffe", " "]),
    st.dates(), st.lists(st.text(max_size=3), max_size=2), st.tuples(st.integers()),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2), st.frozensets(st.integers(), max_size=2),
)
KEY = st.one_of(st.sampled_from(["a", "b", "label", "type", "x\x00", "x\x0b", "x", 3, "a&\""]))
ELEMENT = st.dictionaries(KEY, VALUE, max_size=4)


def _same(g) -> None:
    assert "".join(export.graphml_chunks(g)) == "".join(reference_graphml_chunks(g))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ELEMENT, min_size=1, max_size=6), st.lists(ELEMENT, max_size=6), ELEMENT, st.booleans())
def test_the_bytes_of_the_plain_writer(nodes, edges, graph_attrs, multi):
    g = nx.MultiDiGraph() if multi else nx.Graph()
    g.graph.update(graph_attrs)
    # ids that clean to one; every shape twice
    g.add_nodes_from((f"n{n % 3}\x0b" if n % 4 == 3 else n, attrs) for n, attrs in enumerate(nodes))
    g.add_nodes_from((("again", n), attrs) for n, attrs in enumerate(nodes))
    ids = list(g.nodes)
    g.add_edges_from((ids[n % len(ids)], ids[(n * 7) % len(ids)], attrs) for n, attrs in enumerate(edges + edges))
    _same(g)


def test_one_shape_with_a_number_out_of_range_later_widens_to_text():
    g = nx.MultiDiGraph()
    g.add_node("a", n=1, f=0.5, label="甲")
    g.add_node("b", n=2 ** 70, f=float("nan"), label=None)
    g.add_node("c", n=3, f=1.5, label="  ")
    g.add_edge("a", "b", n=4, when=dt.date(2020, 1, 2))
    text = "".join(export.graphml_chunks(g))
    assert text == "".join(reference_graphml_chunks(g))
    assert 'attr.name="n" attr.type="string"' in text


def test_a_corpus_graph_is_written_as_before_and_reads_back(tmp_path):
    result = pipeline.extract_files([str(ROOT / "tests" / "genre")])
    g = graph.build_graph(result)
    _same(g)
    path = tmp_path / "g.graphml"
    export.atomic_write(path, export.graphml_chunks(g))
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
