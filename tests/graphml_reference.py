"""The GraphML writer of ``timeline.export`` before its speed work (issue 16), kept as the
reference the faster writer must match byte for byte (``tests/test_export_graphml_fast.py``)."""
from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterator
from typing import Any

from timeline.export import _INT64, _json_scalar_text, _node_id, _xml_value, clean_text

_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;",
                           "\n": "&#10;", "\t": "&#9;"})


def _xml_type(value: Any) -> type | None:
    """The type ``_xml_value(value)`` has (``None``: dropped), found without converting."""
    t = type(value)
    if value is None:
        return None
    if t is str or t is bool:
        return t
    if t is int:
        return int if _INT64[0] <= value <= _INT64[1] else str
    if t is float:
        return float if math.isfinite(value) else str
    if t in (list, tuple, set, frozenset, dict, _dt.date, _dt.datetime, _dt.time):
        return str                      # written as JSON or ISO 8601 text: not converted twice
    v = _xml_value(value)
    return None if v is None else type(v)


class _GraphmlPlan:
    """What a GraphML file of ``graph`` declares: one type an attribute name (``sanitize_graph``'s
    widening), the key ids (an edge or graph key sharing its name with another domain's gets the
    id ``edge.<name>`` / ``graph.<name>``), in order of first use. One pass over the graph."""

    def __init__(self, graph: Any) -> None:
        self.kinds: dict[str, set[type]] = {}
        self.keys: dict[tuple[str, str], None] = {}
        self.names: dict[Any, str] = {}         # attribute key as held -> as written
        self._see("graph", graph.graph)
        for _, data in graph.nodes(data=True):
            self._see("node", data)
            self.keys[("node", "label")] = None
            self.kinds.setdefault("label", set()).add(str)
        for *_, data in graph.edges(data=True):
            self._see("edge", data)
        self.type: dict[str, type] = {}
        for name, kinds in self.kinds.items():
            self.type[name] = next(iter(kinds)) if len(kinds) == 1 else float if kinds <= {int, float} else str
        domains: dict[str, set[str]] = {}
        for domain, name in self.keys:
            domains.setdefault(name, set()).add(domain)
        self.ids = {(d, n): f"{d}.{n}" if d != "node" and len(domains[n]) > 1 else n for d, n in self.keys}
        self.tags = {(d, n): f'<data key="{i.translate(_XML_ATTR)}">' for (d, n), i in self.ids.items()}

    def name(self, key: Any) -> str:
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = clean_text(str(key))
        return name

    def _see(self, domain: str, data: dict) -> None:
        keys, kinds = self.keys, self.kinds
        for k, v in data.items():
            t = _xml_type(v)
            if t is None:
                continue
            name = self.name(k)
            if (domain, name) not in keys:
                keys[(domain, name)] = None
            kinds.setdefault(name, set()).add(t)

    def attrs(self, data: dict) -> dict[str, Any]:
        """``_clean_attrs(data)``, with the attribute names cached."""
        out: dict[str, Any] = {}
        for k, v in data.items():
            t = type(v)
            v = clean_text(v) if t is str else v if t is bool else _xml_value(v)
            if v is not None:
                out[self.name(k)] = v
        return out

    def data(self, domain: str, attrs: dict[str, Any], indent: str) -> str:
        out = []
        for name, v in attrs.items():
            want = self.type[name]
            if type(v) is not want:
                v = float(v) if want is float else _json_scalar_text(v)
            text = ("true" if v else "false") if want is bool else str(v)
            out.append(f"{indent}{self.tags[(domain, name)]}{text.translate(_XML_TEXT)}</data>\n")
        return "".join(out)


def reference_graphml_chunks(graph: Any) -> Iterator[str]:
    """The GraphML text of ``graph``, in pieces, written straight from the graph (no copy): the
    nodes, edges and attributes ``sanitize_graph(graph)`` would hold, named key ids (Gephi and
    yEd show ``label`` rather than ``d3``), reading back with ``networkx.read_graphml`` with
    every attribute typed (``long``, ``double``, ``boolean``, ``string``). Two passes over the
    graph, linear in its size."""
    plan = _GraphmlPlan(graph)
    yield _GRAPHML_HEAD
    for (domain, name), key_id in plan.ids.items():
        yield (f'  <key id="{key_id.translate(_XML_ATTR)}" for="{domain}" attr.name="{name.translate(_XML_ATTR)}" '
               f'attr.type="{_GRAPHML_TYPES[plan.type[name]]}"/>\n')
    yield f'  <graph edgedefault="{"directed" if graph.is_directed() else "undirected"}">\n'
    yield plan.data("graph", plan.attrs(graph.graph), "    ")
    ids: dict[Any, str] = {}
    taken: set[str] = set()
    for node, data in graph.nodes(data=True):
        nid = _node_id(node, taken)
        taken.add(nid)
        ids[node] = nid
        attrs = plan.attrs(data)
        label = _json_scalar_text(attrs["label"]) if "label" in attrs else ""
        attrs["label"] = label if label.strip() else nid
        yield f'    <node id="{nid.translate(_XML_ATTR)}">\n' + plan.data("node", attrs, "      ") + "    </node>\n"
    seen: set[str] = set()
    edges = (graph.edges(keys=True, data=True) if graph.is_multigraph()
             else ((u, v, None, d) for u, v, d in graph.edges(data=True)))
    for n, (u, v, key, data) in enumerate(edges):
        head = f'    <edge source="{ids[u].translate(_XML_ATTR)}" target="{ids[v].translate(_XML_ATTR)}"'
        if key is not None:
            base = k = clean_text(str(key))
            suffix = n
            while k in seen:
                k, suffix = f"{base}#{suffix}", suffix + 1
            seen.add(k)
            head += f' id="{k.translate(_XML_ATTR)}"'
        yield head + ">\n" + plan.data("edge", plan.attrs(data), "      ") + "    </edge>\n"
    yield "  </graph>\n</graphml>\n"
