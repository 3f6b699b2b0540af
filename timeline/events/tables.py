"""The event tables of a language (``timeline/resources/<lang>/events/*.yaml``), loaded and
validated into one immutable ``EventRules``; ``load_rules(lang)`` is cached."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from .. import resources
from ..resources import ResourceError
from .words import _alternation

ROLES = ("agent", "organiser", "partner", "patient", "beneficiary", "location", "mentioned")
"""Participant roles an event can give (see ``model.Participant``)."""

STAGE = "events"


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
