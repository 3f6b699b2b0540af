"""The recogniser's sources combined into one set of mentions, by one precedence.

Sources, for a language of the character engine: the rules (``scan.Scanner``: heads, place
chains, ``X局Y处``, titles before people), the lexicons (``lexicon.py``: listed companies, central
bodies, international organisations), the trained model (``ner_model``: PER / LOC / ORG spans)
and the user's gazetteer. Precedence, highest first (each source only where the ones above it
leave the text free, except where said):

1. **time expressions and titles of works** are never part of a name;
2. **the user's gazetteer**: its names are taken first and block the text they cover;
3. **lexicon names and stems** (``中联重科股份有限公司``, ``中联重科``; ``外交部``): a name of a list wins
   over a rule or model name that it contains or crosses; a longer name holding it stays;
4. **rule organisations**, kept as the rules read them, except where a model organisation
   holds rule names, none beside another (``某县委县政府`` are two bodies): it takes their place
   (the rules stopped at a word inside the name: ``中央民族大学新闻与传播学院``, not ``传播学院``),
   unless it reads past the last of them without ending with a head or a unit word (``某商会参会``:
   a verb glued to the name; cut there); a rule name at its start stays as the parent body. A
   rule name reading, before where a model organisation ending with it starts, more than a place
   chain (``经国务院``: a preposition or a word of the tables, and no place suffix right before the
   model's start) starts where the model's does,
   when the rules accept that shorter reading (``重庆某某塑胶制品有限公司`` keeps its trade name:
   ``塑胶制品有限公司`` is no name);
5. **model spans**: organisations, people and places where the sources above found nothing, after
   the junk rule below (a model name starting with the short form of a company of the document,
   江西某某新能源有限公司 → 某某新能源, and reading on without ending a body ends with that short
   form: 某某新能源|拟); a model organisation over a place the rules found is an organisation
   (the place acting as a body: ``苏州高新区``);
6. **lexicon aliases** (short names: ``中華電``, ``欧盟``, ``美的``) only when confirmed: the document
   also names the entry in full (name or stem), the model or the rules read exactly that span
   as an organisation, or a word of company life follows it in its clause (``recogniser.yaml``
   ``lexicons.context``: ``某某等8档概念股``, ``某某股价``). A confirmed alias is then a mention
   wherever it is written free.

Listed names (``Scanner.enumerated``, media titles, Latin parties, named bodies, and a model person
or place right before the phase of a project, constructions.yaml ``project_phase``: 某某三期项目)
stand with the rule organisations where no rule name covers them.

Venues: a name of any source ending with a venue or street word (orgs.yaml ``venues``: 宾馆,
报告厅, 路) is no organisation, nor is a meeting written by its ordinal (orgs.yaml ``meetings``:
十九大), nor is a rule, model or list name ending inside a word of the
tables (民政部|门, 财政部|长, 银行|业: its last character starts a generic word or a title; a
generic word of generic.yaml starting inside it runs past its end: 某区政府中心|工作, 招商|引资),
nor an outlet opening a line with its dateline (orgs.yaml ``dateline``: 某某网北京9月5日电), nor a
name right after a distributive (generic.yaml ``distributives``: 各|县区统战部, every such body).

Junk rule (every model span; a span a name list also holds is spared the last two tests): a span of
fewer than two name characters, a title (执委), the end of a head cut from its first characters
(支部 of 党支部), one that is only a head (but a standalone one: ``国务院``) or a generic
word (``公司``, ``各级``), or one describing a kind of body (a place and industry words before its
head: ``中国工程机械``), or one whose head is no head there as the rules read heads (a title
follows: ``某界别政协|委员``; a place-only head after no place: ``区县工商联``), or a short one
without a head cut off the end of a longer word (orgs.yaml ``word_tail_max``: 改善|民生、) is no
name; a span ending inside a head word (``临港新城管委`` of ``临港新城管委会``) ends with that head.

Lexicon names and confirmed aliases carry their ``LexiconEntry`` (``OrgMention.entry``): the entity
resolution makes one entity of an entry's mentions and adds its other names as aliases.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .lexicon import Lexicon, LexiconEntry, LexiconHit
from .rules import Rules
from .scan import OrgMention, PersonMention, PlaceMention, Scanner, _covers, _uncovered

__all__ = ["NameSpan", "organisations", "people", "places", "head_ending", "in_context", "retyped"]

_FORM_RANK = {"name": 0, "stem": 1, "alias": 2}


class NameSpan(NamedTuple):
    """A model span: half-open offsets, type ``PER``/``LOC``/``ORG``, score 0-1."""

    start: int
    end: int
    type: str
    score: float = 1.0


def head_ending(rules: Rules, t: str, start: int, end: int) -> str:
    """The longest head word of the tables ending ``t[start:end]`` (``""`` when none)."""
    for L in rules.head_lengths:
        if end - L >= start and t[end - L:end] in rules.heads:
            return t[end - L:end]
    return ""


def _fix_model_span(rules: Rules, t: str, s: int, e: int) -> tuple[int, int] | None:
    """The junk rule of the module docstring for one model span: ``None`` for no name, else the
    span without the quotes around it, starting after a word of the tables that runs across its
    start (莅临恒拓公司 → 恒拓公司) or after a line break when no letter stands before it (a list
    number: 01\n恒拓公司),
    cut where it starts or ends inside a run of Latin letters or digits (海淀区 of 海淀区GDP),
    without a preposition of boundaries.yaml read after its head (某法院|经审查 → 某法院),
    cut before a word of boundaries.yaml of two characters or more right after a head inside it
    (某某航空|派出法律部: the body, then what it does); a span ending with a title of people.yaml
    and a person's name after it (主审法官李某某) and no head names nobody
    and extended to the end of a head word it ends inside, without a dateline (orgs.yaml
    ``datelines``: 某某网|讯); heads alone (有限公司有限公司) or a
    span longer than ``max_name`` and a head name nothing, nor does a span without a head ending
    with a named day or a count of things (orgs.yaml ``headless_ends``: 某某慈善日, 某区五大),
    written after a byline mark (orgs.yaml ``byline``: 图/某某), alone on its line (a label) or
    cut inside a project's name (orgs.yaml ``project_tail``: 某某纺织|服饰产业园项目)."""
    s, e = _strip_edges(t, max(0, s), min(len(t), e))
    for a in range(max(0, s - rules.word_max + 1), s):  # 莅临|恒拓公司: a word of the tables runs across the start
        w = rules.word_re.match(t, a)
        if w is not None and s < w.end() < e:
            s = w.end()
            break
    while s < e and s > 0 and _LATIN.match(t, s) and _LATIN.match(t, s - 1):
        s += 1
    while e > s and e < len(t) and _LATIN.match(t, e - 1) and _LATIN.match(t, e):
        e -= 1
    while e - 1 > s and t[e - 1].isdigit() and _HAN.match(t, e - 2):
        e -= 1                                         # 执委3: a count glued to a word
    if t.endswith(rules.datelines, s, e):
        e -= 1                                         # 某某网讯: the agency, then its dateline
    if e - s > 2 and t[e - 1] in rules.prepositions and not head_ending(rules, t, s, e) \
            and head_ending(rules, t, s, e - 1):
        e -= 1                                         # 法院|经审查: a head, then a preposition
    if _title_and_person(rules, t, s, e) or _person_then_verb(rules, t, s, e):
        return None                                    # 主审法官|李某某; 李某某|出席|推进会
    e = _head_then_verb(rules, t, s, e)                # 某某航空|派出法律部
    k = _count_end(rules, t, s, e)
    if k is not None:
        s = k                                          # 组织百名|…: what follows a count phrase
    if e - s < 2 or not rules.name_run_re.search(t, s, e) or not _balanced(t[s:e]):
        return None
    longest = rules.head_lengths[0] if rules.head_lengths else 0
    for k in range(max(s + 1, e - longest + 1), e):   # 临港新城管委 → 临港新城管委会
        m = rules.head_re.match(t, k)
        if m is not None and m.end() > e:
            e = m.end()
            break
    body = t[s:e]
    # 有限公司有限公司…: heads alone, or longer than any name; “某某慈善日”, 某区五大|活动, 图/某某, a label
    if e - s > rules.max_name + longest or (_covers(body, rules.head_words) and not (
            body in rules.heads and rules.heads[body].standalone)) or _no_body(rules, t, s, e):
        return None
    if (body in rules.heads and not rules.heads[body].standalone) or body in rules.generic \
            or body.startswith(rules.determiners) or body.endswith(rules.class_nouns) \
            or rules.title_before_re.fullmatch(body) or rules.title_after_re.fullmatch(body) \
            or (rules.head_tails_re is not None and rules.head_tails_re.fullmatch(body)):
        return None                                    # 公司, 各级, 有关司局, 执委 (a title), 支部 (党支部 cut)
    return s, e


def _phase_companies(sc: Scanner, names: Sequence[Any]) -> list[OrgMention]:
    """Companies named by the phase of their project (constructions.yaml ``project_phase``): a
    model person or place right before 三期项目, read leftwards to a boundary over at most
    ``lead_max`` characters (在|法某某三期项目: the model read 某某), ``how`` = ``named``."""
    r, t = sc.r, sc.t
    out: list[OrgMention] = []
    if r.phase_re is None:
        return out
    place_spans = {(p.start, p.end) for p in sc._place_at.values()}
    for n in names:
        if n.type not in ("PER", "LOC") or not r.phase_re.match(t, n.end) or 1 in sc.blocked[n.start:n.end]:
            continue
        s = n.start
        while s > 0 and not sc.boundary_before(s) and n.start - s < r.phase_lead:
            s -= 1
        if sc.boundary_before(s) and n.end - s >= 2 and (s, n.end) not in place_spans:
            out.append(OrgMention(s, n.end, s, "", how="named"))
    return out


def _no_body(rules: Rules, t: str, s: int, e: int) -> bool:
    """The model span ``t[s:e]`` names no body: after a byline mark (orgs.yaml ``byline``), or,
    without a head, ending with a named day or a count (orgs.yaml ``headless_ends``), alone on its
    line, or cut inside a project's name (orgs.yaml ``project_tail``)."""
    if rules.byline_re is not None and rules.byline_re.search(t[max(0, s - 8):s]):
        return True
    if head_ending(rules, t, s, e):
        return False
    return bool(rules.headless_ends_re is not None and rules.headless_ends_re.search(t, s, e)) \
        or _alone_on_line(t, s, e) or _in_project_name(rules, t, e)


def _in_project_name(rules: Rules, t: str, e: int) -> bool:
    """The rest of a project's name follows ``e`` with no word of the tables in it (orgs.yaml
    ``project_tail``: 某某纺织|服饰产业园项目; not 某某|签订…项目, a party then its act, nor 某某|二期项目,
    the company a phase is named after: constructions.yaml ``project_phase``)."""
    if rules.phase_re is not None and rules.phase_re.match(t, e):
        return False
    m = rules.project_tail_re.match(t, e) if rules.project_tail_re is not None else None
    return m is not None and not any(rules.word_re.match(t, k) for k in range(e, m.end() - 2))


def _alone_on_line(t: str, s: int, e: int) -> bool:
    """``t[s:e]`` is all its line holds, spaces aside (a column or section label of the page:
    某某资讯 between two menu lines)."""
    a, b = s, e
    while a > 0 and t[a - 1] in " \t\u3000":
        a -= 1
    while b < len(t) and t[b] in " \t\u3000":
        b += 1
    return (a == 0 or t[a - 1] == "\n") and (b == len(t) or t[b] in "\r\n")


def _count_end(rules: Rules, t: str, s: int, e: int) -> int | None:
    """The end of the last count phrase (boundaries.yaml numerals and a measure word: 百名, 两家)
    strictly inside the model span ``[s, e)`` (a span opening with one, 二十届三中全会, is left to
    the checks of meetings), unless a known place holds it
    (五家渠); ``None`` when there is none."""
    last = None
    for m in rules.count_re.finditer(t, s, e):
        if s < m.start() and m.end() < e:
            last = m
    if last is None:
        return None
    p = rules.place_names_re.search(t, max(0, last.start() - 4), min(len(t), last.end() + 4))
    while p is not None:
        if p.start() < last.end() and p.end() > last.start():
            return None
        p = rules.place_names_re.search(t, p.start() + 1, min(len(t), last.end() + 4))
    return last.end()


def _title_and_person(rules: Rules, t: str, s: int, e: int) -> bool:
    """``t[s:e]`` ends with no head but with a title of people.yaml and a person's name of a known
    surname after it (主审法官李某某)."""
    if head_ending(rules, t, s, e):
        return False
    for k in range(s, e - rules.name_min):
        m = rules.title_before_re.match(t, k)
        if m is not None and t[m.end():m.end() + 1] in rules.surnames \
                and rules.name_min <= e - m.end() <= rules.name_max:
            return True
    return False


def _person_then_verb(rules: Rules, t: str, s: int, e: int) -> bool:
    """``t[s:e]`` opens with a person's name (a surname of people.yaml and one or two characters)
    then a word of boundaries.yaml ``after_words`` of two characters or more (李某某|出席|推进会):
    a person doing something, no body."""
    k = s + next((len(c) for c in rules.compound_surnames if t.startswith(c, s)), 1)
    if k == s + 1 and t[s] not in rules.surnames:
        return False
    for g in (1, 2):
        if s + rules.name_min <= k + g <= s + rules.name_max:
            m = rules.after_words_re.match(t, k + g)
            if m is not None and m.end() - m.start() >= 2 and m.end() < e:
                return True
    return False


def _head_then_verb(rules: Rules, t: str, s: int, e: int) -> int:
    """The end of ``t[s:e]`` before a word of boundaries.yaml of two characters or more that runs
    right after a head inside it (某某航空|派出法律部), else ``e``; a head word opening with such a
    word is no verb (某协会|联合会)."""
    for k in range(s + 2, e - 1):
        w = rules.word_re.match(t, k)
        if w is not None and w.end() < e and w.group() in rules.boundary_words and head_ending(rules, t, s, k) \
                and rules.head_re.match(t, k) is None:
            return k
    return e


def _strip_edges(t: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` without the quotes around it (“甲乙资产”) nor a list number on a line of its own
    before it (01\n某公司)."""
    while s < e and t[s] in _EDGE:
        s += 1
    brk = t.find("\n", s, e)
    if brk >= 0 and not _LETTER.search(t, s, brk):
        s = brk + 1
        while s < e and t[s] in _EDGE:
            s += 1
    while e > s and t[e - 1] in _EDGE:
        e -= 1
    return s, e


_LATIN = re.compile(r"[0-9A-Za-z]")
_LATIN_ONLY = re.compile(r"[0-9A-Za-z&.' -]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")
_OPEN, _CLOSE = "(（[【《“", ")）]】》”"
_EDGE = "“”‘’\"'「」『』《》〈〉【】[] \t\n"


def _balanced(s: str) -> bool:
    """Every bracket of ``s`` closed in it, and none closed before it opens (中国)有限公司 is cut)."""
    depth = 0
    for c in s:
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _description(sc: Scanner, s: int, e: int) -> bool:
    """``t[s:e]`` describes a kind of company rather than naming one, as the rules judge a company
    name (orgs.yaml ``min_trade_name``): with a company head and no place before it, what stands
    after the last word of the tables inside it (组建 of 某地组建某某集团公司) and before its head is
    only industry and generic words (畜产品生物科技集团公司; a place right before them makes a
    name: 雄安集团有限公司); without a head, a place and only industry words (中国工程机械)."""
    r, t = sc.r, sc.t
    head = head_ending(r, t, s, e)
    hs = e - len(head)
    k = sc._place_chain(s, hs, sc._place_at)
    if not head:                                      # 中国工程机械: a place and a line of business
        return s < k < e and _covers(t[k:e], r.industry)
    if not r.heads[head].trade_name:
        return False
    cut = next((q for q in range(hs - 1, k, -1) if sc.boundary_word_at(q) >= 2), None)
    if cut is None and k > s:
        return False                                  # a place and a company head: a name
    core = t[cut if cut is not None else k:hs]
    return bool(core) and _uncovered(core, r.industry_generic) < r.min_trade_name


def _starts_inside(o: OrgMention, reach: list[int]) -> bool:
    """A rule name starting, without a place or a level character, inside a model span (a word the
    model reads: 港上市公司 of 香港上市公司) and reaching past it starts inside a word: no name.
    ``reach[p]``: the farthest end of a model span running across ``p``."""
    return o.how == "head" and not (o.has_place or o.level) and o.start < reach[o.start] < o.end


def in_context(sc: Scanner, s: int, e: int) -> bool:
    """A model span in Latin script alone stands in Chinese text (a character of the text's own
    script right before or after it, spaces aside), and is no name the word engine of that script
    reads (``Scanner.latin_taken``): an English paragraph and Keller Antriebstechnik GmbH are the
    word engine's."""
    t = sc.t
    if sc.latin_taken.intersection(range(s, e)):
        return False
    if not _LATIN_ONLY.fullmatch(t, s, e):
        return True
    a, b = s, e
    while a > 0 and t[a - 1] == " ":
        a -= 1
    while b < len(t) and t[b] == " ":
        b += 1
    return bool((a > 0 and _HAN.match(t, a - 1)) or (b < len(t) and _HAN.match(t, b)))


def _head_holds(sc: Scanner, s: int, e: int) -> bool:
    """A model span ending with a head is a name the rules accept (``Scanner._analyse``: a generic
    class, 民间协会, 村卫生室, a place-only head after no place, 区县工商联, are none; nor is what
    follows a word of the tables it starts with: 新建|乡镇商会); the head is a head there (orgs.yaml
    ``not_followed_by``: 某某界别政协|委员; ``not_preceded_by``: 设厂), and a head inside it that
    only a place may precede has one (工商联工作委员会: 工商联 of no place)."""
    r, t = sc.r, sc.t
    head = head_ending(r, t, s, e)
    if not head:
        return True
    nf = r.head_not_followed_re.get(head)
    if nf is not None and nf.match(t, e):
        return False
    hs = e - len(head)
    if any(t.endswith(w, s, hs) for w in r.head_not_preceded.get(head, ())):
        return False                                   # 来某地设厂: 设厂 is no factory
    lead = r.word_re.match(t, s)                      # 新建乡镇商会: a verb, then no name
    if lead is not None and lead.end() < hs and sc.boundary_word_at(lead.end()) >= 2 \
            and sc._analyse(lead.end(), hs, e, head, sc._place_at) is None:
        return False
    for m in r.head_re.finditer(t, s, hs):            # 工商联工作委员会: a head needing a place, and none
        if r.heads[m.group()].place_only and sc._analyse(s, m.start(), m.end(), m.group(), sc._place_at) is None:
            return False
    return sc._analyse(s, hs, e, head, sc._place_at) is not None


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _free(mask: bytearray, s: int, e: int) -> bool:
    return 1 not in mask[s:e]


def _with_blocked(occupied: bytearray, blocked: bytearray | None) -> bytearray:
    """A copy of ``occupied`` with ``blocked`` (same length) set on it."""
    taken = bytearray(occupied)
    if blocked is not None and 1 in blocked:
        for m in _RUNS.finditer(bytes(blocked)):
            taken[m.start():m.end()] = m.group()
    return taken


_RUNS = re.compile(b"[^\x00]+")


def _mask(n: int, spans: Iterable[Any], base: bytearray | None = None) -> bytearray:
    """A mask of length ``n`` with 1 where one of ``spans`` (objects with start and end) lies,
    over ``base`` (copied) when given."""
    out = bytearray(base) if base is not None else bytearray(n)
    for x in spans:
        out[x.start:x.end] = b"\x01" * (x.end - x.start)
    return out


def _model_org(rules: Rules, t: str, s: int, e: int, has_place: bool = False) -> OrgMention:
    head = head_ending(rules, t, s, e)
    return OrgMention(s, e, s, head, how="model", has_place=has_place, head_start=e - len(head) if head else -1)


def _ends_a_body(sc: Scanner, s: int, e: int) -> bool:
    """``t[s:e]`` ends with a head word that is a head there (orgs.yaml ``not_followed_by``: 政协委员
    is a title), after as many characters as its ``min_core`` asks (某公司新厂 is a company's new
    factory), or with a unit word (orgs.yaml ``units``: 研究室, 监理部; one of one character after
    two more at least: 某公司总部 is its seat)."""
    r, t = sc.r, sc.t
    for L in r.head_lengths:
        if e - L >= s and t[e - L:e] in r.heads:
            h = t[e - L:e]
            nf = r.head_not_followed_re.get(h)
            if (nf is None or nf.match(t, e) is None) and e - L - s >= r.min_core.get(h, 0):
                return True
    return any(t.endswith(u, s, e) and (len(u) > 1 or e - s >= 3) for u in r.units)


def _head_then_noun(sc: Scanner, s: int, e: int) -> bool:
    """``t[s:e]`` opens with a head word and ends with neither a head nor a unit (商会人脉, 协会会员:
    a bare head, then a noun of its own): no name."""
    m = sc.r.head_re.match(sc.t, s)
    return m is not None and m.end() < e and not _ends_a_body(sc, s, e)


def _ends_inside_word(sc: Scanner, s: int, e: int) -> bool:
    """``t[s:e]`` ends inside a word of the tables: its last character starts a generic word or a
    title (民政部|门, 财政部|长: 部门, 部长), or a generic word of two characters or more starting
    inside it runs past its end (某区政府|中心工作 of 中心工作, 招商 of 招商引资)."""
    if sc.ends_inside_word(e):
        return True
    r, t = sc.r, sc.t
    if e >= len(t) or not sc.name_char(e):
        return False
    for a in range(max(s, e - r.generic_max + 1), e - 1):
        m = r.generic_re.match(t, a)
        if m is not None and m.end() > e:
            return True
    return False


def _word_tail(sc: Scanner, s: int, e: int) -> bool:
    """The model span ``t[s:e]`` is the tail of a longer word (orgs.yaml ``word_tail_max``: 改善|民生、):
    short, no head, no boundary before it, and punctuation or a word of the tables after it."""
    r, t = sc.r, sc.t
    if e - s > r.word_tail_max or sc.boundary_before(s) or head_ending(r, t, s, e):
        return False
    return e >= len(t) or not sc.name_char(e) or r.word_re.match(t, e) is not None


def organisations(sc: Scanner, orgs: list[OrgMention], names: Sequence[Any], hits: Sequence[LexiconHit],
                  places: Sequence[PlaceMention], lexicon: Lexicon | None = None,
                  model_ran: bool = False) -> list[OrgMention]:
    """The organisation mentions of the text by the precedence of the module docstring, from the
    rule mentions ``orgs`` (``Scanner.orgs``), the model spans ``names`` and the lexicon ``hits``
    (``lexicon``: the lists, whose context words confirm short names); ``model_ran``: the model
    read the text (its silence then counts: orgs.yaml ``unconfirmed_heads``).
    Text the scanner's ``blocked`` mask covers (time expressions, gazetteer names) holds none; the
    caller has left out the model spans not ``in_context``."""
    r, t = sc.r, sc.t
    blocked = sc.blocked
    model_orgs = []
    unplaced: list[tuple[int, int]] = []               # model names ending with a head the rules refuse
    cleaned = []                                       # every model span without its edge quotes
    model_orgs_read = [(n.start, n.end) for n in names if n.type == "ORG"]   # as read
    listed_spans = {(h.start, h.end) for h in hits if h.entry.type == "ORG"}
    for n in names:
        fixed = _fix_model_span(r, t, n.start, n.end) if n.type == "ORG" else (n.start, n.end)
        if fixed is None:
            continue
        cleaned.append(fixed)
        if n.type == "ORG" and _free(blocked, *fixed) and (fixed in listed_spans or (
                not _description(sc, *fixed) and not _ends_inside_word(sc, *fixed)
                and not _head_then_noun(sc, *fixed) and not _word_tail(sc, *fixed))):
            if fixed in listed_spans or _head_holds(sc, *fixed):
                model_orgs.append(fixed)
            elif head_ending(r, t, *fixed):
                unplaced.append(fixed)                 # 某某街道办事处 of a stem the rules refuse
    best: dict[tuple[int, int], LexiconHit] = {}
    for h in hits:                                     # strongest form of each span
        if h.entry.type != "ORG" or not _free(blocked, h.start, h.end):
            continue
        k = (h.start, h.end)
        if k not in best or _FORM_RANK[h.form] < _FORM_RANK[best[k].form]:
            best[k] = h
    ends = {o.end for o in orgs} | {p.end for p in sc._place_at.values()}
    read = {(o.start, o.end) for o in orgs} | set(model_orgs)

    def starts_name(h: LexiconHit) -> bool:
        """A list's name starts and ends a name (文化部 of 企业文化部 does not start one, 民政部 of
        民政部门 and 财政部 of 财政部长 end none), or the rules or the model read it."""
        if (h.start, h.end) in read:
            return True
        return (sc.boundary_before(h.start) or h.start in ends) and not _ends_inside_word(sc, h.start, h.end)

    ruled = _mask(len(t), orgs)
    listed = [o for o in sc.enumerated(list(places)) + sc.media_titles() + sc.latin_parties() + sc.named_bodies()
              + _phase_companies(sc, names) if _free(ruled, o.start, o.end)]
    reach = [0] * (len(t) + 1)                        # the farthest end of a model span across each point
    for a, b in cleaned:
        for p in range(a + 1, b):
            reach[p] = max(reach[p], b)
    orgs = _joined(sc, [o for o in orgs if not _starts_inside(o, reach)])
    out, named = _lexicon_names(sc, orgs + listed, [h for h in best.values() if h.form != "alias"], starts_name)
    stems = _company_stems(sc, out)
    index = _Spans(out)
    place_spans = {(p.start, p.end) for p in places}
    for s, e in sorted(set(model_orgs)):
        stem = next((L for L in stems.get(t[s:s + 2], ()) if s + L < e and t.startswith(t[s:s + L], s)
                     and t[s:s + L] in stems[t[s:s + 2]][L] and not _ends_a_body(sc, s + L, e)), None)
        if stem is not None:
            e = s + stem                               # 某某新能源拟: the company's short form and a verb
        _with_model_org(sc, index, s, e, place_spans)
    out = _confirmed_aliases(sc, index.mentions(), [h for h in best.values() if h.form == "alias"], named, starts_name,
                             lexicon)
    venue, meeting = r.venues_re, r.meetings_re
    out = [o for o in out if not (venue is not None and venue.search(t, o.start, o.alt_end or o.end))
           and not _venue_room(sc, o)
           and not (meeting is not None and meeting.fullmatch(t, o.start, o.end))
           and not (o.how in ("head", "model", "unit") and _ends_inside_word(sc, o.start, o.end))
           and not _dateline_outlet(sc, o) and not t.endswith(r.distributives, 0, o.start)]
    out = _without_abbreviated_place(sc, out)
    out = _confirmed_companies(sc, out, model_orgs_read, model_ran)
    out += _listed_departments(sc, out, unplaced)
    ends = {o.end for o in out}
    out = [o for o in out if not _after_bare_head(sc, o, ends)]
    out.sort(key=lambda o: (o.start, -o.end))
    return out


def _venue_room(sc: Scanner, o: OrgMention) -> bool:
    """``o`` is a room of a building written in it or right before it (orgs.yaml ``venue_rooms``:
    某某酒店贵宾厅, 三楼|国宾厅): a venue. The building's words before the name are read back over
    name characters up to a boundary word, ``word_max`` characters at most."""
    rx, t = sc.r.venue_room_re, sc.t
    if rx is None:
        return False
    a = o.start
    while a > 0 and o.start - a < sc.r.word_max and sc.name_char(a - 1) and not sc.boundary_word_at(a):
        a -= 1
    return rx.search(t, a, o.alt_end or o.end) is not None


def _dateline_outlet(sc: Scanner, o: OrgMention) -> bool:
    """``o`` opens a line (spaces aside) and the outlet's dateline follows it (orgs.yaml
    ``dateline``: 某某网北京9月5日电): the page's publisher, no party of the story."""
    r, t = sc.r, sc.t
    if r.dateline_re is None or not r.dateline_re.match(t, o.alt_end or o.end):
        return False
    k = o.start
    while k > 0 and t[k - 1] in " \t\u3000":
        k -= 1
    return k == 0 or t[k - 1] == "\n"


def _confirmed_companies(sc: Scanner, orgs: list[OrgMention], model: list[tuple[int, int]],
                         model_ran: bool) -> list[OrgMention]:
    """``orgs`` without the companies of orgs.yaml ``unconfirmed_heads`` that nothing confirms: a
    rule name of a bare head (公司), no place nor level, no industry word in its core, which no
    ``model`` organisation span overlaps at any mention of the same text and whose core no other
    name of ``orgs`` holds (同叙公司, 新征程公司: a word glued to "the company"), in a text that
    writes the head alone as a word (公司举办…: the story's own company is "the company"). Linear
    in the text and the names; ``orgs`` unchanged when the model did not run (``model_ran``)."""
    r, t = sc.r, sc.t
    if not r.unconfirmed_heads or not model_ran:
        return orgs
    mask = _mask(len(t), [NameSpan(a, b, "ORG") for a, b in model])
    cands = [o for o in orgs if o.how == "head" and o.head in r.unconfirmed_heads and not o.has_place
             and o.level is None and o.head_start == (o.alt_end or o.end) - len(o.head) and o.entry is None]
    if not cands:
        return orgs
    alone = {h for h in r.unconfirmed_heads for m in re.finditer(re.escape(h), t)
             if not sc.name_char(m.start() - 1)}       # 。公司举办…: the head alone opens a clause
    cands = [o for o in cands if o.head in alone]
    confirmed = {t[o.start:o.end] for o in cands if not _free(mask, o.start, o.end)}
    others: set[str] = set()                           # every piece of another name: linear in the names
    for name in {t[o.start:o.end] for o in orgs if o.how != "head" or o.head not in r.unconfirmed_heads
                 or o.has_place or o.level is not None}:
        others.update(name[a:b] for a in range(len(name)) for b in range(a + 2, len(name) + 1))
    drop = set()
    for o in cands:
        core = t[o.core_start:o.head_start]
        if t[o.start:o.end] in confirmed or not core or _uncovered(core, r.industry) < len(core) or core in others \
                or sc._anonymous(core):                # 乙公司, 某某公司: a party whose name is withheld
            continue
        drop.add(id(o))
    return [o for o in orgs if id(o) not in drop]


def _listed_departments(sc: Scanner, orgs: list[OrgMention], model: list[tuple[int, int]]) -> list[OrgMention]:
    """Bodies written as a whole item of a list (elliptical ``separators``) of a place's bodies (an
    organisation of a place or a level character among its items, 县政府办、金融办、住建局): a
    department by its head alone (金融办, 发展和改革局: a government head of orgs.yaml of three
    characters or more, no ``min_core``), or a name of the ``model`` ending with a head that the
    rules refuse for want of a place they know (某某街道办事处 of a stem that is also a verb). Linear
    in the text."""
    r, t = sc.r, sc.t
    seps = r.ellipsis_separators
    if not seps:
        return []
    ends = {o.end for o in orgs if o.has_place or o.level}
    starts = {o.start for o in orgs if o.has_place or o.level}
    spans = {(o.start, o.end) for o in orgs}
    model_at = dict(model)
    out: list[OrgMention] = []
    for m in r.ellipsis_separators_re.finditer(t):
        j = m.start()
        a = j + 1
        b = _item_end(sc, a)
        h = t[a:b]
        head = r.heads.get(h)
        bare = head is not None and head.kind == "government" and len(h) >= 3 and h not in r.min_core
        if not (bare or model_at.get(a) == b) or (a, b) in spans:
            continue
        if _placed_item(sc, ends, starts, j, -1) or (b < len(t) and t[b] in seps
                                                     and _placed_item(sc, ends, starts, b, 1)):
            h = h if bare else head_ending(r, t, a, b)
            out.append(OrgMention(a, b, a, h, how="head" if bare else "model", head_start=b - len(h)))
            spans.add((a, b))
    return out


def _item_end(sc: Scanner, a: int) -> int:
    """The end of the list item starting at ``a``: a separator, the mark of ``enumerated`` (等) or
    the end of the name characters, ``item_max`` at most."""
    r, t = sc.r, sc.t
    b = a
    while sc.name_char(b) and t[b] not in r.ellipsis_separators and not t.startswith(r.enum_mark or "\0", b) \
            and b - a <= r.ellipsis_item_max:
        b += 1
    return b


def _placed_item(sc: Scanner, ends: set[int], starts: set[int], k: int, step: int) -> bool:
    """An organisation of a place (``ends``, ``starts``: where those of the text end and start) ends
    an item of the list before the separator at ``k`` (``step`` -1) or starts one after it (``step``
    1), read item by item."""
    r, t = sc.r, sc.t
    seps = r.ellipsis_separators
    for _ in range(r.ellipsis_item_max):
        if step < 0:
            if k in ends:
                return True
            a = k
            while a > 0 and sc.name_char(a - 1) and t[a - 1] not in seps and k - a <= r.ellipsis_item_max:
                a -= 1
            if not (a > 0 and t[a - 1] in seps):
                return False
            k = a - 1
        else:
            if k + 1 in starts:
                return True
            b = _item_end(sc, k + 1)
            if not (b < len(t) and t[b] in seps):
                return False
            k = b
    return False


def _after_bare_head(sc: Scanner, o: OrgMention, ends: set[int]) -> bool:
    """A rule name without a place or a level character written right after a head that only a
    place may precede and that names nothing there (法院|检察厅, 政府|某某科: a room or a unit of a
    body the text does not name) is none."""
    r, t = sc.r, sc.t
    if o.how != "head" or o.has_place or o.level or o.start in ends:
        return False
    h = head_ending(r, t, max(0, o.start - r.head_lengths[0]), o.start) if r.head_lengths else ""
    return bool(h) and r.heads[h].place_only


def _without_abbreviated_place(sc: Scanner, orgs: list[OrgMention]) -> list[OrgMention]:
    """A name read from a place's one-character abbreviation written after a word of being
    somewhere (places.yaml ``abbreviated``: 在杭|温州商会) starts after the abbreviation, when a
    place (a known name, a stem learnt from the document) starts there (在杭州商会 stays); a name
    the same span already gives is not repeated."""
    r, t = sc.r, sc.t
    if not r.abbreviated_chars:
        return orgs
    spans = {(o.start, o.end) for o in orgs}
    out = []
    for o in orgs:
        s = o.start
        if o.how in ("head", "model") and s > 0 and t[s - 1] in r.abbreviated_after and t[s] in r.abbreviated_chars \
                and (s + 1 in sc._place_at or s + 1 in sc._weak) \
                and s + 1 < (o.head_start if o.head_start >= 0 else o.end):
            if (s + 1, o.end) in spans:
                continue
            o.start = o.core_start = s + 1
            o.has_place = True
            spans.add((o.start, o.end))
        out.append(o)
    return out


def _joined(sc: Scanner, orgs: list[OrgMention]) -> list[OrgMention]:
    """Rule names the rules cut short, joined (rule 4 of the module docstring):

    * **across a weak word** (boundaries.yaml ``weak_words``: 与, 和): a name starting right after
      one, when what is written before it (back to a boundary) starts with a place or another
      name and ends with no head (an incomplete name: 某某大学新闻 | 与 | 传播学院, 中国木材 | 与 |
      木制品流通协会); ``某公司与某协会`` are two bodies; across the list mark 等 only after one
      place that is no item of a list (北京 | 等 | 离子体学会: 等离子体 is a word; 甲、乙等… a list);
    * **a unit of a body** (orgs.yaml ``units``): a name followed by a field of name characters and
      a unit word ending a word (某市工商联研究室, 某设计院工程建设监理部, 某协会地板委员会); the
      field holds no word of the tables (a verb, a title: 某医院组织医疗队, 某工商联主席某某带队);
      a unit of one character needs a field of two to four (公司全部 is no unit); a unit word that
      orgs.yaml ``not_followed_by`` says is no head where written is none (设分会|场: a venue).
    The name cut or extended stays as the parent body (``nested``)."""
    r, t = sc.r, sc.t
    starts = {o.start: o for o in orgs}
    out = list(orgs)
    for o in sorted(orgs, key=lambda o: o.start):
        if o.how != "head" or o.start < 2 or o.has_place or o.level:
            continue
        mark = t[o.start - 1]
        if mark not in r.weak_words and mark != r.enum_mark:
            continue
        k = o.start - 1
        while k > 0 and sc.name_char(k - 1) and not sc.boundary_word_at(k) and o.end - k < r.max_name:
            k -= 1
        left = t[k:o.start - 1]
        if len(left) < 2 or head_ending(r, t, k, o.start - 1) or not (k in sc._place_at or k in starts):
            continue
        if mark == r.enum_mark and (k not in sc._place_at or sc._place_at[k].end != o.start - 1
                                    or (k > 0 and t[k - 1] in r.enum_separators)):
            continue                                   # 甲、乙等…: a list, not one name
        joined = OrgMention(k, o.end, k, o.head, how="head", has_place=k in sc._place_at, head_start=o.head_start)
        out = [x for x in out if x is not o] + [joined]
        if k in starts:
            starts[k].how = "nested"
    for o in sorted(out, key=lambda o: o.start):
        if o.how not in ("head", "model", "lexicon"):
            continue
        end = o.alt_end or o.end
        for f in range(0, 9):
            if f and not sc.name_char(end + f - 1):
                break
            um = r.units_re.match(t, end + f) if r.units_re is not None else None
            u = um.group() if um is not None else None
            if u is None or (len(u) == 1 and f < 2):
                continue
            e = end + f + len(u)
            one_char_glued = len(u) == 1 and (f > 4 or sc.name_char(e) and not r.after_words_re.match(t, e)
                                              and not r.title_before_re.match(t, e))
            nf = r.head_not_followed_re.get(u)               # 设分会|场: the unit word is no head there
            if 0 in sc._ok[end:e] or _ends_inside_word(sc, end, e) or one_char_glued \
                    or (nf is not None and nf.match(t, e) is not None) \
                    or any(sc.boundary_word_at(q + 1) or r.title_before_re.match(t, q)
                           or r.after_words_re.match(t, q) for q in range(end, end + f)):
                continue                               # 某工商联主席某某带队, 某医院组织医疗队: no unit
            out.append(OrgMention(o.start, e, o.core_start, u, how="unit", has_place=o.has_place, level=o.level,
                                  head_start=end + f, unit=o.unit))
            o.how = "nested"
            break
    return out


class _Spans:
    """The mentions being combined (organisations, places), in order, indexed by the code points they cover:
    the mentions across a model span are looked up, not searched for among every mention (a
    quadratic scan in a document of thousands of names). ``mentions()`` keeps the order a list
    would have: a mention added goes last, one removed leaves its place."""

    def __init__(self, spans: Iterable[Any]) -> None:
        self._seq = 0
        self._order: dict[int, tuple[int, Any]] = {}
        self._at: dict[int, list[Any]] = {}
        for o in spans:
            self.add(o)

    def add(self, o: Any) -> None:
        self._order[id(o)] = (self._seq, o)
        self._seq += 1
        for p in range(o.start, o.end):
            self._at.setdefault(p, []).append(o)

    def remove(self, o: Any) -> None:
        del self._order[id(o)]
        for p in range(o.start, o.end):
            self._at[p] = [x for x in self._at[p] if x is not o]

    def across(self, s: int, e: int) -> list[Any]:
        """The mentions sharing a code point with ``[s, e)``, in order."""
        found = {id(o): o for p in range(s, e) for o in self._at.get(p, ())}
        return sorted(found.values(), key=lambda o: self._order[id(o)][0])

    def mentions(self) -> list[Any]:
        return [o for _, o in self._order.values()]


def _with_model_org(sc: Scanner, orgs: _Spans, s: int, e: int, places: set[tuple[int, int]]) -> None:
    """Rule 4 and 5 of the module docstring for one model organisation ``[s, e)``; ``places``:
    the spans of the place mentions."""
    r, t = sc.r, sc.t
    over = orgs.across(s, e)
    if not over:
        orgs.add(_model_org(r, t, s, e, has_place=(s, e) in places))
        return
    if any(o.start == s and o.end == e for o in over):
        return                                         # the rules read the same name
    inside = [o for o in over if s <= o.start and o.end <= e]
    if len(inside) == len(over):                       # the model name holds every name it meets
        _model_holds(sc, orgs, over, inside, s, e, places)
        return
    if len(over) == 1:
        o = over[0]
        extra = range(o.start, s)
        if o.start < s <= o.head_start and o.end == e and o.core_start < s and o.how == "head" \
                and not any(t.endswith(x, 0, s) for x in r.place_suffix_level) \
                and (t[o.start] in r.prepositions or any(sc.boundary_word_at(q + 1) for q in extra)
                     or _verb_before_standalone(sc, o, s, e)):
            # the rules read, before where the model starts the name, more than a place chain
            # (经国务院, 我带着县公安局, 全力执行国务院): the name starts where the model's does, when
            # the rules take that shorter reading too
            again = sc._analyse(s, o.head_start, o.alt_end or o.end, o.head, sc._place_at)
            if again is not None and again.start == s:
                again.aliases = list(o.aliases)
                orgs.remove(o)
                orgs.add(again)


def _verb_before_standalone(sc: Scanner, o: OrgMention, s: int, e: int) -> bool:
    """The model reads only the standalone head (orgs.yaml ``standalone``: 国务院) that ends the rule
    name ``o``, and what the rules read before it holds no place, level character nor head
    (全力执行|国务院: a verb the tables miss, glued to a body named by its head alone)."""
    r, t = sc.r, sc.t
    if s != o.head_start or t[s:e] not in r.heads or not r.heads[t[s:e]].standalone or o.has_place or o.level:
        return False
    return not any(t[q] in r.level_chars or q in sc._place_at for q in range(o.start, s)) \
        and r.head_re.search(t, o.start, s) is None


def _model_holds(sc: Scanner, orgs: _Spans, over: list[OrgMention], inside: list[OrgMention], s: int, e: int,
                 places: set[tuple[int, int]]) -> None:
    """A model organisation ``[s, e)`` holding the names ``inside`` (rule or list names): it
    takes their place, unless they are bodies side by side (某县委县政府; 某局联合县供销社, 某药房和
    某药店: only words of the tables between them; not a regional company right after its body:
    某某五局华南公司), the first of them starts with a level
    character (the rules read what names start with), it starts with a preposition (经|区
    市场监管局) or reads before the first of them over a word of the tables of two characters or
    more (公司全资子公司|某某有限公司) or over one word only (诉|某某有限公司: a verb glued to it),
    or the first of them is a one-letter party glued to the text before it (商定|A公司),
    or it reads past the last of them without ending a body (某商会参会: cut where that name ends). A name it holds
    at its start stays as the parent body (某大学某学院), unless a place and the head of a place's
    body follow it (共青团|某市委: that place's committee of it), or it is cut inside the model name's head
    (临港新城管委 of 临港新城管委会) or followed only by heads (中联重科 of 中联重科公司: one body,
    which keeps the name's lexicon entry)."""
    r, t = sc.r, sc.t
    tops = [o for o in inside if not any(p is not o and p.start <= o.start and o.end <= p.end
                                         and (p.start, p.end) != (o.start, o.end) for p in inside)]
    if any(a.end <= b.start and _joins(sc, a.end, b.start) and not _regional_unit(sc, a, b)
           for a in tops for b in tops) \
            or any(o.how in ("coordinated", "ellipsis") for o in tops):
        return                                         # 某县委县政府, 某局联合县供销社: bodies side by side
    first = min(tops, key=lambda o: o.start)
    if first.start > s and (first.level or t[s] in r.prepositions
                            or any(sc.boundary_word_at(q) >= 2 for q in range(s + 2, first.start + 1))
                            or sc.boundary_word_at(first.start) == first.start - s
                            or _glued_party(r, t, first)):
        return                                         # 经|区市场监管局, 公司全资子公司|某某有限公司, 诉|某公司
    last = max(tops, key=lambda o: o.end)
    if last.end < e and not _ends_a_body(sc, last.end, e) and not sc.trade_name(last.end, e):
        # not 某某电气|绿能科技 either: a trade name of its own after the company names a subsidiary
        if s == last.start:
            return                                     # 某商会参会: the name read is the body
        _with_model_org(sc, orgs, s, last.end, places)
        return
    new = _model_org(r, t, s, e)
    for o in over:                                     # the mentions of ``inside`` are all across [s, e)
        if o not in inside:
            continue
        if o.start == s:
            cut = any(t[k:k + L] in r.heads for L in r.head_lengths for k in range(max(s, o.end - L + 1), o.end)
                      if k + L > o.end and k + L <= e)
            if _covers(t[o.end:e], r.head_words):
                new.entry = new.entry or o.entry       # 中联重科 + 公司: one body
            elif not cut and not _place_body_after(sc, o.end, e):
                o.how = "nested"                       # a parent named at the start (某大学某学院)
                continue
        orgs.remove(o)
    orgs.add(new)


def _place_body_after(sc: Scanner, k: int, e: int) -> bool:
    """A place starts at ``k`` and ``t[k:e]`` ends with a head only a place may precede (orgs.yaml
    ``place_only``: 共青团|青梧市委): the body of that place of the organisation named before
    ``k``, which is then no party of its own."""
    r, t = sc.r, sc.t
    head = head_ending(r, t, k, e)
    return (k in sc._place_at or k in sc._weak) and bool(head) and r.heads[head].place_only


def _regional_unit(sc: Scanner, a: OrgMention, b: OrgMention) -> bool:
    """``b`` is written right after ``a`` and its core is a region of the country (orgs.yaml
    ``regions``: 某某五局|华南公司): the regional company of that body, one name with it."""
    r, t = sc.r, sc.t
    return a.end == b.start and t[b.core_start:b.head_start] in r.regions


def _glued_party(rules: Rules, t: str, o: OrgMention) -> bool:
    """``o`` is a one-letter anonymous party right after a character of another script (orgs.yaml
    ``anonymous.glued``: 商定|A公司)."""
    return rules.anonymous_glued_re is not None and o.head_start == o.start + 1 \
        and rules.anonymous_glued_re.match(t, o.start) is not None


def _company_stems(sc: Scanner, orgs: list[OrgMention]) -> dict[str, dict[int, set[str]]]:
    """The short forms of the document's companies (a trade-name head after a place: 江西某某新能源
    有限公司 → 某某新能源; three characters or more), by their first two characters and length."""
    r, t = sc.r, sc.t
    out: dict[str, dict[int, set[str]]] = {}
    for o in orgs:
        head = r.heads.get(o.head)
        if head is None or not head.trade_name or not o.has_place or o.head_start < 0:
            continue
        stem = t[o.core_start:o.head_start]
        if len(stem) >= 3:
            out.setdefault(stem[:2], {}).setdefault(len(stem), set()).add(stem)
    return out


def _joins(sc: Scanner, a: int, b: int) -> bool:
    """``t[a:b]`` between two names is nothing, or words joining two bodies (联合, 和, 与)."""
    if a == b:
        return True
    k = b
    while k > a:
        L = sc.boundary_word_at(k)
        if not L:
            return False
        k -= L
    return k == a


def _lexicon_names(sc: Scanner, orgs: list[OrgMention], strong: list[LexiconHit],
                   starts_name) -> tuple[list[OrgMention], set[LexiconEntry]]:
    """Names and stems, longest first and none overlapping another: a rule name of the same span
    takes the entry; one holding it stays; one it holds or crosses gives way to it. Returns the
    organisations and the entries named."""
    named: set[LexiconEntry] = set()
    taken = bytearray(len(sc.t))
    for h in sorted(strong, key=lambda h: (h.start - h.end, h.start)):
        if not _free(taken, h.start, h.end) or not starts_name(h):
            continue
        taken[h.start:h.end] = b"\x01" * (h.end - h.start)
        same = [o for o in orgs if (o.start, o.end) == (h.start, h.end)]
        for o in same:
            o.entry = h.entry
        if not same and any(o.start <= h.start and h.end <= o.end for o in orgs):
            continue                                   # a longer name holds it (某银行某市中心支行): not named
        named.add(h.entry)
        if same:
            continue
        orgs = [o for o in orgs if not _overlap(o.start, o.end, h.start, h.end)]
        orgs.append(_lexicon_org(sc.r, sc.t, h))
    return orgs, named


def _confirmed_aliases(sc: Scanner, orgs: list[OrgMention], aliases: list[LexiconHit], named: set[LexiconEntry],
                       starts_name, lexicon: Lexicon | None = None) -> list[OrgMention]:
    """Short names of entries the document names in full, that a rule or model name of the same
    span confirms, or that a word of company life follows (``Lexicon.in_context``: 某某等8档概念股):
    a mention wherever written free and starting a name."""
    by_span = {(o.start, o.end): o for o in orgs}
    named = named | {o.entry for o in orgs if o.entry is not None}
    confirmed = {h.entry for h in aliases if h.entry in named or (h.start, h.end) in by_span
                 or (lexicon is not None and starts_name(h) and lexicon.in_context(sc.t, h.end))}
    taken = bytearray(len(sc.t))
    for o in orgs:
        taken[o.start:o.end] = b"\x01" * (o.end - o.start)
    for h in sorted(aliases, key=lambda h: (h.start, h.start - h.end)):
        if h.entry not in confirmed:
            continue
        same = by_span.get((h.start, h.end))
        if same is not None:
            if same.entry is None:
                same.entry = h.entry
        elif _free(taken, h.start, h.end) and starts_name(h):
            orgs.append(_lexicon_org(sc.r, sc.t, h))
            taken[h.start:h.end] = b"\x01" * (h.end - h.start)
    return orgs


def _lexicon_org(rules: Rules, t: str, h: LexiconHit) -> OrgMention:
    o = _model_org(rules, t, h.start, h.end)
    o.how = "lexicon"
    o.entry = h.entry
    return o


def people(t: str, found: list[PersonMention], names: Sequence[Any], occupied: bytearray,
           rules: Rules, model_ran: bool = True, blocked: bytearray | None = None) -> list[PersonMention]:
    """The people: the rules' (names after a title), those the model also reads as a person
    when a model ran (车间 of 车间主任, 信访 of 县长信访 are no names; a rule name reading past
    the model's into a word of ``after_words`` ends with the model's: 会长某明|说), and the model's
    where no name of any source lies (two name characters at least), read whole
    (``_whole_name``; or as a name of the rules it starts: 李某|和对… → 李某和 after 副县长李某和);
    a model place listed with people is a person (``_listed_person``)."""
    model = [n for n in names if n.type == "PER"]
    read = _mask(len(t), model)
    model_end = {n.start: n.end for n in model}
    out = [p for p in found if not model_ran or not _free(read, p.start, p.end)]
    for p in out:                                      # 会长某明|说: the model's name, then a word
        k = model_end.get(p.start, p.end)
        if p.start + rules.name_min <= k < p.end and rules.after_words_re.match(t, k):
            p.end, p.name = k, t[p.start:k]
    taken = _with_blocked(occupied, blocked)
    for p in out:
        taken[p.start:p.end] = b"\x01" * (p.end - p.start)
    after_title = frozenset(t[m.end():m.end() + L] for m in rules.title_before_re.finditer(t)
                            for L in range(rules.name_min, rules.name_max + 1))
    full: dict[str, list[str]] = {}                   # the names read so far, by first character
    for p in out:
        full.setdefault(p.name[:1], []).append(p.name)
    for n in model:
        if n.end - n.start < 2 or not _free(taken, n.start, n.end) \
                or not rules.name_run_re.fullmatch(t, n.start, n.end):
            continue
        longer = next((len(f) for f in full.get(t[n.start], ()) if len(f) > n.end - n.start
                       and t.startswith(f, n.start) and _free(taken, n.start, n.start + len(f))), 0)
        s, e = (n.start, n.start + longer) if longer else _whole_name(t, rules, n.start, n.end, taken, after_title)
        out.append(PersonMention(s, e, t[s:e]))
        taken[s:e] = b"\x01" * (e - s)
    starts, ends = {p.start for p in out}, {p.end for p in out}
    for n in names:                                    # 张某、马某山、李某: an item of a list of people
        if n.type == "LOC" and _listed_person(t, rules, n.start, n.end, starts, ends) \
                and _free(taken, n.start, n.end):
            out.append(PersonMention(n.start, n.end, t[n.start:n.end]))
            taken[n.start:n.end] = b"\x01" * (n.end - n.start)
            starts.add(n.start)
            ends.add(n.end)
    return sorted(out, key=lambda p: p.start)


def retyped(rules: Rules, t: str, names: Sequence[Any]) -> list[Any]:
    """The model spans with an organisation of a person's shape read as a person: a surname and
    ``name_min`` to ``name_max`` name characters (people.yaml), no head word at its end, right after
    a title (副总经理|某军, 书记|某所军), listed with a model person (某甲、某乙友、某丙: items of one
    list are of one kind) or written where the model reads the same text as a person right after a
    title (县委书记|金某军 … 金某军对…; 盖某 read once as a person and once as a body stays as read)."""
    people = [n for n in names if n.type == "PER"]
    starts, ends = {n.start for n in people}, {n.end for n in people}
    persons = {t[n.start:n.end] for n in people if _title_ends(rules, t, n.start)}
    out = list(names)
    for k, n in enumerate(names):
        s, e = n.start, n.end
        if n.type != "ORG" or not (rules.name_min <= e - s <= rules.name_max) or t[s] not in rules.surnames \
                or not rules.name_run_re.fullmatch(t, s, e) or not rules.bad_name_chars.isdisjoint(t[s:e]) \
                or head_ending(rules, t, s, e):
            continue
        if t[s:e] in persons or _title_ends(rules, t, s) or _listed_person(t, rules, s, e, starts, ends):
            out[k] = n._replace(type="PER") if hasattr(n, "_replace") else NameSpan(s, e, "PER", n.score)
    return out


def _ends_person(rules: Rules, t: str, k: int) -> bool:
    """A person's name may end right before ``k``: the text ends, a character that is no name
    character, a word of boundaries.yaml ``after_words`` (出席, 主持) or a title follows."""
    return k >= len(t) or not rules.name_char.match(t, k) or bool(
        rules.after_words_re.match(t, k) or rules.title_after_re.match(t, k) or rules.title_before_re.match(t, k))


def _ends_listed_name(rules: Rules, t: str, k: int) -> bool:
    """What follows ``k`` closes a name for sure: a list separator (constructions.yaml
    ``ellipsis.separators``), a title, or a word of ``after_words`` of two characters or more
    (出席, 表示; not 着 of 看着, nor a punctuation mark after a noun: 某某奖，)."""
    if k < len(t) and t[k] in rules.ellipsis_separators:
        return True
    m = rules.after_words_re.match(t, k)
    return bool((m is not None and m.end() - k >= 2) or rules.title_after_re.match(t, k)
                or rules.title_before_re.match(t, k))


def _name_char_at(rules: Rules, t: str, k: int, taken: bytearray) -> bool:
    """``t[k]`` may be inside a person's name: a name character of no word of the tables, free."""
    return 0 <= k < len(t) and not taken[k] and bool(rules.name_char.match(t, k)) \
        and t[k] not in rules.bad_name_chars


def _whole_name(t: str, rules: Rules, s: int, e: int, taken: bytearray,
                after_title: frozenset[str] = frozenset()) -> tuple[int, int]:
    """A model person ``[s, e)`` shorter than ``name_max`` read whole (people.yaml: a surname and
    one or two given-name characters; a title before the name): the surname right before it when
    it starts with no surname and the name so read is written after a title in the document
    (``after_title``: 副总经理向英某 … 向|英某一行; the surname is also a preposition, and 后卫|奥某,
    呼应|威某 are no names); the character right after it
    when it starts a name (a surname) and the name then surely ends (某立|新出席, 某立|新、: 某立新),
    and no word starts at that character (某明说, 某明总经理); the character right before it when
    a title ends there and none ends at ``s`` (书记某|明楠: the title, then a name of three).
    Returns the span, unchanged when neither holds."""
    if e - s >= rules.name_max:
        return s, e
    if t[s] not in rules.surnames and s > 0 and t[s - 1] in rules.surnames and not taken[s - 1] \
            and t[s - 1:e] in after_title:
        return s - 1, e                                # 向|英某: a given name, and the surname before it
    if t[s] in rules.surnames and _name_char_at(rules, t, e, taken) and _ends_listed_name(rules, t, e + 1) \
            and not _ends_person(rules, t, e):
        return s, e + 1
    if _name_char_at(rules, t, s - 1, taken) and _title_ends(rules, t, s - 1) and not _title_ends(rules, t, s):
        return s - 1, e
    return s, e


def _title_ends(rules: Rules, t: str, k: int) -> bool:
    """A title of people.yaml ``titles_before`` ends right before ``k``."""
    longest = max(map(len, rules.titles_before), default=0)
    return any(rules.title_before_re.fullmatch(t, a, k) for a in range(max(0, k - longest), k))


def _listed_person(t: str, rules: Rules, s: int, e: int, starts: set[int], ends: set[int]) -> bool:
    """A model place ``[s, e)`` with the shape of a person's name (a surname, ``name_min`` to
    ``name_max`` name characters, none of ``bad_name_chars``) listed with a person (constructions.yaml
    ``ellipsis.separators``: 某甲、某乙山、某丙): items of one list are of one kind."""
    if not (rules.name_min <= e - s <= rules.name_max) or t[s] not in rules.surnames \
            or not rules.name_run_re.fullmatch(t, s, e) or not rules.bad_name_chars.isdisjoint(t[s:e]):
        return False
    seps = rules.ellipsis_separators
    return (s > 0 and t[s - 1] in seps and (s - 1) in ends) or (e < len(t) and t[e] in seps and (e + 1) in starts)


def places(t: str, found: list[PlaceMention], names: Iterable[Any], occupied: bytearray,
           blocked: bytearray | None = None) -> list[PlaceMention]:
    """The places: the rules', and the model's where no name of another type lies, as bare places
    (no level; a place of one character only beside another one: 中日, 京沪); a model place holding
    rule places (中国 of 中国现代文学馆, 浙江 and 温州 of 浙江温州) takes their place.
    ``occupied``: the other names (organisations, people)."""
    out = _Spans(found)
    taken = _with_blocked(occupied, blocked)
    single = {(n.start, n.end) for n in names if n.type == "LOC" and n.end - n.start == 1}
    for n in names:
        if n.type != "LOC" or not _free(taken, n.start, n.end) or not _LETTER.search(t, n.start, n.end):
            continue
        if n.end - n.start == 1 and (n.start - 1, n.start) not in single and (n.end, n.end + 1) not in single:
            continue                                   # one character: only in a pair (中日, 京沪)
        inner = out.across(n.start, n.end)
        if any(not (n.start <= p.start and p.end <= n.end) or (p.start, p.end) == (n.start, n.end) for p in inner):
            continue                                   # crossing a rule place, or the same span
        for p in inner:
            out.remove(p)
        name = t[n.start:n.end]
        out.add(PlaceMention(n.start, n.end, name, name, None))
        taken[n.start:n.end] = b"\x01" * (n.end - n.start)
    return sorted(out.mentions(), key=lambda p: p.start)
