"""Bytes to text: strict decoding of a document's bytes (``decode``), encoding names
(``validate_encoding``), UTF-16 without a byte order mark sniffed, lone surrogates replaced.

UTF-8 (with or without BOM), UTF-16/32 with a BOM, or, failing UTF-8, the encoding
charset-normalizer detects (GB18030 for the GB2312/GBK family, Big5); an ``encoding`` argument
forces one. A text never contains U+FFFD introduced by decoding.
"""
from __future__ import annotations

import codecs
import re
from typing import cast

_ENCODING_HINT = "try --encoding gb18030 (or big5, utf-8)"
# Encodings whose detection should be widened to their superset before strict decoding.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "gb18030",
              "big5": "big5hkscs", "cp950": "big5hkscs"}
# Detected encodings that are multi-byte (kept as detected); a single-byte guess for data whose
# bytes are mostly >= 0x80 is replaced by a strict double-byte decoding, or refused.
_MULTIBYTE_PREFIXES = ("gb", "big5", "cp936", "cp950", "hz", "euc", "shift_jis", "cp932", "cp949",
                       "iso2022", "johab", "utf")
_DOUBLE_BYTE = ("gb18030", "big5hkscs")
_MULTIBYTE_HIGH_SHARE = 0.3
_SINGLE_BYTE = "cp1252"
_HIGH_BYTES = bytes(range(0x80, 0x100))
# C0 and C1 control characters (Unicode category Cc) other than tab, line feed, vertical tab,
# form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class DecodingError(ValueError):
    """Bytes that cannot be turned into a text document; the message is a one-line reason."""


def validate_encoding(value: str | None) -> str | None:
    """Normalise an encoding name through Python's codec registry (``GBK`` → ``gbk``).
    Raises ``ValueError`` for an unknown name."""
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise ValueError(f"unknown encoding {value!r}: e.g. utf-8, gb18030, big5") from None


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:  # noqa: C901 - one cascade in the docstring's order
    """Decode the bytes of a document strictly; returns ``(text, encoding name)``.

    Order: a forced ``encoding``; a BOM (UTF-8, UTF-32, UTF-16; the BOM is not part of the
    text); UTF-8; else the encoding charset-normalizer detects, widened to its superset
    (GB2312/GBK → GB18030, Big5 → Big5-HKSCS); a single-byte guess becomes Windows-1252, and
    data whose bytes are mostly non-ASCII must decode strictly as GB18030 or Big5-HKSCS (other
    single-byte encodings need ``encoding``). Raises ``DecodingError`` with a one-line reason
    for empty data, binary data (NUL bytes or control characters), undecodable bytes (the
    reason suggests ``--encoding gb18030``) and text made only of whitespace.
    """
    if not data:
        raise DecodingError("empty file")
    if encoding:
        forced = cast(str, validate_encoding(encoding))
        if forced in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            data, forced = data[len(codecs.BOM_UTF8):], "utf-8-sig"
        try:
            text = data.decode(forced)
        except UnicodeDecodeError as exc:
            raise DecodingError(f"cannot decode as {forced} ({exc.reason} at byte {exc.start}); "
                                f"{_ENCODING_HINT}") from None
        return _check_text(text, forced), forced
    for bom, bom_name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(bom_name)
            except UnicodeDecodeError as exc:
                raise DecodingError(f"starts with a {bom_name} byte order mark but cannot be decoded "
                                    f"({exc.reason} at byte {exc.start}); {_ENCODING_HINT}") from None
            if text.startswith("\ufeff"):
                text = text[1:]
            return _check_text(text, bom_name), bom_name
    if b"\x00" in data:
        order = _utf16_without_bom(data)
        if order:
            raise DecodingError(f"contains NUL bytes, as UTF-16 text without a byte order mark "
                                f"does; try --encoding {order}")
        raise DecodingError("binary file (contains NUL bytes), not a text document")
    try:
        return _check_text(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name: str | None = codecs.lookup(best.encoding).name if best is not None and best.encoding else None
    high = 1 - len(data.translate(None, _HIGH_BYTES)) / len(data)
    if name is None or (not name.startswith(_MULTIBYTE_PREFIXES) and high > _MULTIBYTE_HIGH_SHARE):
        # Mostly non-ASCII bytes read as a single-byte code page are usually a damaged or
        # truncated double-byte text: only accept a strict double-byte decoding.
        fits = [enc for enc in _DOUBLE_BYTE if _decodes(data, enc)]
        if not fits:
            raise DecodingError(f"cannot decode the bytes (not UTF-8, GB18030 or Big5); {_ENCODING_HINT}")
        if len(fits) > 1:
            pick = from_bytes(data, cp_isolation=list(_DOUBLE_BYTE)).best()
            name = codecs.lookup(pick.encoding).name if pick is not None and pick.encoding else fits[0]
        else:
            name = fits[0]
    elif not name.startswith(_MULTIBYTE_PREFIXES) and _decodes(data, _SINGLE_BYTE):
        # Short Latin texts are often guessed as an exotic code page; Windows-1252 (the
        # WHATWG reading of "latin1") is by far the likeliest single-byte encoding here.
        name = _SINGLE_BYTE
    for candidate in (_SUPERSETS.get(name.replace("_", ""), name), name):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        return _check_text(text, candidate), candidate
    raise DecodingError(f"cannot decode the bytes (best guess {name} fails); {_ENCODING_HINT}")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _check_text(text: str, encoding: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(2, len(text) // 100):
        raise DecodingError(f"binary data ({controls} control characters once decoded as {encoding}); "
                            f"if it is text, {_ENCODING_HINT}")
    if not text.strip():
        raise DecodingError("no text (only whitespace)")
    return text


_PLAUSIBLE_CHAR = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads as text in that byte order (at least
    95 % of its first 2048 characters ASCII, CJK or their punctuation: random bytes give
    about a third), else ``None``."""
    head = data[:4096]
    head = head[:len(head) // 2 * 2]
    for order in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(order)
        except UnicodeDecodeError:
            continue
        if text and len(_PLAUSIBLE_CHAR.findall(text)) >= 0.95 * len(text):
            return order
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str, warnings: list[str]) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length: offsets hold); a
    warning naming how many and where the first was is appended to ``warnings``."""
    first = _SURROGATE.search(text)
    if first is None:
        return text
    n = len(_SURROGATE.findall(text))
    warnings.append(f"{n} lone surrogate{'s' if n > 1 else ''} (half of a UTF-16 pair, e.g. an emoji "
                    f"cut in two) replaced by U+FFFD, the first at character {first.start()}")
    return _SURROGATE.sub("\ufffd", text)
