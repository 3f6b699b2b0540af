"""One graph of documents, events, organisations, people and places.

``build_graph(extraction)`` returns a ``networkx.MultiDiGraph``:

=====================  ============  =========================================================
node id                ``type``      attributes besides ``label`` and ``type``
=====================  ============  =========================================================
``doc:<doc id>``       ``document``  ``doc``, ``path``, ``dct``, ``language``, ``title``
``event:<doc>:<n>``    ``event``     ``event`` (its id), ``doc``, ``trigger``, ``kind``,
                                     ``title``, ``timex``, ``timex_text``, ``timex_type``,
                                     ``date_value``, ``date_mod``, ``granularity``,
                                     ``date_start``, ``date_end`` (ISO 8601, half-open),
                                     ``span_start``, ``span_end`` (code points), ``text``,
                                     ``amounts``, ``mentions``, ``sources``, ``confidence``;
                                     for an event several documents report,
                                     ``first_reported`` (the earliest DCT) and
                                     ``date_disagreement`` (``True`` when dates differ)
``org:<name>``         ``org``       ``name``, ``entity_type`` (ORG), ``entity`` (id),
``per:<name>``         ``per``       ``aliases`` (list), ``mention_count``, ``attributes``
``loc:<name>``         ``loc``       (the entity's, e.g. a person's ``titles``)
=====================  ============  =========================================================

``<n>`` is the number of the event id (``e3`` → 3; ``d2/e3`` in document ``d2`` → 3);
``<name>`` the canonical name of the entity, followed by ``@<doc id>`` for an entity of one
document only (``attributes["scope"]``: a relative name such as ``区工商联`` that a corpus does
not merge across documents, see ``timeline.corpus.resolve``). Edges (every one has ``type`` and ``label``;
multigraph keys are unique over the whole graph, as Gephi wants edge ids):

* ``participant``: event → entity, with ``role`` (``agent``, ``organiser``, ``partner``,
  ``patient``, ``beneficiary``, ``mentioned``);
* ``located_in``: event → entity for a participant in the role ``location``;
* ``mentioned_in``: event → document (``span_start``/``span_end``; one more edge per
  other dated telling, ``repeated``, and per coreferent mention, ``coreferent``) and entity →
  document (``count`` and ``spans`` of its mentions);
* ``next``: event → event, chaining the events that have a calendar date in time order
  (date start, then date end, then document and text order).

Aliases stay attributes of their entity node. Entities marked ``attributes["chrome"]`` (page
furniture such as a site footer) are left out. Attributes may be ``None``, lists or dicts;
``timeline.export`` converts them for GraphML and GEXF.
"""
from __future__ import annotations

import re
from typing import Any

from .model import Event, Extraction

__all__ = ["build_graph", "node_id_for_entity", "node_id_for_event", "ENTITY_NODE_TYPES"]

ENTITY_NODE_TYPES = {"ORG": "org", "PER": "per", "LOC": "loc"}
"""Entity ``type`` → node id prefix and node ``type``."""

_EVENT_NUMBER = re.compile(r"(\d+)$")


def node_id_for_entity(entity_type: str, name: str, scope: str | None = None) -> str:
    """``org:<name>``, ``per:<name>`` or ``loc:<name>`` (``org:<name>@<scope>`` with a scope);
    raises ``ValueError`` for another type."""
    try:
        prefix = ENTITY_NODE_TYPES[entity_type]
    except KeyError:
        raise ValueError(f"unknown entity type {entity_type!r}") from None
    return f"{prefix}:{name}@{scope}" if scope else f"{prefix}:{name}"


def node_id_for_event(event: Event) -> str:
    """``event:<doc>:<n>`` where ``<n>`` is the number ending the event id (``d2/e3`` → 3)."""
    m = _EVENT_NUMBER.search(event.id)
    n = m.group(1) if m else event.id
    return f"event:{event.doc}:{n}"


def _add_edge(g: Any, counter: list[int], u: str, v: str, etype: str, **attrs: Any) -> None:
    """``g.add_edge(u, v, key=<etype>-<n>, type=etype, label=…, **attrs)`` between two nodes of
    ``g``, filled in as ``MultiDiGraph.add_edge`` fills it (the key dict shared by ``u``'s
    successors and ``v``'s predecessors) without its checks: the keys are new and the nodes
    there, and a large corpus has hundreds of thousands of edges."""
    counter[0] += 1
    data = {"type": etype, "label": attrs.pop("label", None) or etype}
    data.update(attrs)
    keys = g._succ[u].get(v)
    if keys is None:
        keys = g._succ[u][v] = g._pred[v][u] = g.edge_key_dict_factory()
    keys[f"{etype}-{counter[0]}"] = data


def build_graph(extraction: Extraction) -> Any:  # noqa: C901 - one loop, a branch per node and edge type of the docstring
    """Build the ``networkx.MultiDiGraph`` of ``extraction`` (see the module docstring).

    Participants whose entity id is unknown, and chrome entities, are skipped. Two entities of
    the same type and canonical name (possible only in a hand-built extraction) share a node.
    The graph attribute ``name`` is ``timeline``.
    """
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="timeline")
    counter = [0]
    docs = extraction.document_by_id()
    timexes = extraction.timex_by_id()

    for d in extraction.documents:
        g.add_node(f"doc:{d.id}", type="document", label=d.title or d.path or d.id, doc=d.id,
                   path=d.path, dct=d.dct, language=d.language, title=d.title)

    entity_node: dict[str, str] = {}
    for e in extraction.entities:
        if e.attributes.get("chrome"):
            continue
        nid = node_id_for_entity(e.type, e.name, e.attributes.get("scope"))
        entity_node[e.id] = nid
        if nid in g:
            data = g.nodes[nid]
            data["aliases"] = sorted(set(data["aliases"]) | set(e.aliases))
            data["mention_count"] += len(e.mentions)
        else:
            g.add_node(nid, type=ENTITY_NODE_TYPES[e.type], label=e.name, name=e.name,
                       entity_type=e.type, entity=e.id, aliases=list(e.aliases),
                       mention_count=len(e.mentions), attributes=dict(e.attributes) or None)
        per_doc: dict[str, list[list[int]]] = {}
        for m in e.mentions:
            per_doc.setdefault(m.doc, []).append([m.start, m.end])
        for doc_id, spans in per_doc.items():
            if f"doc:{doc_id}" in g:
                _add_edge(g, counter, nid, f"doc:{doc_id}", "mentioned_in", count=len(spans), spans=spans)

    dated: list[tuple[tuple, str]] = []
    doc_order = {d.id: i for i, d in enumerate(extraction.documents)}
    for ev in extraction.events:
        nid = node_id_for_event(ev)
        date = ev.date or {}
        tx = timexes.get(ev.timex) if ev.timex else None
        doc = docs.get(ev.doc)
        g.add_node(
            nid, type="event", label=ev.title or ev.trigger, event=ev.id, doc=ev.doc,
            trigger=ev.trigger, kind=ev.kind, title=ev.title, timex=ev.timex,
            timex_text=tx.text if tx else None, timex_type=tx.type if tx else None,
            date_value=date.get("value"), date_mod=date.get("mod"),
            granularity=date.get("granularity"), date_start=date.get("start"),
            date_end=date.get("end"), span_start=ev.start, span_end=ev.end,
            text=doc.text[ev.start:ev.end] if doc is not None else ev.sentence,
            amounts=list(ev.amounts) or None, mentions=list(ev.mentions) or None,
            sources=list(ev.sources) or None, confidence=ev.confidence,
            first_reported=(ev.first_reported or {}).get("dct"),
            date_disagreement=bool(ev.date_disagreement) or None,
        )
        if f"doc:{ev.doc}" in g:
            _add_edge(g, counter, nid, f"doc:{ev.doc}", "mentioned_in", span_start=ev.start, span_end=ev.end)
            for src in ev.sources[1:]:      # the event told again with a date ("Event.sources"),
                target = f"doc:{src.get('doc', ev.doc)}"    # in this document or (merged) another
                if target in g:
                    _add_edge(g, counter, nid, target, "mentioned_in",
                              span_start=src.get("start"), span_end=src.get("end"), repeated=True)
            for ref in ev.mentions:
                target = f"doc:{ref.get('doc', ev.doc)}"
                if target in g:
                    _add_edge(g, counter, nid, target, "mentioned_in",
                              span_start=ref.get("start"), span_end=ref.get("end"), coreferent=True)
        for p in ev.participants:
            ent_node = entity_node.get(p.entity)
            if ent_node is None:
                continue
            if p.role == "location":
                _add_edge(g, counter, nid, ent_node, "located_in", role=p.role)
            else:
                _add_edge(g, counter, nid, ent_node, "participant", role=p.role, label=p.role)
        if date.get("start"):
            key = (date["start"], date.get("end") or "", doc_order.get(ev.doc, 0), ev.start)
            dated.append((key, nid))

    dated.sort()
    for (_, a), (_, b) in zip(dated, dated[1:], strict=False):
        _add_edge(g, counter, a, b, "next")
    nx._clear_cache(g)      # as add_edge does: nothing computed on the graph before holds
    return g
