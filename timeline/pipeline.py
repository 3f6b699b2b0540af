"""Run the stages on documents: ``documents`` → ``temporal`` → ``entities`` → ``events``.

``extract`` and ``extract_files`` are the public API (re-exported by ``timeline``); ``merge``
joins per-document results into one ``Extraction`` with unique ids. The options of a run are one
``timeline.settings.Settings``, validated when made; ``find_sources`` lists the inputs (the command
line counts them for its progress bar) and ``InputError`` is what a bad input list raises.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from . import budget, temporal
from . import documents as documents_mod
from . import entities as entities_mod
from . import events as events_mod
from .corpus import merge_extractions
from .documents import InputError
from .model import Document, DocumentError, Entity, Extraction, Timex
from .settings import Settings
from .text import TextView

__all__ = ["extract", "extract_files", "iter_extractions", "extract_document", "find_sources", "merge",
           "InputError", "Settings"]

log = logging.getLogger(__name__)


def extract_document(doc: Document, *, gazetteer=None) -> Extraction:
    """Tag, recognise and assemble one document.

    The pipeline makes the document's ``text.TextView`` once and hands it to every stage: they
    match on its *matching text*, of the same length as ``doc.text`` (simplified-Chinese for a
    traditional-Chinese document); every ``text`` field of the result is then read from
    ``doc.text`` so that ``doc.text[start:end] == text`` holds for every span.
    Returns an ``Extraction`` with local ids (``t1``, ``o1``, ``e1``).
    """
    view = TextView(doc.text, documents_mod.matching_text(doc))
    timexes = temporal.tag(view.match, dct=doc.dct, lang=doc.language, doc_id=doc.id)
    budget.check()   # the time budget, where a stage cannot be interrupted (see timeline.budget)
    ents = entities_mod.recognise(view.match, lang=doc.language, doc_id=doc.id, timexes=timexes,
                                  gazetteer=gazetteer)
    budget.check()
    evs = events_mod.assemble(doc, timexes, ents, view=view)
    budget.check()
    if view.match is not view.written:
        _restore_original_text(view, timexes, ents)
    return Extraction(documents=[doc], timexes=timexes, entities=ents, events=evs)


def _restore_original_text(view: TextView, timexes: list[Timex], ents: list[Entity]) -> None:
    """Re-read the text of time expressions and entities from ``view.written`` after the stages
    ran on ``view.match`` (same length, so spans carry over unchanged); an entity name or alias
    that no mention spells is mapped back through its first position in the matching text, and
    one the text never spells (a name built by alias resolution, ``區法院`` → ``梁平区法院``) is
    converted to the traditional script with OpenCC."""
    original, match = view.written, view.match
    for t in timexes:
        t.text = original[t.start:t.end]
    for e in ents:
        seen: dict[str, str] = {}
        for m in e.mentions:
            as_written = original[m.start:m.end]
            seen[m.text] = as_written
            m.text = as_written

        def back(s: str, seen: dict[str, str] = seen) -> str:
            i = match.find(s)
            return seen.get(s) or (original[i:i + len(s)] if i >= 0 else documents_mod.convert_script(s, "s2t"))

        e.name = back(e.name)
        e.aliases = [back(a) for a in e.aliases]


def extract(text: str, *, dct: str | None = None, lang: str | None = None,
            doc_id: str | None = None, gazetteer=None) -> Extraction:
    """Extract time expressions, entities and events from one text.

    ``dct``: document creation time ``YYYY-MM-DD``; when ``None`` it is looked for in the text
    itself (``出版日期: 2017-08-28``). ``lang``: ``zh``, ``en`` or ``None``/``auto`` to detect.
    Raises ``ValueError`` for a malformed ``dct``.
    """
    doc = documents_mod.document_from_text(text, doc_id=doc_id or "d1", dct=dct, lang=lang)
    return extract_document(doc, gazetteer=gazetteer)


def find_sources(inputs: str | Sequence[str], settings: Settings | None = None, *,
                 skipped: list[documents_mod.Skipped] | None = None) -> list[str]:
    """The files to read for ``inputs`` (files, folders walked once, ``-``), in input order; the
    folder entries not read are appended to ``skipped`` (see ``documents.find_sources``).
    Raises ``InputError`` for a missing path or a folder with no documents."""
    return documents_mod.find_sources(inputs, glob=(settings or Settings()).glob, skipped=skipped)


def _settings(settings: Settings | None, **options) -> Settings:
    """``settings`` itself, or one made (and so validated) from the keyword options."""
    return settings if settings is not None else Settings(**options)


def iter_extractions(paths: Sequence[str], *, dct: str | None = None, lang: str | None = None,
                     encoding: str | None = None, glob: str | None = None,
                     gazetteer=None, settings: Settings | None = None,
                     max_size: int | str | None = documents_mod.DEFAULT_MAX_SIZE,
                     timeout: float | None = budget.DEFAULT_SECONDS) -> Iterator[Extraction | DocumentError]:
    """Yield, for each document of ``paths`` in input order, its ``Extraction`` (local ids) or the
    ``DocumentError`` saying why it could not be read or processed.

    ``settings`` (or, without it, the keyword options, see ``Settings``) apply to every document:
    ``max_size`` bytes a document may have, ``timeout`` seconds reading a document, and then
    extracting from it, may take each (see ``timeline.budget``); a document past either is a
    ``DocumentError`` and the batch goes on. A folder entry that is no regular file is logged
    as a warning, a subfolder that cannot be listed is a ``DocumentError``.
    Raises ``InputError`` (a missing path, a folder with no documents) or ``SettingsError`` (a
    ``ValueError``: a malformed option) before anything is read.
    """
    s = _settings(settings, dct=dct, lang=lang, encoding=encoding, glob=glob, gazetteer=gazetteer,
                  max_size=max_size, timeout=timeout)
    skipped: list[documents_mod.Skipped] = []
    sources = find_sources(paths, s, skipped=skipped)
    for entry in skipped:
        if not entry.error:
            log.warning("%s", entry)
    first = [DocumentError(entry.path, entry.reason) for entry in skipped if entry.error]
    timeout = s.timeout
    max_size = s.max_size if isinstance(s.max_size, int) else None   # Settings made it an int or None
    for item in documents_mod.read_sources(sources, encoding=s.encoding, dct=s.dct, lang=s.lang,
                                           max_size=max_size, timeout=timeout, first=first):
        if isinstance(item, DocumentError):
            yield item
            continue
        where = item.path or item.id
        if timeout:
            _warm_up(item, s.names, timeout)
        result: Extraction | DocumentError
        try:
            with budget.limit(timeout):
                result = extract_document(item, gazetteer=s.names)
        except budget.DocumentTimeout as exc:
            result = DocumentError(where, f"processing took longer than the time budget of {exc.seconds:g} s "
                                          "(--timeout)")
        except Exception as exc:  # a failing document must not stop the batch
            log.debug("processing %s failed", where, exc_info=True)
            result = DocumentError(where, f"processing failed: {type(exc).__name__}: {exc}")
        yield result


_WARM: set[tuple[str, str | None]] = set()
_WARM_UP_SECONDS = 30.0


def _warm_up(doc: Document, gazetteer, timeout: float) -> None:
    """Load the rule tables of ``doc``'s language and script once per process, outside any time
    budget, by extracting from the first line of the document itself: tables are loaded on
    first use, and a budget that ran out while loading them would be paid again by every
    document (nothing half-loaded is ever kept). The warm-up has a budget of its own
    (``timeout``, at least ``_WARM_UP_SECONDS``)."""
    key = (doc.language, doc.script)
    if key in _WARM:
        return
    _WARM.add(key)
    try:
        with budget.limit(max(timeout, _WARM_UP_SECONDS)):
            extract_document(replace(doc, text=doc.text[:200], warnings=[]), gazetteer=gazetteer)
    except (Exception, budget.DocumentTimeout):  # noqa: BLE001 - the document is reported under its own budget
        log.debug("warming up on %s failed", doc.path or doc.id, exc_info=True)


def extract_files(paths: Sequence[str], *, dct: str | None = None, lang: str | None = None,
                  encoding: str | None = None, glob: str | None = None, gazetteer=None,
                  on_document: Callable[[Extraction | DocumentError], None] | None = None,
                  settings: Settings | None = None,
                  max_size: int | str | None = documents_mod.DEFAULT_MAX_SIZE,
                  timeout: float | None = budget.DEFAULT_SECONDS) -> Extraction:
    """Extract from files, folders (recursive), ``-`` (stdin) and ``.jsonl`` inputs into one result.

    A document that cannot be read or processed is recorded in ``Extraction.errors`` (path and
    one-line reason) and the others are still processed. ``on_document`` is called after each
    document (for progress reporting). ``settings`` or the keyword options as in
    ``iter_extractions`` (``max_size`` and ``timeout`` bound each document); raises ``InputError``
    for a missing path or a folder with no documents, and ``SettingsError`` (a ``ValueError``)
    for a malformed option, before reading anything.
    """
    parts: list[Extraction] = []
    errors: list[DocumentError] = []
    for item in iter_extractions(paths, settings=_settings(settings, dct=dct, lang=lang, encoding=encoding,
                                                           glob=glob, gazetteer=gazetteer, max_size=max_size,
                                                           timeout=timeout)):
        if isinstance(item, DocumentError):
            errors.append(item)
        else:
            parts.append(item)
        if on_document is not None:
            on_document(item)
    result = merge(parts)
    result.errors.extend(errors)
    return result


def merge(parts: Iterable[Extraction]) -> Extraction:
    """Join per-document extractions (in input order) into one with unique ids.

    With one document the local ids stay (``t1``, ``e1``, ``o1``). With several, time expression
    and event ids become ``<doc>/t1``, ``<doc>/e1``; entities are resolved across documents and
    numbered ``o1``, ``p1``, ``l1`` …, and an event several documents report becomes one event
    with its ``sources`` (see ``timeline.corpus.resolve``). The parts are consumed: their
    objects become the result's.
    """
    return merge_extractions(parts)
