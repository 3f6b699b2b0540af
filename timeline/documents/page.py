"""The layout of a page's text: its non-blank lines, where the body starts, page chrome
(navigation, breadcrumbs, labelled fields), lists of other articles (``related_spans``), the
YAML front matter (``split_front_matter``, ``front_matter_spans``, ``article_url``) and the
headline (``find_title``). Markers and sizes are the language's ``documents.yaml`` (``title``,
``dct``, ``front_matter``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .dates import _dateline
from .tables import _Rules, _rules

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class _Line:
    """A non-blank line of a page head: offsets of its trimmed text, and that text."""

    start: int
    end: int
    text: str


def _page_lines(head: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in head.splitlines(keepends=True):
        s = raw.strip()
        if s:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(s), s))
        pos += len(raw)
    return out


def _is_chrome(s: str, r: _Rules) -> bool:
    return any(mark in s for mark in r.chrome) or any(p.search(s) for p in r.chrome_patterns)


def _no_sentence_end(s: str, r: _Rules) -> bool:
    """``s`` ends no sentence, or only with a headline's ``title.headline_ends`` (a question, an
    exclamation) and holds no other sentence end; or it ends no sentence and holds no sentence
    end but those (a headline of two parts: ``某市再向前！某会签约``)."""
    if r.sentence_end.search(s):
        return False
    if not r.sentence_stop.search(s, 0, len(s.rstrip()) - 1):
        return True
    return not r.sentence_mid.search(s) and not r.sentence_stop.match(s, len(s.rstrip()) - 1)


def _is_body(s: str, r: _Rules) -> bool:
    """A body paragraph: long enough, ends a sentence somewhere, no cookie or copyright notice,
    no headline asking a question (``_no_sentence_end`` within ``title.max_chars``)."""
    return (r.body_sentence is not None and len(s) >= r.body_min and r.body_sentence.search(s) is not None
            and not any(mark in s for mark in r.not_body)
            and not (r.caption is not None and r.caption.search(s))
            and not (len(s) <= r.title_max and _no_sentence_end(s, r)))


def _is_related(s: str, r: _Rules) -> bool:
    """A line opening a list of other articles (``相关新闻``, ``延伸阅读：``)."""
    return len(s) <= r.related_max and s.lstrip("·•【[（(<《 ").startswith(r.related)


def related_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Half-open spans of the lines of ``text`` inside lists of other articles: from a line
    opening one (``documents.yaml`` ``dct.related``: 延伸阅读, 热门文章) to the next line that
    ends a paragraph of the body (``dct.related_until``), the titles, dates and headings of the
    list included; and a run of at least ``dct.link_list_min`` lines that each open with one of
    ``dct.link_bullets`` and hold no sentence of the body (a portal's headlines: ``• 财经某某奶粉
    检出…``). The entity stage counts them as page chrome. Linear in the text."""
    r = _rules(lang)
    out: list[tuple[int, int]] = []
    lines = _page_lines(text)
    if r.related and r.related_until is not None:
        inside = False
        for ln in lines:
            if _is_related(ln.text, r):
                inside = True
            elif inside and r.related_until.search(ln.text) and _is_body(ln.text, r):
                inside = False
            if inside:
                out.append((ln.start, ln.end))
    if r.link_bullets:
        run: list[tuple[int, int]] = []
        for item in [*lines, None]:
            if item is not None and item.text.startswith(r.link_bullets) and not _is_body(item.text, r):
                run.append((item.start, item.end))
                continue
            if item is not None and not item.text.strip():
                continue                                   # blank lines inside a list
            if len(run) >= r.link_list_min:
                out += run
            run = []
        out.sort()
    return out


def front_matter_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Half-open spans of the lines of a YAML front matter at the top of ``text`` (its ``---``
    fences included) but the value of its title lines (``documents.yaml`` ``front_matter.title``):
    the page's metadata (categories, author), which the entity stage counts as page chrome."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return []
    titles = _rules(lang).front_title
    out: list[tuple[int, int]] = []
    for ln in _page_lines(text[:m.end()]):
        key = ln.text.split(":", 1)[0].strip()
        if key not in titles:
            out.append((ln.start, ln.end))
        else:                                         # the key of a title line (title:)
            out.append((ln.start, ln.start + len(key) + 1))
    return out


def _heading_like(s: str, r: _Rules) -> bool:
    return (r.title_min <= len(s) <= r.title_max and sum(1 for c in s if c.isalpha()) >= 2
            and _no_sentence_end(s, r) and not _is_chrome(s, r)
            and not any(rx.search(s) for _n, rx in r.dct_patterns) and _dateline(s, r) is None)


@dataclass
class _Head:
    """The layout of a page head: its lines, where the body starts, the headline."""

    lines: list[_Line]
    body: int                  # index of the first body line; len(lines) when there is none
    title: str | None          # the headline as written in the matching text
    title_line: int | None


def _page_head(match: str, r: _Rules) -> _Head:
    lines = _page_lines(match[:r.search_chars])
    body = next((i for i, ln in enumerate(lines) if _is_body(ln.text, r)), len(lines))
    cands = [i for i in range(body) if _heading_like(lines[i].text, r)]
    if not cands:   # no heading line before the body: the first one at all
        first = next((i for i in range(body, len(lines)) if _heading_like(lines[i].text, r)), None)
        return _Head(lines, body, _cut_site(lines[first].text, r) if first is not None else None, first)
    texts = {lines[i].text for i in cands}
    # A line that is another heading line plus a site name or a breadcrumb trail gives way to it.
    kept = [i for i in cands if not _holds_other(lines[i].text, texts)] or cands
    best = max(kept, key=lambda i: (len(lines[i].text), -i))
    return _Head(lines, body, _cut_site(lines[best].text, r), best)


_JOINT = re.compile(r"[\s\-–—_|｜>＞›»/·:：]")


def _holds_other(s: str, texts: set[str]) -> bool:
    """``s`` = another line of ``texts`` + separator + more (or more + separator + it)."""
    for m in _JOINT.finditer(s):
        left, right = s[:m.start()].strip(), s[m.end():].strip()
        if (left and left != s and left in texts) or (right and right != s and right in texts):
            return True
    return False


def _cut_site(s: str, r: _Rules) -> str:
    """``标题 - 栏目 - 网站`` → ``标题``: the longest part at ``title.separators``, when every part
    holds at least two letters (``GDP占北京的1_4`` stays whole)."""
    if r.title_separators is None:
        return s
    parts = [p.strip() for p in r.title_separators.split(s)]
    if len(parts) < 2 or any(sum(1 for c in p if c.isalpha()) < 2 for p in parts):
        return s
    best = max(parts, key=len)
    return best if len(best) >= r.title_min else s


def _related_lines(head: _Head, r: _Rules) -> list[bool]:
    """Per line: inside a list of other articles (from its opening line until the headline
    appears again)."""
    out, inside = [], False
    for ln in head.lines:
        if head.title and head.title in ln.text:
            inside = False
        elif _is_related(ln.text, r):
            inside = True
        out.append(inside)
    return out


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, int]:
    """Split a YAML front matter (Jekyll/Hugo style: a first line ``---``, YAML, a line ``---``).

    Returns ``(mapping, offset of the body)``; ``(None, 0)`` when the text has no front matter.
    Raises ``ValueError`` when the block is present but is not a YAML mapping.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, 0
    import yaml

    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        raise ValueError(f"invalid front matter: {str(exc).splitlines()[0]}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError("invalid front matter: expected key: value lines")
    return meta, m.end()


FRONT_MATTER_URL_KEYS = ("url", "link", "canonical_url", "permalink")
"""Front-matter keys that give an article's address (``Document.url``), first found wins."""


def article_url(value: Any) -> str | None:
    """An article address as given (a front matter ``url:``, a JSON line's ``url``, an HTML
    page's canonical link): the trimmed string when it is an absolute ``http(s)`` URL without
    white space or control characters, else ``None`` (a ``javascript:`` or local address is
    never kept, so no page links to one)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not re.match(r"(?i)https?://[^\s/?#]+", value) or any(c.isspace() or ord(c) < 32 for c in value):
        return None
    return value


def _front_value(meta: dict[str, Any], keys: Iterable[str]) -> Any:
    lowered = {str(k).casefold(): v for k, v in meta.items()}
    for k in keys:
        if k.casefold() in lowered and lowered[k.casefold()] not in (None, ""):
            return lowered[k.casefold()]
    return None


def find_title(text: str, lang: str, *, match: str | None = None) -> str | None:
    """The headline of a page, or ``None``.

    A heading-like line has ``title.min_chars``..``max_chars`` code points once trimmed, at
    least two letters, is not page chrome (``title.chrome`` markers and patterns: navigation,
    breadcrumbs, lines of labelled fields, subtitles), not a labelled date line, and does not
    end a sentence. The headline is the longest heading-like line before the body (the first
    long line ending a sentence; else the first heading-like line at all); a line that is
    another heading-like line plus a site name or breadcrumb trail gives way to it, and the
    chosen line is cut at ``title.separators`` when its parts are a headline and site or
    column names. Only the first ``dct.search_chars`` code points are read. ``match`` is the
    matching text of the same length (simplified copy) used to recognise markers; the returned
    title is the original text, less Markdown ``#`` marks.
    """
    span = _title_span(match if match is not None else text, lang)
    if span is None:
        return None
    return text[span[0]:span[1]].strip().lstrip("#").strip()  # a Markdown ATX heading's marks


def _title_span(match: str, lang: str) -> tuple[int, int] | None:
    """The span of ``find_title``'s headline in ``match`` (and the original text)."""
    head = _page_head(match, _rules(lang))
    if head.title is None or head.title_line is None:
        return None
    ln = head.lines[head.title_line]
    at = ln.start + ln.text.find(head.title)
    return at, at + len(head.title)
