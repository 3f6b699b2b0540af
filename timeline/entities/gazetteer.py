"""A user gazetteer: names the rules cannot find, and aliases they cannot guess.

File format (UTF-8 text, one entry a line)::

    # comment lines and blank lines are skipped
    name
    name<TAB>TYPE
    name<TAB>TYPE<TAB>alias1|alias2|...

``TYPE`` is ``ORG``, ``PER`` or ``LOC`` (default ``ORG``; case-insensitive); aliases are separated
by ``|``. A name may appear on one line only; an alias may not be another entry's name or alias.
Leading/trailing spaces of each field are stripped. A bad line raises ``GazetteerError`` whose
message is ``<file>:<line>: <reason>``.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import ENTITY_TYPES


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One named entity of the gazetteer: canonical ``name``, ``type`` and ``aliases``."""

    name: str
    type: str = "ORG"
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """Names and aliases supplied by the user (``--gazetteer FILE``).

    ``entries`` in file order; ``lookup`` maps every name and alias to its entry.
    """

    entries: list[GazetteerEntry] = field(default_factory=list)
    source: str | None = None

    def __post_init__(self) -> None:
        self.lookup: dict[str, GazetteerEntry] = {}
        for e in self.entries:
            for n in (e.name, *e.aliases):
                self.lookup.setdefault(n, e)

    @classmethod
    def from_entries(cls, entries: Iterable[GazetteerEntry | tuple], source: str | None = None) -> Gazetteer:
        """Build from entries or ``(name, type, aliases)`` tuples (for programmatic use)."""
        out = []
        for e in entries:
            if not isinstance(e, GazetteerEntry):
                name = e[0]
                typ = str(e[1]).upper() if len(e) > 1 and e[1] else "ORG"
                e = GazetteerEntry(name, typ, tuple(e[2]) if len(e) > 2 else ())
            if e.type not in ENTITY_TYPES:
                raise GazetteerError(f"{source or '<entries>'}: {e.name}: unknown type {e.type!r}")
            out.append(e)
        return cls(out, source)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> list[tuple[int, int, GazetteerEntry]]:
        """Every name and alias in ``text`` (``fold``-ed by the caller), overlapping ones included,
        as ``(start, end, entry)``; one Aho-Corasick automaton (pyahocorasick), built on first use."""
        if not self.lookup or not text:
            return []
        automaton = self.__dict__.get("_automaton")
        if automaton is None:
            import ahocorasick

            from .rules import fold

            automaton = ahocorasick.Automaton()
            for name, entry in self.lookup.items():
                key = fold(name)
                if not automaton.exists(key):
                    automaton.add_word(key, (len(key), entry))
            automaton.make_automaton()
            self.__dict__["_automaton"] = automaton
        return [(end + 1 - n, end + 1, entry) for end, (n, entry) in automaton.iter(text)]


def load_gazetteer(path: str | os.PathLike) -> Gazetteer:
    """Read a gazetteer file (format in this module's docstring).

    Raises ``GazetteerError`` naming ``file:line`` for a bad line (unknown type, empty name, too
    many fields, a name or alias defined twice) and for a file that cannot be read or decoded.
    """
    p = os.fspath(path)
    try:
        with open(p, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        raise GazetteerError(f"{p}: cannot read gazetteer: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{p}: gazetteer is not UTF-8: {exc}") from None
    entries: list[GazetteerEntry] = []
    owner: dict[str, int] = {}
    for no, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) > 3:
            raise GazetteerError(f"{p}:{no}: expected at most 3 tab-separated fields (name, type, aliases), "
                                 f"got {len(fields)}")
        name = fields[0]
        if not name:
            raise GazetteerError(f"{p}:{no}: empty name")
        typ = (fields[1] if len(fields) > 1 and fields[1] else "ORG").upper()
        if typ not in ENTITY_TYPES:
            raise GazetteerError(f"{p}:{no}: unknown type {fields[1]!r} (expected one of {', '.join(ENTITY_TYPES)})")
        aliases = tuple(a.strip() for a in fields[2].split("|")) if len(fields) > 2 and fields[2] else ()
        if any(not a for a in aliases):
            raise GazetteerError(f"{p}:{no}: empty alias in {fields[2]!r}")
        for n in (name, *aliases):
            if n in owner:
                raise GazetteerError(f"{p}:{no}: {n!r} is already defined on line {owner[n]}")
            owner[n] = no
        entries.append(GazetteerEntry(name, typ, tuple(a for a in aliases if a != name)))
    return Gazetteer(entries, p)
