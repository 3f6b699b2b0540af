"""A small on-disk cache of facts derived from the tables, so that a run does not derive them again.

What is cached is plain JSON (no pickled objects: a cache file is never code), one file per
``name`` in the user's cache folder: ``$TIMELINE_CACHE_DIR`` when set (``off`` disables the
cache), else ``platformdirs.user_cache_dir("timeline")`` (``$XDG_CACHE_HOME/timeline`` or
``~/.cache/timeline`` on Linux). A file's name holds a hash of ``key`` (the tool's version and
whatever else its facts depend on: the code that derives them, the library that reads them), so
a new version or changed code never reads an old file; within a file, each entry is keyed by
its own input (a pattern's text), so an entry whose table changed is simply not found.

Files of a name unused for ``STALE_DAYS`` are deleted when a new one of that name is written.
Every failure is silent and harmless: a missing, unreadable, corrupt or foreign file reads as
empty; a folder that cannot be written (read-only, full disk) leaves the facts uncached. Writes
go to a temporary file renamed over the old one, so a concurrent reader sees a whole file or none.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .._version import __version__

log = logging.getLogger(__name__)

ENV = "TIMELINE_CACHE_DIR"


def folder() -> Path | None:
    """The cache folder (not created here), or ``None`` when the cache is off."""
    where = os.environ.get(ENV)
    if where is not None:
        return None if where.strip().lower() in ("", "off", "0", "none") else Path(where)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "timeline"
    return Path(user_cache_dir("timeline", appauthor=False))


def file_for(name: str, key: str) -> Path | None:
    """The file caching ``name`` under ``key`` (``None`` when the cache is off)."""
    base = folder()
    if base is None:
        return None
    digest = hashlib.sha256(f"{__version__}\0{key}".encode()).hexdigest()[:20]
    return base / f"{name}-{digest}.json"


STALE_DAYS = 30
"""A cache file of the same name unused for this many days (an older version's, an edited
table's) is deleted when a new one is written, so the folder does not grow with every upgrade."""
_FRESH_SECONDS = 86400   # a file read is marked used (its mtime) at most once a day


def load(name: str, key: str) -> dict[str, Any]:
    """The cached entries of ``name`` under ``key``; ``{}`` when absent or unreadable. A file
    read is marked as used (its modification time, at most once a day)."""
    p = file_for(name, key)
    if p is None:
        return {}
    try:
        with open(p, encoding="utf-8") as fh:
            if time.time() - os.fstat(fh.fileno()).st_mtime > _FRESH_SECONDS:
                os.utime(p)
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _prune(p: Path, name: str) -> None:
    """Delete the files of ``name`` other than ``p`` unused for ``STALE_DAYS`` (never raises)."""
    cutoff = time.time() - STALE_DAYS * 86400
    try:
        for old in p.parent.glob(f"{name}-*.json"):
            if old != p and len(old.name) == len(p.name) and old.stat().st_mtime < cutoff:
                old.unlink()
    except OSError as exc:
        log.debug("stale cache files not deleted (%s): %s", p.parent, exc)


def save(name: str, key: str, entries: dict[str, Any]) -> None:
    """Write ``entries`` as the cache of ``name`` under ``key``; never raises for a folder that
    cannot be written (the run goes on uncached)."""
    p = file_for(name, key)
    if p is None:
        return
    tmp = None
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=p.name + ".", suffix=".tmp", dir=p.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, p)
        tmp = None
        _prune(p, name)
    except OSError as exc:
        log.debug("table cache not written (%s): %s", p, exc)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def code_hash(*files: str | os.PathLike) -> str:
    """A hash of source files (the code that derives cached facts): a changed derivation never
    reads facts derived by the old one, even without a new version number."""
    h = hashlib.sha256()
    for f in files:
        try:
            h.update(Path(f).read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


class Entries:
    """The entries of one cache file, read on first use; ``put`` adds one in memory and
    ``flush_all()`` writes every file that gained an entry since it was read, with the entries
    this process read or added only (so a file never grows beyond what one run uses). ``key`` is
    a callable giving the file's key (called once, on first use). Thread-safe."""

    def __init__(self, name: str, key: Any) -> None:
        self.name, self._key = name, key
        self._lock = threading.Lock()
        self._data: dict[str, Any] | None = None
        self._used: set[str] = set()
        self._added = False
        _OPEN.append(self)

    def _entries(self) -> dict[str, Any]:
        if self._data is None:
            self.key = self._key()
            self._data = load(self.name, self.key)
        return self._data

    def get(self, entry: str) -> Any:
        """The cached value of ``entry``, or ``None``."""
        with self._lock:
            value = self._entries().get(entry)
            if value is not None:
                self._used.add(entry)
            return value

    def put(self, entry: str, value: Any) -> None:
        """Keep ``value`` (plain JSON data) for ``entry``; written by ``flush_all``."""
        with self._lock:
            self._entries()[entry] = value
            self._used.add(entry)
            self._added = True

    def flush(self) -> None:
        """Write the file when an entry was added since it was read (never raises)."""
        with self._lock:
            if not self._added or self._data is None:
                return
            self._added = False
            data = {k: v for k, v in self._data.items() if k in self._used}
        save(self.name, self.key, data)


_OPEN: list[Entries] = []


def flush_all() -> None:
    """Write every ``Entries`` file that gained an entry (never raises)."""
    for entries in _OPEN:
        entries.flush()

