"""Organisations, people and places (ORG/PER/LOC) with aliases resolved within a document.

Public API::

    recognise(text, *, lang, doc_id, timexes=(), gazetteer=None, keep_chrome=False) -> list[Entity]
    load_gazetteer(path) -> Gazetteer

Knowledge lives in ``timeline/resources/<lang>/entities/``, validated when loaded:

* a folder with ``orgs.yaml`` (and ``generic.yaml``, ``boundaries.yaml``, ``places.yaml``,
  ``people.yaml``, ``constructions.yaml``, ``chrome.yaml``) is read by the character engine
  (``scan.py`` finds mentions, ``resolve.py`` groups them): scripts written without spaces
  (Chinese); ``rules.load_rules`` validates the tables;
* a folder with ``words.yaml`` is read by the word engine (``words.py``): scripts that separate
  words with spaces (English);
* a language with neither gets only the gazetteer's names (``gazetteer.py``);
* names in Latin script inside a text of the character engine (``与德国Weidmann Antriebstechnik
  GmbH签约``, an English paragraph) are read by the word engine of the language that
  constructions.yaml ``latin_script`` names, on a copy where every other character is masked.

Modules: ``rules`` (tables), ``scan`` (places, organisations, people as mentions), ``resolve``
(aliases and entities), ``coref`` (every reference standing for an entity named elsewhere, for
the entity stage and the event stage, from ``coref.yaml``), ``words`` (word engine),
``gazetteer`` (user names).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, cast

from ..documents import front_matter_spans, related_spans
from ..model import Entity, Timex
from . import combine, resolve, sources, words
from .gazetteer import Gazetteer, GazetteerEntry, GazetteerError, load_gazetteer
from .rules import Rules, fold, load_rules
from .scan import Scanner

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerError",
    "chrome_spans",
    "load_gazetteer",
    "load_rules",
    "recognise",
    "relative_name",
]


def chrome_spans(text: str, rules: Rules | None) -> list[tuple[int, int]]:
    """Half-open spans of ``text`` that are page chrome (chrome.yaml), decided per span: each
    line is cut after every ``segment_end`` (a sentence end), and a segment is chrome when it
    starts with a label such as 技术支持 / 版权所有 / 地址, holds a footer label or mark anywhere
    and is short (``联系电话：…　技术支持：…``, ``某报业集团版权所有 Copyright©2008``), or matches a
    chrome regex. ``2010年，某商会荣获先进集体称号。某报业集团版权所有`` on one line keeps its
    sentence: only the copyright segment is chrome. The lines of a list of other articles
    (``documents.related_spans``: from 延伸阅读 or 热门文章 to the next body paragraph) and the
    lines of a front matter but its title (``documents.front_matter_spans``) are chrome too, and
    so is the outlet's name of a byline (chrome.yaml ``bylines``: 某某日报（记者 张三）, the name
    only, the sentence after it stays). Linear in the text."""
    out: list[tuple[int, int]] = []
    if rules is None:
        return out
    out += related_spans(text, rules.lang) + front_matter_spans(text, rules.lang)
    pos = 0
    for line in text.splitlines(keepends=True):
        cuts = [m.end() for m in rules.chrome_segment_end.finditer(line)] if rules.chrome_segment_end else []
        start = 0
        for end in cuts + [len(line)]:
            if end <= start:
                continue
            seg = line[start:end]
            body = seg.strip()
            if body and (body.startswith(rules.chrome_labels) or any(rx.search(body) for rx in rules.chrome_regex)
                         or (len(body) <= rules.chrome_line_max and rules.chrome_anywhere_re.search(body))):
                lead = len(seg) - len(seg.lstrip())
                out.append((pos + start + lead, pos + start + lead + len(body)))
            start = end
        pos += len(line)
    for rx in rules.chrome_bylines:
        out += [m.span("name") for m in rx.finditer(text)]
    return out


def relative_name(name: str, lang: str) -> bool:
    """Whether the organisation name ``name`` is relative to its document's home place: it opens
    with a level character standing for the home place of that level (constructions.yaml
    ``levels``, not followed by a ``level_not_followed_by`` character: ``区工商联``, ``市政府``,
    not ``市场监管局``). The entity stage resolves such a name to ``<home>工商联`` when the
    document names its home place; one it could not resolve means a different body in each
    document. ``False`` for a language without character-engine tables."""
    rules = load_rules(lang)
    if rules is None or len(name) < 2 or name[0] not in rules.level_chars:
        return False
    return name[1] not in rules.level_not_followed


def _gazetteer_hits(t: str, gazetteer: Gazetteer | None,
                    blocked: bytearray) -> list[tuple[int, int, GazetteerEntry]]:
    """The gazetteer's names in ``t``, longest first, none overlapping another or ``blocked``."""
    if not gazetteer:
        return []
    hits = []
    taken = bytearray(len(t))
    for k, e, entry in sorted(gazetteer.find(t), key=lambda h: (h[0] - h[1], h[0])):
        if 1 not in taken[k:e] and 1 not in blocked[k:e]:
            hits.append((k, e, entry))
            taken[k:e] = b"\x01" * (e - k)
    return sorted(hits, key=lambda h: h[0])


def recognise(text: str, *, lang: str, doc_id: str, timexes: Iterable[Timex] = (),
              gazetteer: Gazetteer | None = None, keep_chrome: bool = False,
              names: Sequence[Any] | None = None) -> list[Entity]:
    """Find the ORG, PER and LOC entities of one document.

    ``text``: the document text (offsets index it; a traditional-Chinese document is passed as
    its simplified matching text of the same length). ``lang``: a resource folder (``zh``).
    ``timexes``: time expressions already tagged; their spans are never part of a name.
    ``gazetteer``: user names and aliases (``load_gazetteer``), matched first and winning over
    the rules. Returns entities ordered by first mention, ids ``o1…`` (ORG), ``p1…`` (PER),
    ``l1…`` (LOC); each has its canonical (fullest) ``name``, the other ``aliases``, every
    mention (``text == document.text[start:end]``) and ``attributes`` (``titles`` for people,
    ``chrome: True`` for names found only in page chrome). An organisation found only in page
    chrome (site footer, technical support, copyright line: chrome.yaml) is no party of the
    article and is left out, unless ``keep_chrome`` is true (then it is returned with
    ``attributes["chrome"] = True``). Raises ``ResourceError`` when the language's tables are
    malformed.
    """
    rules = load_rules(lang)
    t = fold(text)
    blocked = bytearray(len(t))
    for tx in timexes:
        s, e = max(0, tx.start), min(len(t), tx.end)
        blocked[s:e] = b"\x01" * max(0, e - s)
    gaz_hits = _gazetteer_hits(t, gazetteer, blocked)
    if rules is None:
        found = resolve.build(text, t, doc_id, cast(Rules, _EMPTY_RULES), [], [], [], [], gaz_hits, [], gazetteer) \
            if gaz_hits else []
        if words.has_word_rules(lang):            # a space-separated script: the word engine
            for s, e, _ in gaz_hits:
                blocked[s:e] = b"\x01" * (e - s)
            found += words.recognise_words(t, lang=lang, doc_id=doc_id, blocked=blocked)
            found = _renumber(found, text)
        return found
    timex_blocked = bytearray(blocked)
    for rx in rules.opaque:
        for m in rx.finditer(t):
            blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for s, e, _ in gaz_hits:
        blocked[s:e] = b"\x01" * (e - s)
    found = _character_engine(text, t, rules, doc_id, blocked, timex_blocked, gaz_hits, gazetteer,
                              sources.model_names(t, lang) if names is None else names,
                              names is not None or sources.settings(lang).model_folder is not None)
    if not keep_chrome:
        found = _renumber([e for e in found if not (e.type == "ORG" and e.attributes.get("chrome"))], text)
    return found


def _character_engine(text: str, t: str, rules: Rules, doc_id: str, blocked: bytearray, timex_blocked: bytearray,
                      gaz_hits: list, gazetteer: Gazetteer | None, names: Sequence[Any],
                      model_ran: bool) -> list[Entity]:
    """The entities of a text of the character engine: the rules' places, the organisations of
    every source by the precedence of ``combine``, acting places, people, then ``resolve.build``
    and the names in Latin script (``recognise`` documents the arguments)."""
    sc = Scanner(rules, t, blocked)
    for e in _latin_names(text, t, rules, doc_id, timex_blocked, [], []):   # the word engine's names
        for m in e.mentions:                                               # come first in Latin script
            sc.latin_taken.update(range(m.start, m.end))
    names = combine.retyped(rules, t, [n for n in names if combine.in_context(sc, n.start, n.end)])
    places = sc.places()
    orgs = combine.organisations(sc, sc.orgs(places), names, sources.lexicon_hits(t, rules.lang), places,
                                 sources.lexicon(rules.lang), model_ran=model_ran)
    place_at = {(p.start, p.end): p for p in places}
    read_as_body = [place_at[(o.start, o.end)] for o in orgs if o.how == "model" and (o.start, o.end) in place_at]
    orgs = [o for o in orgs if not (o.how == "model" and (o.start, o.end) in place_at)]
    occupied = bytearray(len(t))
    for o in orgs:
        occupied[o.start:o.end] = b"\x01" * (o.end - o.start)
    acting = sc.acting_places(places, occupied) + read_as_body   # a place the model reads as a body acts
    for p in acting:
        occupied[p.start:p.end] = b"\x01" * (p.end - p.start)
    sc._org_ends = {o.alt_end or o.end: o.start for o in orgs}
    person_occ = bytearray(occupied)
    for p in places:
        person_occ[p.start:p.end] = b"\x01" * (p.end - p.start)
    place_names = {p.name for p in places} | {p.stem for p in places}
    people = combine.people(t, sc.people(person_occ, place_names), names, person_occ, rules, model_ran, blocked)
    sc.title_people(people, person_occ)               # the model's people: the title before them
    for pm in people:
        occupied[pm.start:pm.end] = b"\x01" * (pm.end - pm.start)
    places = combine.places(t, places, names, occupied, blocked)
    persons = {p.name for p in people} | {t[n.start:n.end] for n in names if n.type == "PER"}
    if persons:                                       # 王某某希望协会: a person glued before a head
        kept = sc.split_people(orgs, persons)
        if kept != orgs:
            orgs = kept
            sc._org_ends = {o.alt_end or o.end: o.start for o in orgs}
    chrome = chrome_spans(t, rules)
    found = resolve.build(text, t, doc_id, rules, places, orgs, acting, people, gaz_hits, chrome, gazetteer,
                          timex_blocked)
    latin = _latin_names(text, t, rules, doc_id, timex_blocked, found, chrome)
    return _renumber(found + latin, text) if latin else found


_LATIN_START = re.compile(r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]")


def _latin_names(text: str, t: str, rules: Rules, doc_id: str, blocked: bytearray, found: list[Entity],
                 chrome: list[tuple[int, int]]) -> list[Entity]:
    """Names written in Latin script inside a text of the character engine (constructions.yaml
    ``latin_script``): every character outside the table's ``chars`` becomes a line break (same
    length, so offsets hold) and the word engine of the table's ``language`` reads the copy.  A
    name overlapping a time expression or a name already found is dropped; one lying on a chrome
    span is dropped too, except an organisation, which is marked ``attributes["chrome"]`` (the
    caller leaves it out unless ``keep_chrome``)."""
    if rules.latin_language is None or _LATIN_START.search(t) is None:
        return []
    masked = cast(re.Pattern, rules.latin_mask).sub(lambda m: "\n" * len(m.group()), t)  # set with the language
    taken = bytearray(blocked)
    for e in found:
        for m in e.mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = words.recognise_words(masked, lang=rules.latin_language, doc_id=doc_id, blocked=taken)
    in_chrome = bytearray(len(t) + 1)
    for a, b in chrome:
        in_chrome[a:b] = b"\x01" * (b - a)
    kept = []
    for e in out:
        if all(0 not in in_chrome[m.start:m.end] for m in e.mentions):
            if e.type != "ORG":
                continue
            e.attributes["chrome"] = True
        for m in e.mentions:
            m.text = text[m.start:m.end]
        kept.append(e)
    return kept


def _renumber(ents: list[Entity], text: str) -> list[Entity]:
    """Order entities by first mention and number them ``o1…``, ``p1…``, ``l1…`` again."""
    ents = sorted(ents, key=lambda e: min((m.start for m in e.mentions), default=0))
    counters: dict[str, int] = {}
    prefix = {"ORG": "o", "PER": "p", "LOC": "l"}
    for e in ents:
        counters[e.type] = counters.get(e.type, 0) + 1
        e.id = f"{prefix[e.type]}{counters[e.type]}"
        for m in e.mentions:
            m.text = text[m.start:m.end]
    return ents


class _NoRules:
    """The empty tables ``resolve.build`` reads for a language with a gazetteer only."""

    level_chars: ClassVar[dict] = {}
    head_synonyms: ClassVar[dict] = {}
    heads: ClassVar[dict] = {}
    place_names: tuple = ()
    place_suffix_level: ClassVar[dict] = {}
    attached_heads: frozenset = frozenset()
    attached_parents: tuple = ()


_EMPTY_RULES = _NoRules()
