"""What to read: inputs listed (``find_sources``: files, folders walked, standard input), entries
not read (``Skipped``), how a path is shown (``display_path``), sizes (``parse_size``,
``size_text``, ``DEFAULT_MAX_SIZE``), a file's kind by suffix or sniffing, its bytes read bounded.
"""
from __future__ import annotations

import logging
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from .. import budget
from .decode import _SURROGATE

log = logging.getLogger("timeline.documents")   # the stage's one logger, as before it became a package

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
"""Suffixes read from a folder when no ``glob`` is given (files named explicitly are always read)."""

STDIN = "-"
"""The input name that stands for standard input."""

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MD_SUFFIXES = (".md", ".markdown")
_JSONL_SUFFIXES = (".jsonl",)
_HTML_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.I)


class InputError(Exception):
    """A usage-level input problem: a missing path, a folder with no documents, standard input
    named twice. The message is one line naming the path (``<path>: <reason>``); the command
    line answers it with exit code 2 before any document is read."""


DEFAULT_MAX_SIZE = budget.DEFAULT_MAX_SIZE
"""The default maximum size of one document, in bytes (``timeline.budget.DEFAULT_MAX_SIZE``)."""


@dataclass(frozen=True)
class Skipped:
    """An entry of a folder that was not read: its path (as ``display_path`` shows it), why,
    and whether that is an error (a folder that cannot be listed may hold documents) or a
    warning (a FIFO, a device, a socket, a symbolic link to nowhere: no document)."""

    path: str
    reason: str
    error: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class _TooLarge(Exception):
    """A document larger than the maximum input size."""


def display_path(path: str) -> str:
    """How a path is shown in messages and recorded in ``documents[].path``: the path itself,
    but a file name that is not valid UTF-8 (a GBK name from a Windows archive, which the
    operating system hands over with surrogate escapes) has its undecodable bytes written as
    ``\\\\xNN``. The file is still read under its real name; no encoder ever sees a surrogate."""
    if not _SURROGATE.search(path):
        return path
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return path.encode("utf-8", "backslashreplace").decode("ascii")


def size_text(n: int) -> str:
    """``16777216`` → ``16 MiB``; ``1500`` → ``1500 bytes``."""
    for unit, k in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= k and n % k == 0:
            return f"{n // k} {unit}"
    return f"{n} bytes"


def parse_size(value: str | int | None) -> int | None:
    """A size option: bytes, or a number with ``K``/``M``/``G`` (powers of 1024, ``KB``/``KiB``
    too); ``0`` means no limit (``None``). Raises ``ValueError`` with a one-line message."""
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value or None
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgG]?)(?:i?[bB])?\s*", unicodedata.normalize("NFKC", str(value)))
    if not m:
        raise ValueError(f"invalid size {value!r}: expected bytes or a number with K, M or G, e.g. 16M")
    n = int(float(m[1]) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m[2].lower()])
    return n or None


def find_sources(inputs: str | Sequence[str], *, glob: str | None = None,
                 skipped: list[Skipped] | None = None) -> list[str]:
    """List the files to read, in input order: files as given, folders walked recursively
    (sorted, hidden entries skipped, symbolic links to folders not followed) keeping the
    regular files whose path matches ``glob`` (``PurePath.match``: ``*.txt``, ``news/*.html``)
    or, without ``glob``, whose suffix is one of ``SUPPORTED_SUFFIXES``; ``-`` for standard
    input. A file reached twice is listed once. A file named explicitly is always read
    (``/dev/stdin``, ``<(command)`` included).

    In a folder, an entry that would be read but is no regular file (a FIFO, a device, a
    socket, a symbolic link to nowhere) and a subfolder that cannot be listed are not read:
    each is appended to ``skipped`` (or logged as a warning when ``skipped`` is ``None``).

    A missing path among several inputs is appended to ``skipped`` as an error when ``skipped``
    is given (the others are read). Raises ``InputError`` for a missing path otherwise (or when
    every input is missing), a folder with no matching document or that cannot be listed, ``-``
    given twice, or no input at all.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [os.fspath(x) for x in inputs]
    if not inputs:
        raise InputError("no input: give files, folders or - for standard input")
    out: list[str] = []
    seen: set[str] = set()
    stdin_seen = False
    for item in inputs:
        if item == STDIN:
            if stdin_seen:
                raise InputError("-: standard input given more than once")
            stdin_seen = True
            out.append(item)
            continue
        p = Path(item)
        shown = display_path(item)
        if not p.exists():
            _missing(p, shown, skipped if len(inputs) > 1 else None)
            continue
        if p.is_dir():
            here: list[Skipped] = []
            found = _walk(p, glob, here)
            if not found:
                top = next((s for s in here if s.error and s.path == shown), None)
                if top is not None:
                    raise InputError(str(top))
                wanted = glob or ", ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
                raise InputError(f"{shown}: no documents in this folder (looked for {wanted}); "
                                 "choose files with --glob")
            if skipped is not None:
                skipped.extend(here)
            else:
                for s in here:
                    log.warning("%s", s)
        else:
            found = [item]
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    if not out:                                        # every input was missing
        raise InputError(str(next(x for x in skipped or [] if x.error)))
    return out


def _missing(p: Path, shown: str, skipped: list[Skipped] | None) -> None:
    """A missing input: appended to ``skipped`` as an error (one of several inputs), else
    ``InputError``."""
    kind = "broken symbolic link" if p.is_symlink() else "no such file or directory"
    if skipped is None:
        raise InputError(f"{shown}: {kind}")
    skipped.append(Skipped(shown, kind, error=True))


def _walk(folder: Path, glob: str | None, skipped: list[Skipped]) -> list[str]:
    found: list[str] = []

    def cannot_list(exc: OSError) -> None:
        where = display_path(os.fspath(exc.filename)) if exc.filename else display_path(str(folder))
        skipped.append(Skipped(where, f"cannot read this folder: {exc.strerror or exc}", error=True))

    for root, dirs, files in os.walk(folder, onerror=cannot_list):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            rel = PurePath(os.path.relpath(full, folder))
            if not (rel.match(glob) if glob is not None else rel.suffix.lower() in SUPPORTED_SUFFIXES):
                continue
            kind = _not_regular(full)
            if kind is not None:
                skipped.append(Skipped(display_path(full), f"skipped: {kind}"))
                continue
            found.append(full)
    return sorted(found, key=lambda f: PurePath(os.path.relpath(f, folder)).parts)


def _not_regular(path: str) -> str | None:
    """Why ``path`` (followed if a link) is no regular file to read, or ``None`` when it is one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "symbolic link to nowhere" if os.path.islink(path) else "vanished while the folder was read"
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return f"{kind}, not a regular file"
    return "not a regular file"


def _is_html(data: bytes, suffix: str) -> bool:
    return suffix in _HTML_SUFFIXES or (suffix not in SUPPORTED_SUFFIXES and bool(_HTML_SNIFF.match(data)))


def _read_bytes(src: str, max_size: int | None = None) -> bytes:
    """The bytes of a file or standard input; raises ``_TooLarge`` past ``max_size`` bytes
    (reading no more than one byte past it: ``/dev/zero`` ends at once)."""
    if src == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            if sys.stdin is None:
                raise OSError("standard input is closed")
            data = (sys.stdin.read(max_size + 1) if max_size else sys.stdin.read()).encode("utf-8", "surrogatepass")
        else:
            data = stream.read(max_size + 1) if max_size else stream.read()
    else:
        with open(src, "rb") as fh:
            if max_size:
                info = os.fstat(fh.fileno())
                if stat.S_ISREG(info.st_mode) and info.st_size > max_size:
                    raise _TooLarge
            data = fh.read(max_size + 1) if max_size else fh.read()
    if max_size and len(data) > max_size:
        raise _TooLarge
    return data
