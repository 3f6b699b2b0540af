"""The rule table of the document stage: ``resources/<lang>/documents.yaml``, loaded and checked.

``_rules(lang)`` is the compiled table of one language (``_Rules``; ``ResourceError`` naming the
file and the key on a fault), ``known_languages()`` the languages a document can be read in,
``validate_lang`` checks a language option against them. The letters of a language's script and
its sentence ends are read from its text table (``timeline.text``, ``resources/<lang>/text.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from .. import resources
from ..resources import schema
from ..resources.compiled import re_compile
from ..text import load_rules as text_rules

_RESOURCE = "documents.yaml"


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
    dct_credit: re.Pattern[str] | None     # a source credit in brackets before a date (（某某社20250922 17:22）)
    dct_credit_close: re.Pattern[str] | None
    year_offsets: dict[str, int]           # format pattern -> what its year adds (an era's: ROC 1911)
    dct_byline_max: int
    dct_bare: tuple[re.Pattern[str], ...]
    dct_url: tuple[re.Pattern[str], ...]
    link_bullets: tuple[str, ...]
    link_list_min: int
    months: dict[str, int]
    front_date: tuple[str, ...]
    front_title: tuple[str, ...]
    title_min: int
    title_max: int
    sentence_end: re.Pattern[str]      # a line ending so is no headline
    sentence_stop: re.Pattern[str]     # a headline ending with a question or exclamation mark holds none
    sentence_mid: re.Pattern[str]      # a sentence end no headline holds (。), anywhere
    chrome: tuple[str, ...]
    chrome_patterns: tuple[re.Pattern[str], ...]
    title_separators: re.Pattern[str] | None
    dct_time: re.Pattern[str] | None
    dct_pm: frozenset[str]
    dct_weekday: re.Pattern[str] | None
    dct_wrap: re.Pattern[str]
    dct_before: re.Pattern[str] | None     # a field before a date line's date (an address, a column)
    dct_after: re.Pattern[str] | None      # a field after it (the source's name)
    dct_edition: re.Pattern[str] | None    # an e-paper's page number (第02版)
    body_sentence: re.Pattern[str] | None
    body_min: int
    head_lines: int
    related: tuple[str, ...]
    related_max: int
    related_until: re.Pattern[str] | None
    not_body: tuple[str, ...]
    caption: re.Pattern[str] | None        # a photo caption's closing credit (（某某提供）): no body line
    end_marks: frozenset[str]              # a line ending a press release (完): its date line follows
    no_letters: bool


_SCHEMA = schema.Map({
    "detect": schema.Map({"min_share": schema.Num(), "weight": schema.Num(), "default": schema.Bool(),
                          "no_letters": schema.Bool()}, required=("min_share",)),
    "script": schema.Map({"name": schema.Str(), "opencc": schema.Str(), "min_changed_share": schema.Num(),
                          "min_changed": schema.Int()},
                         required=("name", "opencc", "min_changed_share", "min_changed")),
    "dct": schema.Map({
        "labels": schema.Words(), "separator": schema.Str(empty=True), "word_boundary": schema.Bool(),
        "formats": schema.List(schema.Map({"name": schema.Str(), "pattern": schema.Str(),
                                           "year_offset": schema.Int()},
                                          required=("name", "pattern")), label="name"),
        "byline_words": schema.Words(), "byline_max_chars": schema.Int(),
        "months": schema.Dict(schema.Int(min=1, max=12)), "search_chars": schema.Int(),
        "time": schema.Str(), "pm": schema.Words(), "weekday": schema.Str(), "dateline_wrap": schema.Str(),
        "dateline_before": schema.Str(), "dateline_after": schema.Str(), "edition": schema.Str(),
        "label_patterns": schema.List(schema.Regex()),
        "body_sentence": schema.Regex(), "body_min_chars": schema.Int(min=1), "not_body": schema.Words(),
        "head_lines": schema.Int(min=1), "related": schema.Words(), "related_max_chars": schema.Int(min=1),
        "related_until": schema.Regex(),
        "url_formats": schema.List(schema.Regex(groups=("year", "month", "day"))),
        "link_bullets": schema.Words(), "link_list_min": schema.Int(min=2),
        "byline_marks": schema.List(schema.Regex()), "credit_open": schema.Str(), "credit_close": schema.Str(),
        "caption": schema.Regex(), "end_marks": schema.Words(),
    }, required=("labels", "separator", "formats", "search_chars")),
    "front_matter": schema.Map({"date": schema.Words(), "title": schema.Words()}, required=("date", "title")),
    "title": schema.Map({"min_chars": schema.Int(), "max_chars": schema.Int(),
                         "body_line_ends": schema.Words(chars=True), "chrome": schema.Words(),
                         "chrome_patterns": schema.List(schema.Regex()), "separators": schema.Regex(),
                         "headline_ends": schema.Words(chars=True)},
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
    label_alt = "|".join([re.escape(x) for x in sorted(set(dct["labels"]), key=len, reverse=True)]
                         + [f"(?:{rx.pattern})" for rx in dct.get("label_patterns", [])])
    prefix = (r"(?<![^\W\d_])" if boundary else "") + f"(?:{label_alt})" + dct["separator"]
    flags = re.IGNORECASE if boundary else 0
    patterns, bare = [], []
    offsets: dict[str, int] = {}
    for i, fmt in enumerate(dct["formats"]):
        where, name = f"dct.formats[{i}]", fmt["name"]
        try:
            rx = re_compile(prefix + "(?:" + fmt["pattern"] + ")", flags)
            bare.append(re_compile(fmt["pattern"], flags))
        except re.error as exc:
            raise table.error(where + ".pattern", f"regex does not compile: {exc} (name {name!r})") from None
        missing = {"year", "month", "day"} - set(rx.groupindex)
        if missing:
            raise table.error(where + ".pattern", f"pattern lacks the named group(s) {sorted(missing)} "
                                                  f"(name {name!r})")
        patterns.append((name, rx))
        if fmt.get("year_offset"):
            offsets[rx.pattern] = offsets[bare[-1].pattern] = int(fmt["year_offset"])
    byline_words = dct.get("byline_words", [])
    # a byline word and its colon (来源：), or a mark written without one (文/某某)
    alts = [f"(?:{rx.pattern})" for rx in dct.get("byline_marks", [])]
    if byline_words:
        alts.insert(0, "(?:" + "|".join(re.escape(w) for w in byline_words) + r")[ \t\u00a0\u3000]*[:：]")
    byline = re_compile("|".join(alts), flags) if alts else None
    months = {str(k).casefold(): v for k, v in dct.get("months", {}).items()}
    front, title = table["front_matter"], table["title"]
    written = text_rules(lang)      # how the language is written: its letters, its sentence ends
    if written is None:
        raise resources.ResourceError(f"{resources.path(lang, 'text.yaml')}: resource file not found "
                                      f"({_RESOURCE} reads the language's letters and sentence ends there)")
    stops = sorted(written.sentence_end | set(title.get("body_line_ends", [])))
    ends = [c for c in stops if c not in set(title.get("headline_ends", []))]

    def compiled(key: str, pattern: str | None, groups: tuple[str, ...] = ()) -> re.Pattern[str] | None:
        if pattern is None:
            return None
        try:
            rx = re_compile(pattern, flags)
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
        dct_patterns=tuple(patterns), dct_byline=byline, year_offsets=offsets,
        dct_credit=compiled("dct.credit_open", dct.get("credit_open")),
        dct_credit_close=compiled("dct.credit_close", dct.get("credit_close")),
        caption=dct.get("caption"), end_marks=frozenset(dct.get("end_marks", [])), dct_bare=tuple(bare), months=months,
        dct_url=tuple(dct.get("url_formats", [])),
        link_bullets=tuple(dct.get("link_bullets", [])), link_list_min=int(dct.get("link_list_min", 3)),
        front_date=tuple(front["date"]),
        front_title=tuple(front["title"]),
        title_min=int(title["min_chars"]),
        title_max=int(title["max_chars"]),
        sentence_end=re_compile("[" + "".join(re.escape(c) for c in ends) + "]$"),
        sentence_stop=re_compile("[" + "".join(re.escape(c) for c in stops) + "]"),
        sentence_mid=re_compile("[" + "".join(re.escape(c) for c in ends) + "]"),
        chrome=tuple(title.get("chrome", [])),
        chrome_patterns=tuple(title.get("chrome_patterns", [])),
        title_separators=title.get("separators"),
        dct_time=time_rx,
        dct_pm=frozenset(dct.get("pm", [])),
        dct_weekday=compiled("dct.weekday", dct.get("weekday")),
        dct_wrap=cast(re.Pattern[str], wrap),
        dct_before=compiled("dct.dateline_before", dct.get("dateline_before")),
        dct_after=compiled("dct.dateline_after", dct.get("dateline_after")),
        dct_edition=compiled("dct.edition", dct.get("edition")),
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


def validate_lang(value: str | None) -> str | None:
    """``None``/``auto`` → ``None`` (detect per document); a known language is returned as is.
    Raises ``ValueError`` naming the known languages otherwise."""
    if value is None or value == "auto":
        return None
    known = known_languages()
    if value not in known:
        raise ValueError(f"unknown language {value!r}: expected auto or one of {', '.join(known)}")
    return value
