"""Cross-document resolution: many per-document extractions become one, with unique ids.

``merge_extractions(parts)`` reads each part (one document, local ids ``t1``, ``o1``, ``e1``) once
and returns one ``Extraction`` (ids ``<doc>/t1``, ``<doc>/e1``, entities ``o1``, ``p1``, ``l1`` …).
The parts' objects are moved into the result, not copied: memory stays that of the result.
Every step is a hash look-up or a sort within one group; nothing compares documents pairwise, so
the cost is linear in the documents (n log n with the sorts).

Organisations (ORG):

* one entity per **canonical name** (the fullest name the entity stage resolved inside its own
  document: ``梁平区工商联`` for a ``区工商联`` of a document that names 梁平区);
* an entity whose canonical name is an **alias** of exactly one other canonical name of the
  corpus (``梁平区工商联`` is an alias of ``重庆市梁平区工商联`` in another document; ``恒拓集团`` of
  ``恒拓控股集团有限公司``) joins that name's entity; an alias two canonical names share joins
  nothing;
* a **relative name**, one the entity stage could not resolve to a place (``区工商联`` in a document
  that names no district: ``timeline.entities.relative_name``), is never merged across
  documents, by name or by alias: it stays an entity of its own document, with
  ``attributes["scope"]`` the document id.

People and places are one entity per type and canonical name, as before. An entity is page
chrome (``attributes["chrome"]``) only when it is chrome in every document; list attributes
(a person's ``titles``) are united, other attributes keep their first value.

Events: two events of different documents are one when their **trigger** and their
**parties** (the set of their organisations after the merge, roles aside; the set of their other
participants when they name no organisation; at least one) are equal and their **dates** agree:
the half-open intervals overlap (``2020-03`` and ``2020-03-04`` agree). Reports of a day
(granularity ``day`` or ``time``) at most ``NEAR_DAYS`` days apart are one event too, with the
disagreement flagged (``2020-03-04`` against ``2020-03-05``: a date resolved on another DCT, a
report's mistake). The merged event is the report whose date most reports give (then the most
precise, then the first in input order), at that report's place in the event list; it lists
the tellings of every report in ``sources`` (each naming its ``doc``), the earliest report (by DCT)
in ``first_reported`` and differing dates in ``date_disagreement`` (see ``model.Event``); its
``confidence`` is the highest of the reports'. An
event without a calendar date or without participants, and two events of the same document,
are never merged here (repeats inside a document are the event stage's).
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Entity, Event, Extraction, Participant

__all__ = ["merge_extractions", "NEAR_DAYS", "FINE_GRANULARITIES"]

NEAR_DAYS = 7
"""Reports of a day at most this many days apart are one event with a flagged disagreement."""
FINE_GRANULARITIES = frozenset({"day", "time"})
"""Granularities precise enough for ``NEAR_DAYS`` to apply."""
_PREFIX = {"ORG": "o", "PER": "p", "LOC": "l"}


def merge_extractions(parts: Iterable[Extraction]) -> Extraction:
    """One ``Extraction`` of the per-document ``parts`` (in input order; see the module
    docstring). With one part, that part itself (local ids kept). The parts are consumed:
    their objects become the result's."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    out = Extraction()
    for part in parts:
        (doc,) = part.documents
        out.documents.append(doc)
        for t in part.timexes:
            t.id = f"{doc.id}/{t.id}"
        out.timexes.extend(part.timexes)
        out.errors.extend(part.errors)
    entity_ids = _merge_entities(parts, out)
    out.events = _merge_events(parts, entity_ids, {e.id: e.type for e in out.entities})
    return out


# --------------------------------------------------------------------------- entities

class _OrgNames:
    """What the corpus says about organisation names: which are relative (per language), which
    canonical names exist, and which canonical names have each alias."""

    def __init__(self, parts: list[Extraction]) -> None:
        from ..entities import relative_name

        self._relative_name = relative_name
        self._relative: dict[str, dict[str, bool]] = {}     # language -> name -> relative
        self.owners: dict[str, set[str]] = {}         # alias -> the canonical ORG names that have it
        self.names: set[str] = set()
        for part in parts:
            lang = part.documents[0].language
            for e in part.entities:
                if e.type != "ORG" or self.relative(e.name, lang):
                    continue
                self.names.add(e.name)
                for a in e.aliases:
                    if a != e.name and not self.relative(a, lang):
                        self.owners.setdefault(a, set()).add(e.name)

    def relative(self, name: str, lang: str) -> bool:
        known = self._relative.get(lang)
        if known is None:
            known = self._relative[lang] = {}
        found = known.get(name)
        if found is None:
            found = known[name] = self._relative_name(name, lang)
        return found

    def target(self, name: str) -> str:
        """The canonical name ``name`` stands for: itself, or the one name it is an alias of
        (followed while there is exactly one)."""
        seen = {name}
        while len(self.owners.get(name, ())) == 1:
            (full,) = self.owners[name]
            if full in seen:
                break
            seen.add(full)
            name = full
        return name

    def key(self, e: Entity, doc_id: str, lang: str) -> tuple:
        """``(type, name)`` of the merged entity ``e`` belongs to; ``(type, name, doc)`` for a
        relative organisation name, which stays in its document."""
        if e.type != "ORG":
            return (e.type, e.name)
        if self.relative(e.name, lang):
            return (e.type, e.name, doc_id)
        return (e.type, self.target(e.name))


def _merge_entities(parts: list[Extraction], out: Extraction) -> list[dict[str, str]]:
    """Fill ``out.entities``; returns, per part, its local entity id -> merged id."""
    orgs = _OrgNames(parts)
    merged: dict[tuple, Entity] = {}
    known: dict[str, set[str]] = {}            # merged id -> its name and aliases (look-ups)
    counters: dict[str, int] = {}
    maps: list[dict[str, str]] = []
    for part in parts:
        doc = part.documents[0]
        local: dict[str, str] = {}
        for e in part.entities:
            key = orgs.key(e, doc.id, doc.language) if e.type == "ORG" else (e.type, e.name)
            m = merged.get(key)
            if m is None:
                p = _PREFIX.get(e.type, "x")
                counters[p] = counters.get(p, 0) + 1
                m = Entity(id=f"{p}{counters[p]}", type=e.type, name=key[1], attributes=dict(e.attributes))
                if len(key) > 2:
                    m.attributes["scope"] = doc.id
                merged[key] = m
                known[m.id] = {m.name}
                out.entities.append(m)
            else:
                _unite_attributes(m.attributes, e.attributes)
            names = known[m.id]
            if e.name not in names:
                names.add(e.name)
                m.aliases.append(e.name)
            for a in e.aliases:
                if a not in names:
                    names.add(a)
                    m.aliases.append(a)
            m.mentions.extend(e.mentions)
            local[e.id] = m.id
        maps.append(local)
    return maps


def _unite_attributes(into: dict[str, Any], other: dict[str, Any]) -> None:
    """``chrome`` stays only when both are chrome; lists are united; other values keep the first."""
    if into.get("chrome") and not other.get("chrome"):
        del into["chrome"]
    if not other:
        return
    for k, v in other.items():
        if k == "chrome":
            continue
        if k not in into:
            into[k] = v
        elif isinstance(into[k], list) and isinstance(v, list):
            into[k] = into[k] + [x for x in v if x not in into[k]]


# --------------------------------------------------------------------------- events

@dataclass
class _Report:
    order: int            # position in the event list of the input
    part: int             # input position of its document
    event: Event
    start: str            # date interval, ISO 8601, half-open
    end: str
    fine: bool


@dataclass
class _Cluster:
    reports: list[_Report] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    lo: str = ""
    hi: str = ""
    fine: bool = False

    def add(self, r: _Report, agrees: bool) -> None:
        if not self.reports:
            self.lo, self.hi = r.start, r.end
        elif agrees:
            self.lo, self.hi = max(self.lo, r.start), min(self.hi, r.end)
        self.reports.append(r)
        self.docs.add(r.event.doc)
        self.fine = self.fine or r.fine

    def fits(self, r: _Report) -> bool | None:
        """``True``: ``r``'s date agrees; ``False``: near enough to be the same event (a
        disagreement); ``None``: another event."""
        if r.start < self.hi and self.lo < r.end:
            return True
        if self.fine and r.fine and r.start >= self.hi and _days(self.hi, r.start) < NEAR_DAYS:
            return False    # self.hi is the day after: a gap of NEAR_DAYS - 1 is NEAR_DAYS days apart
        return None


def _days(a: str, b: str) -> int:
    """Days from ``a`` to ``b`` (ISO dates or date-times)."""
    return (_dt.date.fromisoformat(b[:10]) - _dt.date.fromisoformat(a[:10])).days


def _parties(ev: Event, known: set[str], kinds: dict[str, str]) -> frozenset[str]:
    """The participants two reports of an event must share: its organisations, or, when it
    names none, its other participants (people and places come and go between reports)."""
    who = [p.entity for p in ev.participants if p.entity in known]
    orgs = frozenset(e for e in who if kinds.get(e) == "ORG")
    return orgs or frozenset(who)


def _merge_events(parts: list[Extraction], entity_ids: list[dict[str, str]],
                  kinds: dict[str, str]) -> list[Event]:
    events: list[Event] = []
    groups: dict[tuple, list[_Report]] = {}
    for i, part in enumerate(parts):
        doc = part.documents[0]
        local = entity_ids[i]
        known = set(local.values())
        for ev in part.events:
            ev.id = f"{doc.id}/{ev.id}"
            ev.timex = f"{doc.id}/{ev.timex}" if ev.timex else None
            ev.sources = [dict(src, doc=doc.id, timex=f"{doc.id}/{src['timex']}" if src.get("timex") else None)
                          for src in ev.sources]
            ev.participants = [Participant(local.get(p.entity, p.entity), p.role) for p in ev.participants]
            date = ev.date or {}
            who = _parties(ev, known, kinds)
            if who and date.get("start") and date.get("end"):
                groups.setdefault((ev.trigger, who), []).append(_Report(
                    len(events), i, ev, date["start"], date["end"], date.get("granularity") in FINE_GRANULARITIES))
            events.append(ev)
    dropped: set[int] = set()
    for reports in groups.values():
        if len({r.event.doc for r in reports}) < 2:
            continue
        for cluster in _clusters(reports):
            if len(cluster.reports) > 1:
                kept = _combine(cluster, parts)
                dropped.update(r.order for r in cluster.reports if r is not kept)
    return [ev for k, ev in enumerate(events) if k not in dropped]


def _clusters(reports: list[_Report]) -> list[_Cluster]:
    """Reports of one trigger and participant set grouped into events by date (sorted once)."""
    reports.sort(key=lambda r: (r.start, r.end, r.order))
    out: list[_Cluster] = []
    current: _Cluster | None = None
    for r in reports:
        fit = current.fits(r) if current is not None else None
        if current is not None and fit is not None:
            if r.event.doc in current.docs:
                single = _Cluster()
                single.add(r, True)
                out.append(single)
            else:
                current.add(r, fit)
            continue
        current = _Cluster()
        current.add(r, True)
        out.append(current)
    return out


def _width(r: _Report) -> int:
    """Days the report's date spans (0 for a time of day): the smaller, the more precise."""
    return _days(r.start, r.end)


def _combine(cluster: _Cluster, parts: list[Extraction]) -> _Report:
    """Make the kept report's event the merged event; returns the kept report."""
    reports = sorted(cluster.reports, key=lambda r: r.order)
    counts: dict[Any, int] = {}
    for r in reports:
        value = (r.event.date or {}).get("value")
        counts[value] = counts.get(value, 0) + 1
    kept = min(reports, key=lambda r: (-counts[(r.event.date or {}).get("value")], _width(r), r.order))
    ev = kept.event
    dcts = {r.part: parts[r.part].documents[0].dct for r in reports}
    first = min(reports, key=lambda r: (dcts[r.part] is None, dcts[r.part] or "", r.order))
    ev.first_reported = {"doc": first.event.doc, "dct": dcts[first.part]}
    if max(r.start for r in reports) >= min(r.end for r in reports):
        values: dict[Any, list[str]] = {}
        for r in reports:
            values.setdefault((r.event.date or {}).get("value"), []).append(r.event.doc)
        ev.date_disagreement = [{"value": v, "docs": docs} for v, docs in
                                sorted(values.items(), key=lambda kv: -len(kv[1]))]
    ev.sources = _tellings(kept.event)
    seen = {(m.get("doc"), m.get("start"), m.get("end")) for m in ev.mentions}
    have = {p.entity for p in ev.participants}
    for r in reports:
        if r is kept:
            continue
        other = r.event
        ev.sources.extend(_tellings(other))
        for m in other.mentions:
            key = (m.get("doc"), m.get("start"), m.get("end"))
            if key not in seen:
                seen.add(key)
                ev.mentions.append(m)
        for p in other.participants:
            if p.entity not in have:
                have.add(p.entity)
                ev.participants.append(p)
        if other.confidence is not None and (ev.confidence is None or other.confidence > ev.confidence):
            ev.confidence = other.confidence
    return kept


def _tellings(ev: Event) -> list[dict[str, Any]]:
    """The event's dated tellings (``Event.sources``), its own span when it lists none."""
    return ev.sources or [{"start": ev.start, "end": ev.end, "timex": ev.timex, "doc": ev.doc}]
