"""The options of a run, validated once: ``Settings(dct=..., lang=..., encoding=..., glob=..., gazetteer=...)``.

Made by the command line from its arguments, or by a library caller; the pipeline reads it and
no stage checks these options again. Construction normalises and checks every field and raises
``SettingsError`` (a ``ValueError``) naming the option on the first bad one:

* ``dct``: the document creation time for every document, ISO 8601 ``YYYY-MM-DD``;
* ``lang``: a language with tables (``zh``, ``en``), or ``None``/``"auto"`` to detect per document;
* ``encoding``: a codec name (normalised: ``GBK`` → ``gbk``), or ``None`` to detect per file;
* ``glob``: in folders, the files to read (default: the supported suffixes);
* ``gazetteer``: a gazetteer file (read here, once; see ``timeline.entities.gazetteer``), or an
  already loaded ``Gazetteer``; the loaded one is ``Settings.names``;
* ``max_size``: the largest document in bytes (an int, or ``"16M"``: ``K``/``M``/``G``); ``0`` or
  ``None``: no limit (normalised to an int or ``None``);
* ``timeout``: the time budget of one document in seconds (``timeline.budget``); ``0`` or
  ``None``: no budget (normalised to a float or ``None``);
* ``min_confidence``: events whose ``confidence`` (``timeline.events.confidence``) is below it are
  left out of the result, a number in [0, 1] (default ``DEFAULT_MIN_CONFIDENCE``; ``0`` keeps
  every event);
* ``jobs``: how many documents are extracted at once (worker processes, or Dask workers of a
  local cluster); ``None`` or ``0``: one a core of this machine; ``1``: in this process;
* ``engine``: ``local`` (this machine) or ``dask`` (a Dask cluster, ``timeline.corpus.engines``);
* ``scheduler``: the address of a Dask scheduler (``tcp://host:8786``), only with ``engine="dask"``;
  none: a local Dask cluster of ``jobs`` workers.

``jobs``, ``engine`` and ``scheduler`` change where documents are extracted, never the results.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .budget import DEFAULT_MAX_SIZE, DEFAULT_SECONDS

__all__ = ["DEFAULT_MIN_CONFIDENCE", "Settings", "SettingsError"]

DEFAULT_MIN_CONFIDENCE = 0.5
"""Events below this confidence are left out by default: chosen on the development articles
(``shared/data/real_zh``, the seed, ``tests/genre``) so that event precision meets its bar
(README, "Events: confidence")."""


class SettingsError(ValueError):
    """A bad option value. ``option`` names the field (``dct``); ``str()`` is the one-line reason,
    which starts with the file when ``names_file`` (a gazetteer error: ``gz.tsv:3: ...``)."""

    def __init__(self, option: str, reason: str, *, names_file: bool = False) -> None:
        super().__init__(reason)
        self.option = option
        self.names_file = names_file


@dataclass(frozen=True)
class Settings:
    """Validated options of a run (see the module docstring); immutable."""

    dct: str | None = None
    lang: str | None = None
    encoding: str | None = None
    glob: str | None = None
    gazetteer: str | os.PathLike | Any | None = None
    max_size: int | str | None = DEFAULT_MAX_SIZE
    timeout: float | None = DEFAULT_SECONDS
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    jobs: int | None = 1
    engine: str = "local"
    scheduler: str | None = None
    names: Any = field(default=None, init=False, repr=False, compare=False)
    """The loaded gazetteer (``timeline.entities.Gazetteer``) or ``None``."""

    def __post_init__(self) -> None:
        from . import documents

        for name, check in (("dct", documents.validate_dct), ("lang", documents.validate_lang),
                            ("encoding", documents.validate_encoding)):
            value = getattr(self, name)
            if value is None:
                continue
            try:
                object.__setattr__(self, name, check(value))
            except ValueError as exc:
                raise SettingsError(name, str(exc)) from None
        try:
            object.__setattr__(self, "max_size", documents.parse_size(self.max_size))
        except ValueError as exc:
            raise SettingsError("max-size", str(exc)) from None
        timeout = self.timeout
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                    or not 0 <= timeout < float("inf")):
            raise SettingsError("timeout", f"invalid time budget {timeout!r}: expected seconds >= 0 "
                                           "(0: no budget)")
        object.__setattr__(self, "timeout", float(timeout) if timeout else None)
        least = self.min_confidence
        if isinstance(least, bool) or not isinstance(least, (int, float)) or not 0 <= least <= 1:
            raise SettingsError("min-confidence", f"invalid minimum confidence {least!r}: expected a number "
                                                  "from 0 to 1 (0: keep every event)")
        object.__setattr__(self, "min_confidence", float(least))
        self._check_engine()
        if self.gazetteer is not None:
            object.__setattr__(self, "names", _load_gazetteer(self.gazetteer))


    def _check_engine(self) -> None:
        from .corpus.engines import ENGINES, default_jobs

        jobs = self.jobs
        if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0):
            raise SettingsError("jobs", f"invalid number of jobs {jobs!r}: expected a whole number >= 1 "
                                        "(0: one a core)")
        object.__setattr__(self, "jobs", jobs or default_jobs())
        if self.engine not in ENGINES:
            raise SettingsError("engine", f"unknown engine {self.engine!r}: expected {' or '.join(ENGINES)}")
        if self.scheduler is not None and self.engine != "dask":
            raise SettingsError("scheduler", "a scheduler address needs --engine dask")
        if self.scheduler is not None and not str(self.scheduler).strip():
            raise SettingsError("scheduler", "empty scheduler address: expected e.g. tcp://host:8786")

    def output_options(self) -> tuple[tuple[str, object], ...]:
        """The options that change what a document's extraction is (a store key: see
        ``timeline.corpus.store.fingerprint``): ``dct``, ``lang``, ``encoding``, the
        gazetteer's entries and ``min_confidence``."""
        names = self.names
        entries = tuple((e.name, e.type, tuple(e.aliases)) for e in names.entries) if names is not None else None
        return (("dct", self.dct), ("lang", self.lang), ("encoding", self.encoding), ("gazetteer", entries),
                ("min_confidence", self.min_confidence))


def _load_gazetteer(source: Any) -> Any:
    """A ``Gazetteer`` read from the file ``source`` (or ``source`` itself when already loaded)."""
    if not isinstance(source, (str, os.PathLike)):
        return source
    path = str(source)
    if not Path(path).is_file():
        raise SettingsError("gazetteer", f"{path}: gazetteer not found", names_file=True)
    from .entities import load_gazetteer

    try:
        return load_gazetteer(path)
    except (OSError, ValueError) as exc:
        # A gazetteer error already names the file and line (``file:line: reason``).
        message = str(exc)
        raise SettingsError("gazetteer", message if message.startswith(path) else f"{path}: {message}",
                            names_file=True) from None
