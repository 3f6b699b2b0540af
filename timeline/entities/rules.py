"""Load and validate a language's entity tables (``timeline/resources/<lang>/entities/*.yaml``).

The tables (documented in each YAML file's header) are read once per language through
``timeline.resources.load_yaml`` and checked here: a missing key, a value of the wrong shape or a
regex that does not compile (or lacks its named group) raises ``ResourceError`` naming the file
and the rule. Engines receive one immutable ``Rules`` object and never name a language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import resources
from ..resources import ResourceError

FILES = ("orgs.yaml", "generic.yaml", "boundaries.yaml", "places.yaml", "people.yaml",
         "constructions.yaml", "chrome.yaml")


@dataclass(frozen=True)
class Head:
    """One organisation head word (``有限公司``, ``商会``) and how it behaves."""

    text: str
    kind: str
    trade_name: bool = False
    standalone: bool = False
    place_only: bool = False
    branch: bool = False
    place_led: bool = False
    needs_parent: bool = False


@dataclass(frozen=True)
class Rules:
    """Every entity table of one language, validated. Built by ``load_rules``."""

    lang: str
    heads: dict[str, Head]
    head_re: re.Pattern
    min_trade_name: int
    branch_gap: int
    min_core: dict[str, int]
    min_core_default: int
    parent_heads: frozenset[str]
    department_parents: frozenset[str]
    numerals: frozenset[str]
    weak_words: frozenset[str]
    soft_re: re.Pattern
    word_re: re.Pattern
    word_max: int
    measure_words: frozenset[str]
    count_re: re.Pattern
    prepositions: frozenset[str]
    not_first: frozenset[str]
    sub_bodies: tuple[str, ...]
    shorter_head: dict[str, str]
    coordinated: frozenset[str]
    sub_body_last: frozenset[str]
    head_lengths: tuple[int, ...]
    short_refs: frozenset[str]
    level_not_followed: frozenset[str]
    head_not_followed: dict[str, tuple[str, ...]]
    head_not_preceded: dict[str, tuple[str, ...]]
    head_not_followed_re: dict[str, re.Pattern]
    levels_generic_re: re.Pattern
    name_run_re: re.Pattern
    non_name_re: re.Pattern
    levels_generic: tuple[str, ...]
    generic: frozenset[str]
    generic_re: re.Pattern
    industry: frozenset[str]
    industry_generic: frozenset[str]
    name_char: re.Pattern
    max_name: int
    boundary_words: frozenset[str]
    boundary_max: int
    boundary_last: frozenset[str]
    connector_last: frozenset[str]
    after_words: tuple[str, ...]
    after_words_re: re.Pattern
    not_names_re: re.Pattern
    compound_surnames_re: re.Pattern
    ordinal_prefixes: frozenset[str]
    place_suffix_level: dict[str, str]
    place_suffix_re: re.Pattern
    stem_min: int
    stem_max: int
    bad_stem_chars: frozenset[str]
    bad_stems: frozenset[str]
    bad_endings: frozenset[str]
    autonomous_re: re.Pattern | None
    autonomous_any_re: re.Pattern | None
    autonomous_short: dict[str, str]
    place_not_followed: tuple[str, ...]
    place_not_followed_re: re.Pattern
    place_names: tuple[str, ...]
    place_names_re: re.Pattern
    place_name_full: dict[str, tuple[str, str]]
    place_words: frozenset[str]
    titles_before: tuple[str, ...]
    titles_after: tuple[str, ...]
    title_before_re: re.Pattern
    title_after_re: re.Pattern
    name_min: int
    name_max: int
    bad_name_chars: frozenset[str]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    not_names: frozenset[str]
    level_chars: dict[str, str]
    home_anchor: str | None
    home_above: tuple[str, ...]
    head_synonyms: dict[str, str]
    short_form_stem: tuple[int, int]
    short_form_heads: tuple[str, ...]
    short_name: tuple[tuple[str, re.Pattern], ...]
    quoted: re.Pattern
    alternate_name: tuple[tuple[str, re.Pattern], ...]
    nested_connectors: tuple[str, ...]
    ellipsis_separators: tuple[str, ...]
    ellipsis_item_max: int
    ellipsis_tails: tuple[str, ...]
    acting_before: tuple[str, ...]
    acting_verbs: tuple[str, ...]
    acting_window: int
    acting_levels: frozenset[str]
    acting_subject_verbs: tuple[str, ...]
    acting_subject_verbs_re: re.Pattern
    acting_adverbs_re: re.Pattern
    acting_pivot_verbs: tuple[str, ...]
    acting_openers: tuple[str, ...]
    anaphora_re: re.Pattern
    anaphora_demonstratives: tuple[str, ...]
    anaphora_self: tuple[str, ...]
    self_reference_re: re.Pattern | None
    anaphora_bare: frozenset[str]
    anaphora_not_followed: dict[str, re.Pattern]
    anaphora_not_after: frozenset[str]
    government_heads: tuple[str, ...]
    attached_heads: frozenset[str]
    attached_parents: tuple[str, ...]
    opaque: tuple[re.Pattern, ...]
    bracket_max: int
    chrome_labels: tuple[str, ...]
    chrome_anywhere: tuple[str, ...]
    chrome_anywhere_re: re.Pattern
    chrome_line_max: int
    chrome_regex: tuple[re.Pattern, ...]
    chrome_segment_end: re.Pattern | None = None
    latin_language: str | None = None
    latin_mask: re.Pattern | None = None


class _Reader:
    """Typed access to one YAML mapping, failing with the file and key in the message."""

    def __init__(self, lang: str, fname: str):
        self.fname = str(resources.path(lang, "entities", fname))
        data = resources.load_yaml(lang, "entities", fname)
        if not isinstance(data, dict):
            raise ResourceError(f"{self.fname}: expected a mapping at top level")
        self.data = data

    def err(self, rule: str, reason: str) -> ResourceError:
        return ResourceError(f"{self.fname}: rule {rule!r}: {reason}")

    def get(self, key: str, kind: type, default: Any = ..., src: dict | None = None, rule: str | None = None):
        src = self.data if src is None else src
        rule = rule or key
        if key not in src:
            if default is ...:
                raise self.err(rule, "missing")
            return default
        val = src[key]
        if kind is int and not (isinstance(val, int) and not isinstance(val, bool)):
            raise self.err(rule, f"expected an integer, got {val!r}")
        if kind is str and not isinstance(val, str):
            raise self.err(rule, f"expected a string, got {val!r}")
        if kind is list and (not isinstance(val, list) or not all(isinstance(x, str) and x for x in val)):
            raise self.err(rule, "expected a list of non-empty strings")
        if kind is dict and not isinstance(val, dict):
            raise self.err(rule, "expected a mapping")
        return val

    def regex(self, pattern: Any, rule: str, groups: tuple[str, ...] = ()) -> re.Pattern:
        if not isinstance(pattern, str):
            raise self.err(rule, f"expected a regex string, got {pattern!r}")
        if pattern.startswith("^"):
            raise self.err(rule, "regex is matched at a position (re.match with pos): drop the leading ^")
        try:
            rx = re.compile(pattern)
        except re.error as exc:
            raise self.err(rule, f"regex does not compile: {exc}") from None
        for g in groups:
            if g not in rx.groupindex:
                raise self.err(rule, f"regex lacks the named group (?P<{g}>...)")
        return rx

    def word_map(self, key: str) -> dict[str, tuple[str, ...]]:
        m = self.get(key, dict, {})
        out = {}
        for k, v in m.items():
            if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
                raise self.err(f"{key}.{k}", "expected a list of non-empty strings")
            out[str(k)] = tuple(v)
        return out


def fold(text: str) -> str:
    """Fold full-width ASCII forms (U+FF01–FF5E) and the ideographic space to half width.

    The result has the same length as ``text`` (one code point for one), so offsets found in it
    index the original. Source: Unicode ``<wide>`` decompositions of the Halfwidth and Fullwidth
    Forms block.
    """
    if not _WIDE.search(text):
        return text
    return _WIDE.sub(lambda m: m.group().translate(_FOLD), text)


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_WIDE = re.compile("[\uff01-\uff5e\u3000]+")


def _negated(reader: _Reader, cls: str) -> re.Pattern:
    """The complement of a character class ``[...]`` (name_chars must be one)."""
    if not (cls.startswith("[") and cls.endswith("]")) or cls.startswith("[^"):
        raise reader.err("name_chars", "expected one positive character class [...]")
    return re.compile("[^" + cls[1:] + "+")


def _alternation(words) -> re.Pattern:
    """A regex matching any of ``words``, longest first, built as a trie so that a position
    where no word starts is rejected on its first character."""
    words = set(words)
    if not words:
        return re.compile(r"(?!x)x")
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        alts = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(pattern(trie))


@cache
def load_rules(lang: str) -> Rules | None:
    """Load and validate the character-engine tables of ``lang``; ``None`` when the language has
    none (no ``entities/orgs.yaml``: no tables at all, or the word engine's ``words.yaml``).

    Raises ``ResourceError`` (file and rule named) for a malformed table.
    """
    if not resources.path(lang, "entities", "orgs.yaml").is_file():
        return None                     # no tables, or a word-engine language (words.py)
    orgs = _Reader(lang, "orgs.yaml")
    heads: dict[str, Head] = {}
    for kind, spec in orgs.get("heads", dict).items():
        if not isinstance(spec, dict):
            raise orgs.err(f"heads.{kind}", "expected a mapping with `words`")
        words = orgs.get("words", list, src=spec, rule=f"heads.{kind}.words")
        for w in words:
            w = fold(w)
            if w in heads and heads[w].kind != kind:
                raise orgs.err(f"heads.{kind}", f"{w!r} is already a head of heads.{heads[w].kind}")
            heads[w] = Head(w, str(kind), bool(spec.get("trade_name", False)), bool(spec.get("standalone", False)),
                            bool(spec.get("place_only", False)), bool(spec.get("branch", False)),
                            bool(spec.get("place_led", False)), bool(spec.get("needs_parent", False)))
    not_followed = {fold(k): v for k, v in orgs.word_map("not_followed_by").items()}
    not_preceded = {fold(k): v for k, v in orgs.word_map("not_preceded_by").items()}
    min_core = {}
    for k, v in orgs.get("min_core", dict, {}).items():
        if fold(str(k)) not in heads or not isinstance(v, int):
            raise orgs.err(f"min_core.{k}", "expected a head of `heads` and an integer")
        min_core[fold(str(k))] = v
    parent_heads = frozenset(fold(h) for h in orgs.get("parent_heads", list, []))
    for h in parent_heads:
        if h not in heads:
            raise orgs.err("parent_heads", f"{h!r} is not a head of `heads`")
    department_parents = frozenset(fold(h) for h in orgs.get("department_parents", list, []))
    for h in department_parents:
        if h not in heads or not heads[h].place_only:
            raise orgs.err("department_parents", f"{h!r} is not a place_only head of `heads`")
    synonyms = {}
    for k, v in orgs.get("synonyms", dict, {}).items():
        if not isinstance(v, str) or fold(str(k)) not in heads or fold(v) not in heads:
            raise orgs.err(f"synonyms.{k}", "both sides must be heads of `heads`")
        synonyms[fold(str(k))] = fold(v)
    sf = orgs.get("short_forms", dict, {})
    short_stem = (orgs.get("stem_min", int, 2, src=sf, rule="short_forms.stem_min"),
                  orgs.get("stem_max", int, 0, src=sf, rule="short_forms.stem_max"))
    short_heads = tuple(fold(h) for h in orgs.get("heads", list, [], src=sf, rule="short_forms.heads"))
    for h in short_heads:
        if h not in heads or not heads[h].trade_name:
            raise orgs.err("short_forms.heads", f"{h!r} is not a trade_name head of `heads`")
    sub_bodies = tuple(sorted((fold(h) for h in orgs.get("sub_bodies", list, [])), key=len, reverse=True))
    for h in sub_bodies:
        if h not in heads:
            raise orgs.err("sub_bodies", f"{h!r} is not a head of `heads`")
    coordinated = frozenset(fold(h) for h in orgs.get("coordinated_heads", list, []))
    for h in coordinated:
        if h not in heads:
            raise orgs.err("coordinated_heads", f"{h!r} is not a head of `heads`")
    for k in list(not_followed) + list(not_preceded):
        if k not in heads:
            raise orgs.err(k, "constraint on a word that is not a head of `heads`")

    gen = _Reader(lang, "generic.yaml")
    bnd = _Reader(lang, "boundaries.yaml")
    plc = _Reader(lang, "places.yaml")
    ppl = _Reader(lang, "people.yaml")
    con = _Reader(lang, "constructions.yaml")
    chr_ = _Reader(lang, "chrome.yaml")

    suffix_level: dict[str, str] = {}
    for level in plc.get("suffixes", dict):
        for w in plc.get(level, list, src=plc.get("suffixes", dict), rule=f"suffixes.{level}"):
            suffix_level[w] = str(level)
    name_full: dict[str, tuple[str, str]] = {}      # bare known name -> (level, full name)
    groups = plc.data.get("names")
    if not isinstance(groups, list):
        raise plc.err("names", "expected a list of {level, suffix, names}")
    for i, grp in enumerate(groups):
        if not isinstance(grp, dict) or not isinstance(grp.get("suffix"), str):
            raise plc.err(f"names[{i}]", "expected a mapping with `level`, `suffix` (a string) and `names`")
        level = plc.get("level", str, src=grp, rule=f"names[{i}].level")
        for n in plc.get("names", list, src=grp, rule=f"names[{i}].names"):
            name_full[n] = (level, n + grp["suffix"])
    suffixed_only = frozenset(plc.get("suffixed_only", list, []))
    for n in suffixed_only:
        if n not in name_full:
            raise plc.err("suffixed_only", f"{n!r} is not a name of `names`")
    auto = plc.get("autonomous", dict, {})
    autonomous_short = {str(k): str(v) for k, v in
                        plc.get("suffixes", dict, {}, src=auto, rule="autonomous.suffixes").items()}
    for k in autonomous_short:
        if k not in suffix_level:
            raise plc.err("autonomous.suffixes", f"{k!r} is not a suffix of `suffixes`")
    ethnic = plc.get("ethnic", list, [], src=auto, rule="autonomous.ethnic")
    # matched ending at a suffix: search(text, pos, suffix_end) with the trailing $
    autonomous_re = re.compile("(?P<ethnic>(?:" + "|".join(map(re.escape, sorted(ethnic, key=len, reverse=True)))
                               + ")+)(?P<suffix>" + "|".join(map(re.escape, autonomous_short)) + ")$") \
        if ethnic and autonomous_short else None
    levels = con.get("levels", dict)
    home_spec = con.get("home", dict, {})
    home_anchor = con.get("anchor", str, None, src=home_spec, rule="home.anchor") if home_spec else None
    home_above = tuple(con.get("above", list, [], src=home_spec, rule="home.above"))
    for lv in ((home_anchor,) if home_anchor else ()) + home_above:
        if lv not in suffix_level.values():
            raise con.err("home", f"level {lv!r} is not a level of places.yaml suffixes")
    for ch, lv in levels.items():
        if lv not in suffix_level.values():
            raise con.err(f"levels.{ch}", f"level {lv!r} is not a level of places.yaml suffixes")

    def rx_list(reader: _Reader, key: str, groups: tuple[str, ...]) -> tuple[tuple[str, re.Pattern], ...]:
        out = []
        items = reader.data.get(key, [])
        if not isinstance(items, list):
            raise reader.err(key, "expected a list of {name, regex} mappings")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or "regex" not in item:
                raise reader.err(f"{key}[{i}]", "expected a mapping with `name` and `regex`")
            name = str(item.get("name", f"{key}[{i}]"))
            out.append((name, reader.regex(item["regex"], f"{key}.{name}", groups)))
        return tuple(out)

    ell = con.get("elliptical", dict)
    act = con.get("acting_place", dict)
    acting_levels = con.get("levels", list, src=act, rule="acting_place.levels")
    gov_heads = tuple(fold(h) for h in con.get("government_heads", list, src=act, rule="acting_place.government_heads"))
    for h in gov_heads:
        if h not in heads:
            raise con.err("acting_place.government_heads", f"{h!r} is not a head of orgs.yaml")
    subject_verbs = tuple(con.get("subject_verbs", list, [], src=act, rule="acting_place.subject_verbs"))
    adverbs = tuple(con.get("adverbs", list, [], src=act, rule="acting_place.adverbs"))
    pivot_verbs = tuple(con.get("pivot_verbs", list, [], src=act, rule="acting_place.pivot_verbs"))
    openers = tuple(con.get("openers", list, [], src=act, rule="acting_place.openers"))
    ana = con.get("anaphora", dict, {})
    ana_dem = con.get("demonstratives", list, [], src=ana, rule="anaphora.demonstratives")
    ana_dem_heads = con.get("demonstrative_heads", list, [], src=ana, rule="anaphora.demonstrative_heads")
    ana_bare = [fold(h) for h in con.get("bare_heads", list, [], src=ana, rule="anaphora.bare_heads")]
    for h in ana_bare:
        if h not in heads:
            raise con.err("anaphora.bare_heads", f"{h!r} is not a head of orgs.yaml")
    ana_self = con.get("self", list, [], src=ana, rule="anaphora.self")
    self_re = re.compile("(?:" + _alternation(ana_self).pattern + ")(?P<level>" + "|".join(
        map(re.escape, levels)) + ")") if ana_self and levels else None
    ana_nf = {}
    for k, v in con.get("not_followed_by", dict, {}, src=ana, rule="anaphora.not_followed_by").items():
        if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
            raise con.err(f"anaphora.not_followed_by.{k}", "expected a list of non-empty strings")
        if str(k) not in ana_dem_heads and fold(str(k)) not in ana_bare:
            raise con.err(f"anaphora.not_followed_by.{k}", "not a demonstrative head nor a bare head")
        ana_nf[fold(str(k))] = _alternation(v)
    ana_re = re.compile("(?P<dem>" + _alternation(ana_dem).pattern + ")(?P<head>" + _alternation(ana_dem_heads).pattern
                        + ")|(?P<bare>" + _alternation(ana_bare).pattern + ")") if ana_dem and ana_dem_heads and ana_bare \
        else re.compile(r"(?!x)x")
    att = con.get("attached", dict, {})
    attached_heads = tuple(fold(h) for h in con.get("heads", list, [], src=att, rule="attached.heads"))
    attached_parents = tuple(fold(h) for h in con.get("parents", list, [], src=att, rule="attached.parents"))
    for h in attached_heads + attached_parents:
        if h not in heads:
            raise con.err("attached", f"{h!r} is not a head of orgs.yaml")
    titles_before = tuple(ppl.get("titles_before", list))
    titles_after = tuple(ppl.get("titles_after", list))
    compound = tuple(ppl.get("compound_surnames", list))
    adv = bnd.get("adverb_verbs", dict, {})
    adv_words = {a + v for a in bnd.get("adverbs", list, [], src=adv, rule="adverb_verbs.adverbs")
                 for v in bnd.get("verbs", list, [], src=adv, rule="adverb_verbs.verbs")}
    boundary_words = frozenset(bnd.get("words", list)) | frozenset(adv_words)
    numerals = bnd.get("numerals", str)
    measure = bnd.get("measure_words", str)
    ordinal = bnd.get("ordinal_prefixes", list, [])
    units = bnd.get("amount_units", list, [])
    for u in units:
        if len(u) < 2:
            raise bnd.err("amount_units", f"{u!r}: a unit of one character is also a word inside names")
    # numerals then a measure word or an amount unit (an ordinal prefix before it is looked at by
    # the engine): a pattern starting with a character class lets the regex engine skip ahead
    count_re = re.compile("[" + re.escape(numerals) + "]+(?:[" + re.escape(measure) + "]"
                          + ("|" + _alternation(units).pattern if units else "") + ")") \
        if numerals and measure else re.compile(r"(?!x)x")
    lat = con.get("latin_script", dict, {})
    latin_lang = con.get("language", str, None, src=lat, rule="latin_script.language") if lat else None
    latin_chars = None
    if lat:
        cls = con.get("chars", str, src=lat, rule="latin_script.chars")
        con.regex(cls, "latin_script.chars")
        if not (cls.startswith("[") and cls.endswith("]")) or cls.startswith("[^"):
            raise con.err("latin_script.chars", "expected one positive character class [...]")
        latin_chars = re.compile("[^" + cls[1:] + "+")        # what is masked: its complement
    if latin_lang is not None and not resources.path(latin_lang, "entities", "words.yaml").is_file():
        raise con.err("latin_script.language", f"{latin_lang!r} has no word-engine table entities/words.yaml")
    short_refs = frozenset(fold(h) for h in con.get("short_references", list, []))
    for h in short_refs:
        if h not in heads:
            raise con.err("short_references", f"{h!r} is not a head of orgs.yaml")

    return Rules(
        lang=lang,
        heads=heads,
        head_re=_alternation(heads),
        min_trade_name=orgs.get("min_trade_name", int),
        branch_gap=orgs.get("branch_gap", int),
        min_core=min_core,
        min_core_default=orgs.get("min_core_default", int, 0),
        parent_heads=parent_heads,
        department_parents=department_parents,
        numerals=frozenset(numerals),
        weak_words=frozenset(bnd.get("weak_words", list, [])),
        soft_re=_alternation(bnd.get("soft_words", list, [])),
        word_re=_alternation(w for w in list(boundary_words) + bnd.get("soft_words", list, [])
                             + bnd.get("inside_words", list, []) if len(w) > 1),
        word_max=max(map(len, list(boundary_words) + bnd.get("soft_words", list, [])
                         + bnd.get("inside_words", list, [])), default=0),
        measure_words=frozenset(measure),
        count_re=count_re,
        prepositions=frozenset(bnd.get("prepositions", list, [])),
        not_first=frozenset(bnd.get("not_first", list, [])),
        sub_bodies=sub_bodies,
        coordinated=coordinated,
        shorter_head={h: next(h[k:] for k in range(1, len(h)) if h[k:] in heads)
                      for h in heads if any(h[k:] in heads for k in range(1, len(h)))},
        sub_body_last=frozenset(w[-1] for w in sub_bodies),
        head_lengths=tuple(sorted({len(h) for h in heads}, reverse=True)),
        short_refs=short_refs,
        level_not_followed=frozenset(con.get("level_not_followed_by", list, [])),
        head_not_followed=not_followed,
        head_not_preceded=not_preceded,
        head_not_followed_re={h: _alternation(ws) for h, ws in not_followed.items()},
        levels_generic_re=re.compile("(?:" + "|".join(map(re.escape, gen.get("levels", list))) + ")$"),
        name_run_re=re.compile(bnd.regex(bnd.get("name_chars", str), "name_chars").pattern + "+"),
        non_name_re=_negated(bnd, bnd.get("name_chars", str)),
        levels_generic=tuple(gen.get("levels", list)),
        generic=frozenset(gen.get("modifiers", list)) | frozenset(gen.get("levels", list)),
        generic_re=_alternation(w for w in gen.get("modifiers", list) + gen.get("levels", list) if len(w) > 1),
        industry=frozenset(gen.get("industry", list)),
        industry_generic=frozenset(gen.get("industry", list)) | frozenset(gen.get("modifiers", list))
        | frozenset(gen.get("levels", list)),
        name_char=bnd.regex(bnd.get("name_chars", str), "name_chars"),
        max_name=bnd.get("max_name", int),
        boundary_words=boundary_words,
        boundary_max=max(map(len, boundary_words), default=0),
        boundary_last=frozenset(w[-1] for w in boundary_words),
        connector_last=frozenset(w[-1] for w in con.get("nested_connectors", list, [])),
        after_words=tuple(sorted(bnd.get("after_words", list), key=len, reverse=True)),
        after_words_re=_alternation(bnd.get("after_words", list)),
        not_names_re=_alternation(ppl.get("not_names", list, [])),
        compound_surnames_re=_alternation(compound),
        ordinal_prefixes=frozenset(ordinal),
        place_suffix_level=suffix_level,
        place_suffix_re=_alternation(suffix_level),
        stem_min=plc.get("stem_min", int),
        stem_max=plc.get("stem_max", int),
        bad_stem_chars=frozenset(plc.get("bad_stem_chars", str)),
        bad_stems=frozenset(plc.get("bad_stems", list)),
        bad_endings=frozenset(plc.get("bad_endings", list)),
        autonomous_re=autonomous_re,
        autonomous_any_re=re.compile(autonomous_re.pattern[:-1]) if autonomous_re is not None else None,
        autonomous_short=autonomous_short,
        place_not_followed=tuple(plc.get("not_followed_by", list)),
        place_not_followed_re=_alternation(plc.get("not_followed_by", list)),
        place_names=tuple(n for n in name_full if n not in suffixed_only),
        place_names_re=_alternation(n for n in name_full if n not in suffixed_only),
        place_name_full=name_full,
        place_words=frozenset(suffix_level) | frozenset(plc.get("bad_stems", list))
        | frozenset(gen.get("modifiers", list)),
        titles_before=titles_before,
        titles_after=titles_after,
        title_before_re=_alternation(titles_before),
        title_after_re=_alternation(titles_after),
        name_min=ppl.get("name_min", int),
        name_max=ppl.get("name_max", int),
        bad_name_chars=frozenset(ppl.get("bad_name_chars", str)),
        surnames=frozenset(ppl.get("surnames", str)),
        compound_surnames=compound,
        not_names=frozenset(ppl.get("not_names", list, [])),
        level_chars={str(k): str(v) for k, v in levels.items()},
        home_anchor=home_anchor,
        home_above=home_above,
        head_synonyms=synonyms,
        short_form_stem=short_stem,
        short_form_heads=short_heads,
        short_name=rx_list(con, "short_name", ("alias",)),
        quoted=con.regex(con.get("quoted", str), "quoted"),
        alternate_name=rx_list(con, "alternate_name", ("alt",)),
        nested_connectors=tuple(con.get("nested_connectors", list, [])),
        ellipsis_separators=tuple(con.get("separators", list, src=ell, rule="elliptical.separators")),
        ellipsis_item_max=con.get("item_max", int, src=ell, rule="elliptical.item_max"),
        ellipsis_tails=tuple(sorted((fold(t) for t in con.get("tails", list, src=ell, rule="elliptical.tails")),
                                    key=len, reverse=True)),
        acting_before=tuple(con.get("before", list, src=act, rule="acting_place.before")),
        acting_verbs=tuple(con.get("verbs", list, src=act, rule="acting_place.verbs")),
        acting_window=con.get("window", int, src=act, rule="acting_place.window"),
        acting_levels=frozenset(acting_levels),
        acting_subject_verbs=subject_verbs,
        acting_subject_verbs_re=_alternation(subject_verbs),
        acting_adverbs_re=_alternation(adverbs),
        acting_pivot_verbs=pivot_verbs,
        acting_openers=openers,
        anaphora_re=ana_re,
        anaphora_demonstratives=tuple(ana_dem),
        anaphora_self=tuple(ana_self),
        self_reference_re=self_re,
        anaphora_bare=frozenset(ana_bare),
        anaphora_not_followed=ana_nf,
        anaphora_not_after=frozenset(con.get("not_after", list, [], src=ana, rule="anaphora.not_after")),
        government_heads=gov_heads,
        attached_heads=frozenset(attached_heads),
        attached_parents=attached_parents,
        opaque=tuple(con.regex(p, f"opaque[{i}]") for i, p in enumerate(con.get("opaque", list, []))),
        bracket_max=con.get("bracket_max", int),
        chrome_labels=tuple(chr_.get("line_labels", list)),
        chrome_anywhere=tuple(chr_.get("anywhere_labels", list, []) + chr_.get("anywhere_marks", list, [])),
        chrome_anywhere_re=re.compile(
            "(?:" + _alternation(chr_.get("anywhere_labels", list, [])).pattern + r")\s*[:：]|"
            + _alternation(chr_.get("anywhere_marks", list, [])).pattern),
        chrome_line_max=chr_.get("anywhere_line_max", int, 0),
        chrome_regex=tuple(chr_.regex(p, f"line_regex[{i}]") for i, p in enumerate(chr_.get("line_regex", list, []))),
        chrome_segment_end=chr_.regex(chr_.get("segment_end", str), "segment_end") if "segment_end" in chr_.data else None,
        latin_language=latin_lang,
        latin_mask=latin_chars,
    )
