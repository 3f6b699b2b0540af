"""Names in languages that separate words with spaces (English): runs of capitalised words.

A run is a maximal sequence of capitalised tokens, joined by single spaces and by lower-case
connectors (``Bank of China``, ``Federation of Industry and Commerce``). Leading sentence words
(``The``, ``In``) are dropped; a run is an organisation when it contains an org head
(``Company``, ``Ltd``, ``Chamber``; a legal suffix alone names nothing), a person when a title
stands right before two or three capitalised words (``Mayor Ellen Park``: a place head after a
given name is a surname; not ``Mayor of Qingwu City``), a place when it ends with a place head
(``Province``) or is a known place, a person when a title precedes it or a lower-case title
follows it after a comma, possibly after an article and a word or two (``Li Wei, chairman of``,
``Anna Lee, Mission Chief for``). Coordinated organisations are split at a connector when both
sides carry their own head (``Bank of China and Industrial Bank``); a person or a post is split
from the organisation it belongs to (``Minister Jane Doe of the Department of Trade``,
``Mission Chief for the International Monetary Fund``). A head word alone (``the Board``) and a
page's tag line (``Building Trust Since 1950`` on a line of its own) name no organisation.
Aliases: a defined short name or acronym in brackets right after an organisation (``("ACFIC")``,
``(the "Company")``), and the name without its legal suffix (``Harbor Energy Inc.`` →
``Harbor Energy``); later occurrences of an alias are mentions of the
same entity when they are a whole run of capitalised words (not ``Harbor`` of ``Harbor Street``).

Tables: ``resources/<lang>/entities/words.yaml`` (documented there), validated by
``load_word_rules``. Offsets are half-open code-point offsets into the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import resources
from ..model import Entity, Mention
from ..resources import schema

FILE = "words.yaml"


@dataclass(frozen=True)
class WordRules:
    """The validated word-engine tables of one language."""

    run_re: re.Pattern
    connectors: frozenset[str]
    stop_words: frozenset[str]
    org_heads: frozenset[str]
    legal_suffixes: frozenset[str]
    loc_heads: frozenset[str]
    places: frozenset[str]
    titles: tuple[str, ...]
    titles_after_re: re.Pattern
    short_name: re.Pattern
    acronym: re.Pattern
    role_connectors: frozenset[str]
    slogan_start: re.Pattern


def has_word_rules(lang: str) -> bool:
    """True when ``lang`` is read by this engine (its folder has ``entities/words.yaml``)."""
    return resources.path(lang, "entities", FILE).is_file()


_LIST = schema.Words(empty=False)
SCHEMA = schema.Map({
    "token": schema.Regex(), "short_name": schema.Regex(groups=("alias",)),
    "acronym": schema.Regex(groups=("alias",)), "slogan_start": schema.Regex(),
    **{k: _LIST for k in ("abbreviations", "connectors", "stop_words", "org_heads", "legal_suffixes",
                          "loc_heads", "places", "titles", "titles_after", "role_connectors")},
}, required=("token", "short_name", "acronym", "slogan_start", "abbreviations", "connectors", "stop_words",
             "org_heads", "legal_suffixes", "loc_heads", "places", "titles", "titles_after", "role_connectors"))
"""The schema of ``entities/words.yaml`` (documented in the file's header)."""


@cache
def load_word_rules(lang: str) -> WordRules:
    """Load and validate ``entities/words.yaml``; raises ``ResourceError`` naming file and key."""
    data = schema.read(lang, "entities", FILE, schema=SCHEMA).data
    words = data.__getitem__
    abbreviations = words("abbreviations")
    token = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True)) + "|" + data["token"].pattern
    connectors = words("connectors")
    conn = "|".join(re.escape(c) for c in sorted(connectors, key=len, reverse=True))
    legal = "|".join(re.escape(w) for w in sorted(words("legal_suffixes"), key=len, reverse=True))
    run = rf"(?:{token})(?:[ ](?:(?:{conn})[ ])*(?:{token})|,[ ](?:{legal})(?![\w]))*"
    return WordRules(
        run_re=re.compile(rf"(?<![\w'’-])(?:{run})"),
        connectors=frozenset(connectors),
        stop_words=frozenset(words("stop_words")),
        org_heads=frozenset(words("org_heads")),
        legal_suffixes=frozenset(words("legal_suffixes")),
        loc_heads=frozenset(words("loc_heads")),
        places=frozenset(words("places")),
        titles=tuple(sorted(words("titles"), key=len, reverse=True)),
        # ", chairman of", ", the Fund's chief executive", ", Mission Chief for": up to two
        # words (no conjunction or relative pronoun) may stand before the title
        titles_after_re=re.compile(
            r",\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?!(?:and|or|but|which|who|where|when)\b)"
            r"[\w'’.-]+\s+){0,2}?(" + "|".join(
                re.escape(w) for w in sorted(words("titles_after"), key=len, reverse=True)) + r")\b",
            re.IGNORECASE),
        short_name=data["short_name"],
        acronym=data["acronym"],
        role_connectors=frozenset(words("role_connectors")),
        slogan_start=data["slogan_start"],
    )


@dataclass
class _Name:
    start: int
    end: int
    type: str
    aliases: list[str]
    title: str | None = None


def _tokens(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Word spans of ``text[s:e]``; a comma before a legal suffix stays with its word."""
    return [(m.start() + s, m.end() + s) for m in re.finditer(r"[^\s,]+", text[s:e])]


def _runs(text: str, r: WordRules) -> list[_Name]:
    out: list[_Name] = []
    for m in r.run_re.finditer(text):
        toks = _tokens(text, m.start(), m.end())
        # a legal suffix (Ltd.) ends a name: what follows it is another run
        parts, cur = [], []
        for k, (a, b) in enumerate(toks):
            cur.append((a, b))
            w = text[a:b]
            nxt = text[toks[k + 1][0]:toks[k + 1][1]] if k + 1 < len(toks) else None
            if w in r.legal_suffixes and nxt is not None and nxt not in r.legal_suffixes:
                parts.append(cur)
                cur = []
        if cur:
            parts.append(cur)
        for part in parts:
            for piece in _split(text, part, r):
                piece, (title, direct) = _trim(text, piece, r)
                if piece:
                    out.extend(_classify(text, piece, r, title, direct))
    return out


def _trim(text: str, toks: list[tuple[int, int]], r: WordRules):
    """Drop sentence words, connectors and a title from the start, connectors from the end.

    Returns ``(tokens, (title, direct))``: the tokens left, the title (``None``; two title words
    in a row are one title: ``Director General``) and whether it stands right before the name
    (``Mayor Ellen Park``) rather than before a connector (``Mayor of Qingwu City``: no person)."""
    title, direct = None, False
    while toks:
        w = text[toks[0][0]:toks[0][1]]
        if w in r.titles and title is None:
            title, direct = w, True
        elif w in r.titles and direct:                # Director General, Deputy Mayor: one title
            title = f"{title} {w}"
        elif w not in r.stop_words and w not in r.connectors:
            break
        else:
            direct = direct and w not in r.connectors
        toks = toks[1:]
    while toks and text[toks[-1][0]:toks[-1][1]] in r.connectors:
        toks = toks[:-1]
    return toks, (title, direct)


def _acronym(word: str) -> bool:
    """An acronym standing for a name (``HVDF``, ``SAMC``): two or more capitals, no lower case."""
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _role_split(words: list[str], r: WordRules) -> int | None:
    """Where a person or a post ends and the organisation it belongs to begins: ``Minister Jane
    Doe of the Department of Trade``, ``Dr. Alan Grant of the World Health Organization``, ``Mission
    Chief for the International Monetary Fund`` (X for/of the Fund is not one name). Returns the
    index of the role connector (``of``, ``for``, ``at``) when the left side holds no org head and
    is a title with a name after it, or ends with a title, and the right side holds an org head."""
    for k, w in enumerate(words):
        if w not in r.role_connectors or k == 0 or k + 1 >= len(words):
            continue
        left, right = words[:k], words[k + 1:]
        if any(x in r.org_heads for x in left) or not any(x in r.org_heads for x in right):
            continue
        lead = [x for x in left if x not in r.stop_words]
        titled = bool(lead) and lead[0] in r.titles and 1 <= len(
            [x for x in lead if x not in r.titles]) <= 3
        post = bool(lead) and len(lead) <= 3 and lead[-1] in r.titles
        if titled or post:
            return k
    return None


def _split(text: str, toks: list[tuple[int, int]], r: WordRules) -> list[list[tuple[int, int]]]:
    """Split at a connector when both sides carry a head (X Bank and Y Bank, X City and Y Bank) or
    a title follows it (Governor Anna Lake and Chairman Li Wei), and between a person or a post and
    the organisation after it (``_role_split``)."""
    words = [text[a:b] for a, b in toks]
    k = _role_split(words, r)
    if k is not None:
        right = toks[k + 1:]
        while right and text[right[0][0]:right[0][1]] in r.connectors:
            right = right[1:]
        return [toks[:k]] + _split(text, right, r)
    heads = r.org_heads | r.loc_heads
    for k in range(len(words) - 2, 0, -1):          # the last connector with a head on each side
        left_named = any(x in heads for x in words[:k]) or (k == 1 and _acronym(words[0]))
        if words[k] in ("and", "&") and ((left_named and any(
                x in heads for x in words[k + 1:])) or words[k + 1] in r.titles):
            return _split(text, toks[:k], r) + _split(text, toks[k + 1:], r)   # or a title after it: two people
    return [toks]


def _classify(text: str, toks, r: WordRules, title: str | None, direct: bool = False) -> list[_Name]:
    """Type one run: ORG when it holds an org head (a legal suffix alone, ``Company`` or ``Group``,
    names nothing), PER when a title stands right before two or three capitalised words (``Mayor Ellen
    Park``: a place head after a given name is a surname), LOC by a place head or a known place,
    PER by a title before it or a lower-case title after it and a comma."""
    words = [text[a:b] for a, b in toks]
    s, e = toks[0][0], toks[-1][1]
    if title is None:
        before = text[max(0, s - 30):s].rstrip()
        title = next((t for t in r.titles if before.endswith(t)
                      and (len(before) == len(t) or not before[-len(t) - 1].isalnum())), None)
        direct = title is not None and text[s - 1:s] == " "
    if any(w in r.org_heads for w in words):
        # a head alone (the Board, the Fund) is a generic reference, no name; a slogan on a line
        # of its own (a page's tag line: Building Trust Since 1950) is none either
        if len(words) == 1 or _slogan(text, s, e, words, r):
            return []
        return [_Name(s, e, "ORG", [])]
    if title is not None and direct and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) \
            and words[0] not in r.loc_heads and " ".join(words) not in r.places \
            and not any(w in r.places for w in words[:-1]):
        return [_Name(s, e, "PER", [], title)]
    if words[-1] in r.loc_heads or " ".join(words) in r.places:
        return [_Name(s, e, "LOC", [])]
    if title is None and 2 <= len(words) <= 3:
        m = r.titles_after_re.match(text, e)
        if m:
            title = m.group(1)
    if title is not None and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
        return [_Name(s, e, "PER", [], title)]
    return []


def _slogan(text: str, s: int, e: int, words: list[str], r: WordRules) -> bool:
    """A run whose first word has the form of ``slogan_start`` (a gerund: ``Building``,
    ``Serving``), not a known place, standing on a line that holds nothing but capitalised words,
    connectors, numbers and punctuation: a page's tag line."""
    if not r.slogan_start.fullmatch(words[0]) or words[0] in r.places:
        return False
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    line = text[a:b if b >= 0 else len(text)]
    return all(w[:1].isupper() or w in r.connectors or not w[:1].isalpha()
               for w in re.findall(r"[^\s|·•,.:;!?–—-]+", line))


def recognise_words(text: str, *, lang: str, doc_id: str, blocked: bytearray,  # noqa: C901 - one pass over runs, a branch per run kind
                    start_ids: dict[str, int] | None = None) -> list[Entity]:
    """Entities of a space-separated text (see the module docstring); ``blocked`` marks code
    points (time expressions) no name may overlap. Ids ``o1…``, ``p1…``, ``l1…`` in text order."""
    r = load_word_rules(lang)
    names = [n for n in _runs(text, r) if 1 not in blocked[n.start:n.end]]
    groups: dict[tuple[str, str], dict] = {}
    order: list[tuple[str, str]] = []
    alias_of: dict[str, tuple[str, str]] = {}
    for n in names:
        surface = text[n.start:n.end]
        key = alias_of.get(surface, (n.type, surface))
        if n.type == "ORG":
            stripped = _strip_legal(surface, r)
            for (typ, nm) in order:
                if typ == "ORG" and nm != surface and (_strip_legal(nm, r) == stripped or
                                                       _strip_legal(nm, r) == surface):
                    key = (typ, nm)
                    break
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"spans": [], "aliases": [], "titles": []}
            order.append(key)
        g["spans"].append((n.start, n.end))
        if n.title and n.title not in g["titles"]:
            g["titles"].append(n.title)
        if surface != key[1] and surface not in g["aliases"]:
            g["aliases"].append(surface)
        if n.type == "ORG":
            bare = _strip_legal(surface, r)          # Harbor Energy Inc. -> Harbor Energy
            if bare != surface and bare not in alias_of and _alias_worthy(bare, r):
                alias_of[bare] = key
            for rx in (r.short_name, r.acronym):
                m = rx.match(text, n.end)
                if m:
                    a = m.group("alias")
                    if a not in g["aliases"] and a != key[1]:
                        g["aliases"].append(a)
                        alias_of[a] = key
    # later occurrences of defined aliases (whole words only)
    taken = bytearray(len(text))
    for g in groups.values():
        for s, e in g["spans"]:
            taken[s:e] = b"\x01" * (e - s)
    for a, key in alias_of.items():
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(a)}(?![\w'’-])", text):
            s, e = m.span()
            if 1 not in taken[s:e] and 1 not in blocked[s:e] and _whole_run(text, s, e, r):
                groups[key]["spans"].append((s, e))
                taken[s:e] = b"\x01" * (e - s)
                if a != key[1] and a not in groups[key]["aliases"]:
                    groups[key]["aliases"].append(a)
    _merge_short_forms(groups, order)
    _definite_descriptions(text, groups, order, taken, blocked, r)
    counters = dict(start_ids or {})
    prefix = {"ORG": "o", "PER": "p", "LOC": "l"}
    out = []
    for key in sorted(order, key=lambda k: min(groups[k]["spans"])):
        typ, name = key
        g = groups[key]
        counters[typ] = counters.get(typ, 0) + 1
        spans = sorted(set(g["spans"]))
        attrs = {"titles": g["titles"]} if typ == "PER" and g["titles"] else {}
        out.append(Entity(f"{prefix[typ]}{counters[typ]}", typ, name, [a for a in g["aliases"] if a != name],
                          [Mention(doc_id, s, e, text[s:e]) for s, e in spans], attrs))
    return out


def _merge_short_forms(groups: dict, order: list) -> None:
    """An organisation named by the start of another's name up to a connector (``Central Bank``
    in a headline, ``Central Bank of Ruritania`` in the text) is that organisation, when exactly
    one longer name starts so; its spans and name become a mention and an alias of it."""
    orgs = [k for k in order if k[0] == "ORG"]
    for short in list(orgs):
        longer = [k for k in orgs if k != short and any(
            k[1].startswith(f"{short[1]} {c} ") for c in ("of", "for", "in", "at"))]
        if len(longer) != 1 or short not in groups:
            continue
        g, into = groups.pop(short), groups[longer[0]]
        order.remove(short)
        into["spans"] += g["spans"]
        for a in [short[1], *g["aliases"]]:
            if a not in into["aliases"] and a != longer[0][1]:
                into["aliases"].append(a)


def _definite_descriptions(text: str, groups: dict, order: list, taken: bytearray, blocked: bytearray,
                           r: WordRules) -> None:
    """``the association``, ``the central bank`` after an organisation was named: a mention of it
    when its name holds those words ending at its org head (``Westfield Rural Credit
    Association``, ``Central Bank of Ruritania``) and no other organisation of the text has them.
    The mention covers the words after ``the``."""
    heads: dict[str, list] = {}
    for key in order:
        if key[0] != "ORG":
            continue
        words = key[1].split(" ")
        i = next((k for k, w in enumerate(words) if w in r.org_heads and w not in r.legal_suffixes), None)
        if i is None:
            continue
        for n in (1, 2):
            if i + 1 - n >= 0:
                d = " ".join(words[i + 1 - n:i + 1]).lower()
                if key not in heads.setdefault(d, []):
                    heads[d].append(key)
    for d, keys in heads.items():
        if len(keys) != 1:
            continue
        key = keys[0]
        first = min(groups[key]["spans"])[0]
        for m in re.finditer(rf"\b[Tt]he ({re.escape(d)})(?![\w'’-])", text):
            s, e = m.span(1)
            if s > first and 1 not in taken[s:e] and 1 not in blocked[s:e]:
                groups[key]["spans"].append((s, e))
                taken[s:e] = b"\x01" * (e - s)


def _alias_worthy(bare: str, r: WordRules) -> bool:
    """A name without its legal suffix is searched for as an alias unless it is a word that
    names something else on its own (a stop word, a known place, a lone org or place head)."""
    return bool(bare) and bare not in r.stop_words and bare not in r.places and bare not in r.org_heads \
        and bare not in r.loc_heads and bare[:1].isupper()


def _whole_run(text: str, s: int, e: int, r: WordRules) -> bool:
    """``[s, e)`` is not part of a longer run of capitalised words (Harbor of ``Harbor Street``):
    no capitalised word right after it, none right before it but a sentence word or a word ending
    a sentence (``Monday.``)."""
    if re.match(r" [A-Z]", text[e:e + 2]):
        return False
    m = re.search(r"([A-Za-z][\w.'’-]*) $", text[max(0, s - 30):s])
    w = m.group(1) if m is not None else ""
    return not w[:1].isupper() or w in r.stop_words or (w.endswith(".") and w not in r.titles)


def _strip_legal(name: str, r: WordRules) -> str:
    words = name.split(" ")
    while len(words) > 1 and words[-1].rstrip(",") in r.legal_suffixes:
        words = words[:-1]
    return " ".join(words).rstrip(",")
