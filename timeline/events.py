"""Events: dated clauses with a trigger, participants in roles, amounts and a source span.

``assemble(document, timexes, entities)`` reads the text in four layers:

1. **Sentences and clauses.** Sentences end at the characters of ``clauses.yaml``
   (``sentence_end``; a line break always ends one); clauses at ``clause_end``. Punctuation
   inside paired brackets or quotes does not split, nor does a separator between two digits
   (``3.5亿元``). A news dateline or byline opening a paragraph (``clauses.yaml: datelines``:
   ``本报讯（记者 林晓雨）``, ``新华社北京3月14日电``, ``【甲县新闻】``) is no part of its first clause;
   a date inside it dates the lead like a date opening it, a date of the lead's own winning.
   No separator inside a time expression splits (``On May 3, 2024, Acme signed…``), and the
   bullets and symbols opening a clause (``clauses.yaml: leading_marks``: ``■2024年5月1日，``) are
   no part of it.
2. **Units.** A trigger verb (``triggers.yaml``, longest match) makes its clause a unit,
   unless it is inside brackets, a name or a time expression, negated (``尚未签订``), a noun
   (``数据库的建立``, ``测评结果``, ``融资、用工``, a word of ``nouns`` holding it: ``党组织``), a
   purpose (``用于…慰问``) or inside a topic frame (``就…进行洽谈``). Of several, the main verb
   is the first followed by an aspect marker or ending the clause (``…投资贸易洽谈会在成都举行``:
   ``举行``), else the first; a verb after a serial connective (``serial_markers``:
   ``出席会议并讲话``) never beats the first. A causative verb (``促成``, ``组织``, ``带领`` …) followed by a
   trigger — in its clause, or opening the next clause without a subject of its own — makes
   one unit with it; alone it is the trigger.
3. **Anchoring** (TimeML: an EVENT and the TIMEX3 that dates it). A DATE or TIME dates its
   clause and every following clause of the sentence until the next time expression that
   dates (``2014年,区工商联成立了…,解决…;同年建立了…``) or a new item of an enumeration
   (``carry_breakers``: ``一是…；二是…``); in a clause without a trigger, only a date opening
   the clause (after a preposition, a connective or an event noun: ``立案次日``) is carried,
   not one inside it (``总结去年以来的工作``). Coordinated dates before the verb (``于2014年和2016年``)
   each date it; two dates joined by a range connective (``2019年8月至2020年10月``), like one
   DURATION with ``begin``/``finish``, date it by the begin point over the whole interval; a
   date after the verb dates it only after a preposition and when nothing came before
   (``成立于2014年``, not ``召开2019年度工作会议``). A sentence whose dates date no event passes
   its last opening date on to the next sentence of its paragraph (``立案次日，法官…发现…。法院决定…
   并邀请…参与``), where a date of the unit's own after its verb still wins. A SET before the
   trigger marks a habit (``每季度召开一次``): no event, and the carried date stops. A
   DURATION dates only when it reaches the present (``近三年来``, ``anchors.yaml``) and then
   denotes the interval from the DCT minus the duration to the DCT. A time expression after a
   comparison marker (``较2015年6月底增加36%``: no event), inside a title (``《…》``) or a quoted
   name (``“2018年度优秀民营企业”``) never dates. A date before a deadline marker (``2025年底前建成``)
   dates like any other, the event's date keeping its TIMEX3 mod (``END``) or taking ``BEFORE``.
   A clause speaking of the future (``anchors.yaml: future_markers``, ``future_auxiliaries``
   before a verb: ``下一步，甲镇将与乙局合作``) stops a carried past date. A unit with no date of its
   own and none carried within its sentence is dated by a later date of its sentence opening its
   clause after a ``forward_prepositions`` word (``…合作，于今年下半年成立…``), before a date
   carried from the previous sentence.
   A date inside the subject, neither opening its clause nor after a preposition, yields to a
   carried one (``4月15日，甲县2021年银企对接会举行``). A clause placed at the event told last
   (``anchors.yaml: event_anaphora``: ``会上，``, ``会后，``, ``随后，``; not ``随后召开的…``) takes that
   event's date.
4. **Fallback.** A DATE or TIME that dates no unit, in a clause of no unit, still makes an
   event of kind ``other`` (``triggers.yaml: fallback``) from the first clause of its reach
   naming an organisation or a person (``2018年3月，甲公司在乙县招用工人300名``), its trigger
   the verb-like word after the last name (``_fallback_trigger``), unless that word is a state
   (``共有会员300个``), negated or a table verb set aside as a noun.

One event is made for each (date, unit), and one only for each (date, trigger word): the same
verb again on the same date is a mention of the first (ids ``e1…`` in text order). Its span
runs from the time expression (or the unit, or the trigger-less clauses opening it, whichever
is first) to the end of the unit and of the trigger-less clauses that follow it in the
sentence; it contains both the trigger and the time expression.

**Participants** take their role from an adjunct around them (``roles.yaml: adjuncts``:
``在X的支持下`` partner, ``经X批准`` organiser), from a marker word before them (``与B`` partner,
``赴X`` location …), from list coordination (``A、B和C``), from the organisation whose title a
person bears (``甲公司董事长乙``), or from their place around the trigger (before: agent, after:
patient, per trigger kind, and the subject of a verb with nothing after it may take another
role: ``甲商会成立于2014年`` — patient). A place (LOC) written right before another name
(``甲省乙市丙区``) or after the verb without a marker is a location; a place acting as a party
(``丙区举行``, ``向丁乡捐赠``, ``与戊镇签订``) stands for its government (``government_suffixes``:
``丙区人民政府``) when the document names one, else takes the role itself. An entity in a topic
frame or a following clause is ``mentioned``. Trigger-less clauses opening the unit
(``在甲镇政府的支持下，``; ``市委常委张三，市工商联主席李四等出席会议``; ``甲公司催讨未果，于…起诉``)
give it their subjects. A unit without a subject takes the subject of the previous unit of
its sentence, or the entity opening an earlier clause of the sentence, else the subject of the
previous sentence of its paragraph (zero anaphora) when its clause starts with its verb (adverbs
aside: ``4月，又签订…``; not ``双方签订…``) or with an anaphoric determiner (``这家…的企业``), else, for a kind listing ``subject_from``
(an inspection, a penalty), the subject of the nearest earlier unit of those kinds in any
paragraph (the bureau of ``今年以来，甲局开展专项整治。\n5月12日，执法人员对X进行检查``); but
not when the words before its verb name an organisation the entity stage missed
(``roles.yaml: body_heads``: ``丙和电子有限公司党支部成立``; unless they end the name of an
organisation told before: ``园区综合党委`` for ``甲县工业园区综合党委``) or a place or collective
(``roles.yaml: collective_subjects``: ``全县已新增…``, ``各乡镇``). A name before the verb with a
passive marker between them (``roles.yaml: passive_markers``: ``X被立案调查``) takes the kind's
``passive`` role (patient) and is no subject. The organisations a participating
person's titles name (``attributes["titles"]``) take part in the person's role; the
organisation a participating body belongs to (its name holds the other's: ``甲公司党支部``,
``乙银行丙县支行``) takes part in the role ``roles.yaml: parent_role``. An event whose only
actors are places takes the organisations its paragraph names outside the events of other
dates (``3月5日，甲县举行签约仪式。乙公司、丙公司等8家企业签约。``). Short names
standing for an organisation named before (``roles.yaml: anaphora``: ``该院``, a bare ``协会``
opening a clause, ``市府``) are read as mentions of it. Entities with ``attributes["chrome"]``
are never participants.

Constructions of the genre where a party takes part without being the verb's subject or object
(``roles.yaml``): in the case sections of an enforcement notice (``case_sections``: a heading
line ``案例一：甲市某某食品有限公司生产不合格食品案`` up to the next heading or a ``三、`` line) the
heading's party is the patient of every event of the section, and ``当事人``/``涉事企业`` are
mentions of it; the complement of a verb of perception or report (``complement_markers``:
``发现，X…``, ``举报X``, ``称X在…宣传``) is a patient; an object pronoun after a marker
(``object_pronouns``: ``对其作出…``) is the section's party, else the last patient named; a body a
sentence introduces as its paragraph's topic (``topic_introductions``: ``X就是…之一``,
``以X为例``, ``X是一家…的企业``) is the subject of later verb-initial sentences of the paragraph
and of a ``topic_pronouns`` subject (``我们上月底完成了…``), quoted speech included
(``clauses.yaml: speech_quotes``: a quote after a sentence end or a colon holding a sentence
end is read as text, though it never ends its sentence); a leader's title (``leader_titles``:
``市长``) names the only government of its level the document names, and a body before an
office (``office_words``: ``市台办主任``) the only organisation whose name ends with it.

An undated unit of the same kind that shares a patient with a dated event is the same
real-world event mentioned again: its span is added to the ``mentions`` of the nearest such
event and its new participants to that event. An undated unit whose kind ``joins`` the kind of
an event of the previous sentence of its paragraph (``5月10日，甲县召开大会。县委书记乙出席会议。``)
is folded into it the same way. Other undated units are not events.

The engine names no language: Chinese and English differ only by their tables (Latin-letter
words match whole and without regard to case). A paragraph written in another script than the
document's language (``paragraph_script``) is read with the tables of the language its
``clauses.yaml: foreign_paragraphs`` names (an English paragraph in a Chinese article).
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any

from . import resources
from .model import Document, Entity, Event, Participant, Timex
from .resources import ResourceError

__all__ = [
    "ROLES",
    "EventRules",
    "assemble",
    "duration_interval",
    "event_date",
    "find_amounts",
    "load_rules",
    "paragraph_script",
    "split_clauses",
    "split_sentences",
]

ROLES = ("agent", "organiser", "partner", "patient", "beneficiary", "location", "mentioned")
"""Participant roles an event can give (see ``model.Participant``)."""

STAGE = "events"


# ====================================================================== rules (language data)

@dataclass(frozen=True)
class Kind:
    """A class of triggers (``founding``…) and the roles its subject and object take."""

    name: str
    before: str = "agent"
    after: str = "patient"
    alone: str | None = None      # role of the subject when nothing follows the verb
    joins: tuple[str, ...] = ()   # kinds of dated events an undated one of this kind is part of
    passive: str = "patient"      # role of the subject of a passive verb ("甲公司被立案调查")
    subject_from: tuple[str, ...] = ()   # kinds whose last subject an event without one takes


@dataclass(frozen=True)
class Adjunct:
    """A circumfix around a name (``在X的支持下``): entities between ``open`` and ``close`` take ``role``."""

    open: tuple[str, ...]
    close: tuple[str, ...]
    role: str


@dataclass(frozen=True)
class Anaphora:
    """Short names standing for an organisation named earlier (``roles.yaml: anaphora``)."""

    determiners: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()
    short_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Causative:
    """A verb bringing others to act (``促成``): roles before it and between it and the trigger."""

    trigger: str
    kind: str
    before: str
    between: str


@dataclass(frozen=True)
class Fallback:
    """How a dated clause naming a party but holding no trigger of the table still becomes an
    event (``triggers.yaml: fallback``): its ``kind`` and the words ``skip``ped before the
    verb-like word that stands for its trigger."""

    kind: Kind
    skip: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    metadata_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class AmountRules:
    """The compiled amount grammar of ``amounts.yaml`` (see ``find_amounts``)."""

    pattern: re.Pattern
    digits: dict[str, int]
    multipliers: dict[str, int]
    currencies: dict[str, str]
    currency_prefixes: dict[str, str]
    counters: frozenset[str]
    percent: frozenset[str]
    ordinal_prefixes: tuple[str, ...]
    ordinal_counters: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventRules:
    """The validated ``timeline/resources/<lang>/events/`` tables of one language."""

    lang: str
    sentence_end: frozenset[str]
    clause_end: frozenset[str]
    numeric_separators: frozenset[str]
    word_internal: frozenset[str]
    abbreviations: tuple[str, ...]
    closers: dict[str, str]          # opening bracket -> closing bracket
    opaque: frozenset[str]           # opening brackets of titles
    speech_open: frozenset[str]      # opening quotes of quoted speech, read as text
    speech_after: tuple[str, ...]    # what stands before quoted speech (line start aside)
    trigger_re: re.Pattern
    trigger_kind: dict[str, Kind]
    causatives: dict[str, Causative]
    negators: tuple[str, ...]
    nominal_markers: tuple[str, ...]
    nominal_heads: tuple[str, ...]
    aspect_markers: tuple[str, ...]
    serial_markers: tuple[str, ...]
    purpose_markers: tuple[str, ...]
    topic_open: tuple[str, ...]
    topic_close: tuple[str, ...]
    marker_role: dict[str, str]      # marker word -> role
    honorifics: tuple[str, ...]      # skipped between a marker and a name ("with Mr. Smith")
    coordinators: tuple[str, ...]
    duration_prefixes: tuple[str, ...]
    duration_suffixes: tuple[str, ...]
    comparison_markers: tuple[str, ...]
    prepositions: tuple[str, ...]
    leading_connectives: tuple[str, ...]
    title_max: int
    amounts: AmountRules
    adjuncts: tuple[Adjunct, ...] = ()
    government_suffixes: tuple[str, ...] = ()
    anaphora: Anaphora = Anaphora()
    range_connectives: tuple[str, ...] = ()
    carry_breakers: tuple[str, ...] = ()
    deadline_markers: tuple[str, ...] = ()
    fallback: Fallback | None = None
    nouns: frozenset[str] = frozenset()   # words holding a trigger that are nouns ("党组织")
    leading_marks: re.Pattern | None = None   # bullets and symbols opening a clause ("■", "【】")
    title_signals: tuple[str, ...] = ()        # words after a date left out of a title with it ("以来")
    false_prepositions: tuple[str, ...] = ()   # words ending like a preposition, holding none ("关于")
    passive_markers: tuple[str, ...] = ()
    body_heads: tuple[str, ...] = ()
    event_anaphora: tuple[str, ...] = ()
    dateline: re.Pattern | None = None    # a dateline or byline opening a paragraph
    future_markers: tuple[str, ...] = ()
    future_auxiliaries: tuple[str, ...] = ()
    forward_prepositions: tuple[str, ...] = ()
    collective_subjects: tuple[str, ...] = ()   # "全县", "我县", "各乡镇"
    preverbal: tuple[str, ...] = ()      # adverbs before the verb of a clause without a subject
    parent_role: str | None = None
    case_heading: re.Pattern | None = None     # a line opening a case section ("案例一：…案")
    case_end: re.Pattern | None = None         # a line closing one ("三、下一步工作")
    case_party_words: tuple[str, ...] = ()     # words standing for the section's party ("当事人")
    case_role: str = "patient"
    case_authority_kinds: tuple[str, ...] = ()   # "甲局查处乙公司…案": 甲局 is not the party
    complement_markers: tuple[str, ...] = ()   # "发现X", "举报X": X undergoes the event
    object_pronouns: tuple[str, ...] = ()      # "对其作出…": the last patient or party named
    topic_intros: tuple[tuple[str, re.Pattern, re.Pattern], ...] = ()   # (name, before, after)
    topic_pronouns: tuple[str, ...] = ()       # "我们" after an introduced company: that company
    leader_titles: dict[str, str] = field(default_factory=dict)   # "市长" -> "市"
    office_words: tuple[str, ...] = ()         # "局长", "主任": a title is a body and an office
    script: str | None = None
    foreign: dict[str, str] = field(default_factory=dict)   # script -> language of its paragraphs

    def kind_of(self, word: str) -> Kind | None:
        """The kind of a trigger word, the fallback kind for a word outside the table."""
        kind = self.trigger_kind.get(word)
        if kind is None and word not in self.causatives and self.fallback is not None:
            return self.fallback.kind
        return kind

    @property
    def marker_words(self) -> tuple[str, ...]:
        return tuple(self.marker_role)

    @cached_property
    def lookbehind(self) -> int:
        """Characters looked at around a trigger or a time expression for a marker word."""
        words = (*self.marker_role, *self.negators, *self.nominal_markers, *self.nominal_heads,
                 *self.comparison_markers, *self.duration_prefixes, *self.leading_connectives)
        return max((len(w) for w in words), default=0) + 8


_SCRIPTS = {"Hani": "CJK ideographs", "Latn": "Latin letters"}
"""Scripts a paragraph can be written in (ISO 15924 codes), told apart by ``paragraph_script``."""


def paragraph_script(text: str) -> str | None:
    """The ISO 15924 script most letters of ``text`` are written in: ``Hani`` (CJK ideographs)
    or ``Latn`` (Latin letters); ``None`` when it has no letters. A paragraph is ``Latn`` only
    when Latin letters outnumber ideographs three to one (a Chinese sentence quoting ``GDP``
    or an English company name stays ``Hani``)."""
    han = latin = 0
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff":
            han += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if not han and not latin:
        return None
    return "Latn" if latin > 3 * han else "Hani"


def _fail(file: str, rule: str, msg: str) -> ResourceError:
    return ResourceError(f"{file}: rule {rule!r}: {msg}")


def _strings(value: Any, file: str, rule: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or (not value and not allow_empty):
        raise _fail(file, rule, "expected a non-empty list of strings")
    for v in value:
        if not isinstance(v, str) or not v:
            raise _fail(file, rule, f"expected non-empty strings, got {v!r}")
    return tuple(value)


def _mapping(value: Any, file: str, rule: str) -> dict:
    if not isinstance(value, dict) or not value:
        raise _fail(file, rule, "expected a non-empty mapping")
    return value


def _only_keys(d: dict, allowed: set[str], file: str, rule: str) -> None:
    extra = set(d) - allowed
    if extra:
        raise _fail(file, rule, f"unknown key(s) {sorted(extra)}; expected some of {sorted(allowed)}")


def _role(value: Any, file: str, rule: str) -> str:
    if value not in ROLES:
        raise _fail(file, rule, f"unknown role {value!r}; roles are {', '.join(ROLES)}")
    return value


def _regex(value: Any, file: str, rule: str, *, allow_empty: bool = False) -> re.Pattern:
    """A regular expression of a table, compiled; a missing or bad one fails naming the rule."""
    if not isinstance(value, str) or (not value and not allow_empty):
        raise _fail(file, rule, f"expected a regular expression, got {value!r}")
    try:
        return re.compile(value)
    except re.error as exc:
        raise _fail(file, rule, f"bad regular expression {value!r}: {exc}") from None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _load(lang: str, name: str) -> tuple[str, dict]:
    file = str(resources.path(lang, STAGE, name))
    data = resources.load_yaml(lang, STAGE, name)
    if not isinstance(data, dict):
        raise ResourceError(f"{file}: expected a mapping at the top level")
    return file, data


@cache
def load_rules(lang: str) -> EventRules | None:
    """Load and validate the event tables of ``lang`` (``clauses.yaml``, ``triggers.yaml``,
    ``roles.yaml``, ``anchors.yaml``, ``amounts.yaml`` under ``resources/<lang>/events/``).

    Returns ``None`` when the language has no ``events`` folder. Raises
    ``resources.ResourceError`` naming the file and the rule for a missing file, an unknown
    key, a role outside ``ROLES``, a trigger listed twice, or a malformed value.
    """
    if not resources.path(lang, STAGE).is_dir():
        return None
    opt = lambda d, key, f: _strings(d.get(key) or [], f, key, allow_empty=True)

    # clauses.yaml
    f, c = _load(lang, "clauses.yaml")
    _only_keys(c, {"sentence_end", "clause_end", "numeric_separators", "word_internal",
                   "abbreviations", "brackets", "opaque_brackets", "script", "foreign_paragraphs",
                   "datelines", "speech_quotes", "leading_marks"}, f, "<top>")
    script = c.get("script")
    if script is not None and not (isinstance(script, str) and script in _SCRIPTS):
        raise _fail(f, "script", f"expected one of {sorted(_SCRIPTS)}, got {script!r}")
    foreign = c.get("foreign_paragraphs") or {}
    if not isinstance(foreign, dict):
        raise _fail(f, "foreign_paragraphs", "expected a mapping from a script to a language")
    for k, v in foreign.items():
        if k not in _SCRIPTS or not isinstance(v, str) or not v or v == lang:
            raise _fail(f, f"foreign_paragraphs.{k}", f"expected a script of {sorted(_SCRIPTS)} and another "
                        f"language, got {k!r}: {v!r}")
    pairs: dict[str, str] = {}
    for i, p in enumerate(c.get("brackets") or []):
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and len(x) == 1 for x in p)):
            raise _fail(f, f"brackets[{i}]", f"expected a pair of single characters, got {p!r}")
        pairs[p[0]] = p[1]
    opaque = set()
    for i, p in enumerate(c.get("opaque_brackets") or []):
        if not (isinstance(p, list) and len(p) == 2 and pairs.get(p[0]) == p[1]):
            raise _fail(f, f"opaque_brackets[{i}]", f"{p!r} is not one of the brackets")
        opaque.add(p[0])
    speech = c.get("speech_quotes") or {}
    if not isinstance(speech, dict):
        raise _fail(f, "speech_quotes", "expected a mapping with pairs and after")
    _only_keys(speech, {"pairs", "after"}, f, "speech_quotes")
    speech_open = set()
    for i, p in enumerate(speech.get("pairs") or []):
        if not (isinstance(p, list) and len(p) == 2 and pairs.get(p[0]) == p[1]):
            raise _fail(f, f"speech_quotes.pairs[{i}]", f"{p!r} is not one of the brackets")
        speech_open.add(p[0])
    speech_after = _strings(speech.get("after") or [], f, "speech_quotes.after", allow_empty=True)
    sentence_end = frozenset(_strings(c.get("sentence_end"), f, "sentence_end"))
    clause_end = frozenset(_strings(c.get("clause_end"), f, "clause_end"))
    numeric_separators = frozenset(opt(c, "numeric_separators", f))
    word_internal = frozenset(opt(c, "word_internal", f))
    abbreviations = opt(c, "abbreviations", f)
    for ch in sentence_end | clause_end | numeric_separators | word_internal:
        if len(ch) != 1:
            raise _fail(f, "separators", f"{ch!r} is not one character")
    dateline = _dateline_pattern(c.get("datelines"), f, pairs, sentence_end | clause_end)
    leading_marks = _regex(c["leading_marks"], f, "leading_marks") if c.get("leading_marks") is not None else None
    if leading_marks is not None and leading_marks.match(""):
        raise _fail(f, "leading_marks", "the pattern matches the empty string")

    # triggers.yaml
    f, t = _load(lang, "triggers.yaml")
    _only_keys(t, {"kinds", "causatives", "negators", "nominal_markers", "nominal_heads",
                   "aspect_markers", "serial_markers", "purpose_markers", "topic_frames", "fallback",
                   "nouns"},
               f, "<top>")
    trigger_kind: dict[str, Kind] = {}
    for kname, spec in _mapping(t.get("kinds"), f, "kinds").items():
        spec = _mapping(spec, f, f"kinds.{kname}")
        _only_keys(spec, {"triggers", "roles", "joins", "subject_from"}, f, f"kinds.{kname}")
        roles = spec.get("roles") or {}
        _only_keys(roles, {"before", "after", "alone", "passive"}, f, f"kinds.{kname}.roles")
        kind = Kind(kname, _role(roles.get("before", "agent"), f, f"kinds.{kname}.roles.before"),
                    _role(roles.get("after", "patient"), f, f"kinds.{kname}.roles.after"),
                    _role(roles["alone"], f, f"kinds.{kname}.roles.alone") if "alone" in roles else None,
                    _strings(spec.get("joins") or [], f, f"kinds.{kname}.joins", allow_empty=True),
                    _role(roles.get("passive", "patient"), f, f"kinds.{kname}.roles.passive"),
                    _strings(spec.get("subject_from") or [], f, f"kinds.{kname}.subject_from", allow_empty=True))
        for w in _strings(spec.get("triggers"), f, f"kinds.{kname}.triggers"):
            if w in trigger_kind:
                raise _fail(f, f"kinds.{kname}", f"trigger {w!r} is already in kind {trigger_kind[w].name!r}")
            trigger_kind[w] = kind
    kind_names = set(_mapping(t.get("kinds"), f, "kinds"))
    for kind in set(trigger_kind.values()):
        for j in kind.joins:
            if j not in kind_names:
                raise _fail(f, f"kinds.{kind.name}.joins", f"unknown kind {j!r}")
        for j in kind.subject_from:
            if j not in kind_names:
                raise _fail(f, f"kinds.{kind.name}.subject_from", f"unknown kind {j!r}")
    causatives: dict[str, Causative] = {}
    for i, spec in enumerate(t.get("causatives") or []):
        rule = f"causatives[{i}]"
        spec = _mapping(spec, f, rule)
        _only_keys(spec, {"trigger", "kind", "before", "between"}, f, rule)
        w = spec.get("trigger")
        if not isinstance(w, str) or not w or w in trigger_kind or w in causatives:
            raise _fail(f, rule, f"trigger {w!r} is empty or listed twice")
        if not isinstance(spec.get("kind"), str):
            raise _fail(f, rule, "missing kind")
        causatives[w] = Causative(w, spec["kind"], _role(spec.get("before"), f, rule + ".before"),
                                  _role(spec.get("between"), f, rule + ".between"))
    nouns = frozenset(opt(t, "nouns", f))
    for w in nouns:
        if w in trigger_kind or w in causatives:
            raise _fail(f, "nouns", f"{w!r} is a trigger")
        if not any(v in w for v in (*trigger_kind, *causatives)):
            raise _fail(f, "nouns", f"{w!r} holds no trigger: it shadows nothing")
    fallback = None
    if t.get("fallback") is not None:
        fb = _mapping(t["fallback"], f, "fallback")
        _only_keys(fb, {"kind", "roles", "skip", "states", "metadata_labels"}, f, "fallback")
        if not isinstance(fb.get("kind"), str) or fb["kind"] in kind_names:
            raise _fail(f, "fallback.kind", f"expected the name of a kind not in kinds, got {fb.get('kind')!r}")
        froles = fb.get("roles") or {}
        _only_keys(froles, {"before", "after", "passive"}, f, "fallback.roles")
        fallback = Fallback(Kind(fb["kind"], _role(froles.get("before", "agent"), f, "fallback.roles.before"),
                                 _role(froles.get("after", "patient"), f, "fallback.roles.after"),
                                 passive=_role(froles.get("passive", "patient"), f, "fallback.roles.passive")),
                            _strings(fb.get("skip") or [], f, "fallback.skip", allow_empty=True),
                            _strings(fb.get("states") or [], f, "fallback.states", allow_empty=True),
                            _strings(fb.get("metadata_labels") or [], f, "fallback.metadata_labels",
                                     allow_empty=True))
    frames = t.get("topic_frames") or {}
    if not isinstance(frames, dict):
        raise _fail(f, "topic_frames", "expected a mapping with open and close")
    _only_keys(frames, {"open", "close"}, f, "topic_frames")
    trig = {
        "negators": opt(t, "negators", f), "nominal_markers": opt(t, "nominal_markers", f),
        "nominal_heads": opt(t, "nominal_heads", f), "aspect_markers": opt(t, "aspect_markers", f),
        "serial_markers": opt(t, "serial_markers", f),
        "purpose_markers": opt(t, "purpose_markers", f),
        "topic_open": _strings(frames.get("open") or [], f, "topic_frames.open", allow_empty=True),
        "topic_close": _strings(frames.get("close") or [], f, "topic_frames.close", allow_empty=True),
    }

    # roles.yaml
    f, r = _load(lang, "roles.yaml")
    _only_keys(r, {"markers", "coordinators", "honorifics", "adjuncts", "government_suffixes", "anaphora",
                   "passive_markers", "parent_role", "body_heads", "collective_subjects", "preverbal",
                   "case_sections", "complement_markers", "object_pronouns", "topic_introductions",
                   "topic_pronouns", "leader_titles", "office_words"}, f, "<top>")
    parent_role = _role(r["parent_role"], f, "parent_role") if r.get("parent_role") is not None else None
    marker_role: dict[str, str] = {}
    for role, words in _mapping(r.get("markers"), f, "markers").items():
        _role(role, f, f"markers.{role}")
        for w in _strings(words, f, f"markers.{role}"):
            if w in marker_role:
                raise _fail(f, f"markers.{role}", f"marker {w!r} already gives the role {marker_role[w]!r}")
            marker_role[w] = role
    coordinators = opt(r, "coordinators", f)
    honorifics = opt(r, "honorifics", f)
    adjuncts = []
    for i, spec in enumerate(r.get("adjuncts") or []):
        rule = f"adjuncts[{i}]"
        spec = _mapping(spec, f, rule)
        _only_keys(spec, {"open", "close", "role"}, f, rule)
        adjuncts.append(Adjunct(_strings(spec.get("open"), f, rule + ".open"),
                                _strings(spec.get("close"), f, rule + ".close"),
                                _role(spec.get("role"), f, rule + ".role")))
    government_suffixes = opt(r, "government_suffixes", f)
    ana = r.get("anaphora") or {}
    if not isinstance(ana, dict):
        raise _fail(f, "anaphora", "expected a mapping")
    _only_keys(ana, {"determiners", "heads", "bare", "short_forms"}, f, "anaphora")
    short_forms = {}
    for k, v in (ana.get("short_forms") or {}).items():
        if not isinstance(k, str) or not k:
            raise _fail(f, "anaphora.short_forms", f"expected a word, got {k!r}")
        short_forms[k] = _strings(v, f, f"anaphora.short_forms.{k}")
    anaphora = Anaphora(_strings(ana.get("determiners") or [], f, "anaphora.determiners", allow_empty=True),
                        _strings(ana.get("heads") or [], f, "anaphora.heads", allow_empty=True),
                        _strings(ana.get("bare") or [], f, "anaphora.bare", allow_empty=True), short_forms)
    if ana and anaphora.determiners and not anaphora.heads:
        raise _fail(f, "anaphora.heads", "determiners need heads")
    coll = r.get("collective_subjects") or {}
    if not isinstance(coll, dict):
        raise _fail(f, "collective_subjects", "expected a mapping with determiners and heads")
    _only_keys(coll, {"determiners", "heads"}, f, "collective_subjects")
    collective = tuple(d + h for d in _strings(coll["determiners"], f, "collective_subjects.determiners")
                       for h in _strings(coll.get("heads"), f, "collective_subjects.heads")) \
        if coll else ()

    case = r.get("case_sections") or {}
    if not isinstance(case, dict):
        raise _fail(f, "case_sections", "expected a mapping with heading, ends, party_words and role")
    _only_keys(case, {"heading", "ends", "party_words", "role", "authority_kinds"}, f, "case_sections")
    authority_kinds = _strings(case.get("authority_kinds") or [], f, "case_sections.authority_kinds",
                               allow_empty=True)
    for k in authority_kinds:
        if k not in kind_names:
            raise _fail(f, "case_sections.authority_kinds", f"unknown kind {k!r}")
    case_rules = {
        "case_heading": _regex(case.get("heading"), f, "case_sections.heading") if case else None,
        "case_end": _regex(case.get("ends"), f, "case_sections.ends") if case.get("ends") else None,
        "case_party_words": _strings(case.get("party_words") or [], f, "case_sections.party_words",
                                     allow_empty=True),
        "case_role": _role(case.get("role", "patient"), f, "case_sections.role"),
        "case_authority_kinds": authority_kinds,
    }
    intros = []
    for i, spec in enumerate(r.get("topic_introductions") or []):
        rule = f"topic_introductions[{i}]"
        spec = _mapping(spec, f, rule)
        _only_keys(spec, {"name", "before", "after"}, f, rule)
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            raise _fail(f, rule, "expected a name")
        intros.append((name, _regex(spec.get("before", ""), f, f"{rule}.before", allow_empty=True),
                       _regex(spec.get("after"), f, f"{rule}.after")))
    leaders = {}
    for k, v in (_mapping(r["leader_titles"], f, "leader_titles") if "leader_titles" in r else {}).items():
        if not isinstance(k, str) or not k or not isinstance(v, str) or not v:
            raise _fail(f, f"leader_titles.{k}", f"expected a title and the head of its place, got {k!r}: {v!r}")
        leaders[k] = v

    # anchors.yaml
    f, a = _load(lang, "anchors.yaml")
    _only_keys(a, {"duration_anchor", "comparison_markers", "prepositions",
                   "leading_connectives", "title_max", "range_connectives", "carry_breakers",
                   "deadline_markers", "event_anaphora", "future_markers", "future_auxiliaries",
                   "forward_prepositions", "title_signals", "false_prepositions"}, f, "<top>")
    da = _mapping(a.get("duration_anchor"), f, "duration_anchor")
    _only_keys(da, {"prefixes", "suffixes"}, f, "duration_anchor")
    title_max = a.get("title_max", 40)
    if not isinstance(title_max, int) or title_max < 4:
        raise _fail(f, "title_max", f"expected an integer >= 4, got {title_max!r}")

    return EventRules(
        lang=lang, sentence_end=sentence_end, clause_end=clause_end,
        numeric_separators=numeric_separators, word_internal=word_internal, abbreviations=abbreviations,
        closers=pairs, opaque=frozenset(opaque), speech_open=frozenset(speech_open), speech_after=speech_after,
        trigger_re=re.compile(_alternation(list(trigger_kind) + list(causatives) + list(nouns))),
        nouns=nouns, leading_marks=leading_marks,
        trigger_kind=trigger_kind, causatives=causatives, **trig,
        marker_role=marker_role, coordinators=coordinators, honorifics=honorifics,
        duration_prefixes=_strings(da.get("prefixes") or [], f, "duration_anchor.prefixes", allow_empty=True),
        duration_suffixes=_strings(da.get("suffixes") or [], f, "duration_anchor.suffixes", allow_empty=True),
        comparison_markers=opt(a, "comparison_markers", f), prepositions=opt(a, "prepositions", f),
        leading_connectives=opt(a, "leading_connectives", f), title_max=title_max,
        amounts=_load_amounts(lang), adjuncts=tuple(adjuncts), government_suffixes=government_suffixes,
        anaphora=anaphora, range_connectives=opt(a, "range_connectives", f),
        carry_breakers=opt(a, "carry_breakers", f), deadline_markers=opt(a, "deadline_markers", f),
        title_signals=opt(a, "title_signals", f), false_prepositions=opt(a, "false_prepositions", f),
        fallback=fallback, passive_markers=opt(r, "passive_markers", f), parent_role=parent_role,
        body_heads=opt(r, "body_heads", f), event_anaphora=opt(a, "event_anaphora", f),
        dateline=dateline, future_markers=opt(a, "future_markers", f),
        future_auxiliaries=opt(a, "future_auxiliaries", f),
        forward_prepositions=opt(a, "forward_prepositions", f), collective_subjects=collective,
        preverbal=opt(r, "preverbal", f),
        complement_markers=opt(r, "complement_markers", f), object_pronouns=opt(r, "object_pronouns", f),
        topic_intros=tuple(intros), topic_pronouns=opt(r, "topic_pronouns", f), leader_titles=leaders,
        office_words=opt(r, "office_words", f), **case_rules,
        script=script, foreign=dict(foreign),
    )


def _dateline_pattern(spec: Any, file: str, brackets: dict[str, str],
                      separators: frozenset[str]) -> re.Pattern | None:
    """The compiled ``clauses.yaml: datelines`` grammar (``None`` without one): an optional tag
    in brackets (``【甲县新闻】``), an optional source name ending with a ``source_ends`` word
    right before a dispatch ``marker`` (``本报讯``, ``新华社北京3月14日电``) and then a boundary,
    and any number of bracketed bylines holding a ``bylines`` word (``（记者 林晓雨）``), each
    followed by optional white space. Raises ``ResourceError`` naming the rule when a part is
    malformed or a bracket pair is not one of ``brackets``."""
    if spec is None:
        return None
    spec = _mapping(spec, file, "datelines")
    _only_keys(spec, {"tags", "source_ends", "markers", "bylines", "byline_brackets"}, file, "datelines")

    def pairs(key: str, default: list) -> list[tuple[str, str]]:
        out = []
        for i, p in enumerate(spec.get(key, default) or []):
            if not (isinstance(p, list) and len(p) == 2 and brackets.get(p[0]) == p[1]):
                raise _fail(file, f"datelines.{key}[{i}]", f"{p!r} is not one of the brackets")
            out.append((p[0], p[1]))
        return out

    ends = _strings(spec.get("source_ends"), file, "datelines.source_ends")
    markers = _strings(spec.get("markers"), file, "datelines.markers")
    bylines = _strings(spec.get("bylines"), file, "datelines.bylines")
    round_ = [[o, c] for o, c in brackets.items() if o in "（(" and c in "）)"]
    tags = pairs("tags", [])
    byline_brackets = pairs("byline_brackets", round_)
    openers = "".join(brackets)
    stop = re.escape("".join(sorted(set(openers) | set(brackets.values()) | set(separators))))
    parts = []
    if tags:
        tag = "|".join(rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{1,30}}{re.escape(c)}" for o, c in tags)
        parts.append(rf"(?P<tag>{tag})?\s*")
    parts.append(rf"(?:(?P<source>[^\s{stop}]{{0,20}}?(?:{_alternation(ends)}))(?P<marker>{_alternation(markers)})"
                 rf"(?=\s|[{re.escape(openers)}{re.escape(''.join(separators))}]|\d|{_alternation(bylines)}|$)\s*)?")
    if byline_brackets:
        by = "|".join(rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{0,40}}?(?:{_alternation(bylines)})"
                      rf"[^{re.escape(o + c)}\n]{{0,40}}{re.escape(c)}" for o, c in byline_brackets)
        parts.append(rf"(?P<byline>(?:(?:{by})\s*)*)")
    return re.compile("".join(parts), re.MULTILINE)


def _load_amounts(lang: str) -> AmountRules:
    f, a = _load(lang, "amounts.yaml")
    _only_keys(a, {"digits", "multipliers", "approx_before", "approx_after", "currencies",
                   "currency_prefixes", "counters", "percent", "ordinal_prefixes", "ordinal_counters",
                   "spacing"}, f, "<top>")
    digits = a.get("digits") or {}
    multipliers = _mapping(a.get("multipliers"), f, "multipliers")
    for name, table in (("digits", digits), ("multipliers", multipliers)):
        if not isinstance(table, dict):
            raise _fail(f, name, "expected a mapping")
        for k, v in table.items():
            if not (isinstance(k, str) and k and isinstance(v, int) and v >= 0):
                raise _fail(f, f"{name}.{k}", "expected a word mapped to a non-negative integer")
            if name == "digits" and len(k) != 1:
                raise _fail(f, f"digits.{k}", "a digit is one character")
    currencies = dict(a.get("currencies") or {})
    prefixes = dict(a.get("currency_prefixes") or {})
    for name, table in (("currencies", currencies), ("currency_prefixes", prefixes)):
        for k, v in table.items():
            if not (isinstance(k, str) and k and isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v)):
                raise _fail(f, f"{name}.{k}", f"expected an ISO 4217 code, got {v!r}")
    counters = _strings(a.get("counters") or [], f, "counters", allow_empty=True)
    percent = _strings(a.get("percent") or [], f, "percent", allow_empty=True)
    before = _strings(a.get("approx_before") or [], f, "approx_before", allow_empty=True)
    after = _strings(a.get("approx_after") or [], f, "approx_after", allow_empty=True)
    spacing = a.get("spacing", False)
    if not isinstance(spacing, bool):
        raise _fail(f, "spacing", "expected true or false")
    sp = r"[ \u00a0]?" if spacing else ""
    opt = lambda words: f"(?:{_alternation(words)})" if words else "(?!)"
    number = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
    if digits:
        ten = [re.escape(k) for k, v in multipliers.items() if v == 10 and len(k) == 1]
        chars = "".join(re.escape(k) for k in digits)
        number += f"|[{chars}{''.join(ten)}](?:[{chars}]|{opt(multipliers)})*"
    units = list(currencies) + list(counters) + list(percent)
    pattern = re.compile(
        f"(?P<pre>{opt(before)}{sp})?"
        f"(?P<cur>{opt(prefixes)}{sp})?"
        f"(?P<num>{number})"
        f"(?P<approx1>{opt(after)})?"
        f"(?P<mult>(?:{sp}{opt(multipliers)})*)"
        f"(?P<approx2>{sp}{opt(after)})?"
        f"(?:{sp}(?P<unit>{opt(units)}))?"
    )
    ordinal_counters = _strings(a.get("ordinal_counters") or [], f, "ordinal_counters", allow_empty=True)
    for w in ordinal_counters:
        if w not in counters:
            raise _fail(f, "ordinal_counters", f"{w!r} is not one of the counters")
    return AmountRules(pattern, dict(digits), dict(multipliers), currencies, prefixes, frozenset(counters),
                       frozenset(percent), _strings(a.get("ordinal_prefixes") or [], f, "ordinal_prefixes",
                                                    allow_empty=True), frozenset(ordinal_counters))


# ====================================================================== segmentation

def _is_speech(text: str, s: int, e: int, rules: EventRules) -> bool:
    """True when the quote pair at ``s``…``e`` holds quoted speech (``clauses.yaml:
    speech_quotes``): an opening quote of ``pairs`` at a line start or after one of ``after``,
    its content holding a sentence end (``“贷款到账后，我们…完成了…。”``; not a slogan or a name:
    ``主题为：“创新，发展”``)."""
    if text[s] not in rules.speech_open:
        return False
    j = s
    while j > 0 and text[j - 1] in " \t\u3000":
        j -= 1
    if j > 0 and text[j - 1] != "\n" and text[j - 1] not in rules.speech_after:
        return False
    return any(ch in rules.sentence_end for ch in text[s + 1:e])


def _bracket_mask(text: str, rules: EventRules, speech: bool = True) -> tuple[bytearray, bytearray]:
    """Per code point: 1 inside a matched bracket pair (content only), and 1 inside a title.
    With ``speech``, quoted speech (``_is_speech``) is text, not inside (its clauses and verbs
    count); without, it is inside (it never ends its sentence: ``他说:“好。走吧。”然后离开。``)."""
    inside = bytearray(len(text))
    opaque = bytearray(len(text))
    stack: list[tuple[str, int]] = []
    closer_of = rules.closers
    closing = {v: k for k, v in closer_of.items()}
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            continue
        if ch in closer_of and ch in closing and closer_of[ch] == ch:   # symmetric quote
            if stack and stack[-1][0] == ch:
                _, s = stack.pop()
                if not (speech and _is_speech(text, s, i, rules)):
                    inside[s + 1:i] = b"\x01" * (i - s - 1)
            else:
                stack.append((ch, i))
            continue
        if ch in closer_of:
            stack.append((ch, i))
        elif ch in closing:
            want = closing[ch]
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == want:
                    s = stack[j][1]
                    del stack[j:]
                    if not (speech and _is_speech(text, s, i, rules)):
                        inside[s + 1:i] = b"\x01" * (i - s - 1)
                    if want in rules.opaque:
                        opaque[s + 1:i] = b"\x01" * (i - s - 1)
                    break
    return inside, opaque


def _is_boundary(text: str, i: int, chars: frozenset[str], rules: EventRules) -> bool:
    ch = text[i]
    if ch not in chars:
        return False
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in rules.numeric_separators and prev.isdigit() and nxt.isdigit():
        return False
    if ch in rules.word_internal and prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
        return False
    if ch in rules.sentence_end and rules.abbreviations:
        before = text[max(0, i - 12):i]
        if before == before.rstrip() and _ending_word(before, rules.abbreviations):
            return False      # "Co.", "Mr.": an abbreviation, not the end of a sentence
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, rules: EventRules, inside: bytearray | None = None) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` code-point spans of the sentences of ``text``, trimmed of
    white space (no-break and ideographic spaces included), empty ones dropped. A sentence
    ends after a ``sentence_end`` character outside brackets (not between two digits) and at
    every line break."""
    if inside is None:
        inside, _ = _bracket_mask(text, rules, speech=False)
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n" or (not inside[i] and _is_boundary(text, i, rules.sentence_end, rules)):
            s, e = _trim(text, start, i + (ch != "\n"))
            if e > s:
                out.append((s, e))
            start = i + 1
    s, e = _trim(text, start, len(text))
    if e > s:
        out.append((s, e))
    return out


def split_clauses(text: str, span: tuple[int, int], rules: EventRules,
                  inside: bytearray | None = None, timex: bytearray | None = None) -> list[tuple[int, int]]:
    """The clauses of the sentence at ``span``: spans ending before a ``clause_end`` or
    ``sentence_end`` character outside brackets (the separator is left out), trimmed of white
    space, of the marks of quoted speech (``clauses.yaml: speech_quotes``; its content is no
    bracket unless ``inside``, the mask of ``_bracket_mask``, says so) and of the bullets and
    symbols opening them (``clauses.yaml: leading_marks``: ``■2024年5月1日``). ``timex``, a mask
    of the code points inside time expressions, keeps a separator inside one from splitting
    (``On May 3, 2024, Acme signed…``: one clause boundary, after ``2024``)."""
    if inside is None:
        inside, _ = _bracket_mask(text, rules)
    seps = rules.clause_end | rules.sentence_end
    quotes = set(rules.speech_open) | {rules.closers[q] for q in rules.speech_open}
    out, start = [], span[0]

    def add(s: int, e: int) -> None:
        s, e = _trim_speech(text, *_trim(text, s, e), quotes, inside)
        if rules.leading_marks is not None and e > s:
            m = rules.leading_marks.match(text, s, e)
            if m is not None and m.end() < e:
                s, e = _trim(text, m.end(), e)
        if e > s:
            out.append((s, e))

    for i in range(span[0], span[1]):
        if not inside[i] and not (timex is not None and timex[i]) and _is_boundary(text, i, seps, rules):
            add(start, i)
            start = i + 1
    add(start, span[1])
    return out


def _trim_speech(text: str, start: int, end: int, quotes: set[str], inside: bytearray) -> tuple[int, int]:
    """``start``/``end`` without the marks of quoted speech at the clause's edges (a speech quote
    whose content is not masked: ``“今年2月`` -> ``今年2月``); a quoted name keeps its marks."""
    while start < end and text[start] in quotes and not (start + 1 < len(inside) and inside[start + 1]):
        start, end = _trim(text, start + 1, end)
    while end > start and text[end - 1] in quotes and not (end >= 2 and inside[end - 2]):
        start, end = _trim(text, start, end - 1)
    return start, end


# ====================================================================== amounts

def _cn_number(s: str, digits: dict[str, int], mult: dict[str, int]) -> int | None:
    """Value of a Chinese numeral (``三千五百``, ``十二``, ``两万``); ``None`` if malformed."""
    total, section, number = 0, 0, None
    for ch in s:
        if ch in digits:
            number = digits[ch]
        elif ch in mult:
            m = mult[ch]
            if m >= 10000:
                section = (section + (number or 0)) * m
                total += section
                section = 0
            else:
                section += (1 if number is None else number) * m
            number = None
        else:
            return None
    return total + section + (number or 0)


def find_amounts(text: str, start: int, end: int, rules: EventRules,
                 exclude: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """Money amounts, counts and percentages written in ``text[start:end]`` (``amounts.yaml``).

    Each is ``{"text", "value", "unit", "kind", "approx", "start", "end"}``: ``value`` an int
    (or a float when not whole) after multipliers (``3.5亿元`` → 350000000), ``unit`` an ISO
    4217 code for money, the measure word for a count, ``%`` for a percentage; ``kind`` is
    ``money``, ``count`` or ``percent``; ``approx`` is true when a word such as ``余``/``近``
    marks the number as approximate. Spans overlapping ``exclude`` (time expressions, names)
    and numbers after an ordinal prefix (``第四届``) are skipped.
    """
    ar = rules.amounts
    mult_re = re.compile(_alternation(ar.multipliers)) if ar.multipliers else None
    out = []
    for m in ar.pattern.finditer(text, start, end):
        s, e = m.span()
        unit, cur = m.group("unit"), m.group("cur")
        if not unit and not cur:
            continue
        if s == e or not _word_bounded(text, s, e):
            continue
        ns = m.start("num")
        if _ending_word(text[max(start, ns - 8):ns], ar.ordinal_prefixes) and not cur and not m.group("pre"):
            continue
        if any(s < xe and xs < e for xs, xe in exclude):
            continue
        num = m.group("num")
        if num[0] in ar.digits or num[0] in ar.multipliers:
            value: float | None = _cn_number(num, ar.digits, ar.multipliers)
        else:
            ascii_num = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in num)
            value = float(ascii_num.replace(",", "").replace("．", "."))
        if value is None:
            continue
        if mult_re is not None:
            for w in mult_re.findall(m.group("mult")):
                value *= ar.multipliers[w]
        if cur or unit in ar.currencies:
            kind, code = "money", ar.currency_prefixes[cur.strip()] if cur else ar.currencies[unit]
        elif unit in ar.percent:
            kind, code = "percent", "%"
        else:
            kind, code = "count", unit
        approx = bool(m.group("pre") or m.group("approx1") or m.group("approx2"))
        if kind == "count" and unit in ar.ordinal_counters and num[0] in ar.digits and not approx:
            continue      # "一期工程", "二期": a phase, not a count
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append({"text": m.group(0), "value": value, "unit": code, "kind": kind,
                    "approx": approx, "start": s, "end": e})
    return out


# ====================================================================== dates

_DURATION = re.compile(r"P(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?")


def _minus_months(d: _dt.date, months: int) -> _dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    last = (_dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1)).day
    return _dt.date(y, m, min(d.day, last))


def duration_interval(value: str, dct: str | None) -> tuple[str | None, str | None]:
    """The half-open interval ``[DCT − value, DCT + 1 day)`` of an ISO 8601 duration that
    reaches the present (``近三年来`` = ``P3Y``): ``("2014-08-28", "2017-08-29")`` for ``P3Y`` and
    DCT ``2017-08-28``. ``(None, None)`` when the value has unknown parts (``PXY``), is not a
    duration of years, months, weeks and days, or there is no DCT."""
    m = _DURATION.fullmatch(value or "")
    if not dct or not m or not any(m.groupdict().values()):
        return None, None
    try:
        d = _dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None, None
    years = float(m.group("Y") or 0)
    months = round(years * 12) + int(m.group("M") or 0)
    start = _minus_months(d, months) - _dt.timedelta(weeks=int(m.group("W") or 0), days=int(m.group("D") or 0))
    return start.isoformat(), (d + _dt.timedelta(days=1)).isoformat()


def event_date(timex: Timex, dct: str | None, finish: Timex | None = None) -> dict[str, Any]:
    """The ``Event.date`` of an event dated by ``timex``:
    ``{"value", "mod", "granularity", "start", "end"}``.

    DATE/TIME: ``timeline.temporal.interval(value, mod)``. DATE/TIME with ``finish`` (the second
    of two dates written as a range, ``2019年8月至2020年10月``) and DURATION with
    ``begin``/``finish`` (one range expression, TIMEX3 beginPoint/endPoint): ``value`` is the
    begin point (the event is dated by when it began), ``start``/``end`` run from the start of
    the begin point to the end of the end point, granularity ``interval``. Other DURATION:
    ``duration_interval(value, dct)``, granularity ``interval``. A value ``interval`` cannot
    place gives ``start``/``end`` ``None``.
    """
    def place(value: str | None, mod: str | None) -> tuple[str | None, str | None, str]:
        from .temporal import interval

        if not value:
            return None, None, "none"
        try:
            return interval(value, mod)
        except ValueError:
            return None, None, "none"

    if finish is not None:
        start, end = place(timex.value, timex.mod)[0], place(finish.value, finish.mod)[1]
        return {"value": timex.value, "mod": timex.mod, "granularity": "interval" if start or end else "none",
                "start": start, "end": end}
    if timex.type == "DURATION":
        if timex.begin or timex.finish:
            start = place(timex.begin, None)[0]
            end = place(timex.finish, None)[1]
            if timex.begin:
                return {"value": timex.begin, "mod": None, "granularity": "interval" if start or end else "none",
                        "start": start, "end": end}
        else:
            start, end = duration_interval(timex.value, dct)
        granularity = "interval" if start or end else "none"
    else:
        start, end, granularity = place(timex.value, timex.mod)
    return {"value": timex.value, "mod": timex.mod, "granularity": granularity, "start": start, "end": end}


# ====================================================================== assembly

@dataclass
class _Mention:
    start: int
    end: int
    entity: str
    type: str


@dataclass
class _Trigger:
    start: int
    end: int
    word: str
    causative: Causative | None = None
    fallback: bool = False        # a verb-like word found by the fallback, not a table trigger


@dataclass
class _Unit:
    clauses: list[tuple[int, int]]
    trigger: _Trigger
    causative: _Trigger | None
    sentence: int
    attached: list[tuple[int, int]] = field(default_factory=list)
    prefix: list[tuple[int, int]] = field(default_factory=list)   # trigger-less clauses before it
    paragraph: int = 0
    anchors: list[Timex] = field(default_factory=list)      # one event each
    finish: dict[str, Timex] = field(default_factory=dict)  # anchor id -> end point of its range
    habitual: bool = False
    roles: dict[str, str] = field(default_factory=dict)      # entity id -> role (in order)
    subjects: list[str] = field(default_factory=list)        # agents before the verb
    unnamed: bool = False         # its subject is a body no entity stands for
    reach: int = 0                # end of a later date dating it ("…合作，于今年下半年成立")
    organisers: list[str] = field(default_factory=list)      # before a causative

    @property
    def start(self) -> int:
        return self.clauses[0][0]

    @property
    def end(self) -> int:
        return (self.attached or self.clauses)[-1][1]

    @property
    def core_end(self) -> int:
        return self.clauses[-1][1]


class _Context:
    def __init__(self, document: Document, timexes: Sequence[Timex], entities: Sequence[Entity],
                 rules: EventRules):
        self.doc, self.text, self.rules = document, document.text, rules
        self.inside, self.opaque = _bracket_mask(self.text, rules)
        self.sentence_inside, _ = _bracket_mask(self.text, rules, speech=False)
        self.timexes = sorted(timexes, key=lambda t: t.start)
        self.entities = {e.id: e for e in entities if not e.attributes.get("chrome")}
        self.mentions = self._mentions(entities)
        self._timex_starts = [t.start for t in self.timexes]
        self.in_timex = bytearray(len(self.text))     # 1 inside a time expression
        for t in self.timexes:
            self.in_timex[t.start:t.end] = b"\x01" * (t.end - t.start)
        self._newlines = [i for i, ch in enumerate(self.text) if ch == "\n"]
        self._block()
        self.sections = self._case_sections()
        resolved = self._anaphora()
        resolved += [w for w in self._party_words()      # "当事人": the case's party
                     if not any(x.start < w.end and w.start < x.end for x in resolved)]
        if resolved:
            self.mentions = sorted(self.mentions + resolved, key=lambda m: m.start)
            self._block()
        self.government = self._governments()
        self.title_orgs = self._title_orgs()
        self.parents = self._parents() if rules.parent_role else {}
        self.range_end: dict[str, Timex] = {}       # begin point id -> end point of a range
        self.datelines: list[tuple[int, int]] = []   # spans of the datelines found
        self._range_ends: set[str] = set()
        for a, b in zip(self.timexes, self.timexes[1:]):
            if a.type in ("DATE", "TIME") and b.type in ("DATE", "TIME") and a.id not in self._range_ends \
                    and self.text[a.end:b.start].strip() in rules.range_connectives:
                self.range_end[a.id] = b
                self._range_ends.add(b.id)

    def _block(self) -> None:
        self._mention_starts = [m.start for m in self.mentions]
        self.blocked = bytearray(len(self.text))      # 1 inside a time expression or a name
        for x in [*self.timexes, *self.mentions]:
            self.blocked[x.start:x.end] = b"\x01" * (x.end - x.start)

    def paragraph(self, pos: int) -> int:
        """Index of the paragraph (text between line breaks) holding ``pos``."""
        return bisect.bisect_right(self._newlines, pos)

    def _names(self, ent: Entity) -> list[str]:
        return [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]

    # --- entities standing for others --------------------------------------
    def _opens_phrase(self, i: int) -> bool:
        """True when ``text[i]`` starts a phrase: at the start of a clause, or right after a
        marker word, a coordinator, a leading connective or a time expression."""
        r = self.rules
        j = i
        while j > 0 and self.text[j - 1].isspace():
            j -= 1
        if j == 0 or self.text[j - 1] in r.clause_end | r.sentence_end or self.text[j - 1] == "\n":
            return True
        before = self.text[max(0, j - r.lookbehind):j]
        if _ending_word(before, (*r.marker_words, *r.coordinators, *r.leading_connectives)):
            return True
        k = bisect.bisect_right(self._timex_starts, j) - 1
        return k >= 0 and self.timexes[k].end == j

    def _anaphora(self) -> list[_Mention]:
        """Mentions for short names standing for an organisation (or a place) named earlier
        (``roles.yaml``: ``anaphora``): ``该院``, ``该镇``, a bare ``协会`` opening a clause, ``市府``."""
        ana, text = self.rules.anaphora, self.text
        if not (ana.heads or ana.bare or ana.short_forms):
            return []
        orgs = [e for e in self.entities.values() if e.type in ("ORG", "LOC")]
        if not orgs:
            return []
        firsts = {m.entity: m.start for m in reversed(self.mentions)}
        heads = {h: (h,) for h in ana.heads}
        bare = {h: (h,) for h in ana.bare}
        bare.update(ana.short_forms)
        words = [(d + h, h, d) for d in ana.determiners for h in heads] + [(h, h, "") for h in bare]
        pattern = re.compile(_alternation(w for w, _, _ in words))
        info = {w: (h, d) for w, h, d in sorted(words, key=lambda x: bool(x[2]))}
        out: list[_Mention] = []
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(self.blocked[s:e]) or self.inside[s] or not self._opens_phrase(s):
                continue
            head, det = info[m.group(0)]
            endings = (heads if det else bare)[head]
            cands = [o for o in orgs if any(n.endswith(endings) and len(n) > len(head) for n in self._names(o))]
            if not cands:
                continue
            before = [x for x in self.mentions if x.end <= s and x.entity in {o.id for o in cands}]
            same_par = [x for x in before if self.paragraph(x.start) == self.paragraph(s)]
            if det and before:
                ent = before[-1].entity
            elif not det and same_par:
                ent = same_par[-1].entity
            elif not det and before:
                ent = min(cands, key=lambda o: firsts.get(o.id, len(text))).id
            else:
                continue
            out.append(_Mention(s, e, ent, self.entities[ent].type))
        return out

    def _case_sections(self) -> list[tuple[int, int, str]]:
        """Case sections of an enforcement notice (``roles.yaml: case_sections``): ``(start,
        end, party)`` for the text after each heading (``案例一：``) up to the next heading or
        closing line; the party is the first organisation (else person) the first sentence after
        the heading names (the case's title, ``甲公司生产不合格食品案``)."""
        r = self.rules
        if r.case_heading is None:
            return []
        lines, pos = [], 0
        for line in self.text.split("\n"):
            lines.append((pos, pos + len(line), line))
            pos += len(line) + 1
        out: list[tuple[int, int, str]] = []
        open_: tuple[int, str] | None = None
        for ls, le, line in lines:
            heading = r.case_heading.match(line)
            closing = heading is None and r.case_end is not None and r.case_end.match(line)
            if (heading or closing) and open_ is not None:
                out.append((open_[0], ls, open_[1]))
                open_ = None
            if heading:           # the party is named in the heading's first sentence
                hs = ls + heading.end()
                he = next((i + 1 for i in range(hs, le) if self.text[i] in r.sentence_end), le)
                ms = [m for m in self.mentions_in(hs, he) if m.type in ("ORG", "PER")
                      and not self._acts_as_authority(m)]
                party = next((m for m in ms if m.type == "ORG"), ms[0] if ms else None)
                if party is not None:
                    open_ = (hs, party.entity)
        if open_ is not None:
            out.append((open_[0], len(self.text), open_[1]))
        return out

    def _acts_as_authority(self, m: _Mention) -> bool:
        """True when a trigger of ``case_sections.authority_kinds`` follows the mention
        (``甲县市场监管局查处乙公司…案``: the bureau acts, it is not the case's party)."""
        kinds = self.rules.case_authority_kinds
        if not kinds:
            return False
        j = m.end
        while j < len(self.text) and self.text[j].isspace():
            j += 1
        hit = self.rules.trigger_re.match(self.text, j)
        kind = self.rules.trigger_kind.get(hit.group(0)) if hit else None
        return kind is not None and kind.name in kinds

    def section_party(self, pos: int) -> str | None:
        """The party of the case section holding ``pos``, else ``None``."""
        return next((p for s, e, p in self.sections if s <= pos < e), None)

    def _party_words(self) -> list[_Mention]:
        """Mentions of a case section's party for its ``party_words`` (``当事人``, ``涉事企业``)."""
        words = self.rules.case_party_words
        if not (self.sections and words):
            return []
        out = []
        for m in re.finditer(_alternation(words), self.text):
            s, e = m.span()
            party = self.section_party(s)
            if party is not None and not any(self.blocked[s:e]):
                out.append(_Mention(s, e, party, self.entities[party].type))
        return out

    def _governments(self) -> dict[str, str]:
        """Place entity id -> id of the organisation governing it (``government_suffixes``)."""
        orgs = [e for e in self.entities.values() if e.type == "ORG"]
        out = {}
        for loc in self.entities.values():
            if loc.type != "LOC":
                continue
            names = {loc.name, *loc.aliases}
            for suffix in self.rules.government_suffixes:
                hit = next((o for o in orgs if any(n + suffix in (o.name, *o.aliases) for n in names)), None)
                if hit is not None:
                    out[loc.id] = hit.id
                    break
            else:
                hit = next((o for o in orgs if names & {o.name, *o.aliases}), None)
                if hit is not None:
                    out[loc.id] = hit.id
        return out

    def _parents(self) -> dict[str, str]:
        """Organisation id -> id of the organisation it belongs to: the one with the longest
        name (or alias, or mention) of three or more characters written inside one of its
        names but not ending it (``甲公司党支部`` belongs to ``甲公司``; ``乙县工商联`` does not
        belong to an organisation called ``工商联``)."""
        orgs = [e for e in self.entities.values() if e.type == "ORG"]
        names = {o.id: {n for n in self._names(o) if n} for o in orgs}
        out = {}
        for x in orgs:
            best: tuple[int, str] | None = None
            for y in orgs:
                if y.id == x.id or names[y.id] & names[x.id]:
                    continue
                for ny in names[y.id]:
                    if len(ny) >= 3 and (best is None or len(ny) > best[0]) and any(
                            ny in nx and not nx.endswith(ny) for nx in names[x.id]):
                        best = (len(ny), y.id)
            if best is not None:
                out[x.id] = best[1]
        return out

    def _title_orgs(self) -> dict[str, list[str]]:
        """Person entity id -> organisations its titles name (``甲公司董事长``: ``甲公司``),
        by the longest name or alias that starts a title."""
        orgs = [(n, o.id) for o in self.entities.values() if o.type == "ORG" for n in {o.name, *o.aliases}]
        orgs.sort(key=lambda x: -len(x[0]))
        out: dict[str, list[str]] = {}
        for per in self.entities.values():
            titles = per.attributes.get("titles") if per.type == "PER" else None
            for title in titles or ():
                if not isinstance(title, str):
                    continue
                hit = next((oid for n, oid in orgs if len(n) < len(title) and title.startswith(n)), None)
                if hit is None:
                    hit = self._titled_body(title, orgs)
                if hit is not None and hit not in out.setdefault(per.id, []):
                    out[per.id].append(hit)
        return out

    def _titled_body(self, title: str, orgs: list[tuple[str, str]]) -> str | None:
        """The organisation a title names without starting with its full name: a leader's title
        (``roles.yaml: leader_titles``: ``市长``) names the only government of its level the
        document names (``甲市人民政府``); a body and an office (``office_words``: ``市台办主任``)
        name the organisation whose name or alias ends with the body (``丙市台办``)."""
        r = self.rules
        leader = _ending_word(title, r.leader_titles)
        if leader is not None:        # "市长", "甲市市长": the government of the place it names
            head, place = r.leader_titles[leader], title[: len(title) - len(leader)]
            govs = {oid for n, oid in orgs for suffix in r.government_suffixes if n.endswith(head + suffix)
                    and len(n) > len(head + suffix) and n.startswith(place)}
            return next(iter(govs)) if len(govs) == 1 else None
        office = _ending_word(title, r.office_words)
        body = title[: len(title) - len(office)] if office else ""
        if len(body) < 2:
            return None
        hits = {oid for n, oid in orgs if n.endswith(body)}
        return next(iter(hits)) if len(hits) == 1 else None

    def inside_title(self, pos: int) -> bool:
        return bool(self.opaque[pos])

    def adjunct_frames(self, start: int, end: int) -> list[tuple[int, int, str, int]]:
        """``(open end, close start, role, close end)`` of the adjuncts of a clause
        (``在X的支持下``)."""
        text, out = self.text, []
        for adj in self.rules.adjuncts:
            pos = start
            while True:
                hits = [(i, w) for i, w in ((text.find(w, pos, end), w) for w in adj.open)
                        if i >= 0 and not self.inside[i] and not self.blocked[i]]
                if not hits:
                    break
                i, w = min(hits)
                closes = [(j, c) for j, c in ((text.find(c, i + len(w), end), c) for c in adj.close) if j >= 0]
                if not closes:
                    break
                j, c = min(closes)
                if self.mentions_in(i + len(w), j):
                    out.append((i + len(w), j, adj.role, j + len(c)))
                pos = j + len(c)
        return out

    def is_adjunct_clause(self, start: int, end: int) -> bool:
        """True when the clause is nothing but adjuncts (``在甲镇政府的支持下``)."""
        frames = self.adjunct_frames(start, end)
        if not frames:
            return False
        covered = bytearray(end - start)
        for fs, _, _, hi in frames:
            lo = fs - next(len(w) for a in self.rules.adjuncts for w in a.open if self.text.endswith(w, 0, fs))
            covered[max(0, lo - start):hi - start] = b"\x01" * (min(hi, end) - max(lo, start))
        rest = "".join(self.text[start + k] for k in range(end - start) if not covered[k])
        return not rest.strip()

    def _mentions(self, entities: Sequence[Entity]) -> list[_Mention]:
        cands = []
        for e in entities:
            if e.attributes.get("chrome"):
                continue
            for m in e.mentions:
                if m.doc and m.doc != self.doc.id:
                    continue
                if 0 <= m.start < m.end <= len(self.text) and not self.opaque[m.start]:
                    cands.append(_Mention(m.start, m.end, e.id, e.type))
        cands.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[_Mention] = []
        for m in cands:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out

    def mentions_in(self, start: int, end: int) -> list[_Mention]:
        i = bisect.bisect_left(self._mention_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def timexes_in(self, start: int, end: int) -> list[Timex]:
        i = bisect.bisect_left(self._timex_starts, start)
        out = []
        while i < len(self.timexes) and self.timexes[i].start < end:
            if self.timexes[i].end <= end:
                out.append(self.timexes[i])
            i += 1
        return out

    # --- time expressions -------------------------------------------------
    def timex_role(self, t: Timex) -> str:
        """``anchor``, ``set``, ``compare`` (base of a comparison) or ``ignore`` (inside a title or
        a quoted name, the end point of a range). A deadline (``2025年底前``) is an ``anchor``
        (see ``is_deadline``)."""
        r = self.rules
        if self.opaque[t.start] or t.id in self._range_ends:
            return "ignore"       # in a title, or the end point of a range
        if self.inside[t.start] and t.end < len(self.text) and self.inside[t.end]:
            return "ignore"       # part of a quoted name ("“2018年度优秀民营企业”")
        before = self.text[max(0, t.start - r.lookbehind):t.start]
        if _ending_word(before, r.comparison_markers):
            return "compare"
        if t.type == "SET":
            return "set"
        if t.type == "DURATION":
            if t.begin or t.finish:
                return "anchor"
            if _starting_word(t.text, r.duration_prefixes) or t.text.endswith(r.duration_suffixes) or \
                    _ending_word(before, r.duration_prefixes):
                return "anchor"
            return "ignore"
        return "anchor"

    def is_deadline(self, t: Timex) -> bool:
        """True for a DATE or TIME right before a deadline marker (``anchors.yaml:
        deadline_markers``: ``2025年底前``, ``6月15日前``): it dates the event it governs, which is
        due by then (its ``Event.date`` keeps the TIMEX3 mod, else takes ``BEFORE``)."""
        r = self.rules
        return t.type in ("DATE", "TIME") and \
            _starting_word(self.text[t.end:t.end + r.lookbehind], r.deadline_markers) is not None

    def is_past(self, t: Timex) -> bool:
        """True when ``t`` denotes a time before the document creation time: ``PAST_REF``, or an
        interval (``event_date``) ending by the end of the DCT's day, or open-ended and starting
        by it (``自2021年以来``). ``False`` without a DCT."""
        if t.value == "PAST_REF":
            return True
        dct = (self.doc.dct or "")[:10]
        try:
            day_after = (_dt.date.fromisoformat(dct) + _dt.timedelta(days=1)).isoformat()
        except ValueError:
            return False
        d = event_date(t, dct)
        if d["end"] is not None:
            return d["end"][:10] <= day_after
        return d["start"] is not None and d["start"][:10] <= dct

    def speaks_of_future(self, start: int, end: int) -> bool:
        """True when the clause ``text[start:end]`` holds a word of ``anchors.yaml:
        future_markers`` (``下一步``, ``今后``) outside brackets, or an auxiliary of
        ``future_auxiliaries`` (``将``, ``拟``) followed, past adverbs (``fallback.skip``), by a
        trigger, a marker word or a time expression (``将与乙局合作``; not ``将资金发放给…``)."""
        r, text = self.rules, self.text
        for w in r.future_markers:
            i = text.find(w, start, end)
            while i >= 0:
                if not self.inside[i] and _word_bounded(text, i, i + len(w)):
                    return True
                i = text.find(w, i + 1, end)
        skip = r.fallback.skip if r.fallback else ()
        starts = set(self._timex_starts)
        for w in sorted(r.future_auxiliaries, key=len, reverse=True):
            i = text.find(w, start, end)
            while i >= 0:
                if not self.inside[i] and not self.blocked[i] and _word_bounded(text, i, i + len(w)):
                    p = i + len(w)
                    while p < end and text[p].isspace():
                        p += 1
                    while p < end and (a := _starting_word(text[p:p + r.lookbehind], skip)) is not None \
                            and a not in r.marker_role and text.startswith(a, p):
                        p += len(a)
                    if p in starts or r.trigger_re.match(text, p) or \
                            _starting_word(text[p:p + r.lookbehind], r.marker_words):
                        return True
                i = text.find(w, i + 1, end)
        return False

    def dateline_end(self, sentence: tuple[int, int]) -> int | None:
        """The end of the news dateline or byline (``clauses.yaml: datelines``: ``本报讯（记者 林晓雨）``,
        ``新华社北京3月14日电``) opening the paragraph that ``sentence`` opens, white space after it
        included; ``None`` when there is none or the sentence does not open its paragraph. The
        span is recorded in ``self.datelines``."""
        r = self.rules
        s, e = sentence
        if r.dateline is None or self.text[self.text.rfind("\n", 0, s) + 1:s].strip():
            return None
        m = r.dateline.match(self.text, s, e)
        if m is None or m.end() == s:
            return None
        self.datelines.append((s, m.end()))
        return m.end()

    # --- triggers ---------------------------------------------------------
    def topic_frames(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans ``(open end, close start)`` of the topic frames of a clause (``就X进行``)."""
        r, text = self.rules, self.text
        out, pos = [], start
        while r.topic_open:
            hits = [(text.find(w, pos, end), w) for w in r.topic_open]
            hits = [(i, w) for i, w in hits if i >= 0 and not self.inside[i]]
            if not hits:
                break
            i, w = min(hits)
            closes = [j for j in (text.find(c, i + len(w), end) for c in r.topic_close) if j >= 0]
            if not closes:
                break
            out.append((i + len(w), min(closes)))
            pos = min(closes)
        return out

    def triggers_in(self, start: int, end: int) -> list[_Trigger]:
        """Trigger and causative occurrences in ``text[start:end]`` (one clause), in order."""
        r, text = self.rules, self.text
        frames = self.topic_frames(start, end)
        closing = [(fe, ce) for _, fe, _, ce in self.adjunct_frames(start, end)]   # "经X批准": not an event
        purpose = min((i for i in (text.find(w, start, end) for w in r.purpose_markers) if i >= 0),
                      default=end)
        out = []
        for m in r.trigger_re.finditer(text, start, end):
            s, e = m.span()
            if s >= purpose or self.inside[s] or any(self.blocked[s:e]) or not _word_bounded(text, s, e):
                continue
            if any(fs <= s < fe for fs, fe in frames) or any(cs <= s < ce for cs, ce in closing):
                continue
            before = text[max(start, s - r.lookbehind):s]
            if _ending_word(before, r.negators) or _ending_word(before, r.nominal_markers):
                continue
            head = _starting_word(text[e:e + r.lookbehind], r.nominal_heads)
            if head is not None and len(_starting_word(text[e:e + r.lookbehind], r.body_heads) or "") <= len(head):
                continue      # "投资商": a noun; not "成立商会", whose object is a body ("roles.yaml: body_heads")
            if m.group(0) in r.nouns:
                continue          # "党组织", "组织部": a noun holding a verb
            out.append(_Trigger(s, e, m.group(0), r.causatives.get(m.group(0))))
        return out


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _word_bounded(text: str, s: int, e: int) -> bool:
    """False when a match starting or ending with a Latin letter runs on into a word
    ("at" inside "that"); scripts written without spaces are never bounded."""
    if _is_letter(text[s]) and s > 0 and _is_letter(text[s - 1]):
        return False
    return not (_is_letter(text[e - 1]) and e < len(text) and _is_letter(text[e]))


def _ending_word(before: str, words) -> str | None:
    """The longest of ``words`` that ``before`` ends with (trailing white space and letter
    case ignored, a Latin word whole), else ``None``."""
    b = before.rstrip().casefold()
    for w in sorted(words, key=len, reverse=True):
        wf = w.casefold()
        if b.endswith(wf) and _word_bounded(b, len(b) - len(wf), len(b)):
            return w
    return None


def _starting_word(after: str, words) -> str | None:
    """The longest of ``words`` that ``after`` starts with (leading white space and letter
    case ignored, a Latin word whole), else ``None``."""
    a = after.lstrip().casefold()
    for w in sorted(words, key=len, reverse=True):
        wf = w.casefold()
        if a.startswith(wf) and _word_bounded(a, 0, len(wf)):
            return w
    return None


def _titled_by(ctx: _Context, org: _Mention, per: _Mention) -> bool:
    """True when ``per`` is a person whose title runs from the organisation ``org`` before it
    (``甲公司董事长乙``: one of the person's titles ends with the text between them)."""
    if per.type != "PER" or org.type != "ORG" or org.end >= per.start:
        return False
    gap = ctx.text[org.end:per.start].strip()
    titles = ctx.entities[per.entity].attributes.get("titles") or () if per.entity in ctx.entities else ()
    return bool(gap) and any(isinstance(t, str) and t.endswith(gap) for t in titles)


def _coordinated(ctx: _Context, end: int, start: int) -> bool:
    """True when the text between two names joins them in one list: a coordinator
    (``A、B``, ``A和B``), or list members the entity stage did not name between two
    coordinators (``A、乙公司、C``: C is listed with A) without a marker word among them."""
    r = ctx.rules
    gap = ctx.text[end:start].strip()
    if gap in r.coordinators:
        return True
    if not gap or ctx.inside[end] or any(ch in r.clause_end | r.sentence_end for ch in gap):
        return False
    first, last = _starting_word(gap, r.coordinators), _ending_word(gap, r.coordinators)
    if not first or not last or len(first) + len(last) >= len(gap):
        return False
    inner = gap[len(first):len(gap) - len(last)]
    return not any(_starting_word(inner[i:], r.marker_words) for i in range(len(inner))) and \
        not r.trigger_re.search(inner)


def _modifies_next(mentions: list[_Mention], k: int) -> bool:
    """True when mention ``k`` is written right before the next one (``甲省乙市``: a place
    locating the next name)."""
    return k + 1 < len(mentions) and mentions[k + 1].start == mentions[k].end


def _marker_role(ctx: _Context, m: _Mention, floor: int) -> str | None:
    pre = ctx.text[floor:m.start].rstrip()
    title = _ending_word(pre, ctx.rules.honorifics)
    if title:
        pre = pre[: len(pre) - len(title)]
    word = _ending_word(pre, ctx.rules.marker_words)
    return ctx.rules.marker_role[word] if word else None


def _core_roles(ctx: _Context, unit: _Unit) -> None:
    """Roles of the entities in the unit's own clauses; records its subjects and organisers."""
    r = ctx.rules
    trig = unit.trigger
    kind = r.kind_of(trig.word)
    caus = unit.causative.causative if unit.causative else trig.causative
    caus_span = unit.causative if unit.causative else (trig if trig.causative else None)
    frames = [f for cs, ce in unit.clauses for f in ctx.topic_frames(cs, ce)]
    adjuncts = [f[:3] for cs, ce in unit.clauses for f in ctx.adjunct_frames(cs, ce)]
    prev: tuple[_Mention, str] | None = None
    floor = unit.start
    subject_only: list[str] = []     # entities placed as the plain subject of the verb
    has_object = False
    mentions = ctx.mentions_in(unit.start, unit.core_end)
    chain_role: str | None = None
    for k, m in enumerate(mentions):
        if any(fs <= m.start < fe for fs, fe in frames):
            unit.roles.setdefault(m.entity, "mentioned")
            prev, floor = None, m.end
            continue
        adj = next((ar for fs, fe, ar in adjuncts if fs <= m.start < fe), None)
        if adj is not None:
            unit.roles.setdefault(m.entity, adj)
            if adj == "organiser" and m.entity not in unit.organisers:
                unit.organisers.append(m.entity)
            prev, floor = (m, adj), m.end
            continue
        role = _marker_role(ctx, m, floor)
        if role is None and _complement_of(ctx, m):
            role = ctx.rules.case_role      # "检查发现X…", "举报X…": X undergoes the event
        if role is None and prev is not None and (
                _coordinated(ctx, prev[0].end, m.start) or _titled_by(ctx, prev[0], m)):
            role = prev[1]
        in_chain = prev is not None and prev[0].end == m.start and prev[0].type == "LOC"
        if in_chain and role is None:
            role = chain_role       # the last place of "赴甲省乙市" keeps the role of the first
        if m.type == "LOC" and _modifies_next(mentions, k):
            chain_role = role if not in_chain else chain_role
            role = "location"     # "甲省乙市丙区举行": the places before the last only locate it
        else:
            chain_role = None
        if role is None and m.type == "LOC" and m.start >= trig.end:
            role = "location"     # a place after the verb without a marker: where it happened
        positional = role is None
        if role is None:
            if m.end <= trig.start:
                if caus_span is not None and caus_span is not trig:
                    role = caus.between if m.start >= caus_span.end else caus.before
                elif caus_span is trig:
                    role = caus.before
                elif _passive_between(ctx, m.end, trig.start):
                    role = kind.passive   # "甲公司被立案调查": the subject undergoes the event
                    positional = False
                else:
                    role = kind.before
                    subject_only.append(m.entity)
            else:
                role = caus.between if caus_span is trig else kind.after
                has_object = True
        if role == "organiser":
            if m.entity not in unit.organisers:
                unit.organisers.append(m.entity)
        elif ((positional and m.end <= trig.start) or role == "agent") and m.entity not in unit.subjects:
            unit.subjects.append(m.entity)
        unit.roles.setdefault(m.entity, role)
        prev = (m, role)
        floor = m.end
    clause_end = next(e for s, e in unit.clauses if s <= trig.start < e)
    rest = ctx.text[trig.end:clause_end]
    intransitive = not rest.strip() or _starting_word(rest, r.prepositions)
    if kind is not None and kind.alone and intransitive and not has_object and caus is None:
        for ent in subject_only:      # "甲商会成立于2014年": the subject is what was founded
            unit.roles[ent] = kind.alone


def _complement_of(ctx: _Context, m: _Mention) -> bool:
    """True when the mention is the complement of a verb of perception or report
    (``roles.yaml: complement_markers``: ``检查发现X``, ``发现，X…``, ``举报X``): the marker stands
    right before it, clause separators and white space aside, outside any name."""
    r = ctx.rules
    if not r.complement_markers:
        return False
    j = m.start
    while j > 0 and (ctx.text[j - 1].isspace() or ctx.text[j - 1] in r.clause_end):
        j -= 1
    w = _ending_word(ctx.text[max(0, j - 8):j], r.complement_markers)
    return w is not None and not any(ctx.blocked[j - len(w):j])


def _pronoun_roles(ctx: _Context, unit: _Unit, last_patient: str | None) -> None:
    """An object pronoun after a marker word (``roles.yaml: object_pronouns``: ``对其作出…``)
    stands for the party of the case section, else ``last_patient`` (the last patient named
    before); it takes the marker's role."""
    r = ctx.rules
    if not r.object_pronouns:
        return
    ref = ctx.section_party(unit.trigger.start) or last_patient
    if ref is None:
        return
    for s, e in [*unit.clauses, *unit.attached]:
        for m in re.finditer(_alternation(r.object_pronouns), ctx.text[s:e]):
            i = s + m.start()
            if ctx.blocked[i] or ctx.inside[i]:
                continue
            word = _ending_word(ctx.text[max(s, i - r.lookbehind):i], r.marker_words)
            if word is None:
                continue
            role = r.marker_role[word]
            if unit.roles.get(ref) in (None, "mentioned"):
                unit.roles[ref] = role


def _last_patient(unit: _Unit, current: str | None) -> str | None:
    """The last patient of ``unit``, else ``current``."""
    patients = [e for e, role in unit.roles.items() if role == "patient"]
    return patients[-1] if patients else current


def _case_party(ctx: _Context, unit: _Unit) -> None:
    """The party of the case section holding the unit (``roles.yaml: case_sections``) takes
    part in it (``case_sections.role``) unless it already does in another role than
    ``mentioned``."""
    party = ctx.section_party(unit.trigger.start)
    if party is not None and unit.roles.get(party) in (None, "mentioned"):
        unit.roles[party] = ctx.rules.case_role


def _introduced(ctx: _Context, clauses: list[tuple[int, int]]) -> str | None:
    """The body a sentence introduces as the topic of its paragraph (``roles.yaml:
    topic_introductions``: ``甲公司就是受益者之一``, ``以甲公司为例``), else ``None``."""
    r = ctx.rules
    if not r.topic_intros or not clauses:
        return None
    start, end = clauses[0][0], clauses[-1][1]
    for m in ctx.mentions_in(start, end):
        if m.type not in ("ORG", "PER"):
            continue
        before = ctx.text[start:m.start]
        for t in ctx.timexes_in(start, m.start):
            before = before.replace(t.text, "")
        before = before.strip().lstrip("".join(r.clause_end)).strip()
        for _, b, a in r.topic_intros:
            if b.fullmatch(before) and a.match(ctx.text, m.end, end):
                return m.entity
    return None


def _pronoun_subject(ctx: _Context, unit: _Unit) -> bool:
    """True when the unit's subject is a ``topic_pronouns`` word (``我们上月底完成了…``): the
    words of its clause before the verb, time expressions and fillers aside, open with one."""
    r = ctx.rules
    if not r.topic_pronouns:
        return False
    trig = unit.trigger
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    names = ctx.mentions_in(cs, trig.start)
    end = names[0].start if names else trig.start       # "我们与丁大学签订": the words before a name
    words = ctx.text[cs:end]
    for t in ctx.timexes_in(cs, end):
        words = words.replace(t.text, "")
    words = _strip_fillers(ctx, words)
    return _starting_word(words, r.topic_pronouns) is not None


def _passive_between(ctx: _Context, start: int, end: int) -> bool:
    """True when a passive marker (``roles.yaml: passive_markers``) stands in ``text[start:end]``
    outside names and time expressions (``甲公司因…被立案``)."""
    for w in ctx.rules.passive_markers:
        i = ctx.text.find(w, start, end)
        while i >= 0:
            if not any(ctx.blocked[i:i + len(w)]) and _word_bounded(ctx.text, i, i + len(w)):
                return True
            i = ctx.text.find(w, i + 1, end)
    return False


def _subject_role(ctx: _Context, unit: _Unit) -> str:
    caus = unit.causative.causative if unit.causative else unit.trigger.causative
    kind = ctx.rules.kind_of(unit.trigger.word)
    return caus.before if caus else (kind.before if kind else "agent")


def _opening_entity(ctx: _Context, start: int, end: int) -> str | None:
    """The entity opening the clause ``text[start:end]`` (the last of places written together,
    ``甲省乙县``: ``乙县``), if it is an organisation, a person or a place."""
    ms = ctx.mentions_in(start, end)
    if not ms or ms[0].start != start:
        return None
    k = 0
    while ms[k].type == "LOC" and _modifies_next(ms, k):
        k += 1
    return ms[k].entity if ms[k].type in ("ORG", "PER", "LOC") else None


def _prefix_roles(ctx: _Context, unit: _Unit) -> None:
    """Roles of the entities in the trigger-less clauses just before the unit in its sentence
    (``在甲镇政府的支持下，乙村成立了…``, ``市委常委张三，市工商联主席李四等出席会议``,
    ``甲公司多次催讨未果，于…提起诉讼``): an adjunct's or a marker's role; the names opening the
    clause (and those listed with them), or all names of a clause naming a person (titles and
    a name), are subjects; a place locating the next name is a location; the others are
    ``mentioned``."""
    role_subject = _subject_role(ctx, unit)
    for cs, ce in unit.prefix:
        adjuncts = [f[:3] for f in ctx.adjunct_frames(cs, ce)]
        frames = ctx.topic_frames(cs, ce)
        mentions = ctx.mentions_in(cs, ce)
        designation = bool(mentions) and mentions[-1].type == "PER" and mentions[-1].end == ce
        prev: tuple[_Mention, str] | None = None
        floor = cs
        for k, m in enumerate(mentions):
            role = next((ar for fs, fe, ar in adjuncts if fs <= m.start < fe), None)
            if role is None and any(fs <= m.start < fe for fs, fe in frames):
                role = "mentioned"
            if role is None:
                role = _marker_role(ctx, m, floor)
            if role is None and prev is not None and _coordinated(ctx, prev[0].end, m.start):
                role = prev[1]
            if role is None and m.type == "LOC" and _modifies_next(mentions, k):
                role = "location"
            if role is None and (designation or m.start == cs or (prev is not None and prev[0].end == m.start)):
                role = role_subject
            if role is None:
                role = "location" if m.type == "LOC" else "mentioned"
            if role == "organiser":
                if m.entity not in unit.organisers:
                    unit.organisers.append(m.entity)
            elif role == role_subject and m.entity not in unit.subjects:
                unit.subjects.append(m.entity)
            unit.roles.setdefault(m.entity, role)
            prev, floor = (m, role), m.end


def _preverb_words(ctx: _Context, unit: _Unit) -> str | None:
    """The words before the trigger (or its causative) in its clause, after any time expression
    and up to the first marker word (``与政府签订``: the subject ends before ``与``), white space
    trimmed; ``None`` when a name stands among them (the unit names its subject)."""
    r = ctx.rules
    trig = unit.trigger
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    head_start = max([cs, *(t.end for t in ctx.timexes_in(cs, trig.start))])
    head_end = unit.causative.start if unit.causative is not None and unit.causative.start >= head_start \
        else trig.start
    for i in range(head_start, head_end):
        if not ctx.blocked[i] and _starting_word(ctx.text[i:i + r.lookbehind], r.marker_words):
            head_end = i
            break
    if ctx.mentions_in(cs, head_end):
        return None
    return ctx.text[head_start:head_end].strip()


def _strip_fillers(ctx: _Context, words: str) -> str:
    """``words`` without the adverbs, auxiliaries, connectives, prepositions and negators that
    open it (``fallback.skip``, ``roles.yaml: preverbal``, ``anchors.yaml: future_auxiliaries``,
    ``leading_connectives``, ``prepositions``, ``event_anaphora``; separators and white space
    too): what is left
    names a subject, or is empty."""
    r = ctx.rules
    fillers = (*(r.fallback.skip if r.fallback else ()), *r.preverbal, *r.future_auxiliaries,
               *r.leading_connectives, *r.prepositions, *r.negators, *r.event_anaphora)
    seps = "".join(r.clause_end | r.sentence_end)
    while words:
        words = words.strip().strip(seps).strip()
        w = _starting_word(words, fillers)
        if w is None:
            break
        words = words.lstrip()[len(w):]
    return words


def _unnamed_subject(ctx: _Context, unit: _Unit) -> str | None:
    """What kind of subject the words before the verb (``_preverb_words``), without a name among
    them, name though the entity stage resolved none: ``collective`` when they start with a
    place or a collective (``roles.yaml: collective_subjects``: ``今年一季度，全县已新增…``),
    ``body`` when, once trailing adverbs (``fallback.skip``) are dropped, they end with the head
    of an organisation's name (``roles.yaml: body_heads``: ``丙和电子有限公司党支部成立``); else
    ``None``."""
    r = ctx.rules
    if not (r.body_heads or r.collective_subjects):
        return None
    words = _preverb_words(ctx, unit)
    if not words:
        return None
    if _starting_word(words, r.collective_subjects):
        return "collective"
    skip = r.fallback.skip if r.fallback else ()
    while (w := _ending_word(words, skip)) is not None and len(w) < len(words):
        words = words[: len(words) - len(w)].rstrip()
    head = _ending_word(words, r.body_heads)
    return "body" if head is not None and len(words) >= len(head) + 2 else None


def _verb_initial(ctx: _Context, unit: _Unit) -> bool:
    """True when the unit's clause starts with its verb: nothing but adverbs and auxiliaries,
    connectives, prepositions and negators (``_strip_fillers``) stands before the verb (after
    its time expressions, up to a marker word: ``将与乙局合作`` is verb-initial,
    ``执法人员对X进行检查``, ``双方签订`` are not). Only such a clause takes the subject of the
    previous sentence (zero anaphora). So does a passive clause whose agent is left unsaid
    (``丙公司被立案调查``: ``roles.yaml: passive_markers``)."""
    words = _preverb_words(ctx, unit)
    if words is None:
        trig = unit.trigger
        cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
        return _passive_between(ctx, cs, trig.start)
    return not _strip_fillers(ctx, words)


def _short_name_referent(ctx: _Context, unit: _Unit) -> str | None:
    """The organisation an unnamed subject is a short name of: the words before the verb
    (``_preverb_words``, trailing adverbs dropped), three characters or more, end a name or
    an alias of an organisation mentioned earlier in the document (``园区综合党委`` for
    ``甲县工业园区综合党委``); the nearest such one, else ``None``."""
    r = ctx.rules
    words = _preverb_words(ctx, unit) or ""
    skip = r.fallback.skip if r.fallback else ()
    while (w := _ending_word(words, skip)) is not None and len(w) < len(words):
        words = words[: len(words) - len(w)].rstrip()
    words = _strip_fillers(ctx, words)
    if len(words) < 3:
        return None
    for m in reversed(ctx.mentions_in(0, unit.trigger.start)):
        ent = ctx.entities.get(m.entity)
        if ent is not None and ent.type == "ORG" and any(
                n != words and n.endswith(words) for n in (ent.name, *ent.aliases, ctx.text[m.start:m.end])):
            return ent.id
    return None


def _anaphoric_subject(ctx: _Context, unit: _Unit) -> bool:
    """True when the words before the verb (``_preverb_words``) open with a determiner of
    ``roles.yaml: anaphora`` that no name resolved (``这家成立于2011年的企业…``): the subject
    points back at who the previous sentence was about."""
    words = _preverb_words(ctx, unit)
    return bool(words) and _starting_word(words, ctx.rules.anaphora.determiners) is not None


def _fill_subject(ctx: _Context, unit: _Unit, prev: _Unit | None, clauses: list[tuple[int, int]],
                  topic: Sequence[str] = (), introduced: Sequence[str] = ()) -> None:
    """Zero anaphora: a unit with nobody before its verb takes the subject of the previous
    unit of its sentence (for a causative: its organisers, or its subjects when it had no
    causative of its own: ``甲党委开展…活动，组织党员走访…``), or the entity opening an earlier
    clause of the sentence, else ``topic``: the subject of the previous sentence of its
    paragraph, only when the unit's clause starts with its verb (``_verb_initial``) or its subject
    is an unresolved anaphoric determiner (``_anaphoric_subject``: ``这家…的企业``). A unit whose
    subject is an organisation or a collective the entity stage did not name
    (``_unnamed_subject``) takes nobody, unless a body's words end the name of an organisation
    told before (``_short_name_referent``); an unresolved body is marked ``unnamed`` (the next
    sentence is about it: ``_topic``)."""
    if unit.subjects or unit.organisers:
        return
    unnamed = _unnamed_subject(ctx, unit)
    if unnamed is not None:
        ref = _short_name_referent(ctx, unit) if unnamed == "body" else None
        if ref is None:
            unit.unnamed = unnamed == "body"
            return
        unit.roles.setdefault(ref, _subject_role(ctx, unit))
        if _subject_role(ctx, unit) == "organiser":
            unit.organisers = [ref]
        else:
            unit.subjects = [ref]
        return
    caus = unit.causative.causative if unit.causative else unit.trigger.causative
    role = _subject_role(ctx, unit)
    fill: list[str] = []
    if prev is not None:
        if caus is not None:      # who organised the previous unit, or did it when none did
            fill = list(prev.organisers or (prev.subjects if prev.causative is None and
                                            prev.trigger.causative is None else []))
        else:
            fill = list(prev.subjects or prev.organisers)
    else:
        for cs, ce in clauses:
            if cs >= unit.start:
                break
            ent = _opening_entity(ctx, cs, ce)
            if ent is not None:
                fill = [ent]
                break
    pronoun = _pronoun_subject(ctx, unit)
    if not fill and introduced and pronoun:      # "甲公司就是受益者之一。…我们上月底完成了…"
        fill = [e for e in introduced if e not in unit.roles]
    if not fill and (topic or introduced) and (_verb_initial(ctx, unit) or _anaphoric_subject(ctx, unit)
                                               or pronoun):
        fill = [e for e in (topic or introduced) if e not in unit.roles]
    for ent in fill:
        unit.roles.setdefault(ent, role)
    if role == "organiser":
        unit.organisers = fill
    else:
        unit.subjects = fill


def _final_roles(ctx: _Context, unit: _Unit) -> None:
    """The organisations a person's titles name join the unit in the person's role
    (``甲公司董事长张三``); the organisation a participating body belongs to joins it in the role
    ``parent_role`` (``甲公司党支部``: ``甲公司``); a place acting as a party (not a ``location``
    nor ``mentioned``) is replaced by its government (``government_suffixes``)."""
    for ent, role in list(unit.roles.items()):
        for org in ctx.title_orgs.get(ent, ()):
            unit.roles.setdefault(org, role)
    for ent in list(unit.roles):
        parent, seen = ctx.parents.get(ent), {ent}
        while parent is not None and parent not in seen:     # "甲公司党支部" names "甲公司" too
            unit.roles.setdefault(parent, ctx.rules.parent_role)
            seen.add(parent)
            parent = ctx.parents.get(parent)
    if not ctx.government:
        return
    swap = {e: ctx.government[e] for e, role in unit.roles.items()
            if e in ctx.government and role not in ("location", "mentioned")}
    if not swap:
        return
    roles: dict[str, str] = {}
    for e, role in unit.roles.items():
        roles.setdefault(swap.get(e, e), role)
    unit.roles = roles
    unit.subjects = list(dict.fromkeys(swap.get(e, e) for e in unit.subjects))
    unit.organisers = list(dict.fromkeys(swap.get(e, e) for e in unit.organisers))


def _topic(ctx: _Context, units: list[_Unit], clauses: list[tuple[int, int]]) -> list[str] | None:
    """Who a sentence is about, for the next sentence of its paragraph: the subjects (else the
    organisers) of its last unit having some (a collective subject, ``全县已新增…``, is skipped),
    ``[]`` (nobody named) when that unit's subject is an organisation no entity stands for
    (``丙和电子有限公司党支部成立``), else the entity opening its first clause; ``None`` when the sentence
    says nothing of it (the topic of the sentence before it goes on)."""
    for u in reversed(units):
        if u.subjects or u.organisers:
            return list(u.subjects or u.organisers)
        if u.unnamed:
            return []
    for cs, ce in clauses:
        ent = _opening_entity(ctx, cs, ce)
        if ent is not None:
            return [ctx.government.get(ent, ent)]
    return None


def _attached_roles(ctx: _Context, unit: _Unit) -> None:
    """Roles of the entities in the trigger-less clauses following the unit: a marker's role,
    a place's ``location``, else ``mentioned``."""
    for s, e in unit.attached:
        prev, floor = None, s
        for m in ctx.mentions_in(s, e):
            role = _marker_role(ctx, m, floor)
            if role is None and _complement_of(ctx, m):
                role = ctx.rules.case_role  # "抽检中发现，该公司生产的…": the party found at fault
            if role is None and prev is not None and _coordinated(ctx, prev[0].end, m.start):
                role = prev[1]
            if role is None:
                role = "location" if m.type == "LOC" else "mentioned"
            if unit.roles.get(m.entity) == "mentioned" and role != "mentioned":
                unit.roles[m.entity] = role
            unit.roles.setdefault(m.entity, role)
            prev, floor = (m, role), m.end


def _main_trigger(ctx: _Context, trigs: list[_Trigger], clause_end: int) -> _Trigger | None:
    """The clause's main verb: the first trigger followed by an aspect marker or ending the
    clause, else the first trigger (causatives aside). A trigger after a serial connective
    following the first one (``serial_markers``: ``出席会议并讲话``, ``召开座谈会进行深入交流探讨``)
    is a later verb of the same subject and is never preferred to the first."""
    mains = [t for t in trigs if t.causative is None]
    serial = min((i for i in (ctx.text.find(w, mains[0].end, clause_end) for w in ctx.rules.serial_markers)
                  if i >= 0 and not ctx.inside[i] and not ctx.blocked[i]), default=clause_end) if mains else 0
    for k, t in enumerate(mains):
        if k and t.start >= serial:
            continue
        after = ctx.text[t.end:clause_end]
        if not after.strip() or _starting_word(after, ctx.rules.aspect_markers):
            return t
    return mains[0] if mains else None


def _units_of_sentence(ctx: _Context, clauses: list[tuple[int, int]], sidx: int) -> list[_Unit]:
    per_clause = [ctx.triggers_in(s, e) for s, e in clauses]
    units: list[_Unit] = []
    i = 0
    while i < len(clauses):
        trigs = per_clause[i]
        main = _main_trigger(ctx, trigs, clauses[i][1])
        caus = next((t for t in trigs if t.causative is not None and (main is None or t.start < main.start)), None)
        if main is not None:
            units.append(_Unit([clauses[i]], main, caus, sidx))
        elif caus is not None:
            nxt_main = None
            if i + 1 < len(clauses):
                nxt = per_clause[i + 1]
                nxt_main = _main_trigger(ctx, nxt, clauses[i + 1][1])
                if nxt_main is not None and (
                        any(t.causative is not None and t.start < nxt_main.start for t in nxt) or
                        any(m.type in ("ORG", "PER") for m in ctx.mentions_in(clauses[i + 1][0], nxt_main.start))):
                    nxt_main = None
            if nxt_main is not None:
                units.append(_Unit([clauses[i], clauses[i + 1]], nxt_main, caus, sidx))
                i += 1
            else:
                units.append(_Unit([clauses[i]], caus, None, sidx))
        i += 1
    return units


def _anchor_unit(ctx: _Context, unit: _Unit, carry: Timex | None, weak: bool = False,
                 forward: Timex | None = None) -> Timex | None:
    """Set ``unit.anchors`` and return the date carried to the following clauses.

    The time expressions before the trigger in the unit come first (a SET there makes the unit
    a habit, a comparison base makes it a comparison: no event); coordinated ones
    (``2014年和2016年``) each date the unit. Else the date carried from earlier clauses; else
    the first one after the trigger in the trigger's clause when a preposition introduces it
    (``成立于2014年``; not ``召开2019年度工作会议``, where the date names the meeting). A date
    before the trigger inside the subject, neither opening its clause nor after a preposition,
    yields to a carried date (``4月15日，甲县2021年银企对接会举行``: the year names the meeting). Then a
    ``forward`` date (a later clause of the sentence opening with ``forward_prepositions`` and
    a date: ``甲镇将与乙局合作，于今年下半年成立丙社``). A ``weak`` carry (from the previous
    sentence) comes last. A date
    after the trigger is never carried further unless it dates the unit. Two dates joined by a
    range connective (``2019年8月至2020年10月``) date the unit by the first, the second ending
    the interval (``unit.finish``).
    """
    trig = unit.trigger
    tx = [(t, ctx.timex_role(t)) for t in ctx.timexes_in(unit.start, unit.core_end)]
    before = [(t, r) for t, r in tx if r != "ignore" and t.end <= trig.start]
    if any(r == "compare" for _, r in before):
        unit.habitual = True
        return carry
    if before:
        t, r = before[-1]
        if any(r == "set" for _, r in before):
            unit.habitual = True      # "每年春节前走访慰问": a habit, whatever date follows the SET
            return None
        chain = [t]
        for p, pr in reversed(before[:-1]):
            if pr != "anchor" or ctx.text[p.end:chain[0].start].strip() not in ctx.rules.coordinators:
                break
            chain.insert(0, p)
        cs = next((s for s, e in unit.clauses if s <= chain[0].start < e), unit.start)
        if carry is not None and not weak and not _opens_clause(ctx, chain[0], cs) \
                and not _ending_word(ctx.text[cs:chain[0].start], ctx.rules.prepositions) \
                and _strip_fillers(ctx, ctx.text[cs:chain[0].start]):
            chain = [carry]       # "4月15日，甲县2021年银企对接会举行": the year names the meeting
        unit.anchors = chain
    elif carry is not None and not weak:
        unit.anchors = [carry]
    else:
        clause_end = next(e for s, e in unit.clauses if s <= trig.start < e)
        for t, r in tx:
            if r == "anchor" and t.start >= trig.end and t.end <= clause_end:
                if _ending_word(ctx.text[trig.end:t.start], ctx.rules.prepositions):
                    unit.anchors = [t]
                break
        if not unit.anchors and forward is not None:
            unit.anchors = [forward]
        if not unit.anchors and carry is not None:
            unit.anchors = [carry]
    for a in unit.anchors:
        if a.id in ctx.range_end:     # "2019年8月至2020年10月": dated by the begin point
            unit.finish[a.id] = ctx.range_end[a.id]
    return unit.anchors[-1] if unit.anchors else carry


def _title(ctx: _Context, unit: _Unit, out_text: str) -> str:
    """A short title: the unit's clauses without the time expressions dating it (and the
    preposition before each, the deadline marker or signal word after one: ``anchors.yaml:
    title_signals``, ``去年以来``, ``自6月1日起``; a one-character signal only after a preposition,
    as it may begin a word: ``6月1日起草``), leading connectives and separators, white space
    collapsed, cut at ``title_max``. A date after a word ending like a preposition that is none
    (``anchors.yaml: false_prepositions``: ``关于2023年度``) stays in the title, never cutting the
    word. Decided on the matching text, read from ``out_text`` (same length)."""
    r, text = ctx.rules, ctx.text
    s, e = unit.start, unit.core_end
    keep: list[int] = []
    pos = s
    for a in sorted(unit.anchors, key=lambda t: t.start):
        if not (pos <= a.start and a.end <= e):
            continue
        head_end = len(text[:a.start].rstrip()) if text[pos:a.start].strip() else pos
        stripped = text[pos:head_end]
        p = _ending_word(stripped, r.prepositions)
        if p and _ending_word(stripped, r.false_prepositions):
            continue              # "印发关于2023年度…": the date stays, "关于" whole
        if p:
            head_end -= len(p)
        if keep and text[pos:head_end].strip() in r.coordinators:
            head_end = pos
        keep.extend(range(pos, max(pos, head_end)))
        pos = a.end
        signal = _starting_word(text[pos:pos + r.lookbehind], r.title_signals)
        if signal is not None and text.startswith(signal, pos) and (len(signal) > 1 or p):
            pos += len(signal)    # "去年以来全县…", "自6月1日起在全县…": the date's signal goes with it
        marker = _starting_word(text[pos:pos + r.lookbehind], r.deadline_markers) if ctx.is_deadline(a) else None
        if marker is not None and text.startswith(marker, pos):
            pos += len(marker)    # "于9月底前完成…": the date says "before", the title "完成…"
    keep.extend(range(pos, e))
    seps = r.clause_end | r.sentence_end
    changed = True
    while changed and keep:
        changed = False
        while keep and (text[keep[0]].isspace() or text[keep[0]] in seps):
            keep.pop(0)
            changed = True
        while keep and (text[keep[-1]].isspace() or text[keep[-1]] in seps):
            keep.pop()
            changed = True
        head = "".join(text[i] for i in keep[:r.lookbehind])
        c = _starting_word(head, r.leading_connectives)
        if c and len(keep) > len(c):
            del keep[:len(c)]
            changed = True
    out: list[str] = []
    for i in keep:
        ch = out_text[i]
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    title = "".join(out).strip()
    if len(title) > r.title_max:
        title = title[: r.title_max - 1].rstrip() + "…"
    return title or out_text[unit.trigger.start:unit.trigger.end]


def assemble(document: Document, timexes: Sequence[Timex], entities: Sequence[Entity], *,
             original_text: str | None = None) -> list[Event]:
    """Build the events of ``document`` from its time expressions and entities.

    ``document.text`` is what every span indexes and what the rules match (for a
    traditional-Chinese document, its simplified *matching text*); ``timexes``
    (``temporal.tag``) and ``entities`` (``entities.recognise``) carry spans into it.
    ``original_text``: the text as written, of the same length, from which ``trigger``,
    ``title`` and ``sentence`` are read (default ``document.text``); raises ``ValueError``
    when its length differs. Returns events with ids
    ``e1…`` in text order (see the module docstring for the rules), each with ``timex`` set:
    undated mentions are folded into the dated event they repeat or left out. Returns ``[]``
    when ``document.language`` has no ``events`` tables. Raises
    ``resources.ResourceError`` when a table is malformed.
    """
    rules = load_rules(document.language) if document.language else None
    if rules is None or not document.text:
        return []
    text = document.text
    out_text = text if original_text is None else original_text
    if len(out_text) != len(text):
        raise ValueError(f"original_text has {len(out_text)} code points, the document {len(text)}")
    events: list[tuple[_Unit, Event]] = []
    for group_rules, paragraphs in _rule_groups(text, rules):
        ctx = _Context(document, timexes, entities, group_rules)
        events += _assemble_paragraphs(ctx, out_text, paragraphs)
    out = [ev for _, ev in sorted(events, key=lambda p: (p[1].trigger_span, p[1].start))]
    for n, ev in enumerate(out, 1):
        ev.id = f"e{n}"
    return out


def _rule_groups(text: str, rules: EventRules) -> list[tuple[EventRules, frozenset[int] | None]]:
    """The tables reading each paragraph: a paragraph written in another script than the
    language's (``paragraph_script``) is read with the tables of the language
    ``foreign_paragraphs`` names for that script ("In 2015, Acme opened its first plant."
    inside a Chinese article), the others with ``rules``. Returns ``[(rules, None)]`` (every
    paragraph) when no paragraph is foreign, else ``(tables, paragraph indices)`` pairs."""
    if not rules.foreign or rules.script is None:
        return [(rules, None)]
    groups: dict[str, set[int]] = {}
    for i, par in enumerate(text.split("\n")):
        script = paragraph_script(par)
        lang = rules.foreign.get(script) if script and script != rules.script else None
        if lang is not None and load_rules(lang) is not None:
            groups.setdefault(lang, set()).add(i)
    if not groups:
        return [(rules, None)]
    foreign = set().union(*groups.values())
    own = frozenset(range(text.count("\n") + 1)) - foreign
    return [(rules, own)] + [(load_rules(lang), frozenset(pars)) for lang, pars in sorted(groups.items())]


def _assemble_paragraphs(ctx: _Context, out_text: str,
                         paragraphs: frozenset[int] | None) -> list[tuple[_Unit, Event]]:
    """The dated events of the given paragraphs (all when ``None``) read with ``ctx.rules``,
    with the unit each comes from (see the module docstring for the rules)."""
    document, text, rules = ctx.doc, ctx.text, ctx.rules
    units: list[_Unit] = []
    last_anchor: Timex | None = None     # the date of the last dated unit ("会上": at that event)
    carry_over: Timex | None = None      # a date its sentence gave to no event
    topic: list[str] = []                # who the previous sentence was about
    introduced: list[str] = []           # the body the paragraph introduced as its topic
    last_patient: str | None = None      # what "对其…" points back to
    last_par = -1
    sentences: list[tuple[int, int, list[tuple[int, int]], set[tuple[int, int]], list[str]]] = []
    for sidx, sent in enumerate(split_sentences(text, rules, ctx.sentence_inside)):
        par = ctx.paragraph(sent[0])
        if paragraphs is not None and par not in paragraphs:
            continue
        if par != last_par:
            carry_over, topic, last_par, introduced = None, [], par, []
        clauses = split_clauses(text, sent, rules, ctx.inside, ctx.in_timex)
        dateline = ctx.dateline_end(sent)
        dateline_date: Timex | None = None
        if dateline is not None:          # "本报讯（记者 林晓雨）3月14日上午，…": no part of the clause
            dateline_date = next((t for t in reversed(ctx.timexes_in(sent[0], dateline))
                                  if t.type in ("DATE", "TIME") and ctx.timex_role(t) == "anchor"), None)
            clauses = [c for c in (_trim(text, max(s, dateline), e) for s, e in clauses) if c[1] > c[0]]
        sunits = _units_of_sentence(ctx, clauses, sidx)
        by_first = {u.clauses[0]: u for u in sunits}
        in_unit = {c for u in sunits for c in u.clauses}
        carry: Timex | None = dateline_date or carry_over
        current: _Unit | None = None
        pending: list[tuple[int, int]] = []
        for clause in clauses:
            if _starting_word(text[clause[0]:clause[1]], rules.carry_breakers):
                carry = current = None          # "一是…；二是…": a new item of an enumeration
            if carry is not None and ctx.speaks_of_future(*clause) and ctx.is_past(carry):
                carry = None                    # "下一步，甲镇将…": a past date does not reach it
            if carry is None and last_anchor is not None and _event_anaphor(text[clause[0]:clause[1]], rules):
                carry = last_anchor             # "会上，…": at the event told last
            unit = by_first.get(clause)
            if unit is not None:
                unit.paragraph, unit.prefix, pending = par, pending, []
                current = unit
                forward = _forward_date(ctx, clauses, unit)
                carry = _anchor_unit(ctx, unit, carry, weak=carry is not None and carry is carry_over,
                                     forward=forward[0] if forward else None)
                if forward and unit.anchors and unit.anchors[-1] is forward[0]:
                    unit.reach = forward[0].end
                if unit.anchors and not unit.habitual:
                    last_anchor = unit.anchors[-1]
                continue
            if clause in in_unit:
                continue
            tx = [(t, ctx.timex_role(t)) for t in ctx.timexes_in(*clause)]
            tx = [(t, r) for t, r in tx if r in ("anchor", "set") and _opens_clause(ctx, t, clause[0])]
            if tx:
                current, pending = None, []
                for t, r in tx:
                    carry = t if r == "anchor" else None
            elif current is None or ctx.is_adjunct_clause(*clause):
                pending.append(clause)
            else:
                current.attached.append(clause)
        sentences.append((sidx, par, clauses, in_unit, list(topic)))
        prev_unit: _Unit | None = None
        for unit in sunits:
            _core_roles(ctx, unit)
            _prefix_roles(ctx, unit)
            _fill_subject(ctx, unit, prev_unit, clauses, topic, introduced)
            _attached_roles(ctx, unit)
            _pronoun_roles(ctx, unit, last_patient)
            _final_roles(ctx, unit)
            last_patient = _last_patient(unit, last_patient)
            prev_unit = unit
        units.extend(sunits)
        dating = [t for c in clauses for t in ctx.timexes_in(*c)
                  if ctx.timex_role(t) == "anchor" and _opens_clause(ctx, t, c[0])]
        carry_over = dating[-1] if dating and not any(u.anchors for u in sunits) else None
        new_topic = _topic(ctx, sunits, clauses)
        topic = topic if new_topic is None else new_topic
        intro = _introduced(ctx, clauses)
        if intro is not None:
            topic = introduced = [intro]

    _subjects_from_earlier(ctx, units)
    used = {a.id for u in units if not u.habitual for a in u.anchors}
    units += _fallback_units(ctx, sentences, used)
    for u in units:
        _case_party(ctx, u)
    exclude = [(t.start, t.end) for t in ctx.timexes] + [(m.start, m.end) for m in ctx.mentions]
    events: list[tuple[_Unit, Event]] = []
    seen: dict[tuple[str, str], Event] = {}
    for u in units:
        if u.habitual or not u.anchors:
            continue
        kind = rules.kind_of(u.trigger.word)
        kname = kind.name if kind else u.trigger.causative.kind
        title = _title(ctx, u, out_text)
        amounts = []
        for s, e in u.clauses + u.attached:
            amounts += find_amounts(text, s, e, rules, exclude)
        for a in u.anchors:
            start, end = min(a.start, u.start, *(s for s, _ in u.prefix)), max(u.end, u.reach)
            twin = seen.get((a.id, u.trigger.word))
            if twin is not None:      # one event per (date, trigger): the same verb again
                _fold(twin, u, document.id)
                continue
            ev = Event(
                id="", doc=document.id, timex=a.id, date=_dated(ctx, a, u.finish.get(a.id)),
                trigger=out_text[u.trigger.start:u.trigger.end], title=title, start=start, end=end,
                participants=[Participant(ent, role) for ent, role in u.roles.items()],
                kind=kname, trigger_span=(u.trigger.start, u.trigger.end),
                amounts=[dict(x, text=out_text[x["start"]:x["end"]]) for x in amounts], mentions=[],
                sentence=out_text[start:end],
            )
            seen[(a.id, u.trigger.word)] = ev
            events.append((u, ev))

    # Undated units repeating a dated event (same kind, a shared patient), or attending one
    # told in the previous sentence of the paragraph (``joins``).
    for u in units:
        if u.anchors or u.habitual:
            continue
        kind = rules.trigger_kind.get(u.trigger.word)
        if kind is None:
            continue
        patients = {e for e, r in u.roles.items() if r == "patient"}
        same = [ev for _, ev in events if ev.kind == kind.name
                and patients & {p.entity for p in ev.participants if p.role == "patient"}]
        if same:
            _fold(min(same, key=lambda x: (abs(x.trigger_span[0] - u.trigger.start), x.trigger_span[0])),
                  u, document.id)
            continue
        if kind.joins:
            host = [ev for v, ev in events if v.sentence == u.sentence - 1 and v.paragraph == u.paragraph
                    and ev.kind in kind.joins]
            if host:
                _fold(host[0], u, document.id)

    _prefer_organisations(ctx, events, units)
    return events


def _dated(ctx: _Context, a: Timex, finish: Timex | None) -> dict[str, Any]:
    """``event_date`` of an event dated by ``a``; a deadline without a mod of its own
    (``6月15日前``) takes the TIMEX3 mod ``BEFORE``."""
    if ctx.is_deadline(a) and not a.mod:
        a = replace(a, mod="BEFORE")
    return event_date(a, ctx.doc.dct, finish)


def _forward_date(ctx: _Context, clauses: list[tuple[int, int]], unit: _Unit) -> tuple[Timex, int] | None:
    """The first dating time expression of the clauses of the sentence after the unit's, with
    the end of its clause, when it opens that clause after one of ``anchors.yaml:
    forward_prepositions`` (``…合作，于今年下半年成立…``: ``今年下半年``); else ``None``."""
    r = ctx.rules
    if not r.forward_prepositions:
        return None
    for cs, ce in clauses:
        if cs < unit.core_end:
            continue
        tx = [t for t in ctx.timexes_in(cs, ce) if ctx.timex_role(t) == "anchor" and t.type in ("DATE", "TIME")]
        if not tx:
            continue
        t = tx[0]
        head = ctx.text[cs:t.start].strip()
        word = _ending_word(head, r.forward_prepositions)
        if word is not None and _opens_clause(ctx, t, cs):
            return t, ce
        return None
    return None


def _event_anaphor(clause: str, rules: EventRules) -> bool:
    """True when a clause opens with, or is no more than, a phrase placing it at an event told
    before (``anchors.yaml: event_anaphora``: ``会上，``, ``在签约仪式上，``, ``会后，``, ``随后，``);
    not when a trigger follows the phrase right away (``随后召开的理事会选举…``: the phrase
    modifies a new event, it does not place the clause at the old one)."""
    if not rules.event_anaphora:
        return False
    c = clause.strip()
    w = _starting_word(c, rules.event_anaphora)
    if w is not None and not rules.trigger_re.match(c[len(w):].lstrip()):
        return True
    return len(c) <= rules.lookbehind and _ending_word(c, rules.event_anaphora) is not None


def _subjects_from_earlier(ctx: _Context, units: list[_Unit]) -> None:
    """Zero anaphora across paragraphs: a unit still without a subject whose kind lists
    ``subject_from`` (``对X进行检查``, ``X被立案调查``: the authority is left unsaid) takes the
    subjects of the nearest earlier unit of one of those kinds, in any paragraph (the bureau of
    ``今年以来，甲局开展专项整治。…5月12日，执法人员对X进行检查``). ``units`` in text order."""
    for i, u in enumerate(units):
        kind = ctx.rules.kind_of(u.trigger.word)
        if kind is None or not kind.subject_from or u.subjects or u.organisers or u.trigger.causative:
            continue
        for v in reversed(units[:i]):
            vk = ctx.rules.kind_of(v.trigger.word)
            if v.subjects and vk is not None and vk.name in kind.subject_from:
                for ent in v.subjects:
                    u.roles.setdefault(ent, kind.before)
                u.subjects = [e for e in v.subjects if u.roles.get(e) == kind.before]
                break


def _is_party(ctx: _Context, m: _Mention) -> bool:
    """True for an organisation or a person, or a place standing for its government."""
    return m.type in ("ORG", "PER") or (m.type == "LOC" and m.entity in ctx.government)


def _fallback_trigger(ctx: _Context, clause: tuple[int, int]) -> _Trigger | None:
    """The verb-like word of a clause without a table trigger (``triggers.yaml: fallback``):
    the first two letters (a whole word in a Latin script) after the last name or time
    expression of the clause, or after its first party when nothing follows the last one,
    skipping white space, punctuation, numbers, amounts, bracketed text, adjuncts
    (``在X的领导下``) and the ``skip`` words;
    a name met before any letter means no word there, and so does a negator, a ``states`` word
    (``共有会员300个``: a state, not an event) or a table trigger the rules set aside
    (``支付的货款``: a noun). ``None`` when neither place has one."""
    r, text = ctx.rules, ctx.text
    s, e = clause
    ms = ctx.mentions_in(s, e)
    items = ms + ctx.timexes_in(s, e)
    parties = [m for m in ms if _is_party(ctx, m)]
    if not items or not parties:
        return None
    amounts = find_amounts(text, s, e, r)
    adjuncts = [(fs, ce) for fs, _, _, ce in ctx.adjunct_frames(s, e)]
    skip = r.fallback.skip if r.fallback else ()
    stops = (*r.negators, *(r.fallback.states if r.fallback else ()))
    deadlines = {t.end for t in ctx.timexes_in(s, e) if ctx.is_deadline(t)}
    for p in dict.fromkeys((max(x.end for x in items), parties[0].end)):
        if p in deadlines:        # "在2015年9月30日前完成…": "前" is no verb
            w = _starting_word(text[p:p + r.lookbehind], r.deadline_markers)
            p += len(w) if w and text.startswith(w, p) else 0
        while p < e:
            ch = text[p]
            amount = next((a["end"] for a in amounts if a["start"] == p), None)
            adjunct = next((ce for fs, ce in adjuncts if fs <= p < ce), None)
            if amount is not None:
                p = amount
            elif adjunct is not None:
                p = adjunct       # "在县委的坚强领导下": no verb of the clause in there
            elif ctx.blocked[p]:
                break
            elif ctx.inside[p] or not ch.isalpha():
                p += 1
            elif (w := _starting_word(text[p:p + r.lookbehind], skip)) is not None and text.startswith(w, p):
                p += len(w)
            elif _starting_word(text[p:p + r.lookbehind], stops) or r.trigger_re.match(text, p):
                break
            elif _is_letter(ch):
                q = p
                while q < e and _is_letter(text[q]):
                    q += 1
                return _Trigger(p, q, text[p:q], fallback=True)
            else:
                q = p
                while q < min(e, p + 2) and text[q].isalpha() and not _is_letter(text[q]) \
                        and not ctx.blocked[q] and not ctx.inside[q]:
                    q += 1
                return _Trigger(p, q, text[p:q], fallback=True)
    return None


def _fallback_units(ctx: _Context, sentences, used: set[str]) -> list[_Unit]:
    """Units for the dated clauses the trigger table missed (``triggers.yaml: fallback``).

    A DATE or TIME that dates no unit (``used``: ids of the anchors of the units) and stands in
    a clause of no unit starts a run of clauses: its own and the following ones of its sentence
    up to a clause of a unit, a clause opening with a date or an enumeration item. The first
    clause of the run naming a party (``_is_party``; not an adjunct-only clause) becomes a unit
    of the fallback kind, its trigger ``_fallback_trigger``; the run's clauses before it are its
    prefix and those after it are attached. A date inside its clause (not opening it) dates
    only that clause. A line holding a ``metadata_labels`` word (a byline) makes none. The unit
    is kept when the date dates it by the rules of ``_anchor_unit``
    (``甲公司召开…`` aside, a date after the word dates only after a preposition); roles as for
    any unit, with the subject of the previous sentence filling an empty subject.
    ``sentences``: ``(index, paragraph, clauses, clauses in units, topic)`` of each sentence.
    """
    if ctx.rules.fallback is None:
        return []
    out: list[_Unit] = []
    labels = ctx.rules.fallback.metadata_labels
    for sidx, par, clauses, in_unit, topic in sentences:
        line_start = ctx.text.rfind("\n", 0, clauses[0][0]) + 1 if clauses else 0
        line_end = ctx.text.find("\n", line_start)
        line = ctx.text[line_start:line_end if line_end >= 0 else len(ctx.text)]
        if labels and any(w in line for w in labels):
            continue              # a byline: page metadata, not news
        for i, clause in enumerate(clauses):
            if clause in in_unit:
                continue
            for t in ctx.timexes_in(*clause):
                if t.type not in ("DATE", "TIME") or t.id in used or ctx.timex_role(t) != "anchor":
                    continue
                run = [clause]
                if _opens_clause(ctx, t, clause[0]):
                    for c in clauses[i + 1:]:
                        if c in in_unit or _starting_word(ctx.text[c[0]:c[1]], ctx.rules.carry_breakers) or any(
                                ctx.timex_role(x) == "anchor" and _opens_clause(ctx, x, c[0])
                                for x in ctx.timexes_in(*c)):
                            break
                        run.append(c)
                k = next((j for j, c in enumerate(run) if not ctx.is_adjunct_clause(*c)
                          and any(_is_party(ctx, m) for m in ctx.mentions_in(*c))), None)
                trig = _fallback_trigger(ctx, run[k]) if k is not None else None
                if trig is None:
                    continue
                unit = _Unit([run[k]], trig, None, sidx, attached=run[k + 1:], prefix=run[:k], paragraph=par)
                _anchor_unit(ctx, unit, t if k else None)
                if unit.habitual or t not in unit.anchors:
                    continue
                unit.anchors = [t]
                _core_roles(ctx, unit)
                _prefix_roles(ctx, unit)
                _fill_subject(ctx, unit, None, clauses, topic)
                _attached_roles(ctx, unit)
                _final_roles(ctx, unit)
                used.add(t.id)
                out.append(unit)
    return out


def _prefer_organisations(ctx: _Context, events: list[tuple[_Unit, Event]], units: list[_Unit]) -> None:
    """An event whose only actors (roles other than ``location`` and ``mentioned``) are places
    while its paragraph names organisations (``3月5日，甲县举行签约仪式。乙公司、
    丙公司等8家企业签约。``): the organisations of the paragraph outside the spans of events of
    other dates join it, in the role an undated unit of the paragraph gives them, else
    ``mentioned``."""
    for unit, ev in events:
        actors = [ctx.entities[p.entity].type for p in ev.participants
                  if p.role not in ("location", "mentioned") and p.entity in ctx.entities]
        if not actors or any(t != "LOC" for t in actors):
            continue
        others = [(o.start, o.end) for _, o in events if o.timex != ev.timex]
        undated = {}
        for u in units:
            if not u.anchors and u.paragraph == unit.paragraph:
                for ent, role in u.roles.items():
                    undated.setdefault(ent, role)
        have = {p.entity for p in ev.participants}
        for m in ctx.mentions:
            if m.type == "ORG" and m.entity not in have and ctx.paragraph(m.start) == unit.paragraph \
                    and not any(s <= m.start < e for s, e in others) \
                    and not any(s <= m.start < e for s, e in ctx.datelines):
                ev.participants.append(Participant(m.entity, undated.get(m.entity, "mentioned")))
                have.add(m.entity)


def _fold(ev: Event, unit: _Unit, doc_id: str) -> None:
    """Record ``unit`` as another mention of ``ev``: its span and its new participants."""
    s = min([unit.start, *(cs for cs, _ in unit.prefix)])
    if not (ev.start <= s and unit.end <= ev.end):
        ev.mentions.append({"doc": doc_id, "start": s, "end": unit.end})
    have = {p.entity for p in ev.participants}
    ev.participants += [Participant(e, r) for e, r in unit.roles.items() if e not in have]


def _opens_clause(ctx: _Context, t: Timex, clause_start: int) -> bool:
    """True when nothing but a preposition, a connective or an event noun (``立案次日``) comes
    before ``t`` in its clause: a date opening a clause dates what follows; one inside
    (``总结去年以来的工作``) names a period."""
    head = ctx.text[clause_start:t.start].strip()
    r = ctx.rules
    if not head or head in r.trigger_kind:
        return True           # "立案次日": the day after the event the verb names
    word = _ending_word(head, (*r.prepositions, *r.leading_connectives, *r.duration_prefixes))
    return word is not None and not head[: len(head) - len(word)].strip()
