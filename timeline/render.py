"""The interactive page: a labelled, precision-honest Plotly timeline, a story view and a linked
network in one HTML file.

Layout only: everything drawn is read from a :class:`timeline.model.Extraction` (and, when given,
the ``networkx`` graph of ``timeline.graph.build_graph``); nothing here finds dates, names or events,
computes calendar intervals (each ``Event.date`` carries its ``start``/``end``) or writes files:
:func:`render_html` returns the page and the caller writes it (``timeline.export.atomic_write``).

The page is one self-contained UTF-8 file (``<meta charset="utf-8">``) made of

* a **timeline** that says how precise each date is (:data:`TIME_CLASSES`): a day is a marker; a
  month, quarter or year is a marker with a translucent band over the whole period it may be;
  a range (``2014年至2016年``) is a bar; a duration reaching the document date (``近三年来``, P3Y) is
  drawn in its own *periods* track as an outlined bracket, never as a dated happening; an
  unplaceable value (``PXY``, ``XXXX-04``) is listed, not drawn.  Each marker carries its short
  title, placed without collisions (rows are packed in screen pixels, labels that would overlap
  are left to the hover).  Lanes: organisations, people, documents or kinds.  With thousands of
  events the chart shows events per month per lane (aggregation) until a filter or a zoom leaves
  few enough to draw one by one (then as WebGL ``scattergl`` markers when many);
* a **story view**: the chronology of the events shown (date as written → normalised, title,
  participants, source), in step with the chart (same filters, same selection);
* a **network** of actors (the best connected organisations, people and places with their events,
  or for a large corpus only the top actors and their ties, the rest on demand), labels placed
  without overlap;
* filters (text, date range, kind, actor, document, confidence), kept in the page address (a
  shareable link), Reset, and exports of what is shown (CSV with a BOM, JSON, PNG and SVG).

The script is ours (``timeline/templates/page.js``); plotly.js is inlined by default (the page
works with no network; :data:`PLOTLY_BASIC`, or :data:`PLOTLY_GL` when the page has more than
:data:`GL_FROM_EVENTS` dated events); ``cdn=True`` writes a ``<script src>`` tag for the CDN copy.

Why not ``plotly.express.timeline``: it draws nothing for an event whose start equals its end and
reads integer years as nanoseconds since 1970.  Here every position is computed as days since
1970-01-01 from ISO 8601 calendar dates (:func:`placement`) before Plotly sees it.
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
from urllib.parse import quote

from .model import Document, Event, Extraction

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""Folder of the page template (``page.html``), its style sheet and its script (package data)."""

KIND_COLOURS = (
    "#0067A5", "#F38400", "#008856", "#BE0032", "#875692", "#F3C300", "#A1CAF1", "#E68FAC",
    "#C2B280", "#1F9E89", "#F99379", "#604E97", "#F6A600", "#B3446C", "#DCD300", "#882D17",
    "#8DB600", "#654522", "#E25822", "#2B3D26",
)
"""Colours of event kinds, most frequent kind first: Kenneth Kelly's 22 colours of maximum contrast
(*Color Engineering* 3(6), 1965) less white and black, his medium grey replaced by a teal (grey
means *other*).  Twenty kinds stay distinct; the kinds after the 19 most frequent share
:data:`OTHER_KIND_COLOUR` (grouped as *other kinds* in the legend; the kind filter lists each)."""

OTHER_KIND = "other"
OTHER_KIND_COLOUR = "#8C8C8C"

TYPE_COLOURS = {"ORG": "#1F77B4", "PER": "#D62728", "LOC": "#2CA02C", "EVENT": "#7F7F7F"}
"""Node colours of the network by type (``EVENT`` for event nodes; other graph node types grey)."""

TYPE_LABELS = {"ORG": "organisation", "PER": "person", "LOC": "place", "EVENT": "event"}

LANE_MODES = ("organisation", "person", "document", "kind")
"""Ways the page groups the timeline into lanes (the page can switch)."""

TIME_CLASSES = ("none", "point", "approx", "span", "period", "after", "before")
"""How an event sits on the time axis (``class`` of an event of the page data): ``point`` a day or
less (a marker); ``approx`` a date known to a week, month, quarter, half or year (a marker in the
middle with a band over the period); ``span`` a range of two dates (a bar: it lasted); ``period`` a
duration counted back from the document date (``近三年来``; its own track); ``after``/``before`` an
interval known at one end (``从今天起``: a triangle at that end); ``none`` not placeable (listed)."""

GRANULARITIES = ("year", "half", "quarter", "month", "week", "day", "time", "interval", "none", "recent")
"""``Event.date['granularity']`` values (see ``timeline.model.Event``)."""

SOURCE_CHARS = 160
"""Longest source text a page carries for an event: its sentence, cut around the event's clause
when longer (a 10,000-article page stays small)."""

GL_FROM_EVENTS = 1500
"""The page draws markers with WebGL (``scattergl``) when more than this many events are in view
one by one, and so inlines :data:`PLOTLY_GL` when it has more on the time axis.  WebGL has a fixed
start-up cost (about 4 s in headless Chromium's software renderer, far less on a GPU), so fewer
markers are drawn as SVG."""

DETAIL_MAX = 3000
"""The page draws events one by one while at most this many are in view; above, it draws events
per month (or per year over long spans) per lane until a filter or a zoom leaves fewer."""

NETWORK_FULL_MAX = 260
"""A network of at most this many nodes (actors and events) is drawn whole; a larger one is
aggregated: the :data:`NETWORK_TOP` actors in most events and their ties (shared events)."""

NETWORK_TOP = 120

NETWORK_LABELS = 40
"""At most this many names are candidates for a label on the network (the best connected first;
the page writes those that do not overlap, the rest show on hover)."""

LAYOUT_SEED = 7
"""Seed of ``networkx.spring_layout``: the same extraction always gives the same picture."""

EPOCH = datetime(1970, 1, 1)

COMPRESS_FROM_CHARS = 2_000_000
"""A page whose data is longer than this (in characters of JSON) carries it gzip-compressed in
base64 (``data-encoding="gzip"``), which the page opens with the browser's ``DecompressionStream``;
about a third of the size for Chinese text (measured on the real articles: 0.32 of the JSON)."""


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
    # Not strftime("%Y"): glibc writes the year 999 as "999", which fromisoformat refuses.
    day = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if d.hour == d.minute == d.second == 0 and d.microsecond == 0:
        return day
    return f"{day} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"


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

def _days(iso: str | None) -> float | int | None:
    """An ISO position (``2014-01-01``, ``2017-07-13 09:30:00``) as days since 1970-01-01 (an
    int for midnight, else a float rounded to about a second)."""
    d = _parse_bound(iso)
    if d is None:
        return None
    delta = d - EPOCH
    if delta.seconds == 0 and delta.microseconds == 0:
        return delta.days
    return round(delta.total_seconds() / 86400, 5)


def time_class(ev: Event, place: Placement, timex_type: str | None = None) -> str:
    """The :data:`TIME_CLASSES` member of an event placed at ``place``: a TIMEX3 duration
    (value ``P…``, or a DURATION time expression that is not a range) is a ``period``."""
    if place.shape == "none":
        return "none"
    if place.open:
        return place.open
    if place.shape == "point":
        return "point"
    value = str((ev.date or {}).get("value") or "") if isinstance(ev.date, dict) else ""
    if value.startswith("P") or (timex_type == "DURATION" and not value[:1].isdigit()):
        return "period"
    if place.granularity == "interval":
        return "span"
    return "approx"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _doc_label(doc: Document | None) -> str:
    if doc is None:
        return ""
    if doc.title:
        return doc.title
    if doc.path:
        return os.path.basename(doc.path) or doc.path
    return doc.id


def shown_path(path: str | None, base: str | os.PathLike | None = None) -> str | None:
    """How the page names a document's file: relative to ``base`` (the page's folder) when given,
    else as given when relative, else its file name: never a local absolute path.  ``<stdin>``
    and ``None`` stay."""
    if not path or path.startswith("<"):
        return path
    if base is not None:
        try:
            return os.path.relpath(os.path.abspath(path), os.path.abspath(base)).replace(os.sep, "/")
        except ValueError:              # another drive (Windows)
            return os.path.basename(path)
    return os.path.basename(path) if os.path.isabs(path) else path.replace(os.sep, "/")


def _doc_link(doc: Document, shown: str | None) -> str | None:
    """The address an event links to: the article's http(s) URL, else its file relative to the
    page (a JSON Lines record: its file), else ``None``."""
    url = getattr(doc, "url", None)
    if isinstance(url, str) and re.match(r"(?i)https?://", url) and not any(c.isspace() for c in url):
        return url
    if not shown or shown.startswith("<"):
        return None
    m = re.match(r"(.*\.jsonl):\d+$", shown, re.I)
    return quote(m.group(1) if m else shown, safe="/._-~")


def _source_window(ev: Event, text: str | None) -> tuple[int, int] | None:
    """Offsets of the text shown as an event's source: its ``sentence`` when that surrounds the
    event's span in the document, else the span itself, cut to :data:`SOURCE_CHARS` around the
    span; ``None`` without the document text."""
    if text is None or not (0 <= ev.start <= ev.end <= len(text)):
        return None
    s, e = ev.start, ev.end
    sent = ev.sentence
    if sent and text[s:e] != sent:
        i = text.find(sent, max(0, e - len(sent)))
        if 0 <= i <= s and i + len(sent) >= e:
            s, e = i, i + len(sent)
    if e - s > SOURCE_CHARS:
        if ev.end - ev.start >= SOURCE_CHARS:
            s, e = ev.start, ev.start + SOURCE_CHARS
        else:
            spare = SOURCE_CHARS - (ev.end - ev.start)
            s = max(s, ev.start - spare // 2)
            e = min(e, s + SOURCE_CHARS)
    return s, e


MARK_CLASSES = ("timex", "trigger", "participant")


def _source_marks(ev: Event, window: tuple[int, int], timex, mentions_in_doc: dict[str, list]) -> list[int]:
    """Marks on an event's source window as a flat list ``[start, end, class, …]`` (offsets into
    the window, class an index of :data:`MARK_CLASSES`), in order, not overlapping: where marks
    overlap the time expression wins over the trigger, the trigger over a participant."""
    s, e = window
    spans: list[tuple[int, int, int]] = []
    if timex is not None and timex.doc == ev.doc:
        spans.append((timex.start, timex.end, 0))
    if ev.trigger_span:
        spans.append((ev.trigger_span[0], ev.trigger_span[1], 1))
    for p in ev.participants:
        for m in mentions_in_doc.get(p.entity, ()):
            if m.end > s and m.start < e:
                spans.append((m.start, m.end, 2))
    taken: list[tuple[int, int, int]] = []
    for a, b, cls in sorted(spans, key=lambda x: (x[2], x[0], x[1])):
        a, b = max(a, s), min(b, e)
        if a >= b:
            continue
        # cut the parts already taken by a mark of higher priority (few marks per event)
        pieces = [(a, b)]
        for ta, tb, _ in taken:
            if ta < b and tb > a:       # a mark apart from (a, b) cuts none of its pieces
                pieces = [q for pa, pb in pieces for q in ((pa, min(pb, ta)), (max(pa, tb), pb)) if q[0] < q[1]]
        taken += [(pa, pb, cls) for pa, pb in pieces]
    out: list[int] = []
    for a, b, cls in sorted(taken):
        out += [a - s, b - s, cls]
    return out


def _kind_colours(events: list[Event]) -> tuple[dict[str, int], dict[str, str]]:
    """Event counts and colours by kind, most frequent first (``other`` last, grey; kinds past the
    palette grey too)."""
    count: dict[str, int] = {}
    for ev in events:
        k = ev.kind or OTHER_KIND
        count[k] = count.get(k, 0) + 1
    order = sorted(count, key=lambda k: (k == OTHER_KIND, -count[k], k))
    named = [k for k in order if k != OTHER_KIND]
    palette = KIND_COLOURS if len(named) <= len(KIND_COLOURS) else KIND_COLOURS[:len(KIND_COLOURS) - 1]
    colours = {k: palette[i] if i < len(palette) else OTHER_KIND_COLOUR for i, k in enumerate(named)}
    colours[OTHER_KIND] = OTHER_KIND_COLOUR
    return {k: count[k] for k in order}, {k: colours[k] for k in order}


def _confidence(ev: Event) -> float:
    """An event's ``confidence`` in [0, 1]; 1.0 when the events stage gave none."""
    c = getattr(ev, "confidence", None)
    if isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c):
        return min(1.0, max(0.0, float(c)))
    return 1.0


def _extra_sources(ev: Event, doc_index: dict[str, int]) -> list[list[int]]:
    """Other reports of the same event (``Event.sources`` of a cross-document merge, else
    ``Event.mentions``) as ``[document index, start, end]``, the event's own span left out."""
    out: list[list[int]] = []
    for src in list(getattr(ev, "sources", None) or []) + list(ev.mentions or []):
        if not isinstance(src, dict) or src.get("doc") not in doc_index:
            continue
        try:
            a, b = int(src.get("start", 0)), int(src.get("end", 0))
        except (TypeError, ValueError):
            continue
        item = [doc_index[src["doc"]], a, b]
        if (src["doc"], a, b) != (ev.doc, ev.start, ev.end) and item not in out:
            out.append(item)
    return out


_TEXT_OR_NONE = (str, type(None))


def _placed(when: Any, seen: dict[tuple, tuple[Placement, Any, Any]]) -> tuple[Placement, Any, Any]:
    """``placement(when)`` and its days (``x0``, ``x1``), once for each granularity and pair of
    bounds given as text (``seen`` keeps them: a corpus dates thousands of events alike)."""
    key = None
    if isinstance(when, dict):
        key = (when.get("granularity"), when.get("start"), when.get("end"))
        if not all(type(k) in _TEXT_OR_NONE for k in key):
            key = None
        elif key in seen:
            return seen[key]
    place = placement(when)
    found = (place, _days(place.start or place.at), _days(place.end or place.at))
    if key is not None:
        seen[key] = found
    return found


def page_data(extraction: Extraction, graph=None, *, lanes: str = "organisation",  # noqa: C901 - field by field
              title: str | None = None, base: str | os.PathLike | None = None) -> dict[str, Any]:
    """The view model the page script draws (JSON-serialisable, deterministic, linear in the
    extraction).  Columns, not records, to keep a large page small.

    * ``title``, ``summary``, ``stats`` (``documents``, ``events``, ``dated``, ``organisations``,
      ``first``/``last`` ISO dates), ``lane_mode`` (one of :data:`LANE_MODES`), ``detail_max``;
    * ``kinds``: ``[{"name", "colour", "count"}]``, most frequent first;
    * ``docs``: columns ``id``, ``title``, ``path`` (:func:`shown_path`), ``link`` (:func:`_doc_link`),
      ``dct``;
    * ``ents``: the entities taking part in an event, most active first by type: columns ``id``,
      ``name``, ``type``, ``aliases``, ``n`` (events);
    * ``roles``: participant roles; ``marks``: :data:`MARK_CLASSES`; ``classes``: :data:`TIME_CLASSES`;
    * ``ev``: one entry an event in each column: ``id``, ``doc`` (index into ``docs``), ``kind``
      (index into ``kinds``), ``title`` (``[start, end]`` in ``src`` when it is written there, else
      the text), ``written`` (the time expression as written), ``value``, ``mod``, ``gran`` (index
      into ``grans``), ``cls`` (index into ``classes``), ``x0``/``x1`` (days since 1970-01-01;
      ``null`` when not placed; the marker's position follows from ``cls``, as in
      :func:`placement`), ``conf`` (confidence × 100), ``parts`` (flat
      ``[entity index, role index, …]``), ``src`` (the source text), ``marks`` (flat
      ``[start, end, mark class, …]`` in ``src``), ``span`` (``[start, end]`` in the document),
      ``more`` (other reports: ``[[doc index, start, end], …]``);
    * ``network`` (:func:`network_layout`), ``dcts`` (days).

    Raises ``ValueError`` for an unknown ``lanes``.  :func:`event_records` turns ``ev`` back
    into one dict an event.
    """
    if lanes not in LANE_MODES:
        raise ValueError(f"lanes must be one of {', '.join(LANE_MODES)}, not {lanes!r}")
    docs = extraction.document_by_id()
    ents = extraction.entity_by_id()
    timexes = extraction.timex_by_id()
    kind_count, kind_colour = _kind_colours(extraction.events)
    kind_index = {k: i for i, k in enumerate(kind_count)}

    # Documents: those of the extraction in input order, then any an event names.
    doc_ids = list(dict.fromkeys([d.id for d in extraction.documents] + [e.doc for e in extraction.events]))
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    doc_cols: dict[str, list[Any]] = {"id": [], "title": [], "path": [], "link": [], "dct": []}
    for d in doc_ids:
        doc = docs.get(d)
        shown = shown_path(doc.path, base) if doc else None
        doc_cols["id"].append(d)
        doc_cols["title"].append((doc.title or os.path.basename(shown or "") or d) if doc else d)
        doc_cols["path"].append(shown)
        doc_cols["link"].append(_doc_link(doc, shown) if doc else None)
        doc_cols["dct"].append(doc.dct if doc else None)

    # Mentions of each entity by document, once (not a scan of all mentions per event).
    wanted = {p.entity for ev in extraction.events for p in ev.participants}
    mentions: dict[str, dict[str, list]] = {}
    for eid in sorted(wanted):
        ent = ents.get(eid)
        for m in (ent.mentions if ent else ()):
            mentions.setdefault(m.doc, {}).setdefault(eid, []).append(m)

    # How active each entity is: the number of events it takes part in.
    activity: dict[str, int] = {}
    for ev in extraction.events:
        for eid in dict.fromkeys(p.entity for p in ev.participants):
            if eid in ents:
                activity[eid] = activity.get(eid, 0) + 1
    type_rank = {"ORG": 0, "PER": 1, "LOC": 2}
    ent_order = sorted(activity, key=lambda k: (type_rank.get(ents[k].type, 3), -activity[k], ents[k].name, k))
    ent_index = {k: i for i, k in enumerate(ent_order)}
    ent_cols: dict[str, list[Any]] = {
        "id": ent_order, "name": [ents[k].name for k in ent_order], "type": [ents[k].type for k in ent_order],
        "aliases": [list(ents[k].aliases) for k in ent_order], "n": [activity[k] for k in ent_order]}

    roles: list[str] = sorted({p.role for ev in extraction.events for p in ev.participants})
    role_index = {r: i for i, r in enumerate(roles)}
    cols: dict[str, list[Any]] = {k: [] for k in (
        "id", "doc", "kind", "title", "written", "value", "mod", "gran", "cls", "x0", "x1",
        "conf", "parts", "src", "marks", "span", "more")}
    first = last = None
    dated = 0
    places: dict[tuple, tuple[Placement, Any, Any]] = {}
    for ev in extraction.events:
        timex = timexes.get(ev.timex) if ev.timex else None
        when: Any = ev.date
        if when is None and timex is not None:
            when = {"value": timex.value, "mod": timex.mod}
        place, x0, x1 = _placed(when, places)
        cls = time_class(ev, place, timex.type if timex is not None else None)
        value = when.get("value") if isinstance(when, dict) else when
        gran = place.granularity
        if place.shape == "none":
            gran = (when.get("granularity") if isinstance(when, dict) else None) or "none"
        if x0 is not None:
            dated += 1
            first = x0 if first is None else min(first, x0)
            last = x1 if last is None else max(last, cast(float, x1))
        doc = docs.get(ev.doc)
        window = _source_window(ev, doc.text if doc else None)
        if window is None:
            src, marks = (ev.sentence or ev.title or ""), []
        else:
            src = cast(Document, doc).text[window[0]:window[1]]
            marks = _source_marks(ev, window, timex, mentions.get(ev.doc, {}))
        parts: list[int] = []
        for p in ev.participants:
            if p.entity in ent_index:
                parts += [ent_index[p.entity], role_index[p.role]]
        cols["id"].append(ev.id)
        cols["doc"].append(doc_index[ev.doc])
        cols["kind"].append(kind_index[ev.kind or OTHER_KIND])
        at = src.find(ev.title) if ev.title else -1
        cols["title"].append([at, at + len(ev.title)] if at >= 0 else ev.title)
        cols["written"].append(timex.text if timex is not None else "")
        cols["value"].append("" if value is None else str(value))
        cols["mod"].append((when.get("mod") if isinstance(when, dict) else None) or "")
        cols["gran"].append(GRANULARITIES.index(gran) if gran in GRANULARITIES else gran)
        cols["cls"].append(TIME_CLASSES.index(cls))
        cols["x0"].append(x0)
        cols["x1"].append(x1)
        cols["conf"].append(round(_confidence(ev) * 100))
        cols["parts"].append(parts)
        cols["src"].append(src)
        cols["marks"].append(marks)
        cols["span"].append([ev.start, ev.end])
        cols["more"].append(_extra_sources(ev, doc_index))

    n_orgs = sum(1 for e in extraction.entities if e.type == "ORG" and not e.attributes.get("chrome"))
    first_iso = _iso(EPOCH + timedelta(days=first))[:10] if first is not None else None
    last_day = None
    if last is not None and first is not None:
        last_day = _iso(EPOCH + timedelta(days=last - 1 if last - first >= 1 else last))[:10]
    stats: dict[str, Any] = {"documents": len(extraction.documents), "events": len(extraction.events),
                             "dated": dated, "organisations": n_orgs, "first": first_iso, "last": last_day}
    summary = (f"{_plural(stats['documents'], 'document')} · {_plural(stats['events'], 'event')}"
               f" ({dated} on the time axis) · {_plural(n_orgs, 'organisation')}")
    if first_iso is not None:
        summary += f" · {first_iso} – {last_day}"
    return {
        "version": 1,
        "title": title or page_title(extraction),
        "summary": summary,
        "stats": stats,
        "lane_mode": lanes,
        "detail_max": DETAIL_MAX,
        "gl_from": GL_FROM_EVENTS,
        "kinds": [{"name": k, "colour": kind_colour[k], "count": n} for k, n in kind_count.items()],
        "docs": doc_cols,
        "ents": ent_cols,
        "roles": roles,
        "marks": list(MARK_CLASSES),
        "classes": list(TIME_CLASSES),
        "grans": list(GRANULARITIES),
        "type_colours": TYPE_COLOURS,
        "type_labels": TYPE_LABELS,
        "ev": cols,
        "network": network_layout(extraction, graph, activity=activity),
        "dcts": sorted({cast(int, _days(d.dct)) for d in extraction.documents if d.dct and _days(d.dct) is not None}),
    }


def event_records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``ev`` columns of :func:`page_data` as one dict an event (names resolved): keys of
    ``ev`` plus ``kind`` and ``cls`` as names, ``document`` (the document id) and ``participants``
    (``[{"id", "name", "role"}]``).  For tests and for embedding the page data elsewhere."""
    cols = data["ev"]
    ents, docs = data["ents"], data["docs"]
    out = []
    for i in range(len(cols["id"])):
        rec = {k: v[i] for k, v in cols.items()}
        rec["kind"] = data["kinds"][rec["kind"]]["name"]
        if isinstance(rec["title"], list):
            rec["title"] = rec["src"][rec["title"][0]:rec["title"][1]]
        if isinstance(rec["gran"], int):
            rec["gran"] = data["grans"][rec["gran"]]
        rec["cls"] = data["classes"][rec["cls"]]
        rec["document"] = docs["id"][rec["doc"]]
        p = rec["parts"]
        rec["participants"] = [{"id": ents["id"][p[j]], "name": ents["name"][p[j]], "role": data["roles"][p[j + 1]]}
                               for j in range(0, len(p), 2)]
        out.append(rec)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def page_title(extraction: Extraction) -> str:
    """The page's title: the headline of a single document; for several, a summary
    (``8 articles · 2011–2024 · 中联重科, 中铝公司 …``: count, the years of their document dates,
    the organisations in most events); ``Timeline`` without documents."""
    documents = extraction.documents
    if not documents:
        return "Timeline"
    if len(documents) == 1:
        return _doc_label(documents[0]) or "Timeline"
    parts = [f"{len(documents)} articles"]
    years = sorted(d.dct[:4] for d in documents if d.dct)
    if years:
        parts.append(years[0] if years[0] == years[-1] else f"{years[0]}–{years[-1]}")
    ents = extraction.entity_by_id()
    count: dict[str, int] = {}
    for ev in extraction.events:
        for eid in dict.fromkeys(p.entity for p in ev.participants):
            if eid in ents and ents[eid].type == "ORG" and not ents[eid].attributes.get("chrome"):
                count[eid] = count.get(eid, 0) + 1
    top = sorted(count, key=lambda k: (-count[k], ents[k].name))[:3]
    if top:
        parts.append("、".join(ents[k].name for k in top) + (" …" if len(count) > 3 else ""))
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------------------------

NETWORK_SKIP_NODE_TYPES = frozenset({"document"})
"""Graph node ``type`` values left out of the network view (``timeline.graph``'s document nodes
would join every node to one hub)."""

NETWORK_SKIP_EDGE_TYPES = frozenset({"next", "mentioned_in"})
"""Graph edge ``type`` values left out: the time-order chain and links to documents are not
relations between actors and events."""


def _esc(text: str) -> str:
    """Text for Plotly's pseudo-HTML hovers: ``&``, ``<``, ``>`` escaped (a name holding
    ``<a href>`` stays text); ``"`` and ``'`` kept, since Plotly shows ``&quot;`` as written."""
    return html.escape(text, quote=False)


def network_layout(extraction: Extraction, graph=None, *,  # noqa: C901 - one pass over nodes, a branch per kind
                   activity: dict[str, int] | None = None) -> dict[str, Any]:
    """Nodes and edges of the network view with a deterministic layout.

    Small networks (at most :data:`NETWORK_FULL_MAX` nodes) are drawn whole: without ``graph``,
    events and the entities taking part in them, an edge per participation; with ``graph`` (any
    networkx graph; ``timeline.graph.build_graph``'s MultiDiGraph) its nodes and edges, less the
    node types in :data:`NETWORK_SKIP_NODE_TYPES` and the edge types in
    :data:`NETWORK_SKIP_EDGE_TYPES`.  A graph node stands for an extraction entity or event when
    its ``entity``/``event`` attribute (or its own id) is that id; it is then drawn with that id,
    name and type, so that clicks link to the other views.  Nodes left without an edge are not
    drawn.  A larger network is **aggregated**: the :data:`NETWORK_TOP` entities in most events,
    an edge between two of them weighted by the events they share (the rest of the network is
    drawn on demand by the page, around a selected actor); ``aggregated`` says which.  The
    layout is ``spring_layout`` of each connected component (fixed seed, so at most a few hundred
    nodes: the cost does not grow with the corpus), packed in [-1, 1]²; node size grows with the
    square root of the degree.

    Returns ``{"nodes": [{"id", "label", "type", "colour", "size", "degree", "x", "y", "hover",
    "labelled"}], "edges": [[i, j], ...], "weights": [w, ...], "aggregated": bool}`` (``i``,
    ``j`` index ``nodes``; ``labelled``: a candidate for a written name, see :data:`NETWORK_LABELS`).
    """
    import networkx as nx

    ents = extraction.entity_by_id()
    events = {e.id: e for e in extraction.events}
    if activity is None:
        activity = {}
        for ev in extraction.events:
            for eid in dict.fromkeys(p.entity for p in ev.participants):
                if eid in ents:
                    activity[eid] = activity.get(eid, 0) + 1
    g: nx.Graph[Any] = nx.Graph()
    attrs: dict[Any, dict[str, Any]] = {}
    weight: dict[tuple[str, str], int] = {}
    full_size = len(activity) + sum(1 for ev in extraction.events if ev.participants)
    aggregated = full_size > NETWORK_FULL_MAX
    if aggregated:
        top = set(sorted(activity, key=lambda k: (-activity[k], k))[:NETWORK_TOP])
        for ev in extraction.events:
            members = sorted({p.entity for p in ev.participants if p.entity in top})
            for i, one in enumerate(members):
                for other in members[i + 1:]:
                    weight[(one, other)] = weight.get((one, other), 0) + 1
        g.add_nodes_from(sorted(top))
        g.add_edges_from(sorted(weight))
    elif graph is None:
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
    if not aggregated:
        g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    order = sorted(g.nodes, key=lambda n: (str(type(n)), str(n)))
    h: nx.Graph[Any] = nx.Graph()
    h.add_nodes_from(order)
    h.add_edges_from(sorted(g.edges, key=lambda uv: (str(uv[0]), str(uv[1]))))
    if len(order) == 0:
        return {"nodes": [], "edges": [], "weights": [], "aggregated": aggregated}
    pos = _packed_layout(h)
    index = {n: i for i, n in enumerate(order)}
    nodes = []
    for n in order:
        a = attrs.get(n, {})
        if n in ents:
            ent = ents[n]
            typ, label = ent.type, ent.name
            hover = f"<b>{_esc(ent.name)}</b><br>{_esc(TYPE_LABELS.get(typ, typ))}"
            if ent.aliases:
                hover += "<br>also: " + _esc(_short("、".join(ent.aliases), 60))
            if aggregated:
                hover += f"<br>{_plural(activity.get(n, 0), 'event')}"
        elif n in events:
            ev = events[n]
            typ, label = "EVENT", ev.title
            value = (ev.date or {}).get("value") if isinstance(ev.date, dict) else ev.date
            hover = f"<b>{_esc(_short(ev.title, 60))}</b><br>{_esc(str(value or 'undated'))}"
        else:
            typ = str(a.get("entity_type") or a.get("type") or "OTHER").upper()
            label = str(a.get("label") or a.get("name") or n)
            hover = f"<b>{_esc(label)}</b><br>{_esc(typ.lower())}"
        deg = h.degree(n)
        x, y = pos[n]
        nodes.append({
            "id": str(n), "label": label, "type": typ,
            "colour": TYPE_COLOURS.get(typ, OTHER_KIND_COLOUR),
            "size": round(8 + 5 * math.sqrt(deg if not aggregated else activity.get(n, 0)), 2), "degree": deg,
            "x": round(float(x), 4), "y": round(float(y), 4),
            "hover": hover + f"<br>degree {deg}",
        })
    # Candidates for a written name: the best connected entities (the page keeps those that fit).
    named = sorted((nd for nd in nodes if nd["type"] != "EVENT"),
                   key=lambda nd: (-(activity.get(nd["id"], 0) if aggregated else nd["degree"]), nd["label"]))
    for i, nd in enumerate(named):
        nd["labelled"] = i < NETWORK_LABELS
    for nd in nodes:
        nd.setdefault("labelled", False)
    edges = [[index[u], index[v]] for u, v in h.edges]
    weights = [weight.get((u, v), weight.get((v, u), 1)) for u, v in h.edges]
    return {"nodes": nodes, "edges": edges, "weights": weights, "aggregated": aggregated}


def _packed_layout(h) -> dict[Any, tuple[float, float]]:
    """Positions in [-1, 1]²: each connected component laid out on its own
    (``spring_layout``, fixed seed) in a box whose side grows with the square root of its size,
    the boxes placed largest first in rows (shelf packing) so that small components do not
    crowd at the edge of one big spring layout; then each axis is stretched to [-1, 1].
    Callers keep ``h`` to a few hundred nodes (:data:`NETWORK_FULL_MAX`, :data:`NETWORK_TOP`)."""
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
            # A graph built in ``comp`` order: ``h.subgraph`` iterates a set of the nodes, whose
            # order follows PYTHONHASHSEED, and spring_layout's result follows node order.
            members = set(comp)
            sub: nx.Graph = nx.Graph()
            sub.add_nodes_from(comp)
            sub.add_edges_from(sorted(((u, v) for u, v in h.edges(comp) if v in members),
                                      key=lambda uv: (str(uv[0]), str(uv[1]))))
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


PLOTLY_GL = TEMPLATES / "plotly-gl.min.js"
"""plotly.js 4.1.1 with the scatter, bar and WebGL ``scattergl`` traces (1.5 MB; built by
``scripts/build_plotly_gl.sh`` with plotly.js's own esbuild settings), inlined in a page with more
than :data:`GL_FROM_EVENTS` events on the time axis."""

PLOTLY_BASIC = TEMPLATES / "plotly-basic.min.js"
"""plotly.js *basic* bundle (scatter, bar, pie: all this page draws), MIT licence beside it,
from the npm package ``plotly.js-basic-dist-min`` 4.1.1 (``npm pack plotly.js-basic-dist-min@4.1.1``),
the plotly.js version plotly 7.1 ships.  1.2 MB instead of 4.8 MB, and Chromium is ready in
about 0.7 s instead of 1.6-2.1 s, nearly all of which is evaluating plotly.js.  When the file
is absent the full bundle of the ``plotly`` package is inlined instead."""


def plotly_cdn_url(gl: bool = False) -> str:
    """The CDN address of the same plotly.js the page would inline: the basic bundle's
    (``https://cdn.plot.ly/plotly-basic-4.1.1.min.js``, version read from its header) or, for a
    page that needs WebGL (``gl``) or without the basic bundle, the ``plotly`` package's full
    bundle.  Address scheme: plotly.js ``dist/README.md``."""
    if PLOTLY_BASIC.exists() and not gl:
        with PLOTLY_BASIC.open(encoding="utf-8") as fh:
            m = re.search(r"\(basic - minified\) v(\d+\.\d+\.\d+\S*)", fh.read(400))
        if m:
            return f"https://cdn.plot.ly/plotly-basic-{m.group(1)}.min.js"
    from plotly.offline import get_plotlyjs_version

    return f"https://cdn.plot.ly/plotly-{get_plotlyjs_version()}.min.js"


def _plotly_script(cdn: bool, gl: bool = False) -> str:
    """The ``<script>`` element that loads plotly.js: from :func:`plotly_cdn_url`, or inline
    (:data:`PLOTLY_GL` when ``gl``, else :data:`PLOTLY_BASIC`; else the ``plotly`` package's full
    bundle)."""
    if cdn:
        return f'<script src="{plotly_cdn_url(gl)}" charset="utf-8"></script>'
    if gl and PLOTLY_GL.exists():
        js = PLOTLY_GL.read_text(encoding="utf-8")
    elif PLOTLY_BASIC.exists():
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


def render_html(extraction: Extraction, graph=None, *, cdn: bool = False, lanes: str = "organisation",
                title: str | None = None, base: str | os.PathLike | None = None) -> str:
    """The interactive page of an extraction as one HTML string (UTF-8 text, ``<!DOCTYPE html>``).

    ``graph``: optional networkx graph for the network view (else drawn from the events'
    participants); ``cdn``: load plotly.js from ``cdn.plot.ly`` instead of inlining it;
    ``lanes``: initial timeline lanes, one of :data:`LANE_MODES` (the page can switch);
    ``title``: the page's title (default :func:`page_title`); ``base``: the folder the page will
    be written to, so that documents are named and linked relative to it (without it, a relative
    path is shown as given and an absolute one by its file name).
    The page's script exposes ``window.timelineSelectEntity(id)``, ``timelineShowEvent(id)``,
    ``timelineSearch(text)``, ``timelineSetFilters(obj)``, ``timelineReset()``,
    ``timelineExport(format)`` and ``timelineState()`` (for tests and embedding).
    Raises ``ValueError`` for an unknown ``lanes``, ``RuntimeError`` when the templates are missing.
    """
    data = page_data(extraction, graph, lanes=lanes, title=title, base=base)
    gl = data["stats"]["dated"] > GL_FROM_EVENTS
    data["webgl"] = gl          # the plotly.js inlined (or loaded) has the scattergl trace
    text = _json_for_script(data)
    encoding = ""
    if len(text) > COMPRESS_FROM_CHARS:
        import base64
        import gzip

        text = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")
        encoding = ' data-encoding="gzip"'
    return _fill(_template("page.html"), {
        "LANG": html.escape(_page_language(extraction), quote=True),
        "TITLE": html.escape(data["title"]),
        "SUMMARY": html.escape(data["summary"]),
        "CSS": _template("page.css"),
        "PLOTLY": _plotly_script(cdn, gl),
        "DATA": text,
        "DATA_ENCODING": encoding,
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
