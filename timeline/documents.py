"""Read inputs into ``Document`` objects: files, folders, standard input, JSON Lines, HTML, Markdown.

The first stage of the pipeline (see ``docs/architecture.md``). It decides what text every
later offset indexes, finds the document creation time (DCT, TimeML's ``DCT``), the language
and the script of each document.

What ``Document.text`` is, by input kind:

* ``.txt`` (and any file of an unknown suffix, or ``-`` for standard input): the decoded file
  exactly, less a leading byte order mark (BOM). Offsets index the text *without* the BOM: a
  span ``(0, 2)`` is the first two characters after it. A YAML front matter at its top stays in
  the text and gives the DCT and the title.
* ``.md``: the decoded file after its YAML front matter (the block between a first line ``---``
  and the next ``---`` line); ``date:`` and ``title:`` of the front matter give the DCT and the
  title.
* ``.html``/``.htm``: the main text extracted by trafilatura (page chrome dropped); the DCT
  evidence is read from the visible page and its metadata (htmldate). Offsets index this
  extracted text, which ``events.json`` keeps in ``documents[].text``.
* ``.jsonl`` (JSON Lines, https://jsonlines.org): one object ``{"id", "text", "dct"?,
  "title"?, "lang"?}`` a line (lines end at ``\n`` only); each line is a document.

The DCT is the best-ranked evidence (``EVIDENCE_RANKS``, ``dct_evidence``), recorded in
``Document.dct_source``. Bytes are decoded as UTF-8 (with or without BOM), UTF-16/32 with a BOM, or,
failing UTF-8, as the encoding charset-normalizer detects (GB18030 for the GB2312/GBK family,
Big5); an ``encoding`` argument forces one. Decoding is always strict: a text never contains
U+FFFD introduced by decoding (a lone surrogate of a JSON string is replaced by one, with a
warning). Inputs are only ever opened for reading, and bounded: ``max_size`` bytes and
``timeout`` seconds a document (``timeline.budget``); folders yield regular files only.

Language knowledge (DCT labels, front-matter keys, page-chrome markers, how to recognise a
language and its traditional script) is data: ``timeline/resources/<lang>/documents.yaml``; the
letters of a language's script and its sentence ends are its text table's
(``timeline.text``, ``timeline/resources/<lang>/text.yaml``).
"""
from __future__ import annotations

import bisect
import codecs
import datetime as _dt
import logging
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, cast

from . import budget, resources
from .model import Document, DocumentError
from .resources import schema
from .text import load_rules as text_rules

log = logging.getLogger(__name__)

__all__ = [
    "load_documents", "read_sources", "document_from_text", "matching_text", "convert_script", "find_sources", "decode",
    "detect_language", "detect_script", "find_dct", "find_title", "split_front_matter",
    "extract_html", "validate_dct", "validate_lang", "validate_encoding", "known_languages",
    "InputError", "DecodingError", "SUPPORTED_SUFFIXES", "STDIN",
    "dct_evidence", "DctEvidence", "EVIDENCE_RANKS", "visible_lines", "display_path", "parse_size",
    "size_text", "Skipped", "DEFAULT_MAX_SIZE", "Unit", "iter_units", "read_unit", "DocumentIds", "UNREAD_ID",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
"""Suffixes read from a folder when no ``glob`` is given (files named explicitly are always read)."""

STDIN = "-"
"""The input name that stands for standard input."""

_RESOURCE = "documents.yaml"
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MD_SUFFIXES = (".md", ".markdown")
_JSONL_SUFFIXES = (".jsonl",)
_ENCODING_HINT = "try --encoding gb18030 (or big5, utf-8)"
# Encodings whose detection should be widened to their superset before strict decoding.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "gb18030",
              "big5": "big5hkscs", "cp950": "big5hkscs"}
# Detected encodings that are multi-byte (kept as detected); a single-byte guess for data whose
# bytes are mostly >= 0x80 is replaced by a strict double-byte decoding, or refused.
_MULTIBYTE_PREFIXES = ("gb", "big5", "cp936", "cp950", "hz", "euc", "shift_jis", "cp932", "cp949",
                       "iso2022", "johab", "utf")
_DOUBLE_BYTE = ("gb18030", "big5hkscs")
_MULTIBYTE_HIGH_SHARE = 0.3
_SINGLE_BYTE = "cp1252"
_HIGH_BYTES = bytes(range(0x80, 0x100))
_HTML_MIN_EXTRACTED = 40
# C0 and C1 control characters (Unicode category Cc) other than tab, line feed, vertical tab,
# form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
_HTML_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


class InputError(Exception):
    """A usage-level input problem: a missing path, a folder with no documents, standard input
    named twice. The message is one line naming the path (``<path>: <reason>``); the command
    line answers it with exit code 2 before any document is read."""


class DecodingError(ValueError):
    """Bytes that cannot be turned into a text document; the message is a one-line reason."""


# --------------------------------------------------------------------------- resource tables


@dataclass(frozen=True)
class _Rules:
    """The compiled ``documents.yaml`` of one language."""

    lang: str
    letters: re.Pattern[str]
    min_share: float
    weight: float
    default: bool
    script: str | None
    opencc: str | None
    min_changed_share: float
    min_changed: int
    search_chars: int
    dct_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    dct_byline: re.Pattern[str] | None
    dct_byline_max: int
    dct_bare: tuple[re.Pattern[str], ...]
    months: dict[str, int]
    front_date: tuple[str, ...]
    front_title: tuple[str, ...]
    title_min: int
    title_max: int
    sentence_end: re.Pattern[str]
    chrome: tuple[str, ...]
    chrome_patterns: tuple[re.Pattern[str], ...]
    title_separators: re.Pattern[str] | None
    dct_time: re.Pattern[str] | None
    dct_pm: frozenset[str]
    dct_weekday: re.Pattern[str] | None
    dct_wrap: re.Pattern[str]
    body_sentence: re.Pattern[str] | None
    body_min: int
    head_lines: int
    related: tuple[str, ...]
    related_max: int
    related_until: re.Pattern[str] | None
    not_body: tuple[str, ...]
    no_letters: bool


_SCHEMA = schema.Map({
    "detect": schema.Map({"min_share": schema.Num(), "weight": schema.Num(), "default": schema.Bool(),
                          "no_letters": schema.Bool()}, required=("min_share",)),
    "script": schema.Map({"name": schema.Str(), "opencc": schema.Str(), "min_changed_share": schema.Num(),
                          "min_changed": schema.Int()},
                         required=("name", "opencc", "min_changed_share", "min_changed")),
    "dct": schema.Map({
        "labels": schema.Words(), "separator": schema.Str(empty=True), "word_boundary": schema.Bool(),
        "formats": schema.List(schema.Map({"name": schema.Str(), "pattern": schema.Str()},
                                          required=("name", "pattern")), label="name"),
        "byline_words": schema.Words(), "byline_max_chars": schema.Int(),
        "months": schema.Dict(schema.Int(min=1, max=12)), "search_chars": schema.Int(),
        "time": schema.Str(), "pm": schema.Words(), "weekday": schema.Str(), "dateline_wrap": schema.Str(),
        "body_sentence": schema.Regex(), "body_min_chars": schema.Int(min=1), "not_body": schema.Words(),
        "head_lines": schema.Int(min=1), "related": schema.Words(), "related_max_chars": schema.Int(min=1),
        "related_until": schema.Regex(),
    }, required=("labels", "separator", "formats", "search_chars")),
    "front_matter": schema.Map({"date": schema.Words(), "title": schema.Words()}, required=("date", "title")),
    "title": schema.Map({"min_chars": schema.Int(), "max_chars": schema.Int(),
                         "body_line_ends": schema.Words(chars=True), "chrome": schema.Words(),
                         "chrome_patterns": schema.List(schema.Regex()), "separators": schema.Regex()},
                        required=("min_chars", "max_chars")),
}, required=("detect", "dct", "front_matter", "title"))
"""The schema of ``resources/<lang>/documents.yaml`` (documented in the file's header)."""


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    """Load and validate ``resources/<lang>/documents.yaml``; raises ``ResourceError`` naming
    the file and the faulty key."""
    table = schema.read(lang, _RESOURCE, schema=_SCHEMA)
    detect, script, dct = table["detect"], table.get("script"), table["dct"]
    boundary = dct.get("word_boundary", False)
    label_alt = "|".join(re.escape(x) for x in sorted(set(dct["labels"]), key=len, reverse=True))
    prefix = (r"(?<![^\W\d_])" if boundary else "") + f"(?:{label_alt})" + dct["separator"]
    flags = re.IGNORECASE if boundary else 0
    patterns, bare = [], []
    for i, fmt in enumerate(dct["formats"]):
        where, name = f"dct.formats[{i}]", fmt["name"]
        try:
            rx = re.compile(prefix + "(?:" + fmt["pattern"] + ")", flags)
            bare.append(re.compile(fmt["pattern"], flags))
        except re.error as exc:
            raise table.error(where + ".pattern", f"regex does not compile: {exc} (name {name!r})") from None
        missing = {"year", "month", "day"} - set(rx.groupindex)
        if missing:
            raise table.error(where + ".pattern", f"pattern lacks the named group(s) {sorted(missing)} "
                                                  f"(name {name!r})")
        patterns.append((name, rx))
    byline_words = dct.get("byline_words", [])
    byline = (re.compile("(?:" + "|".join(re.escape(w) for w in byline_words) + r")[ \t\u00a0\u3000]*[:：]", flags)
              if byline_words else None)
    months = {str(k).casefold(): v for k, v in dct.get("months", {}).items()}
    front, title = table["front_matter"], table["title"]
    written = text_rules(lang)      # how the language is written: its letters, its sentence ends
    if written is None:
        raise resources.ResourceError(f"{resources.path(lang, 'text.yaml')}: resource file not found "
                                      f"({_RESOURCE} reads the language's letters and sentence ends there)")
    ends = sorted(written.sentence_end | set(title.get("body_line_ends", [])))

    def compiled(key: str, pattern: str | None, groups: tuple[str, ...] = ()) -> re.Pattern[str] | None:
        if pattern is None:
            return None
        try:
            rx = re.compile(pattern, flags)
        except re.error as exc:
            raise table.error(key, f"regex does not compile: {exc}") from None
        if set(groups) - set(rx.groupindex):
            raise table.error(key, f"pattern lacks the named group(s) {sorted(set(groups) - set(rx.groupindex))}")
        return rx

    time_rx = compiled("dct.time", dct.get("time"), ("hour", "minute"))
    wrap = compiled("dct.dateline_wrap", dct.get("dateline_wrap", r"\s*"))
    return _Rules(
        lang=lang, letters=written.script.letters,
        min_share=float(detect["min_share"]),
        weight=float(detect.get("weight", 1)),
        default=detect.get("default", False),
        script=script["name"] if script else None,
        opencc=script["opencc"] if script else None,
        min_changed_share=float(script["min_changed_share"]) if script else 1.0,
        min_changed=int(script["min_changed"]) if script else 1,
        search_chars=int(dct["search_chars"]),
        dct_byline_max=int(dct.get("byline_max_chars", 80)),
        dct_patterns=tuple(patterns), dct_byline=byline, dct_bare=tuple(bare), months=months,
        front_date=tuple(front["date"]),
        front_title=tuple(front["title"]),
        title_min=int(title["min_chars"]),
        title_max=int(title["max_chars"]),
        sentence_end=re.compile("[" + "".join(re.escape(c) for c in ends) + "]$"),
        chrome=tuple(title.get("chrome", [])),
        chrome_patterns=tuple(title.get("chrome_patterns", [])),
        title_separators=title.get("separators"),
        dct_time=time_rx,
        dct_pm=frozenset(dct.get("pm", [])),
        dct_weekday=compiled("dct.weekday", dct.get("weekday")),
        dct_wrap=cast(re.Pattern[str], wrap),
        body_sentence=dct.get("body_sentence"),
        body_min=int(dct.get("body_min_chars", 20)),
        head_lines=int(dct.get("head_lines", 6)),
        related=tuple(dct.get("related", [])),
        related_max=int(dct.get("related_max_chars", 16)),
        related_until=dct.get("related_until"),
        not_body=tuple(dct.get("not_body", [])),
        no_letters=detect.get("no_letters", False),
    )


@lru_cache(maxsize=None)
def _all_rules() -> tuple[_Rules, ...]:
    """Rules of every language folder that has a ``documents.yaml``."""
    return tuple(_rules(lang) for lang in resources.languages() if resources.path(lang, _RESOURCE).is_file())


def known_languages() -> list[str]:
    """Languages a document can be read in (folders with a ``documents.yaml``), e.g. ``['en', 'zh']``."""
    return [r.lang for r in _all_rules()]


# --------------------------------------------------------------------------- validation


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


def validate_lang(value: str | None) -> str | None:
    """``None``/``auto`` → ``None`` (detect per document); a known language is returned as is.
    Raises ``ValueError`` naming the known languages otherwise."""
    if value is None or value == "auto":
        return None
    known = known_languages()
    if value not in known:
        raise ValueError(f"unknown language {value!r}: expected auto or one of {', '.join(known)}")
    return value


def validate_encoding(value: str | None) -> str | None:
    """Normalise an encoding name through Python's codec registry (``GBK`` → ``gbk``).
    Raises ``ValueError`` for an unknown name."""
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise ValueError(f"unknown encoding {value!r}: e.g. utf-8, gb18030, big5") from None


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:  # noqa: C901 - one cascade in the docstring's order
    """Decode the bytes of a document strictly; returns ``(text, encoding name)``.

    Order: a forced ``encoding``; a BOM (UTF-8, UTF-32, UTF-16; the BOM is not part of the
    text); UTF-8; else the encoding charset-normalizer detects, widened to its superset
    (GB2312/GBK → GB18030, Big5 → Big5-HKSCS); a single-byte guess becomes Windows-1252, and
    data whose bytes are mostly non-ASCII must decode strictly as GB18030 or Big5-HKSCS (other
    single-byte encodings need ``encoding``). Raises ``DecodingError`` with a one-line reason
    for empty data, binary data (NUL bytes or control characters), undecodable bytes (the
    reason suggests ``--encoding gb18030``) and text made only of whitespace.
    """
    if not data:
        raise DecodingError("empty file")
    if encoding:
        forced = cast(str, validate_encoding(encoding))
        if forced in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            data, forced = data[len(codecs.BOM_UTF8):], "utf-8-sig"
        try:
            text = data.decode(forced)
        except UnicodeDecodeError as exc:
            raise DecodingError(f"cannot decode as {forced} ({exc.reason} at byte {exc.start}); "
                                f"{_ENCODING_HINT}") from None
        return _check_text(text, forced), forced
    for bom, bom_name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(bom_name)
            except UnicodeDecodeError as exc:
                raise DecodingError(f"starts with a {bom_name} byte order mark but cannot be decoded "
                                    f"({exc.reason} at byte {exc.start}); {_ENCODING_HINT}") from None
            if text.startswith("\ufeff"):
                text = text[1:]
            return _check_text(text, bom_name), bom_name
    if b"\x00" in data:
        order = _utf16_without_bom(data)
        if order:
            raise DecodingError(f"contains NUL bytes, as UTF-16 text without a byte order mark "
                                f"does; try --encoding {order}")
        raise DecodingError("binary file (contains NUL bytes), not a text document")
    try:
        return _check_text(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name: str | None = codecs.lookup(best.encoding).name if best is not None and best.encoding else None
    high = 1 - len(data.translate(None, _HIGH_BYTES)) / len(data)
    if name is None or (not name.startswith(_MULTIBYTE_PREFIXES) and high > _MULTIBYTE_HIGH_SHARE):
        # Mostly non-ASCII bytes read as a single-byte code page are usually a damaged or
        # truncated double-byte text: only accept a strict double-byte decoding.
        fits = [enc for enc in _DOUBLE_BYTE if _decodes(data, enc)]
        if not fits:
            raise DecodingError(f"cannot decode the bytes (not UTF-8, GB18030 or Big5); {_ENCODING_HINT}")
        if len(fits) > 1:
            pick = from_bytes(data, cp_isolation=list(_DOUBLE_BYTE)).best()
            name = codecs.lookup(pick.encoding).name if pick is not None and pick.encoding else fits[0]
        else:
            name = fits[0]
    elif not name.startswith(_MULTIBYTE_PREFIXES) and _decodes(data, _SINGLE_BYTE):
        # Short Latin texts are often guessed as an exotic code page; Windows-1252 (the
        # WHATWG reading of "latin1") is by far the likeliest single-byte encoding here.
        name = _SINGLE_BYTE
    for candidate in (_SUPERSETS.get(name.replace("_", ""), name), name):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        return _check_text(text, candidate), candidate
    raise DecodingError(f"cannot decode the bytes (best guess {name} fails); {_ENCODING_HINT}")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _check_text(text: str, encoding: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(2, len(text) // 100):
        raise DecodingError(f"binary data ({controls} control characters once decoded as {encoding}); "
                            f"if it is text, {_ENCODING_HINT}")
    if not text.strip():
        raise DecodingError("no text (only whitespace)")
    return text


# --------------------------------------------------------------------------- language, script


_PLAUSIBLE_CHAR = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads as text in that byte order (at least
    95 % of its first 2048 characters ASCII, CJK or their punctuation: random bytes give
    about a third), else ``None``."""
    head = data[:4096]
    head = head[:len(head) // 2 * 2]
    for order in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(order)
        except UnicodeDecodeError:
            continue
        if text and len(_PLAUSIBLE_CHAR.findall(text)) >= 0.95 * len(text):
            return order
    return None


def detect_language(text: str) -> str:
    """The language of a text: the one whose letters (``text.yaml: script.letters``) hold the largest share
    (at least its ``min_share``) of the letters of the first 5000 code points, each letter of a
    class counted ``detect.weight`` times (a Chinese character says about as much as a Latin
    word of four letters, so a Chinese article with an English paragraph stays Chinese); else
    the language marked ``default``; a text without letters (``2010/01/29``) is in the
    language marked ``no_letters``. Returns a resource folder name (``zh``, ``en``)."""
    rules = _all_rules()
    if not rules:
        raise resources.ResourceError(f"{resources.ROOT}: no language has a {_RESOURCE}")
    sample = text[:5000]
    counts = {r.lang: len(r.letters.findall(sample)) for r in rules}
    n = sum(1 for c in sample if c.isalpha()) + sum((r.weight - 1) * counts[r.lang] for r in rules)
    best, best_share = None, -1.0
    if not n:
        best = next((r.lang for r in rules if r.no_letters), None)
    else:
        for r in rules:
            share = r.weight * counts[r.lang] / n
            if share >= r.min_share and share > best_share:
                best, best_share = r.lang, share
    if best is None:
        best = next((r.lang for r in rules if r.default), rules[0].lang)
    return best


@lru_cache(maxsize=8)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def convert_script(text: str, config: str) -> str:
    """``text`` converted by OpenCC with ``config`` (``t2s``, ``s2t`` …; one converter per
    config, built once). The length may change: for spans use ``matching_text``."""
    return _converter(config).convert(text)


@lru_cache(maxsize=4096)
def _convert_char(config: str, ch: str) -> str:
    out = _converter(config).convert(ch)
    return out if len(out) == 1 else ch


def detect_script(text: str, lang: str) -> str | None:
    """The script tag of a text in ``lang`` (``Hant`` for traditional Chinese) or ``None``.

    A text is in the language's ``script`` when at least ``min_changed`` and ``min_changed_share``
    of its letters (first 5000 code points) change under the OpenCC conversion named by the
    table (``t2s``: traditional to simplified)."""
    r = _rules(lang)
    if not r.script or not r.opencc:
        return None
    chars = r.letters.findall(text[:5000])
    if not chars:
        return None
    changed = sum(1 for c in chars if _convert_char(r.opencc, c) != c)
    if changed >= r.min_changed and changed / len(chars) >= r.min_changed_share:
        return r.script
    return None


def matching_text(doc: Document) -> str:
    """The text the stages match on: ``doc.text`` itself, or for a document in a converted
    script (``Hant``) a copy in the base script (simplified) of EXACTLY the same length, so that
    every offset found in the copy indexes ``doc.text``.

    Runs of letters are converted phrase by phrase with OpenCC; a run whose conversion would
    change its length is converted character by character (a character whose conversion is
    not one character stays as it is).
    """
    if not doc.script:
        return doc.text
    return _matching_copy(doc.text, doc.language, doc.script)


@lru_cache(maxsize=32)
def _matching_copy(text: str, lang: str, script: str) -> str:
    r = _rules(lang)
    if r.script != script or not r.opencc:
        return text
    conv = _converter(r.opencc)
    run = re.compile(f"(?:{r.letters.pattern})+")
    out: list[str] = []
    last = 0
    for m in run.finditer(text):
        out.append(text[last:m.start()])
        piece = m.group()
        converted = conv.convert(piece)
        if len(converted) != len(piece):
            converted = "".join(_convert_char(r.opencc, c) for c in piece)
        out.append(converted)
        last = m.end()
    out.append(text[last:])
    result = "".join(out)
    assert len(result) == len(text)
    return result


# --------------------------------------------------------------------------- DCT, title, front matter

EVIDENCE_RANKS = {"option": 1, "jsonl": 2, "front_matter": 3, "label": 4, "html_metadata": 5,
                  "byline": 6, "dateline": 7, "label_after_body": 8}
"""Kinds of evidence for a document's date, best first (README "Document date"):

* ``option``: the ``dct`` argument (``--dct``); ``jsonl``: the ``dct`` of a JSON Lines record;
* ``front_matter``: ``date:`` of a YAML front matter at the top of any text file;
* ``label``: a labelled date before the body (``发布时间：2019-06-03``);
* ``html_metadata``: an HTML page's structured publication date (htmldate);
* ``byline``: the first full date on a byline line before the body (``2018年04月03日 来源：某某日报``);
* ``dateline``: a line holding only a date, maybe a clock time and a weekday, a few lines under
  the headline and before the body (``2024/10/18 17:34``; ``2023.05.17`` then ``09:30``);
* ``label_after_body``: a labelled date after the body starts.

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


def _is_body(s: str, r: _Rules) -> bool:
    """A body paragraph: long enough, ends a sentence somewhere, no cookie or copyright notice."""
    return (r.body_sentence is not None and len(s) >= r.body_min and r.body_sentence.search(s) is not None
            and not any(mark in s for mark in r.not_body))


def _is_related(s: str, r: _Rules) -> bool:
    """A line opening a list of other articles (``相关新闻``, ``延伸阅读：``)."""
    return len(s) <= r.related_max and s.lstrip("·•【[（(<《 ").startswith(r.related)


def related_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Half-open spans of the lines of ``text`` inside lists of other articles: from a line
    opening one (``documents.yaml`` ``dct.related``: 延伸阅读, 热门文章) to the next line that
    ends a paragraph of the body (``dct.related_until``), the titles, dates and headings of the
    list included. The entity stage counts them as page chrome. Linear in the text."""
    r = _rules(lang)
    out: list[tuple[int, int]] = []
    if not r.related or r.related_until is None:
        return out
    inside = False
    for ln in _page_lines(text):
        if _is_related(ln.text, r):
            inside = True
        elif inside and r.related_until.search(ln.text) and _is_body(ln.text, r):
            inside = False
        if inside:
            out.append((ln.start, ln.end))
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
            and not r.sentence_end.search(s) and not _is_chrome(s, r)
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


def _date_at(m: re.Match[str], s: str, r: _Rules) -> tuple[str, str, int] | None:
    """``(date, value, end)`` of a date match and the clock time right after it, if any."""
    date = _date_from_groups(m["year"], m["month"], m["day"], r.months)
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
    and a weekday, wrapped in brackets or bars; else ``None``."""
    wrap = r.dct_wrap
    lead = _skip(wrap, s, 0)
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
        if pos == len(s):
            return date, value
    return None


def _time_line(s: str, r: _Rules) -> str | None:
    """The ``THH:MM`` of a line holding only a clock time, else ``None``."""
    if r.dct_time is None:
        return None
    t = r.dct_time.fullmatch(s)
    return _time_value(t, r) if t else None


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
    found += _dateline_evidence(head, related, r)
    return sorted(found, key=lambda ev: (ev.rank, ev.start or 0))


def _label_evidence(text: str, head: _Head, related: list[bool], r: _Rules) -> list[DctEvidence]:
    """The first labelled date before the body (``label``) and after it (``label_after_body``),
    none inside a related-news list."""
    lines = head.lines
    body_at = lines[head.body].start if head.body < len(lines) else len(text)
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
    a long line is a body paragraph, whose dates are event dates."""
    if r.dct_byline is None:
        return []
    for i in range(head.body):
        ln = head.lines[i]
        if related[i] or len(ln.text) > r.dct_byline_max or not r.dct_byline.search(ln.text):
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
    """A date line under the headline (or, with no headline, anywhere before the body)."""
    lines = head.lines
    if head.title:
        starts_at = [i + 1 for i, ln in enumerate(lines[:head.body]) if head.title in ln.text]
    else:
        starts_at = [0]
    for first in starts_at:
        ev = _dateline_after(lines, first, head.body, r.head_lines if head.title else len(lines), related, r)
        if ev is not None:
            return [ev]
    return []


def _dateline_after(lines: list[_Line], first: int, body: int, limit: int, related: list[bool],
                    r: _Rules) -> DctEvidence | None:
    for k, i in enumerate(range(first, min(body, len(lines)))):
        if k >= limit:
            return None
        if related[i]:
            continue
        ln = lines[i]
        found = _dateline(ln.text, r)
        if found is None:
            continue
        date, value = found
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


# --------------------------------------------------------------------------- documents


def document_from_text(text: str, *, doc_id: str, dct: str | None = None, lang: str | None = None,
                       path: str | None = None, title: str | None = None) -> Document:
    """Make a ``Document`` of a text, finding what it says about itself.

    * ``dct``: ``YYYY-MM-DD`` overrides (evidence ``option``); else the best evidence of the
      text (``EVIDENCE_RANKS``: a front-matter ``date:``, a labelled date, a byline date, a date
      line under the headline …); else ``None``. ``dct_source`` is the chosen evidence
      (``DctEvidence.to_dict``).
    * ``lang``: a known language overrides; ``None``/``auto`` detects it (``detect_language``).
    * script: ``Hant`` for traditional Chinese (``detect_script``), matched through
      ``matching_text``.
    * ``title``: overrides; else the front-matter title, else ``find_title``.

    The text is kept exactly, so offsets into it are offsets into the input; a lone surrogate
    (half of a UTF-16 pair, which no encoder accepts) is replaced by U+FFFD, one code point for
    one, and noted in ``Document.warnings``.
    Raises ``ValueError`` for a malformed ``dct`` or an unknown ``lang``.
    """
    return _make_document(text, doc_id=doc_id, dct=dct, dct_kind="option", lang=lang, path=path,
                          title=title)


def _make_document(text: str, *, doc_id: str, dct: str | None, dct_kind: str, lang: str | None,
                   path: str | None, title: str | None, encoding: str | None = None,
                   evidence: Sequence[DctEvidence] = (), search_text: bool = True,
                   url: str | None = None) -> Document:
    """A ``Document`` of ``text``: ``dct`` (evidence ``dct_kind``) and ``evidence`` found outside
    the text compete by rank with the evidence the text holds (front matter, then
    ``dct_evidence`` unless ``search_text`` is false)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    warnings: list[str] = []
    text = _without_surrogates(text, warnings)
    if dct is not None:
        dct = validate_dct(dct)
    language = validate_lang(lang) or detect_language(text)
    script = detect_script(text, language)
    doc = Document(id=doc_id, text=text, path=path, language=language, script=script,
                   encoding=encoding, url=article_url(url))
    doc.warnings.extend(warnings)
    match = matching_text(doc)
    try:
        meta, body_at = split_front_matter(text)
    except ValueError:
        meta, body_at = None, 0
    rules = _rules(language)
    found = list(evidence)
    if dct is not None:
        found.insert(0, DctEvidence(dct_kind, dct, dct))
    if meta:
        ev = _front_matter_evidence(text, meta, body_at, rules, in_text=True)
        if ev is not None:
            found.append(ev)
    if title is None and meta:
        value = _front_value(meta, rules.front_title)
        title = str(value).strip() if value is not None else None
    if doc.url is None and meta:
        doc.url = article_url(_front_value(meta, FRONT_MATTER_URL_KEYS))
    title_in_match = None
    if title is None:
        span = _title_span(match, language)
        if span is not None:
            title = text[span[0]:span[1]].strip().lstrip("#").strip()
            title_in_match = match[span[0]:span[1]]
    elif script and rules.opencc:
        title_in_match = convert_script(title, rules.opencc)
    else:
        title_in_match = title
    if search_text and min((e.rank for e in found), default=99) > EVIDENCE_RANKS["label"]:
        page = dct_evidence(match, language, title=title_in_match)
        found += [replace(e, text=text[e.start:e.end]) if e.start is not None else e for e in page]
    best = min(found, key=lambda e: e.rank) if found else None
    doc.dct = best.date if best else None
    doc.dct_source = best.to_dict() if best else None
    doc.title = title
    return doc


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str, warnings: list[str]) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length: offsets hold); a
    warning naming how many and where the first was is appended to ``warnings``."""
    first = _SURROGATE.search(text)
    if first is None:
        return text
    n = len(_SURROGATE.findall(text))
    warnings.append(f"{n} lone surrogate{'s' if n > 1 else ''} (half of a UTF-16 pair, e.g. an emoji "
                    f"cut in two) replaced by U+FFFD, the first at character {first.start()}")
    return _SURROGATE.sub("\ufffd", text)


DEFAULT_MAX_SIZE = budget.DEFAULT_MAX_SIZE
"""The default maximum size of one document, in bytes (``timeline.budget.DEFAULT_MAX_SIZE``)."""


@dataclass(frozen=True)
class Skipped:
    """An entry of a folder that was not read: its path (as ``display_path`` shows it), why,
    and whether that is an error (a folder that cannot be listed may hold documents) or a
    warning (a FIFO, a device, a socket, a symbolic link to nowhere: no document)."""

    path: str
    reason: str
    error: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class _TooLarge(Exception):
    """A document larger than the maximum input size."""


def display_path(path: str) -> str:
    """How a path is shown in messages and recorded in ``documents[].path``: the path itself,
    but a file name that is not valid UTF-8 (a GBK name from a Windows archive, which the
    operating system hands over with surrogate escapes) has its undecodable bytes written as
    ``\\\\xNN``. The file is still read under its real name; no encoder ever sees a surrogate."""
    if not _SURROGATE.search(path):
        return path
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return path.encode("utf-8", "backslashreplace").decode("ascii")


def size_text(n: int) -> str:
    """``16777216`` → ``16 MiB``; ``1500`` → ``1500 bytes``."""
    for unit, k in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= k and n % k == 0:
            return f"{n // k} {unit}"
    return f"{n} bytes"


def parse_size(value: str | int | None) -> int | None:
    """A size option: bytes, or a number with ``K``/``M``/``G`` (powers of 1024, ``KB``/``KiB``
    too); ``0`` means no limit (``None``). Raises ``ValueError`` with a one-line message."""
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value or None
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgG]?)(?:i?[bB])?\s*", unicodedata.normalize("NFKC", str(value)))
    if not m:
        raise ValueError(f"invalid size {value!r}: expected bytes or a number with K, M or G, e.g. 16M")
    n = int(float(m[1]) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m[2].lower()])
    return n or None


def find_sources(inputs: str | Sequence[str], *, glob: str | None = None,
                 skipped: list[Skipped] | None = None) -> list[str]:
    """List the files to read, in input order: files as given, folders walked recursively
    (sorted, hidden entries skipped, symbolic links to folders not followed) keeping the
    regular files whose path matches ``glob`` (``PurePath.match``: ``*.txt``, ``news/*.html``)
    or, without ``glob``, whose suffix is one of ``SUPPORTED_SUFFIXES``; ``-`` for standard
    input. A file reached twice is listed once. A file named explicitly is always read
    (``/dev/stdin``, ``<(command)`` included).

    In a folder, an entry that would be read but is no regular file (a FIFO, a device, a
    socket, a symbolic link to nowhere) and a subfolder that cannot be listed are not read:
    each is appended to ``skipped`` (or logged as a warning when ``skipped`` is ``None``).

    Raises ``InputError`` for a missing path, a folder with no matching document or that
    cannot be listed, ``-`` given twice, or no input at all.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [os.fspath(x) for x in inputs]
    if not inputs:
        raise InputError("no input: give files, folders or - for standard input")
    out: list[str] = []
    seen: set[str] = set()
    stdin_seen = False
    for item in inputs:
        if item == STDIN:
            if stdin_seen:
                raise InputError("-: standard input given more than once")
            stdin_seen = True
            out.append(item)
            continue
        p = Path(item)
        shown = display_path(item)
        if not p.exists():
            kind = "broken symbolic link" if p.is_symlink() else "no such file or directory"
            raise InputError(f"{shown}: {kind}")
        if p.is_dir():
            here: list[Skipped] = []
            found = _walk(p, glob, here)
            if not found:
                top = next((s for s in here if s.error and s.path == shown), None)
                if top is not None:
                    raise InputError(str(top))
                wanted = glob or ", ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
                raise InputError(f"{shown}: no documents in this folder (looked for {wanted}); "
                                 "choose files with --glob")
            if skipped is not None:
                skipped.extend(here)
            else:
                for s in here:
                    log.warning("%s", s)
        else:
            found = [item]
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _walk(folder: Path, glob: str | None, skipped: list[Skipped]) -> list[str]:
    found: list[str] = []

    def cannot_list(exc: OSError) -> None:
        where = display_path(os.fspath(exc.filename)) if exc.filename else display_path(str(folder))
        skipped.append(Skipped(where, f"cannot read this folder: {exc.strerror or exc}", error=True))

    for root, dirs, files in os.walk(folder, onerror=cannot_list):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            rel = PurePath(os.path.relpath(full, folder))
            if not (rel.match(glob) if glob is not None else rel.suffix.lower() in SUPPORTED_SUFFIXES):
                continue
            kind = _not_regular(full)
            if kind is not None:
                skipped.append(Skipped(display_path(full), f"skipped: {kind}"))
                continue
            found.append(full)
    return sorted(found, key=lambda f: PurePath(os.path.relpath(f, folder)).parts)


def _not_regular(path: str) -> str | None:
    """Why ``path`` (followed if a link) is no regular file to read, or ``None`` when it is one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "symbolic link to nowhere" if os.path.islink(path) else "vanished while the folder was read"
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return f"{kind}, not a regular file"
    return "not a regular file"


def load_documents(inputs: str | Sequence[str], *, encoding: str | None = None, glob: str | None = None,
                   dct: str | None = None, lang: str | None = None, max_size: int | None = DEFAULT_MAX_SIZE,
                   timeout: float | None = None) -> Iterator[Document | DocumentError]:
    """Read every input into documents, in input order.

    ``inputs``: files, folders (recursive, see ``find_sources``), ``-`` for standard input
    (bytes, decoded like a file; its path is ``<stdin>``). Yields a ``Document`` per document
    (a ``.jsonl`` file yields one per line, with the path ``file:line``) or a ``DocumentError``
    (path, one-line reason) for one that cannot be read: empty, binary, undecodable, no text,
    larger than ``max_size`` bytes (a JSON Lines record counts alone), slower to read than
    ``timeout`` seconds (standard input excepted: it may come from a slow pipe), a bad JSON
    line (path ``file:line``), a folder that cannot be listed. Document ids are ``d1``, ``d2`` …
    in input order; ids given in a ``.jsonl`` are kept (less control characters and lone
    surrogates), made unique with a ``-2``, ``-3`` … suffix. ``dct``/``lang``/``encoding`` apply
    to every document (see ``document_from_text`` and ``decode``).

    Raises, before anything is read: ``ValueError`` for a malformed ``dct``, an unknown ``lang``
    or ``encoding``; ``InputError`` for a missing path or a folder with no documents.
    """
    if dct is not None:
        dct = validate_dct(dct)
    lang = validate_lang(lang)
    encoding = validate_encoding(encoding)
    skipped: list[Skipped] = []
    sources = find_sources(inputs, glob=glob, skipped=skipped)
    for s in skipped:
        if not s.error:
            log.warning("%s", s)
    errors = [DocumentError(s.path, s.reason) for s in skipped if s.error]
    return read_sources(sources, encoding=encoding, dct=dct, lang=lang, max_size=max_size, timeout=timeout,
                        first=errors)


_CONTROL_ID = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff]")


class _Ids:
    """Document ids: ``d1``, ``d2`` … and given ids made unique (control characters and lone
    surrogates removed first: ids become XML ids and file names in the graph files)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.n = 0

    def auto(self) -> str:
        while True:
            self.n += 1
            if f"d{self.n}" not in self.used:
                self.used.add(f"d{self.n}")
                return f"d{self.n}"

    def given(self, doc_id: str) -> str:
        doc_id = _CONTROL_ID.sub("", doc_id).strip()
        if not doc_id:
            return self.auto()
        candidate, k = doc_id, 1
        while candidate in self.used:
            k += 1
            candidate = f"{doc_id}-{k}"
        self.used.add(candidate)
        return candidate


def _timeout_reason(exc: budget.DocumentTimeout, doing: str) -> str:
    return f"{doing} took longer than the time budget of {exc.seconds:g} s (--timeout)"


@dataclass
class Unit:
    """One document before it is decoded: the bytes of a file (or of standard input), or one
    record of a JSON Lines file already parsed. ``where`` is how messages and
    ``Document.path`` name it (``file:line`` for a record); ``given_id`` the id a record gives.
    ``read_unit`` makes the ``Document``; units are plain data, so another process can."""

    where: str
    suffix: str = ""
    data: bytes | None = None
    record: dict[str, Any] | None = None
    given_id: str | None = None

    def content(self) -> bytes:
        """The bytes that decide what this unit reads as (a store key): a file's suffix class and
        bytes, or a record's fields; not ``where`` or ``given_id``."""
        if self.data is not None:
            kind = "html" if _is_html(self.data, self.suffix) else "md" if self.suffix in _MD_SUFFIXES else "text"
            return kind.encode("ascii") + b"\0" + self.data
        import json

        fields = json.dumps(self.record, ensure_ascii=False, sort_keys=True)
        return b"record\0" + fields.encode("utf-8", "surrogatepass")


def iter_units(sources: list[str], *, encoding: str | None, dct: str | None, lang: str | None,
               max_size: int | None = DEFAULT_MAX_SIZE, timeout: float | None = None,
               first: Sequence[DocumentError] = ()) -> Iterator[Unit | DocumentError]:
    """The units of the files ``find_sources`` listed, in input order: yields ``first`` (errors
    found while listing), then a ``Unit`` or a ``DocumentError`` per document. A file is read
    as bytes (bounded by ``max_size`` bytes and ``timeout`` seconds, standard input by size
    only); a JSON Lines file a line at a time, each line parsed and checked (bounded alone)."""
    yield from first
    for src in sources:
        shown = "<stdin>" if src == STDIN else display_path(src)
        suffix = PurePath(src).suffix.lower() if src != STDIN else ""
        if suffix in _JSONL_SUFFIXES:
            yield from _load_jsonl(src, shown, encoding=encoding, dct=dct, lang=lang,
                                   max_size=max_size, timeout=timeout)
            continue
        try:
            with budget.limit(None if src == STDIN else timeout):
                data = _read_bytes(src, max_size)
        except budget.DocumentTimeout as exc:
            yield DocumentError(shown, _timeout_reason(exc, "reading it"))
            continue
        except _TooLarge:
            yield DocumentError(shown, f"larger than the maximum input size of {size_text(max_size or 0)} "
                                       "(--max-size)")
            continue
        except OSError as exc:
            yield DocumentError(shown, f"cannot read: {exc.strerror or exc}")
            continue
        yield Unit(shown, suffix, data=data)


UNREAD_ID = "\x00unit\x00"
"""The id ``read_unit`` gives a document; the reader gives it its real one (``DocumentIds``)."""


def read_unit(unit: Unit, *, encoding: str | None, dct: str | None, lang: str | None,
              timeout: float | None = None) -> Document | DocumentError:
    """The ``Document`` of ``unit`` (id ``UNREAD_ID``), or the ``DocumentError`` saying why it
    cannot be read (undecodable, no text, slower than ``timeout`` seconds …). Raises
    ``ResourceError`` for a broken rule table (the program's fault, not the document's)."""
    try:
        if unit.record is not None:
            with budget.limit(timeout):
                return _record_document(unit)
        data = cast(bytes, unit.data)
        if timeout and _is_html(data, unit.suffix):
            _trafilatura_config()   # imported outside the budget: an interrupted import is paid again
        with budget.limit(timeout):
            return _document_of_bytes(data, unit.where, unit.suffix, encoding=encoding, dct=dct, lang=lang)
    except budget.DocumentTimeout as exc:
        return DocumentError(unit.where, _timeout_reason(exc, "reading this record" if unit.record is not None
                                                          else "reading it"))
    except resources.ResourceError:
        raise  # a broken rule table is the program's fault, not the document's
    except (DecodingError, ValueError) as exc:
        return DocumentError(unit.where, str(exc))


class DocumentIds:
    """Document ids of one run, given in input order to the documents read: ``d1``, ``d2`` … and
    the ids records give, made unique (see ``load_documents``)."""

    def __init__(self) -> None:
        self._ids = _Ids()

    def next(self, unit: Unit) -> str:
        return self._ids.given(unit.given_id) if unit.given_id is not None else self._ids.auto()


def read_sources(sources: list[str], *, encoding: str | None, dct: str | None, lang: str | None,
                 max_size: int | None = DEFAULT_MAX_SIZE, timeout: float | None = None,
                 first: Sequence[DocumentError] = ()) -> Iterator[Document | DocumentError]:
    """``load_documents`` for the files ``find_sources`` listed and options already validated
    (``timeline.settings.Settings``): yields ``first`` (errors found while listing), then a
    ``Document`` or a ``DocumentError`` per document, each bounded by ``max_size`` bytes and
    ``timeout`` seconds (see ``load_documents``)."""
    ids = DocumentIds()
    for unit in iter_units(sources, encoding=encoding, dct=dct, lang=lang, max_size=max_size,
                           timeout=timeout, first=first):
        if isinstance(unit, DocumentError):
            yield unit
            continue
        doc = read_unit(unit, encoding=encoding, dct=dct, lang=lang, timeout=timeout)
        if isinstance(doc, Document):
            doc.id = ids.next(unit)
        yield doc


def _is_html(data: bytes, suffix: str) -> bool:
    return suffix in _HTML_SUFFIXES or (suffix not in SUPPORTED_SUFFIXES and bool(_HTML_SNIFF.match(data)))


def _document_of_bytes(data: bytes, shown: str, suffix: str, *,
                       encoding: str | None, dct: str | None, lang: str | None) -> Document:
    if _is_html(data, suffix):
        return _html_document(data, shown, encoding=encoding, dct=dct, lang=lang)
    text, used = decode(data, encoding=encoding)
    if suffix in _MD_SUFFIXES:
        return _markdown_document(text, shown, encoding=used, dct=dct, lang=lang)
    return _make_document(text, doc_id=UNREAD_ID, dct=dct, dct_kind="option", lang=lang,
                          path=shown, title=None, encoding=used)


def _read_bytes(src: str, max_size: int | None = None) -> bytes:
    """The bytes of a file or standard input; raises ``_TooLarge`` past ``max_size`` bytes
    (reading no more than one byte past it: ``/dev/zero`` ends at once)."""
    if src == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            if sys.stdin is None:
                raise OSError("standard input is closed")
            data = (sys.stdin.read(max_size + 1) if max_size else sys.stdin.read()).encode("utf-8", "surrogatepass")
        else:
            data = stream.read(max_size + 1) if max_size else stream.read()
    else:
        with open(src, "rb") as fh:
            if max_size:
                info = os.fstat(fh.fileno())
                if stat.S_ISREG(info.st_mode) and info.st_size > max_size:
                    raise _TooLarge
            data = fh.read(max_size + 1) if max_size else fh.read()
    if max_size and len(data) > max_size:
        raise _TooLarge
    return data


def _markdown_document(text: str, path: str, *, encoding: str, dct: str | None,
                       lang: str | None) -> Document:
    meta, body_at = split_front_matter(text)
    body = text[body_at:]
    if not body.strip():
        raise DecodingError("no text after the front matter")
    language = lang or detect_language(body)
    rules = _rules(language)
    title, evidence = None, []
    if meta:
        ev = _front_matter_evidence(text, meta, body_at, rules, in_text=False)
        if ev is not None:
            evidence.append(ev)
        found = _front_value(meta, rules.front_title)
        title = str(found).strip() if found is not None else None
    return _make_document(body, doc_id=UNREAD_ID, dct=dct, dct_kind="option", lang=language,
                          path=path, title=title, encoding=encoding, evidence=evidence,
                          url=_front_value(meta, FRONT_MATTER_URL_KEYS) if meta else None)


def _html_document(data: bytes, path: str, *, encoding: str | None, dct: str | None,
                   lang: str | None) -> Document:
    declared = None
    if encoding is None:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                name = cast(str, validate_encoding(m.group(1).decode("ascii")))
                declared = _SUPERSETS.get(name.replace("_", ""), name)
            except ValueError:
                declared = None
    html, used = None, None
    if declared:
        try:
            html, used = decode(data, encoding=declared)
        except DecodingError:
            html = None
    if html is None:
        html, used = decode(data, encoding=encoding)
    try:
        text, meta_title, meta_date, page_text, meta_url = extract_html(html)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura failures on odd markup
        raise DecodingError(f"cannot parse the HTML page: {type(exc).__name__}: {exc}") from None
    if not text.strip():
        raise DecodingError("no main text found in the HTML page")
    evidence: list[DctEvidence] = []
    if meta_date:
        evidence.append(DctEvidence("html_metadata", meta_date, meta_date))
    if dct is None and page_text:
        # The visible page (the main text and the chrome trafilatura drops, e.g. a newspaper's
        # "publication date" bar) is read for evidence; a span is kept when the main text
        # holds the same words.
        language = lang or detect_language(text)
        page_doc = Document(id="", text=page_text, language=language,
                            script=detect_script(page_text, language))
        title_in_match = meta_title
        opencc = _rules(language).opencc
        if meta_title and page_doc.script and opencc:
            title_in_match = convert_script(meta_title, opencc)
        for ev in dct_evidence(matching_text(page_doc), language, title=title_in_match):
            written = page_text[ev.start:ev.end] if ev.start is not None else ev.text
            at = text.find(written) if written else -1
            evidence.append(replace(ev, text=written, start=at if at >= 0 else None,
                                    end=at + len(written) if at >= 0 and written else None))
    return _make_document(text, doc_id=UNREAD_ID, dct=dct, dct_kind="option", lang=lang,
                          path=path, title=meta_title or None, encoding=used, evidence=evidence,
                          search_text=not page_text, url=meta_url)


@lru_cache(maxsize=1)
def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura falls back to its whole-page baseline (navigation included) below 250
    # extracted characters; a short Chinese news item says much in fewer code points.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(_HTML_MIN_EXTRACTED))
    return config


_MIN_PAGE_TEXT = 40
"""Code points (white space excluded) below which a page's main text counts as not found."""


def extract_html(html: str) -> tuple[str, str | None, str | None, str, str | None]:
    """Main text, title, publication date (``YYYY-MM-DD`` or ``None``), all visible text and
    address (the canonical ``<link>`` or ``og:url``, read by trafilatura; ``None`` when it is no
    absolute http(s) URL) of an HTML page.

    Uses trafilatura's ``bare_extraction`` (comments excluded; its ``MIN_EXTRACTED_SIZE``
    lowered to 40 code points for short items; the date through htmldate from the page's
    structured metadata only, ``extensive_search=False``, since its free-text search turns a
    copyright line ``© 2016-2024`` into ``2024-01-01``) and ``html2txt`` for the visible text,
    which stands in for a main text shorter than ``_MIN_PAGE_TEXT`` code points when it is
    itself longer (a navigation-only page has no main text). The
    returned main text is what offsets will index. The visible text returned keeps a line a
    block element (``visible_lines``), so that the page head can be read line by line.
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        config=_trafilatura_config(),
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "outputformat": "%Y-%m-%d"},
    )
    text, title, date, url = "", None, None, None
    if result is not None:
        meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = meta.get("text") or ""
        title = meta.get("title") or None
        date = _as_iso_date(meta.get("date"))
        url = article_url(meta.get("url"))
    page_text = trafilatura.html2txt(html) or ""
    if len("".join(text.split())) < _MIN_PAGE_TEXT:
        text = page_text if len("".join(page_text.split())) >= _MIN_PAGE_TEXT else ""
    return text, title, date, visible_lines(html) or page_text, url


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section summary table "
    "tbody td tfoot th thead title tr ul".split())
_HIDDEN_TAGS = frozenset("script style noscript template svg canvas iframe object".split())


def visible_lines(html: str) -> str:
    """The visible text of an HTML page, a line per block element (``<p>``, ``<div>``, ``<li>``,
    ``<br>``, ``<title>`` …), white space collapsed inside a line; ``""`` when lxml cannot parse
    it. Scripts, styles and embedded objects are left out. Iterative, so a
    deeply nested page cannot exhaust the stack."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        return ""
    parts: list[str] = []
    hidden = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        opening = event == "start"
        if tag in _HIDDEN_TAGS:
            hidden += 1 if opening else -1
            if not opening and hidden == 0 and el.tail:
                parts.append(el.tail)
            continue
        if hidden:
            continue
        if opening:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if tag is not None and el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _load_jsonl(src: str, path: str, *, encoding: str | None, dct: str | None,
                lang: str | None, max_size: int | None = DEFAULT_MAX_SIZE,
                timeout: float | None = None) -> Iterator[Unit | DocumentError]:
    """The records of a JSON Lines file (https://jsonlines.org) as units, read a line at a time.

    Lines end at ``\\n`` only (``\\r\\n`` too): U+2028, U+2029 and U+0085 are legal inside JSON
    strings and stay in the text. Each record is bounded by ``max_size`` bytes and ``timeout``
    seconds on its own. A line is decoded as UTF-8 (the format's encoding), else as ``decode``
    detects it; ``encoding`` forces one. A file starting with a UTF-16/32 byte order mark is
    decoded whole (bounded by ``max_size`` as one input)."""
    try:
        fh = open(src, "rb")
    except OSError as exc:
        yield DocumentError(path, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            head = fh.peek(4)[:4]
        except OSError as exc:
            yield DocumentError(path, f"cannot read: {exc.strerror or exc}")
            return
        if not head:
            yield DocumentError(path, "empty file")
            return
        wide = bool(encoding) and codecs.lookup(cast(str, encoding)).name.startswith(("utf-16", "utf-32"))
        if head.startswith(_UNICODE_BOMS) or wide:
            try:
                data = fh.read(max_size + 1) if max_size else fh.read()
                if max_size and len(data) > max_size:
                    raise _TooLarge
                text, used = decode(data, encoding=encoding)
            except _TooLarge:
                yield DocumentError(path, f"larger than the maximum input size of {size_text(max_size or 0)} "
                                          "(--max-size)")
                return
            except (DecodingError, OSError) as exc:
                yield DocumentError(path, str(exc) if isinstance(exc, DecodingError) else f"cannot read: {exc}")
                return
            lines: Iterator[bytes | str | None] = iter(text.split("\n"))
        else:
            lines = _binary_lines(fh, max_size)
            used = None
        seen_text = False
        lineno = 0
        while True:
            try:
                raw = next(lines, ...)
            except OSError as exc:
                yield DocumentError(f"{path}:{lineno + 1}", f"cannot read: {exc.strerror or exc}")
                return
            if raw is ...:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if raw is None:
                seen_text = True
                yield DocumentError(where, f"record larger than the maximum input size of "
                                           f"{size_text(max_size or 0)} (--max-size)")
                continue
            try:
                with budget.limit(timeout):
                    item = _jsonl_record(raw, where, encoding=encoding, used=used, dct=dct,
                                     lang=lang, first=lineno == 1)
            except budget.DocumentTimeout as exc:
                item = DocumentError(where, _timeout_reason(exc, "reading this record"))
            if item is None:
                continue
            seen_text = True
            yield item
        if not seen_text:
            yield DocumentError(path, "no text (only whitespace)")


def _binary_lines(fh: Any, max_size: int | None) -> Iterator[bytes | None]:
    """Lines of a binary stream split at ``\\n`` only; ``None`` for a line longer than
    ``max_size`` bytes (whose rest is skipped unread into memory)."""
    while True:
        line = fh.readline(max_size + 1) if max_size else fh.readline()
        if not line:
            return
        if max_size and len(line) > max_size and not line.endswith(b"\n"):
            while True:
                chunk = fh.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _decode_line(raw: bytes, *, encoding: str | None, first: bool) -> tuple[str, str | None]:
    """``(text, encoding)`` of one JSON Lines line: ``encoding`` if given, else UTF-8, else what
    ``decode`` detects; a first line loses its UTF-8 BOM. Raises ``DecodingError``."""
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if not raw.strip():
        return "", None
    if b"\x00" in raw:
        raise DecodingError("binary data (contains NUL bytes), not a JSON line")
    try:
        return (raw.decode(encoding), encoding) if encoding else (raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if encoding:
            raise DecodingError(f"cannot decode as {encoding} ({exc.reason} at byte {exc.start}); "
                                f"{_ENCODING_HINT}") from None
    return decode(raw)


def _jsonl_record(raw: bytes | str, where: str, *, encoding: str | None, used: str | None,
                  dct: str | None, lang: str | None, first: bool) -> Unit | DocumentError | None:
    """One line of a JSON Lines file as a unit (its record parsed and checked), an error, or
    ``None`` for a blank line."""
    import json

    if isinstance(raw, bytes):
        try:
            line, used = _decode_line(raw, encoding=encoding, first=first)
        except DecodingError as exc:
            return DocumentError(where, str(exc))
    else:
        line = raw
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return DocumentError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return DocumentError(where, "invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return DocumentError(where, 'expected a JSON object {"id", "text", "dct"}')
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        return DocumentError(where, 'no text: "text" must be a non-empty string')
    line_dct, kind = dct, "option"
    if line_dct is None and obj.get("dct") not in (None, ""):
        try:
            line_dct, kind = validate_dct(str(obj["dct"])), "jsonl"
        except ValueError as exc:
            return DocumentError(where, str(exc))
    given = obj.get("id")
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    record = {"text": body, "dct": line_dct, "dct_kind": kind, "lang": lang or obj.get("lang") or None,
              "title": title, "encoding": used, "url": obj.get("url")}
    return Unit(where, ".jsonl", record=record, given_id=None if given in (None, "") else str(given))


def _record_document(unit: Unit) -> Document:
    """The document of a JSON Lines record (``_jsonl_record``); raises ``ValueError``."""
    r = cast(dict, unit.record)
    title = r["title"]
    if title is not None:
        title = _SURROGATE.sub("\ufffd", title)
    return _make_document(r["text"], doc_id=UNREAD_ID, dct=r["dct"], dct_kind=r["dct_kind"], lang=r["lang"],
                          path=unit.where, title=title, encoding=r["encoding"], url=r["url"])
