"""Dates as a page writes them: the DCT option checked (``validate_dct``), a date and clock time
read from a labelled date, a byline or a line holding only a date (``_dateline``), a front-matter
or metadata stamp (``_stamp``, ``_as_iso_date``). Formats, month names, clock times and weekdays
are the language's ``documents.yaml`` (``dct``).
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Any

from .tables import _Rules

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def validate_dct(value: str) -> str:
    """Check a DCT given by the user: an ISO 8601 calendar date ``YYYY-MM-DD`` (extended format).

    Returns the date in ASCII: full-width forms (``２０１７－０８－２８``, as a Chinese input method
    types them) are read through Unicode NFKC. Raises ``ValueError`` with a one-line message
    otherwise (``2017-8-28``, ``2017-02-30``, ``28/08/2017``, other scripts' digits are refused).
    """
    if isinstance(value, str):
        plain = unicodedata.normalize("NFKC", value).strip()
        m = _ISO_DATE.fullmatch(plain)
        if m:
            try:
                _dt.date(int(m[1]), int(m[2]), int(m[3]))
                return plain
            except ValueError:
                pass
    raise ValueError(f"invalid DCT {value!r}: expected an ISO 8601 date YYYY-MM-DD, e.g. 2017-08-28")


def _date_at(m: re.Match[str], s: str, r: _Rules) -> tuple[str, str, int] | None:
    """``(date, value, end)`` of a date match and the clock time right after it, if any; the year
    of a format counted in an era (``year_offset``: ROC ``110/09/16``) is made Gregorian."""
    year, offset = m["year"], r.year_offsets.get(m.re.pattern)
    if offset and year.isdigit():
        year = str(int(year) + offset)
    date = _date_from_groups(year, m["month"], m["day"], r.months)
    if date is None:
        return None
    end = m.end()
    if r.dct_time is not None:
        t = r.dct_time.match(s, end + len(s[end:]) - len(s[end:].lstrip()))
        if t:
            return date, date + _time_value(t, r), t.end()
    return date, date, end


def _time_value(t: re.Match[str], r: _Rules) -> str:
    hour = int(t["hour"])
    if t.groupdict().get("ampm") in r.dct_pm and hour < 12:
        hour += 12
    second = t.groupdict().get("second")
    return f"T{hour:02d}:{int(t['minute']):02d}" + (f":{int(second):02d}" if second else "")


def _skip(rx: re.Pattern[str], s: str, pos: int) -> int:
    """The position after ``rx`` (a pattern that may match nothing) at ``pos``."""
    m = rx.match(s, pos)
    return m.end() if m else pos


def _dateline(s: str, r: _Rules) -> tuple[str, str] | None:
    """``(date, value)`` when the trimmed line ``s`` holds only a date, optionally a clock time
    and a weekday, wrapped in brackets or bars, maybe after an address or a column name
    (``dct.dateline_before``) and before a source's name (``dct.dateline_after``); else ``None``."""
    wrap = r.dct_wrap
    lead = _skip(wrap, s, 0)
    if r.dct_before is not None and (b := r.dct_before.match(s, lead)):
        lead = _skip(wrap, s, b.end())
    for rx in r.dct_bare:
        m = rx.match(s, lead)
        if not m:
            continue
        found = _date_at(m, s, r)
        if found is None:
            continue
        date, value, pos = found
        pos = _skip(wrap, s, pos)
        if r.dct_weekday is not None:
            w = r.dct_weekday.match(s, pos)
            if w:
                pos = _skip(wrap, s, w.end())
        if value == date and r.dct_time is not None:
            t = r.dct_time.match(s, pos)
            if t:
                value = date + _time_value(t, r)
                pos = _skip(wrap, s, t.end())
        if pos < len(s) and r.dct_after is not None and (a := r.dct_after.match(s, pos)):
            pos = _skip(wrap, s, a.end())
        if pos == len(s):
            return date, value
    return None


_BYLINE_FIELDS = 6
"""The most fields read at the start of a line by ``_byline_head``."""


def _byline_head(s: str, r: _Rules) -> tuple[tuple[str, str, int] | None, bool, int]:
    """The byline fields opening the trimmed line ``s`` (text scraped without line breaks:
    ``2021年3月10日 来源：某网 3月9日，…``): ``(first date, labelled, end)``, the date as
    ``(date, value, end)`` or ``None``, ``labelled`` true when a field is a byline word or a
    label with its colon, ``end`` where the fields end. A field is a full date (and clock time), a labelled date
    (``发布时间：2021-03-10``) or a byline word, its colon and a value up to white space;
    fields are parted by ``dct.dateline_wrap`` (spaces, bars); the body follows them."""
    pos, date, labelled = _skip(r.dct_wrap, s, 0), None, False
    end = 0
    for _ in range(_BYLINE_FIELDS):
        found = None
        for rx in r.dct_bare:
            m = rx.match(s, pos)
            found = _date_at(m, s, r) if m else None
            if found:
                break
        if found is None:
            for _name, rx in r.dct_patterns:
                m = rx.match(s, pos)
                found = _date_at(m, s, r) if m else None
                if found:
                    labelled = True
                    break
        if found is not None:
            date = date or found
            end = found[2]
        elif r.dct_byline is not None and (m := r.dct_byline.match(s, pos)):
            labelled = True
            end = m.end()
            while end < len(s) and s[end].isspace():
                end += 1
            while end < len(s) and not s[end].isspace():
                end += 1
        else:
            break
        nxt = _skip(r.dct_wrap, s, end)
        if nxt == end:
            break
        pos = nxt
    return date, labelled, end


def _glued_byline(s: str, r: _Rules) -> tuple[str, str, int, int] | None:
    """``(date, value, start, end)`` of the first full date (and clock time) before the first
    sentence end of the line ``s`` that a byline word and its colon follow, parts of
    ``dct.dateline_wrap`` aside (``某某标题2020-08-20 18:45:16 来源：某网 正文…``: a headline, its
    byline and the body scraped onto one line); else ``None``."""
    if r.dct_byline is None:
        return None
    stop = r.body_sentence.search(s) if r.body_sentence else None
    head = s[:stop.start() if stop else len(s)]
    best: tuple[str, str, int, int] | None = None
    for rx in r.dct_bare:
        for m in rx.finditer(head):
            if best is not None and m.start() >= best[2]:
                break
            found = _date_at(m, head, r)
            if found and r.dct_byline.match(head, _skip(r.dct_wrap, head, found[2])):
                best = (found[0], found[1], m.start(), found[2])
                break
    return best


def _credit(s: str, r: _Rules) -> tuple[str, str, int] | None:
    """``(date, value, end)`` of a source credit in brackets opening the line ``s``: the source's
    name (``dct.credit_open``), a full date (and clock time) of ``dct.formats`` and the closing
    bracket (``dct.credit_close``): ``（某某社讯息服务20250922 17:22:22）正文…``; else ``None``."""
    if r.dct_credit is None or r.dct_credit_close is None or not (m := r.dct_credit.match(s)):
        return None
    for rx in r.dct_bare:
        d = rx.match(s, m.end())
        found = _date_at(d, s, r) if d else None
        if found and (close := r.dct_credit_close.match(s, found[2])):
            return found[0], found[1], close.end()
    return None


def _time_line(s: str, r: _Rules) -> str | None:
    """The ``THH:MM`` of a line holding only a clock time, else ``None``."""
    if r.dct_time is None:
        return None
    t = r.dct_time.fullmatch(s)
    return _time_value(t, r) if t else None


def _date_from_groups(year: str, month: str, day: str, months: dict[str, int]) -> str | None:
    try:
        mon = int(month) if month.isdigit() else months.get(month.casefold().rstrip("."), 0)
        return _dt.date(int(year), mon, int(day)).isoformat()
    except (ValueError, TypeError):
        return None


def _as_iso_date(value: Any) -> str | None:
    """A front-matter or metadata date (``date``/``datetime`` object or string starting with
    ``YYYY-MM-DD``) as ``YYYY-MM-DD``; ``None`` when it is not one."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        m = _ISO_DATE.match(value.strip())
        if m:
            try:
                return validate_dct(m.group())
            except ValueError:
                return None
    return None


def _stamp(value: Any, r: _Rules) -> tuple[str, str] | None:
    """``(date, value)`` of a front-matter date: a YAML date/date-time, or a string in ISO 8601
    (``2022-01-14``, ``2022-01-14T06:17:51Z``), RFC 2822 (``Fri, 14 Jan 2022 06:17:51 GMT``,
    as feeds write it) or one of the language's ``dct.formats`` with an optional clock time
    (``2022年1月14日 14:17``). The date is the stamp's own, in its own time zone."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat(), value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat(), value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    try:
        iso = _dt.datetime.fromisoformat(v[:-1] + "+00:00" if v.endswith(("Z", "z")) else v)
        return iso.date().isoformat(), v
    except ValueError:
        pass
    import email.utils

    try:
        stamp = email.utils.parsedate_to_datetime(v)
        return stamp.date().isoformat(), stamp.isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for rx in r.dct_bare:
        m = rx.match(v)
        found = _date_at(m, v, r) if m else None
        if found:
            return found[0], found[1]
    return None
