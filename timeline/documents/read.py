"""Reading inputs into documents: ``load_documents`` (options checked, sources listed, then read),
``iter_units`` (the units of the sources, bounded), ``read_unit`` (the ``Document`` of a unit) and
``read_sources`` (the two in one process); plain text and Markdown here, HTML and JSON Lines in
their own modules.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import cast

from .. import budget, resources
from ..model import Document, DocumentError
from .dates import validate_dct
from .dct import _front_matter_evidence
from .decode import DecodingError, decode, validate_encoding
from .document import _make_document
from .html_page import _html_document, _trafilatura_config
from .jsonl import _load_jsonl, _record_document
from .language import detect_language
from .page import FRONT_MATTER_URL_KEYS, _front_value, split_front_matter
from .sources import (
    _JSONL_SUFFIXES,
    _MD_SUFFIXES,
    DEFAULT_MAX_SIZE,
    STDIN,
    Skipped,
    _is_html,
    _read_bytes,
    _TooLarge,
    display_path,
    find_sources,
    size_text,
)
from .tables import _rules, validate_lang
from .units import UNREAD_ID, DocumentIds, Unit, _timeout_reason

log = logging.getLogger("timeline.documents")   # the stage's one logger, as before it became a package


def load_documents(inputs: str | Sequence[str], *, encoding: str | None = None, glob: str | None = None,
                   dct: str | None = None, lang: str | None = None, max_size: int | None = DEFAULT_MAX_SIZE,
                   timeout: float | None = None) -> Iterator[Document | DocumentError]:
    """Read every input into documents, in input order.

    ``inputs``: files, folders (recursive, see ``find_sources``), ``-`` for standard input
    (bytes, decoded like a file; its path is ``<stdin>``). Yields a ``Document`` per document
    (a ``.jsonl`` file yields one per line, with the path ``file:line``) or a ``DocumentError``
    (path, one-line reason) for one that cannot be read: empty, binary, undecodable, no text,
    larger than ``max_size`` bytes (a JSON Lines record counts alone), slower to read than
    ``timeout`` seconds (standard input excepted: it may come from a slow pipe), a bad JSON
    line (path ``file:line``), a folder that cannot be listed. Document ids are ``d1``, ``d2`` …
    in input order; ids given in a ``.jsonl`` are kept (less control characters and lone
    surrogates), made unique with a ``-2``, ``-3`` … suffix. ``dct``/``lang``/``encoding`` apply
    to every document (see ``document_from_text`` and ``decode``).

    Raises, before anything is read: ``ValueError`` for a malformed ``dct``, an unknown ``lang``
    or ``encoding``; ``InputError`` for a missing path or a folder with no documents.
    """
    if dct is not None:
        dct = validate_dct(dct)
    lang = validate_lang(lang)
    encoding = validate_encoding(encoding)
    skipped: list[Skipped] = []
    sources = find_sources(inputs, glob=glob, skipped=skipped)
    for s in skipped:
        if not s.error:
            log.warning("%s", s)
    errors = [DocumentError(s.path, s.reason) for s in skipped if s.error]
    return read_sources(sources, encoding=encoding, dct=dct, lang=lang, max_size=max_size, timeout=timeout,
                        first=errors)


def iter_units(sources: list[str], *, encoding: str | None, dct: str | None, lang: str | None,
               max_size: int | None = DEFAULT_MAX_SIZE, timeout: float | None = None,
               first: Sequence[DocumentError] = ()) -> Iterator[Unit | DocumentError]:
    """The units of the files ``find_sources`` listed, in input order: yields ``first`` (errors
    found while listing), then a ``Unit`` or a ``DocumentError`` per document. A file is read
    as bytes (bounded by ``max_size`` bytes and ``timeout`` seconds, standard input by size
    only); a JSON Lines file a line at a time, each line parsed and checked (bounded alone)."""
    yield from first
    for src in sources:
        shown = "<stdin>" if src == STDIN else display_path(src)
        suffix = PurePath(src).suffix.lower() if src != STDIN else ""
        if suffix in _JSONL_SUFFIXES:
            yield from _load_jsonl(src, shown, encoding=encoding, dct=dct, lang=lang,
                                   max_size=max_size, timeout=timeout)
            continue
        try:
            with budget.limit(None if src == STDIN else timeout):
                data = _read_bytes(src, max_size)
        except budget.DocumentTimeout as exc:
            yield DocumentError(shown, _timeout_reason(exc, "reading it"))
            continue
        except _TooLarge:
            yield DocumentError(shown, f"larger than the maximum input size of {size_text(max_size or 0)} "
                                       "(--max-size)")
            continue
        except OSError as exc:
            yield DocumentError(shown, f"cannot read: {exc.strerror or exc}")
            continue
        yield Unit(shown, suffix, data=data)


def read_unit(unit: Unit, *, encoding: str | None, dct: str | None, lang: str | None,
              timeout: float | None = None) -> Document | DocumentError:
    """The ``Document`` of ``unit`` (id ``UNREAD_ID``), or the ``DocumentError`` saying why it
    cannot be read (undecodable, no text, slower than ``timeout`` seconds …). Raises
    ``ResourceError`` for a broken rule table (the program's fault, not the document's)."""
    try:
        if unit.record is not None:
            with budget.limit(timeout):
                return _record_document(unit)
        data = cast(bytes, unit.data)
        if timeout and _is_html(data, unit.suffix):
            _trafilatura_config()   # imported outside the budget: an interrupted import is paid again
        with budget.limit(timeout):
            return _document_of_bytes(data, unit.where, unit.suffix, encoding=encoding, dct=dct, lang=lang)
    except budget.DocumentTimeout as exc:
        return DocumentError(unit.where, _timeout_reason(exc, "reading this record" if unit.record is not None
                                                          else "reading it"))
    except resources.ResourceError:
        raise  # a broken rule table is the program's fault, not the document's
    except (DecodingError, ValueError) as exc:
        return DocumentError(unit.where, str(exc))


def read_sources(sources: list[str], *, encoding: str | None, dct: str | None, lang: str | None,
                 max_size: int | None = DEFAULT_MAX_SIZE, timeout: float | None = None,
                 first: Sequence[DocumentError] = ()) -> Iterator[Document | DocumentError]:
    """``load_documents`` for the files ``find_sources`` listed and options already validated
    (``timeline.settings.Settings``): yields ``first`` (errors found while listing), then a
    ``Document`` or a ``DocumentError`` per document, each bounded by ``max_size`` bytes and
    ``timeout`` seconds (see ``load_documents``)."""
    ids = DocumentIds()
    for unit in iter_units(sources, encoding=encoding, dct=dct, lang=lang, max_size=max_size,
                           timeout=timeout, first=first):
        if isinstance(unit, DocumentError):
            yield unit
            continue
        doc = read_unit(unit, encoding=encoding, dct=dct, lang=lang, timeout=timeout)
        if isinstance(doc, Document):
            doc.id = ids.next(unit)
        yield doc


def _document_of_bytes(data: bytes, shown: str, suffix: str, *,
                       encoding: str | None, dct: str | None, lang: str | None) -> Document:
    if _is_html(data, suffix):
        return _html_document(data, shown, encoding=encoding, dct=dct, lang=lang)
    text, used = decode(data, encoding=encoding)
    if suffix in _MD_SUFFIXES:
        return _markdown_document(text, shown, encoding=used, dct=dct, lang=lang)
    return _make_document(text, doc_id=UNREAD_ID, dct=dct, dct_kind="option", lang=lang,
                          path=shown, title=None, encoding=used)


def _markdown_document(text: str, path: str, *, encoding: str, dct: str | None,
                       lang: str | None) -> Document:
    meta, body_at = split_front_matter(text)
    body = text[body_at:]
    if not body.strip():
        raise DecodingError("no text after the front matter")
    language = lang or detect_language(body)
    rules = _rules(language)
    title, evidence = None, []
    if meta:
        ev = _front_matter_evidence(text, meta, body_at, rules, in_text=False)
        if ev is not None:
            evidence.append(ev)
        found = _front_value(meta, rules.front_title)
        title = str(found).strip() if found is not None else None
    return _make_document(body, doc_id=UNREAD_ID, dct=dct, dct_kind="option", lang=language,
                          path=path, title=title, encoding=encoding, evidence=evidence,
                          url=_front_value(meta, FRONT_MATTER_URL_KEYS) if meta else None)
