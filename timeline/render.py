"""The interactive page: a precision-aware Plotly timeline and a linked network in one HTML file.

Layout only: everything drawn is read from a :class:`timeline.model.Extraction` (and, when given,
the ``networkx`` graph of ``timeline.graph.build_graph``); nothing here finds dates, names or events,
computes calendar intervals (each ``Event.date`` carries its ``start``/``end``) or writes files:
:func:`render_html` returns the page and the caller writes it (``timeline.export.atomic_write``).

The page is one self-contained UTF-8 file (``<meta charset="utf-8">``) made of

* a **timeline** drawn at each event's precision: a date whose calendar interval is longer than a
  day (a year, a half, a quarter, a month, a week, a duration such as ``近三年来``) is a band over
  that half-open interval; a day (or a time, or an interval whose start equals its end) is a
  marker.  Lanes are organisations (the most active first, the rest grouped) or documents; colour
  is the event ``kind``.  Events whose date cannot be placed on a calendar are listed, not drawn;
* a **network** of organisations, people, places and events (deterministic spring layout, node
  size by degree, colour by type);
* linked views written in a small script of ours (``timeline/templates/page.js``): clicking an
  organisation filters the timeline, clicking an event shows its source text with the time
  expression, trigger and participants highlighted, a search box filters by text, a reset.

plotly.js is inlined by default (the page works with no network; about 1.3 MB with the basic
bundle kept beside the templates, see :data:`PLOTLY_BASIC`, 4.9 MB with the ``plotly``
package's full bundle); ``cdn=True`` writes a ``<script src>`` tag for the CDN copy instead.

Why not ``plotly.express.timeline``: it draws nothing for an event whose start equals its end and
reads integer years as nanoseconds since 1970.  Here every drawn interval is computed as ISO 8601
calendar dates (:func:`placement`) before Plotly sees it.
"""
from __future__ import annotations

import html
import json
import math
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from .model import Entity, Event, Extraction

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""Folder of the page template (``page.html``), its style sheet and its script (package data)."""

KIND_COLOURS = (
    "#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2",
    "#EECA3B", "#9D755D", "#FF9DA6", "#17BECF", "#BCBD22", "#3B3B98",
)
"""Colours of event kinds, given in order of frequency (Vega's *tableau10* and two of D3's
*category10*); a thirteenth kind starts the list again."""

OTHER_KIND = "other"
OTHER_KIND_COLOUR = "#8C8C8C"

TYPE_COLOURS = {"ORG": "#1F77B4", "PER": "#D62728", "LOC": "#2CA02C", "EVENT": "#7F7F7F"}
"""Node colours of the network by type (``EVENT`` for event nodes; other graph node types grey)."""

TYPE_LABELS = {"ORG": "organisation", "PER": "person", "LOC": "place", "EVENT": "event"}

MAX_ORG_LANES = 8
"""Organisation lanes drawn one by one; the events of less active organisations share one lane."""

LANE_OTHER_ORGS = "other organisations"
LANE_NO_ORG = "no organisation"

LAYOUT_SEED = 7
"""Seed of ``networkx.spring_layout``: the same extraction always gives the same picture."""

GRANULARITIES = ("year", "half", "quarter", "month", "week", "day", "time", "interval", "none")
"""``Event.date['granularity']`` values (see ``timeline.model.Event``)."""


# ---------------------------------------------------------------------------------------------
# Placing a date on the axis
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Placement:
    """Where an event goes on the time axis.

    ``shape`` is ``band`` (drawn from ``start`` to ``end``, half-open), ``point`` (a marker at
    ``at``) or ``none`` (not placeable: listed, not drawn).  ``start``/``end``/``at`` are ISO 8601
    strings (``2014-01-01``, ``2017-07-13 12:00``) as Plotly date axes read them; ``granularity``
    is one of :data:`GRANULARITIES`.  ``open`` is ``after`` for an interval with a start and no
    end (``从今天起``, TIMEX3 ``mod`` ON_OR_AFTER), ``before`` for one with an end and no start:
    such an event is a ``point`` at its known bound (``end``/``start`` then ``None``).
    """

    shape: str
    start: str | None = None
    end: str | None = None
    at: str | None = None
    granularity: str = "none"
    open: str | None = None


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def _parse_bound(x: Any) -> datetime | None:
    """An interval bound as given in ``Event.date``: ISO date/datetime string, or an int year."""
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, datetime):
        return x
    if isinstance(x, date):
        return _dt(x)
    if isinstance(x, int):
        return datetime(x, 1, 1)
    try:
        return datetime.fromisoformat(str(x).strip().replace("Z", ""))
    except ValueError:
        return None


def _iso(d: datetime) -> str:
    if d.hour == d.minute == d.second == 0 and d.microsecond == 0:
        return d.strftime("%Y-%m-%d")
    return d.strftime("%Y-%m-%d %H:%M:%S")


def placement(when: dict[str, Any] | str | int | None) -> Placement:
    """Place an event's ``date`` on the time axis (see :class:`Placement`).

    ``when`` is ``Event.date`` (``{"value", "mod", "granularity", "start", "end"}``, ``start``/``end``
    ISO 8601 dates, half-open, or integer years), as the events stage makes it (its calendar
    arithmetic is ``timeline.temporal.interval``): a date without ``start`` and ``end``, or a bare
    TIMEX3 value, is not placed.  An interval of at most one day (a day, a time, ``start == end``)
    is a ``point``: at the middle of its day, or at its start when it is shorter than a day or
    empty, so that an event starting and ending on ``2014-01-01`` stays visible.  An interval
    with one known bound is a point there (``open``); one with neither is ``none``.
    """
    if when is None:
        return Placement("none")
    if not isinstance(when, dict):
        when = {"value": when}
    gran = when.get("granularity")
    start, end = _parse_bound(when.get("start")), _parse_bound(when.get("end"))
    if start is None and end is None:
        return Placement("none", granularity=gran or "none")
    if end is None:
        start = cast(datetime, start)   # not both None
        return Placement("point", start=_iso(start), at=_iso(start), granularity=gran or "none", open="after")
    if start is None:
        return Placement("point", end=_iso(end), at=_iso(end), granularity=gran or "none", open="before")
    if isinstance(when.get("start"), int) and isinstance(when.get("end"), int) and when["end"] == when["start"]:
        end = datetime(when["end"] + 1, 1, 1)  # integer years: 2014..2014 is the year 2014
    gran = gran or "interval"
    if end < start:
        start, end = end, start
    width = end - start
    if width <= timedelta(days=1):
        at = start + width / 2 if width == timedelta(days=1) else start
        return Placement("point", start=_iso(start), end=_iso(end), at=_iso(at), granularity=gran)
    return Placement("band", start=_iso(start), end=_iso(end), granularity=gran)


# ---------------------------------------------------------------------------------------------
# The view model embedded in the page
# ---------------------------------------------------------------------------------------------

def _wrap(text: str, width: int = 34) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _doc_label(doc) -> str:
    if doc is None:
        return ""
    if doc.title:
        return doc.title
    if doc.path:
        return os.path.basename(doc.path) or doc.path
    return doc.id


def _source_window(ev: Event, text: str | None) -> tuple[int, int] | None:
    """Offsets of the text shown as an event's source: its ``sentence`` when that surrounds the
    event's span in the document, else the span itself; ``None`` without the document text."""
    if text is None or not (0 <= ev.start <= ev.end <= len(text)):
        return None
    s, e = ev.start, ev.end
    sent = ev.sentence
    if sent and text[s:e] != sent:
        i = text.find(sent, max(0, e - len(sent)))
        if 0 <= i <= s and i + len(sent) >= e:
            s, e = i, i + len(sent)
    return s, e


def _source_segments(ev: Event, text: str | None, timex, entities: dict[str, Entity]) -> list[list]:
    """The source text of an event cut into ``[text, class]`` runs; class is ``timex``,
    ``trigger``, ``participant`` or ``None`` (priority in that order where marks overlap)."""
    window = _source_window(ev, text)
    if window is None:
        return [[ev.sentence or ev.title or "", None]]
    s, e = window
    text = cast(str, text)              # a window is found only in a text
    marks: list[str | None] = [None] * (e - s)

    def paint(a: int, b: int, cls: str) -> None:
        for i in range(max(a, s), min(b, e)):
            if marks[i - s] is None:
                marks[i - s] = cls

    if timex is not None and timex.doc == ev.doc:
        paint(timex.start, timex.end, "timex")
    if ev.trigger_span:
        paint(ev.trigger_span[0], ev.trigger_span[1], "trigger")
    for p in ev.participants:
        ent = entities.get(p.entity)
        for m in (ent.mentions if ent else ()):
            if m.doc == ev.doc:
                paint(m.start, m.end, "participant")
    runs: list[list] = []
    for i, cls in enumerate(marks):
        ch = text[s + i]
        if runs and runs[-1][1] == cls:
            runs[-1][0] += ch
        else:
            runs.append([ch, cls])
    return runs


def _pack_rows(items: list[tuple[str, datetime, datetime]], min_width: timedelta) -> dict[str, int]:
    """Greedy interval packing: the row of each item so that items of a row do not overlap.
    ``items`` are ``(id, start, end)``; every item takes at least ``min_width`` on the axis."""
    rows_end: list[datetime] = []
    out: dict[str, int] = {}
    for key, s, e in sorted(items, key=lambda t: (t[1], t[2], t[0])):
        e = max(e, s + min_width)
        for r, last in enumerate(rows_end):
            if last <= s:
                rows_end[r] = e
                out[key] = r
                break
        else:
            rows_end.append(e)
            out[key] = len(rows_end) - 1
    return out


def _hover(title: str, written: str, value: str, mod: str | None, gran: str, kind: str,
           names: list[str], source: str, where: str) -> str:
    esc = html.escape
    date_line = f"{esc(written)} → {esc(value)}" if written else esc(value)
    if mod:
        date_line += f" ({esc(mod)})"
    lines = [f"<b>{esc(_short(title, 60))}</b>", f"{date_line} · {esc(gran)} · {esc(kind)}"]
    if names:
        lines.append("participants: " + esc(_short("、".join(names), 80)))
    lines += [f"<i>{esc(x)}</i>" for x in _wrap(_short(source, 170))]
    if where:
        lines.append(f"<span style='font-size:11px'>{esc(where)}</span>")
    return "<br>".join(lines)


def _kind_colours(events: list[Event]) -> tuple[dict[str, int], dict[str, str]]:
    """Event counts and colours by kind, most frequent first (``other`` last, grey)."""
    count: dict[str, int] = {}
    for ev in events:
        k = ev.kind or OTHER_KIND
        count[k] = count.get(k, 0) + 1
    order = sorted(count, key=lambda k: (k == OTHER_KIND, -count[k], k))
    palette = iter(KIND_COLOURS * (1 + len(order) // len(KIND_COLOURS)))
    colours = {k: (OTHER_KIND_COLOUR if k == OTHER_KIND else next(palette)) for k in order}
    return {k: count[k] for k in order}, colours


def _event_view(ev: Event, doc, timex, ents: dict[str, Entity], colour: str) -> dict[str, Any]:
    """One event as the page script reads it (lanes are added by :func:`_lanes`)."""
    when = ev.date
    if when is None and timex is not None:
        when = {"value": timex.value, "mod": timex.mod}
    place = placement(when)
    value = when.get("value") if isinstance(when, dict) else when
    value = "" if value is None else str(value)
    mod = when.get("mod") if isinstance(when, dict) else None
    gran = place.granularity
    if place.shape == "none":
        gran = (when.get("granularity") if isinstance(when, dict) else None) or "none"
    kind = ev.kind or OTHER_KIND
    parts = []
    for p in ev.participants:
        ent = ents.get(p.entity)
        parts.append({"id": p.entity, "name": ent.name if ent else p.entity,
                      "type": ent.type if ent else "", "role": p.role})
    ent_ids = list(dict.fromkeys(x["id"] for x in parts))
    source = _source_segments(ev, doc.text if doc else None, timex, ents)
    source_text = "".join(r[0] for r in source)
    where = _doc_label(doc)
    if doc is not None and doc.path and doc.title:
        where += f" ({doc.path})"
    where = f"{where} · characters {ev.start}–{ev.end}" if where else f"characters {ev.start}–{ev.end}"
    written = timex.text if timex is not None else ""
    search = [ev.title, ev.trigger, source_text, written, value, kind, _doc_label(doc)]
    for eid in ent_ids:
        if eid in ents:
            search += [ents[eid].name, *ents[eid].aliases]
    return {
        "id": ev.id, "doc": ev.doc, "title": ev.title, "trigger": ev.trigger, "kind": kind,
        "colour": colour, "written": written, "value": value, "mod": mod, "granularity": gran,
        "shape": place.shape, "x0": place.start or place.at, "x1": place.end or place.at,
        "at": place.at, "open": place.open,
        "participants": parts, "entities": ent_ids, "source": source, "where": where,
        "hover": _hover(ev.title, written, value or "?", mod, gran, kind,
                        list(dict.fromkeys(x["name"] for x in parts)), source_text, where),
        "search": " ".join(b for b in search if b).lower(),
    }


def _lanes(views: list[dict[str, Any]], lane_of: dict[str, Any], lanes: list[tuple[Any, str]],
           min_width: timedelta, mode: str) -> list[dict[str, Any]]:
    """Give each event view ``lane[mode] = [lane index, row]`` and return the lanes
    (``[{"name", "rows"}]``, in the order of ``lanes``, a list of ``(key, name)``, keeping those
    that hold an event).  ``lane_of`` maps event id to lane key; rows come from
    :func:`_pack_rows` over the events on the time axis."""
    out: list[dict[str, Any]] = []
    for key, name in lanes:
        members = [v for v in views if lane_of[v["id"]] == key]
        if not members:
            continue
        # placed views have ISO bounds
        dated = cast(list[tuple[str, datetime, datetime]],
                     [(v["id"], _parse_bound(v["x0"]), _parse_bound(v["x1"])) for v in members if v["shape"] != "none"])
        rows = _pack_rows(dated, min_width)
        for v in members:
            v.setdefault("lane", {})[mode] = [len(out), rows.get(v["id"], 0)]
        out.append({"name": name, "rows": max(rows.values(), default=0) + 1})
    return out


def page_data(extraction: Extraction, graph=None, *, lanes: str = "organisation") -> dict[str, Any]:  # noqa: C901 - the page's view model, field by field
    """The view model the page script draws (JSON-serialisable, deterministic).

    Keys: ``title``, ``summary`` (text), ``stats`` (``documents``, ``events``, ``dated``,
    ``organisations``, ``first``/``last`` ISO dates), ``lane_mode`` (``organisation`` or
    ``document``), ``lanes`` (per mode, ``[{"name", "rows"}]``), ``kinds`` (``[{"name",
    "colour", "count"}]``), ``events`` (one dict per event: ``id``, ``title``, ``kind``,
    ``colour``, ``written`` (the time expression as written), ``value``, ``mod``,
    ``granularity``, ``shape``/``x0``/``x1``/``at``/``open`` (see :class:`Placement`), ``lane``
    (per mode, ``[lane index, row]``), ``participants``, ``entities``, ``source`` (``[text,
    class]`` runs), ``where``, ``hover``, ``search``), ``entities`` (those taking part in an
    event, with ``events`` counts), ``network`` (see :func:`network_layout`) and ``dcts``.

    Organisation lanes: the :data:`MAX_ORG_LANES` organisations in most events, each event in
    the lane of its most active organisation; the rest in :data:`LANE_OTHER_ORGS`, events
    without one in :data:`LANE_NO_ORG`.  Document lanes: one per document, in input order.
    Raises ``ValueError`` for an unknown ``lanes``.
    """
    if lanes not in ("organisation", "document"):
        raise ValueError(f"lanes must be 'organisation' or 'document', not {lanes!r}")
    docs = extraction.document_by_id()
    ents = extraction.entity_by_id()
    timexes = extraction.timex_by_id()
    kind_count, kind_colour = _kind_colours(extraction.events)
    views = [_event_view(ev, docs.get(ev.doc), timexes.get(ev.timex) if ev.timex else None, ents,
                         kind_colour[ev.kind or OTHER_KIND]) for ev in extraction.events]

    # How active each entity is: the number of events it takes part in.
    activity: dict[str, int] = {}
    for v in views:
        for eid in v["entities"]:
            activity[eid] = activity.get(eid, 0) + 1
    orgs_ranked = sorted((eid for eid in activity if eid in ents and ents[eid].type == "ORG"),
                         key=lambda eid: (-activity[eid], ents[eid].name, eid))
    top_orgs = orgs_ranked[:MAX_ORG_LANES]
    if len(orgs_ranked) == MAX_ORG_LANES + 1:  # a lane of one is clearer than "other"
        top_orgs = orgs_ranked
    rank = {eid: i for i, eid in enumerate(top_orgs)}
    org_lane_of: dict[str, tuple[str, str]] = {}
    for v in views:
        orgs = [eid for eid in v["entities"] if eid in ents and ents[eid].type == "ORG"]
        best = min(orgs, key=lambda eid: (rank.get(eid, len(rank)), v["entities"].index(eid)), default=None)
        org_lane_of[v["id"]] = ("org", best) if best in rank else ("other", "") if best else ("none", "")
    org_lanes = [(("org", eid), ents[eid].name) for eid in top_orgs]
    org_lanes += [(("other", ""), LANE_OTHER_ORGS), (("none", ""), LANE_NO_ORG)]
    doc_lane_of = {v["id"]: v["doc"] for v in views}
    doc_ids = list(dict.fromkeys([d.id for d in extraction.documents] + [v["doc"] for v in views]))
    doc_lanes = [(d, _doc_label(docs.get(d)) or d) for d in doc_ids]

    spans = cast(list[tuple[datetime, datetime]],   # placed views have ISO bounds
                 [(_parse_bound(v["x0"]), _parse_bound(v["x1"])) for v in views if v["shape"] != "none"])
    first = min((a for a, _ in spans), default=None)
    last = max((b for _, b in spans), default=None)
    min_width = max(timedelta(days=1), (cast(datetime, last) - cast(datetime, first)) / 40) if spans \
        else timedelta(days=1)
    lane_table = {"organisation": _lanes(views, org_lane_of, org_lanes, min_width, "organisation"),
                  "document": _lanes(views, doc_lane_of, doc_lanes, min_width, "document")}

    # The actor list: entities taking part in events, by type, most active first.
    type_rank = {"ORG": 0, "PER": 1, "LOC": 2}
    ent_out = []
    for eid in sorted(activity, key=lambda k: (type_rank.get(ents[k].type, 3) if k in ents else 4,
                                               -activity[k], ents[k].name if k in ents else k)):
        ent = ents.get(eid)
        ent_out.append({"id": eid, "name": ent.name if ent else eid, "type": ent.type if ent else "",
                        "aliases": list(ent.aliases) if ent else [], "events": activity[eid],
                        "colour": TYPE_COLOURS.get(ent.type if ent else "", OTHER_KIND_COLOUR)})

    n_orgs = sum(1 for e in extraction.entities if e.type == "ORG" and not e.attributes.get("chrome"))
    n_dated = len(spans)
    last_day = last - timedelta(days=1) \
        if last is not None and last - cast(datetime, first) >= timedelta(days=1) else last
    stats: dict[str, Any] = {"documents": len(extraction.documents), "events": len(views), "dated": n_dated,
             "organisations": n_orgs, "first": _iso(first)[:10] if first else None,
             "last": _iso(last_day)[:10] if last_day else None}
    summary = (f"{_plural(stats['documents'], 'document')} · {_plural(len(views), 'event')}"
               f" ({n_dated} on the time axis) · {_plural(n_orgs, 'organisation')}")
    if first is not None:
        summary += f" · {stats['first']} – {stats['last']}"
    return {
        "title": _page_title(extraction),
        "summary": summary,
        "stats": stats,
        "lane_mode": lanes,
        "lanes": lane_table,
        "kinds": [{"name": k, "colour": kind_colour[k], "count": n} for k, n in kind_count.items()],
        "events": views,
        "entities": ent_out,
        "type_colours": TYPE_COLOURS,
        "type_labels": TYPE_LABELS,
        "network": network_layout(extraction, graph),
        "dcts": sorted({d.dct for d in extraction.documents if d.dct}),
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _page_title(extraction: Extraction) -> str:
    labels = [_doc_label(d) for d in extraction.documents]
    labels = [x for x in labels if x]
    if not labels:
        return "Timeline"
    if len(labels) == 1:
        return labels[0]
    return f"{labels[0]} (+{len(labels) - 1} more)"


# ---------------------------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------------------------

NETWORK_SKIP_NODE_TYPES = frozenset({"document"})
"""Graph node ``type`` values left out of the network view (``timeline.graph``'s document nodes
would join every node to one hub)."""

NETWORK_SKIP_EDGE_TYPES = frozenset({"next", "mentioned_in"})
"""Graph edge ``type`` values left out: the time-order chain and links to documents are not
relations between actors and events."""


NETWORK_LABELS = 12
"""How many entity names the network writes (the best connected); the others show on hover,
and every name of the selection shows while a filter is on."""


def network_layout(extraction: Extraction, graph=None) -> dict[str, Any]:  # noqa: C901 - one pass over nodes, a branch per kind
    """Nodes and edges of the network view with a deterministic layout.

    Without ``graph``: events and the entities taking part in them, an edge per participation.
    With ``graph`` (any networkx graph; ``timeline.graph.build_graph``'s MultiDiGraph): its
    nodes and edges, less the node types in :data:`NETWORK_SKIP_NODE_TYPES` and the edge types
    in :data:`NETWORK_SKIP_EDGE_TYPES`.  A graph node stands for an extraction entity or event
    when its ``entity``/``event`` attribute (or its own id) is that id; it is then drawn with
    that id, name and type, so that clicks link to the other views.  Other nodes take their
    ``label``/``name`` and ``type``.  Nodes left without an edge (an entity in no event, an
    event without participants) are not drawn: the page lists them elsewhere.  Positions:
    :func:`_packed_layout`, in [-1, 1]; node size grows with the square root of the degree
    (distinct neighbours).

    Returns ``{"nodes": [{"id", "label", "type", "colour", "size", "degree", "x", "y",
    "hover", "labelled"}], "edges": [[i, j], ...]}`` (``i``, ``j`` index ``nodes``;
    ``labelled``: the name is written on the picture, see :data:`NETWORK_LABELS`).
    """
    import networkx as nx

    ents = extraction.entity_by_id()
    events = {e.id: e for e in extraction.events}
    g: nx.Graph[Any] = nx.Graph()
    attrs: dict[Any, dict[str, Any]] = {}
    if graph is None:
        for ev in extraction.events:
            g.add_node(ev.id)
            for p in ev.participants:
                if p.entity != ev.id:
                    g.add_edge(ev.id, p.entity)
    else:
        name_of: dict[Any, Any] = {}
        for n, a in graph.nodes(data=True):
            if str(a.get("type", "")).lower() in NETWORK_SKIP_NODE_TYPES:
                continue
            key = a.get("entity") if a.get("entity") in ents else a.get("event") if a.get("event") in events else n
            name_of[n] = key
            attrs[key] = dict(a)
            g.add_node(key)
        for u, v, *rest in graph.edges(data=True):
            a = rest[-1] if rest and isinstance(rest[-1], dict) else {}
            if u == v or u not in name_of or v not in name_of:
                continue
            if str(a.get("type", "")).lower() in NETWORK_SKIP_EDGE_TYPES:
                continue
            if name_of[u] != name_of[v]:
                g.add_edge(name_of[u], name_of[v])
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    order = sorted(g.nodes, key=lambda n: (str(type(n)), str(n)))
    h: nx.Graph[Any] = nx.Graph()
    h.add_nodes_from(order)
    h.add_edges_from(sorted(g.edges, key=lambda uv: (str(uv[0]), str(uv[1]))))
    if len(order) == 0:
        return {"nodes": [], "edges": []}
    pos = _packed_layout(h)
    index = {n: i for i, n in enumerate(order)}
    nodes = []
    for n in order:
        a = attrs.get(n, {})
        if n in ents:
            ent = ents[n]
            typ, label = ent.type, ent.name
            hover = f"<b>{html.escape(ent.name)}</b><br>{TYPE_LABELS.get(typ, typ)}"
            if ent.aliases:
                hover += "<br>also: " + html.escape(_short("、".join(ent.aliases), 60))
        elif n in events:
            ev = events[n]
            typ, label = "EVENT", ev.title
            value = (ev.date or {}).get("value") if isinstance(ev.date, dict) else ev.date
            hover = f"<b>{html.escape(_short(ev.title, 60))}</b><br>{html.escape(str(value or 'undated'))}"
        else:
            typ = str(a.get("entity_type") or a.get("type") or "OTHER").upper()
            label = str(a.get("label") or a.get("name") or n)
            hover = f"<b>{html.escape(label)}</b><br>{html.escape(typ.lower())}"
        deg = h.degree(n)
        x, y = pos[n]
        nodes.append({
            "id": str(n), "label": label, "type": typ,
            "colour": TYPE_COLOURS.get(typ, OTHER_KIND_COLOUR),
            "size": round(8 + 5 * math.sqrt(deg), 2), "degree": deg,
            "x": round(float(x), 4), "y": round(float(y), 4),
            "hover": hover + f"<br>degree {deg}",
        })
    # Names written on the picture: the best connected entities (all of them in a small network).
    named = sorted((nd for nd in nodes if nd["type"] != "EVENT"), key=lambda nd: (-nd["degree"], nd["label"]))
    for i, nd in enumerate(named):
        nd["labelled"] = i < NETWORK_LABELS
    for nd in nodes:
        nd.setdefault("labelled", False)
    edges = [[index[u], index[v]] for u, v in h.edges]
    return {"nodes": nodes, "edges": edges}


def _packed_layout(h) -> dict[Any, tuple[float, float]]:
    """Positions in [-1, 1]²: each connected component laid out on its own
    (``spring_layout``, fixed seed) in a box whose side grows with the square root of its size,
    the boxes placed largest first in rows (shelf packing) so that small components do not
    crowd at the edge of one big spring layout; then each axis is stretched to [-1, 1]."""
    import networkx as nx

    comps = sorted((sorted(c, key=lambda n: (str(type(n)), str(n))) for c in nx.connected_components(h)),
                   key=lambda c: (-len(c), str(c[0])))
    sides = [math.sqrt(len(c)) for c in comps]
    row_width = max(max(sides), math.sqrt(sum(s * s for s in sides)) * 1.4)
    boxes, x, y, row_h = [], 0.0, 0.0, 0.0
    for side in sides:
        if x > 0 and x + side > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        row_h = row_h or side  # rows are as tall as their first (largest) box
        boxes.append((x, y + (row_h - side) / 2, side))
        x += side
    pos: dict[Any, tuple[float, float]] = {}
    for comp, (bx, by, side) in zip(comps, boxes, strict=False):
        local: dict[Any, Any]
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            sub = h.subgraph(comp).copy()
            local = nx.spring_layout(sub, seed=LAYOUT_SEED, k=2.0 / math.sqrt(len(comp)), iterations=300)
        lx = [float(p[0]) for p in local.values()]
        ly = [float(p[1]) for p in local.values()]
        w = max(max(lx) - min(lx), max(ly) - min(ly), 1e-9)
        mx, my = (max(lx) + min(lx)) / 2, (max(ly) + min(ly)) / 2
        inner = side * 0.8  # margin between components
        for n, p in local.items():
            pos[n] = (bx + side / 2 + (float(p[0]) - mx) / w * inner if len(comp) > 1 else bx + side / 2,
                      -(by + side / 2) + ((float(p[1]) - my) / w * inner if len(comp) > 1 else 0.0))
    # Each axis stretched to [-1, 1]: the page draws the network in a wide box.
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    wx, wy = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((p[0] - cx) * 2 / wx if len(pos) > 1 else 0.0,
                (p[1] - cy) * 2 / wy if len(pos) > 1 else 0.0) for n, p in pos.items()}


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------

def _json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` escaped as
    ``\\u003c``… (as Django's ``json_script``), non-ASCII text kept as is (UTF-8)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


PLOTLY_BASIC = TEMPLATES / "plotly-basic.min.js"
"""plotly.js *basic* bundle (scatter, bar, pie: all this page draws), MIT licence beside it,
from the npm package ``plotly.js-basic-dist-min`` 4.1.1 (``npm pack plotly.js-basic-dist-min@4.1.1``),
the plotly.js version plotly 7.1 ships.  1.2 MB instead of 4.8 MB, and Chromium is ready in
about 0.7 s instead of 1.6-2.1 s, nearly all of which is evaluating plotly.js.  When the file
is absent the full bundle of the ``plotly`` package is inlined instead."""


def plotly_cdn_url() -> str:
    """The CDN address of the same plotly.js the page would inline: the basic bundle's
    (``https://cdn.plot.ly/plotly-basic-4.1.1.min.js``, version read from its header) or the
    ``plotly`` package's full bundle.  Address scheme: plotly.js ``dist/README.md``."""
    if PLOTLY_BASIC.exists():
        with PLOTLY_BASIC.open(encoding="utf-8") as fh:
            m = re.search(r"\(basic - minified\) v(\d+\.\d+\.\d+\S*)", fh.read(400))
        if m:
            return f"https://cdn.plot.ly/plotly-basic-{m.group(1)}.min.js"
    from plotly.offline import get_plotlyjs_version

    return f"https://cdn.plot.ly/plotly-{get_plotlyjs_version()}.min.js"


def _plotly_script(cdn: bool) -> str:
    """The ``<script>`` element that loads plotly.js: from :func:`plotly_cdn_url`, or inline
    (:data:`PLOTLY_BASIC`, else the ``plotly`` package's full bundle)."""
    if cdn:
        return f'<script src="{plotly_cdn_url()}" charset="utf-8"></script>'
    if PLOTLY_BASIC.exists():
        js = PLOTLY_BASIC.read_text(encoding="utf-8")
    else:
        from plotly.offline import get_plotlyjs

        js = get_plotlyjs()
    # Keep the inline copy from ending its <script> element early (it contains no such text today).
    js = js.replace("</script", "<\\/script")
    return f'<script type="text/javascript" charset="utf-8">{js}</script>'


_SLOT = re.compile(r"<!--@(\w+)@-->|/\*@(\w+)@\*/")


def _fill(template: str, slots: dict[str, str]) -> str:
    """Replace each ``<!--@NAME@-->`` / ``/*@NAME@*/`` of the template in one pass (inserted text
    is never searched again, so plotly.js or a document may contain anything)."""
    def sub(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        if name not in slots:
            raise KeyError(f"{TEMPLATES / 'page.html'}: no value for slot {name}")
        return slots[name]

    return _SLOT.sub(sub, template)


def render_html(extraction: Extraction, graph=None, *, cdn: bool = False,
                lanes: str = "organisation") -> str:
    """The interactive page of an extraction as one HTML string (UTF-8 text, ``<!DOCTYPE html>``).

    ``graph``: optional networkx graph for the network view (else drawn from the events'
    participants); ``cdn``: load plotly.js from ``cdn.plot.ly`` instead of inlining it;
    ``lanes``: initial timeline lanes, ``organisation`` or ``document`` (the page can switch).
    The page's script exposes ``window.timelineSelectEntity(id)``, ``timelineShowEvent(id)``,
    ``timelineSearch(text)``, ``timelineReset()`` and ``timelineState()`` (for tests and embedding).
    Raises ``ValueError`` for an unknown ``lanes``, ``RuntimeError`` when the templates are missing.
    """
    data = page_data(extraction, graph, lanes=lanes)
    return _fill(_template("page.html"), {
        "LANG": html.escape(_page_language(extraction), quote=True),
        "TITLE": html.escape(data["title"]),
        "SUMMARY": html.escape(data["summary"]),
        "CSS": _template("page.css"),
        "PLOTLY": _plotly_script(cdn),
        "DATA": _json_for_script(data),
        "SCRIPT": _template("page.js"),
    })


def _page_language(extraction: Extraction) -> str:
    """BCP 47 tag of the page (``<html lang>``, which picks CJK glyph forms): the documents'
    language with ``-Hant`` for traditional script, ``und`` when they differ or are unknown."""
    tags = {(d.language or "und") + (f"-{d.script}" if d.script else "") for d in extraction.documents}
    return tags.pop() if len(tags) == 1 else "und"


def _template(name: str) -> str:
    try:
        return (TEMPLATES / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuntimeError(f"{TEMPLATES / name} is missing: the package was installed without its "
                           "templates (package data 'templates/*')") from None
