"""Load and validate a language's entity tables (``timeline/resources/<lang>/entities/*.yaml``).

The tables (documented in each YAML file's header) are read once per language through
``timeline.resources.load_yaml`` and checked here: a missing key, a value of the wrong shape or a
regex that does not compile (or lacks its named group) raises ``ResourceError`` naming the file
and the rule. Engines receive one immutable ``Rules`` object and never name a language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import resources
from ..resources import schema
from ..resources.compiled import re_compile
from ..text import load_rules as text_rules
from ..text.words import prefix_tree

FILES = ("orgs.yaml", "generic.yaml", "boundaries.yaml", "places.yaml", "people.yaml",
         "constructions.yaml", "chrome.yaml")
"""The tables read here; ``coref.yaml`` (short references, governments) is read by ``coref``."""


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
    word_tail_max: int           # orgs.yaml ``word_tail_max``: a short model name cut off a word's end
    min_core: dict[str, int]
    min_core_default: int
    parent_heads: frozenset[str]
    department_parents: frozenset[str]
    numerals: frozenset[str]
    weak_words: frozenset[str]
    soft_re: re.Pattern
    word_re: re.Pattern
    inside_re: re.Pattern | None
    word_max: int
    measure_words: frozenset[str]
    count_re: re.Pattern
    prepositions: frozenset[str]
    not_first: frozenset[str]
    level_verbs: frozenset[str]
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
    determiners: tuple[str, ...]         # generic.yaml determiners: 有关司局 names a class of bodies
    class_nouns: tuple[str, ...]         # generic.yaml class_nouns: 发展改革部门 names a class of bodies
    distributives: tuple[str, ...]       # generic.yaml distributives: 各|县区统战部 names every such body
    generic_re: re.Pattern
    generic_max: int
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
    home_destination: tuple[str, ...]
    head_synonyms: dict[str, str]
    short_form_stem: tuple[int, int]
    short_form_heads: tuple[str, ...]
    short_name: tuple[tuple[str, re.Pattern], ...]
    quoted: re.Pattern
    alternate_name: tuple[tuple[str, re.Pattern], ...]
    nested_connectors: tuple[str, ...]
    ellipsis_separators: tuple[str, ...]
    ellipsis_separators_re: re.Pattern      # any of them: found by the engine, not a loop over characters
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
    acting_locatives: tuple[str, ...]    # constructions.yaml acting_place.locatives: 在甲市、乙市召开
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
    chrome_bylines: tuple[re.Pattern, ...] = ()      # chrome.yaml ``bylines``: an outlet's name, group ``name``
    latin_language: str | None = None
    latin_mask: re.Pattern | None = None
    units: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    units_re: re.Pattern | None = None
    head_tails_re: re.Pattern | None = None
    venues_re: re.Pattern | None = None
    venue_room_re: re.Pattern | None = None          # orgs.yaml ``venue_rooms``: 某酒店|贵宾厅, a room
    session: re.Pattern | None = None
    named: tuple[tuple[str, re.Pattern], ...] = ()
    place_nesting: dict[str, int] = field(default_factory=dict)
    enum_separators: frozenset[str] = frozenset()
    enum_item: tuple[int, int] = (2, 6)
    enum_modifier_max: int = 0
    enum_classes_re: re.Pattern | None = None
    enum_before_re: re.Pattern | None = None
    enum_introducers_re: re.Pattern | None = None
    enum_introduced_re: re.Pattern | None = None
    sentence_end: frozenset[str] = frozenset("\n")    # text.yaml ``sentence_end`` and the line break
    enum_mark: str = ""
    enum_visited_re: re.Pattern | None = None        # 甲、乙等地: places visited (trade names only)
    enum_subject_re: re.Pattern | None = None        # 甲乙科技|投资2亿元: a trade name as a company's subject
    enum_persons_re: re.Pattern | None = None        # 甲、乙等企业|负责人: the people of the companies
    enum_persons_min: int = 4
    place_bracket: re.Pattern | None = None
    media_roles_re: re.Pattern | None = None
    head_words: frozenset[str] = frozenset()         # the keys of ``heads`` (a hashable set)
    anonymous_re: re.Pattern | None = None            # orgs.yaml ``anonymous.marks``
    anonymous_glued_re: re.Pattern | None = None      # orgs.yaml ``anonymous.glued``
    anonymous_trade: str = ""                         # orgs.yaml ``anonymous.trade_mark``
    datelines: tuple[str, ...] = ()                   # orgs.yaml ``datelines``
    meetings_re: re.Pattern | None = None             # orgs.yaml ``meetings``
    numbered_re: re.Pattern | None = None             # orgs.yaml ``numbered``
    slogan_verbs: frozenset[str] = frozenset()        # places.yaml ``slogan_verbs``
    unconfirmed_heads: frozenset[str] = frozenset()   # orgs.yaml ``unconfirmed_heads``
    regions: frozenset[str] = frozenset()             # orgs.yaml ``regions``
    dateline_re: re.Pattern | None = None             # orgs.yaml ``dateline``
    project_tail_re: re.Pattern | None = None         # orgs.yaml ``project_tail``
    phase_re: re.Pattern | None = None                # constructions.yaml ``project_phase.after``
    phase_lead: int = 0                               # constructions.yaml ``project_phase.lead_max``
    headless_ends_re: re.Pattern | None = None        # orgs.yaml ``headless_ends``
    byline_re: re.Pattern | None = None               # orgs.yaml ``byline``
    one_character_places: frozenset[str] = frozenset()  # places.yaml ``one_character``
    bare_zones_re: re.Pattern | None = None          # places.yaml ``bare_zones``: 开发区 alone, the zone
    abbreviated_after: frozenset[str] = frozenset()   # places.yaml ``abbreviated.after``
    abbreviated_chars: frozenset[str] = frozenset()   # places.yaml ``abbreviated.chars``


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



# ----------------------------------------------------------------------------- schemas
# One schema per table file (each file's header documents its keys); ``schema.read`` checks
# types, required and allowed keys and compiles the regexes. Cross-references between tables
# (a word that must be a head of orgs.yaml, a level of places.yaml) are checked in ``load_rules``.
_W = schema.Words()
_RX = schema.Regex(unanchored=True)


def _named_regexes(group: str) -> schema.List:
    """``[{name, regex}]``: regexes matched at a position, each with the named group ``group``."""
    return schema.List(schema.Map({"name": schema.Str(), "regex": schema.Regex(groups=(group,), unanchored=True)},
                                  required=("regex",)), label="name")


_HEAD_FLAGS = ("trade_name", "standalone", "place_only", "branch", "place_led", "needs_parent")

SCHEMAS: dict[str, schema.Map] = {
    "orgs.yaml": schema.Map({
        "min_trade_name": schema.Int(), "branch_gap": schema.Int(), "min_core_default": schema.Int(),
        "word_tail_max": schema.Int(min=0),
        "parent_heads": _W, "department_parents": _W, "min_core": schema.Dict(schema.Int()),
        "heads": schema.Dict(schema.Map({"words": _W, **{f: schema.Bool() for f in _HEAD_FLAGS}},
                                        required=("words",))),
        "not_followed_by": schema.Dict(_W), "not_preceded_by": schema.Dict(_W),
        "sub_bodies": _W, "coordinated_heads": _W,
        "short_forms": schema.Map({"stem_min": schema.Int(), "stem_max": schema.Int(), "heads": _W}),
        "synonyms": schema.Dict(schema.Str()), "units": _W, "venues": _W,
        "venue_rooms": schema.Map({"buildings": _W, "rooms": _W, "gap": schema.Int(min=0)},
                                  required=("buildings", "rooms", "gap")),
        "anonymous": schema.Map({"marks": _RX, "glued": _RX, "trade_mark": schema.Str()}), "datelines": _W,
        "meetings": _RX, "numbered": _RX, "headless_ends": _RX, "byline": _RX, "unconfirmed_heads": _W, "regions": _W,
        "dateline": _RX, "project_tail": _RX,
    }, required=("min_trade_name", "branch_gap", "heads")),
    "generic.yaml": schema.Map({"levels": _W, "modifiers": _W, "industry": _W, "determiners": _W,
                                "class_nouns": _W, "distributives": _W},
                               required=("levels", "modifiers", "industry")),
    "boundaries.yaml": schema.Map({
        "name_chars": _RX, "max_name": schema.Int(), "weak_words": _W, "inside_words": _W,
        "ordinal_prefixes": _W, "prepositions": _W, "not_first": _W, "level_verbs": _W, "soft_words": _W,
        "numerals": schema.Str(empty=True), "measure_words": schema.Str(empty=True), "amount_units": _W,
        "adverb_verbs": schema.Map({"adverbs": _W, "verbs": _W}), "words": _W, "after_words": _W,
    }, required=("name_chars", "max_name", "numerals", "measure_words", "words", "after_words")),
    "places.yaml": schema.Map({
        "suffixes": schema.Dict(_W), "stem_min": schema.Int(), "stem_max": schema.Int(),
        "bad_stem_chars": schema.Str(empty=True), "bad_stems": _W, "slogan_verbs": schema.Str(empty=True),
        "autonomous": schema.Map({"suffixes": schema.Dict(schema.Str()), "ethnic": _W}),
        "bad_endings": _W, "not_followed_by": _W, "suffixed_only": _W, "nesting": _W,
        "one_character": _W, "bare_zones": _W,
        "abbreviated": schema.Map({"after": _W, "chars": schema.Str()}, required=("after", "chars")),
        "names": schema.List(schema.Map({"level": schema.Str(), "suffix": schema.Str(empty=True), "names": _W},
                                        required=("level", "suffix", "names"))),
    }, required=("suffixes", "stem_min", "stem_max", "bad_stem_chars", "bad_stems", "bad_endings",
                 "not_followed_by", "names")),
    "people.yaml": schema.Map({
        "titles_before": _W, "titles_after": _W, "name_min": schema.Int(), "name_max": schema.Int(),
        "bad_name_chars": schema.Str(empty=True), "compound_surnames": _W, "surnames": schema.Str(empty=True),
        "not_names": _W,
    }, required=("titles_before", "titles_after", "name_min", "name_max", "bad_name_chars",
                 "compound_surnames", "surnames")),
    "constructions.yaml": schema.Map({
        "levels": schema.Dict(schema.Str()), "level_not_followed_by": _W,
        "home": schema.Map({"anchor": schema.Str(), "above": _W, "destination": _W}),
        "short_name": _named_regexes("alias"), "quoted": _RX, "alternate_name": _named_regexes("alt"),
        "nested_connectors": _W,
        "elliptical": schema.Map({"separators": _W, "item_max": schema.Int(), "tails": _W},
                                 required=("separators", "item_max", "tails")),
        "acting_place": schema.Map({
            "before": _W, "verbs": _W, "window": schema.Int(), "levels": _W,
            "subject_verbs": _W, "adverbs": _W, "pivot_verbs": _W, "openers": _W, "locatives": _W,
        }, required=("before", "verbs", "window", "levels")),
        "attached": schema.Map({"heads": _W, "parents": _W}),
        "place_bracket": schema.Regex(groups=("place",), unanchored=True), "media_roles": _W,
        "project_phase": schema.Map({"after": _RX, "lead_max": schema.Int()}),
        "session": _RX, "named": _named_regexes("name"),
        "enumerated": schema.Map({"mark": schema.Str(), "separators": schema.Words(chars=True),
                                  "item_min": schema.Int(min=1), "item_max": schema.Int(min=1),
                                  "modifier_max": schema.Int(min=0), "classes": _W, "before": _W,
                                  "introducers": _W, "introduced": _W, "visited": _W,
                                  "persons": _W, "persons_min": schema.Int(min=1),
                                  "subject_of": schema.List(_RX)},
                                 required=("mark", "separators", "item_min", "item_max", "classes")),
        "short_references": _W, "opaque": schema.List(_RX), "bracket_max": schema.Int(),
        "latin_script": schema.Map({"language": schema.Str()}, required=("language",)),
    }, required=("levels", "quoted", "elliptical", "acting_place", "bracket_max")),
    "chrome.yaml": schema.Map({
        "line_labels": _W, "anywhere_labels": _W, "anywhere_marks": _W, "anywhere_line_max": schema.Int(),
        "line_regex": schema.List(_RX), "segment_end": _RX,
        "bylines": schema.List(schema.Regex(groups=("name",), flags=re.M)),
    }, required=("line_labels",)),
}


def _negated(table: schema.Table, where: str, cls: str) -> re.Pattern:
    """The complement of a character class ``[...]`` (``where`` must hold one)."""
    if not (cls.startswith("[") and cls.endswith("]")) or cls.startswith("[^"):
        raise table.error(where, "expected one positive character class [...]")
    return re_compile("[^" + cls[1:] + "+")


def _alternation(words) -> re.Pattern:
    """A regex matching any of ``words``, longest first, built as a tree of their prefixes so
    that a position where no word starts is rejected on its first character (``prefix_tree``)."""
    words = set(words)
    if not words:
        return re_compile(r"(?!x)x")
    return re_compile(prefix_tree(words))


def _all_heads(table: schema.Table, where: str, words, heads: dict[str, Head], what: str = "a head",
               test=None) -> None:
    """Fail naming ``where`` when a (folded) word of ``words`` is not a head (passing ``test``)."""
    for h in words:
        if h not in heads or (test is not None and not test(heads[h])):
            raise table.error(where, f"{h!r} is not {what} of orgs.yaml `heads`")


def _load_heads(orgs: schema.Table) -> dict[str, Head]:
    heads: dict[str, Head] = {}
    for kind, spec in orgs["heads"].items():
        for w in spec["words"]:
            w = fold(w)
            if w in heads and heads[w].kind != kind:
                raise orgs.error(f"heads.{kind}", f"{w!r} is already a head of heads.{heads[w].kind}")
            heads[w] = Head(w, str(kind), *(spec.get(f, False) for f in _HEAD_FLAGS))
    return heads


def _load_orgs(orgs: schema.Table) -> dict[str, Any]:
    """Heads and the tables of orgs.yaml that name heads, folded and checked."""
    heads = _load_heads(orgs)
    out: dict[str, Any] = {"heads": heads}
    for key in ("not_followed_by", "not_preceded_by"):
        out[key] = {fold(k): tuple(v) for k, v in orgs.get(key, {}).items()}
        for k in out[key]:
            if k not in heads:
                raise orgs.error(f"{key}.{k}", "constraint on a word that is not a head of `heads`")
    min_core = {}
    for k, v in orgs.get("min_core", {}).items():
        if fold(str(k)) not in heads:
            raise orgs.error(f"min_core.{k}", "expected a head of `heads` and an integer")
        min_core[fold(str(k))] = v
    out["min_core"] = min_core
    out["parent_heads"] = frozenset(fold(h) for h in orgs.get("parent_heads", []))
    _all_heads(orgs, "parent_heads", out["parent_heads"], heads)
    out["department_parents"] = frozenset(fold(h) for h in orgs.get("department_parents", []))
    _all_heads(orgs, "department_parents", out["department_parents"], heads, "a place_only head",
               lambda h: h.place_only)
    synonyms = {}
    for k, v in orgs.get("synonyms", {}).items():
        if fold(str(k)) not in heads or fold(v) not in heads:
            raise orgs.error(f"synonyms.{k}", "both sides must be heads of `heads`")
        synonyms[fold(str(k))] = fold(v)
    out["synonyms"] = synonyms
    sf = orgs.get("short_forms", {})
    out["short_stem"] = (sf.get("stem_min", 2), sf.get("stem_max", 0))
    out["short_heads"] = tuple(fold(h) for h in sf.get("heads", []))
    _all_heads(orgs, "short_forms.heads", out["short_heads"], heads, "a trade_name head", lambda h: h.trade_name)
    out["sub_bodies"] = tuple(sorted((fold(h) for h in orgs.get("sub_bodies", [])), key=len, reverse=True))
    _all_heads(orgs, "sub_bodies", out["sub_bodies"], heads)
    out["coordinated"] = frozenset(fold(h) for h in orgs.get("coordinated_heads", []))
    _all_heads(orgs, "coordinated_heads", out["coordinated"], heads)
    out["unconfirmed_heads"] = frozenset(fold(h) for h in orgs.get("unconfirmed_heads", []))
    _all_heads(orgs, "unconfirmed_heads", out["unconfirmed_heads"], heads, "a trade_name head", lambda h: h.trade_name)
    return out


def _load_places(plc: schema.Table) -> dict[str, Any]:
    """Place suffixes by level, known names with their full form, autonomous-area patterns."""
    suffix_level: dict[str, str] = {}
    for level, words in plc["suffixes"].items():
        for w in words:
            suffix_level[w] = str(level)
    name_full: dict[str, tuple[str, str]] = {}      # bare known name -> (level, full name)
    for grp in plc["names"]:
        for n in grp["names"]:
            name_full[n] = (grp["level"], n + grp["suffix"])
    suffixed_only = frozenset(plc.get("suffixed_only", []))
    for n in suffixed_only:
        if n not in name_full:
            raise plc.error("suffixed_only", f"{n!r} is not a name of `names`")
    for n in plc.get("one_character", []):
        if len(n) != 2 or n[1] not in suffix_level:
            raise plc.error("one_character", f"{n!r} is not one character and a suffix of `suffixes`")
    auto = plc.get("autonomous", {})
    autonomous_short = {str(k): v for k, v in auto.get("suffixes", {}).items()}
    for k in autonomous_short:
        if k not in suffix_level:
            raise plc.error("autonomous.suffixes", f"{k!r} is not a suffix of `suffixes`")
    ethnic = auto.get("ethnic", [])
    # matched ending at a suffix: search(text, pos, suffix_end) with the trailing $
    autonomous_re = re_compile("(?P<ethnic>(?:" + "|".join(map(re.escape, sorted(ethnic, key=len, reverse=True)))
                               + ")+)(?P<suffix>" + "|".join(map(re.escape, autonomous_short)) + ")$") \
        if ethnic and autonomous_short else None
    return {"suffix_level": suffix_level, "name_full": name_full, "suffixed_only": suffixed_only,
            "autonomous_short": autonomous_short, "autonomous_re": autonomous_re}


def _count_re(bnd: schema.Table) -> re.Pattern:
    """Numerals then a measure word or an amount unit (an ordinal prefix before it is looked at
    by the engine): a pattern starting with a character class lets the regex engine skip ahead.
    A count starts where its run of numerals starts (the lookbehind): a match that starts inside a
    run would also start at the run's start, and without it a long run of numerals with no
    measure word (十十十…) is retried at each of its offsets, time quadratic in its length."""
    numerals, measure, units = bnd["numerals"], bnd["measure_words"], bnd.get("amount_units", [])
    for u in units:
        if len(u) < 2:
            raise bnd.error("amount_units", f"{u!r}: a unit of one character is also a word inside names")
    return re_compile("(?<![" + re.escape(numerals) + "])[" + re.escape(numerals) + "]+(?:[" + re.escape(measure) + "]"
                      + ("|" + _alternation(units).pattern if units else "") + ")") \
        if numerals and measure else re_compile(r"(?!x)x")


def _latin_script(con: schema.Table) -> tuple[str | None, re.Pattern | None]:
    """The language of the Latin-script stretches and the mask of what is not written in its
    script (the complement of its text table's ``script.chars``, ``timeline.text``)."""
    lat = con.get("latin_script")
    if not lat:
        return None, None
    latin_lang = lat["language"]
    written = text_rules(latin_lang)
    if written is None or written.script.chars is None:
        raise con.error("latin_script.language", f"{latin_lang!r} has no text table with script.chars (text.yaml)")
    latin_chars = _negated(con, "latin_script.language", written.script.chars.pattern)   # what is masked
    if not resources.path(latin_lang, "entities", "words.yaml").is_file():
        raise con.error("latin_script.language", f"{latin_lang!r} has no word-engine table entities/words.yaml")
    return latin_lang, latin_chars


def _venue_rooms(spec: dict | None) -> re.Pattern | None:
    """orgs.yaml ``venue_rooms`` as one regex: a building word, at most ``gap`` characters of no
    punctuation, a room word, the end (searched over a name and the building words before it)."""
    if not spec:
        return None
    b, rm = _alternation(fold(w) for w in spec["buildings"]), _alternation(fold(w) for w in spec["rooms"])
    return re_compile(rf"(?:{b.pattern})[^\s，。、；;,.]{{0,{spec['gap']}}}(?:{rm.pattern})$")


def _enumerated(con: schema.Table) -> dict[str, Any]:
    """The ``enumerated`` construction of constructions.yaml as ``Rules`` fields (none without it)."""
    en = con.get("enumerated")
    if not en:
        return {}
    return {"enum_separators": frozenset(en["separators"]), "enum_item": (en["item_min"], en["item_max"]),
            "enum_modifier_max": en.get("modifier_max", 0), "enum_classes_re": _alternation(en["classes"]),
            "enum_before_re": _alternation(en["before"]) if en.get("before") else None, "enum_mark": en["mark"],
            "enum_introducers_re": _alternation(en["introducers"]) if en.get("introducers") else None,
            "enum_introduced_re": _alternation(en["introduced"]) if en.get("introduced") else None,
            "enum_visited_re": _alternation(en["visited"]) if en.get("visited") else None,
            "enum_persons_re": _alternation(en["persons"]) if en.get("persons") else None,
            "enum_persons_min": en.get("persons_min", 4),
            "enum_subject_re": re_compile("|".join(f"(?:{rx.pattern})" for rx in en["subject_of"]))
            if en.get("subject_of") else None}


@cache
def load_rules(lang: str) -> Rules | None:  # noqa: C901 - one flat constructor call of ~120 fields
    """Load and validate the character-engine tables of ``lang``; ``None`` when the language has
    none (no ``entities/orgs.yaml``: no tables at all, or the word engine's ``words.yaml``).

    Raises ``ResourceError`` (``schema.TableError``: file and key named) for a malformed table.
    """
    if not resources.path(lang, "entities", "orgs.yaml").is_file():
        return None                     # no tables, or a word-engine language (words.py)
    orgs, gen, bnd, plc, ppl, con, chr_ = (schema.read(lang, "entities", f, schema=SCHEMAS[f]) for f in FILES)
    o = _load_orgs(orgs)
    heads = o["heads"]
    p = _load_places(plc)
    suffix_level, name_full, suffixed_only = p["suffix_level"], p["name_full"], p["suffixed_only"]
    for lv in plc.get("nesting", []):
        if lv not in suffix_level.values():
            raise plc.error("nesting", f"level {lv!r} is not a level of `suffixes`")
    levels = con["levels"]
    home_spec = con.get("home", {})
    home_anchor = home_spec.get("anchor")
    home_above = tuple(home_spec.get("above", []))
    for lv in ((home_anchor,) if home_anchor else ()) + home_above:
        if lv not in suffix_level.values():
            raise con.error("home", f"level {lv!r} is not a level of places.yaml suffixes")
    for ch, lv in levels.items():
        if lv not in suffix_level.values():
            raise con.error(f"levels.{ch}", f"level {lv!r} is not a level of places.yaml suffixes")

    def rx_list(key: str) -> tuple[tuple[str, re.Pattern], ...]:
        return tuple((str(item.get("name", f"{key}[{i}]")), item["regex"])
                     for i, item in enumerate(con.get(key, [])))

    ell, act = con["elliptical"], con["acting_place"]
    subject_verbs = tuple(act.get("subject_verbs", []))
    att = con.get("attached", {})
    attached_heads = tuple(fold(h) for h in att.get("heads", []))
    attached_parents = tuple(fold(h) for h in att.get("parents", []))
    _all_heads(con, "attached", attached_heads + attached_parents, heads)
    titles_before, titles_after = tuple(ppl["titles_before"]), tuple(ppl["titles_after"])
    compound = tuple(ppl["compound_surnames"])
    adv = bnd.get("adverb_verbs", {})
    adv_words = {a + v for a in adv.get("adverbs", []) for v in adv.get("verbs", [])}
    boundary_words = frozenset(bnd["words"]) | frozenset(adv_words)
    numerals, measure = bnd["numerals"], bnd["measure_words"]
    count_re = _count_re(bnd)
    latin_lang, latin_chars = _latin_script(con)
    short_refs = frozenset(fold(h) for h in con.get("short_references", []))
    _all_heads(con, "short_references", short_refs, heads)
    soft_words, inside_words = bnd.get("soft_words", []), bnd.get("inside_words", [])
    name_chars = bnd["name_chars"].pattern
    gen_levels, modifiers, industry = gen["levels"], gen["modifiers"], gen["industry"]
    anywhere_labels, anywhere_marks = chr_.get("anywhere_labels", []), chr_.get("anywhere_marks", [])

    return Rules(
        lang=lang,
        heads=heads,
        head_words=frozenset(heads),
        head_re=_alternation(heads),
        min_trade_name=orgs["min_trade_name"],
        branch_gap=orgs["branch_gap"],
        word_tail_max=orgs.get("word_tail_max", 0),
        min_core=o["min_core"],
        min_core_default=orgs.get("min_core_default", 0),
        parent_heads=o["parent_heads"],
        department_parents=o["department_parents"],
        numerals=frozenset(numerals),
        weak_words=frozenset(bnd.get("weak_words", [])),
        soft_re=_alternation(soft_words),
        word_re=_alternation(w for w in list(boundary_words) + soft_words + inside_words if len(w) > 1),
        word_max=max(map(len, list(boundary_words) + soft_words + inside_words), default=0),
        inside_re=_alternation(inside_words) if inside_words else None,
        measure_words=frozenset(measure),
        count_re=count_re,
        prepositions=frozenset(bnd.get("prepositions", [])),
        not_first=frozenset(bnd.get("not_first", [])),
        level_verbs=frozenset(bnd.get("level_verbs", [])),
        sub_bodies=o["sub_bodies"],
        coordinated=o["coordinated"],
        unconfirmed_heads=o["unconfirmed_heads"],
        shorter_head={h: next(h[k:] for k in range(1, len(h)) if h[k:] in heads)
                      for h in heads if any(h[k:] in heads for k in range(1, len(h)))},
        sub_body_last=frozenset(w[-1] for w in o["sub_bodies"]),
        head_lengths=tuple(sorted({len(h) for h in heads}, reverse=True)),
        short_refs=short_refs,
        level_not_followed=frozenset(con.get("level_not_followed_by", [])),
        head_not_followed=o["not_followed_by"],
        head_not_preceded=o["not_preceded_by"],
        head_not_followed_re={h: _alternation(ws) for h, ws in o["not_followed_by"].items()},
        levels_generic_re=re_compile("(?:" + "|".join(map(re.escape, gen_levels)) + ")$"),
        name_run_re=re_compile(name_chars + "+"),
        non_name_re=_negated(bnd, "name_chars", name_chars),
        levels_generic=tuple(gen_levels),
        generic=frozenset(modifiers) | frozenset(gen_levels),
        determiners=tuple(gen.get("determiners", [])),
        class_nouns=tuple(gen.get("class_nouns", [])),
        distributives=tuple(sorted(gen.get("distributives", []), key=len, reverse=True)),
        generic_re=_alternation(w for w in modifiers + gen_levels if len(w) > 1),
        generic_max=max(map(len, modifiers + gen_levels), default=0),
        industry=frozenset(industry),
        industry_generic=frozenset(industry) | frozenset(modifiers) | frozenset(gen_levels),
        name_char=bnd["name_chars"],
        max_name=bnd["max_name"],
        boundary_words=boundary_words,
        boundary_max=max(map(len, boundary_words), default=0),
        boundary_last=frozenset(w[-1] for w in boundary_words),
        connector_last=frozenset(w[-1] for w in con.get("nested_connectors", [])),
        after_words=tuple(sorted(bnd["after_words"], key=len, reverse=True)),
        after_words_re=_alternation(bnd["after_words"]),
        not_names_re=_alternation(ppl.get("not_names", [])),
        compound_surnames_re=_alternation(compound),
        ordinal_prefixes=frozenset(bnd.get("ordinal_prefixes", [])),
        place_suffix_level=suffix_level,
        place_suffix_re=_alternation(suffix_level),
        stem_min=plc["stem_min"],
        stem_max=plc["stem_max"],
        bad_stem_chars=frozenset(plc["bad_stem_chars"]),
        slogan_verbs=frozenset(plc.get("slogan_verbs", "")),
        bad_stems=frozenset(plc["bad_stems"]),
        bad_endings=frozenset(plc["bad_endings"]),
        autonomous_re=p["autonomous_re"],
        autonomous_any_re=re_compile(p["autonomous_re"].pattern[:-1]) if p["autonomous_re"] is not None else None,
        autonomous_short=p["autonomous_short"],
        place_not_followed=tuple(plc["not_followed_by"]),
        place_not_followed_re=_alternation(plc["not_followed_by"]),
        place_names=tuple(n for n in name_full if n not in suffixed_only),
        place_names_re=_alternation(n for n in name_full if n not in suffixed_only),
        place_name_full=name_full,
        place_words=frozenset(suffix_level) | frozenset(plc["bad_stems"]) | frozenset(modifiers),
        titles_before=titles_before,
        titles_after=titles_after,
        title_before_re=_alternation(titles_before),
        title_after_re=_alternation(titles_after),
        name_min=ppl["name_min"],
        name_max=ppl["name_max"],
        bad_name_chars=frozenset(ppl["bad_name_chars"]),
        surnames=frozenset(ppl["surnames"]),
        compound_surnames=compound,
        not_names=frozenset(ppl.get("not_names", [])),
        level_chars={str(k): v for k, v in levels.items()},
        home_anchor=home_anchor,
        home_above=home_above,
        home_destination=tuple(home_spec.get("destination", [])),
        head_synonyms=o["synonyms"],
        short_form_stem=o["short_stem"],
        short_form_heads=o["short_heads"],
        short_name=rx_list("short_name"),
        quoted=con["quoted"],
        alternate_name=rx_list("alternate_name"),
        nested_connectors=tuple(con.get("nested_connectors", [])),
        ellipsis_separators=tuple(ell["separators"]),
        ellipsis_separators_re=re_compile("|".join(map(re.escape, ell["separators"])) or r"(?!x)x"),
        ellipsis_item_max=ell["item_max"],
        ellipsis_tails=tuple(sorted((fold(t) for t in ell["tails"]), key=len, reverse=True)),
        acting_before=tuple(act["before"]),
        acting_verbs=tuple(act["verbs"]),
        acting_window=act["window"],
        acting_levels=frozenset(act["levels"]),
        acting_subject_verbs=subject_verbs,
        acting_subject_verbs_re=_alternation(subject_verbs),
        acting_adverbs_re=_alternation(act.get("adverbs", [])),
        acting_pivot_verbs=tuple(act.get("pivot_verbs", [])),
        acting_openers=tuple(act.get("openers", [])),
        acting_locatives=tuple(act.get("locatives", [])),
        attached_heads=frozenset(attached_heads),
        attached_parents=attached_parents,
        opaque=tuple(con.get("opaque", [])),
        bracket_max=con["bracket_max"],
        chrome_labels=tuple(chr_["line_labels"]),
        chrome_anywhere=tuple(anywhere_labels + anywhere_marks),
        chrome_anywhere_re=re_compile(
            "(?:" + _alternation(anywhere_labels).pattern + r")\s*[:：]|" + _alternation(anywhere_marks).pattern),
        chrome_line_max=chr_.get("anywhere_line_max", 0),
        chrome_regex=tuple(chr_.get("line_regex", [])),
        chrome_segment_end=chr_.get("segment_end"),
        chrome_bylines=tuple(chr_.get("bylines", [])),
        latin_language=latin_lang,
        latin_mask=latin_chars,
        units=tuple(fold(u) for u in orgs.get("units", [])),
        venues=tuple(fold(u) for u in orgs.get("venues", [])),
        units_re=_alternation(fold(u) for u in orgs.get("units", [])),
        head_tails_re=_alternation({h[k:] for h in heads for k in range(1, len(h) - 1)} - set(heads)),
        venues_re=re_compile("(?:" + "|".join(sorted((re.escape(fold(v)) for v in orgs.get("venues", [])),
                                                     key=len, reverse=True)) + ")$"
)
        if orgs.get("venues") else None,
        venue_room_re=_venue_rooms(orgs.get("venue_rooms")),
        **_enumerated(con),
        place_bracket=con.get("place_bracket"),
        session=con.get("session"),
        named=rx_list("named"),
        place_nesting={lv: k for k, lv in enumerate(plc.get("nesting", []))},
        media_roles_re=_alternation(con["media_roles"]) if con.get("media_roles") else None,
        anonymous_re=orgs.get("anonymous", {}).get("marks"),
        anonymous_glued_re=orgs.get("anonymous", {}).get("glued"),
        anonymous_trade=orgs.get("anonymous", {}).get("trade_mark", ""),
        datelines=tuple(orgs.get("datelines", [])),
        meetings_re=orgs.get("meetings"),
        numbered_re=orgs.get("numbered"),
        headless_ends_re=orgs.get("headless_ends"),
        regions=frozenset(orgs.get("regions", [])),
        dateline_re=orgs.get("dateline"),
        project_tail_re=orgs.get("project_tail"),
        phase_re=con.get("project_phase", {}).get("after"),
        phase_lead=con.get("project_phase", {}).get("lead_max", 0),
        byline_re=orgs.get("byline"),
        one_character_places=frozenset(plc.get("one_character", [])),
        bare_zones_re=_alternation(plc["bare_zones"]) if plc.get("bare_zones") else None,
        abbreviated_after=frozenset(plc.get("abbreviated", {}).get("after", [])),
        abbreviated_chars=frozenset(plc.get("abbreviated", {}).get("chars", "")),
        sentence_end=_sentence_end(lang),
    )


def _sentence_end(lang: str) -> frozenset[str]:
    """The characters ending a sentence in ``lang`` (text.yaml ``sentence_end``) and the line break."""
    written = text_rules(lang)
    return frozenset("\n") | (written.sentence_end if written is not None else frozenset())
