"""Coreference: words and names that stand for an entity named elsewhere in the document, from
one table a language (``timeline/resources/<lang>/entities/coref.yaml``).

The table has a section for each of its two readers; their word lists differ on purpose (see
the table's header):

* ``entities`` — the entity stage (``resolve.build``) makes a reference a mention and an alias
  of the body: ``anaphora`` (``该院``, ``本公司``, a bare ``协会``), ``self_reference`` (``我县``),
  ``Opening`` (does a short reference stand as a phrase of its own), and the government an
  acting place is (``MentionRules.governments``);
* ``events`` — the event stage reads a document's entities when it gives roles:
  ``references`` (``该镇``, ``这家…``, ``市府``: mentions for the event stage only),
  ``governments`` (a place acting as a party -> its government), ``parents`` (a body -> the body
  it belongs to: ``甲公司党支部`` -> ``甲公司``), ``title_orgs`` (a person -> the bodies their
  titles name: ``甲公司董事长``, ``市长``, ``市台办主任``).

``norm`` is the comparison key of names. Loading: ``mention_rules(lang)`` and
``participant_rules(lang)``, cached; errors name the file and the rule.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Protocol

from ..model import Entity
from ..resources import schema
from ..text.words import alternation, ending_word, prefix_tree
from .rules import Rules, fold
from .rules import _alternation as _trie_alternation
from .rules import load_rules as entity_rules

__all__ = ["FILE", "SCHEMA", "MentionRules", "Opening", "ParticipantRules", "anaphora", "governments", "mention_rules",
           "norm", "parents", "participant_rules", "references", "self_reference", "title_orgs"]

FILE = "coref.yaml"


@lru_cache(maxsize=4096)
def norm(s: str) -> str:
    """Comparison key of a name: width-folded, brackets and spaces dropped."""
    return fold(s).translate(_DROP)


_DROP = {ord(c): None for c in "() \t"}


# ============================================================================ the table


@dataclass(frozen=True)
class MentionRules:
    """The ``entities`` section, compiled: ``anaphora_re`` (groups ``dem``, ``head``, ``bare``),
    ``self_re`` (group ``level``), what a head must not be followed by, what a bare head must
    not follow, the demonstratives and self words, the government heads of an acting place."""

    anaphora_re: re.Pattern | None = None
    self_re: re.Pattern | None = None
    not_followed: dict[str, re.Pattern] = field(default_factory=dict)
    not_after: frozenset[str] = frozenset()
    demonstratives: tuple[str, ...] = ()
    self_words: tuple[str, ...] = ()
    governments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParticipantRules:
    """The ``events`` section: short names standing for an organisation or a place named
    before (a determiner and a head, a bare head, a short form and the endings it stands for),
    the endings of a place's government, leaders' titles and offices."""

    determiners: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()
    short_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    governments: tuple[str, ...] = ()
    leader_titles: dict[str, str] = field(default_factory=dict)   # "市长" -> "市"
    office_words: tuple[str, ...] = ()
    pronouns: dict[str, str] = field(default_factory=dict)        # "it" -> "ORG" (lower case)
    impersonal: re.Pattern | None = None                          # after an impersonal pronoun

    @cached_property
    def reference_words(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], re.Pattern,
                                  dict[str, tuple[str, str]]]:
        """``(heads, bare, pattern, info)`` of ``references``: the endings each head (after a
        determiner) and each bare head or short form stands for, the pattern of the words, and
        word -> ``(head, determiner)``; made once a table. The pattern is the words' prefix tree
        (``words.prefix_tree``: it matches what their alternation matches, several times faster)."""
        heads: dict[str, tuple[str, ...]] = {h: (h,) for h in self.heads}
        bare: dict[str, tuple[str, ...]] = {h: (h,) for h in self.bare}
        bare.update(self.short_forms)
        words = [(d + h, h, d) for d in self.determiners for h in heads] + [(h, h, "") for h in bare]
        pattern = re.compile(prefix_tree(w for w, _, _ in words))
        return heads, bare, pattern, {w: (h, d) for w, h, d in sorted(words, key=lambda x: bool(x[2]))}

    @cached_property
    def leader_words(self) -> tuple[str, ...]:
        """The leaders' titles (``leader_titles``' keys, in their order)."""
        return tuple(self.leader_titles)


_W = schema.Words()
SCHEMA = schema.Map({
    "entities": schema.Map({
        "anaphora": schema.Map({"self": _W, "demonstratives": _W, "demonstrative_heads": _W, "bare_heads": _W,
                                "not_after": _W, "not_followed_by": schema.Dict(_W)}),
        "governments": _W,
    }),
    "events": schema.Map({
        "anaphora": schema.Map({"determiners": _W, "heads": _W, "bare": _W,
                                "short_forms": schema.Dict(schema.Words(empty=False))}),
        "governments": _W, "leader_titles": schema.Dict(schema.Str()), "office_words": _W,
        "pronouns": schema.Dict(schema.Str(choices=("ORG", "PER", "LOC"))), "impersonal": schema.Regex(),
    }),
})
"""The schema of ``resources/<lang>/entities/coref.yaml`` (documented in the file's header)."""


def _table(lang: str) -> schema.Table:
    """The language's coref table, checked (``{}`` when it has none)."""
    return schema.read(lang, "entities", FILE, schema=SCHEMA, default={})


@cache
def mention_rules(lang: str | None) -> MentionRules:
    """The ``entities`` section of ``lang``'s table (empty rules when it has none), checked
    against the language's entity tables (a bare head or a government head must be a head of
    ``orgs.yaml``; a self word is followed by a level character of ``constructions.yaml``)."""
    table = _table(lang) if lang else None
    sec = table.get("entities", {}) if table is not None else {}
    rules = entity_rules(lang) if sec and lang else None
    if table is None or rules is None:
        return MentionRules()

    def heads_only(where: str, words: Iterable[str]) -> None:
        for h in words:
            if h not in rules.heads:
                raise table.error(where, f"{h!r} is not a head of orgs.yaml `heads`")

    gov = tuple(fold(h) for h in sec.get("governments", []))
    heads_only("entities.governments", gov)
    ana = sec.get("anaphora", {})
    dem, dem_heads, own = (tuple(ana.get(k, [])) for k in ("demonstratives", "demonstrative_heads", "self"))
    bare = [fold(h) for h in ana.get("bare_heads", [])]
    heads_only("entities.anaphora.bare_heads", bare)
    not_followed = {}
    for k, v in ana.get("not_followed_by", {}).items():
        if str(k) not in dem_heads and fold(str(k)) not in bare:
            raise table.error(f"entities.anaphora.not_followed_by.{k}", "not a demonstrative head nor a bare head")
        not_followed[fold(str(k))] = _trie_alternation(v)
    return MentionRules(
        anaphora_re=re.compile("(?P<dem>" + _trie_alternation(dem).pattern + ")(?P<head>"
                               + _trie_alternation(dem_heads).pattern + ")|(?P<bare>"
                               + _trie_alternation(bare).pattern + ")") if dem and dem_heads and bare else None,
        self_re=re.compile("(?:" + _trie_alternation(own).pattern + ")(?P<level>" + "|".join(
            map(re.escape, rules.level_chars)) + ")") if own and rules.level_chars else None,
        not_followed=not_followed, not_after=frozenset(ana.get("not_after", [])), demonstratives=dem,
        self_words=own, governments=gov)


@cache
def participant_rules(lang: str) -> ParticipantRules:
    """The ``events`` section of ``lang``'s table (empty rules when it has none)."""
    table = _table(lang)
    sec = table.get("events", {})
    ana = sec.get("anaphora", {})
    if ana.get("determiners") and not ana.get("heads"):
        raise table.error("events.anaphora.heads", "determiners need heads")
    return ParticipantRules(
        determiners=tuple(ana.get("determiners", [])), heads=tuple(ana.get("heads", [])),
        bare=tuple(ana.get("bare", [])), short_forms={k: tuple(v) for k, v in ana.get("short_forms", {}).items()},
        governments=tuple(sec.get("governments", [])), leader_titles=dict(sec.get("leader_titles", {})),
        office_words=tuple(sec.get("office_words", [])),
        pronouns={k.casefold(): v for k, v in sec.get("pronouns", {}).items()}, impersonal=sec.get("impersonal"))


# ============================================================================ the entity stage


class _Group(Protocol):
    """What ``resolve`` groups mentions into (``resolve._Group``)."""

    fulls: list[str]
    surfaces: list[str]
    spans: list[tuple[int, int]]
    head_end: str


class Opening:
    """Whether a short reference at ``[k, e)`` stands as a phrase of its own: a non-name
    character, a boundary word (boundaries.yaml) or a demonstrative before it, and no head
    constraint (orgs.yaml ``not_followed_by``) after it.  ``self_only``: of the demonstratives
    only the self words (本公司, 我公司) — 该公司 is left to the anaphora."""

    def __init__(self, t: str, rules: Rules, co: MentionRules):
        self.t, self.r = t, rules
        self.name_char = getattr(rules, "name_char", None)
        self.words: frozenset[str] = getattr(rules, "boundary_words", frozenset())
        self.longest = max(map(len, self.words), default=0)
        self.dem = co.demonstratives
        self.own = co.self_words

    def __call__(self, k: int, e: int, self_only: bool = False) -> bool:
        t = self.t
        nf = getattr(self.r, "head_not_followed_re", {}).get(t[k:e])
        if nf is not None and nf.match(t, e):
            return False
        if k == 0 or self.name_char is None or not self.name_char.match(t[k - 1]):
            return True
        if any(t.endswith(d, 0, k) for d in self.own):
            return True
        if any(t.endswith(d, 0, k) for d in self.dem):
            return not self_only
        return any(t[k - L:k] in self.words for L in range(1, min(self.longest, k) + 1))


def self_reference(text: str, t: str, rules: Rules, co: MentionRules, level_home: dict[str, str],
                   groups: Sequence[_Group], occupied: bytearray) -> None:
    """``我县``, ``本市``: the government of the document's home place of that level, when the
    document names that government (coref.yaml ``entities.anaphora.self``; a level character
    followed by a word of places.yaml ``not_followed_by`` is no place: 本市场)."""
    rx = co.self_re
    if rx is None or not level_home:
        return
    if rx.search(t) is None:
        return
    by_full = {norm(f): g for g in groups for f in g.fulls}
    gov: dict[str, _Group] = {}
    for ch, place in level_home.items():
        g = next((by_full[norm(place) + norm(h)] for h in co.governments
                  if norm(place) + norm(h) in by_full), None)
        if g is not None:
            gov[ch] = g
    if not gov:
        return
    stop = getattr(rules, "place_not_followed_re", None)
    for m in rx.finditer(t):
        g = gov.get(m.group("level"))
        k, e = m.span()
        if g is None or any(occupied[k:e]) or (stop is not None and stop.match(t, e)):
            continue
        g.spans.append((k, e))
        g.surfaces.append(text[k:e])
        occupied[k:e] = b"\x01" * (e - k)


def anaphora(text: str, t: str, co: MentionRules, groups: Sequence[_Group], occupied: bytearray,
             opaque: bytearray, opens: Opening) -> None:
    """``该院``, ``本公司``: a mention (and alias) of the nearest organisation named before it whose
    name ends with that head; a bare ``协会``: of the one mentioned most often before it (ties to
    the nearest), unless a closing quote precedes it (“四好”商会 is a kind of body).
    coref.yaml ``entities.anaphora``."""
    rx = co.anaphora_re
    if rx is None or not groups:
        return
    for g in groups:
        g.head_end = norm(g.fulls[0]) if g.fulls else ""
    spans = sorted(((s, e, g, norm(t[s:e])) for g in groups if g.fulls for s, e in g.spans),
                   key=lambda x: (x[0], x[1]))
    referred: Counter = Counter()                     # references resolved so far, per body
    by_head: dict[str, _Before] = {}
    for m in rx.finditer(t):                          # offsets increase: each _Before reads on
        head = m.group("head") or m.group("bare")
        k, e = (m.start("bare"), m.end()) if m.group("bare") else m.span()
        if any(occupied[k:e]) or any(opaque[k:e]):
            continue
        stop = co.not_followed.get(head)
        if stop is not None and stop.match(t, e):
            continue
        if m.group("bare") and not opens(k, e):
            continue
        if m.group("bare") and k > 0 and t[k - 1] in co.not_after:
            continue                                  # “四好”商会: a kind of body, no reference
        if head not in by_head:                       # the bodies whose name ends with that head
            by_head[head] = _Before([(s, se, g) for s, se, g, key in spans
                                     if key.endswith(head) or g.head_end.endswith(head)], referred)
        before = by_head[head]
        before.read_to(k)
        if m.group("bare"):                           # a bare head: the body most spoken of so far
            last = before.most_spoken()
            if last is None:
                continue
            referred[id(last)] += 1
            for other in by_head.values():            # its standing rose in every head's reading
                other.rescore(last)
        else:                                         # 该院, 本公司: the nearest one
            last = before.nearest()
            if last is None:
                continue
        last.spans.append((k, e))
        last.surfaces.append(text[k:e])
        occupied[k:e] = b"\x01" * (e - k)


class _Before:
    """The mentions of some bodies (``(start, end, group)`` sorted by start) that end before an
    offset, read at increasing offsets (``read_to``): the body of the nearest one, and the body
    most spoken of (its mentions so far plus the references resolved to it, ``referred``), ties
    to the body mentioned nearest. Keys only grow, so the best is kept as they change: constant
    work a mention, where counting every earlier mention at each reference was quadratic."""

    def __init__(self, cands: list, referred: Counter) -> None:
        self.cands, self.referred = cands, referred
        self.next = 0                     # cands[:next] start at or before the offset read to
        self.pending: list[int] = []      # of those, the ones not ended yet
        self.count: Counter = Counter()   # mentions ended, per body
        self.last: dict[int, int] = {}    # index of its latest mention ended, per body
        self.top = -1                     # index of the latest mention ended
        self.best = None                  # the body most spoken of

    def read_to(self, k: int) -> None:
        cands = self.cands
        while self.next < len(cands) and cands[self.next][0] <= k:
            self.pending.append(self.next)
            self.next += 1
        still = []
        for i in self.pending:
            if cands[i][1] <= k:
                g = cands[i][2]
                self.count[id(g)] += 1
                self.last[id(g)] = max(self.last.get(id(g), -1), i)
                self.top = max(self.top, i)
                self.rescore(g)
            else:
                still.append(i)
        self.pending = still

    def _key(self, g) -> tuple[int, int]:
        return self.count[id(g)] + self.referred[id(g)], self.last[id(g)]

    def rescore(self, g) -> None:
        """``g``'s key grew: it may be the best now."""
        if id(g) in self.last and (self.best is None or self._key(g) > self._key(self.best)):
            self.best = g

    def nearest(self):
        return self.cands[self.top][2] if self.top >= 0 else None

    def most_spoken(self):
        return self.best


# ============================================================================ the event stage


class _Span(Protocol):
    """A mention of an entity in the text: ``[start, end)`` and the entity's id."""

    start: int
    end: int
    entity: str


def _names(ent: Entity) -> list[str]:
    return [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]


def references(text: str, entities: dict[str, Entity], mentions: Sequence[_Span], co: ParticipantRules, *,
               skip: Callable[[int, int], bool], opens_phrase: Callable[[int], bool],
               paragraph: Callable[[int], int],
               sentences: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """``(start, end, entity id)`` of the short names standing for an organisation (or a place)
    named earlier (coref.yaml ``events.anaphora``): a determiner and a head (``该院``, ``该镇``:
    the nearest such body before it), a bare head (``协会`` opening a phrase: the nearest such body
    in the paragraph, else the first one of the document), a short form (``市府``: a body whose
    name ends with one of its endings). ``mentions``: the document's mentions in text order;
    ``skip(start, end)``: the span is taken (a name, a time expression, inside brackets);
    ``opens_phrase(start)``; ``paragraph(pos)``: the index of the paragraph holding ``pos``;
    ``sentences``: the sentence spans, for the personal pronouns (``_pronouns``: ``it``)."""
    out = _pronouns(text, entities, mentions, co, skip=skip, opens_phrase=opens_phrase, sentences=sentences)
    if not (co.heads or co.bare or co.short_forms):
        return out
    orgs = [e for e in entities.values() if e.type in ("ORG", "LOC")]
    if not orgs:
        return out
    firsts = {m.entity: m.start for m in reversed(mentions)}
    heads, bare, pattern, info = co.reference_words
    # what a head stands for is the same at every reference to it: its candidate bodies, their
    # mentions (in text order) and the one named first, found once a head (not at each reference,
    # which was quadratic in a long document)
    known: dict[tuple[str, bool], tuple[list, list[int], str] | None] = {}
    for m in pattern.finditer(text):
        s, e = m.span()
        if skip(s, e) or not opens_phrase(s):
            continue
        head, det = info[m.group(0)]
        if (head, bool(det)) not in known:
            endings = (heads if det else bare)[head]
            cands = [o for o in orgs if any(n.endswith(endings) and len(n) > len(head) for n in _names(o))]
            ids = {o.id for o in cands}
            own = [x for x in mentions if x.entity in ids]
            known[(head, bool(det))] = (own, [x.start for x in own], min(
                cands, key=lambda o: firsts.get(o.id, len(text))).id) if cands else None
        got = known[(head, bool(det))]
        if got is None:
            continue
        own, starts, first = got
        i = bisect_left(starts, s) - 1            # the last mention ending by s (mentions in text order)
        while i >= 0 and own[i].end > s:
            i -= 1
        if i < 0:
            continue
        last = own[i]                                 # the nearest earlier mention of a candidate
        if det:
            ent = last.entity
        elif paragraph(last.start) == paragraph(s):   # a bare head: the nearest in its paragraph,
            ent = last.entity
        else:                                         # else the body named first
            ent = first
        out.append((s, e, ent))
    return out


def _pronouns(text: str, entities: dict[str, Entity], mentions: Sequence[_Span], co: ParticipantRules, *,
              skip: Callable[[int, int], bool], opens_phrase: Callable[[int], bool],
              sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``(start, end, entity id)`` of the personal pronouns of coref.yaml ``events.pronouns``
    (``it``: ORG), a whole word in any case. A pronoun stands for the first entity of its type
    named earlier in its own sentence, else in the nearest sentence before that names one: the
    most recent sentence, and in it the subject's place, the first (salience: recency, then
    subject over object, Lappin & Leass 1994). Only a pronoun opening a phrase is read (a
    subject: ``In 2012, it signed``; not an object, ``approved it``, whose antecedent is as often
    a thing as a body), and not one ``events.impersonal`` follows (``it is expected that``) nor
    one inside a taken span. ``sentences``: the sentence spans in text order (none: the text is
    one sentence)."""
    if not co.pronouns:
        return []
    starts = [s for s, _ in sentences]
    pending = sorted(((m.start, m.entity) for m in mentions if m.entity in entities), reverse=True)
    current: dict[str, str] = {}    # type -> first entity of that type in the current sentence
    earlier: dict[str, str] = {}    # type -> first entity of that type in the latest earlier sentence naming one
    sentence = -1
    out: list[tuple[int, int, str]] = []

    def move_to(pos: int) -> None:
        nonlocal sentence, current
        k = bisect_right(starts, pos) - 1
        if k != sentence:
            earlier.update(current)
            current, sentence = {}, k

    for m in re.finditer(r"(?<![\w'’-])(?:" + alternation(co.pronouns) + r")(?![\w'’-])", text, re.IGNORECASE):
        s, e = m.span()
        while pending and pending[-1][0] < s:
            start, ent = pending.pop()
            move_to(start)
            current.setdefault(entities[ent].type, ent)
        move_to(s)
        kind = co.pronouns[m.group(0).casefold()]
        found = current.get(kind) or earlier.get(kind)
        if found is None or skip(s, e) or not opens_phrase(s) or (
                co.impersonal is not None and co.impersonal.match(text, e)):
            continue
        out.append((s, e, found))
    return out


def governments(entities: Iterable[Entity], suffixes: Sequence[str]) -> dict[str, str]:
    """Place entity id -> id of the organisation governing it: the one named as the place and one
    of ``suffixes`` (coref.yaml ``events.governments``: ``甲县人民政府``; first suffix first), else
    one having a name of the place as a name; of several, the first in ``entities``. The names
    are indexed once (testing every organisation at each place and suffix was quadratic)."""
    entities = list(entities)
    orgs = [e for e in entities if e.type == "ORG"]
    first: dict[str, int] = {}        # a name or alias -> the index of the first organisation bearing it
    for k, o in enumerate(orgs):
        for n in (o.name, *o.aliases):
            first.setdefault(n, k)
    out = {}
    for loc in entities:
        if loc.type != "LOC":
            continue
        names = {loc.name, *loc.aliases}
        for suffix in suffixes:
            hits = [first[n + suffix] for n in names if n + suffix in first]
            if hits:
                out[loc.id] = orgs[min(hits)].id
                break
        else:
            hits = [first[n] for n in names if n in first]
            if hits:
                out[loc.id] = orgs[min(hits)].id
    return out


def parents(entities: Iterable[Entity]) -> dict[str, str]:
    """Organisation id -> id of the organisation it belongs to: the one with the longest
    name (or alias, or mention) of three or more characters written inside one of its
    names but not ending it (``甲公司党支部`` belongs to ``甲公司``; ``乙县工商联`` does not
    belong to an organisation called ``工商联``); between names of the same length, the
    organisation first in ``entities``. Each name's inner substrings are looked up in an index
    of the names (linear in the organisations; testing every pair of them was quadratic)."""
    orgs = [e for e in entities if e.type == "ORG"]
    names = {o.id: {n for n in _names(o) if n} for o in orgs}
    order = {o.id: k for k, o in enumerate(orgs)}
    index: dict[str, list[str]] = {}           # a name of 3+ characters -> the orgs bearing it
    for o in orgs:
        for n in names[o.id]:
            if len(n) >= 3:
                index.setdefault(n, []).append(o.id)
    longest = max((len(n) for n in index), default=0)
    openings = {n[:3] for n in index}          # a substring starting elsewhere names no organisation
    out = {}
    for x in orgs:
        own = names[x.id]
        inner: set[str] = set()                # substrings of x's names written not at their end
        for nx in own:
            ends = {nx[len(nx) - k:] for k in range(3, min(longest, len(nx)) + 1)}
            for i in range(len(nx) - 2):
                if nx[i:i + 3] not in openings:
                    continue
                for j in range(i + 3, min(len(nx), i + longest) + 1):
                    sub = nx[i:j]
                    if sub in index and sub not in ends:
                        inner.add(sub)
        best: tuple[int, int, str] | None = None   # (-length, order, id): the smallest wins
        for sub in inner:
            for yid in index[sub]:
                if yid == x.id or names[yid] & own:
                    continue
                key = (-len(sub), order[yid], yid)
                if best is None or key < best:
                    best = key
        if best is not None:
            out[x.id] = best[2]
    return out


def title_orgs(entities: Iterable[Entity], co: ParticipantRules) -> dict[str, list[str]]:
    """Person entity id -> organisations its titles name (``甲公司董事长``: ``甲公司``),
    by the longest name or alias that starts a title, else ``_titled_body``."""
    entities = list(entities)
    orgs = [(n, o.id) for o in entities if o.type == "ORG" for n in {o.name, *o.aliases}]
    orgs.sort(key=lambda x: -len(x[0]))
    first: dict[str, str] = {}       # a name -> the first organisation bearing it (longest names first)
    for n, oid in orgs:
        first.setdefault(n, oid)
    out: dict[str, list[str]] = {}
    for per in entities:
        titles = per.attributes.get("titles") if per.type == "PER" else None
        for title in titles or ():
            if not isinstance(title, str):
                continue
            hit = next((first[title[:k]] for k in range(len(title) - 1, -1, -1) if title[:k] in first), None)
            if hit is None:
                hit = _titled_body(title, orgs, co)
            if hit is not None and hit not in out.setdefault(per.id, []):
                out[per.id].append(hit)
    return out


def _titled_body(title: str, orgs: list[tuple[str, str]], co: ParticipantRules) -> str | None:
    """The organisation a title names without starting with its full name: a leader's title
    (coref.yaml ``events.leader_titles``: ``市长``) names the only government of its level the
    document names (``甲市人民政府``); a body and an office (``office_words``: ``市台办主任``)
    name the organisation whose name or alias ends with the body (``丙市台办``)."""
    leader = ending_word(title, co.leader_words)
    if leader is not None:        # "市长", "甲市市长": the government of the place it names
        head, place = co.leader_titles[leader], title[: len(title) - len(leader)]
        govs = {oid for n, oid in orgs for suffix in co.governments if n.endswith(head + suffix)
                and len(n) > len(head + suffix) and n.startswith(place)}
        return next(iter(govs)) if len(govs) == 1 else None
    office = ending_word(title, co.office_words)
    body = title[: len(title) - len(office)] if office else ""
    if len(body) < 2:
        return None
    hits = {oid for n, oid in orgs if n.endswith(body)}
    return next(iter(hits)) if len(hits) == 1 else None
