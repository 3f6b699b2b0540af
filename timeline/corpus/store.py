"""The embedded store: each document's extraction, kept in one SQLite file beside the outputs
(``OUTDIR/timeline.db``) so that the next build extracts only new or changed documents.

A row is ``(key, payload)``: ``key`` is the SHA-256 of the document's content (``documents.Unit``:
a file's bytes and kind, a JSON Lines record's fields) together with the run's ``fingerprint``
(the tool's version, the code and rule tables it runs, the settings that change outputs:
see ``fingerprint``); ``payload`` is the document's extraction (``timeline.corpus.codec``:
marshal of plain tuples, zlib-compressed), written and read by the pipeline. A document moved
or renamed is found again (its path and id are not part of the key); any change of the tool
or of those settings misses every row, so a stale extraction is never read.

The store is a cache, never a source of truth: a file that is not a database, a damaged one or
one of another schema is replaced by an empty store after a one-line warning, and a store that
cannot be written is left alone (the build goes on without it, warned once). After a complete
build, ``close(prune=True)`` deletes the rows this build did not use: the store follows the
folder it was built from. Failed documents are not stored: they are tried again next time.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

__all__ = ["Store", "fingerprint", "package_fingerprint", "SCHEMA", "STORE_NAME"]

SCHEMA = 1
"""Layout of the tables (``PRAGMA user_version``); a store of another layout is rebuilt."""
STORE_NAME = "timeline.db"
_COMMIT_EVERY = 500
_PACKAGE = Path(__file__).resolve().parents[1]


_NOT_EXTRACTION = frozenset({"cli.py", "graph.py", "export.py", "render.py", "corpus", "templates", "__pycache__"})
"""Parts of the package that do not change what a document's extraction is (they merge,
write or show it)."""


@cache
def package_fingerprint() -> bytes:
    """SHA-256 of the tool's version and of every module and rule table that extraction runs
    (``timeline/**/*.py`` and ``timeline/resources/**`` less ``_NOT_EXTRACTION``): a rule edited
    without a new version still misses the store."""
    from .._version import __version__

    h = hashlib.sha256(f"timeline {__version__}\0".encode())
    files = sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".txt", ".json")
                   and not _NOT_EXTRACTION & set(p.relative_to(_PACKAGE).parts))
    for p in files:
        h.update(str(p.relative_to(_PACKAGE)).encode("utf-8", "surrogateescape") + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.digest()


def fingerprint(options: Iterable[tuple[str, object]]) -> bytes:
    """The fingerprint of a run: ``package_fingerprint`` and the ``(name, value)`` options that
    change what a document's extraction is (``dct``, ``lang``, ``encoding``, the gazetteer's
    entries); ``repr`` of each value; the payload layout (``codec.FORMAT``)."""
    from .codec import FORMAT

    h = hashlib.sha256(package_fingerprint())
    h.update(f"payload={FORMAT}\0".encode())
    for name, value in options:
        h.update(f"{name}={value!r}\0".encode("utf-8", "surrogatepass"))
    return h.digest()


class Store:
    """Extractions by key in the SQLite file ``path`` (created when missing).

    ``warn(message)`` reports, once, a store replaced or abandoned (``<path>: warning: <reason>``).
    ``get(key)`` returns the payload or ``None``; ``put(key, payload)`` keeps one (committed
    every few hundred and on ``close``); both mark the key as used by this build.
    """

    def __init__(self, path: str | os.PathLike, *, warn: Callable[[str], None]) -> None:
        self.path = Path(path)
        self.warn = warn
        self.used: set[bytes] = set()
        self.hits = 0
        self._unsaved = 0
        self._warned = False
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open()
        except _OldSchema as exc:
            self._replace(f"{exc}; building a new one")
        except sqlite3.DatabaseError as exc:
            self._replace(f"unreadable store ({exc}); building a new one")
        except OSError as exc:
            self._give_up(f"cannot open the store ({exc.strerror or exc}); building without it")

    @staticmethod
    def key(fingerprint: bytes, content: bytes) -> bytes:
        """The row key of a document of ``content`` under the run ``fingerprint``."""
        return hashlib.sha256(fingerprint + b"\0" + content).digest()

    # -- opening, replacing
    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version == 0 and not tables:
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("CREATE TABLE extractions (key BLOB PRIMARY KEY, payload BLOB NOT NULL) WITHOUT ROWID")
                db.execute(f"PRAGMA user_version = {SCHEMA}")
            elif version != SCHEMA or "extractions" not in tables:
                db.close()
                raise _OldSchema(version)
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("BEGIN")
            return db
        except BaseException:
            db.close()
            raise

    def _replace(self, reason: str) -> None:
        """Warn once, delete the file and start an empty store (or none, if that fails too)."""
        self._say(reason)
        self._close_quietly()
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.db = self._open()
        except (OSError, sqlite3.Error):
            self.db = None

    def _give_up(self, reason: str) -> None:
        self._say(reason)
        self._close_quietly()
        self.db = None

    def _say(self, reason: str) -> None:
        if not self._warned:
            self._warned = True
            self.warn(f"{self.path}: warning: {reason}")

    def _close_quietly(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, _OldSchema) or (isinstance(exc, sqlite3.DatabaseError)
                                           and not isinstance(exc, sqlite3.OperationalError)):
            self._replace(f"damaged store ({exc}); building a new one")
        else:       # locked, read-only, disk full: leave the file alone
            self._give_up(f"cannot use the store ({exc}); building without it")

    # -- rows
    def get(self, key: bytes) -> bytes | None:
        self.used.add(key)
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT payload FROM extractions WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        self.hits += 1
        return bytes(row[0])

    def put(self, key: bytes, payload: bytes) -> None:
        self.used.add(key)
        if self.db is None:
            return
        try:
            self.db.execute("INSERT OR REPLACE INTO extractions (key, payload) VALUES (?, ?)", (key, payload))
            self._unsaved += 1
            if self._unsaved >= _COMMIT_EVERY:
                self.db.execute("COMMIT")
                self.db.execute("BEGIN")
                self._unsaved = 0
        except sqlite3.Error as exc:
            self._failed(exc)

    def close(self, *, prune: bool = False) -> None:
        """Commit; with ``prune`` (a build that read every document), first delete the rows
        this build did not use."""
        if self.db is None:
            return
        try:
            if prune:
                self.db.execute("CREATE TEMP TABLE used (key BLOB PRIMARY KEY) WITHOUT ROWID")
                self.db.executemany("INSERT OR IGNORE INTO used (key) VALUES (?)", ((k,) for k in self.used))
                self.db.execute("DELETE FROM extractions WHERE key NOT IN (SELECT key FROM used)")
                self.db.execute("DROP TABLE used")
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._failed(exc)
        finally:
            self._close_quietly()

    def __len__(self) -> int:
        if self.db is None:
            return 0
        return int(self.db.execute("SELECT count(*) FROM extractions").fetchone()[0])


class _OldSchema(sqlite3.DatabaseError):
    def __init__(self, version: int) -> None:
        super().__init__(f"store of schema {version}, this timeline writes schema {SCHEMA}")
