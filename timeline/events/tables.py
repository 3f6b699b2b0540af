"""The event tables of a language (``timeline/resources/<lang>/events/*.yaml``), loaded and
validated into one immutable ``EventRules``; ``load_rules(lang)`` is cached.

``clauses.yaml`` (datelines), ``triggers.yaml`` (trigger verbs by kind), ``roles.yaml``
(participants), ``anchors.yaml`` (which time expression dates an event), ``amounts.yaml``; how
the language is written (sentences, clauses, brackets, its script) is the text table
(``timeline.text``, ``resources/<lang>/text.yaml``), and which names stand for which entity the
coreference table (``timeline.entities.coref``, ``resources/<lang>/entities/coref.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from .. import resources
from ..resources import ResourceError
from ..resources.checks import fail, load, mapping, only_keys, regex, strings
from ..entities.coref import ParticipantRules, participant_rules
from ..text import TextRules
from ..text import load_rules as text_rules
from ..text.words import alternation

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
    text: TextRules                  # how the language is written (``text.yaml``)
    coref: ParticipantRules          # short names, governments, titles (``entities/coref.yaml: events``)
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
    carry_breakers: tuple[str, ...] = ()
    deadline_markers: tuple[str, ...] = ()
    fallback: Fallback | None = None
    nouns: frozenset[str] = frozenset()   # words holding a trigger that are nouns ("党组织")
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


def _role(value: Any, file: str, rule: str) -> str:
    if value not in ROLES:
        raise fail(file, rule, f"unknown role {value!r}; roles are {', '.join(ROLES)}")
    return value


def _opt(d: dict, key: str, file: str) -> tuple[str, ...]:
    """The optional word list ``key`` of ``d`` (``()`` when absent)."""
    return strings(d.get(key) or [], file, key, allow_empty=True)


def _load(lang: str, name: str) -> tuple[str, dict]:
    return load(lang, STAGE, name)


@cache
def load_rules(lang: str) -> EventRules | None:
    """Load and validate the event tables of ``lang`` (``clauses.yaml``, ``triggers.yaml``,
    ``roles.yaml``, ``anchors.yaml``, ``amounts.yaml`` under ``resources/<lang>/events/``), with
    the text table (``resources/<lang>/text.yaml``) and the event section of the coreference
    table (``resources/<lang>/entities/coref.yaml``).

    Returns ``None`` when the language has no ``events`` folder. Raises
    ``resources.ResourceError`` naming the file and the rule for a missing file, an unknown
    key, a role outside ``ROLES``, a trigger listed twice, or a malformed value.
    """
    if not resources.path(lang, STAGE).is_dir():
        return None
    text = text_rules(lang)
    if text is None:
        raise ResourceError(f"{resources.path(lang, 'text.yaml')}: resource file not found (the event "
                            "tables read the text table)")
    dateline = _clauses(lang, text)
    trig, kind_names = _triggers(lang)
    return EventRules(lang=lang, text=text, dateline=dateline, **trig, **_roles(lang, kind_names),
                      **_anchors(lang), amounts=_load_amounts(lang), coref=participant_rules(lang))


def _clauses(lang: str, text: TextRules) -> re.Pattern | None:
    """``clauses.yaml``: the dateline pattern (``_dateline_pattern``)."""
    f, c = _load(lang, "clauses.yaml")
    only_keys(c, {"datelines"}, f, "<top>")
    return _dateline_pattern(c.get("datelines"), f, text.closers, text.sentence_stops | text.clause_end)


def _kinds(t: dict, f: str) -> dict[str, Kind]:
    """``triggers.yaml: kinds``: trigger word -> its kind (each word in one kind only)."""
    trigger_kind: dict[str, Kind] = {}
    for kname, spec in mapping(t.get("kinds"), f, "kinds").items():
        spec = mapping(spec, f, f"kinds.{kname}")
        only_keys(spec, {"triggers", "roles", "joins", "subject_from"}, f, f"kinds.{kname}")
        roles = spec.get("roles") or {}
        only_keys(roles, {"before", "after", "alone", "passive"}, f, f"kinds.{kname}.roles")
        kind = Kind(kname, _role(roles.get("before", "agent"), f, f"kinds.{kname}.roles.before"),
                    _role(roles.get("after", "patient"), f, f"kinds.{kname}.roles.after"),
                    _role(roles["alone"], f, f"kinds.{kname}.roles.alone") if "alone" in roles else None,
                    strings(spec.get("joins") or [], f, f"kinds.{kname}.joins", allow_empty=True),
                    _role(roles.get("passive", "patient"), f, f"kinds.{kname}.roles.passive"),
                    strings(spec.get("subject_from") or [], f, f"kinds.{kname}.subject_from", allow_empty=True))
        for w in strings(spec.get("triggers"), f, f"kinds.{kname}.triggers"):
            if w in trigger_kind:
                raise fail(f, f"kinds.{kname}", f"trigger {w!r} is already in kind {trigger_kind[w].name!r}")
            trigger_kind[w] = kind
    kind_names = set(t["kinds"])
    for kind in set(trigger_kind.values()):
        for key, names in (("joins", kind.joins), ("subject_from", kind.subject_from)):
            for j in names:
                if j not in kind_names:
                    raise fail(f, f"kinds.{kind.name}.{key}", f"unknown kind {j!r}")
    return trigger_kind


def _causatives(t: dict, f: str, trigger_kind: dict[str, Kind]) -> dict[str, Causative]:
    """``triggers.yaml: causatives``: verbs bringing others to act (``促成``)."""
    causatives: dict[str, Causative] = {}
    for i, spec in enumerate(t.get("causatives") or []):
        rule = f"causatives[{i}]"
        spec = mapping(spec, f, rule)
        only_keys(spec, {"trigger", "kind", "before", "between"}, f, rule)
        w = spec.get("trigger")
        if not isinstance(w, str) or not w or w in trigger_kind or w in causatives:
            raise fail(f, rule, f"trigger {w!r} is empty or listed twice")
        if not isinstance(spec.get("kind"), str):
            raise fail(f, rule, "missing kind")
        causatives[w] = Causative(w, spec["kind"], _role(spec.get("before"), f, rule + ".before"),
                                  _role(spec.get("between"), f, rule + ".between"))
    return causatives


def _fallback(t: dict, f: str, kind_names: set[str]) -> Fallback | None:
    """``triggers.yaml: fallback``: the kind of a dated clause without a table trigger."""
    if t.get("fallback") is None:
        return None
    fb = mapping(t["fallback"], f, "fallback")
    only_keys(fb, {"kind", "roles", "skip", "states", "metadata_labels"}, f, "fallback")
    if not isinstance(fb.get("kind"), str) or fb["kind"] in kind_names:
        raise fail(f, "fallback.kind", f"expected the name of a kind not in kinds, got {fb.get('kind')!r}")
    froles = fb.get("roles") or {}
    only_keys(froles, {"before", "after", "passive"}, f, "fallback.roles")
    return Fallback(Kind(fb["kind"], _role(froles.get("before", "agent"), f, "fallback.roles.before"),
                         _role(froles.get("after", "patient"), f, "fallback.roles.after"),
                         passive=_role(froles.get("passive", "patient"), f, "fallback.roles.passive")),
                    strings(fb.get("skip") or [], f, "fallback.skip", allow_empty=True),
                    strings(fb.get("states") or [], f, "fallback.states", allow_empty=True),
                    strings(fb.get("metadata_labels") or [], f, "fallback.metadata_labels", allow_empty=True))


def _triggers(lang: str) -> tuple[dict[str, Any], set[str]]:
    """``triggers.yaml``: the ``EventRules`` fields it gives, and the names of its kinds."""
    f, t = _load(lang, "triggers.yaml")
    only_keys(t, {"kinds", "causatives", "negators", "nominal_markers", "nominal_heads",
                   "aspect_markers", "serial_markers", "purpose_markers", "topic_frames", "fallback",
                   "nouns"}, f, "<top>")
    trigger_kind = _kinds(t, f)
    kind_names = set(t["kinds"])
    causatives = _causatives(t, f, trigger_kind)
    nouns = frozenset(_opt(t, "nouns", f))
    for w in nouns:
        if w in trigger_kind or w in causatives:
            raise fail(f, "nouns", f"{w!r} is a trigger")
        if not any(v in w for v in (*trigger_kind, *causatives)):
            raise fail(f, "nouns", f"{w!r} holds no trigger: it shadows nothing")
    fallback = _fallback(t, f, kind_names)
    frames = t.get("topic_frames") or {}
    if not isinstance(frames, dict):
        raise fail(f, "topic_frames", "expected a mapping with open and close")
    only_keys(frames, {"open", "close"}, f, "topic_frames")
    return {
        "trigger_re": re.compile(alternation(list(trigger_kind) + list(causatives) + list(nouns))),
        "trigger_kind": trigger_kind, "causatives": causatives, "nouns": nouns, "fallback": fallback,
        **{k: _opt(t, k, f) for k in ("negators", "nominal_markers", "nominal_heads", "aspect_markers",
                                       "serial_markers", "purpose_markers")},
        "topic_open": strings(frames.get("open") or [], f, "topic_frames.open", allow_empty=True),
        "topic_close": strings(frames.get("close") or [], f, "topic_frames.close", allow_empty=True),
    }, kind_names


def _markers(r: dict, f: str) -> dict[str, str]:
    """``roles.yaml: markers``: marker word -> the role it gives (each word one role)."""
    marker_role: dict[str, str] = {}
    for role, words in mapping(r.get("markers"), f, "markers").items():
        _role(role, f, f"markers.{role}")
        for w in strings(words, f, f"markers.{role}"):
            if w in marker_role:
                raise fail(f, f"markers.{role}", f"marker {w!r} already gives the role {marker_role[w]!r}")
            marker_role[w] = role
    return marker_role


def _adjuncts(r: dict, f: str) -> tuple[Adjunct, ...]:
    """``roles.yaml: adjuncts``: circumfixes around a name (``在X的支持下``)."""
    adjuncts = []
    for i, spec in enumerate(r.get("adjuncts") or []):
        rule = f"adjuncts[{i}]"
        spec = mapping(spec, f, rule)
        only_keys(spec, {"open", "close", "role"}, f, rule)
        adjuncts.append(Adjunct(strings(spec.get("open"), f, rule + ".open"),
                                strings(spec.get("close"), f, rule + ".close"),
                                _role(spec.get("role"), f, rule + ".role")))
    return tuple(adjuncts)


def _collective(r: dict, f: str) -> tuple[str, ...]:
    """``roles.yaml: collective_subjects``: every determiner + head (``全县``, ``各乡镇``)."""
    coll = r.get("collective_subjects") or {}
    if not isinstance(coll, dict):
        raise fail(f, "collective_subjects", "expected a mapping with determiners and heads")
    only_keys(coll, {"determiners", "heads"}, f, "collective_subjects")
    if not coll:
        return ()
    return tuple(d + h for d in strings(coll["determiners"], f, "collective_subjects.determiners")
                 for h in strings(coll.get("heads"), f, "collective_subjects.heads"))


def _case_sections(r: dict, f: str, kind_names: set[str]) -> dict[str, Any]:
    """``roles.yaml: case_sections``: the ``case_*`` fields of ``EventRules``."""
    case = r.get("case_sections") or {}
    if not isinstance(case, dict):
        raise fail(f, "case_sections", "expected a mapping with heading, ends, party_words and role")
    only_keys(case, {"heading", "ends", "party_words", "role", "authority_kinds"}, f, "case_sections")
    authority_kinds = strings(case.get("authority_kinds") or [], f, "case_sections.authority_kinds",
                               allow_empty=True)
    for k in authority_kinds:
        if k not in kind_names:
            raise fail(f, "case_sections.authority_kinds", f"unknown kind {k!r}")
    return {
        "case_heading": regex(case.get("heading"), f, "case_sections.heading") if case else None,
        "case_end": regex(case.get("ends"), f, "case_sections.ends") if case.get("ends") else None,
        "case_party_words": strings(case.get("party_words") or [], f, "case_sections.party_words",
                                     allow_empty=True),
        "case_role": _role(case.get("role", "patient"), f, "case_sections.role"),
        "case_authority_kinds": authority_kinds,
    }


def _topic_intros(r: dict, f: str) -> tuple[tuple[str, re.Pattern, re.Pattern], ...]:
    """``roles.yaml: topic_introductions``: ``(name, before, after)`` patterns."""
    intros = []
    for i, spec in enumerate(r.get("topic_introductions") or []):
        rule = f"topic_introductions[{i}]"
        spec = mapping(spec, f, rule)
        only_keys(spec, {"name", "before", "after"}, f, rule)
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            raise fail(f, rule, "expected a name")
        intros.append((name, regex(spec.get("before", ""), f, f"{rule}.before", allow_empty=True),
                       regex(spec.get("after"), f, f"{rule}.after")))
    return tuple(intros)


def _roles(lang: str, kind_names: set[str]) -> dict[str, Any]:
    """``roles.yaml``: the ``EventRules`` fields it gives (``kind_names``: the kinds of ``triggers.yaml``)."""
    f, r = _load(lang, "roles.yaml")
    only_keys(r, {"markers", "coordinators", "honorifics", "adjuncts", "passive_markers", "parent_role",
                  "body_heads", "collective_subjects", "preverbal", "case_sections", "complement_markers",
                  "object_pronouns", "topic_introductions", "topic_pronouns"}, f, "<top>")
    return {
        "parent_role": _role(r["parent_role"], f, "parent_role") if r.get("parent_role") is not None else None,
        "marker_role": _markers(r, f), "adjuncts": _adjuncts(r, f),
        "collective_subjects": _collective(r, f), **_case_sections(r, f, kind_names),
        "topic_intros": _topic_intros(r, f),
        **{k: _opt(r, k, f) for k in ("coordinators", "honorifics", "passive_markers", "body_heads",
                                       "preverbal", "complement_markers", "object_pronouns", "topic_pronouns")},
    }

def _anchors(lang: str) -> dict[str, Any]:
    """``anchors.yaml``: the ``EventRules`` fields it gives."""
    f, a = _load(lang, "anchors.yaml")
    only_keys(a, {"duration_anchor", "comparison_markers", "prepositions",
                   "leading_connectives", "title_max", "carry_breakers",
                   "deadline_markers", "event_anaphora", "future_markers", "future_auxiliaries",
                   "forward_prepositions", "title_signals", "false_prepositions"}, f, "<top>")
    da = mapping(a.get("duration_anchor"), f, "duration_anchor")
    only_keys(da, {"prefixes", "suffixes"}, f, "duration_anchor")
    title_max = a.get("title_max", 40)
    if not isinstance(title_max, int) or title_max < 4:
        raise fail(f, "title_max", f"expected an integer >= 4, got {title_max!r}")
    return {
        "duration_prefixes": strings(da.get("prefixes") or [], f, "duration_anchor.prefixes", allow_empty=True),
        "duration_suffixes": strings(da.get("suffixes") or [], f, "duration_anchor.suffixes", allow_empty=True),
        "title_max": title_max,
        **{k: _opt(a, k, f) for k in ("comparison_markers", "prepositions", "leading_connectives",
                                       "carry_breakers", "deadline_markers", "title_signals",
                                       "false_prepositions", "event_anaphora", "future_markers",
                                       "future_auxiliaries", "forward_prepositions")},
    }

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
    spec = mapping(spec, file, "datelines")
    only_keys(spec, {"tags", "source_ends", "markers", "bylines", "byline_brackets"}, file, "datelines")

    def pairs(key: str, default: list) -> list[tuple[str, str]]:
        out = []
        for i, p in enumerate(spec.get(key, default) or []):
            if not (isinstance(p, list) and len(p) == 2 and brackets.get(p[0]) == p[1]):
                raise fail(file, f"datelines.{key}[{i}]", f"{p!r} is not one of the brackets")
            out.append((p[0], p[1]))
        return out

    ends = strings(spec.get("source_ends"), file, "datelines.source_ends")
    markers = strings(spec.get("markers"), file, "datelines.markers")
    bylines = strings(spec.get("bylines"), file, "datelines.bylines")
    round_ = [[o, c] for o, c in brackets.items() if o in "（(" and c in "）)"]
    tags = pairs("tags", [])
    byline_brackets = pairs("byline_brackets", round_)
    openers = "".join(brackets)
    stop = re.escape("".join(sorted(set(openers) | set(brackets.values()) | set(separators))))
    parts = []
    if tags:
        tag = "|".join(rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{1,30}}{re.escape(c)}" for o, c in tags)
        parts.append(rf"(?P<tag>{tag})?\s*")
    parts.append(rf"(?:(?P<source>[^\s{stop}]{{0,20}}?(?:{alternation(ends)}))(?P<marker>{alternation(markers)})"
                 rf"(?=\s|[{re.escape(openers)}{re.escape(''.join(separators))}]|\d|{alternation(bylines)}|$)\s*)?")
    if byline_brackets:
        by = "|".join(rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{0,40}}?(?:{alternation(bylines)})"
                      rf"[^{re.escape(o + c)}\n]{{0,40}}{re.escape(c)}" for o, c in byline_brackets)
        parts.append(rf"(?P<byline>(?:(?:{by})\s*)*)")
    return re.compile("".join(parts), re.MULTILINE)


def _load_amounts(lang: str) -> AmountRules:
    f, a = _load(lang, "amounts.yaml")
    only_keys(a, {"digits", "multipliers", "approx_before", "approx_after", "currencies",
                   "currency_prefixes", "counters", "percent", "ordinal_prefixes", "ordinal_counters",
                   "spacing"}, f, "<top>")
    digits = a.get("digits") or {}
    multipliers = mapping(a.get("multipliers"), f, "multipliers")
    for name, table in (("digits", digits), ("multipliers", multipliers)):
        if not isinstance(table, dict):
            raise fail(f, name, "expected a mapping")
        for k, v in table.items():
            if not (isinstance(k, str) and k and isinstance(v, int) and v >= 0):
                raise fail(f, f"{name}.{k}", "expected a word mapped to a non-negative integer")
            if name == "digits" and len(k) != 1:
                raise fail(f, f"digits.{k}", "a digit is one character")
    currencies = dict(a.get("currencies") or {})
    prefixes = dict(a.get("currency_prefixes") or {})
    for name, table in (("currencies", currencies), ("currency_prefixes", prefixes)):
        for k, v in table.items():
            if not (isinstance(k, str) and k and isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v)):
                raise fail(f, f"{name}.{k}", f"expected an ISO 4217 code, got {v!r}")
    counters = strings(a.get("counters") or [], f, "counters", allow_empty=True)
    percent = strings(a.get("percent") or [], f, "percent", allow_empty=True)
    before = strings(a.get("approx_before") or [], f, "approx_before", allow_empty=True)
    after = strings(a.get("approx_after") or [], f, "approx_after", allow_empty=True)
    spacing = a.get("spacing", False)
    if not isinstance(spacing, bool):
        raise fail(f, "spacing", "expected true or false")
    sp = r"[ \u00a0]?" if spacing else ""
    opt = lambda words: f"(?:{alternation(words)})" if words else "(?!)"
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
    ordinal_counters = strings(a.get("ordinal_counters") or [], f, "ordinal_counters", allow_empty=True)
    for w in ordinal_counters:
        if w not in counters:
            raise fail(f, "ordinal_counters", f"{w!r} is not one of the counters")
    return AmountRules(pattern, dict(digits), dict(multipliers), currencies, prefixes, frozenset(counters),
                       frozenset(percent), strings(a.get("ordinal_prefixes") or [], f, "ordinal_prefixes",
                                                    allow_empty=True), frozenset(ordinal_counters))
