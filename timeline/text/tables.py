"""The text table of a language (``timeline/resources/<lang>/text.yaml``), loaded and validated
into one immutable ``TextRules``: its script and letters, sentence and clause boundaries,
brackets and quotes, range connectors. ``load_rules(lang)`` and ``scripts()`` are cached.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from .. import resources
from ..resources import schema
from ..resources.compiled import re_compile

__all__ = ["FILE", "SCHEMA", "Script", "TextRules", "load_rules", "scripts"]

FILE = "text.yaml"
_ISO_15924 = re.compile(r"[A-Z][a-z]{3}")
_CHARS = schema.Words(chars=True)
_PAIRS = schema.List(schema.Words(chars=True))

SCHEMA = schema.Map({
    "script": schema.Map({"code": schema.Str(), "letters": schema.Regex(), "paragraph_weight": schema.Int(min=1),
                          "chars": schema.Regex()}, required=("code", "letters")),
    "foreign_paragraphs": schema.Dict(schema.Str()),
    "sentence_end": schema.Words(empty=False, chars=True), "segmenter_sentence_end": _CHARS,
    "clause_end": schema.Words(empty=False, chars=True), "numeric_separators": _CHARS, "word_internal": _CHARS,
    "abbreviations": schema.Words(), "brackets": _PAIRS, "opaque_brackets": _PAIRS,
    "speech_quotes": schema.Map({"pairs": _PAIRS, "after": schema.Words()}),
    "leading_marks": schema.Regex(), "run_on_openers": schema.Words(),
    "range_connectors": schema.Words(), "range_connectors_not_for_events": schema.Words(),
}, required=("script", "sentence_end", "clause_end"))
"""The schema of ``resources/<lang>/text.yaml`` (documented in the file's header)."""


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
    # a word of ``run_on_openers`` as written there (capitalised), a whole word; it opens a new
    # sentence right after a lower-case word (``split_sentences``), ``None`` without the key
    run_on_re: re.Pattern | None = None

    @cached_property
    def separators(self) -> frozenset[str]:
        """``clause_end`` and ``sentence_stops``: the characters ending a clause."""
        return self.clause_end | self.sentence_stops

    @cached_property
    def separator_chars(self) -> str:
        """``separators`` as one string (sorted)."""
        return "".join(sorted(self.separators))

    @cached_property
    def speech_quotes(self) -> frozenset[str]:
        """The opening quotes of quoted speech and their closers."""
        return frozenset(self.speech_open) | {self.closers[q] for q in self.speech_open}


def _script(table: schema.Table) -> Script:
    """The ``script`` mapping of a text table: ``code``, ``letters``, ``paragraph_weight``, ``chars``."""
    spec = table["script"]
    if not _ISO_15924.fullmatch(spec["code"]):
        raise table.error("script.code", f"expected an ISO 15924 script code (Hani, Latn), got {spec['code']!r}")
    return Script(spec["code"], spec["letters"], spec.get("paragraph_weight", 1), spec.get("chars"))


def _read(lang: str) -> schema.Table:
    return schema.read(lang, FILE, schema=SCHEMA)


@cache
def scripts() -> dict[str, Script]:
    """Every script a language's text table declares, by ISO 15924 code (the first language
    declaring a code gives its letters). Raises ``ResourceError`` for a malformed table."""
    out: dict[str, Script] = {}
    for lang in resources.languages():
        if resources.path(lang, FILE).is_file():
            s = _script(_read(lang))
            out.setdefault(s.code, s)
    return out


def _brackets(c: schema.Table) -> tuple[dict[str, str], set[str], set[str], tuple[str, ...]]:
    """``(opening -> closing, opaque openers, speech openers, what stands before speech)``."""
    pairs: dict[str, str] = {}
    for i, p in enumerate(c.get("brackets", [])):
        if len(p) != 2:
            raise c.error(f"brackets[{i}]", f"expected a pair of single characters, got {p!r}")
        pairs[p[0]] = p[1]

    def openers(items: list[list[str]], where: str) -> set[str]:
        out = set()
        for i, p in enumerate(items):
            if not (len(p) == 2 and pairs.get(p[0]) == p[1]):
                raise c.error(f"{where}[{i}]", f"{p!r} is not one of the brackets")
            out.add(p[0])
        return out

    speech = c.get("speech_quotes", {})
    return (pairs, openers(c.get("opaque_brackets", []), "opaque_brackets"),
            openers(speech.get("pairs", []), "speech_quotes.pairs"), tuple(speech.get("after", [])))


def _foreign(c: schema.Table, lang: str, own: str) -> dict[str, str]:
    """``foreign_paragraphs``: a script of another language's table -> that language."""
    foreign = c.get("foreign_paragraphs", {})
    known = sorted(set(scripts()) - {own})
    for k, v in foreign.items():
        if k not in known or v == lang:
            raise c.error(f"foreign_paragraphs.{k}", f"expected a script of {known} and another language, "
                          f"got {k!r}: {v!r}")
    return dict(foreign)


@cache
def load_rules(lang: str) -> TextRules | None:
    """Load and validate ``resources/<lang>/text.yaml``; ``None`` when the language has none.

    Raises ``resources.ResourceError`` (``schema.TableError``: the file and the key named) for
    a malformed table, a bracket that is not a pair of single characters, a script code that is
    not ISO 15924, a regular expression matching the empty string.
    """
    if not resources.path(lang, FILE).is_file():
        return None
    c = _read(lang)
    script = _script(c)
    pairs, opaque, speech_open, speech_after = _brackets(c)
    leading_marks = c.get("leading_marks")
    if leading_marks is not None and leading_marks.match(""):
        raise c.error("leading_marks", "the pattern matches the empty string")
    connectors = tuple(c.get("range_connectors", []))
    not_for_events = c.get("range_connectors_not_for_events", [])
    for w in not_for_events:
        if w not in connectors:
            raise c.error("range_connectors_not_for_events", f"{w!r} is not one of the range_connectors")
    sentence_end, segmenter_end = frozenset(c["sentence_end"]), frozenset(c.get("segmenter_sentence_end", []))
    return TextRules(
        lang=lang, script=script, sentence_end=sentence_end, segmenter_sentence_end=segmenter_end,
        clause_end=frozenset(c["clause_end"]), numeric_separators=frozenset(c.get("numeric_separators", [])),
        word_internal=frozenset(c.get("word_internal", [])), abbreviations=tuple(c.get("abbreviations", [])),
        closers=pairs, opaque=frozenset(opaque), speech_open=frozenset(speech_open), speech_after=speech_after,
        leading_marks=leading_marks, foreign=_foreign(c, lang, script.code), range_connectors=connectors,
        event_range_connectors=tuple(w for w in connectors if w not in not_for_events),
        sentence_stops=sentence_end | segmenter_end,
        run_on_re=re_compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(c["run_on_openers"], key=len,
                                                                                   reverse=True)))
                             + r")(?![\w'’-])") if c.get("run_on_openers") else None,
    )
