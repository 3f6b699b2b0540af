"""The document creation time (DCT) of a page: its evidence (``DctEvidence``), ranked by
``EVIDENCE_RANKS``, read from the page head (``dct_evidence``: labelled dates, bylines, date lines
under the headline) and from a YAML front matter (``_front_matter_evidence``); ``find_dct``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from .dates import (
    _byline_head,
    _credit,
    _date_at,
    _date_from_groups,
    _dateline,
    _glued_byline,
    _skip,
    _stamp,
    _time_line,
)
from .page import _front_value, _Head, _is_body, _Line, _page_head, _related_lines
from .tables import _Rules, _rules

EVIDENCE_RANKS = {"option": 1, "jsonl": 2, "front_matter": 3, "label": 4, "html_metadata": 5,
                  "byline": 6, "dateline": 7, "label_after_body": 8, "url": 9, "stated_today": 10}
"""Kinds of evidence for a document's date, best first (README "Document date"):

* ``option``: the ``dct`` argument (``--dct``); ``jsonl``: the ``dct`` of a JSON Lines record;
* ``front_matter``: ``date:`` of a YAML front matter at the top of any text file;
* ``label``: a labelled date before the body (``发布时间：2019-06-03``);
* ``html_metadata``: an HTML page's structured publication date (htmldate);
* ``byline``: the first full date on a byline line before the body (``2018年04月03日 来源：某某日报``);
* ``dateline``: a line holding only a date, maybe a clock time and a weekday, a few lines under
  the headline and before the body (``2024/10/18 17:34``; ``2023.05.17`` then ``09:30``), or
  above the headline in an e-paper's masthead, beside its page number (``dct.edition``:
  ``某某日报 / 2020年03月20日 / 第02版``, or the three on lines of their own);
* ``label_after_body``: a labelled date after the body starts, or a byline line after it (a line
  of byline fields only, opening with a date: ``2020-08-21 13:55:06 来源：某某网 编辑：某某``);
* ``url``: a date in the article's address (``Document.url``: an HTML page's canonical link, a
  JSON line's or a front matter's ``url``) in one of the language's ``dct.url_formats``
  (``…/201704/t20170406_123.html``), when the page says nothing better;
* ``stated_today``: a date the body puts beside its 今日 (``今日（8月8日）宣布``), when nothing else
  dates the page (``timeline.temporal.stated_today``, applied by ``timeline.pipeline``).

A date inside a list of other articles (after ``相关新闻``, ``延伸阅读`` …) is never evidence, nor is
an unlabelled date after the body starts."""


@dataclass(frozen=True)
class DctEvidence:
    """One piece of evidence for a document's date.

    ``evidence``: a key of ``EVIDENCE_RANKS``; ``date``: ``YYYY-MM-DD``; ``value``: the ISO 8601
    date or date-time as the evidence writes it (``2024-10-18T17:34``, ``2022-01-14T06:17:51+00:00``:
    a stamp's own time zone, never converted); ``text``: what was read, when it is text;
    ``start``/``end``: its code-point span in ``Document.text`` when it lies there, else ``None``.
    """

    evidence: str
    date: str
    value: str
    text: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def rank(self) -> int:
        return EVIDENCE_RANKS[self.evidence]

    def to_dict(self) -> dict[str, Any]:
        """The ``documents[].dct_source`` object of the extraction JSON."""
        return {"evidence": self.evidence, "rank": self.rank, "value": self.value,
                "text": self.text, "start": self.start, "end": self.end}


def dct_evidence(text: str, lang: str, *, title: str | None = None) -> list[DctEvidence]:
    """The evidence for the date of a page that its text holds, best first (rank, then position).

    ``text``: the matching text (simplified copy of a traditional-Chinese page); ``lang``: its
    language; ``title``: the headline when it is known from metadata (else found with the
    rules of ``find_title``). Looks within the first ``dct.search_chars`` code points for the
    ``label``, ``byline``, ``dateline`` and ``label_after_body`` evidence of ``EVIDENCE_RANKS``;
    spans index ``text``. Labels, byline words, formats, where the body starts and what opens a
    related-news list come from ``resources/<lang>/documents.yaml``; a match that is not a real
    calendar date is skipped.
    """
    r = _rules(lang)
    head = _page_head(text, r)
    if title and any(title in ln.text for ln in head.lines):
        head.title = title
    related = _related_lines(head, r)
    found = _label_evidence(text, head, related, r) + _byline_evidence(head, related, r)
    found += _dateline_evidence(head, related, r) + _byline_after_body(head, related, r)
    found += _dateline_after_end(head, related, r)
    return sorted(found, key=lambda ev: (ev.rank, ev.start or 0))


def _label_evidence(text: str, head: _Head, related: list[bool], r: _Rules) -> list[DctEvidence]:
    """The first labelled date before the body (``label``; the byline fields opening its first
    line count as before it) and after it (``label_after_body``), none inside a related-news list."""
    lines = head.lines
    body_at = lines[head.body].start if head.body < len(lines) else len(text)
    if head.body < len(lines):       # the fields opening the body's first line (no line breaks)
        body_at += _byline_head(lines[head.body].text, r)[2]
    starts = [ln.start for ln in lines]
    window = text[:r.search_chars]
    first: dict[str, DctEvidence] = {}
    for _name, rx in r.dct_patterns:
        for m in rx.finditer(window):
            if lines and related[max(0, bisect.bisect_right(starts, m.start()) - 1)]:
                continue
            found = _date_at(m, window, r)
            if found is None:
                continue
            date, value, end = found
            kind = "label" if m.start() < body_at else "label_after_body"
            if kind not in first or m.start() < (first[kind].start or 0):
                first[kind] = DctEvidence(kind, date, value, window[m.start():end], m.start(), end)
    return list(first.values())


def _byline_evidence(head: _Head, related: list[bool], r: _Rules) -> list[DctEvidence]:
    """The first full date on a short byline line (a byline word and a colon) before the body;
    a long line is a body paragraph, whose dates are event dates, but for the byline fields
    opening it (``_byline_head``: ``2021年3月10日 来源：某网 3月9日，…``, text scraped without line
    breaks) or a date glued to a byline word before its first sentence end (``_glued_byline``:
    ``标题2020-08-20 18:45 来源：某网 …``), read up to the body's first line; a source credit in
    brackets opening a line (``_credit``: ``（某某社20250922 17:22:22）…``) counts on any of them; the span is then the
    line start, or the date's start, to the date's end."""
    if r.dct_byline is None:
        return []
    for i in range(min(head.body + 1, len(head.lines))):
        ln = head.lines[i]
        if related[i]:
            continue
        credit = _credit(ln.text, r)
        if credit is not None:
            date, value, end = credit
            return [DctEvidence("byline", date, value, ln.text[:end], ln.start, ln.start + end)]
        if i == head.body or len(ln.text) > r.dct_byline_max:
            first, labelled, _end = _byline_head(ln.text, r)
            if first is not None and labelled:
                date, value, end = first
                return [DctEvidence("byline", date, value, ln.text[:end], ln.start, ln.start + end)]
            glued = _glued_byline(ln.text, r)
            if glued is not None:
                date, value, at, end = glued
                return [DctEvidence("byline", date, value, ln.text[at:end], ln.start + at, ln.start + end)]
            continue
        if not r.dct_byline.search(ln.text):
            continue
        hits = []
        for rx in r.dct_bare:
            for m in rx.finditer(ln.text):
                found = _date_at(m, ln.text, r)
                if found:
                    hits.append((m.start(), found))
                    break
        if hits:
            _at, (date, value, _end) = min(hits, key=lambda h: h[0])
            return [DctEvidence("byline", date, value, ln.text, ln.start, ln.end)]
    return []


def _dateline_evidence(head: _Head, related: list[bool], r: _Rules) -> list[DctEvidence]:
    """A date line under the headline (or, with no headline, anywhere before the body); a page
    whose headline comes only after the start of the body (a lead scraped above it) has its date
    line under that headline, before the next body paragraph."""
    lines = head.lines
    if head.title:
        starts_at = [(i + 1, head.body) for i, ln in enumerate(lines[:head.body]) if head.title in ln.text]
        if not starts_at and head.title_line is not None and head.title_line >= head.body:
            after = head.title_line + 1
            starts_at = [(after, next((i for i in range(after, len(lines)) if _is_body(lines[i].text, r)),
                                      len(lines)))]
    else:
        starts_at = [(0, head.body)]
    for first, stop in starts_at:
        ev = _dateline_after(lines, first, stop, r.head_lines if head.title else len(lines), related, r)
        if ev is not None:
            return [ev]
    masthead = _masthead_date(lines, min(head.body, head.title_line if head.title_line is not None
                                         else head.body), related, r)
    return [masthead] if masthead is not None else []


def _masthead_date(lines: list[_Line], stop: int, related: list[bool], r: _Rules) -> DctEvidence | None:
    """The date of an e-paper's masthead above the headline (lines ``[0, stop)``): a date line
    (``_dateline``) that holds a page number (``dct.edition``: ``某某日报 / 2020年03月20日 / 第02版``)
    or whose next or previous line starts with one (``2020年03月20日`` then ``第02版：要闻``); a
    date bar above the headline without a page number is a portal's, not the article's."""
    if r.dct_edition is None:
        return None
    for i, ln, found in _datelines(lines, 0, stop, related, r):
        near = [lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if r.dct_edition.search(ln.text) or any(r.dct_edition.match(t) for t in near):
            return DctEvidence("dateline", found[0], found[1], None, ln.start, ln.end)
    return None


def _byline_after_body(head: _Head, related: list[bool], r: _Rules) -> list[DctEvidence]:
    """``label_after_body`` evidence: the first line after the body starts that is byline fields
    only (``_byline_head``: a date, then a byline word and its colon: ``2020-08-21 13:55:06
    来源：某某网 编辑：某某``), at most ``dct.byline_max_chars`` long; a date within a sentence
    of the body is an event date, not this."""
    if r.dct_byline is None:
        return []
    for i in range(head.body, len(head.lines)):
        ln = head.lines[i]
        if related[i] or len(ln.text) > r.dct_byline_max:
            continue
        first, labelled, end = _byline_head(ln.text, r)
        if first is None or not labelled or _skip(r.dct_wrap, ln.text, end) != len(ln.text):
            continue
        if not any(rx.match(ln.text, _skip(r.dct_wrap, ln.text, 0)) for rx in r.dct_bare):
            continue
        date, value, dend = first
        return [DctEvidence("label_after_body", date, value, ln.text[:dend], ln.start, ln.start + dend)]
    return []


def _dateline_after_end(head: _Head, related: list[bool], r: _Rules) -> list[DctEvidence]:
    """``label_after_body`` evidence: the date line (``_dateline``) right after a line holding
    only an end mark (``dct.end_marks``: ``完``), as Hong Kong's government closes its press
    releases (``完`` / ``2023年8月8日（星期二）`` / ``香港时间18时30分``)."""
    if not r.end_marks:
        return []
    lines = head.lines
    for i in range(head.body, len(lines) - 1):
        if not related[i] and lines[i].text.strip() in r.end_marks:
            found = _dateline(lines[i + 1].text, r)
            if found is not None:
                ln = lines[i + 1]
                return [DctEvidence("label_after_body", found[0], found[1], ln.text, ln.start, ln.end)]
    return []


def _datelines(lines: list[_Line], first: int, stop: int, related: list[bool], r: _Rules):
    """``(index, line, (date, value))`` of each date line (``_dateline``) of ``lines[first:stop]``
    outside a related-news list, in order."""
    for i in range(first, min(stop, len(lines))):
        if not related[i] and (found := _dateline(lines[i].text, r)) is not None:
            yield i, lines[i], found


def _dateline_after(lines: list[_Line], first: int, body: int, limit: int, related: list[bool],
                    r: _Rules) -> DctEvidence | None:
    for i, ln, (date, value) in _datelines(lines, first, min(body, first + limit), related, r):
        end = ln.end
        if value == date and i + 1 < len(lines):
            clock = _time_line(lines[i + 1].text, r)
            if clock:
                value, end = date + clock, lines[i + 1].end
        return DctEvidence("dateline", date, value, None, ln.start, end)
    return None


def find_dct(text: str, lang: str) -> str | None:
    """The document creation time of a page as ``YYYY-MM-DD``, or ``None``: the date of the best
    piece of ``dct_evidence`` (a labelled date before the body, else a byline date, else a date
    line under the headline, else a labelled date after the body start)."""
    found = dct_evidence(text, lang)
    return found[0].date if found else None


def _front_matter_evidence(text: str, meta: dict[str, Any], body_at: int, r: _Rules, *,
                           in_text: bool) -> DctEvidence | None:
    """The ``front_matter`` evidence of a parsed front matter; its span is the value's in ``text``
    (the front matter block ``text[:body_at]``) when ``in_text``."""
    raw = _front_value(meta, r.front_date)
    found = _stamp(raw, r)
    if found is None:
        return None
    date, value = found
    start = end = None
    shown = raw if isinstance(raw, str) else None
    keys = "|".join(re.escape(k) for k in r.front_date)
    m = re.search(rf"(?mi)^[ \t]*[\"']?(?:{keys})[\"']?[ \t]*:[ \t]*(.*?)[ \t]*\r?$", text[:body_at])
    if m:
        shown = m.group(1)
        if in_text:
            start, end = m.start(1), m.end(1)
    return DctEvidence("front_matter", date, value, shown, start, end)


def url_evidence(url: str | None, lang: str) -> DctEvidence | None:
    """``url`` evidence: the first date of one of the language's ``dct.url_formats`` (tried in
    order) in the path of ``url``, a real calendar date; ``None`` when there is none."""
    if not url:
        return None
    r = _rules(lang)
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
    for rx in r.dct_url:
        for m in rx.finditer("/" + path):
            date = _date_from_groups(m["year"], m["month"], m["day"], r.months)
            if date is not None:
                return DctEvidence("url", date, date, text=url)
    return None

