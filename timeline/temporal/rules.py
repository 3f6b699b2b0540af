"""Loading and validating a language's temporal rule tables.

A language folder ``timeline/resources/<lang>/temporal/`` holds (HeidelTime's layout, as YAML):

* ``tables.yaml``: normalisation tables (numerals, relative words, units…) and ``groups``, the
  named regex groups rules may use and how each is normalised; its ``future_signals`` (预计,
  将于) also tell the anchoring pass that the date after them is planned;
* ``patterns.yaml``: ``patterns``, reusable regex fragments referenced as ``{name}``; a table
  name written ``{@table}`` expands to the alternation of that table's keys (longest first);
* ``context.yaml``: signal words next to a time expression that set its ``mod`` (``截至``,
  ``以前``…), range connectors (``至``, ``-``), sentence ends, and the scan breaks of the
  pre-filter: ``scan_breaks`` no rule may match (checked), ``clause_breaks`` few do;
  ``clause_openers`` (words that may stand before a date opening a clause: ``于``),
  ``clause_opener_endings`` (how a dateline before it ends: ``讯``), ``label_endings`` (how a
  metadata label before it ends: ``：``), ``reporting_verbs`` (how a clause dating a report
  ends: ``获悉``) and ``aside_signals`` (words that put a date in a historical aside: ``早在``),
  which choose the day that ``同日``/``次日`` and a clock time without a date refer to
  (``timeline.temporal.tag``); ``embedded_languages``, other
  languages whose rules also run on the lines written in Latin script;
* ``rules_*.yaml``: extraction rules, each ``{id, type, pattern, value, [mod], [begin, finish],
  [quant, freq], [priority], [examples]}``; ``negatives.yaml``: patterns that are never time
  expressions (``{id, pattern, why}``).

Value templates are TIMEX3 strings with placeholders: ``{group}`` (the normalised group),
``{group=00}`` (with a default), ``[a|b]`` (an optional segment: the first alternative whose
placeholders all matched, else nothing), the derived ``{duration}`` (ISO 8601 duration built from
every ``num``/``unit`` capture, a group may repeat: ``一年三个月``) and ``{era_year}`` (``era``
first year + ``eyear`` - 1). ``templates`` in ``patterns.yaml`` are reusable template fragments.
Rules may emit HeidelTime-style underspecified values (``UNDEF-this-year-{month}``), which
``timeline.temporal.anchoring`` resolves.

Everything is checked when loaded: an unknown macro, group, placeholder, table, type or mod, a
regex that does not compile or a duplicate rule id raises ``RuleError`` naming the file and rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from ..model import TIMEX_MODS, TIMEX_TYPES
from ..resources import ResourceError, load_list, load_yaml, path
from .numerals import NumeralTable

STAGE = "temporal"
GROUP_KINDS = ("year", "number", "amount", "table")
DERIVED_PLACEHOLDERS = ("duration", "era_year")
RULE_KEYS = {"id", "type", "pattern", "value", "mod", "begin", "finish", "quant", "freq", "priority",
             "examples", "comment", "case_sensitive"}
NEGATIVE_KEYS = {"id", "pattern", "why", "examples", "case_sensitive"}
_MACRO = re.compile(r"\{(@?[A-Za-z_][A-Za-z0-9_]*)\}")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\}")


class RuleError(ResourceError):
    """A rule table that cannot be loaded: the message names the file and the rule."""


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
    ``tables.yaml``), ``min``/``max`` bounds and zero-padding ``width`` for numbers."""

    name: str
    kind: str
    table: str | None = None
    min: int | None = None
    max: int | None = None
    width: int | None = None


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
    stretch_re: Any = None                       # a stretch of the pre-filter: MIN_STRETCH
                                                 # characters or more, up to a scan or clause break
    clause_openers: tuple[str, ...] = ()         # words before a date that still opens its clause
    aside_signals: tuple[str, ...] = ()          # words before a date that make it an aside
    clause_opener_endings: tuple[str, ...] = ()  # how a dateline before a date ends (本报讯, （记者…）)
    label_endings: tuple[str, ...] = ()          # how a label before a date ends (发布时间：): metadata
    reporting_verbs: tuple[str, ...] = ()        # a clause dating a report ends so (记者…获悉)
    clause_stops: frozenset[str] = frozenset()   # scan and clause breaks together
    embedded: tuple[str, ...] = ()               # languages whose rules also run on lines of
                                                 # the text written in Latin script (English
                                                 # paragraphs of a Chinese page)
    open_before: tuple[str, ...] = ()            # signals before a date whose mod points before it
    open_after: tuple[str, ...] = ()             # (截至, 以前: BEFORE / ON_OR_BEFORE) and after it
    future_signals: tuple[str, ...] = ()         # words that mark the date after them as planned
                                                 # (tables.yaml ``future_signals``: 预计, 将于)


# ----------------------------------------------------------------------------- loading
def _err(file: Path | str, rule: str | None, msg: str) -> RuleError:
    where = f"{file}" + (f": rule {rule!r}" if rule else "")
    return RuleError(f"{where}: {msg}")


def _alternation(keys) -> str:
    return "(?:" + "|".join(regex.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k))) + ")"


def expand(pattern: str, macros: dict[str, str], tables: dict[str, Any], *, file: Path | str,
           rule: str | None, _depth: int = 0) -> str:
    """Expand ``{macro}`` and ``{@table}`` references; raises ``RuleError`` on unknown names."""
    if _depth > 10:
        raise _err(file, rule, "macro expansion too deep (cycle?)")

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("@"):
            t = tables.get(name[1:])
            if not isinstance(t, dict):
                raise _err(file, rule, f"unknown table {name[1:]!r} in pattern")
            return _alternation(t.keys())
        if name not in macros:
            raise _err(file, rule, f"unknown pattern macro {{{name}}}")
        return "(?:" + expand(macros[name], macros, tables, file=file, rule=name, _depth=_depth + 1) + ")"

    return _MACRO.sub(sub, pattern)


def _template(value: Any, file: Path, rid: str, key: str, groups_in_pattern: set[str],
              fragments: dict[str, str] | None = None) -> Template | None:
    if value is None:
        return None
    text = str(value)
    for name, frag in (fragments or {}).items():
        text = text.replace("{" + name + "}", frag)
    try:
        t = parse_template(text)
    except ValueError as exc:
        raise _err(file, rid, f"{key}: {exc}") from None
    for name in t.names():
        if name not in groups_in_pattern and name not in DERIVED_PLACEHOLDERS:
            raise _err(file, rid, f"{key}: placeholder {{{name}}} is not a group of the pattern")
    if "duration" in t.names() and not {"num", "unit"} <= groups_in_pattern:
        raise _err(file, rid, f"{key}: {{duration}} needs groups 'num' and 'unit'")
    if "era_year" in t.names() and not {"era", "eyear"} <= groups_in_pattern:
        raise _err(file, rid, f"{key}: {{era_year}} needs groups 'era' and 'eyear'")
    return t


def _load_groups(spec: Any, tables: dict[str, Any], file: Path) -> dict[str, GroupSpec]:
    if not isinstance(spec, dict):
        raise _err(file, None, "'groups' must be a mapping")
    out = {}
    for name, g in spec.items():
        if not isinstance(g, dict) or g.get("kind") not in GROUP_KINDS:
            raise _err(file, None, f"group {name!r}: kind must be one of {GROUP_KINDS}")
        unknown = set(g) - {"kind", "table", "min", "max", "width"}
        if unknown:
            raise _err(file, None, f"group {name!r}: unknown keys {sorted(unknown)}")
        table = g.get("table")
        if table is not None and not isinstance(tables.get(table), dict):
            raise _err(file, None, f"group {name!r}: unknown table {table!r}")
        if g["kind"] == "table" and table is None:
            raise _err(file, None, f"group {name!r}: kind 'table' needs a table")
        out[name] = GroupSpec(name, g["kind"], table, g.get("min"), g.get("max"), g.get("width"))
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


def _compile_rules(file: Path, data: Any, *, negative: bool, macros: dict[str, str],
                   tables: dict[str, Any], groups: dict[str, GroupSpec], lang: str,
                   seen: set[str], start_order: int, fragments: dict[str, str],
                   frequent: frozenset[str] = frozenset(),
                   breaks: frozenset[str] = frozenset(),
                   clause_breaks: frozenset[str] = frozenset()) -> list[Rule]:
    key = "negatives" if negative else "rules"
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise _err(file, None, f"expected a top-level list {key!r}")
    out = []
    for i, r in enumerate(data[key]):
        if not isinstance(r, dict) or "id" not in r or "pattern" not in r:
            raise _err(file, f"#{i}", "each rule needs 'id' and 'pattern'")
        rid = str(r["id"])
        unknown = set(r) - (NEGATIVE_KEYS if negative else RULE_KEYS)
        if unknown:
            raise _err(file, rid, f"unknown keys {sorted(unknown)}")
        full_id = f"{lang}:{file.stem}:{rid}"
        if full_id in seen:
            raise _err(file, rid, "duplicate rule id")
        seen.add(full_id)
        src = expand(str(r["pattern"]), macros, tables, file=file, rule=rid)
        flags = regex.V0 | (0 if r.get("case_sensitive", True) else regex.IGNORECASE)
        try:
            compiled = regex.compile(src, flags)
        except regex.error as exc:
            raise _err(file, rid, f"pattern does not compile: {exc}") from None
        names = set(compiled.groupindex)
        bad = names - set(groups)
        if bad:
            raise _err(file, rid, f"unknown group names {sorted(bad)} (declare them in tables.yaml 'groups')")
        needs = _choose_needs(required_chars(src), frequent)
        if negative:
            out.append(Rule(full_id, "NONE", compiled, None, negative=True, order=start_order + i,
                            needs=needs))
            continue
        crossing = sorted(c for c in breaks if can_match_char(src, c))
        if crossing:
            raise _err(file, rid, f"pattern can match the scan break(s) {crossing} of context.yaml "
                                  "'scan_breaks' (use [ \\t] rather than \\s, or drop the break)")
        typ = r.get("type")
        if typ not in TIMEX_TYPES:
            raise _err(file, rid, f"type must be one of {TIMEX_TYPES}, not {typ!r}")
        value = _template(r.get("value"), file, rid, "value", names, fragments)
        if value is None and not (r.get("begin") and r.get("finish")):
            raise _err(file, rid, "missing 'value' (only a range with 'begin' and 'finish' may omit it)")
        mod = _template(r.get("mod"), file, rid, "mod", names, fragments)
        if mod is not None and not mod.names() and mod.render({}) not in TIMEX_MODS:
            raise _err(file, rid, f"mod {mod.render({})!r} is not a TIMEX3 mod")
        for name in (mod.names() if mod else ()):
            spec = groups[name]
            vals = set(tables.get(spec.table, {}).values()) if spec.table else set()
            if not vals <= set(TIMEX_MODS):
                raise _err(file, rid, f"mod group {name!r}: table values must be TIMEX3 mods")
        prio = r.get("priority", 0)
        if not isinstance(prio, int):
            raise _err(file, rid, "priority must be an integer")
        out.append(Rule(
            full_id, typ, compiled, value, mod,
            _template(r.get("begin"), file, rid, "begin", names, fragments),
            _template(r.get("finish"), file, rid, "finish", names, fragments),
            r.get("quant"), r.get("freq"), prio, False, start_order + i, needs,
            any(can_match_char(src, c) for c in clause_breaks)))
        for ex in r.get("examples") or ():
            for chars in needs:
                if not set(str(ex)) & chars:
                    raise _err(file, rid, f"example {ex!r} lacks every character of {sorted(chars)}")
    return out


_MAX_NEEDS = 40
MIN_STRETCH = 32
"""Shortest stretch of text the pre-filter selects or skips as a whole: consecutive short
clauses share one, which keeps the bit masks few (see ``engine.candidates``)."""


def can_match_char(pattern: str, ch: str) -> bool:
    """True when some match of ``pattern`` may contain the character ``ch`` (lookarounds
    excluded, since they consume nothing). Read from the parse tree of Python's ``re``
    parser (named groups renamed away); a construct it cannot judge counts as a yes."""
    import re._parser as sre_parse  # stdlib parser, only for this analysis
    from re._constants import (
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

    try:
        tree = sre_parse.parse(re.sub(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>", "(?:", pattern))
    except (re.error, ValueError, OverflowError):  # a regex-module construct re cannot read
        return True

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


def required_chars(pattern: str) -> list:
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
    import re._parser as sre_parse  # noqa: PLC0415 - stdlib parser, only for this analysis
    from re._constants import (
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

    plain = re.sub(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>", "(?:", pattern)
    try:
        tree = sre_parse.parse(plain)
    except Exception:
        return []

    def options(seq) -> list:
        """Candidate sets for a sequence: each one alone guarantees a match contains one of it."""
        out: list[frozenset[str]] = []
        for op, av in seq:
            if op == LITERAL:
                out.append(frozenset(chr(av)))
            elif op == IN:
                chars = set()
                for iop, iav in av:
                    if iop == LITERAL:
                        chars.add(chr(iav))
                    elif iop.name == "RANGE" and iav[1] - iav[0] < 40:
                        chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
                    else:
                        chars = None
                        break
                if chars:
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



def _stretch_re(breaks: frozenset[str]):
    """A stretch of the pre-filter: ``MIN_STRETCH`` characters or more, up to and including a
    break (``None`` without breaks: the whole text is one stretch)."""
    if not breaks:
        return None
    chars = "".join(re.escape(c) for c in sorted(breaks))
    return re.compile(f"(?s).{{{MIN_STRETCH - 1},}}?[{chars}]")


@lru_cache(maxsize=None)
def load_rules(lang: str) -> RuleSet:
    """Load, validate and compile the temporal tables of ``lang``.

    Raises ``RuleError`` (a ``ResourceError``) naming the file and rule on any problem, and
    ``ResourceError`` when the language has no temporal tables.
    """
    folder = path(lang, STAGE)
    if not folder.is_dir():
        raise ResourceError(f"{folder}: no temporal tables for language {lang!r}")
    tables = load_yaml(lang, STAGE, "tables.yaml") or {}
    tfile = folder / "tables.yaml"
    groups = _load_groups(tables.get("groups", {}), tables, tfile)
    num = tables.get("numerals") or {}
    numerals = NumeralTable(dict(num.get("digits") or {}), dict(num.get("units") or {}),
                            tuple(num.get("half") or ()))
    pfile = load_yaml(lang, STAGE, "patterns.yaml") or {}
    macros = pfile.get("patterns", {})
    fragments = pfile.get("templates", {}) or {}
    if not isinstance(macros, dict):
        raise _err(folder / "patterns.yaml", None, "'patterns' must be a mapping")
    ctx = load_yaml(lang, STAGE, "context.yaml") if (folder / "context.yaml").exists() else {}
    ctx = ctx or {}
    breaks = ctx.get("scan_breaks") or []
    if not isinstance(breaks, list) or any(not isinstance(c, str) or len(c) != 1 for c in breaks):
        raise _err(folder / "context.yaml", None, "'scan_breaks' must be a list of single characters")
    breaks = frozenset(breaks)
    clause_breaks = ctx.get("clause_breaks") or []
    if not isinstance(clause_breaks, list) or any(not isinstance(c, str) or len(c) != 1 for c in clause_breaks):
        raise _err(folder / "context.yaml", None, "'clause_breaks' must be a list of single characters")
    clause_breaks = frozenset(clause_breaks) - breaks
    rules: list[Rule] = []
    seen: set[str] = set()
    frequent = frozenset("".join(load_list(lang, STAGE, "frequent_chars.txt"))) \
        if (folder / "frequent_chars.txt").exists() else frozenset()
    for f in sorted(folder.glob("rules_*.yaml")):
        rules += _compile_rules(f, load_yaml(lang, STAGE, f.name), negative=False, macros=macros,
                                tables=tables, groups=groups, lang=lang, seen=seen,
                                start_order=len(rules), fragments=fragments, frequent=frequent,
                                breaks=breaks, clause_breaks=clause_breaks)
    neg = folder / "negatives.yaml"
    if neg.exists():
        rules += _compile_rules(neg, load_yaml(lang, STAGE, neg.name), negative=True, macros=macros,
                                tables=tables, groups=groups, lang=lang, seen=seen,
                                start_order=len(rules), fragments=fragments, frequent=frequent)
    unknown = set(ctx) - {"signals_before", "signals_after", "range_connectors", "range_between", "sentence_end",
                          "scan_breaks", "clause_breaks", "clause_openers", "aside_signals",
                          "embedded_languages", "clause_opener_endings", "label_endings", "reporting_verbs"}
    if unknown:
        raise _err(folder / "context.yaml", None, f"unknown keys {sorted(unknown)}")
    for k in ("signals_before", "signals_after"):
        for word, mod in (ctx.get(k) or {}).items():
            if mod not in TIMEX_MODS:
                raise _err(folder / "context.yaml", None, f"{k}: {word!r} -> {mod!r} is not a TIMEX3 mod")
    between = ctx.get("range_between") or {}
    words: dict[str, tuple[str, ...]] = {}
    for other in ctx.get("embedded_languages") or []:
        if not isinstance(other, str) or other == lang or not path(other, STAGE).is_dir():
            raise _err(folder / "context.yaml", None,
                       f"embedded_languages: {other!r} is not another language with temporal tables")
    for k in ("clause_openers", "clause_opener_endings", "aside_signals", "label_endings", "reporting_verbs"):
        v = ctx.get(k) or []
        if not isinstance(v, list) or any(not isinstance(w, str) or not w.strip() for w in v):
            raise _err(folder / "context.yaml", None, f"{k!r} must be a list of non-empty words")
        words[k] = tuple(sorted(v, key=len, reverse=True))
    needed = frozenset(c for r in rules for chars in r.needs for c in chars)
    return RuleSet(
        needed_chars=needed,
        needed_re=re.compile("[" + "".join(re.escape(c) for c in sorted(needed)) + "]") if needed else None,
        scan_breaks=breaks,
        clause_breaks=clause_breaks,
        # stdlib re: faster than regex for scanning a plain character class
        scan_breaks_re=(re.compile("[" + "".join(re.escape(c) for c in sorted(breaks | clause_breaks)) + "]")
                        if breaks | clause_breaks else None),
        sentence_breaks_re=re.compile("[" + "".join(re.escape(c) for c in sorted(breaks)) + "]") if breaks else None,
        stretch_re=_stretch_re(breaks | clause_breaks),
        numeral_chars=frozenset(numerals.digits) | frozenset(numerals.units),
        lang=lang, rules=rules, groups=groups, tables=tables, numerals=numerals,
        year_pivot=int(tables.get("year_pivot", 50)),
        signals_before=dict(ctx.get("signals_before") or {}),
        signals_after=dict(ctx.get("signals_after") or {}),
        range_connectors=tuple(sorted(ctx.get("range_connectors") or (), key=len, reverse=True)),
        range_between=(tuple(between.get("left") or ()), tuple(between.get("right") or ())),
        clause_openers=words["clause_openers"],
        clause_opener_endings=words["clause_opener_endings"],
        label_endings=words["label_endings"],
        reporting_verbs=words["reporting_verbs"],
        aside_signals=words["aside_signals"],
        clause_stops=breaks | clause_breaks,
        embedded=tuple(ctx.get("embedded_languages") or ()),
        open_before=tuple(w for w, m in (ctx.get("signals_before") or {}).items() if m in ("BEFORE", "ON_OR_BEFORE")),
        open_after=tuple(w for w, m in (ctx.get("signals_after") or {}).items() if m in ("BEFORE", "ON_OR_BEFORE")),
        future_signals=tuple(sorted(tables.get("future_signals") or {}, key=len, reverse=True)),
        sentence_end=frozenset(ctx.get("sentence_end") or ()),
        sentence_end_re=(regex.compile("[" + "".join(regex.escape(c) for c in ctx["sentence_end"]) + "]")
                         if ctx.get("sentence_end") else None),
    )
