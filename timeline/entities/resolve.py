"""Turn mentions into entities: aliases resolved to the fullest form within one document.

Rules (each a construction of the genre, none a name):

* **home place** — the document's home place of each level is its most mentioned place of that
  level (``梁平区``); a level above the district (city, province: constructions.yaml ``home``) is
  the home only when written as the parent of the home place below it (``重庆市梁平区``) or
  written with its suffix (``东瓯市``; a bare ``成都`` of ``赴成都`` is none). A level character
  alone before a head (``区法院``, ``市工商联``) stands for the home place of that level:
  ``<home>法院``; without a home place it stays as written (``市工商联``).
* **stem for place** — ``北塘法院`` is ``北塘区人民法院`` when ``北塘`` is the stem of a place of the
  document (head synonyms of orgs.yaml compare ``法院`` with ``人民法院``, ``市府`` with ``市政府``).
* **place chain** — ``梁平区工商联`` and ``重庆市梁平区工商联`` are one body when the longer adds only
  places in front of the shorter; the fullest written form is the canonical name.
* **alternate head** — ``区工商联(总商会)`` makes ``总商会`` another head of the same bodies in this
  document, so ``区总商会`` is ``区工商联``.
* **abbreviation** — a name without place (``非公经济服务中心``) is the body whose name after its
  place chain keeps the same first character and head and contains it as a subsequence
  (``梁平区非公有制经济服务中心``), when exactly one such body exists.
* **acting place** — a place acting as a party (``与安胜乡签订``, ``某区举行…``, ``批准某村退出``:
  ``Scanner.acting_places``) is its government: one entity with ``安胜乡政府`` / ``屏锦镇党政``
  (coref.yaml ``entities.governments``) when the document names that, else an ORG of the place's name.
* **names read once** — a name of three characters or more found by the model, a name list or a
  construction (``甲、乙等企业``) is a mention wherever else it is written free;
* **defined short name** — ``（以下简称“甲乙资产”）`` adds the alias and every later occurrence;
  a generic word defined so (``以下简称“公司”``) too, where it opens a phrase (not ``子公司``).
* **anaphora** — ``该院``, ``本公司``, a bare ``协会`` or ``合作社`` is the last organisation named
  before it whose name ends with that head; ``我县`` is the home county's government
  (``coref.anaphora``, ``coref.self_reference``: coref.yaml ``entities``).
* **department abbreviation** — ``经发局`` abbreviates ``某市政府经济发展局``: the government
  (orgs.yaml ``department_parents``) is skipped with the place chain before comparing.
* **short reference** — ``市局`` (a level character + a head of constructions.yaml
  ``short_references``) is the bureau of that level named last before it (``青梧市市场监管局``);
  with none before it, it is no organisation.
* **company short form** — ``恒拓集团`` / ``恒拓公司`` is ``恒拓控股集团有限公司``, ``东港农商行`` is
  ``东港农村商业银行股份有限公司``: the full name's stem (first characters after its place) and a
  short head it holds or that ends its last head (orgs.yaml ``short_forms``), when exactly one
  company of the document fits.
* **trade name alone** — ``协鑫光伏`` is ``苏州协鑫光伏科技有限公司``, ``某某电气绿能科技`` is
  ``某某电气绿能科技（苏州）有限公司``: a name without head (three characters or more) that a company's
  name, after its place chain, continues only with industry words, a bracketed place and heads,
  when exactly one company of the document fits.
* **width / bracket variants** — compared after folding full-width forms and dropping brackets.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..model import Entity, Mention
from ..text.segment import char_class
from . import coref
from .coref import norm
from .gazetteer import Gazetteer, GazetteerEntry
from .rules import Rules, fold
from .scan import OrgMention, PersonMention, PlaceMention, _covers


class _Group:
    def __init__(self, key: str):
        self.key = key
        self.fulls: list[str] = []       # candidate canonical names (original text)
        self.surfaces: list[str] = []
        self.aliases: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.gaz: GazetteerEntry | None = None
        self.company = False        # named by a company head (公司, 集团): no guessed abbreviation
        self.head_end = ""          # comparison key of its first full name (anaphora)
        self.entries: list = []     # lexicon entries it is named by (lexicon.LexiconEntry)
        self.entry_fulls: dict = {}  # each entry -> the full names of the mentions it was found as

    def named_by(self, entry: Any, full: str) -> None:
        """A mention of full name ``full`` was found as a form of the lexicon ``entry``."""
        if entry not in self.entries:
            self.entries.append(entry)
        self.entry_fulls.setdefault(entry, set()).add(full)

    def absorb(self, other: _Group) -> None:
        self.fulls += other.fulls
        self.surfaces += other.surfaces
        self.aliases += other.aliases
        self.spans += other.spans
        self.gaz = self.gaz or other.gaz
        self.entries += [e for e in other.entries if e not in self.entries]
        for e, fulls in other.entry_fulls.items():
            self.entry_fulls.setdefault(e, set()).update(fulls)


def home_places(places: list[PlaceMention], known: dict[str, tuple[str, str]] | None = None,
                anchor: str | None = None, above: tuple[str, ...] = ()) -> dict[str, str]:
    """The home place of each level, as a full name: ``{level: name}`` (levels of places.yaml).

    The home place of a level is its most mentioned place (a bare stem counts for its suffixed
    form; a known bare name such as 重庆 for its full name 重庆市 from places.yaml). The levels
    ``above`` the ``anchor`` level (constructions.yaml ``home``: province and city above the
    district) are stricter, since a county's city is often never named: the home place of such a
    level is the place of that level written as a parent of the home place below it, right
    before it in a chain (``重庆市梁平区``, ``江西省瑞川市临江区``); failing that, the most mentioned
    place of that level written with its suffix, when no other place of that level is written
    as often (``东瓯市``; a bare ``成都`` of ``赴成都`` is no home); failing that, none
    (``市工商联`` then stays as written).
    """
    level_name = _level_namer(places, known or {})
    counts: dict[str, Counter] = defaultdict(Counter)
    suffixed: dict[str, Counter] = defaultdict(Counter)
    for p in places:
        ln = level_name(p)
        if ln is not None:
            counts[ln[0]][ln[1]] += 1
            if p.level:
                suffixed[ln[0]][ln[1]] += 1
    home = {lv: c.most_common(1)[0][0] for lv, c in counts.items()}
    if anchor is None:
        return home
    chains = _written_parents(places, level_name)
    chain = _home_anchor(home, counts, chains, anchor, above) if anchor in home else {}
    for lv in reversed(above):                       # nearest level first: its parents count too
        if lv in chain:
            home[lv] = chain[lv]
        elif suffixed.get(lv) and _unique_top(suffixed[lv]):
            home[lv] = suffixed[lv].most_common(1)[0][0]
            for k, v in _parents(chains, lv, home[lv]).items():
                chain.setdefault(k, v)
        else:
            home.pop(lv, None)
    return home


_Chains = dict[tuple[str, str], dict[str, Counter]]
"""(level, name) of a place -> level -> the names of that level written right before it."""


def _level_namer(places: list[PlaceMention], known: dict[str, tuple[str, str]]):
    """``(level, full name)`` of a place mention, else ``None``: a bare stem counts for the
    suffixed form the document writes, a known bare name (重庆) for its full name (重庆市)."""
    full_by_stem: dict[str, tuple[str, str]] = {}     # stem -> (level, name) of its first suffixed form
    for p in places:
        if p.level:
            full_by_stem.setdefault(p.stem, (p.level, p.name))

    def level_name(p: PlaceMention) -> tuple[str, str] | None:
        if p.level:
            return p.level, p.name
        return full_by_stem.get(p.stem) or known.get(p.name)

    return level_name


def _written_parents(places: list[PlaceMention], level_name) -> _Chains:
    """For each place, the places written right before it in a chain (``重庆市梁平区``), counted.

    A chain names each level once (province, city, district …): the walk back from a place stops
    at a level it has met already (its own included), so it reads a bounded number of places and
    a run of places (重庆重庆重庆…) costs time linear in its length, not quadratic."""
    ends = {p.end: p for p in places}
    chains: _Chains = {}
    for p in places:
        q, me = p, level_name(p)
        met = {me[0]} if me is not None else set()
        while me is not None and q.start in ends:
            q = ends[q.start]
            ln = level_name(q)
            if ln is None:
                break
            if ln[0] in met:
                break
            met.add(ln[0])
            chains.setdefault(me, defaultdict(Counter))[ln[0]][ln[1]] += 1
    return chains


def _parents(chains: _Chains, level: str, name: str) -> dict[str, str]:
    """Levels and names of the places written right before a mention of ``name`` (a level
    whose parents disagree as often, 广东省青梧商会 and 江西省青梧商会, has none)."""
    found = chains.get((level, name), {})
    return {lv: c.most_common(1)[0][0] for lv, c in found.items() if _unique_top(c)}


def _home_anchor(home: dict[str, str], counts: dict[str, Counter], chains: _Chains, anchor: str,
                 above: tuple[str, ...]) -> dict[str, str]:
    """Set ``home[anchor]`` (among equally mentioned anchor places, the one under the most
    mentioned upper places) and return the upper places written before it; an anchor place under
    another upper place than the document's most mentioned one, and mentioned less than that
    one, is a place visited (赴湖州市南浔区…): ``home[anchor]`` is dropped and ``{}`` returned."""
    top = {lv: counts[lv].most_common(1)[0][0] for lv in above if counts.get(lv)}
    best = max(counts[anchor].items(), key=lambda kv: (
        kv[1], sum(1 for lv, v in _parents(chains, anchor, kv[0]).items() if top.get(lv) == v)))
    home[anchor] = best[0]
    chain = _parents(chains, anchor, home[anchor])
    for lv in reversed(above):
        if lv in chain and top.get(lv) not in (None, chain[lv]) \
                and counts[lv][top[lv]] > counts[lv][chain[lv]] and counts[lv][top[lv]] > best[1]:
            del home[anchor]
            return {}
    return chain


_LENGTHS: dict[tuple[int, frozenset], list[int]] = {}


def _head_lengths(rules: Rules, renames: dict[str, str]) -> list[int]:
    """Lengths of the head words and renamed heads, longest first (cached per table set)."""
    key = (id(rules), frozenset(renames))
    got = _LENGTHS.get(key)
    if got is None:
        got = _LENGTHS[key] = sorted({len(h) for h in list(rules.heads) + list(renames)}, reverse=True)
    return got


def _unique_top(c: Counter) -> bool:
    """One most common item, not a tie (广东省 once and 江西省 once name no home province)."""
    top = c.most_common(2)
    return len(top) == 1 or top[0][1] > top[1][1]


def build(text: str, t: str, doc_id: str, rules: Rules, places: list[PlaceMention],
          orgs: list[OrgMention], acting: list[PlaceMention], people: list[PersonMention],
          gaz_hits: list[tuple[int, int, GazetteerEntry]], chrome: list[tuple[int, int]],
          gazetteer: Gazetteer | None, blocked: bytearray | None = None) -> list[Entity]:
    """Group mentions into ``Entity`` objects with ids ``o1…``, ``p1…``, ``l1…`` (text order).

    ``text`` is the document text (every mention's text is sliced from it), ``t`` its folded copy.
    The steps, in order: organisation mentions grouped by comparison key (``_org_groups``,
    ``_acting_groups``), groups merged by the rules of the module docstring (``_merge_groups``),
    the gazetteer's names (``_with_gazetteer``), aliases and short references found again in
    the text (``_spread_aliases``, ``coref.anaphora``, ``coref.self_reference``), people and
    places (``_people``, ``_place_groups``), entities numbered (``_entities``).
    """
    co = coref.mention_rules(getattr(rules, "lang", None))
    doc = _DocPlaces(text, rules, places)
    keys = _HeadKeys(rules, doc, orgs)
    groups, bare_keys, visitors = _org_groups(text, t, rules, orgs, doc.level_home, keys, doc.visiting)
    acting_keys = _acting_groups(text, acting, groups)
    merged = _merge_groups(groups, bare_keys, acting_keys, doc, keys.renames, rules, co.governments, visitors)
    ents = _with_gazetteer(text, gaz_hits, gazetteer, merged)
    occupied, opaque, opens = _spread_aliases(text, t, rules, co, ents, blocked)
    org_groups = [g for typ, g in ents if typ == "ORG"]
    coref.anaphora(text, t, co, org_groups, occupied, opaque, opens)
    coref.self_reference(text, t, rules, co, doc.level_home, org_groups, occupied)
    per, titles = _people(text, t, people, occupied)
    loc = _place_groups(text, doc.places, occupied)
    typed = [*ents, *(("PER", g) for g in per.values()), *(("LOC", g) for g in loc.values())]
    return _entities(text, t, doc_id, rules, typed, titles, chrome)


class _DocPlaces:
    """The document's places as names are compared with them: ``places`` (an autonomous place
    in its short form, ``short``), the home place written for each level character
    (``level_home``: ``区`` → ``梁平区``; ``区法院`` stands for the home district's court only when
    that district is a 区, not a 县; a place written as a destination, constructions.yaml
    ``home.destination``: 前往某某市, counts for no home; ``visiting``) and the chain of places opening
    a name (``prefix_end``)."""

    def __init__(self, text: str, rules: Rules, places: list[PlaceMention]):
        self.rules = rules
        self._auto_rx = getattr(rules, "autonomous_any_re", None)
        self._auto_suffixes = tuple(getattr(rules, "autonomous_short", {}))
        self.places = [p if self.short(p.name) == p.name
                       else PlaceMention(p.start, p.end, self.short(p.name), p.stem, p.level) for p in places]
        dest = tuple(getattr(rules, "home_destination", ()))
        gone = {p.start for p in self.places if dest and text.endswith(dest, 0, p.start)}
        self._dest, self._text = dest, text
        self._end_chars = "".join(c for c in getattr(rules, "sentence_end", ()) if len(c) == 1)
        self._ends: list[int] | None = None             # the sentence ends, found by the first visiting()
        self._visits: dict[tuple[int, str], bool] = {}
        home = home_places([p for p in self.places if p.start not in gone],
                           getattr(rules, "place_name_full", {}), getattr(rules, "home_anchor", None),
                           getattr(rules, "home_above", ()))
        written: dict[str, str] = {}                    # home names as the document writes them
        for p in self.places:
            written.setdefault(p.name, text[p.start:p.end])
        self.level_home = {ch: written.get(home[lv], home[lv]) for ch, lv in rules.level_chars.items()
                           if home.get(lv) is not None and home[lv].endswith(ch)}
        names = sorted({p.name for p in self.places} | {p.stem for p in self.places}, key=len, reverse=True)
        self._doc_rx = re.compile("|".join(map(re.escape, names))) if names else None
        self._list_rx = getattr(rules, "place_names_re", None)

    def visiting(self, k: int, place: str) -> bool:
        """The sentence around ``k`` has its people travel to ``place`` (constructions.yaml
        ``home.destination``: 市人大常委会一行赴某某市): a level short form written there is the
        body of the place they come from, not of ``place``."""
        if not self._dest:
            return False
        if self._ends is None:
            self._ends = [m.start() for m in char_class(self._end_chars).finditer(self._text)]
        j = bisect_left(self._ends, k)                  # the sentence: one search of it per place
        a = self._ends[j - 1] + 1 if j > 0 else 0
        key = (a, place)
        if key not in self._visits:
            b = self._ends[j] if j < len(self._ends) else len(self._text)
            self._visits[key] = any(self._text.find(v + place, a, b) >= 0 for v in self._dest)
        return self._visits[key]

    def short(self, s: str) -> str:
        """石柱土家族自治县 → 石柱县: the short form names are compared in."""
        if self._auto_rx is None or not any(x in s for x in self._auto_suffixes):
            return s
        return self._auto_rx.sub(lambda m: self.rules.autonomous_short[m.group("suffix")], s)

    def prefix_end(self, s: str) -> int:
        """End of the chain of places (this document's and the known names) at the start of ``s``."""
        p = 0
        while p < len(s):
            m = (self._doc_rx.match(s, p) if self._doc_rx is not None else None) or \
                (self._list_rx.match(s, p) if self._list_rx else None)
            if m is None or m.end() == p:
                break
            p = m.end()
        return p

    def is_chain(self, s: str) -> bool:
        """True when ``s`` is nothing but places."""
        return bool(s) and self.prefix_end(s) == len(s)


class _HeadKeys:
    """Comparison key of an organisation name: ``norm``-ed, its places short, a final alternate
    or synonymous head replaced by its primary (``renames``: orgs.yaml head synonyms and the
    alternate heads this document writes, ``区工商联(总商会)``); the longest head ending the name
    is the one replaced (市府 → 市政府, but 乡政府 stays)."""

    def __init__(self, rules: Rules, doc: _DocPlaces, orgs: list[OrgMention]):
        alt_of = {o.alt: o.head for o in orgs if o.alt}      # alternate heads learnt: alt -> primary
        self.rules, self.doc = rules, doc
        self.renames = {**{norm(h): norm(p) for h, p in rules.head_synonyms.items()},
                        **{norm(h): norm(p) for h, p in alt_of.items() if h != p}}
        self._lengths = _head_lengths(rules, self.renames)
        self._cache: dict[str, str] = {}

    def __call__(self, full: str) -> str:
        key = self._cache.get(full)
        if key is None:
            key = self._cache[full] = self._key(full)
        return key

    def _key(self, full: str) -> str:
        key = self.doc.short(norm(full))
        for L in self._lengths:
            if L > len(key):
                continue
            h = key[-L:]
            if h in self.rules.heads or h in self.renames:
                return key[:-L] + self.renames[h] if h in self.renames else key
        return key


def _org_groups(text: str, t: str, rules: Rules, orgs: list[OrgMention], level_home: dict[str, str],
                head_key: _HeadKeys, visiting=None) -> tuple[dict[str, _Group], set[str], set[str]]:
    """Organisation mentions grouped by the comparison key of their full name, and the keys of
    names written without a place (``bare``). A level character alone stands for the home place
    of that level (``区法院``); a short reference (``市局``) is the bureau of that level named last
    before it, and no organisation when none is; one in a sentence where its people travel to the
    home place (``visiting``: 市人大…赴某某市) stays as written, a body of no place of the document
    (its key among the returned ``visitors``, merged with no other group)."""
    groups: dict[str, _Group] = {}
    bare_keys: set[str] = set()
    visitors: set[str] = set()
    short_refs: frozenset[str] = getattr(rules, "short_refs", frozenset())
    last_of_unit: dict[tuple[str | None, str], str] = {}    # (level, head) -> last full name
    for o in orgs:
        end = o.alt_end or o.end
        surface = text[o.start:end]
        if o.level and end - o.start > 1 and t[o.start + 1:end] in short_refs:
            full = last_of_unit.get((o.unit, t[o.start + 1:end]))   # 市局: the city bureau named last
            if full is None:
                continue
        elif o.name is not None:
            full = o.name
        else:
            full = _relative_full(text, o, end, level_home, visiting)
            if full is None:                           # 市人大…赴某某市: the visitors' own body
                full = surface
                visitors.add(head_key(full))
        head = rules.heads.get(o.head)
        if o.unit is not None and head is not None and not head.branch:   # 某市某局某分局 is no 市局
            for h in short_refs:
                if full.endswith(h):
                    last_of_unit[(o.unit, h)] = full
        session_rx = getattr(rules, "session", None)
        session = session_rx.search(full) if session_rx is not None else None
        if session is not None and session.end() < len(full):
            full_bare = full[:session.start()] + full[session.end():]   # 某区十七届人大 → 某区人大
            key = head_key(full_bare)
        else:
            full_bare, key = None, head_key(full)
        g = groups.setdefault(key, _Group(key))
        g.fulls.append(full)
        if full_bare is not None:
            g.fulls.append(full_bare)
        g.surfaces.append(surface)
        if o.end != end:
            g.surfaces.append(text[o.start:o.end])
        g.aliases += o.aliases
        if o.how in _SPREAD and end - o.start >= 3:   # a name read by the model or a construction: every
            g.aliases.append(surface)                 # free occurrence of it is a mention too
        g.spans.append((o.start, o.end))
        g.company = g.company or (head is not None and head.trade_name)
        if o.entry is not None:
            g.named_by(o.entry, full)
        if not o.has_place and not o.level:
            bare_keys.add(key)
    return groups, bare_keys, visitors


def _relative_full(text: str, o: OrgMention, end: int, level_home: dict[str, str], visiting) -> str | None:
    """The full name of ``o`` (ending at ``end``): a level character alone stands for the home
    place of that level (区法院 → 梁平区法院); ``None`` when the sentence has its people travel to
    that place (``visiting``); the text as written otherwise."""
    home = level_home.get(o.level) if o.level else None
    if home is None:
        return text[o.start:end]
    if visiting is not None and visiting(o.start, home):
        return None
    return home + text[o.start + 1:end]


_SPREAD = frozenset({"model", "enumerated", "latin", "named", "media", "lexicon"})
"""Sources whose names are found where one reading says so (``combine``): written again elsewhere
in the document, the same name is a mention there too (names of three characters or more)."""


def _acting_groups(text: str, acting: list[PlaceMention], groups: dict[str, _Group]) -> set[str]:
    """Places acting as a party added to ``groups`` under their place name; returns their keys."""
    acting_keys: set[str] = set()
    for p in acting:
        g = groups.setdefault(norm(p.name), _Group(norm(p.name)))
        g.fulls.append(text[p.start:p.end])
        g.surfaces.append(text[p.start:p.end])
        g.spans.append((p.start, p.end))
        acting_keys.add(g.key)
    return acting_keys


class _UnionFind:
    """Groups being merged: ``find`` gives a key's representative, ``union`` puts ``short`` in
    ``long``'s set."""

    def __init__(self, keys: Iterable[str], fixed: Iterable[str] = ()):
        self.parent: dict[str, str] = {k: k for k in keys}
        self.fixed = frozenset(fixed)                  # keys that join no other set

    def __contains__(self, k: str) -> bool:
        return k in self.parent

    def find(self, k: str) -> str:
        parent = self.parent
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(self, short: str, long: str) -> None:
        a, b = self.find(short), self.find(long)
        if a != b and a not in self.fixed and b not in self.fixed:
            self.parent[a] = b


def _merge_groups(groups: dict[str, _Group], bare_keys: set[str], acting_keys: set[str], doc: _DocPlaces,
                  renames: dict[str, str], rules: Rules, government_heads: tuple[str, ...],
                  visitors: set[str] = frozenset()) -> dict[str, _Group]:  # type: ignore[assignment]
    """The groups of one body merged (the rules of the module docstring: stem for place, place
    chain, abbreviation, company short form, acting place), each under its representative key;
    then a group whose defined short name is another group's key absorbs that group. The groups
    of ``visitors`` (``_org_groups``) merge with none."""
    uf = _UnionFind(groups, visitors)
    keys = sorted(groups, key=len, reverse=True)
    by_tail = _ending_with(keys)
    _merge_stem_for_place(keys, groups, doc, uf, by_tail)
    for k in keys:                                     # place chain in front
        for K in by_tail.get(k, ()) if len(k) > 1 else ():
            if doc.is_chain(K[:-len(k)]):
                uf.union(k, K)
                break
    place_strip = _place_strip(keys, doc, rules)
    _merge_abbreviations(keys, groups, bare_keys, by_tail, place_strip, doc, rules, uf)
    _short_forms(keys, groups, place_strip, renames, rules, uf.find, uf.union)
    _trade_names(keys, groups, place_strip, rules, uf.find, uf.union)
    _merge_entries(keys, groups, uf)
    for k in acting_keys:                              # acting place = its government (coref.yaml)
        for h in government_heads:
            if k + norm(h) in groups:
                uf.union(k, k + norm(h))
                break
    merged: dict[str, _Group] = {}
    for k in keys:
        root = uf.find(k)
        if root not in merged:
            merged[root] = _Group(root)
        merged[root].absorb(groups[k])
    for g in list(merged.values()):   # a defined short name found by the rules on its own is the defining body
        for a in dict.fromkeys(g.aliases):
            other = merged.get(uf.find(norm(a))) if norm(a) in uf else None
            if other is not None and other is not g:
                g.absorb(other)
                del merged[other.key]
    return merged


def _merge_entries(keys: list[str], groups: dict[str, _Group], uf: _UnionFind) -> None:
    """One lexicon entry, one body: 中联重科 = 中联重科股份有限公司 (the entry's stem and full name)."""
    by_entry: dict = {}
    for k in keys:
        for entry in groups[k].entries:
            if entry in by_entry:
                uf.union(k, by_entry[entry])
            else:
                by_entry[entry] = k


def _ending_with(keys: list[str]) -> dict[str, list[str]]:
    """Each proper ending of a key -> the longer keys ending so, in ``keys`` order (longest
    first): a name's longer forms are looked up, not searched for among every key (quadratic in
    the names of a document naming thousands of bodies). Names are short (a name is at most
    ``max_name`` characters and its head), so the index is linear in the keys."""
    out: dict[str, list[str]] = defaultdict(list)
    for K in keys:
        for i in range(1, len(K)):
            out[K[i:]].append(K)
    return out


def _merge_stem_for_place(keys: list[str], groups: dict[str, _Group], doc: _DocPlaces, uf: _UnionFind,
                          by_tail: dict[str, list[str]]) -> None:
    """北塘法院 = 北塘区(人民)法院: a name opening with the stem of a place of the document is the
    body named with the place in full (a longer name ending so, after places, too)."""
    stem_full: dict[str, str] = {}                     # 北塘 → 北塘区 (this document's places)
    for p in doc.places:
        if p.level and len(p.stem) >= 2:
            stem_full.setdefault(norm(p.stem), norm(p.name))
    for k in keys:
        for L in range(min(len(k) - 1, 4), 1, -1):
            full = stem_full.get(k[:L])
            if full is not None and not k.startswith(full):
                longer = full + k[L:]
                target = longer if longer in groups else next(
                    (K for K in by_tail.get(longer, ()) if doc.is_chain(K[:-len(longer)])), None)
                if target is not None:
                    uf.union(k, target)
                break


def _place_strip(keys: list[str], doc: _DocPlaces, rules: Rules) -> dict[str, str]:
    """Each key after its place chain and a government it belongs to (某市政府经济发展局 →
    经济发展局): the part an abbreviation (经发局) is compared with."""
    dept_parents = sorted((norm(h) for h in getattr(rules, "department_parents", ())), key=len, reverse=True)

    def strip(K: str) -> str:
        core = K[doc.prefix_end(K):]
        if core != K:
            for h in dept_parents:
                if core.startswith(h) and len(core) > len(h) + 1:
                    return core[len(h):]
        return core

    return {K: strip(K) for K in keys}


def _merge_abbreviations(keys: list[str], groups: dict[str, _Group], bare_keys: set[str],
                         by_tail: dict[str, list[str]], place_strip: dict[str, str], doc: _DocPlaces,
                         rules: Rules, uf: _UnionFind) -> None:
    """A name is the body whose name it abbreviates (``_abbrev``), placed the same way; a name
    without place (``bare_keys``) may also be a department of the document's one party committee,
    the tail of exactly one longer name, or a body of the one place of the type it starts with
    (``_bare_target``). Companies define their short names and are left out."""
    placed: dict[tuple[str, str], list[str]] = defaultdict(list)   # (first, last char) -> names
    for K in keys:
        core = place_strip[K]
        if core != K and core:
            placed[(core[0], core[-1])].append(K)
    loc_by_suffix: dict[str, list[str]] = defaultdict(list)   # place suffix -> the places with it
    for loc in dict.fromkeys(p.name for p in doc.places if p.level):
        for suf in rules.place_suffix_level:
            if len(suf) > 1 and loc.endswith(suf) and loc != suf:
                loc_by_suffix[suf].append(loc)
    attached: list[str] = []                          # keys a department alone may belong to
    if any(k in rules.attached_heads for k in keys):
        attached = [K for K in keys for p in rules.attached_parents if K.endswith(p) and doc.is_chain(K[:-len(p)])]
    for k in keys:
        if uf.find(k) != k or groups[k].company:
            continue
        if k not in bare_keys:                         # 某县市场监管局 = 某县市场监督管理局
            core = place_strip[k]
            if core and core != k:
                cands = {uf.find(K) for K in placed.get((core[0], core[-1]), ())
                         if K != k and K[:len(K) - len(place_strip[K])] == k[:len(k) - len(core)]
                         and _abbrev(core, place_strip[K])}
                if len(cands) == 1:
                    uf.union(k, cands.pop())
            continue
        cands = {uf.find(K) for K in placed.get((k[0], k[-1]), ()) if K != k and _abbrev(k, place_strip[K])}
        if len(cands) == 1:
            uf.union(k, cands.pop())
            continue
        target = _bare_target(k, attached, groups, by_tail, loc_by_suffix, rules, uf)
        if target is not None:
            uf.union(k, target)


def _bare_target(k: str, attached: list[str], groups: dict[str, _Group], by_tail: dict[str, list[str]],
                 loc_by_suffix: dict[str, list[str]], rules: Rules, uf: _UnionFind) -> str | None:
    """The group a name without place belongs to, else ``None``: a department alone belongs to
    the document's one party committee (统战部 → 某县委统战部), a name is the tail of exactly one
    longer name (统战部 of 重庆市委统战部), a name starting with a place type (工业园区管委会) belongs
    to the one place of that type. When the full name it stands for is no group, it is added to
    the group's full names instead (and ``None`` returned)."""
    if k in rules.attached_heads:
        parents = {uf.find(K) for K in attached}
        if len(parents) == 1:
            full = parents.pop() + k
            if full in groups:
                return uf.find(full)
            groups[k].fulls.append(full)
            return None
    cands = {uf.find(K) for K in by_tail.get(k, ())}
    if len(k) >= 3 and len(cands) == 1:
        return cands.pop()
    # a one-character type is a level character, whose short forms (区法院) are resolved above,
    # and which otherwise starts a word (市场监管局 is no 市 + 场监管局)
    sufs = [suf for suf in rules.place_suffix_level if len(suf) > 1 and k.startswith(suf)]
    expansions = {(loc, suf) for suf in sufs for loc in loc_by_suffix.get(suf, ())}
    if len({loc for loc, _ in expansions}) == 1:
        loc, suf = max(expansions, key=lambda x: len(x[1]))
        full = loc + k[len(suf):]
        target = groups.get(norm(full))
        if target is not None:
            return target.key
        groups[k].fulls.append(full)
    return None


def _with_gazetteer(text: str, gaz_hits: list[tuple[int, int, GazetteerEntry]], gazetteer: Gazetteer | None,
                    merged: dict[str, _Group]) -> list[tuple[str, _Group]]:
    """``(type, group)`` of every organisation: the gazetteer's names found in the text first
    (a group one of whose names the gazetteer lists joins that entry), then the other groups."""
    gaz_groups: dict[str, _Group] = {}
    for s, e, entry in gaz_hits:
        g = gaz_groups.setdefault(entry.name, _Group(norm(entry.name)))
        g.gaz = entry
        g.fulls.append(entry.name)
        g.surfaces.append(text[s:e])
        g.spans.append((s, e))
    if gazetteer is not None:
        for g in list(merged.values()):
            hit = next((gazetteer.lookup[n] for n in g.surfaces + g.fulls if n in gazetteer.lookup), None)
            if hit is not None and hit.type == "ORG":
                tgt = gaz_groups.setdefault(hit.name, _Group(norm(hit.name)))
                tgt.gaz = hit
                tgt.fulls.append(hit.name)
                tgt.absorb(g)
                del merged[g.key]
    return [(g.gaz.type, g) for g in gaz_groups.values() if g.gaz is not None] + [("ORG", g) for g in merged.values()]


def _spread_aliases(text: str, t: str, rules: Rules, co: coref.MentionRules, ents: list[tuple[str, _Group]],
                    blocked: bytearray | None) -> tuple[bytearray, bytearray, coref.Opening]:
    """Every later occurrence of a defined short name is a mention of its body (a generic word
    defined so, ``以下简称“公司”``, only where it opens a phrase, outside opaque spans). Returns the
    masks of what is taken (``occupied``: time expressions and mentions) and of the opaque spans
    (titles of works), and the ``coref.Opening`` test of the text."""
    _drop_fragments_of_aliases(t, ents)
    occupied = bytearray(len(t))
    if blocked is not None:                            # time expressions (not gazetteer hits)
        occupied[:] = blocked
    for _, g in ents:
        for s, e in g.spans:
            occupied[s:e] = b"\x01" * (e - s)
    opaque = bytearray(len(t))
    for rx in getattr(rules, "opaque", ()):
        for m in rx.finditer(t):
            opaque[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    opens = coref.Opening(t, rules, co)
    for _, g in ents:
        for a in dict.fromkeys(g.aliases):
            generic = a in rules.heads                 # 以下简称“公司”: only where a phrase opens
            k = t.find(fold(a))
            while k >= 0:
                e = k + len(a)
                if not any(occupied[k:e]) and not (generic and (any(opaque[k:e]) or not opens(k, e, True))):
                    g.spans.append((k, e))
                    g.surfaces.append(text[k:e])
                    occupied[k:e] = b"\x01" * (e - k)
                k = t.find(fold(a), k + 1)
    return occupied, opaque, opens


def _drop_fragments_of_aliases(t: str, ents: list[tuple[str, _Group]]) -> None:
    """A mention starting inside an occurrence of another body's alias (the model's 高科 of a defined
    short name 某某高科; not a parent named at its start) is a fragment of that alias, not a body: it
    leaves its group, and a
    group left without mentions leaves ``ents`` (changed in place).  Only organisations named by
    nothing but such short words (four code points at most, no lexicon entry, no gazetteer name)."""
    cover = [0] * (len(t) + 1)                         # per position: the end of the longest alias
    start = [0] * (len(t) + 1)                         # occurrence over it, and that occurrence's start
    for _, g in ents:
        for a in dict.fromkeys(g.aliases):
            fa = fold(a)
            q = t.find(fa) if len(fa) >= 3 else -1
            while q >= 0:
                for p in range(q, q + len(fa)):
                    if q + len(fa) - q > cover[p] - start[p]:
                        cover[p], start[p] = q + len(fa), q
                q = t.find(fa, q + 1)
    keep = []
    for typ, g in ents:
        if typ == "ORG" and g.gaz is None and not g.entries and all(len(f) <= 4 for f in g.fulls):
            g.spans = [(s, e) for s, e in g.spans if not (e <= cover[s] and start[s] < s)]
            if not g.spans:
                continue
        keep.append((typ, g))
    ents[:] = keep


def _people(text: str, t: str, people: list[PersonMention],
            occupied: bytearray) -> tuple[dict[str, _Group], dict[str, list[str]]]:
    """People grouped by name (every free occurrence of a name found is a mention), and the
    titles written with each (as written, full-width brackets kept); their mentions become taken."""
    per: dict[str, _Group] = {}
    written: dict[str, dict[str, None]] = defaultdict(dict)   # titles in first-written order
    for pm in people:
        g = per.setdefault(pm.name, _Group(pm.name))
        g.fulls.append(text[pm.start:pm.end])
        g.surfaces.append(text[pm.start:pm.end])
        g.spans.append((pm.start, pm.end))
        for a, b in pm.titles:
            written[pm.name].setdefault(text[a:b])
    titles = {name: list(ts) for name, ts in written.items()}
    for name, g in per.items():
        have = set(g.spans)                           # a set: a list lookup a hit is quadratic
        k = t.find(name)
        while k >= 0:
            e = k + len(name)
            if not any(occupied[k:e]) and (k, e) not in have:
                g.spans.append((k, e))
                g.surfaces.append(text[k:e])
                have.add((k, e))
            k = t.find(name, k + 1)
    for g in per.values():
        for s, e in g.spans:
            occupied[s:e] = b"\x01" * (e - s)
    return per, titles


def _place_groups(text: str, places: list[PlaceMention], occupied: bytearray) -> dict[str, _Group]:
    """Places not inside another name, grouped by full name (a bare stem counts for the suffixed
    name the document writes most)."""
    stem_count: dict[str, Counter] = defaultdict(Counter)
    for p in places:
        if p.level:
            stem_count[p.stem][p.name] += 1
    full_by_stem = {stem: c.most_common(1)[0][0] for stem, c in stem_count.items()}
    loc: dict[str, _Group] = {}
    for p in places:
        if any(occupied[p.start:p.end]):
            continue
        name = p.name if p.level else full_by_stem.get(p.stem, p.name)
        g = loc.setdefault(name, _Group(name))
        g.fulls.append(name)
        g.surfaces.append(text[p.start:p.end])
        g.spans.append((p.start, p.end))
    return loc


def _entities(text: str, t: str, doc_id: str, rules: Rules, typed: list[tuple[str, _Group]],
              titles: dict[str, list[str]], chrome: list[tuple[int, int]]) -> list[Entity]:
    """One ``Entity`` a group having mentions, in order of first mention, numbered per type: its
    canonical name (the gazetteer's, else ``_canonical``), the other forms as aliases, a
    person's ``titles``, ``chrome`` when every mention lies on a chrome line; a lexicon entry's
    names (``lexicon`` and aliases) only when the canonical name opens with a form the entry was
    found as (a district's 发展和改革委员会 written again 发改委 takes no national body's names)."""
    typed = sorted(((typ, g) for typ, g in typed if g.spans), key=lambda x: min(x[1].spans))
    counters: Counter = Counter()
    prefix = {"ORG": "o", "PER": "p", "LOC": "l"}
    chrome_at = bytearray(len(t) + 1)                 # 1 inside a chrome line
    for a, b in chrome:
        chrome_at[a:b] = b"\x01" * (b - a)
    out: list[Entity] = []
    for typ, g in typed:
        counters[typ] += 1
        name = g.gaz.name if g.gaz is not None else _canonical(g)
        spans = sorted(set(g.spans))
        attrs: dict = {}
        if typ == "PER" and titles.get(g.key):
            attrs["titles"] = titles[g.key]
        if chrome and spans and all(0 not in chrome_at[s:e] for s, e in spans):
            attrs["chrome"] = True
        if g.gaz is None:                              # a list names the body it was found as, not one
            g.entries = [entry for entry in g.entries    # written more fully (某区发展和改革委员会 of 发改委)
                         if any(name.startswith(f) for f in g.entry_fulls.get(entry, ()))]
        if g.entries:
            attrs["lexicon"] = [entry.source for entry in g.entries]
        out.append(Entity(f"{prefix[typ]}{counters[typ]}", typ, name, _aliases(g, name, rules),
                          [Mention(doc_id, s, e, text[s:e]) for s, e in spans], attrs))
    return out


def _aliases(g: _Group, name: str, rules: Rules) -> list[str]:
    """Every other form of the group's name, in order: as written, full, defined, the gazetteer's;
    a name with a bracketed head (梁商投资(集团)公司) is also written without brackets."""
    variants = list(g.surfaces) + list(g.fulls) + list(g.aliases)
    for entry in g.entries:                            # the names a lexicon gives it
        variants += [entry.name, *entry.aliases]
    if g.gaz is not None:
        variants += list(g.gaz.aliases)
    for inner in (_bracketed(name) if "(" in name or "（" in name else ()):
        if inner in rules.heads:
            variants.append(name.replace(inner, "\0").translate(_NO_BRACKETS).replace("\0", inner))
    aliases: list[str] = []
    for a in variants:
        if a and a != name and a not in aliases:
            aliases.append(a)
    return aliases


_NO_BRACKETS = {ord(c): None for c in "()（）"}


def _short_forms(keys: list[str], groups: dict[str, _Group], place_strip: dict[str, str],
                 renames: dict[str, str], rules: Rules, find, union) -> None:
    """A company's short form is the same company (orgs.yaml ``short_forms``).

    The short form is the full name's distinctive stem (its first ``stem_min``–``stem_max``
    characters after the place chain) followed by one of the short heads, which the full name
    holds itself, only followed by heads (恒拓集团 of 恒拓控股集团有限公司, 东港农商行 of
    东港农村商业银行股份有限公司: head synonyms compared), or which ends its last head (恒拓公司 of
    恒拓科技有限公司).  A place written before the short form must be the full name's (or its
    stem).  Merged only when exactly one full name of the document fits.
    """
    lo, hi = getattr(rules, "short_form_stem", (0, 0))
    short_heads = {renames.get(norm(h), norm(h)) for h in getattr(rules, "short_form_heads", ())}
    if not hi or not short_heads:
        return
    heads = frozenset(norm(h) for h in rules.heads) | frozenset(renames.values())
    by_stem: dict[str, list[str]] = defaultdict(list)
    for K in keys:
        core = place_strip[K]
        if groups[K].company:
            for L in range(lo, min(hi, len(core) - 1) + 1):
                by_stem[core[:L]].append(K)
    for k in keys:
        core = place_strip[k]
        if not groups[k].company:
            continue
        for L in range(lo, min(hi, len(core) - 1) + 1):
            stem, head = core[:L], core[L:]
            if head not in short_heads:
                continue
            prefix = k[:len(k) - len(core)]
            cands = set()
            for K in by_stem.get(stem, ()):
                rest = place_strip[K][L:]
                kprefix = K[:len(K) - len(place_strip[K])]
                if len(rest) <= len(head) or find(K) == find(k):
                    continue
                if prefix and not (kprefix.endswith(prefix) or kprefix.startswith(prefix)):
                    continue
                j = rest.find(head)
                while j >= 0 and not _covers(rest[j + len(head):], heads):
                    j = rest.find(head, j + 1)
                if j >= 0:
                    cands.add(find(K))
            if len(cands) == 1:
                union(k, cands.pop())
                break


def _trade_names(keys: list[str], groups: dict[str, _Group], place_strip: dict[str, str], rules: Rules,
                 find, union) -> None:
    """A company written by its trade name alone (协鑫光伏, 某某电气绿能科技: three characters or
    more, two at least after its place chain, no head) is the company of the document whose
    name, after its place chain, is that trade name followed only by industry words (generic.yaml
    ``industry``), a bracketed place and heads (苏州协鑫光伏科技有限公司, 某某电气绿能科技（苏州）
    有限公司). Merged only when exactly one company fits."""
    heads = frozenset(norm(h) for h in rules.heads)
    longest = max(map(len, heads), default=0)
    by_prefix: dict[str, set[str]] = defaultdict(set)   # every prefix (3+) of a company's name and core
    for K in keys:
        if groups[K].company:
            for name in {K, place_strip[K]}:
                for L in range(3, len(name)):
                    by_prefix[name[:L]].add(K)
    for k in keys:
        if groups[k].company or len(k) < 3 or len(place_strip[k]) < 2 \
                or any(k[-L:] in heads for L in range(1, min(longest, len(k)) + 1)):
            continue                                   # a company's name, a place, a body's head
        cands = set()
        for K in by_prefix.get(k, ()):
            if find(K) == find(k):
                continue
            if K.startswith(k):                        # the same place, or none, before both
                rest = K[len(k):]
            elif k == place_strip[k] and place_strip[K].startswith(k):
                rest = place_strip[K][len(k):]         # the full name's place left out
            else:
                continue
            words = heads | rules.industry | {norm(b) for f in groups[K].fulls for b in _bracketed(f)}
            if rest and _covers(rest, words):
                cands.add(find(K))
        if len(cands) == 1:
            union(k, cands.pop())


def _bracketed(name: str) -> list[str]:
    import re

    return re.findall(r"[(（]([^()（）]+)[)）]", name)


def _canonical(g: _Group) -> str:
    """The fullest form: longest comparison key, ties to the form written most often."""
    written = Counter(g.surfaces)
    return max(g.fulls, key=lambda f: (len(norm(f)), written.get(f, 0), f in written))


def _abbrev(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``: same first and last character (the head's), at least
    three characters, and a subsequence of it (市场监管局 of 市场监督管理局)."""
    if len(short) >= len(long) or len(short) < 3 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(c in it for c in short)


__all__ = ["build", "home_places", "norm"]
