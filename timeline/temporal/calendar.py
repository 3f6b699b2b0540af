"""Calendar arithmetic on TIMEX3 values: the interval an event date spans, the interval of a
duration reaching the present, and the pairing of two dates written as a range.

``event_date`` (the ``Event.date`` of an event dated by a time expression), ``duration_interval``
(``近三年来`` = ``P3Y`` back from the DCT), ``minus_months`` (calendar months back, the day kept
within the month), ``pair_ranges`` (``2019年8月至2020年10月``: begin point -> end point).
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Sequence
from typing import Any

from ..model import Timex
from .intervals import interval

__all__ = ["duration_interval", "event_date", "minus_months", "pair_ranges"]

_DURATION = re.compile(r"P(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?")


def minus_months(d: _dt.date, months: int) -> _dt.date:
    """``d`` moved ``months`` calendar months back, its day kept within the month it lands in
    (``2017-03-31`` minus one month is ``2017-02-28``). Raises ``ValueError`` when the result
    falls before year 1 or after year 9999 (``datetime.MINYEAR``, ``MAXYEAR``)."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    if not _dt.MINYEAR <= y <= _dt.MAXYEAR:
        raise ValueError(f"year {y} is out of range")
    last = 31 if m == 12 else (_dt.date(y, m + 1, 1) - _dt.timedelta(days=1)).day
    return _dt.date(y, m, min(d.day, last))


def duration_interval(value: str, dct: str | None) -> tuple[str | None, str | None]:
    """The half-open interval ``[DCT − value, DCT + 1 day)`` of an ISO 8601 duration that
    reaches the present (``近三年来`` = ``P3Y``): ``("2014-08-28", "2017-08-29")`` for ``P3Y`` and
    DCT ``2017-08-28``. ``(None, None)`` when the value has unknown parts (``PXY``), is not a
    duration of years, months, weeks and days, or there is no DCT. At the edges of the calendar
    the interval is cut to it: it starts no earlier than ``0001-01-01`` and, with a DCT of
    ``9999-12-31``, has no end (``None``): there is no day after it to end on."""
    m = _DURATION.fullmatch(value or "")
    if not dct or not m or not any(m.groupdict().values()):
        return None, None
    try:
        d = _dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None, None
    years = float(m.group("Y") or 0)
    months = round(years * 12) + int(m.group("M") or 0)
    back = _dt.timedelta(weeks=int(m.group("W") or 0), days=int(m.group("D") or 0))
    try:
        start = minus_months(d, months) - back
    except (ValueError, OverflowError):
        start = _dt.date.min           # the duration reaches back before the calendar starts
    end = None if d == _dt.date.max else (d + _dt.timedelta(days=1)).isoformat()
    return start.isoformat(), end


def event_date(timex: Timex, dct: str | None, finish: Timex | None = None) -> dict[str, Any]:
    """The ``Event.date`` of an event dated by ``timex``:
    ``{"value", "mod", "granularity", "start", "end"}``.

    DATE/TIME: ``interval(value, mod)``. DATE/TIME with ``finish`` (the second
    of two dates written as a range, ``2019年8月至2020年10月``) and DURATION with
    ``begin``/``finish`` (one range expression, TIMEX3 beginPoint/endPoint): ``value`` is the
    begin point (the event is dated by when it began), ``start``/``end`` run from the start of
    the begin point to the end of the end point, granularity ``interval``. Other DURATION:
    ``duration_interval(value, dct)``, granularity ``interval``. A value ``interval`` cannot
    place gives ``start``/``end`` ``None``.
    """
    def place(value: str | None, mod: str | None) -> tuple[str | None, str | None, str]:
        if not value:
            return None, None, "none"
        try:
            return interval(value, mod)
        except (ValueError, OverflowError):    # a day at the edge of the calendar has no end
            return None, None, "none"

    if finish is not None:
        start, end = place(timex.value, timex.mod)[0], place(finish.value, finish.mod)[1]
        return {"value": timex.value, "mod": timex.mod, "granularity": "interval" if start or end else "none",
                "start": start, "end": end}
    if timex.type == "DURATION":
        if timex.begin or timex.finish:
            start = place(timex.begin, None)[0]
            end = place(timex.finish, None)[1]
            if timex.begin:
                return {"value": timex.begin, "mod": None, "granularity": "interval" if start or end else "none",
                        "start": start, "end": end}
        else:
            start, end = duration_interval(timex.value, dct)
        granularity = "interval" if start or end else "none"
    else:
        start, end, granularity = place(timex.value, timex.mod)
    return {"value": timex.value, "mod": timex.mod, "granularity": granularity, "start": start, "end": end}


def pair_ranges(text: str, timexes: Sequence[Timex], connectors: Collection[str]) -> dict[str, Timex]:
    """Two dates written as a range (``2019年8月至2020年10月``, ``May 2019 to June 2020``): the id of
    each begin point -> the end point. ``timexes`` in text order; two DATE or TIME expressions
    next to each other whose gap, white space trimmed, is one of ``connectors`` are paired, and
    an end point begins no other range."""
    out: dict[str, Timex] = {}
    ends: set[str] = set()
    for a, b in zip(timexes, timexes[1:], strict=False):
        if a.type in ("DATE", "TIME") and b.type in ("DATE", "TIME") and a.id not in ends \
                and text[a.end:b.start].strip() in connectors:
            out[a.id] = b
            ends.add(b.id)
    return out
