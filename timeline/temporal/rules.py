"""Loading and validating a language's temporal rule tables.

A language folder ``timeline/resources/<lang>/temporal/`` holds (HeidelTime's layout, as YAML):

* ``tables.yaml``: normalisation tables (numerals, relative words, units…) and ``groups``, the
  named regex groups rules may use and how each is normalised; its ``future_signals`` (预计,
  将于) also tell the anchoring pass that the date after them is planned;
* ``patterns.yaml``: ``patterns``, reusable regex fragments referenced as ``{name}``; a table
  name written ``{@table}`` expands to the alternation of that table's keys (longest first);
* ``context.yaml``: signal words next to a time expression that set its ``mod`` (``截至``,
  ``以前``…), the words of a range ``A 和 B 之间``, and the scan breaks of the pre-filter:
  ``scan_breaks`` no rule may match (checked), ``clause_breaks`` few do;
  ``clause_openers`` (words that may stand before a date opening a clause: ``于``),
  ``clause_opener_endings`` (how a dateline before it ends: ``讯``), ``label_endings`` (how a
  metadata label before it ends: ``：``), ``reporting_verbs`` (how a clause dating a report
  ends: ``获悉``), ``speech_verbs``/``speech_marks`` (how a speaker's words open: ``表示，``,
  ``说：“``; a deictic 今天/今年 opening them is read on the narrative's day) and
  ``aside_signals`` (words that put a date in a historical aside: ``早在``),
  ``dispatch_ends`` (what follows the date of a dispatch, ``本报兰州3月19日讯``: the story's day),
  and ``unknown_days`` (words dating a happening on a recent day they do not name: ``日前``),
  which choose the day that ``同日``/``次日`` and a clock time without a date refer to
  (``timeline.temporal.tag``); ``apposition_opens``/``apposition_closes`` (the brackets of a date
  in apposition to a deictic day, ``今日（8月8日）``: the page's own day,
  ``timeline.temporal.stated_today``); ``timetable_labels`` (opening hours: ``营业时间：``), after which
  a weekday recurs (SET) and a clock time names no day; ``embedded_languages``, other languages whose rules also run on
  the lines written in their script; ``tense``: ``default``
  (``past`` or ``future``) and, under ``past`` and ``future``, regexes of words that mark a
  sentence's tense (``will``, ``said``): the cue nearest a time expression in its sentence turns
  its ``UNDEF-tense-…`` value into ``UNDEF-past-…`` or ``UNDEF-future-…`` (see ``anchoring``);
  ``period_end_signals``, words before a date that ends a period named before it (``the quarter
  ended Sept. 30``): such a date is no narrative date that later references count from;
  ``words_across_start``, words that, begun before a match and ending inside it, void it
  (``未来年度``: no ``来年度``; ``engine.candidates``);
  ``certain_future``, regexes of a plain future (``will``) that turn ``UNDEF-cued-…`` into
  ``UNDEF-future-…`` (else ``UNDEF-closest-…``); ``future_weight``, how much farther an
  occurrence after the DCT counts when the nearest one is chosen;
* the text table ``resources/<lang>/text.yaml`` (``timeline.text``): the sentence ends (a partial
  date is completed from an earlier date of its sentence only; the tense of a sentence is read
  inside it) and the range connectors (``至``, ``-``).
* ``rules_*.yaml``: extraction rules, each ``{id, type, pattern, value, [mod], [begin, finish],
  [quant, freq], [priority], [examples], [points], [after_digits], [scripts], [requires]}`` (``points: true``: a range
  of groups ``X`` and ``X_end`` is two expressions, ``engine.split_ranges``; ``after_digits:
  true``: a match may start right after a digit, a count scraped onto a stamp,
  ``engine.candidates``); ``negatives.yaml``: patterns that are never time expressions
  (``{id, pattern, why}``).

Value templates are TIMEX3 strings with placeholders: ``{group}`` (the normalised group),
``{group=00}`` (with a default), ``[a|b]`` (an optional segment: the first alternative whose
placeholders all matched, else nothing), the derived ``{duration}`` (ISO 8601 duration built from
every ``num``/``unit`` capture, a group may repeat: ``一年三个月``) and ``{era_year}`` (``era``
first year + ``eyear`` - 1). ``templates`` in ``patterns.yaml`` are reusable template fragments.
Rules may emit HeidelTime-style underspecified values (``UNDEF-this-year-{month}``), which
``timeline.temporal.anchoring`` resolves.

Everything is checked when loaded (``timeline.resources.schema`` for the shape of each file, this
module for the rest): an unknown key, macro, group, placeholder, table, type or mod, a regex that
does not compile or a duplicate rule id raises ``RuleError`` naming the file, the key path and the
rule (``timeline/resources/zh/temporal/rules_dates.yaml: rules[12].pattern: ... (id 'ymd')``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import regex

from ..model import TIMEX_MODS, TIMEX_TYPES
from ..resources import ResourceError, load_list, load_yaml, path, schema
from ..resources.compiled import re_compile, regex_compile
from ..text import load_rules as text_rules
from .numerals import NumeralTable

STAGE = "temporal"
GROUP_KINDS = ("year", "number", "amount", "table")
DERIVED_PLACEHOLDERS = ("duration", "era_year")
RULE_KEYS = {"id", "type", "pattern", "value", "mod", "begin", "finish", "quant", "freq", "priority",
             "examples", "comment", "case_sensitive", "points", "after_digits", "scripts", "requires"}
NEGATIVE_KEYS = {"id", "pattern", "why", "examples", "case_sensitive"}
_MACRO = re.compile(r"\{(@?[A-Za-z_][A-Za-z0-9_]*)\}")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\}")


class RuleError(schema.TableError):
    """A temporal table that cannot be loaded: ``<file>: <key path>: <reason> (id '<rule>')``."""


# ----------------------------------------------------------------------------- templates
@dataclass(frozen=True)
class Template:
    """A parsed value template: literal strings, placeholders ``(name, default)`` and optional
    segments (``Optional``)."""

    parts: tuple[Any, ...]
    source: str = ""

    def names(self) -> set[str]:
        out: set[str] = set()
        for p in self.parts:
            if isinstance(p, Optional):
                for alt in p.alternatives:
                    out |= alt.names()
            elif isinstance(p, tuple):
                out.add(p[0])
        return out

    def render(self, values: dict[str, str]) -> str | None:
        """Fill the template; ``None`` when a required placeholder has no value."""
        out = []
        for p in self.parts:
            if isinstance(p, Optional):
                out.append(p.render(values))
            elif isinstance(p, tuple):
                name, default = p
                v = values.get(name)
                if v is None:
                    v = default
                if v is None:
                    return None
                out.append(v)
            else:
                out.append(p)
        return "".join(out)


@dataclass(frozen=True)
class Optional:
    """``[a|b|c]``: the first alternative whose placeholders all have values, else nothing."""

    alternatives: tuple[Template, ...]

    def render(self, values: dict[str, str]) -> str:
        for alt in self.alternatives:
            s = alt.render(values)
            if s is not None:
                return s
        return ""


def parse_template(text: str) -> Template:
    """Parse ``'[{year}|UNDEF-{yshift}]-{month}[-{day}]'`` into a ``Template``.

    ``{name}``/``{name=default}`` are placeholders; ``[…]`` is optional and may hold
    ``|``-separated alternatives. Raises ``ValueError`` on unbalanced brackets or a bad placeholder.
    """
    pos = 0

    def parse(depth: int) -> list[Template]:
        nonlocal pos
        alts: list[Template] = []
        parts: list[Any] = []
        lit: list[str] = []

        def flush() -> None:
            if lit:
                parts.append("".join(lit))
                lit.clear()

        while pos < len(text):
            c = text[pos]
            if c == "[":
                flush()
                pos += 1
                parts.append(Optional(tuple(parse(depth + 1))))
            elif c == "]":
                if depth == 0:
                    raise ValueError(f"unbalanced ']' in template {text!r}")
                pos += 1
                flush()
                alts.append(Template(tuple(parts), text))
                return alts
            elif c == "|" and depth > 0:
                pos += 1
                flush()
                alts.append(Template(tuple(parts), text))
                parts = []
            elif c == "{":
                m = _PLACEHOLDER.match(text, pos)
                if not m:
                    raise ValueError(f"bad placeholder at {pos} in template {text!r}")
                flush()
                parts.append((m.group(1), m.group(2)))
                pos = m.end()
            else:
                lit.append(c)
                pos += 1
        if depth:
            raise ValueError(f"unbalanced '[' in template {text!r}")
        flush()
        return [Template(tuple(parts), text)]

    return parse(0)[0]


# ----------------------------------------------------------------------------- rule objects
@dataclass(frozen=True)
class GroupSpec:
    """How one named group is normalised: ``kind`` in ``GROUP_KINDS``; ``table`` (a table of
    ``tables.yaml``), ``min``/``max`` bounds and zero-padding ``width`` for numbers; ``offset``
    added to a number once bounded (a year counted in an era: ROC 110 + 1911 = 2021)."""

    name: str
    kind: str
    table: str | None = None
    min: int | None = None
    max: int | None = None
    width: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class Rule:
    """One compiled extraction rule (or negative rule when ``negative``)."""

    id: str
    type: str
    pattern: Any
    value: Template | None          # None for a range: computed from begin/finish
    mod: Template | None = None
    begin: Template | None = None
    finish: Template | None = None
    quant: str | None = None
    freq: str | None = None
    priority: int = 0
    negative: bool = False
    order: int = 0
    # up to two character sets every match contains a character of (see ``required_chars``),
    # chosen at load time as the rarest by ``frequent_chars.txt``: (frozenset, …) or ()
    needs: tuple = ()
    crosses_clauses: bool = False   # a match may hold a clause break (10月12号，星期一)
    examples: tuple[str, ...] = ()  # texts the rule's own pattern must match (tests/test_rule_examples.py)
    points: bool = False            # a range written as two points (九月十五至十九日): two expressions
    after_digits: bool = False      # a match may start right after a digit (1862021-09-10 10:52:45:
                                    # a count scraped onto a stamp)
    scripts: frozenset[str] = frozenset()  # run only on a text written in one of these scripts (Hant)
    requires: Any = None            # run only on a text this pattern is found in (民国: ROC evidence)


@dataclass
class RuleSet:
    """All tables and compiled rules of one language."""

    lang: str
    rules: list[Rule]
    groups: dict[str, GroupSpec]
    tables: dict[str, Any]
    numerals: NumeralTable
    year_pivot: int
    signals_before: dict[str, str] = field(default_factory=dict)
    signals_after: dict[str, str] = field(default_factory=dict)
    range_connectors: tuple[str, ...] = ()
    range_between: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    sentence_end: frozenset[str] = frozenset()
    sentence_end_re: Any = None
    needed_chars: frozenset[str] = frozenset()   # every character of every rule's ``needs``
    needed_re: Any = None                        # compiled class of ``needed_chars`` (or None)
    numeral_chars: frozenset[str] = frozenset()  # native digits and multipliers
    scan_breaks: frozenset[str] = frozenset()    # characters no positive rule can match
    clause_breaks: frozenset[str] = frozenset()  # characters few rules match (``crosses_clauses``)
    scan_breaks_re: Any = None                   # compiled class of both (or None)
    sentence_breaks_re: Any = None               # compiled class of ``scan_breaks`` (or None)
    clause_openers: tuple[str, ...] = ()         # words before a date that still opens its clause
    aside_signals: tuple[str, ...] = ()          # words before a date that make it an aside
    clause_opener_endings: tuple[str, ...] = ()  # how a dateline before a date ends (本报讯, （记者…）)
    label_endings: tuple[str, ...] = ()          # how a label before a date ends (发布时间：): metadata
    dispatch_ends: tuple[str, ...] = ()          # a day right before one is the story's day (3月19日讯)
    apposition_opens: tuple[str, ...] = ()       # how a date in apposition opens and closes
    apposition_closes: tuple[str, ...] = ()      # (今日（8月8日）: the page's day)
    reporting_verbs: tuple[str, ...] = ()        # a clause dating a report ends so (记者…获悉)
    speech_verbs: tuple[str, ...] = ()           # a speaker's words open after one (X表示，今天…)
    speech_marks: frozenset[str] = frozenset()   # and a comma, colon or quote (，：“)
    unknown_days: frozenset[str] = frozenset()   # a recent day not named (日前): the narrative's
                                                 # day is then unknown (当天 = XXXX-XX-XX)
    period_end_signals: tuple[str, ...] = ()     # before a date that ends a period named before it
    words_across_start: frozenset[str] = frozenset()  # a word running across a match's start voids it
    words_across_len: int = 0                    # the longest of them
                                                 # (the quarter ended Sept. 30): not a narrative date
    clause_stops: frozenset[str] = frozenset()   # scan and clause breaks together
    timetable_labels: tuple[str, ...] = ()       # before weekdays and clock times that recur (营业时间：)
    embedded: tuple[str, ...] = ()               # languages whose rules also run on lines of
                                                 # the text written in Latin script (English
                                                 # paragraphs of a Chinese page)
    open_before: tuple[str, ...] = ()            # signals before a date whose mod points before it
    open_after: tuple[str, ...] = ()             # (截至, 以前: BEFORE / ON_OR_BEFORE) and after it
    future_signals: tuple[str, ...] = ()         # words that mark the date after them as planned
                                                 # (tables.yaml ``future_signals``: 预计, 将于)
    tense_cues: Any = None                       # one compiled regex, a named group per tense
                                                 # (``past``, ``future``), or None
    tense_default: str = "past"                  # the tense of a sentence without a cue
    certain_future: Any = None                   # compiled cues of a plain future (will), or None
    future_weight: float = 1.0                   # UNDEF-closest-…: how much farther an occurrence
                                                 # ahead of the DCT counts (context.yaml tense)


# ----------------------------------------------------------------------------- schemas
TENSES = ("past", "future")
_W = schema.Words()
_TEMPLATE = schema.Scalar()
TABLES_SCHEMA = schema.Map({
    "groups": schema.Dict(schema.Map({"kind": schema.Str(choices=GROUP_KINDS), "table": schema.Str(),
                                      "min": schema.Int(), "max": schema.Int(), "width": schema.Int(),
                                      "offset": schema.Int()},
                                     required=("kind",))),
    "numerals": schema.Map({"digits": schema.Dict(schema.Any()), "units": schema.Dict(schema.Any()), "half": _W}),
    "year_pivot": schema.Int(),
    "imports": schema.Dict(schema.Str()),
}, extra=schema.Dict(schema.Any()))
"""``tables.yaml``: ``groups``, ``numerals``, ``year_pivot``, ``imports`` (tables read from another
stage's folder, ``_import_tables``) and any number of named tables (mappings)."""
PATTERNS_SCHEMA = schema.Map({"patterns": schema.Dict(schema.Str()), "templates": schema.Dict(schema.Str())})
CONTEXT_SCHEMA = schema.Map({
    "signals_before": schema.Dict(schema.Str(choices=TIMEX_MODS)),
    "signals_after": schema.Dict(schema.Str(choices=TIMEX_MODS)),
    "range_between": schema.Map({"left": _W, "right": _W}), "scan_breaks": schema.Words(chars=True),
    "clause_breaks": schema.Words(chars=True), "clause_openers": _W, "aside_signals": _W,
    "embedded_languages": _W, "clause_opener_endings": _W, "label_endings": _W, "reporting_verbs": _W,
    "unknown_days": _W, "speech_verbs": _W, "speech_marks": schema.Words(chars=True),
    "dispatch_ends": _W, "apposition_opens": _W, "apposition_closes": _W,

    "period_end_signals": _W, "words_across_start": _W, "timetable_labels": _W,
    "tense": schema.Map({"default": schema.Str(choices=TENSES), "future_weight": schema.Num(),
                         "certain_future": _W, **{name: _W for name in TENSES}}),
})
RULES_SCHEMA = schema.Map({"rules": schema.List(schema.Map({
    "id": schema.Str(), "type": schema.Str(), "pattern": schema.Str(), "value": _TEMPLATE, "mod": _TEMPLATE,
    "begin": _TEMPLATE, "finish": _TEMPLATE, "quant": schema.Str(), "freq": schema.Str(),
    "priority": schema.Int(), "examples": _W, "comment": schema.Str(), "case_sensitive": schema.Bool(),
    "points": schema.Bool(), "after_digits": schema.Bool(), "scripts": schema.Words(), "requires": schema.Str(),
}, required=("id", "pattern")), label="id")}, required=("rules",))
NEGATIVES_SCHEMA = schema.Map({"negatives": schema.List(schema.Map({
    "id": schema.Str(), "pattern": schema.Str(), "why": schema.Str(), "examples": _W,
    "case_sensitive": schema.Bool(),
}, required=("id", "pattern")), label="id")}, required=("negatives",))


# ----------------------------------------------------------------------------- loading
def _err(table: schema.Table, where: str, msg: str, rid: str | None = None) -> schema.TableError:
    return table.error(where, msg + (f" (id {rid!r})" if rid else ""))


def _alternation(keys) -> str:
    return "(?:" + "|".join(regex.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k))) + ")"


def expand(pattern: str, macros: dict[str, str], tables: dict[str, Any], *,
           fail: Callable[[str], Exception], _depth: int = 0) -> str:
    """Expand ``{macro}`` and ``{@table}`` references; an unknown name raises ``fail(reason)``."""
    if _depth > 10:
        raise fail("macro expansion too deep (cycle?)")

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("@"):
            t = tables.get(name[1:])
            if not isinstance(t, dict):
                raise fail(f"unknown table {name[1:]!r} in pattern")
            return _alternation(t.keys())
        if name not in macros:
            raise fail(f"unknown pattern macro {{{name}}}")
        inner = (lambda reason: fail(f"{reason} (in macro {{{name}}})")) if not _depth else fail
        return "(?:" + expand(macros[name], macros, tables, fail=inner, _depth=_depth + 1) + ")"

    return _MACRO.sub(sub, pattern)


def _template(value: Any, fail: Callable[[str, str], Exception], key: str, groups_in_pattern: set[str],
              fragments: dict[str, str] | None = None) -> Template | None:
    if value is None:
        return None
    text = str(value)
    for name, frag in (fragments or {}).items():
        text = text.replace("{" + name + "}", frag)
    try:
        t = parse_template(text)
    except ValueError as exc:
        raise fail(key, str(exc)) from None
    for name in t.names():
        if name not in groups_in_pattern and name not in DERIVED_PLACEHOLDERS:
            raise fail(key, f"placeholder {{{name}}} is not a group of the pattern")
    if "duration" in t.names() and not {"num", "unit"} <= groups_in_pattern:
        raise fail(key, "{duration} needs groups 'num' and 'unit'")
    if "era_year" in t.names() and not {"era", "eyear"} <= groups_in_pattern:
        raise fail(key, "{era_year} needs groups 'era' and 'eyear'")
    return t


def _load_groups(table: schema.Table) -> dict[str, GroupSpec]:
    tables = table.data
    out = {}
    for name, g in table.get("groups", {}).items():
        t = g.get("table")
        if t is not None and not isinstance(tables.get(t), dict):
            raise _err(table, f"groups.{name}.table", f"unknown table {t!r}")
        if g["kind"] == "table" and t is None:
            raise _err(table, f"groups.{name}", "kind 'table' needs a table")
        out[name] = GroupSpec(name, g["kind"], t, g.get("min"), g.get("max"), g.get("width"), g.get("offset", 0))
    return out


def _choose_needs(options: list, frequent: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The two cheapest of ``required_chars``' options, a frequent character costing 20 and
    another 1; a dynamic option takes each branch's cheapest character."""
    def cost(chars) -> int:
        return sum(20 if c in frequent else 1 for c in chars)

    sets = []
    for o in options:
        if not isinstance(o, frozenset):
            o = frozenset(min(sorted(branch), key=lambda c: cost(c)) for branch in o)
        sets.append(o)
    sets = sorted(set(sets), key=lambda o: (cost(o), sorted(o)))
    return tuple(sets[:2])


@dataclass(frozen=True)
class _Env:
    """What compiling a rule file needs from the other tables of its language."""

    lang: str
    macros: dict[str, str]
    tables: dict[str, Any]
    groups: dict[str, GroupSpec]
    fragments: dict[str, str]
    frequent: frozenset[str] = frozenset()
    breaks: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()
    facts: _Facts | None = None


class LazyPattern:
    """A rule's regex, compiled on first use: compiling every pattern is most of the cost of
    loading the tables, and a short text needs a few of them. Reads as the compiled pattern
    (``finditer``, ``groupindex`` …). Only patterns that compiled when their facts were cached
    are made lazy (``_Facts``), so an error still surfaces at load time."""

    __slots__ = ("pattern", "flags", "_rx")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags
        self._rx: Any = None

    def compiled(self) -> Any:
        if self._rx is None:
            self._rx = regex_compile(self.pattern, self.flags)
        return self._rx

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:40]!r}…)"


class _Facts:
    """What loading derives from each expanded pattern (group names, ``required_chars``, which
    break characters it can match), cached on disk (``timeline.resources.cache``) under the tool's
    version, this module's code and the ``regex`` version, each entry keyed by the pattern's
    text and flags: a pattern edited in the tables is derived (and compiled) afresh."""

    def __init__(self, lang: str) -> None:
        from ..resources import cache

        self._cache, self.name = cache, f"temporal-{lang}"
        self.key = f"{cache.code_hash(__file__)}\0{regex.__version__}"
        self.old: dict[str, Any] = cache.load(self.name, self.key)
        self.new: dict[str, Any] = {}

    @staticmethod
    def _entry(src: str, flags: int, chars: frozenset[str]) -> str:
        return f"{flags}\x1f{''.join(sorted(chars))}\x1f{src}"

    def get(self, src: str, flags: int, chars: frozenset[str]) -> tuple[set[str], list, set[str]] | None:
        """``(group names, required_chars, break characters it can match)`` or ``None``."""
        k = self._entry(src, flags, chars)
        v = self.old.get(k)
        try:
            names, required, matches = v  # type: ignore[misc]
            out = (set(names), [frozenset(o) if isinstance(o, str) else tuple(frozenset(b) for b in o)
                                for o in required], set(matches))
        except (TypeError, ValueError):
            return None
        self.new[k] = v
        return out

    def put(self, src: str, flags: int, chars: frozenset[str], names: set[str], required: list,
            matches: set[str]) -> None:
        enc = ["".join(sorted(o)) if isinstance(o, frozenset) else ["".join(sorted(b)) for b in o]
               for o in required]
        self.new[self._entry(src, flags, chars)] = [sorted(names), enc, "".join(sorted(matches))]

    def save(self) -> None:
        """Rewrite the cache when an entry was derived or dropped."""
        if self.new.keys() != self.old.keys():
            self._cache.save(self.name, self.key, self.new)


def _compile_rules(table: schema.Table, stem: str, *, negative: bool, env: _Env, seen: set[str],
                   start_order: int) -> list[Rule]:
    """Compile the checked ``rules`` (or ``negatives``) of one file; raises ``RuleError`` naming
    the file, the rule's key path and its id."""
    key = "negatives" if negative else "rules"
    out = []
    for i, r in enumerate(table[key]):
        rid = r["id"]
        where = f"{key}[{i}]"

        def fail(k: str, msg: str, where: str = where, rid: str = rid) -> schema.TableError:
            return _err(table, f"{where}.{k}" if k else where, msg, rid)

        full_id = f"{env.lang}:{stem}:{rid}"
        if full_id in seen:
            raise fail("id", "duplicate rule id")
        seen.add(full_id)
        def fail_pattern(msg: str, fail: Callable[..., schema.TableError] = fail) -> schema.TableError:
            return fail("pattern", msg)

        src = expand(r["pattern"], env.macros, env.tables, fail=fail_pattern)
        flags = regex.V0 | (0 if r.get("case_sensitive", True) else regex.IGNORECASE)
        chars = env.breaks | env.clause_breaks
        known = env.facts.get(src, flags, chars) if env.facts is not None else None
        compiled: Any
        if known is None:
            try:
                compiled = regex_compile(src, flags)
            except regex.error as exc:
                raise fail("pattern", f"pattern does not compile: {exc}") from None
            names, required = set(compiled.groupindex), required_chars(src)
            matches = {c for c in chars if can_match_char(src, c)}
            if env.facts is not None:
                env.facts.put(src, flags, chars, names, required, matches)
        else:
            names, required, matches = known
            compiled = LazyPattern(src, flags)
        bad = names - set(env.groups)
        if bad:
            raise fail("pattern", f"unknown group names {sorted(bad)} (declare them in tables.yaml 'groups')")
        needs = _choose_needs(required, env.frequent)
        examples = tuple(r.get("examples", ()))
        if negative:
            out.append(Rule(full_id, "NONE", compiled, None, negative=True, order=start_order + i,
                            needs=needs, examples=examples))
            continue
        crossing = sorted(matches & env.breaks)
        if crossing:
            raise fail("pattern", f"pattern can match the scan break(s) {crossing} of context.yaml "
                                  "'scan_breaks' (use [ \\t] rather than \\s, or drop the break)")
        out.append(_positive_rule(r, full_id, compiled, names, needs, bool(matches & env.clause_breaks),
                                  start_order + i, env, fail))
    return out


def _positive_rule(r: dict[str, Any], full_id: str, compiled: Any, names: set[str], needs: tuple,
                   crosses: bool, order: int, env: _Env, fail: Callable[..., schema.TableError]) -> Rule:
    """The checks and templates of a positive rule (type, value, mod, range ends, examples)."""
    typ = r.get("type")
    if typ not in TIMEX_TYPES:
        raise fail("type", f"type must be one of {TIMEX_TYPES}, not {typ!r}")
    value = _template(r.get("value"), fail, "value", names, env.fragments)
    if value is None and not (r.get("begin") and r.get("finish")):
        raise fail("", "missing 'value' (only a range with 'begin' and 'finish' may omit it)")
    mod = _template(r.get("mod"), fail, "mod", names, env.fragments)
    if mod is not None and not mod.names() and mod.render({}) not in TIMEX_MODS:
        raise fail("mod", f"mod {mod.render({})!r} is not a TIMEX3 mod")
    for name in (mod.names() if mod else ()):
        spec = env.groups[name]
        vals = set(env.tables.get(spec.table, {}).values()) if spec.table else set()
        if not vals <= set(TIMEX_MODS):
            raise fail("mod", f"mod group {name!r}: table values must be TIMEX3 mods")
    examples = tuple(r.get("examples", ()))
    for j, ex in enumerate(examples):
        for chars in needs:
            if not set(ex) & chars:
                raise fail(f"examples[{j}]", f"example {ex!r} lacks every character of {sorted(chars)}")
    return Rule(
        full_id, typ, compiled, value, mod,
        _template(r.get("begin"), fail, "begin", names, env.fragments),
        _template(r.get("finish"), fail, "finish", names, env.fragments),
        r.get("quant"), r.get("freq"), r.get("priority", 0), False, order, needs, crosses, examples,
        bool(r.get("points", False)), bool(r.get("after_digits", False)), frozenset(r.get("scripts", ())),
        _requires(r.get("requires"), env, fail))


def _requires(src: str | None, env: _Env, fail: Callable[..., schema.TableError]) -> Any:
    """The compiled ``requires`` pattern of a rule (macros expanded), or ``None``."""
    if src is None:
        return None
    try:
        return regex_compile(expand(src, env.macros, env.tables, fail=lambda m: fail("requires", m)))
    except regex.error as exc:
        raise fail("requires", f"pattern does not compile: {exc}") from None


_MAX_NEEDS = 40
MIN_STRETCH = 32
"""Shortest stretch of text the pre-filter selects or skips as a whole: consecutive short
clauses share one, which keeps the bit masks few (see ``engine.candidates``)."""


@lru_cache(maxsize=512)
def _plain_tree(pattern: str) -> Any:
    """The parse tree of ``pattern`` by Python's ``re`` parser, named groups renamed away (rules
    may repeat a group name), or the exception it raised. Parsed once for the analyses below
    (one pattern is asked about each break character): parsing is most of their cost."""
    import re._parser as sre_parse  # type: ignore[import-not-found]  # stdlib, no stubs: for this analysis only

    try:
        return sre_parse.parse(re.sub(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>", "(?:", pattern))
    except Exception as exc:  # returned: each analysis decides what an unreadable pattern means
        return exc


def can_match_char(pattern: str, ch: str) -> bool:  # noqa: C901 - a walk over re's parse tree, a branch per opcode
    """True when some match of ``pattern`` may contain the character ``ch`` (lookarounds
    excluded, since they consume nothing). Read from the parse tree of Python's ``re``
    parser (named groups renamed away); a construct it cannot judge counts as a yes."""
    from re._constants import (  # type: ignore[import-not-found]
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        GROUPREF,
        IN,
        LITERAL,
        NEGATE,
        NOT_LITERAL,
        RANGE,
        SUBPATTERN,
    )

    tree = _plain_tree(pattern)
    if isinstance(tree, (re.error, ValueError, OverflowError)):  # a regex-module construct re cannot read
        return True
    if isinstance(tree, Exception):
        raise tree

    def in_class(items) -> bool:
        hit, negate = False, False
        for op, av in items:
            if op is NEGATE:
                negate = True
            elif op is LITERAL:
                hit |= ord(ch) == av
            elif op is RANGE:
                hit |= av[0] <= ord(ch) <= av[1]
            elif op is CATEGORY:
                hit |= bool(re.match("[" + _CATEGORIES.get(av.name, "\\s\\S") + "]", ch))
            else:
                return True
        return hit != negate

    def walk(seq) -> bool:
        for op, av in seq:
            if op is LITERAL and ord(ch) == av:
                return True
            if op is NOT_LITERAL and ord(ch) != av:
                return True
            if op is ANY and ch != "\n":
                return True
            if op is IN and in_class(av):
                return True
            if op is GROUPREF:
                return True
            if op in (ASSERT, ASSERT_NOT, AT):
                continue
            if op is BRANCH and any(walk(b) for b in av[1]):
                return True
            if op is SUBPATTERN and walk(av[-1]):
                return True
            if op.name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and walk(av[2]):
                return True
            if op.name == "ATOMIC_GROUP" and walk(av):
                return True
        return False

    return walk(tree)


_CATEGORIES = {"CATEGORY_DIGIT": "\\d", "CATEGORY_NOT_DIGIT": "\\D", "CATEGORY_SPACE": "\\s",
               "CATEGORY_NOT_SPACE": "\\S", "CATEGORY_WORD": "\\w", "CATEGORY_NOT_WORD": "\\W"}


def required_chars(pattern: str) -> list:  # noqa: C901 - a walk over re's parse tree, a branch per opcode
    """Sets of characters such that every match of ``pattern`` contains at least one character
    of each set (the 4 smallest, possibly none), used to skip text far from such characters;
    plus up to 2 *dynamic* requirements ``(branch chars, …)`` from an alternation: every match
    contains one character of some branch, and each branch needs all of its characters, so
    the rarest character of each branch in the text at hand makes a valid set.

    Derived from the parse tree of Python's ``re`` parser (named groups renamed away, since
    rules may repeat a group name): a literal requires itself, a small character class its
    members, a sequence the smallest set of its mandatory parts, an alternation the union of
    its branches (or one character common to all of them).
    """
    from re._constants import (  # type: ignore[import-not-found]
        ASSERT,
        ASSERT_NOT,
        AT,
        ATOMIC_GROUP,
        BRANCH,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        POSSESSIVE_REPEAT,
        SUBPATTERN,
    )

    tree = _plain_tree(pattern)
    if isinstance(tree, Exception):
        return []

    def options(seq) -> list:  # noqa: C901 - a branch per opcode of re's parse tree
        """Candidate sets for a sequence: each one alone guarantees a match contains one of it."""
        out: list[Any] = []     # frozensets, and tuples of branch sets (dynamic requirements)
        for op, av in seq:
            if op == LITERAL:
                out.append(frozenset(chr(av)))
            elif op == IN:
                chars: set[str] = set()
                small = True            # only literals and short ranges
                for iop, iav in av:
                    if iop == LITERAL:
                        chars.add(chr(iav))
                    elif iop.name == "RANGE" and iav[1] - iav[0] < 40:
                        chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
                    else:
                        small = False
                        break
                if small and chars:
                    out.append(frozenset(chars))
            elif op == SUBPATTERN:
                out += options(av[-1])
            elif op == ATOMIC_GROUP:
                out += options(av)
            elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
                out += options(av[2])
            elif op == BRANCH:
                branches = [[o for o in options(b) if isinstance(o, frozenset)] for b in av[1]]
                if any(not b for b in branches):
                    continue
                singles = [[o for o in b if len(o) == 1] or [min(b, key=len)] for b in branches]
                exact = [frozenset().union(*[o for o in b if len(o) == 1]) for b in branches]
                common = frozenset.intersection(*exact) if all(exact) else frozenset()
                if common:  # one character every branch requires
                    out.append(frozenset([min(common)]))
                else:
                    # the first or the last required character of each branch, and a dynamic
                    # choice: each branch's rarest character in the text being tagged
                    out.append(frozenset().union(*[sg[0] for sg in singles]))
                    out.append(frozenset().union(*[sg[-1] for sg in singles]))
                    if all(exact):
                        out.append(tuple(exact))
            elif op in (ASSERT, ASSERT_NOT, AT):
                continue
        return out

    top = options(tree)
    cands = sorted({o for o in top if isinstance(o, frozenset) and len(o) <= _MAX_NEEDS},
                   key=lambda o: (len(o), sorted(o)))
    return cands[:4] + [o for o in top if isinstance(o, tuple)][:2]



@dataclass(frozen=True)
class _Tense:
    """``context.yaml`` ``tense``, compiled."""

    cues: Any = None            # one regex with a named group per tense, or None
    default: str = "past"
    certain_future: Any = None  # one regex of the cues of a plain future, or None
    future_weight: float = 1.0


def _tense(ctable: schema.Table) -> _Tense:
    """``context.yaml`` ``tense`` (checked by ``CONTEXT_SCHEMA``) compiled; ``_Tense()`` when
    absent. Raises ``RuleError`` on a bad weight or a cue that does not compile."""
    spec = ctable.get("tense") or {}
    weight = spec.get("future_weight", 1.0)
    if weight <= 0:
        raise _err(ctable, "tense.future_weight", f"must be a positive number, not {weight!r}")

    def compiled(key: str, cues: list[str], named: bool) -> Any:
        if not cues:
            return None
        body = "|".join(f"(?:{c})" for c in cues)
        try:
            return regex_compile(f"(?P<{key}>{body})" if named else body)
        except regex.error as exc:
            raise _err(ctable, f"tense.{key}", f"a cue does not compile: {exc}") from None

    parts = [rx.pattern for name in TENSES if (rx := compiled(name, spec.get(name, []), True))]
    return _Tense(regex_compile("|".join(parts)) if parts else None, spec.get("default", "past"),
                  compiled("certain_future", spec.get("certain_future", []), False), float(weight))


def _import_tables(ttable: schema.Table, lang: str) -> dict[str, dict[str, int]]:
    """The tables ``imports`` of ``tables.yaml`` reads from another stage's folder of the language
    (``surnames: entities/people.yaml#surnames``: one list kept in one place), each as a table
    ``{word: 1}`` for ``{@name}``: a string gives its characters, a list its words. Raises
    ``RuleError`` naming ``imports.<name>`` for a malformed reference, a missing file or key, a
    value of another kind, or a name ``tables.yaml`` also defines."""
    out: dict[str, dict[str, int]] = {}
    for name, ref in (ttable.get("imports") or {}).items():
        where = f"imports.{name}"
        file, _, key = ref.partition("#")
        parts = tuple(file.split("/"))
        if not key or len(parts) < 2 or not all(parts):
            raise ttable.error(where, f"expected '<stage>/<file>#<key>', got {ref!r}")
        if name in ttable.data:
            raise ttable.error(where, f"table {name!r} is also defined in this file")
        try:
            data = load_yaml(lang, *parts)
        except ResourceError as exc:
            raise ttable.error(where, str(exc)) from None
        value = data.get(key) if isinstance(data, dict) else None
        words = [c for c in value if not c.isspace()] if isinstance(value, str) else value
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise ttable.error(where, f"{file} has no non-empty string or word list {key!r}")
        out[name] = dict.fromkeys(words, 1)
    return out


@lru_cache(maxsize=None)
def load_rules(lang: str) -> RuleSet:  # long: five kinds of table read in turn, one RuleSet of 34 fields
    """Load, validate and compile the temporal tables of ``lang``.

    Raises ``RuleError`` (a ``ResourceError``) naming the file, the key and the rule on any
    problem, and ``ResourceError`` when the language has no temporal tables.
    """
    folder = path(lang, STAGE)
    if not folder.is_dir():
        raise ResourceError(f"{folder}: no temporal tables for language {lang!r}")
    ttable = schema.read(lang, STAGE, "tables.yaml", schema=TABLES_SCHEMA, error=RuleError)
    tables = {**ttable.data, **_import_tables(ttable, lang)}
    groups = _load_groups(ttable)
    num = tables.get("numerals") or {}
    numerals = NumeralTable(dict(num.get("digits") or {}), dict(num.get("units") or {}),
                            tuple(num.get("half") or ()))
    pfile = schema.read(lang, STAGE, "patterns.yaml", schema=PATTERNS_SCHEMA, error=RuleError)
    ctable = schema.read(lang, STAGE, "context.yaml", schema=CONTEXT_SCHEMA, error=RuleError, default={})
    ctx = ctable.data
    breaks = frozenset(ctx.get("scan_breaks", ()))
    clause_breaks = frozenset(ctx.get("clause_breaks", ())) - breaks
    frequent = frozenset("".join(load_list(lang, STAGE, "frequent_chars.txt"))) \
        if (folder / "frequent_chars.txt").exists() else frozenset()
    facts = _Facts(lang)
    env = _Env(lang, pfile.get("patterns", {}), tables, groups, pfile.get("templates", {}), frequent,
               breaks, clause_breaks, facts)
    rules: list[Rule] = []
    seen: set[str] = set()
    for f in sorted(folder.glob("rules_*.yaml")):
        table = schema.read(lang, STAGE, f.name, schema=RULES_SCHEMA, error=RuleError)
        rules += _compile_rules(table, f.stem, negative=False, env=env, seen=seen, start_order=len(rules))
    if (folder / "negatives.yaml").exists():
        table = schema.read(lang, STAGE, "negatives.yaml", schema=NEGATIVES_SCHEMA, error=RuleError)
        rules += _compile_rules(table, "negatives", negative=True, env=replace(env, breaks=frozenset(),
                                                                                  clause_breaks=frozenset()),
                                seen=seen, start_order=len(rules))
    between = ctx.get("range_between", {})
    for other in ctx.get("embedded_languages", ()):
        if other == lang or not path(other, STAGE).is_dir():
            raise _err(ctable, "embedded_languages", f"{other!r} is not another language with temporal tables")
    words: dict[str, tuple[str, ...]] = {}
    for k in ("clause_openers", "clause_opener_endings", "aside_signals", "label_endings", "reporting_verbs",
              "unknown_days", "period_end_signals", "words_across_start", "timetable_labels", "dispatch_ends",
              "apposition_opens", "apposition_closes", "speech_verbs"):
        v = ctx.get(k, [])
        if any(not w.strip() for w in v):
            raise _err(ctable, k, f"{k!r} must be a list of non-empty words")
        words[k] = tuple(sorted(v, key=len, reverse=True))
    facts.save()
    tense = _tense(ctable)
    needed = frozenset(c for r in rules for chars in r.needs for c in chars)
    signals_before, signals_after = ctx.get("signals_before", {}), ctx.get("signals_after", {})
    # how the language is written (``text.yaml``): sentence ends (a line break always ends one) and
    # the connectors of a range of dates
    text = text_rules(lang)
    sentence_end = sorted(text.sentence_end) + ["\n"] if text is not None else []
    return RuleSet(
        tense_cues=tense.cues,
        tense_default=tense.default,
        certain_future=tense.certain_future,
        future_weight=tense.future_weight,
        needed_chars=needed,
        needed_re=re_compile("[" + "".join(re.escape(c) for c in sorted(needed)) + "]") if needed else None,
        scan_breaks=breaks,
        clause_breaks=clause_breaks,
        # stdlib re: faster than regex for scanning a plain character class
        scan_breaks_re=(re_compile("[" + "".join(re.escape(c) for c in sorted(breaks | clause_breaks)) + "]")
                        if breaks | clause_breaks else None),
        sentence_breaks_re=re_compile("[" + "".join(re.escape(c) for c in sorted(breaks)) + "]") if breaks else None,
        numeral_chars=frozenset(numerals.digits) | frozenset(numerals.units),
        lang=lang, rules=rules, groups=groups, tables=tables, numerals=numerals,
        year_pivot=int(tables.get("year_pivot", 50)),
        signals_before=dict(signals_before),
        signals_after=dict(signals_after),
        range_connectors=tuple(sorted(text.range_connectors if text is not None else (), key=len, reverse=True)),
        range_between=(tuple(between.get("left", ())), tuple(between.get("right", ()))),
        clause_openers=words["clause_openers"],
        clause_opener_endings=words["clause_opener_endings"],
        label_endings=words["label_endings"],
        dispatch_ends=words["dispatch_ends"],
        apposition_opens=words["apposition_opens"],
        apposition_closes=words["apposition_closes"],
        reporting_verbs=words["reporting_verbs"],
        speech_verbs=words["speech_verbs"],
        speech_marks=frozenset(ctx.get("speech_marks", ())),
        unknown_days=frozenset(words["unknown_days"]),
        aside_signals=words["aside_signals"],
        period_end_signals=words["period_end_signals"],
        words_across_start=frozenset(w for w in words["words_across_start"] if len(w) > 1),
        words_across_len=max(map(len, words["words_across_start"]), default=0),
        clause_stops=breaks | clause_breaks,
        timetable_labels=words["timetable_labels"],
        embedded=tuple(ctx.get("embedded_languages", ())),
        open_before=tuple(w for w, m in signals_before.items() if m in ("BEFORE", "ON_OR_BEFORE")),
        open_after=tuple(w for w, m in signals_after.items() if m in ("BEFORE", "ON_OR_BEFORE")),
        future_signals=tuple(sorted(tables.get("future_signals") or {}, key=len, reverse=True)),
        sentence_end=frozenset(sentence_end),
        sentence_end_re=(regex_compile("[" + "".join(regex.escape(c) for c in sentence_end) + "]")
                         if sentence_end else None),
    )
