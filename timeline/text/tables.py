"""The text table of a language (``timeline/resources/<lang>/text.yaml``), loaded and validated
into one immutable ``TextRules``: its script and letters, sentence and clause boundaries,
brackets and quotes, range connectors. ``load_rules(lang)`` and ``scripts()`` are cached.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import resources
from ..resources.checks import fail, load, mapping, only_keys, regex, strings

__all__ = ["FILE", "Script", "TextRules", "load_rules", "scripts"]

FILE = "text.yaml"
_KEYS = {"script", "foreign_paragraphs", "sentence_end", "segmenter_sentence_end", "clause_end",
         "numeric_separators", "word_internal", "abbreviations", "brackets", "opaque_brackets",
         "speech_quotes", "leading_marks", "range_connectors", "range_connectors_not_for_events"}
_ISO_15924 = re.compile(r"[A-Z][a-z]{3}")


@dataclass(frozen=True)
class Script:
    """A script (ISO 15924 ``code``): the characters that are its ``letters``, the ``weight`` of
    one letter when a paragraph's script is decided, and every character a passage in it is
    written with (``chars``, ``None`` when the table does not say)."""

    code: str
    letters: re.Pattern
    weight: int = 1
    chars: re.Pattern | None = None


@dataclass(frozen=True)
class TextRules:
    """The validated ``text.yaml`` of one language."""

    lang: str
    script: Script
    sentence_end: frozenset[str]            # end a sentence for every reader
    segmenter_sentence_end: frozenset[str]  # end one for the segmenter only, with its exceptions
    clause_end: frozenset[str]
    numeric_separators: frozenset[str]
    word_internal: frozenset[str]
    abbreviations: tuple[str, ...]
    closers: dict[str, str]                 # opening bracket -> closing bracket
    opaque: frozenset[str]                  # opening brackets of titles
    speech_open: frozenset[str]             # opening quotes of quoted speech, read as text
    speech_after: tuple[str, ...]           # what stands before quoted speech (line start aside)
    leading_marks: re.Pattern | None = None  # bullets and symbols opening a clause ("■", "【】")
    foreign: dict[str, str] = field(default_factory=dict)   # script -> language of its paragraphs
    range_connectors: tuple[str, ...] = ()
    event_range_connectors: tuple[str, ...] = ()
    # the characters the segmenter ends a sentence at (``sentence_end`` and
    # ``segmenter_sentence_end``; see ``timeline.text.split_sentences`` for its exceptions)
    sentence_stops: frozenset[str] = frozenset()


def _script(spec: Any, file: str) -> Script:
    """The ``script`` mapping of a text table: ``code``, ``letters``, ``paragraph_weight``, ``chars``."""
    spec = mapping(spec, file, "script")
    only_keys(spec, {"code", "letters", "paragraph_weight", "chars"}, file, "script")
    code = spec.get("code")
    if not isinstance(code, str) or not _ISO_15924.fullmatch(code):
        raise fail(file, "script.code", f"expected an ISO 15924 script code (Hani, Latn), got {code!r}")
    weight = spec.get("paragraph_weight", 1)
    if not isinstance(weight, int) or isinstance(weight, bool) or weight < 1:
        raise fail(file, "script.paragraph_weight", f"expected a positive integer, got {weight!r}")
    chars = regex(spec["chars"], file, "script.chars") if "chars" in spec else None
    return Script(code, regex(spec.get("letters"), file, "script.letters"), weight, chars)


@cache
def scripts() -> dict[str, Script]:
    """Every script a language's text table declares, by ISO 15924 code (the first language
    declaring a code gives its letters). Raises ``ResourceError`` for a malformed ``script``."""
    out: dict[str, Script] = {}
    for lang in resources.languages():
        if resources.path(lang, FILE).is_file():
            file, data = load(lang, FILE)
            s = _script(data.get("script"), file)
            out.setdefault(s.code, s)
    return out


def _brackets(c: dict, file: str) -> tuple[dict[str, str], set[str], set[str], tuple[str, ...]]:
    """``(opening -> closing, opaque openers, speech openers, what stands before speech)``."""
    pairs: dict[str, str] = {}
    for i, p in enumerate(c.get("brackets") or []):
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and len(x) == 1 for x in p)):
            raise fail(file, f"brackets[{i}]", f"expected a pair of single characters, got {p!r}")
        pairs[p[0]] = p[1]

    def openers(items: Any, rule: str) -> set[str]:
        out = set()
        for i, p in enumerate(items or []):
            if not (isinstance(p, list) and len(p) == 2 and pairs.get(p[0]) == p[1]):
                raise fail(file, f"{rule}[{i}]", f"{p!r} is not one of the brackets")
            out.add(p[0])
        return out

    speech = c.get("speech_quotes") or {}
    if not isinstance(speech, dict):
        raise fail(file, "speech_quotes", "expected a mapping with pairs and after")
    only_keys(speech, {"pairs", "after"}, file, "speech_quotes")
    return (pairs, openers(c.get("opaque_brackets"), "opaque_brackets"),
            openers(speech.get("pairs"), "speech_quotes.pairs"),
            strings(speech.get("after") or [], file, "speech_quotes.after", allow_empty=True))


def _foreign(value: Any, file: str, lang: str, own: str) -> dict[str, str]:
    """``foreign_paragraphs``: a script of another language's table -> that language."""
    foreign = value or {}
    if not isinstance(foreign, dict):
        raise fail(file, "foreign_paragraphs", "expected a mapping from a script to a language")
    known = sorted(set(scripts()) - {own})
    for k, v in foreign.items():
        if k not in known or not isinstance(v, str) or not v or v == lang:
            raise fail(file, f"foreign_paragraphs.{k}", f"expected a script of {known} and another "
                       f"language, got {k!r}: {v!r}")
    return dict(foreign)


@cache
def load_rules(lang: str) -> TextRules | None:
    """Load and validate ``resources/<lang>/text.yaml``; ``None`` when the language has none.

    Raises ``resources.ResourceError`` naming the file and the rule for an unknown key, a
    bracket that is not a pair of single characters, a script code that is not ISO 15924, a
    separator longer than one character, a bad or empty-matching regular expression.
    """
    if not resources.path(lang, FILE).is_file():
        return None
    f, c = load(lang, FILE)
    only_keys(c, _KEYS, f, "<top>")
    script = _script(c.get("script"), f)
    pairs, opaque, speech_open, speech_after = _brackets(c, f)
    opt = lambda key: strings(c.get(key) or [], f, key, allow_empty=True)  # noqa: E731
    sentence_end = frozenset(strings(c.get("sentence_end"), f, "sentence_end"))
    segmenter_end = frozenset(opt("segmenter_sentence_end"))
    clause_end = frozenset(strings(c.get("clause_end"), f, "clause_end"))
    numeric_separators, word_internal = frozenset(opt("numeric_separators")), frozenset(opt("word_internal"))
    for ch in sentence_end | segmenter_end | clause_end | numeric_separators | word_internal:
        if len(ch) != 1:
            raise fail(f, "separators", f"{ch!r} is not one character")
    leading_marks = regex(c["leading_marks"], f, "leading_marks") if c.get("leading_marks") is not None else None
    if leading_marks is not None and leading_marks.match(""):
        raise fail(f, "leading_marks", "the pattern matches the empty string")
    connectors = opt("range_connectors")
    not_for_events = opt("range_connectors_not_for_events")
    for w in not_for_events:
        if w not in connectors:
            raise fail(f, "range_connectors_not_for_events", f"{w!r} is not one of the range_connectors")
    return TextRules(
        lang=lang, script=script, sentence_end=sentence_end, segmenter_sentence_end=segmenter_end,
        clause_end=clause_end, numeric_separators=numeric_separators, word_internal=word_internal,
        abbreviations=opt("abbreviations"), closers=pairs, opaque=frozenset(opaque),
        speech_open=frozenset(speech_open), speech_after=speech_after, leading_marks=leading_marks,
        foreign=_foreign(c.get("foreign_paragraphs"), f, lang, script.code),
        range_connectors=connectors,
        event_range_connectors=tuple(w for w in connectors if w not in not_for_events),
        sentence_stops=sentence_end | segmenter_end,
    )
