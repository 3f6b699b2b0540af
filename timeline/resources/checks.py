"""Checks of hand-read YAML tables (the event and text tables): each failure is a
``ResourceError`` naming the file and the rule, ``<file>: rule '<rule>': <reason>``."""
from __future__ import annotations

import re
from typing import Any

from .. import resources
from . import ResourceError

__all__ = ["fail", "load", "mapping", "only_keys", "regex", "strings"]


def fail(file: str, rule: str, msg: str) -> ResourceError:
    """The error for ``rule`` of ``file``."""
    return ResourceError(f"{file}: rule {rule!r}: {msg}")


def load(lang: str, *parts: str) -> tuple[str, dict]:
    """``(file name, mapping)`` of ``resources/<lang>/<parts…>``; raises ``ResourceError`` when the
    file is missing, malformed or not a mapping at the top level."""
    file = str(resources.path(lang, *parts))
    data = resources.load_yaml(lang, *parts)
    if not isinstance(data, dict):
        raise ResourceError(f"{file}: expected a mapping at the top level")
    return file, data


def strings(value: Any, file: str, rule: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    """``value`` as a tuple of non-empty strings (a non-empty list unless ``allow_empty``)."""
    if not isinstance(value, list) or (not value and not allow_empty):
        raise fail(file, rule, "expected a non-empty list of strings")
    for v in value:
        if not isinstance(v, str) or not v:
            raise fail(file, rule, f"expected non-empty strings, got {v!r}")
    return tuple(value)


def mapping(value: Any, file: str, rule: str) -> dict:
    """``value``, a non-empty mapping."""
    if not isinstance(value, dict) or not value:
        raise fail(file, rule, "expected a non-empty mapping")
    return value


def only_keys(d: dict, allowed: set[str], file: str, rule: str) -> None:
    """Fails when ``d`` has a key outside ``allowed``."""
    extra = set(d) - allowed
    if extra:
        raise fail(file, rule, f"unknown key(s) {sorted(extra)}; expected some of {sorted(allowed)}")


def regex(value: Any, file: str, rule: str, *, allow_empty: bool = False) -> re.Pattern:
    """A regular expression of a table, compiled; a missing or bad one fails naming the rule."""
    if not isinstance(value, str) or (not value and not allow_empty):
        raise fail(file, rule, f"expected a regular expression, got {value!r}")
    try:
        return re.compile(value)
    except re.error as exc:
        raise fail(file, rule, f"bad regular expression {value!r}: {exc}") from None
