"""Language knowledge kept as data: ``timeline/resources/<lang>/<stage>/*.yaml``.

Engines never name a language; they ask this module for a language's tables. A language is a
folder here (``zh``, ``en``). Files are UTF-8 YAML (or plain ``.txt`` word lists, one entry a
line, ``#`` comments). Errors: ``ResourceError`` names the file and the reason. Loaders check a
table's shape with one reader, ``timeline.resources.schema`` (``read(lang, *parts, schema=...)``),
whose ``TableError`` names the file and the key path.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import cache

ROOT = Path(__file__).resolve().parent
_PARSED = cache.Entries("tables", lambda: "yaml")


class ResourceError(ValueError):
    """A rule or table file that cannot be loaded or validated (message names the file)."""


def languages() -> list[str]:
    """The language folders present, e.g. ``['en', 'zh']``."""
    return sorted(p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def path(lang: str, *parts: str) -> Path:
    """Path of a resource file or folder of a language (it may not exist)."""
    return ROOT.joinpath(lang, *parts)


@lru_cache(maxsize=None)
def load_yaml(lang: str, *parts: str) -> Any:
    """Parse one YAML resource; raises ``ResourceError`` if missing or malformed. A parse is kept
    in the table cache (``cache.Entries``) under the file's content hash, when it reads back from
    JSON unchanged: parsing YAML was a tenth of a short run."""
    import hashlib

    p = path(lang, *parts)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ResourceError(f"{p}: resource file not found") from None
    entry, digest = "/".join((lang, *parts)), hashlib.sha256(raw).hexdigest()
    hit = _PARSED.get(entry)
    if isinstance(hit, list) and len(hit) == 2 and hit[0] == digest:
        try:
            return json.loads(hit[1])     # kept as text: a caller changing its data changes no entry
        except (TypeError, ValueError):
            pass
    import yaml

    try:
        data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ResourceError(f"{p}: invalid YAML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{p}: not UTF-8: {exc}") from None
    try:
        text = json.dumps(data, ensure_ascii=False)
        same = json.loads(text) == data
    except (TypeError, ValueError):             # dates, sets: not plain JSON, not cached
        same = False
    if same:
        _PARSED.put(entry, [digest, text])
    return data


@lru_cache(maxsize=None)
def load_list(lang: str, *parts: str) -> tuple[str, ...]:
    """Read a word list: one entry a line, blank lines and ``#`` comments skipped."""
    p = path(lang, *parts)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ResourceError(f"{p}: resource file not found") from None
    return tuple(s for s in (line.split("#", 1)[0].strip() for line in lines) if s)
