"""Resolving underspecified TIMEX3 values (HeidelTime's notation) against the document creation
time (DCT) or the previously mentioned date.

Grammar of an underspecified value (everything after it, ``rest``, is appended unchanged)::

    UNDEF-[REF-]this-<gran><rest>                the <gran> containing the anchor  (今年 -> 2017)
    UNDEF-[REF-]<gran>-<PLUS|MINUS>-<n><rest>    n <gran>s after/before it        (去年 -> 2016)
    UNDEF-<gran><rest>                           a partial date completed from context

``<gran>`` is ``year``, ``half``, ``quarter``, ``month``, ``week`` or ``day``. Without ``REF-`` the
anchor is the DCT; with it the previously mentioned date (``同年``, ``次年``; falls back on the
DCT when nothing came before). A partial date (``UNDEF-year-04`` for ``4月``, ``UNDEF-month-13``
for ``13日``, ``UNDEF-dayT09:00`` for ``上午九点``) takes the missing parts from the previous date
when that date is precise enough, else from the DCT. A week with a weekday rest (``-3``) resolves
to that day's date; ``-WE`` keeps the weekend (``2017-W14-WE``). A day the anchor's month does
not have is never emitted: ``29日`` in February 2018 keeps ``XXXX-XX-29`` (anchor ``none``).

Without a DCT and without a usable previous date the value keeps ``X`` placeholders of its
granularity (``XXXX-04``) and the anchor is ``none``.

``UNDEF-REF-same-year-<PLUS|MINUS>-<n>`` (同期, "the same period" of another year) shifts the
year of the previous date's value and keeps its granularity (``resolve_same_period``).

``UNDEF-[REF-]nearest-year<rest>`` (新的一年, "the new year") is the year whose 1 January is
nearest the anchor: seen from December the next year, from January the year just begun.

``UNDEF-<direction>-<year|week><rest>`` is the occurrence of a recurring period (``rest``: a month
``-11``, a month-day ``-11-25``, a season ``-FA``, a quarter ``-Q3`` of some year; a weekday ``-5``
of some week, a time may follow) nearest the DCT in a direction (``resolve_directed``): ``past``
the latest that has begun by the DCT (the one holding it included: "November", said in a past
sentence), ``future`` the earliest not yet over, ``last`` the latest over before the DCT ("last
November"), ``next`` the earliest beginning after it ("next January"), ``closest`` the one
nearest it in time (holding it, else the smallest gap; a tie goes to the past: "the third
quarter" said in November is the one just over). ``past``/``future``/``closest`` of a year first
take the year of a date mentioned before in the same sentence, as a partial date does.
The tagger turns ``UNDEF-tense-…`` into ``past`` or ``future`` by the tense of the sentence
(``context.yaml`` ``tense``; its default without a cue), and ``UNDEF-cued-…`` into ``future``
when a future cue marks the sentence ("will vote on September 15"), else ``closest``.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_UNDEF = re.compile(
    r"^UNDEF-(?P<ref>REF-)?(?:(?P<this>this)-(?P<g1>year|half|quarter|month|week|day)"
    r"|(?P<g2>year|half|quarter|month|week|day)(?:-(?P<dir>PLUS|MINUS)-(?P<n>\d+(?:\.\d+)?))?)(?P<rest>.*)$")
_NEAREST = re.compile(r"^UNDEF-(?P<ref>REF-)?nearest-year(?P<rest>.*)$")
_PLACEHOLDER = {"year": "XXXX", "half": "XXXX-HX", "quarter": "XXXX-QX", "month": "XXXX-XX",
                "week": "XXXX-WXX", "day": "XXXX-XX-XX"}
# how precise a known date must be to complete a partial one of each granularity
_NEEDS = {"year": 1, "half": 1, "quarter": 1, "month": 2, "week": 3, "day": 3}


def parse_anchor(value: str | None) -> tuple[date, int] | None:
    """A calendar value as (first day, precision): precision 1 = year, 2 = month, 3 = day.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD…``, ``YYYY-Www``, ``YYYY-Qn``, ``YYYY-Hn``;
    anything else (durations, ``PRESENT_REF``, ``XXXX-…``) gives ``None``.
    """
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4])|-H([12]))?(?![\d])", value)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            return date(y, int(m.group(2)), int(m.group(3))), 3
        if m.group(2):
            return date(y, int(m.group(2)), 1), 2
        if m.group(4):
            return date.fromisocalendar(y, int(m.group(4)), 1), 2
        if m.group(5):
            return date(y, 3 * int(m.group(5)) - 2, 1), 1
        if m.group(6):
            return date(y, 6 * int(m.group(6)) - 5, 1), 1
    except ValueError:
        return None
    return date(y, 1, 1), 1


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _shift(d: date, gran: str, n: int) -> date:
    if gran == "year":
        return date(d.year + n, 1, 1)
    if gran == "half":
        return _add_months(date(d.year, 1 if d.month <= 6 else 7, 1), 6 * n)
    if gran == "quarter":
        return _add_months(date(d.year, 3 * ((d.month - 1) // 3) + 1, 1), 3 * n)
    if gran == "month":
        return _add_months(d, n)
    if gran == "week":
        return d + timedelta(weeks=n)
    return d + timedelta(days=n)


def _format(d: date, gran: str) -> str:
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return d.isoformat()


def _week_rest(d: date, rest: str) -> str | None:
    """``-3T09:00`` after a week -> the date of that weekday plus the rest."""
    m = re.match(r"^-([1-7])(.*)$", rest)
    if not m:
        return None
    monday = d - timedelta(days=d.weekday())
    return (monday + timedelta(days=int(m.group(1)) - 1)).isoformat() + m.group(2)


_DIRECTED = re.compile(r"^UNDEF-(?P<dir>past|future|last|next|closest)-(?P<g>year|week)(?P<rest>.*)$")
_WEEKDAY_REST = re.compile(r"^-([1-7])(?![\d])(.*)$")
_YEAR_REST = re.compile(
    r"^(-(?:\d{2}-n[1-5L]-[1-7]|E[+-]\d+|\d{2}(?:-\d{2})?|Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2}(?:-WE)?))(.*)$")
_FLOATING = re.compile(r"^(\d{4})-(?:(\d{2})-n([1-5L])-([1-7])|E([+-]\d+))")


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    wd = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * wd) // 433
    month = (h + wd - 7 * m + 90) // 25
    return date(year, month, (h + wd - 7 * m + 33 * month + 19) % 32)


def floating_date(value: str) -> str:
    """A holiday on a weekday rule or on Easter, once its year is known, as its date:
    ``1999-11-n4-4`` (the fourth Thursday of November: Thanksgiving) -> ``1999-11-25``,
    ``2013-05-nL-1`` (the last Monday of May) -> ``2013-05-27``, ``2013-E-2`` (Easter Sunday
    minus two days: Good Friday) -> ``2013-03-29``. Other values come back unchanged."""
    m = _FLOATING.match(value)
    if not m:
        return value
    year = int(m.group(1))
    try:
        if m.group(5):
            d = _easter(year) + timedelta(days=int(m.group(5)))
        else:
            month, nth, wd = int(m.group(2)), m.group(3), int(m.group(4))
            if nth == "L":
                last = _add_months(date(year, month, 1), 1) - timedelta(days=1)
                d = last - timedelta(days=(last.isoweekday() - wd) % 7)
            else:
                first = date(year, month, 1)
                d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (int(nth) - 1))
                if d.month != month:
                    return value[:4]
    except (ValueError, OverflowError):
        return value[:4]
    return d.isoformat() + value[m.end():]


def resolve_directed(value: str, dct: date | None, local: tuple[date, int] | None = None,
                     future_weight: float = 1.0) -> tuple[str, str] | None:
    """``UNDEF-<past|future|last|next|closest>-<year|week><rest>`` (module docstring) resolved on
    the DCT (or, for ``past``/``future``/``closest`` of a year, on the year of ``local``, a date
    earlier in the same sentence). ``future_weight`` multiplies the distance of a future
    occurrence for ``closest`` (2: an occurrence ahead must be twice as near as one behind, as
    news mostly reports the past). Returns ``(value, anchor)``, ``None`` when ``value`` is not of
    this form; without a DCT the ``X`` placeholders of the form (``XXXX-11``) with anchor ``none``."""
    m = _DIRECTED.match(value)
    if not m:
        return None
    direction, rest = m.group("dir"), m.group("rest")
    if m.group("g") == "week":
        return _directed_week(direction, rest, dct, future_weight)
    return _directed_year(direction, rest, dct, local, future_weight)


def _directed_week(direction: str, rest: str, dct: date | None, future_weight: float) -> tuple[str, str] | None:
    """A weekday (``-5``) or the weekend (``-WE``) of ``resolve_directed``."""
    if rest.startswith("-WE"):  # the weekend: its Saturday decides, the value is its week
        v, anchor = resolve_directed(f"UNDEF-{direction}-week-6", dct, None, future_weight) or ("", "none")
        if anchor == "none":
            return "XXXX-WXX-WE" + rest[3:], "none"
        y, wk, _ = date.fromisoformat(v[:10]).isocalendar()
        return f"{y:04d}-W{wk:02d}-WE" + rest[3:], anchor
    w = _WEEKDAY_REST.match(rest)
    if w is None:
        return None
    if dct is None:
        return "XXXX-WXX-" + w.group(1) + w.group(2), "none"
    delta = int(w.group(1)) - dct.isoweekday()          # -6 .. 6
    steps = {"past": delta if delta <= 0 else delta - 7, "last": delta if delta < 0 else delta - 7,
             "future": delta if delta >= 0 else delta + 7, "next": delta if delta > 0 else delta + 7,
             "closest": min((delta, delta - 7, delta + 7), key=lambda x: (abs(x), x > 0))}
    return (dct + timedelta(days=steps[direction])).isoformat() + w.group(2), "dct"


def _directed_year(direction: str, rest: str, dct: date | None, local: tuple[date, int] | None,
                   future_weight: float) -> tuple[str, str] | None:
    """A period of a year (``-11``, ``-SU``, ``-11-n4-4``) of ``resolve_directed``."""
    y = _YEAR_REST.match(rest)
    if y is None:
        return None
    period, tail = y.group(1), y.group(2)
    if direction in ("past", "future", "closest") and local is not None and not (
            direction == "future" and dct is not None and local[0].year < dct.year):
        # (a future sentence's month is not in a past year told beside it: "joined in July
        # 1997 and will join on March 12")
        return floating_date(f"{local[0].year:04d}{period}") + tail, "previous"
    if dct is None:
        return "XXXX" + period + tail, "none"
    from .intervals import interval

    spans = []
    for year in (dct.year - 2, dct.year - 1, dct.year, dct.year + 1, dct.year + 2):
        if not 0 < year < 10000:
            continue
        start, end, _ = interval(floating_date(f"{year:04d}{period}"))
        if start and end:
            spans.append((date.fromisoformat(start[:10]), date.fromisoformat(end[:10]), year))
    if direction == "closest":
        def gap(a: date, b: date) -> tuple[float, bool]:
            if a <= dct < b:
                return 0, False
            return ((a - dct).days * future_weight if a > dct else (dct - b).days + 1), a > dct
        year = min(spans, key=lambda x: gap(x[0], x[1]))[2]
        return floating_date(f"{year:04d}{period}") + tail, "dct"
    pick = {"past": lambda a, b: a <= dct, "future": lambda a, b: b > dct,
            "last": lambda a, b: b <= dct, "next": lambda a, b: a > dct}[direction]
    ok = [yr for a, b, yr in spans if pick(a, b)]
    if not ok:
        return "XXXX" + period + tail, "none"
    year = max(ok) if direction in ("past", "last") else min(ok)
    return floating_date(f"{year:04d}{period}") + tail, "dct"


def resolve(value: str, dct: date | None, previous, local: tuple[date, int] | None = None,
            future_weight: float = 1.0) -> tuple[str, str]:
    """See ``_resolve``. ``previous`` may also be a list of earlier dates (oldest first): a
    ``REF-`` value then uses the latest one precise enough for its granularity (``当天`` needs a
    day, ``当月`` a month, ``同年`` a year). A shift off the calendar (``两千年前`` before year 1)
    keeps the granularity's ``X`` placeholders with anchor ``none`` instead of raising.
    A shifted ``REF-`` value whose earlier dates are too coarse and the latest a year (``two
    weeks later`` after ``1998``) is counted from that year and kept at its precision (``1998``).
    ``future_weight``: see ``resolve_directed``."""
    directed = resolve_directed(value, dct, local, future_weight)
    if directed is not None:
        return directed
    if isinstance(previous, list):
        m = _UNDEF.match(value)
        need = _NEEDS[m.group("g1") or m.group("g2")] if m else 1
        earlier = previous
        previous = next((p for p in reversed(earlier) if p[1] >= need), None)
        if previous is None and earlier and earlier[-1][1] == 1 and m and m.group("ref") and m.group("dir"):
            # "two weeks later" after "in 1998": the shifted day, kept at the precision of the
            # date it is counted from (1998), rather than counted from the DCT
            coarse = earlier[-1]
            try:
                v, anchor = _resolve(value, dct, coarse, local)
            except (ValueError, OverflowError):
                v, anchor = "", "none"
            p = parse_anchor(v)
            if p is not None:
                return _format(p[0], "year"), anchor
    try:
        out, anchor = _resolve(value, dct, previous, local)
    except (ValueError, OverflowError):
        m = _UNDEF.match(value)
        assert m is not None  # _resolve raises only while shifting an UNDEF value
        gran = m.group("g1") or m.group("g2")
        return _PLACEHOLDER[gran] + m.group("rest"), "none"
    return _real_day(out, value, anchor)


_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?![\d])")


def _real_day(out: str, value: str, anchor: str) -> tuple[str, str]:
    """A resolved day the anchor's month does not have (``29日`` in February 2018) keeps what
    was written and X for the rest: ``XXXX-XX-29``, ``XXXX-02-29`` (anchor ``none``)."""
    m = _DAY_VALUE.match(out)
    if not m or out == value:
        return out, anchor
    y, mo, d = (int(g) for g in m.groups())
    if y and 1 <= mo <= 12 and d <= calendar.monthrange(y, mo)[1]:
        return out, anchor
    u = _UNDEF.match(value)
    month = m.group(2) if u and (u.group("g1") or u.group("g2")) in ("year", "half", "quarter") else "XX"
    return f"XXXX-{month}-{m.group(3)}" + out[m.end():], "none"


_MONTH_REST = re.compile(r"-(\d\d)(?![\dW])")
TURN_MONTHS = 10
"""A month written without its year that lies this many months or more after the DCT's month is
of the year before (1 or 2 months before the DCT)."""


def _year_at_turn(dct: date, rest: str) -> date:
    """The date whose year completes ``rest`` (``-12-31``, ``-11``: a month, a day, written
    without a year) on the DCT: the DCT, or a day of the year before when the month comes
    ``TURN_MONTHS`` or more after the DCT's month (``12月31日`` on a page of 2 January is the
    December just past, not the one eleven months ahead). Source: the genre's January reports
    of the year's last days."""
    m = _MONTH_REST.match(rest)
    if m is None or not 1 <= int(m.group(1)) <= 12 or int(m.group(1)) - dct.month < TURN_MONTHS:
        return dct
    return date(dct.year - 1, 1, 1)


def _resolve(value: str, dct: date | None, previous: tuple[date, int] | None,
             local: tuple[date, int] | None = None) -> tuple[str, str]:
    """Resolve one value; returns ``(value, anchor)`` with anchor in ``dct|previous|none``.

    ``previous`` is the last date mentioned before (for ``REF-``); ``local`` the date that
    completes partial dates (``4月``, ``13日``: the last one of the same sentence or the one
    ``timeline.temporal.tag`` chose from the narrative); both are
    ``(first day, precision)`` as given by ``parse_anchor``. Fully specified values come back
    unchanged with anchor ``none``.
    """
    near = _NEAREST.match(value)
    if near:
        if near.group("ref") and previous is not None:
            base, anchor = previous[0], "previous"
        elif dct is not None:
            base, anchor = dct, "dct"
        else:
            return "XXXX" + near.group("rest"), "none"
        year = base.year + (1 if base >= date(base.year, 7, 2) else 0)
        return f"{year:04d}" + near.group("rest"), anchor
    m = _UNDEF.match(value)
    if not m:
        return value, "none"
    gran = m.group("g1") or m.group("g2")
    rest = m.group("rest")
    if m.group("this") or m.group("dir") or m.group("ref"):
        if m.group("ref") and previous is not None:
            base, anchor = previous[0], "previous"
        elif dct is not None:
            base, anchor = dct, "dct"
        else:
            return _PLACEHOLDER[gran] + rest, "none"
        n: int | float = 0
        if m.group("dir"):
            n = float(m.group("n"))
            n = int(n) if n.is_integer() else n
            n = -n if m.group("dir") == "MINUS" else n
        if isinstance(n, float):  # half a year / month ago: shift in the next smaller unit
            sub = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("day", 1)}
            g, k = sub.get(gran, (gran, 1))
            d = _shift(base, g, int(round(n * k)))
        else:
            d = _shift(base, gran, n)
    else:
        need = _NEEDS[gran]
        if local is not None and local[1] >= need:
            d, anchor = local[0], "previous"
        elif dct is not None:
            d, anchor = (_year_at_turn(dct, rest) if gran == "year" else dct), "dct"
        else:
            return _PLACEHOLDER[gran] + rest, "none"
    if gran == "week" and rest:
        wk = _week_rest(d, rest)
        if wk is not None:
            return wk, anchor
    return _format(d, gran) + rest, anchor


def undated_anchor(value: str, history: list[tuple[date, int]],
                   page_year: tuple[date, int] | None = None) -> tuple[date, int] | None:
    """In a text without a DCT, the date a partial value (``UNDEF-year-03-30`` for ``3月30日``,
    ``UNDEF-year-Q1``, ``UNDEF-month-13``; a year of ``past``/``future``/``closest``) takes its
    missing parts from: the latest date of ``history`` (dates mentioned so far as ``(first day,
    precision)``, oldest first) precise enough for its granularity, as ``同年`` reads the previous
    date (a headline ``…2022年签约仪式`` dates the ``3月30日`` of the body); with none before, a
    value missing only its year takes ``page_year`` (the page's latest written year:
    ``4月3日上午，2022年某县春季签约大会召开``). ``None`` for a value seen from
    the DCT (``今年4月``, ``昨天``, ``去年同期``) or when no such date is found."""
    d = _DIRECTED.match(value)
    if d is not None:
        need = 1 if d.group("g") == "year" and d.group("dir") in ("past", "future", "closest") else 0
    else:
        m = _UNDEF.match(value)
        need = 0 if m is None or m.group("this") or m.group("dir") or m.group("ref") else _NEEDS[m.group("g2")]
    if not need:
        return None
    before = next((p for p in reversed(history) if p[1] >= need), None)
    return before if before is not None or need != 1 else page_year


_SAME = re.compile(r"^UNDEF-REF-same-year-(?P<dir>PLUS|MINUS)-(?P<n>\d+)$")


def resolve_same_period(value: str, previous: str | None, dct: date | None) -> tuple[str, str] | None:
    """``UNDEF-REF-same-year-MINUS-1`` (去年同期, "the same period last year"): the previously
    mentioned date's value with its year shifted (``2019-Q1`` -> ``2018-Q1``, ``2019-06`` ->
    ``2018-06``; a clock time is dropped, a 29 February that does not exist keeps its month).
    Without a previous date, the DCT's year shifted (anchor ``dct``), else ``XXXX`` (``none``).
    Returns ``(value, anchor)``, or ``None`` when ``value`` is not of this form."""
    m = _SAME.match(value)
    if not m:
        return None
    n = int(m.group("n")) * (-1 if m.group("dir") == "MINUS" else 1)
    p = re.match(r"^(\d{4})((?:-[0-9A-Z]+)*)$", (previous or "").split("T", 1)[0])
    if p and parse_anchor(previous) is not None:
        rest = p.group(2)
        y = int(p.group(1)) + n
        d = re.fullmatch(r"-(\d{2})-(\d{2})", rest)
        if d:
            try:
                date(y, int(d.group(1)), int(d.group(2)))
            except ValueError:
                rest = "-" + d.group(1)
        return f"{y:04d}{rest}", "previous"
    if dct is not None:
        return f"{dct.year + n:04d}", "dct"
    return "XXXX", "none"


def parse_dct(dct: str | None) -> date | None:
    """The DCT as a ``date`` (``YYYY-MM-DD``, a time part ignored); raises ``ValueError``."""
    if not dct:
        return None
    return date.fromisoformat(str(dct)[:10])


_LUNAR = re.compile(r"^(\d{4})-L(\d{2})-(\d{2})(-1)?")
_LUNAR_MONTH = re.compile(r"^(\d{4}|XXXX)-L\d{2}(?![-\d])")


def lunar_to_gregorian(value: str, near: date | None = None) -> str:
    """``2017-L01-01`` (lunar month-day in a resolved year) -> ``2017-01-28``; ``-1`` after it
    is the day before (除夕). Uses the ``lunardate`` package (Chinese calendar tables);
    without it, or for a day the lunar year does not have, the value keeps its year only.
    A lunar month alone (``2017-L10``, 农历十月) keeps its year only: it straddles two
    Gregorian months. Without a year: ``XXXX-XX-XX`` / ``XXXX``. Other values come back
    unchanged. A lunar month-day is never read as a Gregorian one.

    ``near``: for a year taken from context rather than written (腊月二十三 in an article of
    10 January 2023), the lunar year is this year or the one before, whichever gives the date
    nearest ``near`` (lunar 2022-12-23 = 2023-01-14, not lunar 2023-12-23 = 2024-02-02)."""
    if "L" not in value:
        return value
    mm = _LUNAR_MONTH.match(value)
    if mm:
        return mm.group(1)
    m = _LUNAR.match(value)
    if not m:
        return re.sub(r"^XXXX-L\d{2}-\d{2}(-1)?", "XXXX-XX-XX", value)
    try:
        from lunardate import LunarDate
    except ImportError:
        return m.group(1)
    def convert(year: int) -> date | None:
        try:
            ld = LunarDate(year, int(m.group(2)), int(m.group(3)))
            d = (getattr(ld, "to_solar_date", None) or ld.toSolarDate)()
        except (ValueError, OverflowError, IndexError):
            return None
        return d - timedelta(days=1) if m.group(4) else d

    year = int(m.group(1))
    found = [d for d in (convert(year), convert(year - 1) if near else None) if d is not None]
    if not found:
        return m.group(1)
    d = min(found, key=lambda x: abs((x - near).days)) if near else found[0]
    return d.isoformat() + value[m.end():]
