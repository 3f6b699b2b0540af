"""One reader for every YAML table: a schema checks a table once, errors name the file and the key.

A schema is a tree of small nodes that mirrors the YAML::

    from timeline.resources import schema as s

    RULES = s.Map({
        "rules": s.List(s.Map({
            "id": s.Str(), "pattern": s.Str(), "priority": s.Int(),
            "examples": s.Words(),
        }, required=("id", "pattern")), label="id"),
    }, required=("rules",))

    table = s.read("zh", "temporal", "rules_dates.yaml", RULES)
    table.data["rules"][0]["pattern"]          # the checked (and converted) data
    raise table.error("rules[0].pattern", "unknown macro {yaer}")

Nodes (each ``check`` returns the value, converted where said):

* ``Str(empty=False, choices=None)``: a string (non-empty unless ``empty``), one of ``choices``;
* ``Int(min=None, max=None)`` (``bool`` is refused), ``Num()`` (int or float), ``Bool()``,
  ``Scalar()`` (string or number), ``Any()``;
* ``Words(empty=True, chars=False)``: a list of non-empty strings (of one character each with
  ``chars``); returned as the list;
* ``Regex(groups=(), flags=0, engine=re, unanchored=False)``: a pattern string, returned
  **compiled**; ``groups`` are named groups it must have; ``unanchored`` refuses a leading ``^``
  (patterns matched at a position);
* ``List(item, empty=True, label=None)``: a list; ``label`` names the key of an item mapping
  that identifies it in messages (``rules[12].pattern: ... (id 'ymd')``);
* ``Map(fields, required=(), extra=None)``: a mapping whose keys are ``fields`` (an unknown key
  is an error) or, with ``extra``, any key whose value ``extra`` checks; a field (not an
  ``extra`` key) whose value is ``null`` counts as absent. ``Dict(value)`` is ``Map({}, extra=value)``.

Errors: ``TableError`` (a ``ResourceError``), ``"<file>: <key path>: <reason>"``, the file
relative to the folder holding the ``timeline`` package when it lies inside it. Loaders raise
their own cross-reference errors through ``Table.error`` so every message has that form.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any as _Any

from . import ResourceError, compiled

__all__ = ["TableError", "Table", "read", "check", "display", "Node", "Str", "Int", "Num", "Bool",
           "Scalar", "Any", "Words", "Regex", "List", "Map", "Dict"]


class TableError(ResourceError):
    """A table that fails its schema or a loader's check: ``<file>: <key path>: <reason>``."""

    def __init__(self, file: str, where: str, reason: str) -> None:
        self.file, self.where, self.reason = file, where, reason
        super().__init__(f"{file}: {where}: {reason}" if where else f"{file}: {reason}")


def display(path: Path | str) -> str:
    """How messages name a table file: relative to the folder of the ``timeline`` package
    (``timeline/resources/zh/documents.yaml``) when inside it, else as given."""
    p = Path(path)
    base = Path(__file__).resolve().parents[2]
    try:
        return str(p.resolve().relative_to(base))
    except ValueError:
        return str(p)


class _Ctx:
    """Where a check is: the file, the error class, the label of the enclosing item."""

    def __init__(self, file: str, error: type[TableError]) -> None:
        self.file, self.error = file, error

    def fail(self, where: str, reason: str, label: str | None = None) -> TableError:
        return self.error(self.file, where, reason + (f" ({label})" if label else ""))


def _join(where: str, key: _Any) -> str:
    return f"{where}.{key}" if where else str(key)


class Node:
    """A schema node; ``check(value, where, ctx, label)`` returns the checked value."""

    def check(self, value: _Any, where: str, ctx: _Ctx, label: str | None = None) -> _Any:
        raise NotImplementedError


class Any(Node):
    """Anything (the loader checks it)."""

    def check(self, value, where, ctx, label=None):
        return value


@dataclass(frozen=True)
class Str(Node):
    """A string; non-empty unless ``empty``; one of ``choices`` when given."""

    empty: bool = False
    choices: tuple[str, ...] | None = None

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, str) or (not value and not self.empty):
            raise ctx.fail(where, f"expected a {'' if self.empty else 'non-empty '}string, got {value!r}", label)
        if self.choices is not None and value not in self.choices:
            raise ctx.fail(where, f"expected one of {', '.join(self.choices)}, got {value!r}", label)
        return value


@dataclass(frozen=True)
class Int(Node):
    """An integer (not a boolean) within ``min``..``max`` when given."""

    min: int | None = None
    max: int | None = None

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ctx.fail(where, f"expected an integer, got {value!r}", label)
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            raise ctx.fail(where, f"expected an integer from {self.min} to {self.max}, got {value!r}", label)
        return value


class Num(Node):
    """A number (int or float, not a boolean)."""

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ctx.fail(where, f"expected a number, got {value!r}", label)
        return value


class Bool(Node):
    """``true`` or ``false``."""

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, bool):
            raise ctx.fail(where, f"expected true or false, got {value!r}", label)
        return value


class Scalar(Node):
    """A string or a number."""

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ctx.fail(where, f"expected a string or a number, got {value!r}", label)
        return value


@dataclass(frozen=True)
class Words(Node):
    """A list of non-empty strings (single characters with ``chars``); non-empty unless ``empty``."""

    empty: bool = True
    chars: bool = False

    def check(self, value, where, ctx, label=None):
        what = "single characters" if self.chars else "non-empty strings"
        if not isinstance(value, list) or (not value and not self.empty):
            raise ctx.fail(where, f"expected a {'' if self.empty else 'non-empty '}list of {what}, got {value!r}",
                           label)
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v or (self.chars and len(v) != 1):
                raise ctx.fail(f"{where}[{i}]", f"expected a list of {what}, got {v!r} "
                               "(quote entries that YAML reads otherwise: yes, no, on, 1, a: b)", label)
        return value


@dataclass(frozen=True)
class Regex(Node):
    """A regular expression, returned compiled (``engine.compile(value, flags)``, through the
    pattern cache ``timeline.resources.compiled`` for ``re`` and ``regex``)."""

    groups: tuple[str, ...] = ()
    flags: int = 0
    engine: _Any = re
    unanchored: bool = False

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, str) or not value:
            raise ctx.fail(where, f"expected a regex string, got {value!r}", label)
        if self.unanchored and value.startswith("^"):
            raise ctx.fail(where, "regex is matched at a position (re.match with pos): drop the leading ^", label)
        try:
            rx = compiled.compile_with(self.engine, value, self.flags)
        except self.engine.error as exc:
            raise ctx.fail(where, f"regex does not compile: {exc}", label) from None
        for g in self.groups:
            if g not in rx.groupindex:
                raise ctx.fail(where, f"regex lacks the named group (?P<{g}>...)", label)
        return rx


@dataclass(frozen=True)
class List(Node):
    """A list of ``item``; ``label``: the key that names an item mapping in messages."""

    item: Node
    empty: bool = True
    label: str | None = None

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, list) or (not value and not self.empty):
            raise ctx.fail(where, f"expected a {'' if self.empty else 'non-empty '}list, got {value!r}", label)
        out = []
        for i, v in enumerate(value):
            own = label
            if self.label and isinstance(v, dict) and isinstance(v.get(self.label), (str, int)):
                own = f"{self.label} {v[self.label]!r}"
            out.append(self.item.check(v, f"{where}[{i}]", ctx, own))
        return out


class Map(Node):
    """A mapping of known ``fields`` (or of any key, each value checked by ``extra``)."""

    def __init__(self, fields: dict[str, Node] | None = None, required: Iterable[str] = (),
                 extra: Node | None = None, empty: bool = True) -> None:
        self.fields = dict(fields or {})
        self.required = tuple(required)
        self.extra = extra
        self.empty = empty
        unknown = set(self.required) - set(self.fields)
        if unknown and extra is None:
            raise ValueError(f"required keys {sorted(unknown)} are not fields")

    def check(self, value, where, ctx, label=None):
        if not isinstance(value, dict) or (not value and not self.empty):
            raise ctx.fail(where or "top level", f"expected a {'' if self.empty else 'non-empty '}mapping, "
                           f"got {value!r}", label)
        out = {}
        for k, v in value.items():
            node = self.fields.get(k, self.extra)
            if node is None:
                allowed = ", ".join(sorted(self.fields))
                raise ctx.fail(where or "top level", f"unknown keys [{k!r}]; allowed: {allowed}", label)
            if v is None and k in self.fields and k not in self.required:
                continue                        # `key:` with no value is the key left out
            out[k] = node.check(v, _join(where, k), ctx, label)
        for k in self.required:
            if k not in out:
                raise ctx.fail(_join(where, k), "missing", label)
        return out


def Dict(value: Node, empty: bool = True) -> Map:  # noqa: N802 - reads as a node type
    """A mapping of any keys whose values ``value`` checks."""
    return Map({}, extra=value, empty=empty)


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class Table:
    """A checked table: ``data`` (plain Python, regexes compiled) and its file for messages."""

    file: str
    data: _Any
    error_class: type[TableError] = TableError

    def error(self, where: str, reason: str) -> TableError:
        """The error to raise for a loader's own check of ``where`` (a key path)."""
        return self.error_class(self.file, where, reason)

    def get(self, key: str, default: _Any = None) -> _Any:
        return self.data.get(key, default)

    def __getitem__(self, key: str) -> _Any:
        return self.data[key]


def check(data: _Any, schema: Node, file: Path | str, *, error: type[TableError] = TableError) -> Table:
    """Check already parsed ``data`` of ``file`` against ``schema``; returns the ``Table``."""
    name = display(file)
    ctx = _Ctx(name, error)
    return Table(name, schema.check(data, "", ctx), error)


def read(lang: str, *parts: str, schema: Node, error: type[TableError] = TableError,
         default: _Any = ...) -> Table:
    """Read ``timeline/resources/<lang>/<parts...>`` and check it against ``schema``.

    ``default``: the data of a missing file (without it a missing file is an error); an empty
    file reads as ``{}``. Raises ``error`` (a ``TableError``) naming the file and the key.
    """
    from .. import resources  # looked up at call time: tests replace resources.load_yaml

    p = resources.path(lang, *parts)
    if default is not ... and not p.exists():
        data = default
    else:
        data = resources.load_yaml(lang, *parts)
    return check({} if data is None else data, schema, p, error=error)
