"""Temporal tagging: time expressions found and normalised to TIMEX3, anchored on the DCT.

Public API::

    tag(text, *, dct, lang, doc_id) -> list[Timex]
    interval(value, mod=None) -> (start_iso | None, end_iso | None, granularity)
    load_rules(lang) -> RuleSet          # validated rule tables (raises RuleError)

Design (HeidelTime, Strötgen & Gertz 2013): per-language rule tables in
``timeline/resources/<lang>/temporal/`` (see ``rules``), one language-neutral engine (``engine``)
that emits underspecified values, and an anchoring pass (``anchoring``) that resolves them on
the document creation time or on the previously mentioned date.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from ..model import Timex
from ..resources import path
from .anchoring import (
    lunar_to_gregorian,
    parse_anchor,
    parse_dct,
    resolve,
    resolve_same_period,
)
from .engine import find
from .intervals import interval
from .rules import RuleError, RuleSet, load_rules

__all__ = ["tag", "interval", "load_rules", "RuleError", "RuleSet"]


def _duration_between(begin: str, finish: str) -> str:
    """TIMEX3 value of a range from its end points.

    Calendar end points include the finish period: ``2014``..``2016`` -> ``P3Y``, ``1月``..``5月``
    -> ``P5M``, ``6月1日``..``6月30日`` -> ``P30D``, counted in the coarser unit of the two.
    Clock times are points: ``17:15``..``18:00`` -> ``PT45M``. ``PXY``/``PXD`` when unknown.
    """
    a, b = parse_anchor(begin), parse_anchor(finish)
    if a is None or b is None:
        return "PXY" if len(begin) == 4 else "PXD"
    t1, t2 = re.search(r"T(\d{2}):(\d{2})", begin), re.search(r"T(\d{2}):(\d{2})", finish)
    if t1 and t2:
        (d1, _), (d2, _) = a, b
        minutes = (d2 - d1).days * 1440 + (int(t2[1]) * 60 + int(t2[2])) - (int(t1[1]) * 60 + int(t1[2]))
        h, mi = divmod(minutes, 60)
        return "PT" + (f"{h}H" if h else "") + (f"{mi}M" if mi or not h else "")
    start, end = interval(begin)[0], interval(finish)[1]
    if not start or not end:
        return "PXD"
    d1, d2 = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    if len(begin) == 4 and len(finish) == 4:
        return f"P{d2.year - d1.year}Y"
    if min(a[1], b[1]) <= 2 and d1.day == 1 and d2.day == 1:
        return f"P{(d2.year - d1.year) * 12 + d2.month - d1.month}M"
    return f"P{(d2 - d1).days}D"


def _after(begin: str | None, finish: str | None, under: str | None) -> str | None:
    """A range end completed from context that falls before its start moves one year on
    (``8月至2月``: February of the next year)."""
    a, b = parse_anchor(begin), parse_anchor(finish)
    if a and b and b[0] < a[0] and under and under.startswith("UNDEF-year-") and finish[:4].isdigit():
        return f"{int(finish[:4]) + 1:04d}" + finish[4:]
    return finish


def tag(text: str, *, dct: str | None, lang: str, doc_id: str) -> list[Timex]:
    """Find and normalise the time expressions of ``text``.

    ``dct``: document creation time ``YYYY-MM-DD`` (or ``None``: relative values then keep
    ``X`` placeholders such as ``XXXX-04``, anchor ``none``); ``lang``: a resource folder
    (``zh``, ``en``); ``doc_id`` is copied into each ``Timex.doc``.
    Returns ``Timex`` objects in text order with ids ``t1…``, non-overlapping half-open
    code-point spans (``text[start:end] == timex.text``), TIMEX3 ``type``/``value``/``mod``, the
    rule id, the underspecified value the rule emitted and how it was anchored.
    A language without rule tables gets the absolute dates dateparser reads right
    (``fallback.tag_with_dateparser``).
    Raises ``ValueError`` for a malformed ``dct``, ``RuleError`` when the tables are invalid and
    ``ResourceError`` when neither tables nor dateparser know the language.
    """
    if not path(lang, "temporal").is_dir():
        parse_dct(dct)
        from .fallback import tag_with_dateparser

        return tag_with_dateparser(text, dct=dct, lang=lang, doc_id=doc_id)
    rs = load_rules(lang)
    d = parse_dct(dct)
    previous = None          # (first day, precision) of the last date mentioned
    previous_end = -1        # where it ended, to know whether it is in the same sentence
    history: list[tuple] = []  # every date mentioned so far, oldest first (for REF- values)
    last_value = None          # the value of the last date mentioned (for 同期, the same period)
    out: list[Timex] = []

    ends = [m.start() for m in rs.sentence_end_re.finditer(text)] if rs.sentence_end_re else []

    def local(start: int):
        """The previous date if it is in the same sentence as ``start``."""
        if previous is None:
            return None
        i = bisect_left(ends, previous_end)
        return previous if i == len(ends) or ends[i] >= start else None

    for c in find(text, rs):
        if c.begin is not None or c.finish is not None:
            begin, a1 = resolve(c.begin, d, history, local(c.start)) if c.begin else (None, "none")
            pa = parse_anchor(begin) or local(c.start)
            finish, a2 = resolve(c.finish, d, pa, pa) if c.finish else (None, "none")
            finish = _after(begin, finish, c.finish)
            value = c.value or _duration_between(begin or "", finish or "")
            anchor = a1 if a1 != "none" else a2
            under = f"{c.begin}/{c.finish}" if "UNDEF" in (c.begin or "") + (c.finish or "") else None
            t = Timex("", doc_id, text[c.start:c.end], c.start, c.end, c.type, value, c.mod,
                      c.rule.id, under, anchor, begin=begin, finish=finish)
            if parse_anchor(finish):
                previous, previous_end = parse_anchor(finish), c.end
                history.append(previous)
                last_value = finish
        else:
            same = resolve_same_period(c.value, last_value, d)
            value, anchor = same or resolve(c.value, d, history, local(c.start))
            value = lunar_to_gregorian(value)
            under = c.value if c.value.startswith("UNDEF") else None
            t = Timex("", doc_id, text[c.start:c.end], c.start, c.end, c.type, value, c.mod,
                      c.rule.id, under, anchor)
            if c.type == "SET":
                t.quant = c.rule.quant
                t.freq = c.rule.freq
            if c.type in ("DATE", "TIME"):
                p = parse_anchor(value)
                if p is not None:
                    previous, previous_end = p, c.end
                    history.append(p)
                    last_value = value
        out.append(t)
    for i, t in enumerate(out, 1):
        t.id = f"t{i}"
    return out
