"""The event tables of a language (``timeline/resources/<lang>/events/*.yaml``), loaded and
validated into one immutable ``EventRules``; ``load_rules(lang)`` is cached.

``clauses.yaml`` (datelines), ``triggers.yaml`` (trigger verbs by kind), ``roles.yaml``
(participants), ``anchors.yaml`` (which time expression dates an event), ``amounts.yaml``,
``statements.yaml`` (optional: aims, statistics, captions, weak kinds; see ``confidence``); how
the language is written (sentences, clauses, brackets, its script) is the text table
(``timeline.text``, ``resources/<lang>/text.yaml``), and which names stand for which entity the
coreference table (``timeline.entities.coref``, ``resources/<lang>/entities/coref.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from .. import resources
from ..entities.coref import ParticipantRules, participant_rules
from ..resources import ResourceError, schema
from ..resources.compiled import re_compile
from ..text import TextRules
from ..text import load_rules as text_rules
from ..text.words import alternation, prefix_tree, starting_word_at

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
    venue: str | None = None      # role of an organisation named as the place ("在X法院审理": agent)
    attends: bool = False         # in the sentence of an event it joins, with its date: part of it


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
    list_closers: tuple[str, ...] = ()    # skipped words closing a list of names: a noun follows ("等地")


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

    @cached_property
    def multiplier_re(self) -> re.Pattern | None:
        """Any multiplier word (``万``, ``亿``), the longest first; ``None`` when there are none."""
        return re_compile(alternation(self.multipliers)) if self.multipliers else None


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
    hosting_verbs: frozenset[str]
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
    copulas: tuple[str, ...]
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
    gathering_anaphora: tuple[str, ...] = ()   # event_anaphora naming the gathering ("会上")
    recent_past: tuple[str, ...] = ()          # PAST_REF words placing an event on the DCT ("近日")
    gathering_kinds: frozenset[str] = frozenset()   # kinds of events held as gatherings
    gathering_content: frozenset[str] = frozenset()   # kinds telling what a gathering did ("制定措施")
    purpose_openers: tuple[str, ...] = ()   # a clause opening so tells an aim ("为企业纾困解难")
    subject_openers: tuple[str, ...] = ()   # connectives before a clause's subject ("但乙公司…")
    not_purpose: tuple[str, ...] = ()       # words opening with a purpose word, telling no aim ("为期")
    pending_markers: tuple[str, ...] = ()   # after a verb: it has not happened yet ("召开在即")
    outcomes: dict[str, frozenset[str]] = field(default_factory=dict)   # kind -> kinds it may end
    activity_heads: tuple[str, ...] = ()    # heads of the name of an activity or batch ("仪式", "工作")
    start_openers: tuple[str, ...] = ()     # a date between one of these and ...
    start_closers: tuple[str, ...] = ()     # ... one of these is where a period starts ("从1月初开始")
    start_not_to: frozenset[str] = frozenset()   # kinds a start point does not date (an outcome)
    series_markers: tuple[str, ...] = ()    # before a duration: a series over it ("连续5年"), a habit
    gathering_heads: tuple[str, ...] = ()   # words ending the name of a gathering ("仪式", "大会")
    gathering_steps: frozenset[str] = frozenset()   # kinds told at a gathering that are part of it ("致辞")
    trip_kinds: frozenset[str] = frozenset()        # kinds of a trip ("调研") ...
    trip_gatherings: frozenset[str] = frozenset()   # ... and of a gathering held on it ("召开座谈会")
    time_nouns: tuple[str, ...] = ()        # "召开时间为5月6日": the event's time noun ...
    time_copulas: tuple[str, ...] = ()      # ... and the copula stating its date
    time_kinds: frozenset[str] = frozenset()   # ... for an event of one of these kinds
    object_verbs: tuple[str, ...] = ()      # "迎来今年…开门红": a date after one modifies the object
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
    pair_pronouns: tuple[str, ...] = ()        # "双方": the last two organisations joined before
    pair_joiners: tuple[str, ...] = ()         # what joins them ("甲公司与乙公司")
    pair_list_marks: tuple[str, ...] = ()      # what joins the items of a longer list ("、")
    back_determiners: tuple[str, ...] = ()     # "这次活动", "该案": a reference back to the event told
    back_nouns: tuple[str, ...] = ()
    back_reach: int = 12
    continuation_verbs: tuple[str, ...] = ()   # "先后深入A、B": the next sentence goes on with the event
    continuation_role: str = "patient"         # the role of an organisation it names (no marker)
    relative_markers: tuple[str, ...] = ()     # "5家获得…的企业": a verb of the counted noun
    object_words: tuple[str, ...] = ()         # "提供商业服务": an object, though it starts like a head
    object_heads: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 办理 + …说明会: a trigger only
                                               # when its clause's object ends with one of these
    background_open: tuple[str, ...] = ()      # "在接受采访时": no trigger inside
    background_close: tuple[str, ...] = ()
    background_not_before: tuple[str, ...] = ()
    weak_kinds: frozenset[str] = frozenset()   # kinds as often stating a result as telling a happening
    aims: tuple[str, ...] = ()                 # "力争实现…": an aim governs the verb
    not_aims_before: tuple[str, ...] = ()      # "在万众期待中": the aim word a noun there
    comments: tuple[str, ...] = ()             # "这是…", "这意味着…": a comment on what was told
    modals: tuple[str, ...] = ()               # "应提前…通知", "如需…": obligation or condition
    not_modals: tuple[str, ...] = ()           # "应邀", "如期": words holding a modal that are none
    modal_frames: dict[str, tuple[str, ...]] = field(default_factory=dict)   # "应…邀请": a preposition
    terms: tuple[str, ...] = ()                # "约定：…": the terms of an agreement follow
    periods: tuple[str, ...] = ()              # "今年以来": a year that opens a period
    stat_measures: tuple[str, ...] = ()        # "GDP为…亿元": a figure of a measure
    stat_totals: tuple[str, ...] = ()          # "累计…": a total
    stat_total_verbs: tuple[str, ...] = ()     # "共受理…件": a total, right before the verb
    stat_tallies: frozenset[str] = frozenset()   # "调解成功17件": counters of a tally after the verb
    stat_tally_min: int = 10
    stat_cutoffs: tuple[str, ...] = ()         # "截至3月底，…完成投资5.9亿元": a figure reached by a date
    stat_thresholds: tuple[str, ...] = ()      # "投资超过18亿元": after the verb, before a figure reached
    state_adverbs: tuple[str, ...] = ()        # "主体工程基本完成": right before the verb, a state reached
    noun_object_verbs: tuple[str, ...] = ()    # "迎来今年招商引资开门红": a trigger in the object is a noun
    caption_marks: tuple[str, ...] = ()        # "▲…": a line that is an image caption
    caption_credits: tuple[str, ...] = ()      # "（示意图／…）": the credit closing a caption

    def kind_of(self, word: str) -> Kind | None:
        """The kind of a trigger word, the fallback kind for a word outside the table."""
        kind = self.trigger_kind.get(word)
        if kind is None and word not in self.causatives and self.fallback is not None:
            return self.fallback.kind
        return kind

    @cached_property
    def marker_words(self) -> tuple[str, ...]:
        return tuple(self.marker_role)

    @cached_property
    def future_objects(self) -> tuple[str, ...]:
        """Words after a future auxiliary that make it one (``将与…``, ``将就…进行``): marker words
        and topic frame openers."""
        return (*self.marker_role, *self.topic_open)

    @cached_property
    def opener_max(self) -> int:
        """The longest word that may stand alone before a date opening its clause (``dating._opens_clause``)."""
        return max((len(w) for w in (*self.prepositions, *self.leading_connectives, *self.duration_prefixes,
                                     *self.carry_breakers, *self.trigger_kind)), default=0)

    @cached_property
    def clause_openers(self) -> tuple[str, ...]:
        """Prepositions, leading connectives, duration prefixes and the words opening an item of an
        enumeration (``carry_breakers``: ``一是9月5日上午，…``): words before a date opening its clause."""
        return (*self.prepositions, *self.leading_connectives, *self.duration_prefixes, *self.carry_breakers)

    @cached_property
    def phrase_openers(self) -> tuple[str, ...]:
        """Marker words, coordinators and leading connectives: words after which a phrase opens."""
        return (*self.marker_words, *self.coordinators, *self.leading_connectives)

    @cached_property
    def role_words(self) -> tuple[str, ...]:
        """Marker words, passive markers and coordinators: words that are no name."""
        return (*self.marker_words, *self.passive_markers, *self.coordinators)

    @cached_property
    def heads_or_objects(self) -> tuple[str, ...]:
        """Body heads and object words: what after a verb is its object, not a noun's head."""
        return (*self.body_heads, *self.object_words)

    def fillers(self, preverbal: bool) -> tuple[str, ...]:
        """The words ``roles._strip_fillers`` drops (with ``preverbal``, or without); made once."""
        return self._fillers[preverbal]

    @cached_property
    def _fillers(self) -> dict[bool, tuple[str, ...]]:
        rest = (*self.future_auxiliaries, *self.leading_connectives, *self.prepositions, *self.negators,
                *self.event_anaphora)
        skip = self.fallback.skip if self.fallback else ()
        return {True: (*skip, *self.preverbal, *rest), False: (*skip, *rest)}

    @cached_property
    def adjunct_opens(self) -> tuple[str, ...]:
        """The words opening an adjunct (``在``, ``经``), of every adjunct."""
        return tuple(w for a in self.adjuncts for w in a.open)

    @cached_property
    def trigger_words(self) -> frozenset[str]:
        """The words ``trigger_re`` matches (triggers, causatives, nouns holding a trigger)."""
        return frozenset((*self.trigger_kind, *self.causatives, *self.nouns))

    @cached_property
    def searched(self) -> frozenset[str]:
        """The words searched for inside clauses (frames, purpose, serial, future and relative
        markers, page metadata labels): indexed once a document (``words.Occurrences``)."""
        return frozenset((*(w for a in self.adjuncts for w in (*a.open, *a.close)), *self.topic_open,
                          *self.topic_close, *self.background_open, *self.background_close,
                          *self.purpose_markers, *self.serial_markers, *self.future_markers,
                          *self.future_auxiliaries, *self.relative_markers,
                          *(self.fallback.metadata_labels if self.fallback else ())))

    def modifies_noun(self, text: str, e: int, end: int, word: str = "") -> bool:
        """A trigger ``word`` ending at ``e`` stands before a noun of ``nominal_heads`` that it
        modifies (投资商, 招商引资|项目), not before a longer body head or object word starting there
        (成立商会, 提供商业服务); a verb of ``hosting_verbs`` never does: its object is a gathering
        (召开|项目推进会, 举行|项目签约仪式); ``text[e:end]`` is read."""
        if word in self.hosting_verbs:
            return False
        head = starting_word_at(text, e, end, self.nominal_heads)
        return head is not None and len(starting_word_at(text, e, end, self.heads_or_objects) or "") <= len(head)

    @cached_property
    def anaphora_holding(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """Trigger word -> the ``event_anaphora`` phrases holding it, each with where the word
        first stands in it (``座谈会上`` holds ``座谈`` at 0): a trigger inside one names the
        gathering told before. Made once, when first read."""
        out: dict[str, tuple[tuple[str, int], ...]] = {}
        for word in (*self.trigger_kind, *self.causatives):
            held = tuple((w, w.find(word)) for w in self.event_anaphora if word in w and w != word)
            if held:
                out[word] = held
        return out

    @cached_property
    def lookbehind(self) -> int:
        """Characters looked at around a trigger or a time expression for a marker word."""
        words = (*self.marker_role, *self.negators, *self.nominal_markers, *self.nominal_heads,
                 *self.comparison_markers, *self.duration_prefixes, *self.leading_connectives)
        return max((len(w) for w in words), default=0) + 8


_W = schema.Words()
_ROLE = schema.Str(choices=ROLES)
_PAIRS = schema.List(schema.Words(chars=True))

SCHEMAS: dict[str, schema.Map] = {
    "clauses.yaml": schema.Map({
        "datelines": schema.Map({"tags": _PAIRS, "byline_brackets": _PAIRS, "source_ends": schema.Words(empty=False),
                                 "any_source_markers": _W, "outlet_ends": _W,
                                 "markers": schema.Words(empty=False), "bylines": schema.Words(empty=False),
                                 "plain_bylines": schema.Map({"words": schema.Words(empty=False), "prefixes": _W,
                                                              "name_chars": schema.Str()},
                                                             required=("words", "name_chars"))},
                                required=("source_ends", "markers", "bylines")),
    }),
    "triggers.yaml": schema.Map({
        "kinds": schema.Dict(schema.Map({
            "triggers": schema.Words(empty=False), "joins": _W, "subject_from": _W, "attends": schema.Bool(),
            "roles": schema.Map({"before": _ROLE, "after": _ROLE, "alone": _ROLE, "passive": _ROLE,
                                 "venue": _ROLE}),
        }, required=("triggers",)), empty=False),
        "causatives": schema.List(schema.Map({"trigger": schema.Str(), "kind": schema.Str(), "before": _ROLE,
                                              "between": _ROLE}, required=("trigger", "kind", "before", "between")),
                                  label="trigger"),
        "negators": _W, "nominal_markers": _W, "nominal_heads": _W, "hosting_verbs": _W, "object_words": _W,
        "relative_markers": _W, "object_heads": schema.Dict(schema.Words(empty=False)),
        "aspect_markers": _W, "serial_markers": _W,
        "purpose_markers": _W, "nouns": _W, "topic_frames": schema.Map({"open": _W, "close": _W}),
        "background_frames": schema.Map({"open": _W, "close": _W, "not_before": _W}),
        "fallback": schema.Map({"kind": schema.Str(), "skip": _W, "states": _W, "metadata_labels": _W,
                                "list_closers": _W,
                                "roles": schema.Map({"before": _ROLE, "after": _ROLE, "passive": _ROLE})},
                               required=("kind",)),
    }, required=("kinds",)),
    "roles.yaml": schema.Map({
        "markers": schema.Dict(schema.Words(empty=False), empty=False),
        "adjuncts": schema.List(schema.Map({"open": schema.Words(empty=False), "close": schema.Words(empty=False),
                                            "role": _ROLE}, required=("open", "close", "role"))),
        "collective_subjects": schema.Map({"determiners": schema.Words(empty=False),
                                           "heads": schema.Words(empty=False)}, required=("determiners", "heads")),
        "case_sections": schema.Map({"heading": schema.Regex(), "ends": schema.Regex(), "party_words": _W,
                                     "role": _ROLE, "authority_kinds": _W}, required=("heading",)),
        "topic_introductions": schema.List(schema.Map({"name": schema.Str(), "before": schema.Regex(),
                                                       "after": schema.Regex()}, required=("name", "after")),
                                           label="name"),
        "parent_role": _ROLE, "coordinators": _W, "honorifics": _W, "passive_markers": _W, "body_heads": _W,
        "preverbal": _W, "complement_markers": _W, "object_pronouns": _W, "topic_pronouns": _W,
        "pair_pronouns": _W, "pair_joiners": _W, "pair_list_marks": _W,
        "back_references": schema.Map({"determiners": _W, "nouns": _W, "reach": schema.Int(min=0)},
                                      required=("determiners", "nouns")),
        "continuations": schema.Map({"verbs": _W, "role": _ROLE}, required=("verbs",)),
    }, required=("markers",)),
    "anchors.yaml": schema.Map({
        "duration_anchor": schema.Map({"prefixes": _W, "suffixes": _W}, empty=False),
        "title_max": schema.Int(min=4),
        **{k: _W for k in ("comparison_markers", "copulas", "prepositions", "leading_connectives", "carry_breakers",
                           "deadline_markers", "event_anaphora", "future_markers", "future_auxiliaries",
                           "forward_prepositions", "title_signals", "false_prepositions", "gathering_anaphora",
                           "gathering_kinds", "gathering_content", "recent_past", "purpose_openers",
                           "subject_openers", "not_purpose", "pending_markers", "activity_heads",
                           "start_openers", "start_closers", "start_not_to", "series_markers",
                           "gathering_heads", "gathering_steps", "trip_kinds", "trip_gatherings",
                           "object_verbs")},
        "outcomes": schema.Dict(schema.Words(empty=False)),
        "time_predicates": schema.Map({"nouns": schema.Words(empty=False), "copulas": schema.Words(empty=False),
                                       "kinds": schema.Words(empty=False)}, required=("nouns", "copulas", "kinds")),
    }, required=("duration_anchor",)),
    "statements.yaml": schema.Map({
        "weak_kinds": _W, "aims": _W, "not_aims_before": _W,
        "comments": _W, "periods": _W, "modals": _W, "not_modals": _W, "terms": _W, "state_adverbs": _W,
        "noun_object_verbs": _W,
        "modal_frames": schema.Dict(schema.Words(empty=False)),
        "statistics": schema.Map({"measures": _W, "totals": _W, "total_before_verb": _W, "tallies": _W,
                                  "tally_min": schema.Int(min=1), "cutoffs": _W, "thresholds": _W}),
        "captions": schema.Map({"marks": _W, "credits": _W}),
    }),
    "amounts.yaml": schema.Map({
        "digits": schema.Dict(schema.Int(min=0)), "multipliers": schema.Dict(schema.Int(min=0), empty=False),
        "currencies": schema.Dict(schema.Str()), "currency_prefixes": schema.Dict(schema.Str()),
        "approx_before": _W, "approx_after": _W, "counters": _W, "percent": _W, "ordinal_prefixes": _W,
        "ordinal_counters": _W, "spacing": schema.Bool(),
    }, required=("multipliers",)),
}
"""The schema of each table of ``resources/<lang>/events/`` (documented in each file's header)."""


def _read(lang: str, name: str) -> schema.Table:
    return schema.read(lang, STAGE, name, schema=SCHEMAS[name])


def _words(t: schema.Table, *keys: str) -> dict[str, tuple[str, ...]]:
    """The optional word lists ``keys`` of ``t`` as tuples (``()`` when absent)."""
    return {k: tuple(t.get(k, [])) for k in keys}


@cache
def load_rules(lang: str) -> EventRules | None:
    """Load and validate the event tables of ``lang`` (``clauses.yaml``, ``triggers.yaml``,
    ``roles.yaml``, ``anchors.yaml``, ``amounts.yaml`` under ``resources/<lang>/events/``), with
    the text table (``resources/<lang>/text.yaml``) and the event section of the coreference
    table (``resources/<lang>/entities/coref.yaml``).

    Returns ``None`` when the language has no ``events`` folder. Raises
    ``resources.ResourceError`` (``schema.TableError``: the file and the key named) for a missing
    file, an unknown key, a role outside ``ROLES``, a trigger listed twice, or a malformed value.
    """
    if not resources.path(lang, STAGE).is_dir():
        return None
    text = text_rules(lang)
    if text is None:
        raise ResourceError(f"{resources.path(lang, 'text.yaml')}: resource file not found (the event "
                            "tables read the text table)")
    dateline = _dateline_pattern(_read(lang, "clauses.yaml"), text.closers, text.sentence_stops | text.clause_end)
    trig, kind_names = _triggers(_read(lang, "triggers.yaml"))
    return EventRules(lang=lang, text=text, dateline=dateline, **trig,
                      **_statements(schema.read(lang, STAGE, "statements.yaml", schema=SCHEMAS["statements.yaml"],
                                                default={}), kind_names),
                      **_roles(_read(lang, "roles.yaml"), kind_names),
                      **_anchors(_read(lang, "anchors.yaml"), kind_names),
                      amounts=_load_amounts(_read(lang, "amounts.yaml")), coref=participant_rules(lang))


def _kind(t: schema.Table, name: str, spec: dict, kind_names: set[str]) -> Kind:
    """One kind of ``triggers.yaml: kinds`` (its ``joins`` and ``subject_from`` name kinds)."""
    roles = spec.get("roles", {})
    for key in ("joins", "subject_from"):
        for j in spec.get(key, []):
            if j not in kind_names:
                raise t.error(f"kinds.{name}.{key}", f"unknown kind {j!r}")
    return Kind(name, roles.get("before", "agent"), roles.get("after", "patient"), roles.get("alone"),
                tuple(spec.get("joins", [])), roles.get("passive", "patient"), tuple(spec.get("subject_from", [])),
                roles.get("venue"), bool(spec.get("attends", False)))


def _triggers(t: schema.Table) -> tuple[dict[str, Any], set[str]]:
    """``triggers.yaml``: the ``EventRules`` fields it gives, and the names of its kinds. A
    trigger word is in one kind only, a causative is no trigger, a noun holds a trigger."""
    kind_names = set(t["kinds"])
    trigger_kind: dict[str, Kind] = {}
    for name, spec in t["kinds"].items():
        kind = _kind(t, name, spec, kind_names)
        for w in spec["triggers"]:
            if w in trigger_kind:
                raise t.error(f"kinds.{name}", f"trigger {w!r} is already in kind {trigger_kind[w].name!r}")
            trigger_kind[w] = kind
    causatives: dict[str, Causative] = {}
    for i, spec in enumerate(t.get("causatives", [])):
        w = spec["trigger"]
        if w in trigger_kind or w in causatives:
            raise t.error(f"causatives[{i}]", f"trigger {w!r} is listed twice")
        causatives[w] = Causative(w, spec["kind"], spec["before"], spec["between"])
    nouns = frozenset(t.get("nouns", []))
    for w in nouns:
        if w in trigger_kind or w in causatives:
            raise t.error("nouns", f"{w!r} is a trigger")
        if not any(v in w or v.startswith(w[-1]) for v in (*trigger_kind, *causatives)):
            raise t.error("nouns", f"{w!r} holds no trigger nor ends with a trigger's first "
                                   "character: it shadows nothing")
    for w in t.get("object_heads", {}):
        if w not in trigger_kind:
            raise t.error(f"object_heads.{w}", f"{w!r} is no trigger of kinds")
    frames, background = t.get("topic_frames", {}), t.get("background_frames", {})
    return {
        "trigger_re": re_compile(prefix_tree(list(trigger_kind) + list(causatives) + list(nouns))),
        "trigger_kind": trigger_kind, "causatives": causatives, "nouns": nouns,
        "fallback": _fallback(t, kind_names),
        "hosting_verbs": frozenset(t.get("hosting_verbs", ())),
        "object_heads": {w: tuple(heads) for w, heads in t.get("object_heads", {}).items()},
        **_words(t, "negators", "nominal_markers", "nominal_heads", "object_words", "relative_markers",
                 "aspect_markers", "serial_markers",
                 "purpose_markers"),
        "topic_open": tuple(frames.get("open", [])), "topic_close": tuple(frames.get("close", [])),
        "background_open": tuple(background.get("open", [])), "background_close": tuple(background.get("close", [])),
        "background_not_before": tuple(background.get("not_before", [])),
    }, kind_names


def _fallback(t: schema.Table, kind_names: set[str]) -> Fallback | None:
    """``triggers.yaml: fallback``: the kind of a dated clause without a table trigger."""
    fb = t.get("fallback")
    if fb is None:
        return None
    if fb["kind"] in kind_names:
        raise t.error("fallback.kind", f"expected the name of a kind not in kinds, got {fb['kind']!r}")
    roles = fb.get("roles", {})
    return Fallback(Kind(fb["kind"], roles.get("before", "agent"), roles.get("after", "patient"),
                         passive=roles.get("passive", "patient")),
                    tuple(fb.get("skip", [])), tuple(fb.get("states", [])), tuple(fb.get("metadata_labels", [])),
                    tuple(fb.get("list_closers", [])))


def _roles(r: schema.Table, kind_names: set[str]) -> dict[str, Any]:
    """``roles.yaml``: the ``EventRules`` fields it gives (``kind_names``: the kinds of ``triggers.yaml``)."""
    marker_role: dict[str, str] = {}
    for role, words in r["markers"].items():
        if role not in ROLES:
            raise r.error(f"markers.{role}", f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        for w in words:
            if w in marker_role:
                raise r.error(f"markers.{role}", f"marker {w!r} already gives the role {marker_role[w]!r}")
            marker_role[w] = role
    coll, back = r.get("collective_subjects", {}), r.get("back_references", {})
    return {
        "parent_role": r.get("parent_role"), "marker_role": marker_role,
        "adjuncts": tuple(Adjunct(tuple(a["open"]), tuple(a["close"]), a["role"]) for a in r.get("adjuncts", [])),
        "collective_subjects": tuple(d + h for d in coll.get("determiners", []) for h in coll.get("heads", [])),
        **_case_sections(r, kind_names),
        "topic_intros": tuple((x["name"], x.get("before", _EMPTY), x["after"])
                              for x in r.get("topic_introductions", [])),
        **_words(r, "coordinators", "honorifics", "passive_markers", "body_heads", "preverbal", "complement_markers",
                 "object_pronouns", "topic_pronouns", "pair_pronouns", "pair_joiners", "pair_list_marks"),
        "back_determiners": tuple(back.get("determiners", [])), "back_nouns": tuple(back.get("nouns", [])),
        "back_reach": back.get("reach", 12),
        "continuation_verbs": tuple(r.get("continuations", {}).get("verbs", [])),
        "continuation_role": r.get("continuations", {}).get("role", "patient"),
    }


_EMPTY = re.compile("")


def _case_sections(r: schema.Table, kind_names: set[str]) -> dict[str, Any]:
    """``roles.yaml: case_sections``: the ``case_*`` fields of ``EventRules``."""
    case = r.get("case_sections", {})
    for k in case.get("authority_kinds", []):
        if k not in kind_names:
            raise r.error("case_sections.authority_kinds", f"unknown kind {k!r}")
    return {"case_heading": case.get("heading"), "case_end": case.get("ends"),
            "case_party_words": tuple(case.get("party_words", [])), "case_role": case.get("role", "patient"),
            "case_authority_kinds": tuple(case.get("authority_kinds", []))}


def _statements(t: schema.Table, kind_names: set[str]) -> dict[str, Any]:
    """``statements.yaml`` (optional): what a dated clause says that is no happening, or that
    repeats one (the features of ``events.confidence``); ``weak_kinds`` name kinds."""
    for k in t.get("weak_kinds", []):
        if k not in kind_names:
            raise t.error("weak_kinds", f"unknown kind {k!r}")
    stats, captions = t.get("statistics", {}), t.get("captions", {})
    return {"weak_kinds": frozenset(t.get("weak_kinds", [])), "aims": tuple(t.get("aims", [])),
            "not_aims_before": tuple(t.get("not_aims_before", [])),
            "comments": tuple(t.get("comments", [])), "periods": tuple(t.get("periods", [])),
            "modals": tuple(t.get("modals", [])), "not_modals": tuple(t.get("not_modals", [])),
            "modal_frames": {k: tuple(v) for k, v in t.get("modal_frames", {}).items()},
            "terms": tuple(t.get("terms", [])),
            "stat_measures": tuple(stats.get("measures", [])), "stat_totals": tuple(stats.get("totals", [])),
            "stat_total_verbs": tuple(stats.get("total_before_verb", [])),
            "stat_tallies": frozenset(stats.get("tallies", [])), "stat_tally_min": stats.get("tally_min", 10),
            "stat_cutoffs": tuple(stats.get("cutoffs", [])), "stat_thresholds": tuple(stats.get("thresholds", [])),
            "state_adverbs": tuple(t.get("state_adverbs", [])),
            "noun_object_verbs": tuple(t.get("noun_object_verbs", [])),
            "caption_marks": tuple(captions.get("marks", [])), "caption_credits": tuple(captions.get("credits", []))}


def _anchors(a: schema.Table, kind_names: set[str]) -> dict[str, Any]:
    """``anchors.yaml``: the ``EventRules`` fields it gives (``gathering_kinds`` and
    ``gathering_content`` name kinds)."""
    for key in ("gathering_kinds", "gathering_content", "start_not_to", "gathering_steps", "trip_kinds",
                "trip_gatherings"):
        for k in a.get(key, []):
            if k not in kind_names:
                raise a.error(key, f"unknown kind {k!r}")
    for k in a.get("time_predicates", {}).get("kinds", []):
        if k not in kind_names:
            raise a.error("time_predicates.kinds", f"unknown kind {k!r}")
    for k, ends in a.get("outcomes", {}).items():
        for name in (k, *ends):
            if name not in kind_names:
                raise a.error("outcomes", f"unknown kind {name!r}")
    da = a["duration_anchor"]
    return {
        "duration_prefixes": tuple(da.get("prefixes", [])), "duration_suffixes": tuple(da.get("suffixes", [])),
        "title_max": a.get("title_max", 40),
        **_words(a, "comparison_markers", "copulas", "prepositions", "leading_connectives", "carry_breakers",
                 "deadline_markers", "title_signals", "false_prepositions", "event_anaphora", "future_markers",
                 "future_auxiliaries", "forward_prepositions", "gathering_anaphora", "recent_past",
                 "purpose_openers", "subject_openers", "not_purpose", "pending_markers", "activity_heads",
                 "start_openers", "start_closers", "series_markers", "gathering_heads", "object_verbs"),
        "start_not_to": frozenset(a.get("start_not_to", ())),
        "gathering_kinds": frozenset(a.get("gathering_kinds", ())),
        "gathering_content": frozenset(a.get("gathering_content", ())),
        "gathering_steps": frozenset(a.get("gathering_steps", ())),
        "trip_kinds": frozenset(a.get("trip_kinds", ())),
        "trip_gatherings": frozenset(a.get("trip_gatherings", ())),
        "outcomes": {k: frozenset(v) for k, v in a.get("outcomes", {}).items()},
        "time_nouns": tuple(a.get("time_predicates", {}).get("nouns", ())),
        "time_copulas": tuple(a.get("time_predicates", {}).get("copulas", ())),
        "time_kinds": frozenset(a.get("time_predicates", {}).get("kinds", ())),
    }


def _dateline_pattern(c: schema.Table, brackets: dict[str, str], separators: frozenset[str]) -> re.Pattern | None:
    """The compiled ``clauses.yaml: datelines`` grammar (``None`` without one): an optional tag
    in brackets (``【甲县新闻】``), an optional source name ending with a ``source_ends`` word
    right before a dispatch ``marker`` (``本报讯``, ``新华社北京3月14日电``) and then a boundary,
    or any name before a marker of ``any_source_markers`` and then white space or a bracket
    (``甲乙点讯 ``), or an outlet's name (ending with an ``outlet_ends`` word) right before a byline
    bracket (``某某日报（记者 张三）``, ``某某公益报（文甲乙 丙丁）``), maybe followed by a bracket of
    names alone (``（张三）``), and any number of
    bracketed bylines holding a ``bylines`` word (``（记者 林晓雨）``), each followed by optional
    white space. Raises ``ResourceError`` naming the key when a bracket
    pair is not one of ``brackets``."""
    spec = c.get("datelines")
    if spec is None:
        return None

    def pairs(key: str, default: list) -> list[tuple[str, str]]:
        out = []
        for i, p in enumerate(spec.get(key, default)):
            if not (len(p) == 2 and brackets.get(p[0]) == p[1]):
                raise c.error(f"datelines.{key}[{i}]", f"{p!r} is not one of the brackets")
            out.append((p[0], p[1]))
        return out

    ends, markers, bylines = spec["source_ends"], spec["markers"], spec["bylines"]
    round_ = [[o, c] for o, c in brackets.items() if o in "（(" and c in "）)"]
    tags = pairs("tags", [])
    byline_brackets = pairs("byline_brackets", round_)
    openers = "".join(brackets)
    stop = re.escape("".join(sorted(set(openers) | set(brackets.values()) | set(separators))))
    parts = []
    if tags:
        tag = "|".join(rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{1,30}}{re.escape(c)}" for o, c in tags)
        parts.append(rf"(?P<tag>{tag})?\s*")
    source = rf"(?P<source>[^\s{stop}]{{0,20}}?(?:{alternation(ends)}))(?P<marker>{alternation(markers)})" \
             rf"(?=\s|[{re.escape(openers)}{re.escape(''.join(separators))}]|\d|{alternation(bylines)}|$)"
    if spec.get("any_source_markers"):
        # "甲乙点讯 9月4日，…": any outlet's name before the marker, then white space or a bracket
        any_marker = alternation(spec["any_source_markers"])
        source += rf"|[^\s{stop}\d]{{2,12}}?(?:{any_marker})(?=[ \u3000]|[{re.escape(openers)}])"
    if spec.get("outlet_ends") and spec.get("plain_bylines") and byline_brackets:
        # "某某日报（记者 张三）近日，…": an outlet's name, no marker, then a byline bracket (a byline
        # word in it, or names alone, maybe after 文/图)
        person = f"{spec['plain_bylines']['name_chars']}{{2,4}}"
        credit = "|".join(
            rf"{re.escape(o)}(?:[^{re.escape(o + c)}\n]{{0,40}}?(?:{alternation(bylines)})"
            rf"|(?:文|图|文/图)?{person}(?:[ \u3000、]+{person})*{re.escape(c)})" for o, c in byline_brackets)
        source += rf"|[^\s{stop}\d]{{1,12}}?(?:{alternation(spec['outlet_ends'])})(?=(?:{credit}))"
    named = ""
    if spec.get("plain_bylines") and byline_brackets:
        # "中新网拉萨9月5日电 （张三）": after a source, a bracket holding names alone is a byline
        name = f"{spec['plain_bylines']['name_chars']}{{2,4}}"
        named = "|".join(rf"{re.escape(o)}{name}(?:[ \u3000、]+{name})*{re.escape(c)}" for o, c in byline_brackets)
        named = rf"(?:(?:{named})\s*)?"
    parts.append(rf"(?:(?:{source})\s*{named})?")
    plain = []
    if spec.get("plain_bylines"):
        # "记者 张三 通讯员 李四 10月8日，…", "本报记者 张三 …": a byline word, names of
        # ``name_chars`` (2 to 4, separated by white space or "、") and white space after the last
        pb = spec["plain_bylines"]
        name = f"{pb['name_chars']}{{2,4}}"
        prefixes = alternation(pb.get("prefixes", []))
        plain.append(rf"(?:(?:{prefixes})*(?:{alternation(pb['words'])})[ \u3000]*{name}"
                     rf"(?:[ \u3000、]+{name})*?[ \u3000]+)")
    if byline_brackets or plain:
        by = "|".join([rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{0,40}}?(?:{alternation(bylines)})"
                       rf"[^{re.escape(o + c)}\n]{{0,40}}{re.escape(c)}" for o, c in byline_brackets] + plain)
        parts.append(rf"(?P<byline>(?:(?:{by})\s*)*)")
    return re_compile("".join(parts), re.MULTILINE)


def _amount_pattern(a: schema.Table, digits: dict[str, int], multipliers: dict[str, int],
                    units: list[str]) -> re.Pattern:
    """The amount grammar: an approximation word, a currency prefix, a number (Arabic, or
    written with ``digits`` and ``multipliers``), multipliers, an approximation word, a unit."""
    sp = r"[ \u00a0]?" if a.get("spacing", False) else ""

    def any_of(words) -> str:
        return f"(?:{alternation(words)})" if words else "(?!)"

    number = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
    if digits:
        ten = [re.escape(k) for k, v in multipliers.items() if v == 10 and len(k) == 1]
        chars = "".join(re.escape(k) for k in digits)
        number += f"|[{chars}{''.join(ten)}](?:[{chars}]|{any_of(multipliers)})*"
    after = a.get("approx_after", [])
    return re_compile(
        f"(?P<pre>{any_of(a.get('approx_before', []))}{sp})?"
        f"(?P<cur>{any_of(a.get('currency_prefixes', {}))}{sp})?"
        f"(?P<num>{number})"
        f"(?P<approx1>{any_of(after)})?"
        f"(?P<mult>(?:{sp}{any_of(multipliers)})*)"
        f"(?P<approx2>{sp}{any_of(after)})?"
        f"(?:{sp}(?P<unit>{any_of(units)}))?"
    )


def _load_amounts(a: schema.Table) -> AmountRules:
    """``amounts.yaml``, compiled (see ``find_amounts``): a digit is one character, a currency an
    ISO 4217 code, an ordinal counter one of the counters."""
    digits, multipliers = dict(a.get("digits", {})), dict(a["multipliers"])
    for k in digits:
        if len(str(k)) != 1:
            raise a.error(f"digits.{k}", "a digit is one character")
    currencies, prefixes = dict(a.get("currencies", {})), dict(a.get("currency_prefixes", {}))
    for name, table in (("currencies", currencies), ("currency_prefixes", prefixes)):
        for k, v in table.items():
            if not re.fullmatch(r"[A-Z]{3}", v):
                raise a.error(f"{name}.{k}", f"expected an ISO 4217 code, got {v!r}")
    counters, percent = a.get("counters", []), a.get("percent", [])
    ordinal_counters = a.get("ordinal_counters", [])
    for w in ordinal_counters:
        if w not in counters:
            raise a.error("ordinal_counters", f"{w!r} is not one of the counters")
    pattern = _amount_pattern(a, digits, multipliers, list(currencies) + list(counters) + list(percent))
    return AmountRules(pattern, digits, multipliers, currencies, prefixes, frozenset(counters), frozenset(percent),
                       tuple(a.get("ordinal_prefixes", [])), frozenset(ordinal_counters))
