"""Absolute dates in languages without rule tables, read with dateparser.

Only what dateparser parses right is kept (its ``search_dates`` also returns bare numbers, clock
times and relative words resolved against the wall clock): a match must contain a four-digit
year; leading words that do not change the parsed date are trimmed from the span (``Le 5 mars
2013`` -> ``5 mars 2013``); the value's granularity is dateparser's ``period`` (year, month, day)
plus the clock time when one is written. Never used for Chinese (``2014年`` is not "2014 years
ago"): languages with tables under ``timeline/resources/<lang>/temporal`` use the rule engine.
"""
from __future__ import annotations

import re
from datetime import datetime

from ..model import Timex
from ..resources import ResourceError

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")


def tag_with_dateparser(text: str, *, dct: str | None, lang: str, doc_id: str) -> list[Timex]:
    """DATE/TIME ``Timex`` objects (ids ``t1…``, rule ``<lang>:dateparser``) for the absolute
    dates dateparser finds in ``text``. Raises ``ResourceError`` when dateparser does not
    support ``lang`` either."""
    from dateparser.date import DateDataParser  # heavy: imported only when needed
    from dateparser.search import search_dates

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if dct:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(dct[:10])
    try:
        found = search_dates(text, languages=[lang], settings=settings) or []
        parser = DateDataParser(languages=[lang], settings=settings)
    except ValueError as exc:
        raise ResourceError(f"no temporal tables for language {lang!r} and dateparser: {exc}") from None
    out: list[Timex] = []
    pos = 0
    for s, when in found:
        i = text.find(s, pos)
        if i < 0:
            continue
        pos = i + len(s)
        if not _YEAR.search(s):
            continue
        words = s.split(" ")
        while len(words) > 1:
            rest = parser.get_date_data(" ".join(words[1:]))
            if rest.date_obj is None or rest.date_obj.date() != when.date():
                break
            words = words[1:]
        span = " ".join(words)
        start = i + len(s) - len(span)
        period = parser.get_date_data(span).period or "day"
        if period == "year":
            value = f"{when.year:04d}"
        elif period == "month":
            value = f"{when.year:04d}-{when.month:02d}"
        else:
            value = when.date().isoformat()
        typ = "DATE"
        if _CLOCK.search(span) and period not in ("year", "month"):
            value += f"T{when.hour:02d}:{when.minute:02d}"
            typ = "TIME"
        out.append(Timex(f"t{len(out) + 1}", doc_id, text[start:start + len(span)], start,
                         start + len(span), typ, value, rule=f"{lang}:dateparser"))
    return out
