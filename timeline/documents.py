"""Read inputs into ``Document`` objects: files, folders, standard input, JSON Lines, HTML, Markdown.

The first stage of the pipeline (see ``docs/architecture.md``). It decides what text every
later offset indexes, finds the document creation time (DCT, TimeML's ``DCT``), the language
and the script of each document.

What ``Document.text`` is, by input kind:

* ``.txt`` (and any file of an unknown suffix, or ``-`` for standard input): the decoded file
  exactly, less a leading byte order mark (BOM). Offsets index the text *without* the BOM: a
  span ``(0, 2)`` is the first two characters after it.
* ``.md``: the decoded file after its YAML front matter (the block between a first line ``---``
  and the next ``---`` line); ``date:`` and ``title:`` of the front matter give the DCT and the
  title.
* ``.html``/``.htm``: the main text extracted by trafilatura (page chrome dropped); its date
  extraction (htmldate) gives the DCT. Offsets index this extracted text, which
  ``events.json`` keeps in ``documents[].text``.
* ``.jsonl`` (JSON Lines, https://jsonlines.org): one object ``{"id", "text", "dct"?,
  "title"?, "lang"?}`` a line; each line is a document.

Bytes are decoded as UTF-8 (with or without BOM), UTF-16/32 with a BOM, or, failing UTF-8,
as the encoding charset-normalizer detects (GB18030 for the GB2312/GBK family, Big5); an
``encoding`` argument forces one. Decoding is always strict: a text never contains U+FFFD
introduced by decoding. Inputs are only ever opened for reading.

Language knowledge (DCT labels, front-matter keys, page-chrome markers, how to recognise a
language and its traditional script) is data: ``timeline/resources/<lang>/documents.yaml``.
"""
from __future__ import annotations

import codecs
import datetime as _dt
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, cast

from . import resources
from .model import Document, DocumentError
from .resources import schema

__all__ = [
    "load_documents", "read_sources", "document_from_text", "matching_text", "convert_script", "find_sources", "decode",
    "detect_language", "detect_script", "find_dct", "find_title", "split_front_matter",
    "extract_html", "validate_dct", "validate_lang", "validate_encoding", "known_languages",
    "InputError", "DecodingError", "SUPPORTED_SUFFIXES", "STDIN",
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
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
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
    without_letters: bool
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


_SCHEMA = schema.Map({
    "detect": schema.Map({"letters": schema.Regex(), "min_share": schema.Num(), "weight": schema.Num(),
                          "default": schema.Bool(), "without_letters": schema.Bool()},
                         required=("letters", "min_share")),
    "script": schema.Map({"name": schema.Str(), "opencc": schema.Str(), "min_changed_share": schema.Num(),
                          "min_changed": schema.Int()},
                         required=("name", "opencc", "min_changed_share", "min_changed")),
    "dct": schema.Map({
        "labels": schema.Words(), "separator": schema.Str(empty=True), "word_boundary": schema.Bool(),
        "formats": schema.List(schema.Map({"name": schema.Str(), "pattern": schema.Str()},
                                          required=("name", "pattern")), label="name"),
        "byline_words": schema.Words(), "byline_max_chars": schema.Int(),
        "months": schema.Dict(schema.Int(min=1, max=12)), "search_chars": schema.Int(),
    }, required=("labels", "separator", "formats", "search_chars")),
    "front_matter": schema.Map({"date": schema.Words(), "title": schema.Words()}, required=("date", "title")),
    "title": schema.Map({"min_chars": schema.Int(), "max_chars": schema.Int(), "sentence_end": schema.Regex(),
                         "chrome": schema.Words(), "chrome_patterns": schema.List(schema.Regex())},
                        required=("min_chars", "max_chars", "sentence_end")),
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
    return _Rules(
        lang=lang, letters=detect["letters"],
        min_share=float(detect["min_share"]),
        weight=float(detect.get("weight", 1)),
        default=detect.get("default", False),
        without_letters=detect.get("without_letters", False),
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
        sentence_end=title["sentence_end"],
        chrome=tuple(title.get("chrome", [])),
        chrome_patterns=tuple(title.get("chrome_patterns", [])),
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

    Returns the value unchanged. Raises ``ValueError`` with a one-line message otherwise
    (``2017-8-28``, ``2017-02-30``, ``28/08/2017`` are refused).
    """
    m = _ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if m:
        try:
            _dt.date(int(m[1]), int(m[2]), int(m[3]))
            return value.strip()
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
    """The language of a text: the one whose ``detect.letters`` class holds the largest share
    (at least its ``min_share``) of the letters of the first 5000 code points, each letter of a
    class counted ``detect.weight`` times (a Chinese character says about as much as a Latin
    word of four letters, so a Chinese article with an English paragraph stays Chinese); a text
    without any letter (``2010/01/29``) gets the language marked ``without_letters``; else the
    language marked ``default``. Returns a resource folder name (``zh``, ``en``)."""
    rules = _all_rules()
    if not rules:
        raise resources.ResourceError(f"{resources.ROOT}: no language has a {_RESOURCE}")
    sample = text[:5000]
    counts = {r.lang: len(r.letters.findall(sample)) for r in rules}
    n = sum(1 for c in sample if c.isalpha()) + sum((r.weight - 1) * counts[r.lang] for r in rules)
    best, best_share = None, -1.0
    if n:
        for r in rules:
            share = r.weight * counts[r.lang] / n
            if share >= r.min_share and share > best_share:
                best, best_share = r.lang, share
    if best is None and not n:  # no letters at all (2010/01/29): see detect.without_letters
        best = next((r.lang for r in rules if r.without_letters), None)
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


def find_dct(text: str, lang: str) -> str | None:
    """The document creation time of a page as ``YYYY-MM-DD``, or ``None``.

    Looks within the first ``dct.search_chars`` code points of ``text``: first for a labelled
    date (``出版日期: 2017-08-28``, ``发布时间：2017年8月28日``); failing that, for the first full
    date on a *byline line*, a line that also holds a byline word such as ``来源`` or ``作者``
    (``2018年04月03日 来源：某某日报``). Labels, byline words and date formats come from
    ``resources/<lang>/documents.yaml``; a match that is not a real calendar date is skipped.
    """
    r = _rules(lang)
    head = text[:r.search_chars]
    best: tuple[int, str] | None = None
    for _name, rx in r.dct_patterns:
        for m in rx.finditer(head):
            if best is not None and m.start() >= best[0]:
                break
            value = _date_from_groups(m["year"], m["month"], m["day"], r.months)
            if value:
                best = (m.start(), value)
                break
    if best is None and r.dct_byline is not None:
        best = _byline_date(head, r)
    return best[1] if best else None


def _byline_date(head: str, r: _Rules) -> tuple[int, str] | None:
    """The first full date on a short line (``dct.byline_max_chars``) of ``head`` that also
    holds a byline field (a byline word and a colon: ``来源：``); a long line is a body
    paragraph, whose dates are event dates."""
    pos = 0
    for line in head.splitlines(keepends=True):
        if len(line.strip()) <= r.dct_byline_max and cast(re.Pattern[str], r.dct_byline).search(line):
            found = []
            for rx in r.dct_bare:
                for m in rx.finditer(line):
                    value = _date_from_groups(m["year"], m["month"], m["day"], r.months)
                    if value:
                        found.append((pos + m.start(), value))
                        break
            if found:
                return min(found)
        pos += len(line)
    return None


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


def _front_value(meta: dict[str, Any], keys: Iterable[str]) -> Any:
    lowered = {str(k).casefold(): v for k, v in meta.items()}
    for k in keys:
        if k.casefold() in lowered and lowered[k.casefold()] not in (None, ""):
            return lowered[k.casefold()]
    return None


def find_title(text: str, lang: str, *, match: str | None = None) -> str | None:
    """The title of a page: the longest heading-like line before the first body line (a line
    ending a sentence), else the first heading-like line; ``None`` if there is none.

    A heading-like line has ``title.min_chars``..``max_chars`` code points once trimmed, at
    least two letters, is not page chrome (``title.chrome`` markers and patterns), not a
    labelled date line, and does not end a sentence. Only the first ``dct.search_chars`` code
    points are read. ``match`` is the matching text of the same length (simplified copy) used
    to recognise markers; the returned title is the original text, less Markdown ``#`` marks.
    """
    r = _rules(lang)
    match = text if match is None else match
    pos = 0
    before_body: list[tuple[int, int]] = []
    first: tuple[int, int] | None = None
    body_seen = False
    for line in match[:r.search_chars].splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        s = line.strip()
        if not s:
            continue
        if r.sentence_end.search(s):
            body_seen = True
        if not (r.title_min <= len(s) <= r.title_max):
            continue
        if sum(1 for c in s if c.isalpha()) < 2 or r.sentence_end.search(s):
            continue
        if any(mark in s for mark in r.chrome) or any(p.search(s) for p in r.chrome_patterns):
            continue
        if any(rx.search(s) for _n, rx in r.dct_patterns):
            continue
        first = first or (start, pos)
        if not body_seen:
            before_body.append((start, pos))
    if before_body:
        first = max(before_body, key=lambda span: len(match[span[0]:span[1]].strip()))
    if first is None:
        return None
    return text[first[0]:first[1]].strip().lstrip("#").strip()  # a Markdown ATX heading's marks


# --------------------------------------------------------------------------- documents


def document_from_text(text: str, *, doc_id: str, dct: str | None = None, lang: str | None = None,
                       path: str | None = None, title: str | None = None) -> Document:
    """Make a ``Document`` of a text, finding what it says about itself.

    * ``dct``: ``YYYY-MM-DD`` overrides (``dct_source="option"``); else a front-matter
      ``date:`` at the top of the text (``metadata``); else the first labelled date of the
      first part of the page (``page``, see ``find_dct``); else ``None``.
    * ``lang``: a known language overrides; ``None``/``auto`` detects it (``detect_language``).
    * script: ``Hant`` for traditional Chinese (``detect_script``), matched through
      ``matching_text``.
    * ``title``: overrides; else the front-matter title, else ``find_title``.

    The text is kept exactly (no normalisation), so offsets into it are offsets into the input.
    Raises ``ValueError`` for a malformed ``dct`` or an unknown ``lang``.
    """
    return _make_document(text, doc_id=doc_id, dct=dct, dct_source="option" if dct else None,
                          lang=lang, path=path, title=title)


def _make_document(text: str, *, doc_id: str, dct: str | None, dct_source: str | None,
                   lang: str | None, path: str | None, title: str | None,
                   encoding: str | None = None) -> Document:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if dct is not None:
        dct = validate_dct(dct)
    language = validate_lang(lang) or detect_language(text)
    script = detect_script(text, language)
    doc = Document(id=doc_id, text=text, path=path, language=language, script=script,
                   encoding=encoding)
    match = matching_text(doc)
    try:
        meta, _ = split_front_matter(text)
    except ValueError:
        meta = None
    rules = _rules(language)
    if dct is None and meta:
        dct = _as_iso_date(_front_value(meta, rules.front_date))
        dct_source = "metadata" if dct else None
    if dct is None:
        dct = find_dct(match, language)
        dct_source = "page" if dct else None
    if title is None and meta:
        found = _front_value(meta, rules.front_title)
        title = str(found).strip() if found is not None else None
    if title is None:
        title = find_title(text, language, match=match)
    doc.dct, doc.dct_source, doc.title = dct, dct_source, title
    return doc


def find_sources(inputs: str | Sequence[str], *, glob: str | None = None) -> list[str]:
    """List the files to read, in input order: files as given, folders walked recursively
    (sorted, hidden entries skipped, symbolic links to folders not followed) keeping the files
    whose path matches ``glob`` (``PurePath.match``: ``*.txt``, ``news/*.html``) or, without
    ``glob``, whose suffix is one of ``SUPPORTED_SUFFIXES``; ``-`` for standard input.
    A file reached twice is listed once.

    Raises ``InputError`` for a missing path, a folder with no matching document, ``-`` given
    twice, or no input at all.
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
        if not p.exists():
            kind = "broken symbolic link" if p.is_symlink() else "no such file or directory"
            raise InputError(f"{item}: {kind}")
        if p.is_dir():
            found = _walk(p, glob)
            if not found:
                wanted = glob or ", ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
                raise InputError(f"{item}: no documents in this folder (looked for {wanted}); "
                                 "choose files with --glob")
        else:
            found = [item]
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _walk(folder: Path, glob: str | None) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            rel = PurePath(os.path.relpath(full, folder))
            if glob is not None:
                if rel.match(glob):
                    found.append(full)
            elif rel.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(full)
    return sorted(found, key=lambda f: PurePath(os.path.relpath(f, folder)).parts)


def load_documents(inputs: str | Sequence[str], *, encoding: str | None = None, glob: str | None = None,
                   dct: str | None = None, lang: str | None = None) -> Iterator[Document | DocumentError]:
    """Read every input into documents, in input order.

    ``inputs``: files, folders (recursive, see ``find_sources``), ``-`` for standard input
    (bytes, decoded like a file; its path is ``<stdin>``). Yields a ``Document`` per document
    (a ``.jsonl`` file yields one per line, with the path ``file:line``) or a ``DocumentError``
    (path, one-line reason) for one that cannot be read:
    empty, binary, undecodable, no text, a bad JSON line (path ``file:line``). Document ids are
    ``d1``, ``d2`` … in input order; ids given in a ``.jsonl`` are kept, made unique with a
    ``-2``, ``-3`` … suffix. ``dct``/``lang``/``encoding`` apply to every document (see
    ``document_from_text`` and ``decode``).

    Raises, before anything is read: ``ValueError`` for a malformed ``dct``, an unknown ``lang``
    or ``encoding``; ``InputError`` for a missing path or a folder with no documents.
    """
    if dct is not None:
        dct = validate_dct(dct)
    lang = validate_lang(lang)
    encoding = validate_encoding(encoding)
    sources = find_sources(inputs, glob=glob)
    return read_sources(sources, encoding=encoding, dct=dct, lang=lang)


class _Ids:
    """Document ids: ``d1``, ``d2`` … and given ids made unique."""

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
        candidate, k = doc_id, 1
        while candidate in self.used:
            k += 1
            candidate = f"{doc_id}-{k}"
        self.used.add(candidate)
        return candidate


def read_sources(sources: list[str], *, encoding: str | None, dct: str | None,
                 lang: str | None) -> Iterator[Document | DocumentError]:
    """``load_documents`` for the files ``find_sources`` listed and options already validated
    (``timeline.settings.Settings``): yields a ``Document`` or a ``DocumentError`` per document."""
    ids = _Ids()
    for src in sources:
        shown = "<stdin>" if src == STDIN else src
        try:
            data = _read_bytes(src)
        except OSError as exc:
            yield DocumentError(shown, f"cannot read: {exc.strerror or exc}")
            continue
        suffix = PurePath(src).suffix.lower() if src != STDIN else ""
        if suffix in _JSONL_SUFFIXES:
            yield from _load_jsonl(data, shown, ids, encoding=encoding, dct=dct, lang=lang)
            continue
        try:
            if suffix in _HTML_SUFFIXES or (suffix not in SUPPORTED_SUFFIXES and _HTML_SNIFF.match(data)):
                doc = _html_document(data, shown, ids, encoding=encoding, dct=dct, lang=lang)
            else:
                text, used = decode(data, encoding=encoding)
                if suffix in _MD_SUFFIXES:
                    doc = _markdown_document(text, shown, ids, encoding=used, dct=dct, lang=lang)
                else:
                    doc = _make_document(text, doc_id=ids.auto(), dct=dct,
                                         dct_source="option" if dct else None, lang=lang,
                                         path=shown, title=None, encoding=used)
        except resources.ResourceError:
            raise  # a broken rule table is the program's fault, not the document's
        except (DecodingError, ValueError) as exc:
            yield DocumentError(shown, str(exc))
            continue
        yield doc


def _read_bytes(src: str) -> bytes:
    if src == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            if sys.stdin is None:
                raise OSError("standard input is closed")
            return sys.stdin.read().encode("utf-8")
        return stream.read()
    with open(src, "rb") as fh:
        return fh.read()


def _markdown_document(text: str, path: str, ids: _Ids, *, encoding: str, dct: str | None,
                       lang: str | None) -> Document:
    meta, body_at = split_front_matter(text)
    body = text[body_at:]
    if not body.strip():
        raise DecodingError("no text after the front matter")
    language = lang or detect_language(body)
    rules = _rules(language)
    source = "option" if dct else None
    title = None
    if meta:
        if dct is None:
            dct = _as_iso_date(_front_value(meta, rules.front_date))
            source = "metadata" if dct else None
        found = _front_value(meta, rules.front_title)
        title = str(found).strip() if found is not None else None
    return _make_document(body, doc_id=ids.auto(), dct=dct, dct_source=source, lang=language,
                          path=path, title=title, encoding=encoding)


def _html_document(data: bytes, path: str, ids: _Ids, *, encoding: str | None, dct: str | None,
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
        text, meta_title, meta_date, page_text = extract_html(html)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura failures on odd markup
        raise DecodingError(f"cannot parse the HTML page: {type(exc).__name__}: {exc}") from None
    if not text.strip():
        raise DecodingError("no main text found in the HTML page")
    source = "option" if dct else None
    if dct is None and page_text:
        # A labelled date anywhere in the visible page (the main text or the chrome that
        # trafilatura drops, e.g. a newspaper's "publication date" bar) says what the page says.
        language = lang or detect_language(text)
        page_doc = Document(id="", text=page_text, language=language,
                            script=detect_script(page_text, language))
        dct = find_dct(matching_text(page_doc), language)
        source = "page" if dct else None
    if dct is None and meta_date:
        dct, source = meta_date, "metadata"
    return _make_document(text, doc_id=ids.auto(), dct=dct, dct_source=source, lang=lang,
                          path=path, title=meta_title or None, encoding=used)


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


def extract_html(html: str) -> tuple[str, str | None, str | None, str]:
    """Main text, title, publication date (``YYYY-MM-DD`` or ``None``) and all visible text of
    an HTML page.

    Uses trafilatura's ``bare_extraction`` (comments excluded; its ``MIN_EXTRACTED_SIZE``
    lowered to 40 code points for short items; the date through htmldate from the page's
    structured metadata only, ``extensive_search=False``, since its free-text search turns a
    copyright line ``© 2016-2024`` into ``2024-01-01``) and ``html2txt`` for the visible text,
    which stands in for a main text shorter than ``_MIN_PAGE_TEXT`` code points when it is
    itself longer (a navigation-only page has no main text). The
    returned main text is what offsets will index.
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        config=_trafilatura_config(),
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "outputformat": "%Y-%m-%d"},
    )
    text, title, date = "", None, None
    if result is not None:
        meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = meta.get("text") or ""
        title = meta.get("title") or None
        date = _as_iso_date(meta.get("date"))
    page_text = trafilatura.html2txt(html) or ""
    if len("".join(text.split())) < _MIN_PAGE_TEXT:
        text = page_text if len("".join(page_text.split())) >= _MIN_PAGE_TEXT else ""
    return text, title, date, page_text


def _load_jsonl(data: bytes, path: str, ids: _Ids, *, encoding: str | None, dct: str | None,
                lang: str | None) -> Iterator[Document | DocumentError]:
    import json

    try:
        text, used = decode(data, encoding=encoding)
    except DecodingError as exc:
        yield DocumentError(path, str(exc))
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{lineno}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict):
            yield DocumentError(where, 'expected a JSON object {"id", "text", "dct"}')
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield DocumentError(where, 'no text: "text" must be a non-empty string')
            continue
        line_dct, source = dct, "option" if dct else None
        if line_dct is None and obj.get("dct") not in (None, ""):
            try:
                line_dct, source = validate_dct(str(obj["dct"])), "jsonl"
            except ValueError as exc:
                yield DocumentError(where, str(exc))
                continue
        given = obj.get("id")
        doc_id = ids.given(str(given)) if given not in (None, "") else ids.auto()
        line_lang = lang or obj.get("lang") or None
        title = obj.get("title") if isinstance(obj.get("title"), str) else None
        try:
            yield _make_document(body, doc_id=doc_id, dct=line_dct, dct_source=source,
                                 lang=line_lang, path=where, title=title, encoding=used)
        except resources.ResourceError:
            raise
        except ValueError as exc:
            yield DocumentError(where, str(exc))
