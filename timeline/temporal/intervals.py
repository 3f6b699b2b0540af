"""The calendar interval a TIMEX3 value denotes (half-open, ISO 8601 dates).

Granularities: ``year``, ``half``, ``quarter``, ``month``, ``week``, ``day``, ``time``,
``interval`` (decades, centuries, seasons), ``none`` (durations, sets, ``PRESENT_REF``, values
with ``X`` placeholders). Seasons follow the meteorological convention (spring = March-May);
parts of the day follow Recognizers-Text (MO 08-12, AF 12-16, EV 16-20, NI 20-24).
``mod`` narrows or opens the interval: START/MID/END keep the first/middle/last third (the
上旬/中旬/下旬 convention for months), BEFORE/ON_OR_BEFORE open the start, AFTER/ON_OR_AFTER the end.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_SEASONS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 15)}
_DAYPARTS = {"MO": (8, 12), "MI": (11, 13), "AF": (12, 16), "EV": (16, 20), "NI": (20, 24), "DT": (8, 18)}
_NONE = (None, None, "none")


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _point(value: str):
    """(start, end, granularity) as date/datetime objects, or ``None``."""
    v = value.strip().upper()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::(\d{2})(?::(\d{2}))?)?", v)
    if m:
        y, mo, dd, h = (int(m.group(i)) for i in range(1, 5))
        day = datetime(y, mo, dd) + timedelta(hours=h)
        if m.group(6):
            start = day + timedelta(minutes=int(m.group(5)), seconds=int(m.group(6)))
            return start, start + timedelta(seconds=1), "time"
        if m.group(5):
            start = day + timedelta(minutes=int(m.group(5)))
            return start, start + timedelta(minutes=1), "time"
        return day, day + timedelta(hours=1), "time"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(MO|MI|AF|EV|NI|DT)", v)
    if m:
        day = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        a, b = _DAYPARTS[m.group(4)]
        return day + timedelta(hours=a), day + timedelta(hours=b), "time"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d, d + timedelta(days=1), "day"
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v)
    if m:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return monday + timedelta(days=5), monday + timedelta(days=7), "week"
        return monday, monday + timedelta(days=7), "week"
    m = re.fullmatch(r"(\d{4})-(\d{2})", v)
    if m:
        d = date(int(m.group(1)), int(m.group(2)), 1)
        return d, _add_months(d, 1), "month"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    if m:
        d = date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)
        return d, _add_months(d, 3), "quarter"
    m = re.fullmatch(r"(\d{4})-H([12])", v)
    if m:
        d = date(int(m.group(1)), 6 * int(m.group(2)) - 5, 1)
        return d, _add_months(d, 6), "half"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        a, b = _SEASONS[m.group(2)]
        d = date(int(m.group(1)), a, 1)
        return d, _add_months(d, b - a), "interval"
    m = re.fullmatch(r"(\d{4})", v)
    if m:
        y = int(m.group(1))
        return date(y, 1, 1), date(y + 1, 1, 1), "year"
    m = re.fullmatch(r"(\d{3})", v)
    if m:  # TIMEX3 decade: 199 = the 1990s
        y = int(m.group(1)) * 10
        return date(y, 1, 1), date(y + 10, 1, 1), "interval"
    m = re.fullmatch(r"(\d{2})", v)
    if m:  # TIMEX3 century: 18 = the 1800s
        y = int(m.group(1)) * 100
        return date(max(y, 1), 1, 1), date(y + 100, 1, 1), "interval"
    return None


def _iso(x) -> str:
    """ISO 8601 text of a date, or of a date-time to the minute (to the second when it has
    seconds); the year always four digits (``strftime("%Y")`` writes year 999 as ``999``)."""
    if isinstance(x, datetime):
        return x.isoformat(timespec="seconds" if x.second else "minutes")
    return x.isoformat()


def interval(value: str | None, mod: str | None = None) -> tuple[str | None, str | None, str]:
    """``(start, end, granularity)``: the half-open calendar interval of a TIMEX3 ``value``.

    ``2016-04`` -> ``("2016-04-01", "2016-05-01", "month")``; ``2014`` -> ``("2014-01-01",
    "2015-01-01", "year")``; ``2017-Q1``, ``2017-H1``, ``2017-W14``, days; ``2017-07-13T09:00`` ->
    ``("2017-07-13T09:00", "2017-07-13T09:01", "time")``; durations, sets, ``PRESENT_REF`` and
    values with ``X`` -> ``(None, None, "none")``. ``start``/``end`` are ISO 8601 (dates, or
    date-times for granularity ``time``). Invalid dates (``2019-02-29``) give ``none``.
    See the module docstring for ``mod``.
    """
    if not value:
        return _NONE
    try:
        p = _point(value)
    except ValueError:
        return _NONE
    if p is None:
        return _NONE
    start, end, gran = p
    mod = (mod or "").upper()
    if mod in ("START", "MID", "END") and gran in ("year", "half", "quarter", "month", "interval"):
        if isinstance(start, date) and not isinstance(start, datetime):
            total = (end - start).days
            if gran == "month":
                cuts = [start, start.replace(day=11), start.replace(day=21), end]
            else:
                months = (end.year - start.year) * 12 + end.month - start.month
                third = max(months // 3, 1)
                cuts = [start, _add_months(start, third), _add_months(start, 2 * third), end]
            if total > 0:
                i = {"START": 0, "MID": 1, "END": 2}[mod]
                start, end = cuts[i], cuts[i + 1]
    elif mod in ("BEFORE",):
        return None, _iso(start), gran
    elif mod in ("ON_OR_BEFORE",):
        return None, _iso(end), gran
    elif mod in ("AFTER",):
        return _iso(end), None, gran
    elif mod in ("ON_OR_AFTER",):
        return _iso(start), None, gran
    return _iso(start), _iso(end), gran
