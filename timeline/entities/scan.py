"""Find mentions of places, organisations and people in one text, from a language's tables.

All positions are half-open code-point offsets into the text given to ``Scanner`` (which must be
``fold``-ed: full-width forms folded to half width, same length as the document text). Nothing
here names a language: every word, suffix and construction comes from ``Rules``.

Construction of an organisation name (see ``resources/<lang>/entities/orgs.yaml``):
``[place chain | level character] core HEAD [HEAD …] [(alternate head)]``, read leftwards from the
head until a boundary. Results are plain records (``PlaceMention``, ``OrgMention``,
``PersonMention``) that ``resolve`` turns into ``model.Entity`` objects.

Left boundary of a name: a non-name character, or a word of boundaries.yaml ``words`` ending there
(verbs, prepositions and role nouns that never start a name: 引进, 转入, 原告, 被告 …), unless a
longer word runs across that point (批准: 批 is no boundary inside it; 对接 of 诉调对接中心) or the
point is inside a place (新建 of 南昌市新建区). A candidate that still holds a verb the tables miss
starts at the first place chain inside it; one without a place is read again after a soft word
(建设冷链仓储中心 → 冷链仓储中心) when that leaves a valid name.  A count phrase (一家, 第一笔: numerals
and a measure word of boundaries.yaml; an amount, 5亿元, with an ``amount_units`` unit) ends what
is before it, also when it starts before the name's first character (5亿元兴建新厂); an adverb and
a verb (boundaries.yaml ``adverb_verbs``: 共检查, 累计走访) are a boundary word; a preposition (据, 经) is dropped
before a place or a level character; a core that is only a verb (促进局) is no name; a person named
elsewhere in the document starts no name (``Scanner.split_people``).

Heads carry behaviours from orgs.yaml: ``place_only`` (政府: only a place before it), ``place_led``
(党工委: a place must start the name, a field may follow it), ``branch`` (支行: read on through the
parent's head), ``needs_parent`` (店: only as a branch of a named chain), ``standalone`` (发改委).
A sub-body (``sub_bodies``: 党委, 办公室) also names the complete organisation written before it
(某县农商银行党委 → 某县农商银行), and two ``coordinated_heads`` side by side name two bodies
(某镇党委政府 → 某镇党委, 某镇政府).  When a long head leaves a one-character core (台 + 商协会), the
name is read again with its shorter head (台商 + 协会); a weak word (和) inside a placed name is
read across (某县非公经济组织和社会组织党工委) only when both conjuncts are fields of two or more
characters that are not generic words (各市州和行业商会 is a generic coordination: no name).  A trade
head, a line of business and a legal form (某超市连锁有限公司) are one company, so a branch store
after it (某超市连锁有限公司湖滨店) is one name.

Why one module of about 1,100 lines: it is one class, ``Scanner``, whose methods all read the same
per-text indexes (boundaries, heads, places found) built once in ``__init__``; the readings it
gives (places, organisations, enumerations, parties, people) depend on each other's results, so
split into mixins they would share every attribute without a clearer door.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .rules import Rules


@dataclass(slots=True)
class PlaceMention:
    """A place: ``name`` as written (``梁平区``; ``梁平`` for a bare known stem), its ``stem`` and
    ``level`` (``district``, ``city`` … of places.yaml; ``None`` for a bare name)."""

    start: int
    end: int
    name: str
    stem: str
    level: str | None


@dataclass(slots=True)
class OrgMention:
    """An organisation mention.

    ``start``/``end``: the span written; ``core_start``: where the name proper starts after a
    place chain or level character; ``level``: the level character (``区`` of ``区法院``) or
    ``None``; ``head``: the last head word; ``alt``: another head given in brackets right after
    (``总商会`` of ``区工商联(总商会)``), ``alt_end`` the end without that bracket; ``name``: the
    name this mention stands for when it differs from its text (an item of an elliptical
    coordination); ``aliases``: short names it defines; ``how``: the construction that found it;
    ``head_start``: where its head chain starts; ``unit``: the places.yaml level of the place (or
    level character) the name starts with (``city`` for 某市市场监管局 and 市局), else ``None``;
    ``entry``: the lexicon entry it is a name of (``combine``), else ``None``.
    """

    start: int
    end: int
    core_start: int
    head: str
    level: str | None = None
    alt: str | None = None
    alt_end: int | None = None
    name: str | None = None
    aliases: list[str] = field(default_factory=list)
    how: str = "head"
    has_place: bool = False
    head_start: int = -1
    unit: str | None = None
    entry: Any = None


@dataclass(slots=True)
class PersonMention:
    """A person's name with the spans of the titles written next to it (``区委常委``,
    ``工业园区管委会主任``), in text order."""

    start: int
    end: int
    name: str
    titles: list[tuple[int, int]] = field(default_factory=list)


class Scanner:
    """Scan one folded text. ``blocked`` marks code points never part of a name (time
    expressions, titles of works, gazetteer matches)."""

    def __init__(self, rules: Rules, text: str, blocked: bytearray):
        self.r = rules
        self.t = text
        self.n = len(text)
        self.blocked = blocked
        # non-zero where a name character stands and nothing blocks it: non-name characters become
        # NUL, every other character a non-zero byte (latin-1 with "?" for the rest)
        ok = bytearray(rules.non_name_re.sub(lambda m: "\0" * len(m.group()), text).encode("latin-1", "replace"))
        if 1 in blocked:
            for m in re.finditer(b"[^\x00]+", bytes(blocked)):
                ok[m.start():m.end()] = bytes(m.end() - m.start())
        self._ok = ok
        self._conn_last = rules.connector_last
        self._org_ends: dict[int, int] = {}
        self._chain_cache: dict[tuple[int, int], list[str]] = {}
        self._head_end_at: dict[int, int] = {}
        self._head_ends: set[int] = set()
        self._boundary_last = rules.boundary_last
        self._place_ends: set[int] = set()
        self._weak: dict[int, int] = {}
        self._place_start: set[int] = set()
        self._weak_suffixed: dict[int, int] = {}
        self._weak_start_by_end: dict[int, int] = {}
        self._in_place = bytearray(self.n + 1)          # inside a place mention (set by orgs)
        self._bw_memo: dict[int, int] = {}
        self._place_at: dict[int, PlaceMention] = {}
        self._trailer_memo: dict[int, tuple] = {}
        self._count_len: dict[int, int] = {}              # end of a count phrase -> its length
        for cm in rules.count_re.finditer(text):
            a = cm.start()
            self._count_len[cm.end()] = cm.end() - a + (a > 0 and text[a - 1] in rules.ordinal_prefixes)
        self._count_ends = sorted(self._count_len)
        self.latin_taken: set[int] = set()      # names the word engine reads in Latin script


    # ------------------------------------------------------------------ helpers
    def name_char(self, i: int) -> bool:
        return 0 <= i < self.n and self._ok[i] != 0

    def boundary_before(self, i: int) -> bool:
        """True when a name may start at ``i``: text start, a non-name character, or a
        boundary word ending at ``i``."""
        if i <= 0 or not self.name_char(i - 1):
            return True
        return self.boundary_word_at(i) > 0

    def boundary_word_at(self, i: int) -> int:
        """Length of the longest boundary word ending at ``i`` (0 if none)."""
        t = self.t
        if i <= 0 or t[i - 1] not in self._boundary_last:
            return 0
        got = self._bw_memo.get(i)
        if got is None:
            got, words = 0, self.r.boundary_words
            for L in range(min(self.r.boundary_max, i), 0, -1):
                if t[i - L:i] in words:
                    got = 0 if (L == 1 and self._straddled(i)) or (L > 1 and self._held(i, L)) else L
                    break
            self._bw_memo[i] = got
        return got

    def _held(self, i: int, L: int) -> bool:
        """An ordinary word of boundaries.yaml ``inside_words`` holds the boundary word ``t[i-L:i]``
        and runs past ``i`` (希望 of 希望小学: a word inside a name, no verb before it), or starts
        before it (共服务 of 公共服务: adverb and verb of adverb_verbs inside a noun)."""
        rx = self.r.inside_re
        if rx is None:
            return False
        for a in range(max(0, i - self.r.word_max + 1), i - L + 1):
            m = rx.match(self.t, a)
            if m is not None and (m.end() > i or (a < i - L and m.end() == i)):
                return True
        return False

    def _straddled(self, i: int) -> bool:
        """A word of two or more characters (boundary or soft word: 批准, 对接) runs across ``i``:
        the one-character boundary word ending at ``i`` (批 of 批准) is part of it, no boundary."""
        match = self.r.word_re.match
        for a in range(max(0, i - self.r.word_max + 1), i):
            m = match(self.t, a)
            if m is not None and m.end() > i:
                return True
        return False

    # ------------------------------------------------------------------ places
    def places(self) -> list[PlaceMention]:  # noqa: C901 - the checks of places.yaml in order, early exits
        """Suffixed places (``梁平区``, ``双桂湖片区``), a zone written by its kind alone after a
        non-name character where the document names no zone of that kind in full (places.yaml
        ``bare_zones``: ，开发区举行…), then bare known names and stems."""
        r, t = self.r, self.t
        found: list[PlaceMention] = []
        ends: set[int] = set()
        known = [(m.start(), m.end()) for m in r.place_names_re.finditer(t)]
        for k, e in known:                       # known names may start a chain (广东深圳市…)
            if self.boundary_before(k):
                ends.add(e)
        for m in r.place_suffix_re.finditer(t):
            s, e = m.span()
            am = r.autonomous_re.search(t, max(0, s - 24), e) \
                if r.autonomous_re is not None and m.group() in r.autonomous_short else None
            if am is not None:                            # 石柱土家族自治县: the stem is before the ethnic words
                es = am.start()
                for L in range(r.stem_max, r.stem_min - 1, -1):
                    a = es - L
                    if a >= 0 and 0 not in self._ok[a:es] and r.bad_stem_chars.isdisjoint(t[a:es]) \
                            and (self.boundary_before(a) or a in ends):
                        found.append(PlaceMention(a, e, t[a:e], t[a:es], r.place_suffix_level[m.group()]))
                        ends.add(e)
                        break
                continue
            if r.place_not_followed_re.match(t, e) and not any(
                    r.place_suffix_re.match(t, e + L) for L in range(r.stem_min, r.stem_max + 1)) \
                    and not self._long_head_at(e):
                continue                                  # 省长 is a title, 湖南省长沙市 two places,
                                                          # 某市中级人民法院 a place and a head
            g = r.generic_re.match(t, s)
            if g is not None and g.end() > e:
                continue                                  # 区县, 乡镇, 县级: a class of places
            if self._one_character(s - 1, e, ends, False):
                found.append(PlaceMention(s - 1, e, t[s - 1:e], t[s - 1:s], r.place_suffix_level[m.group()]))
                ends.add(e)                               # 安徽萧县: a place, then 萧县
                continue
            for L in range(r.stem_max, r.stem_min - 1, -1):
                a = s - L
                if a < 0:
                    continue
                stem = t[a:s]
                if 0 in self._ok[a:s] or 1 in self.blocked[s:e]:
                    continue
                if L > r.stem_min and stem[-1] in r.slogan_verbs and stem not in r.place_name_full \
                        and t[a:e] not in r.place_name_full:
                    break                                 # 生态立市, 科教兴县: a slogan, no place
                if not r.bad_stem_chars.isdisjoint(stem) or stem[-1] in r.level_verbs \
                        or (L > r.stem_min and t[s - 1:e] in r.bad_endings) \
                        or any(stem[k:k + 2] in r.bad_stems for k in range(L - 1)):
                    continue                              # 贫困山村, 西部地区: words, not names
                if r.soft_re.fullmatch(stem) or any(t[a:a + k] in r.boundary_words for k in range(1, L)) \
                        or (L > r.stem_min and stem[0] in r.prepositions):
                    continue                              # 由重庆市, 走访韩村: the stem starts later
                # 按照市…: a word, not a stem (南昌市新建区 is one: a district below the city before it)
                if 0 < self.boundary_word_at(s) <= L and (a not in ends or not self._below(found, a, m.group())):
                    continue
                if not (self.boundary_before(a) or a in ends
                        or (t[a - 1] in r.prepositions and self.boundary_before(a - 1))):   # 据青梧县…
                    self._weak_suffixed.setdefault(a, e)  # a place if a name starts here (引导重庆市…)
                    continue
                found.append(PlaceMention(a, e, t[a:e], stem, r.place_suffix_level[m.group()]))
                ends.add(e)
                break
            else:
                if self._one_character(s - 1, e, ends, True):   # 道县, 沛县: a stem of one character
                    found.append(PlaceMention(s - 1, e, t[s - 1:e], t[s - 1:s], r.place_suffix_level[m.group()]))
                    ends.add(e)
        if r.bare_zones_re is not None:                   # 开发区举行…: the document's zone, bare
            held = {q for p in found for q in range(p.start, p.end)}
            # a zone named in full (某某经济开发区) is the one its bare kind stands for
            named_in_full = {n[-j:] for n in {p.name for p in found} for j in range(1, len(n))}
            for m in r.bare_zones_re.finditer(t):
                k, e = m.span()
                if k not in held and (k == 0 or not self.name_char(k - 1)) and m.group() not in named_in_full:
                    found.append(PlaceMention(k, e, t[k:e], t[k:e], "area"))
                    ends.add(e)
        # bare names: the known list and every stem learnt above (two characters at least), longest first
        learnt = sorted({p.stem for p in found if p.level and len(p.stem) >= r.stem_min} - set(r.place_names),
                        key=len, reverse=True)
        taken = bytearray(self.n)
        for p in found:
            taken[p.start:p.end] = b"\x01" * (p.end - p.start)
        hits = list(known)
        for name in learnt:
            k = t.find(name)
            while k >= 0:
                hits.append((k, k + len(name)))
                k = t.find(name, k + 1)
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        self._weak = dict(self._weak_suffixed)            # every known name, at a boundary or not
        for k, e in hits:
            if 0 not in self._ok[k:e]:
                self._weak.setdefault(k, e)
        self._weak_start_by_end = {e: k for k, e in self._weak.items()}
        for k, e in hits:
            if 1 not in taken[k:e] and 0 not in self._ok[k:e] and (self.boundary_before(k) or k in ends):
                found.append(PlaceMention(k, e, t[k:e], t[k:e], None))
                taken[k:e] = b"\x01" * (e - k)
                ends.add(e)
        found.sort(key=lambda p: p.start)
        return found

    def _one_character(self, a: int, e: int, ends: set[int], at_boundary: bool) -> bool:
        """``t[a:e]`` is a place of places.yaml ``one_character`` (道县) starting right after
        another place (``ends``), or, with ``at_boundary``, where a name may start."""
        return a >= 0 and self.t[a:e] in self.r.one_character_places and 1 not in self.blocked[a:e] \
            and (a in ends or (at_boundary and self.boundary_before(a)))

    def ends_inside_word(self, e: int) -> bool:
        """A name ending at ``e`` ends inside a word of the tables: its last character starts a
        generic word (generic.yaml) or a title (people.yaml) that runs past ``e`` (民政部|门: 部门,
        财政部|长: 部长, 作协|会员 of 作协会员)."""
        if e <= 0 or not self.name_char(e):
            return False
        r, t = self.r, self.t
        m = r.generic_re.match(t, e - 1) or r.title_before_re.match(t, e - 1)
        return m is not None and m.end() > e

    def _below(self, found: list[PlaceMention], a: int, suffix: str) -> bool:
        """The place of ``suffix`` is a level below the place ending at ``a`` (places.yaml
        ``nesting``: a chain of places goes down it)."""
        nest = self.r.place_nesting
        prev = next((p for p in reversed(found) if p.end == a), None)
        lv = self.r.place_suffix_level.get(suffix)
        return prev is None or prev.level not in nest or lv not in nest or nest[prev.level] < nest[lv]

    def _long_head_at(self, e: int) -> bool:
        """A head word of two or more characters starts at ``e`` and is a head there (not
        followed by a word that makes it a common noun: 中心城区)."""
        m = self.r.head_re.match(self.t, e)
        if m is None or m.end() - e < 2:
            return False
        nf = self.r.head_not_followed_re.get(m.group())
        return nf is None or nf.match(self.t, m.end()) is None

    # ------------------------------------------------------------------ organisations
    def heads(self) -> list[tuple[int, int, str]]:
        """Head words in text order, none overlapping: where a head word starts inside a
        standalone head (a whole abbreviation, 城管委) and ends after it, the later one (管委会 of
        新城管委会: a name ends with its whole head, not inside one), unless a head right after the
        first reaches as far (a chain of heads). A head that a boundary word of boundaries.yaml runs
        into (联合中标人|大成…: 人大 starts inside 中标人) is none; one starting inside a place found
        (广西壮族自治区党委: 自治区党委 over the suffix) is its shorter head after the place (党委)."""
        r, t = self.r, self.t
        out = []
        blocked, nf_re, npre = self.blocked, r.head_not_followed_re, r.head_not_preceded
        pos = 0
        while True:
            m = r.head_re.search(t, pos)
            if m is None:
                break
            nxt = r.head_re.match(t, m.end())              # 人民政府 + 办公室: a chain of heads
            for k in range(m.start() + 1, m.end() if r.heads[m.group()].standalone else m.start()):
                later = r.head_re.match(t, k)
                if later is not None and later.end() > m.end() and (nxt is None or nxt.end() < later.end()) \
                        and not self.ends_inside_word(later.end()):
                    m = later
                    break
            pos = m.end()
            s, e = m.span()
            h = m.group()
            if 1 in blocked[s:e]:
                continue
            nf = nf_re.get(h)
            if nf is not None and nf.match(t, e):
                continue
            npw = npre.get(h)
            if npw is not None and any(t.endswith(w, 0, s) for w in npw):
                continue
            if any(self.boundary_word_at(q) > q - s for q in range(s + 1, e)):
                continue                                  # 中标人|大成: a word of the tables runs across its start
            if self._in_place[s] and h in r.shorter_head and not self._in_place[e - len(r.shorter_head[h])]:
                h = r.shorter_head[h]                     # 广西壮族自治区|党委: the place keeps its suffix
                s = e - len(h)
            out.append((s, e, h))
        return out

    def orgs(self, places: list[PlaceMention]) -> list[OrgMention]:  # noqa: C901 - the head scan of the docstring, early exits
        """Organisation mentions, outermost names only (nested names stay one mention)."""
        r, t = self.r, self.t
        self._in_place = bytearray(self.n + 1)
        for p in places:
            self._in_place[p.start + 1:p.end] = b"\x01" * (p.end - p.start - 1)
        heads = self.heads()
        by_end = {e: (s, e, h) for s, e, h in heads}
        self._head_end_at = {s: e for s, e, h in heads}
        self._head_ends = set(by_end)
        place_at = {p.start: p for p in places}
        self._place_at = place_at
        self._place_ends = {p.end for p in places}
        self._place_start = {p.start for p in places}
        self._place_start_by_end = {p.end: p.start for p in places}
        covered = bytearray(self.n)
        out: list[OrgMention] = []
        for s, e, h in reversed(heads):
            if covered[s] or covered[e - 1]:
                continue
            i, hs, nested = self._extend(s, by_end)
            cand = self._analyse(i, hs, e, h, place_at)
            if cand is None and i > 1 and t[i - 1] in r.weak_words and (i - 1) in self._place_start_by_end \
                    and self._ok[i - 1]:
                q = self._place_start_by_end[i - 1]       # 重庆和鑫实业集团有限公司
                while q in self._place_start_by_end:
                    q = self._place_start_by_end[q]
                if self.boundary_before(q):
                    cand = self._analyse(q, hs, e, h, place_at)
            if cand is None and i > 1 and t[i - 1] in r.weak_words:
                cand = self._across_weak(i, hs, e, h, by_end, place_at)
            if cand is None and h in r.shorter_head and hs == s and hs - i == 1:
                h2 = r.shorter_head[h]                    # 台商协会: 台商 + 协会, not 台 + 商协会
                j, hs2, _ = self._extend(e - len(h2), by_end)
                cand = self._analyse(j, hs2, e, h2, place_at)
                if cand is not None:
                    h, hs = h2, hs2
            if cand is not None and not cand.has_place and cand.level is None:
                cand = self._soft_cut(cand, hs, e, h, place_at)   # a placed name is whole
            if cand is None:
                continue
            pair = self._coordinated(cand)
            if pair is not None:                          # 某镇党委政府: the committee and the government
                out += pair
                covered[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
                continue
            out.append(cand)
            covered[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            parent = self._parent_of(cand, place_at)
            if parent is not None:
                out.append(parent)
            for cut in nested:  # "A驻B…中心": A is named on its own too
                inner = by_end.get(cut)
                if inner is not None:
                    j, ihs, _ = self._extend(inner[0], by_end, limit=cand.start)
                    sub = self._analyse(max(j, cand.start), ihs, cut, inner[2], place_at)
                    if sub is not None:
                        sub.how = "nested"
                        out.append(sub)
            self._ellipsis(cand, place_at, out)
        out.sort(key=lambda o: (o.start, -o.end))
        return out

    def _across_weak(self, i: int, hs: int, e: int, head: str, by_end: dict, place_at: dict) -> OrgMention | None:
        """某县非公经济组织和社会组织党工委: a name whose field coordinates two words with a weak word
        (和, 与 …) before its head.  Read on leftwards over the weak word to the next boundary; the
        longer reading is a name only when a place or a level character starts it."""
        r, t = self.r, self.t
        if not self._ok[i - 1]:
            return None                                   # the weak word is in a time expression
        k = i - 1
        while k > 0 and self._ok[k - 1] and k not in by_end and not self.boundary_word_at(k) and e - k < r.max_name:
            k -= 1
        if k >= i - 1:
            return None
        cand = self._analyse(k, hs, e, head, place_at)
        if cand is None or not (cand.has_place or cand.level) or cand.start >= i - 1:
            return None
        # both conjuncts must be fields of their own: 各市州和行业商会 (市州商会 and 行业商会, two
        # classes of bodies) is a generic coordination and names nothing
        left, right = r.non_name_re.sub("", t[cand.core_start:i - 1]), t[i:hs]
        if len(left) < 2 or _covers(left, r.generic) or _covers(right, r.generic):
            return None
        return cand

    def _coordinated(self, cand: OrgMention) -> list[OrgMention] | None:
        """某镇党委政府, 某县党委政府: two bodies of one place written with their heads side by side
        (orgs.yaml ``coordinated_heads``): the place with the first head, and the second head
        standing for the place with it.  ``None`` when the name is no such pair."""
        r, t = self.r, self.t
        if cand.how != "head" or cand.alt or not (cand.has_place or cand.level) or cand.head not in r.coordinated:
            return None
        first = self._head_ending(cand.end - len(cand.head), cand.core_start)
        if first is None or first not in r.coordinated or cand.end - len(cand.head) - len(first) != cand.core_start:
            return None
        mid = cand.end - len(cand.head)
        prefix = t[cand.start:cand.core_start]
        a = OrgMention(cand.start, mid, cand.core_start, first, level=cand.level, has_place=cand.has_place,
                       head_start=cand.core_start, unit=cand.unit)
        b = OrgMention(mid, cand.end, mid, cand.head, name=prefix + cand.head, how="coordinated",
                       has_place=cand.has_place, head_start=mid, unit=cand.unit)
        b.level = cand.level
        return [a, b]

    def _head_ending(self, p: int, lo: int) -> str | None:
        """The longest head word ending at ``p`` and starting at or after ``lo``."""
        t, heads = self.t, self.r.heads
        for L in self.r.head_lengths:
            if p - L >= lo and t[p - L:p] in heads:
                return t[p - L:p]
        return None

    def _parent_of(self, cand: OrgMention, place_at: dict) -> OrgMention | None:
        """The organisation a sub-body belongs to, when written in full before it (orgs.yaml
        ``sub_bodies``): 某县农商银行党委 → 某县农商银行, 某市人民政府办公室 → 某市人民政府.
        Returned as a ``nested`` mention, or ``None``."""
        r, t = self.r, self.t
        if cand.how != "head" or cand.alt:
            return None
        e = cand.end
        if t[e - 1] not in r.sub_body_last:
            return None
        tail = next((w for w in r.sub_bodies if t.endswith(w, cand.start, e) and e - len(w) > cand.start), None)
        if tail is None:
            return None
        p = e - len(tail)
        h = self._head_ending(p, cand.start)
        if h is None:
            return None
        sub = self._analyse(cand.start, p - len(h), p, h, place_at)
        if sub is None or sub.start != cand.start:
            return None
        sub.how = "nested"
        return sub

    def split_people(self, orgs: list[OrgMention], names: set[str]) -> list[OrgMention]:
        """An organisation read leftwards into a person named elsewhere in the document and a word
        that follows a person's name (boundaries.yaml ``after_words``: 王某某希望协会… is the
        person, a verb, then a head; 小股民王某某诉讼某某航空: the person stands inside what was
        read), read by the rules or the model, starts after that word; it is dropped when what is
        left is no name.  A body named after the person (王某某劳模创新工作室) stays whole."""
        if not names:
            return orgs
        r, t = self.r, self.t
        lengths = sorted({len(n) for n in names}, reverse=True)
        out = []
        for o in orgs:
            if o.has_place or o.level or o.how not in ("head", "model") or o.head_start < 0:
                out.append(o)
                continue
            w = next((m for p in range(o.start, o.head_start) for L in lengths
                      if p + L < o.head_start and t[p:p + L] in names
                      and (m := r.after_words_re.match(t, p + L)) is not None), None)
            if w is None:                                 # 王某某劳模创新工作室: named after the person
                out.append(o)
                continue
            k = w.end()
            sub = self._analyse(k, o.head_start, o.alt_end or o.end, o.head, self._place_at) if k < o.head_start \
                else None
            if sub is not None:
                out.append(sub)
        return out

    def _extend(self, s: int, by_end: dict, limit: int = 0) -> tuple[int, int, list[int]]:
        """Read leftwards from a head starting at ``s``; return (name start, head-chain start,
        positions where a nested connector's left part ends)."""
        r, t = self.r, self.t
        i, hs, adjacent, nested = s, s, True, []
        own = by_end.get(self._head_end_at.get(s, -1))
        branch = own is not None and r.heads[own[2]].branch
        ok, blast, clast = self._ok, self._boundary_last, self._conn_last
        # never more than max_name code points leftwards from the head, over characters, heads
        # and brackets alike: each head then costs O(max_name) and the scan stays linear in a run
        # of heads (有限公司有限公司…), which would otherwise each read back to the run's start
        while i > limit and s - i < r.max_name:
            c = t[i - 1]
            if c == ")" and not self.blocked[i - 1]:
                j = t.rfind("(", max(0, i - 2 - r.bracket_max), i - 1)
                if j < 0 or j + 1 >= i - 1 or 0 in ok[j + 1:i - 1] or 1 in self.blocked[j:i]:
                    break
                i, adjacent = j, t[j + 1:i - 1] in r.heads   # (集团) is a head: 酒厂(集团)有限公司
                continue
            if not ok[i - 1]:
                break
            inner = by_end.get(i)
            if inner is not None:
                if adjacent:
                    i = hs = inner[0]
                    continue
                if branch and s - i <= r.branch_gap:     # 某银行某某分行: through the parent's head
                    i, hs, branch, adjacent = inner[0], inner[0], False, True
                    continue
                if inner[2] in r.parent_heads and (i in self._place_start or i in self._weak) \
                        and s - i <= r.branch_gap + 4:    # 国家税务总局江西省税务局
                    i, hs, adjacent = inner[0], inner[0], True
                    continue
                if inner[2] in r.department_parents and inner[0] in self._place_ends:
                    nested.append(i)                      # 嘉南市政府经济发展局: a department of it
                    i, hs, adjacent = inner[0], inner[0], True
                    continue
                conn = next((w for w in r.nested_connectors if t.endswith(w, 0, inner[0])
                             and 0 not in ok[inner[0] - len(w):inner[0]]), None)
                if conn is not None:
                    i = inner[0] - len(conn)
                    nested.append(i)
                    adjacent = True
                    continue
                if hs - i <= r.branch_gap and r.heads[inner[2]].trade_name and hs in self._head_end_at \
                        and r.heads[t[hs:self._head_end_at[hs]]].trade_name \
                        and _covers(t[i:hs], r.industry_generic):
                    i = hs = inner[0]                     # 某超市连锁有限公司: a trade head, a line of
                    adjacent = True                       # business, the legal form: one company
                    continue
                break
            if c in blast and not self._in_place[i] and self.boundary_word_at(i):
                break                                   # (inside a place, 新建 of 新建区, no verb)
            conn = None if c not in clast else next(
                (w for w in r.nested_connectors if t.endswith(w, 0, i) and (i - len(w)) in by_end
                 and 0 not in ok[i - len(w):i]), None)
            if conn is not None:
                i -= len(conn)
                nested.append(i)
                adjacent = True
                continue
            i -= 1
            adjacent = False
        return i, hs, nested

    def _soft_cut(self, cand: OrgMention, hs: int, e: int, head: str, place_at: dict) -> OrgMention:
        """Read again right after the last soft word inside the name that leaves a valid name; a
        soft word inside a word of boundaries.yaml ``inside_words`` is none (组织 of 社会组织)."""
        cuts = [m.end() for m in self.r.soft_re.finditer(self.t, max(0, cand.start - 3), hs)
                if cand.start < m.end() < hs and m.end() > cand.core_start - 1
                and not self._held(m.end(), m.end() - m.start())]
        for p in reversed(cuts):
            shorter = self._analyse(p, hs, e, head, place_at)
            if shorter is not None:
                return shorter
        return cand

    def _place_chain(self, i: int, limit: int, place_at: dict) -> int:
        """End of the chain of places starting at ``i`` and ending by ``limit``; a place whose
        suffix is also the start of the head (播州区 + 区委, 东风街道 + 街道办事处) ends the chain
        at ``limit``."""
        p = i
        while p in place_at:
            pl = place_at[p]
            if pl.end <= limit:
                p = pl.end
                continue
            if pl.level and p + len(pl.stem) == limit:
                p = limit
            break
        return p

    def _analyse(self, i: int, hs: int, e: int, head: str, place_at: dict) -> OrgMention | None:  # noqa: C901 - the checks of one candidate in order, each an early exit
        """Validate the candidate ``[i, e)`` whose head chain starts at ``hs``."""
        r, t = self.r, self.t
        if i > 0 and t[i] in r.measure_words and t[i - 1] in r.numerals:
            return None                                   # 12家商协会: a count, not a name
        ce = self._count_ends                             # 一家小砖厂, 第一笔银行: after the count
        if ce:
            k = bisect_right(ce, hs) - 1
            if k >= 0 and ce[k] > i and not self._in_place[ce[k] - 1] and (
                    ce[k] - self._count_len[ce[k]] >= i or not self.name_char(ce[k] - self._count_len[ce[k]])):
                i = ce[k]                                 # 5亿元兴建…: the amount starts before the name
        if t[i] in r.not_first and i + 1 < hs:
            i += 1                                        # 据丰源公司介绍
        elif t[i] in r.prepositions and i + 1 < hs and (i + 1 in place_at or i + 1 in self._weak
                                                         or t[i + 1] in r.level_chars):
            i += 1                                        # 据县慈善总会, 经青梧县…
        chain_end = self._place_chain(i, hs, place_at)
        if chain_end == i and r.level_verbs:
            # 将问题报市某办公室: a verb of reporting right before a level character ends what is before
            q = next((q for q in range(hs - 1, i, -1) if t[q] in r.level_chars and t[q - 1] in r.level_verbs
                      and not self._in_place[q]), None)
            if q is not None:
                i = chain_end = q
        if chain_end == i:
            # a place chain later in the candidate starts the name (a verb missed by the tables)
            for q in range(hs - 1, i + 1, -1):
                if (q in place_at or q in self._weak) and q not in self._place_ends \
                        and t[i:q].count("(") == t[i:q].count(")"):
                    if q in place_at:
                        i, chain_end = q, self._place_chain(q, hs, place_at)
                    elif self._weak[q] <= hs:                 # 增补重庆丰都…: a known name
                        i, chain_end = q, self._place_chain(self._weak[q], hs, place_at)
                    else:
                        continue
                    while i in self._weak_start_by_end and self._weak_start_by_end[i] > i - 8:
                        i = self._weak_start_by_end[i]        # 引导重庆市石柱县…: the whole chain
                    break
        chain_words = [head] if hs == e - len(head) else self._heads_in(hs, e)
        first = r.heads.get(chain_words[0], r.heads[head]) if chain_words else r.heads[head]
        if first.place_only and chain_end < hs and not (chain_end == i and hs == i + 1 and t[i] in r.level_chars):
            # only a place chain (or a level character) may precede: take the one ending at hs
            starts = self._place_start_by_end
            q = hs
            while q in starts and starts[q] >= i:
                q = starts[q]
            if q < hs:
                i, chain_end = q, hs
            elif hs > i and t[hs - 1] in r.level_chars and self.boundary_before(hs - 1) and not any(
                    self._generic_prefix(k, hs) and r.generic_re.match(t, k).end() == hs  # type: ignore[union-attr]
                    for k in (hs - 2, hs - 3) if k >= i):
                i = chain_end = hs - 1
            elif t[hs] in r.level_chars and not self._generic_prefix(max(i, hs - 1), hs + 1):
                i = chain_end = hs                    # 落实省委: the head starts with its level (省委, 县委)
            else:
                return None
        if chain_end == i and hs - i > 2 and t[i + 1] in r.level_chars and t[i] not in r.level_chars \
                and not self._generic_prefix(i + 1, hs) and t[i:i + 2] not in r.place_words:
            i = chain_end = i + 1             # 据区统计局, 经区市场监管局: one character before 区 is no place
        if chain_end == i and hs - i >= 2 and r.anonymous_glued_re is not None and first.trade_name \
                and r.anonymous_glued_re.match(t, hs - 1):
            i = chain_end = hs - 1                # 约定A公司: a one-letter party, the sentence before it
        level = None
        core_start = chain_end
        if chain_end == i and t[i] in r.level_chars and not self._generic_prefix(i, hs) \
                and t[i + 1] not in r.level_not_followed:   # 市场监管所, 市场监督管理局: no level
            level = t[i]
            core_start = i + 1
        core = _strip_brackets(t[min(core_start, hs):hs])
        info = r.heads[head]
        chain_heads = [r.heads[h] for h in chain_words] or [info]
        standalone = any(h.standalone for h in chain_heads)
        has_prefix = chain_end > i or level is not None
        anonymous = (any(h.trade_name for h in chain_heads) and self._anonymous(core)) or (
            info.branch and r.numbered_re is not None and r.numbered_re.fullmatch(core) is not None)
        if not core:
            if not (has_prefix or standalone):
                return None
        elif not anonymous:
            if r.levels_generic_re.search(core):
                return None
            if _covers(core, r.generic) or (not has_prefix and any(core.startswith(d) for d in r.determiners)):
                return None                       # 直属商会; 有关司局, 各级商会: a class of bodies
            need = r.min_core.get(chain_words[-1] if chain_words else head, r.min_core_default)
            if not has_prefix and not standalone and (len(core) < need or core in r.boundary_words
                                                      or r.soft_re.fullmatch(core)):
                return None                       # 研发中心, 培训中心, 商协会: a common noun; 促进局
        if any(h.trade_name for h in chain_heads) and chain_end == i and level is None and not anonymous:
            # a numeral opens a trade name (五桐食品有限公司), not one written right after another
            # body's head (某集团九桐公司: the group's subsidiary, read as one name)
            rest = _uncovered(core, r.industry_generic, "" if i in self._head_ends else r.numerals)
            if rest < r.min_trade_name:
                return None
        if not core and not has_prefix and not standalone:
            return None
        if chain_heads[0].place_led and not has_prefix:
            return None                           # 召开党工委会议: a party body of no place
        if info.needs_parent and len(chain_words) < 2:
            return None                           # 小店, 门店: a store of no named chain
        unit = None
        if level is not None:
            unit = r.level_chars.get(level)
        elif chain_end > i:
            pl = place_at.get(self._place_start_by_end.get(chain_end, -1))
            unit = pl.level if pl is not None and pl.level else r.place_name_full.get(t[i:chain_end], (None,))[0]
        om = OrgMention(i, e, core_start, head, level=level, has_place=chain_end > i, head_start=hs, unit=unit)
        self._trailers(om)
        return om

    def _anonymous(self, core: str) -> bool:
        """``core`` stands for a withheld name (orgs.yaml ``anonymous``: 乙, A, 某某; 某 and only
        industry words, 某汽车)."""
        r = self.r
        if not core:
            return False
        if r.anonymous_re is not None and r.anonymous_re.fullmatch(core):
            return True
        mark = r.anonymous_trade
        return bool(mark) and len(core) > len(mark) and core.startswith(mark) and _covers(core[len(mark):], r.industry)

    def _heads_in(self, hs: int, e: int) -> list[str]:
        """The head words of the chain ``[hs, e)`` (集团+公司, 市委+党校)."""
        key = (hs, e)
        got = self._chain_cache.get(key)
        if got is None:
            got = self._chain_cache[key] = [m.group() for m in self.r.head_re.finditer(self.t, hs, e)]
        return got

    def _generic_prefix(self, i: int, hs: int) -> bool:
        """A generic word of two or more characters (区县, 市县) starts at ``i`` and ends by ``hs``."""
        m = self.r.generic_re.match(self.t, i)
        return m is not None and m.end() <= hs

    def _trailers(self, om: OrgMention) -> None:
        """Alternate head in brackets (区工商联(总商会)) and defined short names (read once per
        end position: a name is often analysed more than once)."""
        got = self._trailer_memo.get(om.end)
        if got is None:
            probe = OrgMention(om.start, om.end, om.core_start, om.head)
            self._read_trailers(probe)
            got = self._trailer_memo[om.end] = (probe.alt, probe.alt_end, probe.end, probe.aliases)
        if got[0] is not None and got[0] != om.head:
            om.alt, om.alt_end, om.end = got[0], got[1], got[2]
        elif got[0] is None and got[2] > om.end:        # 某大学(北京): a campus named by its place
            om.end = got[2]
        if got[3]:
            om.aliases += got[3]

    def _read_trailers(self, om: OrgMention) -> None:
        r, t = self.r, self.t
        for _, rx in r.alternate_name:
            m = rx.match(t, om.end)
            if m and m.group("alt") in r.heads and not r.head_re.match(t, m.end()):
                om.alt, om.alt_end = m.group("alt"), om.end
                om.end = m.end()
                break
        if om.alt is None and r.place_bracket is not None:
            m = r.place_bracket.match(t, om.end)
            if m and (r.place_names_re.fullmatch(m.group("place")) or om.end + 1 in self._place_at
                      and self._place_at[om.end + 1].end == m.end("place")):
                om.end = m.end()
        for _, rx in r.short_name:
            m = rx.match(t, om.end)
            if m:
                body = m.group("alias")
                names = r.quoted.findall(body) or [body]
                om.aliases += names                    # 以下简称“公司” too: that company in this document
                break

    def _ellipsis(self, cand: OrgMention, place_at: dict, out: list[OrgMention]) -> None:
        """``P甲、乙、丙行业商会`` → one chamber per item, P distributed (elliptical coordination)."""
        r, t = self.r, self.t
        text = t[cand.start:cand.alt_end or cand.end]
        tail = next((x for x in r.ellipsis_tails if text.endswith(x) and len(text) > len(x)), None)
        if tail is None or cand.start == 0 or t[cand.start - 1] not in r.ellipsis_separators:
            return
        items: list[tuple[int, int]] = []
        j = cand.start - 1
        while j > 0 and t[j] in r.ellipsis_separators:
            k = j
            while k > 0 and self.name_char(k - 1) and j - k < r.ellipsis_item_max and not self.boundary_word_at(k):
                k -= 1
            if k == j or (k > 0 and self.name_char(k - 1) and not self.boundary_word_at(k)):
                break
            if any(True for _ in r.head_re.finditer(t, k, j)):
                break
            items.append((k, j))
            j = k - 1
        if not items:
            return
        items.reverse()
        first = items[0][0]
        chain_end = self._place_chain(first, items[0][1], place_at)
        prefix = t[first:chain_end]
        for a, b in items:
            core = t[max(a, chain_end):b]
            out.append(OrgMention(a, b, max(a, chain_end), cand.head, name=prefix + core + tail,
                                  how="ellipsis", has_place=bool(prefix)))
        if prefix and cand.core_start == cand.start:
            cand.name = prefix + t[cand.start:cand.alt_end or cand.end]
            cand.how = "ellipsis"

    # ------------------------------------------------------------------ enumerations
    def enumerated(self, places: list[PlaceMention]) -> list[OrgMention]:
        """Names listed before 等 and a noun naming their class, or right after such a noun
        (constructions.yaml ``enumerated``): one organisation mention an item (``how`` =
        ``enumerated``, no head); before 等 and a word of ``visited`` (等地: the places a party
        went to), the items written as a trade name and an industry word only (甲乙鞋业), an item
        that is no name between two separators passed over (某某科技产业园, a park); before 等, a
        class noun and a word of ``persons`` (等企业负责人), the items named as companies or long
        enough to be no person's name, when one is named as a company; a trade name
        and an industry word opening a clause before a verb of ``subject_of`` (甲乙科技|投资2亿元).
        Linear in the text."""
        r, t = self.r, self.t
        out: list[OrgMention] = []
        if r.enum_classes_re is None or not r.enum_mark:
            return out
        place_spans = {(p.start, p.end) for p in places}
        k = t.find(r.enum_mark)
        while k >= 0:
            if self.name_char(k):
                out += [OrgMention(a, b, a, "", how="enumerated") for a, b in self._listed_before(k, place_spans)]
            k = t.find(r.enum_mark, k + 1)
        if r.enum_before_re is not None:
            for m in r.enum_before_re.finditer(t):
                items = self._items_after(m.end(), place_spans)
                if len(items) >= 2:
                    out += [OrgMention(a, b, a, "", how="enumerated") for a, b in items]
        out += self._subjects(place_spans)
        if r.enum_introducers_re is not None and r.enum_introduced_re is not None:
            for m in r.enum_introducers_re.finditer(t):       # 项目两个，分别是甲乙电气、丙丁光电
                lo = max(0, m.start() - r.max_name)       # the sentence before it, max_name at most
                a = max(t.rfind(c, lo, m.start()) for c in r.sentence_end) + 1
                a = max(a, lo)
                if r.enum_introduced_re.search(t, a, m.start()) is None:
                    continue
                items = self._items_after(m.end(), place_spans)
                if len(items) >= 2 and not t.startswith(r.enum_mark, items[-1][1]) \
                        and all(self.trade_name(a, b) and not self.ends_with_head(a, b) for a, b in items):
                    out += [OrgMention(a, b, a, "", how="enumerated") for a, b in items]
        return out

    def trade_name(self, a: int, b: int) -> bool:
        """``t[a:b]`` is a trade name and an industry word ending it (甲乙电气; 某某电气|绿能科技, a
        subsidiary's own name): at least ``min_trade_name`` characters of no industry or generic
        word, no word of the tables (a verb, a preposition) ending inside it or at its end."""
        r, t = self.r, self.t
        w = t[a:b]
        return any(w.endswith(x) for x in r.industry) and _uncovered(w, r.industry_generic) >= r.min_trade_name \
            and not any(self.boundary_word_at(q) for q in range(a + 1, b + 1))

    def ends_with_head(self, a: int, b: int) -> bool:
        """``t[a:b]`` ends with a head word of orgs.yaml."""
        w = self.t[a:b]
        return any(w.endswith(h) for h in self.r.heads)

    def _class_after(self, p: int, persons: bool = False) -> bool:
        """A class noun of ``enumerated`` after ``p`` (after a count and a modifier), ending a word;
        with ``persons``, followed by a word of ``enumerated.persons`` instead (企业|负责人: the people
        of the companies listed)."""
        r, t = self.r, self.t
        if persons and r.enum_persons_re is None:
            return False
        cm = r.count_re.match(t, p)
        q = cm.end() if cm is not None else p
        for L in range(r.enum_modifier_max + 1):
            if L and not self.name_char(q + L - 1):
                return False
            m = r.enum_classes_re.match(t, q + L)     # type: ignore[union-attr]
            if m is not None and persons:
                if r.enum_persons_re.match(t, m.end()):  # type: ignore[union-attr]
                    return True
            elif m is not None and (not self.name_char(m.end()) or r.after_words_re.match(t, m.end())):
                return True
        return False

    def _industry_named(self, a: int, b: int) -> bool:
        """``t[a:b]`` ends with an industry word and holds ``min_trade_name`` characters of no
        industry or generic word before it (甲乙鞋业, not 某某产业园)."""
        r, w = self.r, self.t[a:b]
        return any(w.endswith(x) for x in r.industry) and _uncovered(w, r.industry_generic) >= r.min_trade_name

    def _visited_after(self, p: int) -> bool:
        """A word of ``enumerated.visited`` (地, 地方: the places a party went to) right after ``p``,
        ending a word."""
        r = self.r
        m = r.enum_visited_re.match(self.t, p) if r.enum_visited_re is not None else None
        return m is not None and not self.name_char(m.end())

    def _item_ok(self, a: int, b: int, place_spans: set[tuple[int, int]]) -> bool:
        r, w = self.r, self.t[a:b]
        lo, hi = r.enum_item
        return lo <= b - a <= hi and 0 not in self._ok[a:b] and w not in r.generic and w not in r.heads \
            and w not in r.boundary_words and (a, b) not in place_spans and not r.place_names_re.fullmatch(w)

    def _listed_before(self, k: int, place_spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
        """The companies of a list closed by the mark at ``k`` (``enumerated`` docstring): before
        a class noun, every item; before a class noun and a word of ``persons``, the items named as
        companies or long enough to be no person; before a word of ``visited``, the trade names."""
        r = self.r
        p = k + len(r.enum_mark)
        if self._class_after(p):
            items = self._items_before(k, place_spans)
            return items if len(items) >= 2 else []
        if self._class_after(p, persons=True):
            items = self._items_before(k, place_spans)     # 甲乙乳业、丙丁等企业负责人
            named = [(a, b) for a, b in items if self.trade_name(a, b) or self.ends_with_head(a, b)]
            if len(items) < 2 or not named:
                return []
            return [(a, b) for a, b in items if (a, b) in named or b - a >= r.enum_persons_min]
        if self._visited_after(p):
            items = self._items_before(k, place_spans, skip=True)   # 前往甲乙鞋业、丙丁米业等地
            if len(items) < 2:
                return []
            return [(a, b) for a, b in items if self._industry_named(a, b) and not self.ends_with_head(a, b)]
        return []

    def _subjects(self, place_spans: set[tuple[int, int]]) -> list[OrgMention]:
        """The companies written by a trade name and an industry word before a verb of
        ``enumerated.subject_of`` (、甲乙科技|投资2亿元的…项目). Linear in the text."""
        r = self.r
        out: list[OrgMention] = []
        if r.enum_subject_re is not None:
            for m in r.enum_subject_re.finditer(self.t):
                ab = self._subject_before(m.start(), place_spans)
                if ab is not None:
                    out.append(OrgMention(ab[0], ab[1], ab[0], "", how="enumerated"))
        return out

    def _subject_before(self, b: int, place_spans: set[tuple[int, int]]) -> tuple[int, int] | None:
        """The trade name and industry word ending at ``b`` and starting at the nearest boundary
        before it (punctuation or a boundary word, at most ``enumerated.item_max`` characters
        back), ``None`` when there is none or it is no item (a place, a generic word, a head)."""
        r = self.r
        a = b
        while a > 0 and self.name_char(a - 1) and b - a < r.enum_item[1]:
            a -= 1
        q = next((q for q in range(b - 1, a - 1, -1) if self.boundary_before(q)), None)
        if q is None or not self._item_ok(q, b, place_spans) or not self.trade_name(q, b) or self.ends_with_head(q, b):
            return None
        return q, b

    def _items_before(self, k: int, place_spans: set[tuple[int, int]], skip: bool = False) -> list[tuple[int, int]]:
        """The items of a list ending at ``k``, read leftwards (each from a separator or a boundary);
        an item between two separators holding a time expression (好|未来) is passed over, and so,
        with ``skip``, is one that is no item (too long, a place) between two separators."""
        r, t = self.r, self.t
        items: list[tuple[int, int]] = []
        end = k
        while True:
            a = end
            while a > 0 and 1 in self.blocked[a - 1:a] and r.name_char.match(t[a - 1]) \
                    and t[a - 1] not in r.enum_separators and end - a <= r.enum_item[1]:
                a -= 1                                  # an item read as a time expression
            if a < end:
                while a > 0 and r.name_char.match(t[a - 1]) and t[a - 1] not in r.enum_separators \
                        and end - a <= r.enum_item[1]:
                    a -= 1
                if items and a > 0 and t[a - 1] in r.enum_separators:
                    end = a - 1
                    continue
                break
            a = end
            while a > 0 and self.name_char(a - 1) and t[a - 1] not in r.enum_separators and end - a <= r.enum_item[1]:
                a -= 1
            if end - a > r.enum_item[1] and a > 0:
                a = self._long_item(a, end, place_spans)   # 、甲乙电力某省新能源、: a trade name, long
            if not (a > 0 and t[a - 1] in r.enum_separators):    # the first item: from a boundary word
                a = next((q for q in range(end - 1, a - 1, -1) if q == a or self.boundary_before(q)), a)
            if skip and items and a > 0 and t[a - 1] in r.enum_separators and not self._item_ok(a, end, place_spans):
                end = a - 1                                # 甲乙鞋业、某某科技产业园、丙丁米业等地
                continue
            if not (self._item_ok(a, end, place_spans) or self._long_ok(a, end, place_spans)) \
                    or not (a == 0 or t[a - 1] in r.enum_separators or self.boundary_before(a)):
                break
            items.insert(0, (a, end))
            if a > 0 and t[a - 1] in r.enum_separators:
                end = a - 1
                continue
            break
        return items

    def _long_item(self, a: int, end: int, place_spans: set[tuple[int, int]]) -> int:
        """The start of an item longer than ``enumerated.item_max`` ending at ``end``, read on
        leftwards from ``a`` up to a separator, ``max_name`` characters at most, when it is a trade
        name and an industry word (``_long_ok``); else ``a``."""
        r, t = self.r, self.t
        b = a
        while b > 0 and self.name_char(b - 1) and t[b - 1] not in r.enum_separators and end - b < r.max_name:
            b -= 1
        return b if b > 0 and t[b - 1] in r.enum_separators and self._long_ok(b, end, place_spans) else a

    def _long_ok(self, a: int, end: int, place_spans: set[tuple[int, int]]) -> bool:
        """``t[a:end]``, longer than ``enumerated.item_max``, is an item between two separators when
        it is a trade name and an industry word (某某电力某省新能源, 某某康生物科技), no place."""
        r, t = self.r, self.t
        return end - a > r.enum_item[1] and a > 0 and t[a - 1] in r.enum_separators and 0 not in self._ok[a:end] \
            and (a, end) not in place_spans and self.trade_name(a, end) and not self.ends_with_head(a, end)

    def _items_after(self, p: int, place_spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
        """The items of a list starting at ``p`` up to the mark or the end of the run of names."""
        r, t = self.r, self.t
        items: list[tuple[int, int]] = []
        start = p
        while True:
            b = start
            while b < self.n and self.name_char(b) and t[b] not in r.enum_separators \
                    and not t.startswith(r.enum_mark, b) and b - start <= r.enum_item[1]:
                b += 1
            if not self._item_ok(start, b, place_spans):
                return []
            items.append((start, b))
            if b < self.n and t[b] in r.enum_separators:
                start = b + 1
                continue
            return items if b >= self.n or not self.name_char(b) or t.startswith(r.enum_mark, b) else []

    # ------------------------------------------------------------------ acting places
    def acting_places(self, places: list[PlaceMention], occupied: bytearray) -> list[PlaceMention]:
        """Places acting as a party (constructions.yaml ``acting_place``): the object of a party
        word (与某乡签订, 向某乡捐赠), the subject opening a clause (某区举行…, 某村成立了…), or
        the subject after a pivot verb (批准某村退出).  Returned mentions cover the place only
        (the last of a chain 某省某市某区)."""
        r = self.r
        out = []
        ends = {p.end: p for p in places}
        stem_level: dict[str, str] = {}                 # a bare stem takes the level of its first
        for p in places:                                # suffixed mention (梁平 of 梁平区)
            if p.level:
                stem_level.setdefault(p.stem, p.level)
        for p in places:
            if any(occupied[p.start:p.end]):
                continue
            level = p.level or stem_level.get(p.stem)
            if level not in r.acting_levels:
                continue
            if self._party_object(p) or self._subject(p, ends) or self._listed_with_org(p, occupied):
                out.append(p)
        return out

    def _listed_with_org(self, p: PlaceMention, occupied: bytearray) -> bool:
        """某管委会、某局、某镇有关负责人: a place listed (elliptical ``separators``) right after or
        before an organisation stands for a body as the other items do; one listed after it stands
        alone (某某议事厅、某某展示馆: 某某 of 某某展示馆 names no body)."""
        t, seps = self.t, self.r.ellipsis_separators
        after = p.end + 1 < self.n and t[p.end] in seps and occupied[p.end + 1] and not occupied[p.end]
        before = p.start > 1 and t[p.start - 1] in seps and occupied[p.start - 2] and not occupied[p.start - 1]
        return bool(after or (before and self._ends_item(p.end)))

    def _ends_item(self, k: int) -> bool:
        """No name goes on at ``k``: the end of the name characters, a separator, or a word of the
        tables (a boundary or after word, a generic word: 某镇|有关负责人); 某村|展示馆 goes on."""
        r, t = self.r, self.t
        if not self.name_char(k) or t[k] in r.ellipsis_separators:
            return True
        w = r.word_re.match(t, k)
        return bool((w is not None and w.group() in r.boundary_words) or r.after_words_re.match(t, k)
                    or r.generic_re.match(t, k) or r.title_before_re.match(t, k))

    def latin_parties(self) -> list[OrgMention]:
        """Names in Latin script inside the text read as organisations by the constructions
        around them (a Latin name says nothing of its type): right after a class noun of
        constructions.yaml ``enumerated`` (低轨卫星业者OneWeb), or a party of an act (与某乡签订:
        constructions.yaml ``acting_place``, the party word earlier in the clause, the verb
        within the window after: 与…的Eutelsat OneWeb签署). A name the word engine of the Latin
        script reads (``latin_taken``: Baymont Energy Inc.) is left to it."""
        r, t = self.r, self.t
        out: list[OrgMention] = []
        for m in _LATIN_NAME.finditer(t):
            a, b = m.span()
            if 1 in self.blocked[a:b] or self.latin_taken.intersection(range(a, b)):
                continue
            after_class = r.enum_classes_re is not None and any(
                r.enum_classes_re.fullmatch(t, a - L, a) for L in range(1, 4) if a - L >= 0)
            clause = t[max(0, a - 40):a]
            cut = max(clause.rfind(c) for c in "，,。;；!?：:")
            party = any(w in clause[cut + 1:] for w in r.acting_before) and self._party_verb_after(b)
            if after_class or party:
                out.append(OrgMention(a, b, a, "", how="latin"))
        return out

    def named_bodies(self) -> list[OrgMention]:
        """Names given as the name of a body (constructions.yaml ``named``: 一家名为某某的公司)."""
        out: list[OrgMention] = []
        for _, rx in self.r.named:
            for m in rx.finditer(self.t):
                a, b = m.span("name")
                if 1 not in self.blocked[a:b]:
                    out.append(OrgMention(a, b, a, "", how="named"))
        return out

    def media_titles(self) -> list[OrgMention]:
        """Titles of works (constructions.yaml ``opaque``) followed by a word of ``media_roles``
        (《某某日报》记者): the title inside its marks, an organisation (``how`` = ``media``)."""
        r, t = self.r, self.t
        out: list[OrgMention] = []
        if r.media_roles_re is None:
            return out
        for rx in r.opaque:
            for m in rx.finditer(t):
                a, b = m.start() + 1, m.end() - 1
                if b - a >= 2 and r.media_roles_re.match(t, m.end()) and r.name_run_re.fullmatch(t, a, b):
                    out.append(OrgMention(a, b, a, "", how="media"))
        return out

    def _party_object(self, p: PlaceMention) -> bool:
        """与某乡签订: a party word before, a party verb after (same clause, within the window)."""
        r, t = self.r, self.t
        if not any(t.endswith(w, 0, p.start) for w in r.acting_before):
            return False
        return self._party_verb_after(p.end)

    def _party_verb_after(self, k: int, extra: int = 0) -> bool:
        """A party verb (签订, 洽谈 …) within the window after ``k``, before the clause ends."""
        r, t = self.r, self.t
        window = t[k:k + r.acting_window + extra]
        cut = min((window.find(c) for c in "，,。;；!?" if c in window), default=len(window))
        return any(v in window[:cut] for v in r.acting_verbs)

    def _party_clause(self, k: int) -> bool:
        """某区与某公司签订…: a party word at ``k``, then a party verb in the same clause (the
        window widened by the other party's name, read up to the clause end)."""
        r, t = self.r, self.t
        w = next((w for w in r.acting_before if t.startswith(w, k)), None)
        return w is not None and self._party_verb_after(k + len(w), extra=r.max_name)

    def _subject(self, p: PlaceMention, ends: dict[int, PlaceMention]) -> bool:
        """某区举行…, 批准某村退出: a subject verb (after adverbs) right after the place, and the
        place (or the chain it ends) opening a clause or following a pivot verb."""
        r, t = self.r, self.t
        k = p.end
        while True:
            m = r.acting_adverbs_re.match(t, k)
            if m is None or m.end() == k:
                break
            k = m.end()
        if r.acting_subject_verbs_re.match(t, k) is None and not self._party_clause(k):
            return False
        s = p.start
        while s in ends and ends[s].start < s:            # 江西省瑞川市临江区: the chain's start
            s = ends[s].start
        if s == 0 or not self.name_char(s - 1):
            return not self._located_list(s, ends)
        return any(t.endswith(w, 0, s) for w in r.acting_openers + r.acting_pivot_verbs)

    def _located_list(self, s: int, ends: dict[int, PlaceMention]) -> bool:
        """The place starting at ``s`` closes a list of places (elliptical separators) opened by a
        locative (constructions.yaml ``acting_place.locatives``: 在甲市、乙市、丙市召开): a location."""
        r, t = self.r, self.t
        while s > 0 and t[s - 1] in r.ellipsis_separators and (s - 1) in ends:
            s = ends[s - 1].start                          # the item before: a place ending at the separator
            while s in ends and ends[s].start < s:        # 江苏省|南通市: the chain's start
                s = ends[s].start
        return s != 0 and any(t.endswith(w, 0, s) for w in r.acting_locatives)

    # ------------------------------------------------------------------ people
    def people(self, occupied: bytearray, place_names: set[str]) -> list[PersonMention]:
        """Names after a title (董事长熊某某, 成员甲、乙) or before a form of address (某某老师)."""
        r, t = self.r, self.t
        found: dict[int, PersonMention] = {}
        for m in r.title_before_re.finditer(t):
            p = m.end()
            while True:
                L = self._name_after(p, occupied, place_names)
                if not L:
                    break
                pm = found.setdefault(p, PersonMention(p, p + L, t[p:p + L]))
                self._add_titles(pm, m.start(), m.end(), occupied)
                occupied[p:p + L] = b"\x01" * L
                p += L
                if p < self.n and t[p] in r.ellipsis_separators:
                    p += 1
                    continue
                break
        for m in r.title_after_re.finditer(t):
            q = m.start()
            for L in range(r.name_max, r.name_min - 1, -1):
                a = q - L
                if a < 0 or 1 in occupied[a:q] or 1 in self.blocked[a:q] or not self._valid_name(t[a:q], place_names):
                    continue
                pm = found.setdefault(a, PersonMention(a, q, t[a:q]))
                pm.titles.append(m.span())
                occupied[a:q] = b"\x01" * L
                break
        return sorted(found.values(), key=lambda x: x.start)

    def _valid_name(self, name: str, place_names: set[str]) -> bool:
        r = self.r
        if not r.name_run_re.fullmatch(name) or not r.bad_name_chars.isdisjoint(name):
            return False
        if name in place_names or name in r.not_names or r.not_names_re.match(name):
            return False
        c = r.compound_surnames_re.match(name)
        if c is not None and c.end() < len(name):
            return True
        return name[0] in r.surnames

    def _name_after(self, p: int, occupied: bytearray, place_names: set[str]) -> int:
        r, t = self.r, self.t
        for L in range(r.name_max, r.name_min - 1, -1):
            e = p + L
            if e > self.n or any(occupied[p:e]) or any(self.blocked[p:e]):
                continue
            if not self._valid_name(t[p:e], place_names):
                continue
            if e < self.n and self.name_char(e) and not r.after_words_re.match(t, e) \
                    and not r.title_after_re.match(t, e):
                continue
            return L
        return 0

    def title_people(self, people: list[PersonMention], occupied: bytearray) -> None:
        """Give the people found by another source (the model) without a title the title written
        right before their name anywhere in the text, with its body (公司副总经理|向某华), as
        ``people`` does its own. One pass over the text."""
        r, t = self.r, self.t
        untitled: dict[str, PersonMention] = {}
        for pm in people:
            untitled.setdefault(pm.name, pm)
        for pm in people:
            if pm.titles:
                untitled.pop(pm.name, None)
        if not untitled:
            return
        longest = max(map(len, r.titles_before), default=0)
        for m in re.finditer("|".join(map(re.escape, sorted(untitled, key=len, reverse=True))), t):
            a = next((a for a in range(max(0, m.start() - longest), m.start())
                      if r.title_before_re.fullmatch(t, a, m.start())), None)
            e, pm = m.end(), untitled[m.group()]
            ends = e >= self.n or not self.name_char(e) or t[e] in r.ellipsis_separators \
                or r.after_words_re.match(t, e) is not None or r.title_after_re.match(t, e) is not None
            if a is not None and ends and not pm.titles:       # not 王某 of 王某华
                self._add_titles(pm, a, m.start(), occupied)

    def _add_titles(self, pm: PersonMention, ts: int, te: int, occupied: bytearray) -> None:
        """The title ``[ts, te)`` with the organisation written right before it, and the titles
        coordinated before that one (``区委常委、工业园区管委会主任``)."""
        titles: list[Any] = []
        while True:
            start = self._title_owner_start(ts)
            titles.insert(0, (start, te))
            k = start - 1
            if k > 0 and self.t[k] in self.r.ellipsis_separators:
                m = None
                for mm in self.r.title_before_re.finditer(self.t, max(0, k - 12), k):
                    if mm.end() == k:
                        m = mm
                if m is None:
                    break
                ts, te = m.start(), m.end()
                continue
            break
        for x in titles:
            if x not in pm.titles:
                pm.titles.append(x)

    def _title_owner_start(self, ts: int) -> int:
        owner = self._org_ends.get(ts)
        if owner is None:
            for gap in (1, 2):
                owner = self._org_ends.get(ts - gap)
                if owner is not None and all(self.name_char(k) for k in range(ts - gap, ts)):
                    break
                owner = None
        return owner if owner is not None else ts


_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[A-Z])[A-Za-z][A-Za-z0-9&]+"
                         r"(?: [A-Z][A-Za-z0-9&]*)*(?![A-Za-z0-9])")
"""A run of Latin words holding an upper-case letter (SpaceX, Eutelsat OneWeb, SES)."""


def _strip_brackets(s: str) -> str:
    if "(" not in s and ")" not in s:
        return s
    out, depth = [], 0
    for c in s:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=64)
def _longest(words: frozenset[str]) -> int:
    """The length of the longest of ``words`` (a word set is measured once, not at each look-up)."""
    return max(map(len, words), default=0)


@lru_cache(maxsize=8192)
def _covers(s: str, words: frozenset[str]) -> bool:
    """True when ``s`` can be cut entirely into ``words`` (dynamic programming)."""
    if not s:
        return True
    maxlen = _longest(words)
    ok = [True] + [False] * len(s)
    for j in range(1, len(s) + 1):
        for L in range(1, min(maxlen, j) + 1):
            if ok[j - L] and s[j - L:j] in words:
                ok[j] = True
                break
    return ok[-1]


@lru_cache(maxsize=8192)
def _uncovered(s: str, words: frozenset[str], opening: frozenset[str] | str = "") -> int:
    """Number of characters of ``s`` left after removing ``words`` (longest match, left to right).
    A one-character word of ``opening`` (a numeral) right before a character that starts none of
    ``words`` is left too: it opens a trade name (五桐食品, 九桐电器), where alone or before a
    measure word it is a count (三家食品公司)."""
    maxlen = _longest(words)
    i = left = 0
    while i < len(s):
        for L in range(min(maxlen, len(s) - i), 0, -1):
            if s[i:i + L] in words:
                if L == 1 and s[i] in opening and i + 1 < len(s) and not any(
                        s[i + 1:i + 1 + k] in words for k in range(1, min(maxlen, len(s) - i - 1) + 1)):
                    left += 1                     # 四|海食品: a numeral opening a trade name
                i += L
                break
        else:
            left += 1
            i += 1
    return left
