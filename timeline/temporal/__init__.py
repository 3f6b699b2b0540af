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

from ..model import Timex
from .anchoring import parse_anchor, parse_dct, resolve
from .engine import find
from .intervals import interval
from .rules import RuleError, RuleSet, load_rules

__all__ = ["tag", "interval", "load_rules", "RuleError", "RuleSet"]


def _duration_between(begin: str, finish: str) -> str:
    """TIMEX3 value of a range from its end points: the difference of their starts in the
    coarser of their granularities (``2014``..``2016`` -> ``P2Y``), ``PXD``-style when unknown."""
    a, b = parse_anchor(begin), parse_anchor(finish)
    if a is None or b is None:
        return "PXY" if len(begin) == 4 else "PXD"
    (d1, p1), (d2, p2) = a, b
    if len(begin) == 4 and len(finish) == 4:
        return f"P{d2.year - d1.year}Y"
    if min(p1, p2) <= 2:
        return f"P{(d2.year - d1.year) * 12 + d2.month - d1.month}M"
    t1, t2 = re.search(r"T(\d{2}):(\d{2})", begin), re.search(r"T(\d{2}):(\d{2})", finish)
    if t1 and t2:
        minutes = (d2 - d1).days * 1440 + (int(t2[1]) * 60 + int(t2[2])) - (int(t1[1]) * 60 + int(t1[2]))
        h, mi = divmod(minutes, 60)
        return "PT" + (f"{h}H" if h else "") + (f"{mi}M" if mi or not h else "")
    return f"P{(d2 - d1).days}D"


_LUNAR = re.compile(r"^(\d{4})-L(\d{2})-(\d{2})(-1)?")


def lunar_to_gregorian(value: str) -> str:
    """``2017-L01-01`` (lunar month-day in a resolved year) -> ``2017-01-28``; ``-1`` after it
    is the day before (除夕). Uses the optional ``lunardate`` package (Chinese calendar tables);
    without it the value keeps its year only. Other values come back unchanged."""
    m = _LUNAR.match(value)
    if not m:
        return value
    try:
        from datetime import timedelta

        from lunardate import LunarDate
    except ImportError:
        return m.group(1)
    try:
        ld = LunarDate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        d = (getattr(ld, "to_solar_date", None) or ld.toSolarDate)()
    except (ValueError, OverflowError):
        return m.group(1)
    if m.group(4):
        d -= timedelta(days=1)
    return d.isoformat() + value[m.end():]


def tag(text: str, *, dct: str | None, lang: str, doc_id: str) -> list[Timex]:
    """Find and normalise the time expressions of ``text``.

    ``dct``: document creation time ``YYYY-MM-DD`` (or ``None``: relative values then keep
    ``X`` placeholders such as ``XXXX-04``, anchor ``none``); ``lang``: a resource folder
    (``zh``, ``en``); ``doc_id`` is copied into each ``Timex.doc``.
    Returns ``Timex`` objects in text order with ids ``t1…``, non-overlapping half-open
    code-point spans (``text[start:end] == timex.text``), TIMEX3 ``type``/``value``/``mod``, the
    rule id, the underspecified value the rule emitted and how it was anchored.
    Raises ``ValueError`` for a malformed ``dct`` and ``ResourceError``/``RuleError`` when the
    language has no (valid) tables.
    """
    rs = load_rules(lang)
    d = parse_dct(dct)
    previous = None          # (first day, precision) of the last date mentioned
    previous_end = -1        # where it ended, to know whether it is in the same sentence
    history: list[tuple] = []  # every date mentioned so far, oldest first (for REF- values)
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
            value = c.value or _duration_between(begin or "", finish or "")
            anchor = a1 if a1 != "none" else a2
            under = f"{c.begin}/{c.finish}" if "UNDEF" in (c.begin or "") + (c.finish or "") else None
            t = Timex("", doc_id, text[c.start:c.end], c.start, c.end, c.type, value, c.mod,
                      c.rule.id, under, anchor, begin=begin, finish=finish)
            if parse_anchor(finish):
                previous, previous_end = parse_anchor(finish), c.end
                history.append(previous)
        else:
            value, anchor = resolve(c.value, d, history, local(c.start))
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
        out.append(t)
    for i, t in enumerate(out, 1):
        t.id = f"t{i}"
    return out
