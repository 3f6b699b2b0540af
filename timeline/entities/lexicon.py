"""Name lists (lexicons) of a language, matched with one Aho-Corasick automaton (pyahocorasick).

Public API::

    build_lexicon(lang, table) -> Lexicon     # the lists a recogniser.yaml declares (sources.lexicon caches it)
    Lexicon.find(text) -> list[LexiconHit]    # every name, stem or alias of the lists in ``text``

The lists are TSV files shipped as package data (``resources/<lang>/entities/lexicons/``, copied
unchanged from their sources, each row naming its source), declared in ``recogniser.yaml``
``lexicons``: the column of the full name (``name``), the columns of its short names (``|``
separates several), the rows' types to leave out, and the OpenCC conversion (``convert``) of a
list written in another script than the one the text is matched in (Taiwan companies are written
in the traditional script; a document is matched through its simplified copy of the same length,
so each name is converted the same way, phrase by phrase and character by character).

Every row is one ``LexiconEntry`` (its ``source``: ``file:line``). A hit says which form of the
entry was found: ``name`` (the full name, 中联重科股份有限公司), ``stem`` (the full name without its
legal form, ``legal_forms``: 中联重科; only stems of at least ``stem_min`` characters) or ``alias``
(a short name: 中联重科, 中華電, 欧盟). Names and stems are names wherever written; an alias is an
ordinary word often enough (美的, 太阳能, 好想你) that the recogniser takes it only when something
else confirms it (``timeline.entities.combine``). A hit never starts or ends inside a run of Latin
letters or digits (TCL科技 is not in XTCL科技). Matching is linear in the text (plus the hits).
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from .. import resources
from ..resources import schema
from . import rules as _rules
from .rules import fold

__all__ = ["Lexicon", "LexiconEntry", "LexiconHit", "build_lexicon", "SCHEMA"]


@dataclass(frozen=True)
class LexiconEntry:
    """One row of a list: its full ``name`` (as the file writes it), ``aliases`` (short names),
    entity ``type`` (``ORG``), the row's own ``kind`` (its type column, e.g.
    ``listed_company_a_share``) and ``source`` (``file:line``, line 1 being the header)."""

    name: str
    type: str
    kind: str
    aliases: tuple[str, ...]
    source: str


class LexiconHit(NamedTuple):
    """A form of ``entry`` found at ``[start, end)``; ``form`` is ``name``, ``stem`` or ``alias``."""

    start: int
    end: int
    entry: LexiconEntry
    form: str


SCHEMA = schema.Map({
    "legal_forms": schema.Words(),
    "stem_min": schema.Int(min=1),
    "context": schema.Words(), "context_window": schema.Int(min=0),
    "files": schema.List(schema.Map({
        "file": schema.Str(), "type": schema.Str(choices=("ORG", "PER", "LOC")),
        "name": schema.Str(), "aliases": schema.Words(), "kind": schema.Str(),
        "exclude_kinds": schema.Words(), "convert": schema.Str(),
    }, required=("file", "type", "name")), label="file"),
}, required=("files",))
"""``recogniser.yaml`` ``lexicons``: the lists and how their rows are read."""

_LATIN = re.compile(r"[0-9A-Za-z]")


class Lexicon:
    """The entries of a language's lists and their forms, matched in one pass over a text."""

    def __init__(self, entries: list[LexiconEntry], forms: dict[str, list[tuple[int, str]]],
                 context: tuple[str, ...] = (), window: int = 0):
        self.entries = entries
        self._forms = forms                       # matching key -> [(entry index, form)]
        self.context = context
        self.window = window
        self._automaton: Any = None
        self._values: list[tuple[int, tuple]] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.entries)

    def _built(self) -> Any:
        if self._automaton is None:
            with self._lock:
                if self._automaton is None:
                    import ahocorasick

                    # each key stores an index into _values: 2-3x faster to build than tuples
                    a = ahocorasick.Automaton(ahocorasick.STORE_INTS)
                    values: list[tuple[int, tuple]] = []
                    for key, forms in self._forms.items():
                        a.add_word(key, len(values))
                        values.append((len(key), tuple(forms)))
                    a.make_automaton()
                    self._values = values
                    self._automaton = a
        return self._automaton

    def find(self, text: str) -> list[LexiconHit]:
        """Every form of every entry in ``text`` (``fold``-ed, in the matching script), overlapping
        hits included, sorted by start then longest first."""
        if not self._forms or not text:
            return []
        out: list[LexiconHit] = []
        entries = self.entries
        automaton = self._built()
        found = self._values
        for end, k in automaton.iter(text):
            n, values = found[k]
            e = end + 1
            s = e - n
            if (s > 0 and _LATIN.match(text, s) and _LATIN.match(text, s - 1)) or \
                    (e < len(text) and _LATIN.match(text, e - 1) and _LATIN.match(text, e)):
                continue                          # inside a run of Latin letters or digits
            for i, form in values:
                out.append(LexiconHit(s, e, entries[i], form))
        out.sort(key=lambda h: (h.start, -h.end, h.form != "name"))
        return out

    def in_context(self, text: str, end: int) -> bool:
        """A word of ``context`` within ``window`` characters after ``end``, before the clause ends."""
        if not self.context:
            return False
        after = text[end:end + self.window + max(map(len, self.context))]
        cut = min((after.find(c) for c in "，,。;；!?！？、" if c in after), default=len(after))
        return any(0 <= after.find(w) <= self.window and after.find(w) + len(w) <= cut for w in self.context)

    def lookup(self, name: str) -> list[tuple[LexiconEntry, str]]:
        """The entries one of whose forms is exactly ``name`` (matching script), with the form."""
        return [(self.entries[i], form) for i, form in self._forms.get(fold(name), ())]


def _stem(name: str, legal_forms: tuple[str, ...]) -> str | None:
    for lf in legal_forms:
        if name.endswith(lf) and len(name) > len(lf):
            return name[:-len(lf)]
    return None


@lru_cache(maxsize=4)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def _converted(name: str, config: str | None, memo: dict[str, str]) -> set[str]:
    """``name`` in the matching script, as ``documents.matching_text`` converts a text: the
    phrase conversion when it keeps the length, and the character-by-character one."""
    if config is None:
        return {name}
    conv = _opencc(config)
    out = set()
    whole = conv.convert(name)
    if len(whole) == len(name):
        out.add(whole)
    chars = []
    for c in name:
        got = memo.get(c)
        if got is None:
            got = conv.convert(c)
            got = memo[c] = got if len(got) == 1 else c
        chars.append(got)
    out.add("".join(chars))
    return out


def _read_rows(lang: str, spec: dict, table: schema.Table, where: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows (fields split at tabs) of a list file; a missing declared column
    fails naming the table's key."""
    path = resources.path(lang, "entities", "lexicons", spec["file"])
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise table.error(where, f"cannot read {path}: {exc.strerror or exc}") from None
    columns = lines[0].split("\t")
    for col in [spec["name"], *spec.get("aliases", []), *([spec["kind"]] if spec.get("kind") else [])]:
        if col not in columns:
            raise table.error(where, f"{spec['file']} has no column {col!r} (columns: {', '.join(columns)})")
    return columns, [line.split("\t") for line in lines[1:]]


def build_lexicon(lang: str, table: schema.Table) -> Lexicon:
    """The lists ``table`` (``recogniser.yaml``) declares under ``lexicons``, read from
    ``resources/<lang>/entities/lexicons/``. The automaton is built on the first ``find``. Raises
    ``ResourceError`` naming the table and key for a list file missing a declared column.

    The entries and their forms are cached on disk (``timeline.resources.cache``, plain JSON)
    under the tool's version, this module's code, the declaration and the list files' bytes:
    a later run reads them instead of converting every row again."""
    from ..resources import cache

    spec = table["lexicons"]
    files = [resources.path(lang, "entities", "lexicons", f["file"]) for f in spec["files"]]
    declared = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str)
    key = "\0".join([cache.code_hash(__file__, _rules.__file__), declared,
                     cache.code_hash(*files), _opencc_version(spec)])
    got = cache.load(f"lexicon-{lang}", key)
    try:
        entries = [LexiconEntry(n, t, k, tuple(a), src) for n, t, k, a, src in got["entries"]]
        forms = got["forms"]                    # [entry index, form] pairs, read as tuples are
        if not isinstance(forms, dict):
            raise TypeError("forms")
    except (KeyError, TypeError, ValueError):
        entries, forms = _entries_and_forms(lang, table)
        cache.save(f"lexicon-{lang}", key, {"entries": [[e.name, e.type, e.kind, list(e.aliases), e.source]
                                                        for e in entries], "forms": forms})
    return Lexicon(entries, forms, tuple(fold(w) for w in spec.get("context", [])), spec.get("context_window", 0))


def _opencc_version(spec: dict) -> str:
    """Where the OpenCC package lies and when it was installed, when a list is converted (its
    dictionaries convert the forms), else ``""``: found without importing it."""
    if not any(f.get("convert") for f in spec["files"]):
        return ""
    try:
        import importlib.util
        import os

        origin = importlib.util.find_spec("opencc").origin  # type: ignore[union-attr]
        return f"{origin}:{os.stat(origin).st_mtime_ns}"    # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - no package: the forms are derived (and fail) as before
        return "?"


def _entries_and_forms(lang: str, table: schema.Table) -> tuple[list[LexiconEntry], dict[str, list[tuple[int, str]]]]:
    """The entries of the lists and their forms (matching key -> ``[(entry index, form)]``)."""
    spec = table["lexicons"]
    legal_forms = tuple(sorted((fold(x) for x in spec.get("legal_forms", [])), key=len, reverse=True))
    stem_min = spec.get("stem_min", 1)
    entries: list[LexiconEntry] = []
    forms: dict[str, list[tuple[int, str]]] = {}
    memo: dict[str, str] = {}

    def add(key: str, index: int, form: str) -> None:
        key = fold(key)
        if len(key) < 2:
            return
        got = forms.setdefault(key, [])
        if (index, form) not in got:
            got.append((index, form))

    for k, f in enumerate(spec["files"]):
        exclude = set(f.get("exclude_kinds", []))
        config = f.get("convert")
        columns, rows = _read_rows(lang, f, table, f"lexicons.files[{k}]")
        at = columns.index
        name_at, alias_at = at(f["name"]), [at(c) for c in f.get("aliases", [])]
        kind_at = at(f["kind"]) if f.get("kind") else None
        for line, row in enumerate(rows, 2):
            if len(row) <= name_at or not row[name_at].strip():
                continue
            name = row[name_at].strip()
            kind = row[kind_at].strip() if kind_at is not None and kind_at < len(row) else ""
            if kind in exclude:
                continue
            aliases = tuple(dict.fromkeys(a.strip() for c in alias_at if c < len(row)
                                          for a in row[c].split("|") if a.strip() and a.strip() != name))
            index = len(entries)
            entries.append(LexiconEntry(name, f["type"], kind, aliases, f"{f['file']}:{line}"))
            stem = _stem(fold(name), legal_forms)
            for written, form in [(name, "name"), *([(stem, "stem")] if stem and len(stem) >= stem_min else []),
                                  *((a, "alias") for a in aliases)]:
                for key in _converted(written, config, memo):
                    add(key, index, form)
    return entries, forms
