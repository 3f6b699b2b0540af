"""Regular expressions compiled once and kept in the table cache, so that a run does not compile
its tables' patterns again: compiling the tables' large patterns was a third of a short run.

``re_compile(pattern, flags)`` and ``regex_compile(pattern, flags)`` return what ``re.compile``
and ``regex.compile`` return. What is cached is data, never code (``timeline.resources.cache``):
for ``re``, the program ``re._compiler`` makes of a pattern (flags, code words, groups), handed
to ``_sre.compile`` as ``re.compile`` itself does; for ``regex``, the data the ``regex`` package
pickles a pattern by (``Pattern._pickled_data``, given back to ``_regex.compile`` when a pattern
is unpickled). The files are keyed by the Python and ``regex`` versions and this module's code,
each entry by its pattern and flags; an entry that does not rebuild is compiled afresh. New
entries are written by ``cache.flush_all()`` (``extract_document`` calls it after a document).
"""
from __future__ import annotations

import base64
import re
import sys
from array import array
from typing import Any

from . import cache

__all__ = ["re_compile", "regex_compile", "compile_with"]


def _key() -> str:
    import _sre  # type: ignore[import-not-found]  # stdlib, no stubs

    import regex
    return f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{regex.__version__}\0{cache.code_hash(__file__)}"


_RE = cache.Entries("patterns-re", _key)
_REGEX = cache.Entries("patterns-regex", _key)


def _indexgroup(groupindex: dict[str, int], groups: int) -> tuple[str | None, ...]:
    out: list[str | None] = [None] * groups
    for name, i in groupindex.items():
        out[i] = name
    return tuple(out)


def _through(entries: cache.Entries, pattern: str, flags: int, rebuild: Any, compile_: Any) -> Any:
    """The pattern ``rebuild(entry)`` makes of the cached entry of ``(pattern, flags)``; failing
    that (no entry, a foreign or damaged one), ``compile_()`` = ``(pattern, entry or None)``,
    whose entry is kept."""
    key = f"{flags}\x1f{pattern}"
    hit = entries.get(key)
    if hit is not None:
        try:
            return rebuild(hit)
        except Exception:  # noqa: BLE001 - a foreign or damaged entry: compiled afresh
            pass
    rx, entry = compile_()
    if entry is not None:
        entries.put(key, entry)
    return rx


def re_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern.
    Raises ``re.error`` as ``re.compile`` does."""
    import _sre  # type: ignore[import-not-found]  # stdlib, no stubs
    from re import _compiler, _parser  # type: ignore[attr-defined]  # stdlib, no stubs

    flags = int(flags)

    def rebuild(hit: list) -> re.Pattern[str]:
        all_flags, words, groups, groupindex = hit
        code = array("I")
        code.frombytes(base64.b64decode(words))
        return _sre.compile(pattern, all_flags, code.tolist(), groups, groupindex, _indexgroup(groupindex, groups + 1))

    def compile_() -> tuple[re.Pattern[str], list | None]:
        if not isinstance(pattern, str) or array("I").itemsize != _sre.CODESIZE:
            return re.compile(pattern, flags), None
        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        rx = _sre.compile(pattern, flags | p.state.flags, code, p.state.groups - 1, groupindex,
                          _indexgroup(groupindex, p.state.groups))
        return rx, [flags | p.state.flags, base64.b64encode(array("I", code).tobytes()).decode("ascii"),
                    p.state.groups - 1, groupindex]

    return _through(_RE, pattern, flags, rebuild, compile_)


def regex_compile(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)``, from the cache when it holds the pattern.
    Raises ``regex.error`` as ``regex.compile`` does."""
    import regex

    flags = int(flags)

    def rebuild(hit: list) -> Any:
        from regex import _regex  # type: ignore[attr-defined]  # the C module that unpickles patterns

        all_flags, code, group_index, index_group, req_offset, req_chars, req_flags, group_count = hit
        return _regex.compile(  # type: ignore[attr-defined]
            pattern, all_flags, base64.b64decode(code), group_index, {int(i): n for i, n in index_group},
            {}, [], req_offset, tuple(req_chars), req_flags, group_count)

    def compile_() -> tuple[Any, list | None]:
        rx = regex.compile(pattern, flags)
        data = getattr(rx, "_pickled_data", None)
        if not (isinstance(data, tuple) and len(data) == 11 and data[0] == pattern and isinstance(data[2], bytes)
                and not data[5] and not data[6]):          # named lists (\L<name>) are objects: not cached
            return rx, None
        _, all_flags, code, group_index, index_group, _, _, req_offset, req_chars, req_flags, group_count = data
        return rx, [all_flags, base64.b64encode(code).decode("ascii"), dict(group_index),
                    sorted(index_group.items()), req_offset, list(req_chars), req_flags, group_count]

    return _through(_REGEX, pattern, flags, rebuild, compile_)


def compile_with(engine: Any, pattern: str, flags: int = 0) -> Any:
    """``engine.compile(pattern, flags)`` for the module ``engine`` (``re``, ``regex`` or another
    with a ``compile``), through the cache for ``re`` and ``regex``."""
    name = getattr(engine, "__name__", "")
    if name == "re":
        return re_compile(pattern, flags)
    if name == "regex":
        return regex_compile(pattern, flags)
    return engine.compile(pattern, flags)
