"""JSON Lines files (https://jsonlines.org): read a line at a time, each record parsed and checked
into a ``Unit``, and the ``Document`` of a record.
"""
from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import Any, cast

from .. import budget
from ..model import Document, DocumentError
from .dates import validate_dct
from .decode import _ENCODING_HINT, _SURROGATE, DecodingError, decode
from .document import _make_document
from .sources import DEFAULT_MAX_SIZE, _TooLarge, size_text
from .units import UNREAD_ID, Unit, _timeout_reason

_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _load_jsonl(src: str, path: str, *, encoding: str | None, dct: str | None,
                lang: str | None, max_size: int | None = DEFAULT_MAX_SIZE,
                timeout: float | None = None) -> Iterator[Unit | DocumentError]:
    """The records of a JSON Lines file (https://jsonlines.org) as units, read a line at a time.

    Lines end at ``\\n`` only (``\\r\\n`` too): U+2028, U+2029 and U+0085 are legal inside JSON
    strings and stay in the text. Each record is bounded by ``max_size`` bytes and ``timeout``
    seconds on its own. A line is decoded as UTF-8 (the format's encoding), else as ``decode``
    detects it; ``encoding`` forces one. A file starting with a UTF-16/32 byte order mark is
    decoded whole (bounded by ``max_size`` as one input)."""
    try:
        fh = open(src, "rb")
    except OSError as exc:
        yield DocumentError(path, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            head = fh.peek(4)[:4]
        except OSError as exc:
            yield DocumentError(path, f"cannot read: {exc.strerror or exc}")
            return
        if not head:
            yield DocumentError(path, "empty file")
            return
        wide = bool(encoding) and codecs.lookup(cast(str, encoding)).name.startswith(("utf-16", "utf-32"))
        if head.startswith(_UNICODE_BOMS) or wide:
            try:
                data = fh.read(max_size + 1) if max_size else fh.read()
                if max_size and len(data) > max_size:
                    raise _TooLarge
                text, used = decode(data, encoding=encoding)
            except _TooLarge:
                yield DocumentError(path, f"larger than the maximum input size of {size_text(max_size or 0)} "
                                          "(--max-size)")
                return
            except (DecodingError, OSError) as exc:
                yield DocumentError(path, str(exc) if isinstance(exc, DecodingError) else f"cannot read: {exc}")
                return
            lines: Iterator[bytes | str | None] = iter(text.split("\n"))
        else:
            lines = _binary_lines(fh, max_size)
            used = None
        seen_text = False
        lineno = 0
        while True:
            try:
                raw = next(lines, ...)
            except OSError as exc:
                yield DocumentError(f"{path}:{lineno + 1}", f"cannot read: {exc.strerror or exc}")
                return
            if raw is ...:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if raw is None:
                seen_text = True
                yield DocumentError(where, f"record larger than the maximum input size of "
                                           f"{size_text(max_size or 0)} (--max-size)")
                continue
            try:
                with budget.limit(timeout):
                    item = _jsonl_record(raw, where, encoding=encoding, used=used, dct=dct,
                                     lang=lang, first=lineno == 1)
            except budget.DocumentTimeout as exc:
                item = DocumentError(where, _timeout_reason(exc, "reading this record"))
            if item is None:
                continue
            seen_text = True
            yield item
        if not seen_text:
            yield DocumentError(path, "no text (only whitespace)")


def _binary_lines(fh: Any, max_size: int | None) -> Iterator[bytes | None]:
    """Lines of a binary stream split at ``\\n`` only; ``None`` for a line longer than
    ``max_size`` bytes (whose rest is skipped unread into memory)."""
    while True:
        line = fh.readline(max_size + 1) if max_size else fh.readline()
        if not line:
            return
        if max_size and len(line) > max_size and not line.endswith(b"\n"):
            while True:
                chunk = fh.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _decode_line(raw: bytes, *, encoding: str | None, first: bool) -> tuple[str, str | None]:
    """``(text, encoding)`` of one JSON Lines line: ``encoding`` if given, else UTF-8, else what
    ``decode`` detects; a first line loses its UTF-8 BOM. Raises ``DecodingError``."""
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if not raw.strip():
        return "", None
    if b"\x00" in raw:
        raise DecodingError("binary data (contains NUL bytes), not a JSON line")
    try:
        return (raw.decode(encoding), encoding) if encoding else (raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if encoding:
            raise DecodingError(f"cannot decode as {encoding} ({exc.reason} at byte {exc.start}); "
                                f"{_ENCODING_HINT}") from None
    return decode(raw)


def _jsonl_record(raw: bytes | str, where: str, *, encoding: str | None, used: str | None,
                  dct: str | None, lang: str | None, first: bool) -> Unit | DocumentError | None:
    """One line of a JSON Lines file as a unit (its record parsed and checked), an error, or
    ``None`` for a blank line."""
    import json

    if isinstance(raw, bytes):
        try:
            line, used = _decode_line(raw, encoding=encoding, first=first)
        except DecodingError as exc:
            return DocumentError(where, str(exc))
    else:
        line = raw
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return DocumentError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return DocumentError(where, "invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return DocumentError(where, 'expected a JSON object {"id", "text", "dct"}')
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        return DocumentError(where, 'no text: "text" must be a non-empty string')
    line_dct, kind = dct, "option"
    if line_dct is None and obj.get("dct") not in (None, ""):
        try:
            line_dct, kind = validate_dct(str(obj["dct"])), "jsonl"
        except ValueError as exc:
            return DocumentError(where, str(exc))
    given = obj.get("id")
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    record = {"text": body, "dct": line_dct, "dct_kind": kind, "lang": lang or obj.get("lang") or None,
              "title": title, "encoding": used, "url": obj.get("url")}
    return Unit(where, ".jsonl", record=record, given_id=None if given in (None, "") else str(given))


def _record_document(unit: Unit) -> Document:
    """The document of a JSON Lines record (``_jsonl_record``); raises ``ValueError``."""
    r = cast(dict, unit.record)
    title = r["title"]
    if title is not None:
        title = _SURROGATE.sub("\ufffd", title)
    return _make_document(r["text"], doc_id=UNREAD_ID, dct=r["dct"], dct_kind=r["dct_kind"], lang=r["lang"],
                          path=unit.where, title=title, encoding=r["encoding"], url=r["url"])
