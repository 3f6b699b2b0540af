"""Run the stages on documents: ``documents`` → ``temporal`` → ``entities`` → ``events``.

``extract`` and ``extract_files`` are the public API (re-exported by ``timeline``); ``merge``
joins per-document results into one ``Extraction`` with unique ids, resolving organisations and
events across documents (``timeline.corpus.resolve``). Many documents stream through
``iter_extractions``: read back from a store of earlier extractions (``timeline.corpus.store``)
or extracted by an engine (``timeline.corpus.engines``: this process, worker processes, Dask),
always in input order. The options of a run are one
``timeline.settings.Settings``, validated when made; ``find_sources`` lists the inputs (the command
line counts them for its progress bar) and ``InputError`` is what a bad input list raises.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from . import budget, resources, temporal
from . import documents as documents_mod
from . import entities as entities_mod
from . import events as events_mod
from .corpus import merge_extractions
from .documents import InputError, Unit
from .entities.ner_eval import CorpusError
from .model import Document, DocumentError, Entity, Event, Extraction, Timex
from .resources import cache
from .settings import DEFAULT_MIN_CONFIDENCE, Settings
from .text import TextView

__all__ = ["extract", "extract_files", "iter_extractions", "extract_document", "find_sources", "keep_confident",
           "merge", "evaluate_ner", "CorpusError", "InputError", "Settings", "RunStats", "STORE_NAME"]

STORE_NAME = "timeline.db"
"""The store's file name in a build's output folder (``timeline.corpus.store``)."""

log = logging.getLogger(__name__)


def extract_document(doc: Document, *, gazetteer=None, min_confidence: float = 0.0) -> Extraction:
    """Tag, recognise and assemble one document; events whose ``confidence`` is below
    ``min_confidence`` are left out (the others renumbered ``e1…`` in order).

    A document without a DCT whose text states its day (``temporal.stated_today``) takes that
    day as its DCT, evidence ``stated_today``. The pipeline makes the document's
    ``text.TextView`` once and hands it to every stage: they match on its *matching text*, of
    the same length as ``doc.text`` (simplified-Chinese for a traditional-Chinese document);
    every ``text`` field of the result is then read from ``doc.text`` so that
    ``doc.text[start:end] == text`` holds for every span.
    Returns an ``Extraction`` with local ids (``t1``, ``o1``, ``e1``).
    """
    view = TextView(doc.text, documents_mod.matching_text(doc))
    timexes = temporal.tag(view.match, dct=doc.dct, lang=doc.language, doc_id=doc.id, script=doc.script)
    today = temporal.stated_today(timexes, view.match, doc.language) if doc.dct is None else None
    if today is not None:
        doc.dct = today.value
        doc.dct_source = documents_mod.DctEvidence("stated_today", today.value, today.value, today.text,
                                                   today.start, today.end).to_dict()
        timexes = temporal.tag(view.match, dct=doc.dct, lang=doc.language, doc_id=doc.id, script=doc.script)
    budget.check()   # the time budget, where a stage cannot be interrupted (see timeline.budget)
    ents = entities_mod.recognise(view.match, lang=doc.language, doc_id=doc.id, timexes=timexes,
                                  gazetteer=gazetteer)
    budget.check()
    evs = keep_confident(events_mod.assemble(doc, timexes, ents, view=view), min_confidence)
    budget.check()
    if view.match is not view.written:
        _restore_original_text(view, timexes, ents)
    cache.flush_all()   # what loading this document's tables derived, kept for the next run
    return Extraction(documents=[doc], timexes=timexes, entities=ents, events=evs)


def keep_confident(events: list[Event], min_confidence: float) -> list[Event]:
    """The events whose ``confidence`` is at least ``min_confidence`` (an event not scored,
    ``None``, is kept), renumbered ``e1…`` in order when some are left out."""
    if min_confidence <= 0:
        return events
    kept = [ev for ev in events if ev.confidence is None or ev.confidence >= min_confidence]
    if len(kept) < len(events):
        for n, ev in enumerate(kept, 1):
            ev.id = f"e{n}"
    return kept


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
            doc_id: str | None = None, gazetteer=None,
            min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Extraction:
    """Extract time expressions, entities and events from one text.

    ``dct``: document creation time ``YYYY-MM-DD``; when ``None`` it is looked for in the text
    itself (``出版日期: 2017-08-28``). ``lang``: ``zh``, ``en`` or ``None``/``auto`` to detect.
    ``min_confidence``: events below it are left out (``0``: keep all; see ``Settings``).
    Raises ``ValueError`` for a malformed ``dct``.
    """
    doc = documents_mod.document_from_text(text, doc_id=doc_id or "d1", dct=dct, lang=lang)
    return extract_document(doc, gazetteer=gazetteer, min_confidence=min_confidence)


def find_sources(inputs: str | Sequence[str], settings: Settings | None = None, *,
                 skipped: list[documents_mod.Skipped] | None = None) -> list[str]:
    """The files to read for ``inputs`` (files, folders walked once, ``-``), in input order; the
    folder entries not read are appended to ``skipped`` (see ``documents.find_sources``).
    Raises ``InputError`` for a missing path or a folder with no documents."""
    return documents_mod.find_sources(inputs, glob=(settings or Settings()).glob, skipped=skipped)


def _settings(settings: Settings | None, **options) -> Settings:
    """``settings`` itself, or one made (and so validated) from the keyword options."""
    return settings if settings is not None else Settings(**options)


@dataclass
class RunStats:
    """What a run did (filled by ``iter_extractions``/``extract_files`` when given one):
    documents ``reused`` from the store, ``extracted``, ``failed``; ``extract_cpu`` CPU seconds
    reading and extracting the extracted ones (summed over the workers), ``extract_wall`` wall
    seconds from the first document to the last, ``merge`` seconds merging them;
    ``worker_rss`` the peak resident memory of the largest worker process in KiB (0 when every
    document was extracted in this process)."""

    reused: int = 0
    extracted: int = 0
    failed: int = 0
    extract_cpu: float = 0.0
    extract_wall: float = 0.0
    merge: float = 0.0
    worker_rss: int = 0


def iter_extractions(paths: Sequence[str], *, dct: str | None = None, lang: str | None = None,
                     encoding: str | None = None, glob: str | None = None,
                     gazetteer=None, settings: Settings | None = None,
                     max_size: int | str | None = documents_mod.DEFAULT_MAX_SIZE,
                     timeout: float | None = budget.DEFAULT_SECONDS,
                     min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                     store: str | os.PathLike | None = None, warn: Callable[[str], None] | None = None,
                     stats: RunStats | None = None) -> Iterator[Extraction | DocumentError]:
    """Yield, for each document of ``paths`` in input order, its ``Extraction`` (local ids) or the
    ``DocumentError`` saying why it could not be read or processed.

    ``settings`` (or, without it, the keyword options, see ``Settings``) apply to every document:
    ``max_size`` bytes a document may have, ``timeout`` seconds reading a document, and then
    extracting from it, may take each (see ``timeline.budget``); a document past either is a
    ``DocumentError`` and the batch goes on. A folder entry that is no regular file is logged
    as a warning, a subfolder that cannot be listed is a ``DocumentError``. ``settings.jobs``,
    ``engine`` and ``scheduler`` say where documents are extracted (``timeline.corpus.engines``:
    worker processes, a Dask cluster); the results are the same, in the same order.

    ``store``: a SQLite file (``timeline.corpus.store``) holding the extractions of an earlier
    run: a document whose content, tool and output settings are unchanged is read back from it
    instead of extracted; new extractions are added, and after a complete run the rows not used
    are deleted. ``warn(message)`` reports a store replaced or abandoned (default: the log).
    ``stats`` is filled as the documents go by.
    Raises ``InputError`` (a missing path, a folder with no documents, an engine that cannot
    start: ``EngineError``) or ``SettingsError`` (a ``ValueError``: a malformed option) before
    anything is read.
    """
    s = _settings(settings, dct=dct, lang=lang, encoding=encoding, glob=glob, gazetteer=gazetteer,
                  max_size=max_size, timeout=timeout, min_confidence=min_confidence)
    skipped: list[documents_mod.Skipped] = []
    sources = find_sources(paths, s, skipped=skipped)
    for entry in skipped:
        if not entry.error:
            log.warning("%s", entry)
    first = [DocumentError(entry.path, entry.reason) for entry in skipped if entry.error]
    max_size = s.max_size if isinstance(s.max_size, int) else None   # Settings made it an int or None
    units = documents_mod.iter_units(sources, encoding=s.encoding, dct=s.dct, lang=s.lang,
                                     max_size=max_size, timeout=s.timeout, first=first)
    stats = stats if stats is not None else RunStats()
    if store is None and s.engine == "local" and s.jobs == 1:
        yield from _in_order(units, s, stats)
    else:
        yield from _streamed(units, s, store, warn or (lambda message: log.warning("%s", message)), stats)


def _in_order(units: Iterable[Unit | DocumentError], s: Settings,
              stats: RunStats) -> Iterator[Extraction | DocumentError]:
    """One document after the other, in this process."""
    ids = documents_mod.DocumentIds()
    t0 = time.perf_counter()
    for unit in units:
        if isinstance(unit, DocumentError):
            stats.failed += 1
            yield unit
            continue
        c0 = time.process_time()
        doc = documents_mod.read_unit(unit, encoding=s.encoding, dct=s.dct, lang=s.lang, timeout=s.timeout)
        result = doc if isinstance(doc, DocumentError) else _extract_read(_named(doc, ids.next(unit)), s)
        stats.extract_cpu += time.process_time() - c0
        if isinstance(result, DocumentError):
            stats.failed += 1
        else:
            stats.extracted += 1
        stats.extract_wall = time.perf_counter() - t0
        yield result


def _named(doc: Document, doc_id: str) -> Document:
    doc.id = doc_id
    return doc


def _streamed(units: Iterable[Unit | DocumentError], s: Settings, store_path: str | os.PathLike | None,
              warn: Callable[[str], None], stats: RunStats) -> Iterator[Extraction | DocumentError]:
    """Documents read back from the store or extracted by an engine, in input order."""
    from .corpus import codec, engines
    from .corpus.store import Store, fingerprint

    store = Store(store_path, warn=warn) if store_path is not None else None
    run = fingerprint(s.output_options()) if store is not None else b""

    def items() -> Iterator[tuple[Unit | DocumentError, bytes, bytes | None]]:
        for unit in units:
            if isinstance(unit, DocumentError) or store is None:
                yield unit, b"", None
                continue
            key = store.key(run, unit.content())
            cached = store.get(key)
            yield unit, key, cached if cached is None or codec.readable(cached) else None

    ids = documents_mod.DocumentIds()
    complete = False
    t0 = time.perf_counter()
    try:
        for (unit, key, cached), done in engines.stream(
                items(), lambda item: isinstance(item[0], Unit) and item[2] is None, _work, s,
                unit=lambda item: item[0], engine=s.engine, jobs=cast(int, s.jobs), scheduler=s.scheduler,
                read_ahead=store is not None):
            result = _result_of(unit, key, cached, done, store, ids, stats, s)
            stats.extract_wall = time.perf_counter() - t0
            yield result
        complete = True
    except engines.EngineError as exc:
        raise InputError(str(exc)) from None
    finally:
        if store is not None:
            store.close(prune=complete)


def _result_of(unit: Unit | DocumentError, key: bytes, cached: bytes | None, done: Any, store: Any,
               ids: documents_mod.DocumentIds, stats: RunStats, s: Settings) -> Extraction | DocumentError:
    """The extraction (or error) of one streamed item: read back, or just extracted (and stored);
    a stored row that cannot be read is extracted again, here."""
    if isinstance(unit, DocumentError):
        stats.failed += 1
        return unit
    if cached is not None:
        try:
            doc_id = ids.next(unit)
            result = _decode(cached, unit, doc_id)
            stats.reused += 1
            return result
        except ValueError as exc:
            log.debug("%s: stored extraction unreadable (%s); extracting again", unit.where, exc)
            ids = _Named(doc_id)
            done = _work([unit], s)[0]
    if isinstance(done, BaseException):
        if isinstance(done, resources.ResourceError):
            raise done      # a broken rule table is the program's fault, not the document's
        payload: bytes | DocumentError = DocumentError(unit.where,
                                                       f"processing failed: {type(done).__name__}: {done}")
    else:
        payload, cpu, rss, pid = done
        stats.extract_cpu += cpu
        if pid != os.getpid():
            stats.worker_rss = max(stats.worker_rss, rss)
    if isinstance(payload, DocumentError):
        stats.failed += 1
        return payload
    stats.extracted += 1
    if store is not None:
        store.put(key, payload)
    return _decode(payload, unit, ids.next(unit))


class _Named(documents_mod.DocumentIds):
    """The id already given to a document whose stored row could not be read."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id

    def next(self, unit: Unit) -> str:
        return self.doc_id


# -- the work of a worker: read a unit, extract, encode

def _work(batch: list[Unit], s: Settings) -> list[tuple[bytes | DocumentError, float, int, int]]:
    """Read and extract each unit of ``batch`` (in a worker process, or here): its encoded
    extraction or its error, the CPU seconds it took, this process's peak memory (KiB) and id."""
    out: list[tuple[bytes | DocumentError, float, int, int]] = []
    for unit in batch:
        c0 = time.process_time()
        doc = documents_mod.read_unit(unit, encoding=s.encoding, dct=s.dct, lang=s.lang, timeout=s.timeout)
        result = doc if isinstance(doc, DocumentError) else _extract_read(doc, s)
        payload = result if isinstance(result, DocumentError) else _encode(result)
        out.append((payload, time.process_time() - c0, _peak_rss(), os.getpid()))
    return out


def _peak_rss() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except (ImportError, OSError):
        return 0


def _encode(result: Extraction) -> bytes:
    """A document's extraction as stored (``timeline.corpus.codec``), its document id ``UNREAD_ID``."""
    from .corpus import codec

    return codec.encode(result)


def _decode(payload: bytes, unit: Unit, doc_id: str) -> Extraction:
    """The extraction of ``payload`` (``_encode``) for ``unit``: its document gets the id
    ``doc_id`` (in every field that names it) and the path ``unit.where``. Raises ``ValueError``
    for a damaged payload."""
    from .corpus import codec

    result = codec.decode(payload, doc_id)
    result.documents[0].path = unit.where
    return result


def _extract_read(item: Document, s: Settings) -> Extraction | DocumentError:
    """``extract_document`` of a document read, within the time budget; a failure is its error."""
    where = item.path or item.id
    if s.timeout:
        _warm_up(item, s.names, s.timeout)
    try:
        with budget.limit(s.timeout):
            return extract_document(item, gazetteer=s.names, min_confidence=s.min_confidence)
    except budget.DocumentTimeout as exc:
        return DocumentError(where, f"processing took longer than the time budget of {exc.seconds:g} s "
                                    "(--timeout)")
    except resources.ResourceError:
        raise
    except Exception as exc:  # a failing document must not stop the batch
        log.debug("processing %s failed", where, exc_info=True)
        return DocumentError(where, f"processing failed: {type(exc).__name__}: {exc}")


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
                  timeout: float | None = budget.DEFAULT_SECONDS,
                  min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                  store: str | os.PathLike | None = None, warn: Callable[[str], None] | None = None,
                  stats: RunStats | None = None) -> Extraction:
    """Extract from files, folders (recursive), ``-`` (stdin) and ``.jsonl`` inputs into one result.

    A document that cannot be read or processed is recorded in ``Extraction.errors`` (path and
    one-line reason) and the others are still processed. ``on_document`` is called after each
    document (for progress reporting). ``settings`` or the keyword options, ``store``, ``warn``
    and ``stats`` as in ``iter_extractions`` (``max_size`` and ``timeout`` bound each document);
    the documents are merged as ``merge`` does. Raises ``InputError`` for a missing path or a
    folder with no documents, and ``SettingsError`` (a ``ValueError``) for a malformed option,
    before reading anything.
    """
    stats = stats if stats is not None else RunStats()
    parts: list[Extraction] = []
    errors: list[DocumentError] = []
    for item in iter_extractions(paths, settings=_settings(settings, dct=dct, lang=lang, encoding=encoding,
                                                           glob=glob, gazetteer=gazetteer, max_size=max_size,
                                                           timeout=timeout, min_confidence=min_confidence),
                                 store=store, warn=warn, stats=stats):
        if isinstance(item, DocumentError):
            errors.append(item)
        else:
            parts.append(item)
        if on_document is not None:
            on_document(item)
    t0 = time.perf_counter()
    result = merge(parts)
    stats.merge = time.perf_counter() - t0
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


def evaluate_ner(path: str, *, lang: str = "zh", settings: Settings | None = None) -> dict:
    """Score the whole recogniser (time expressions blocking names, then model spans, lexicons,
    rules and the gazetteer of ``settings``, as for a document) on an annotated corpus: a BIO
    file in the MSRA format (``char<TAB>tag`` lines, a blank line after each sentence) or CLUENER
    JSON lines (organization, government, company → ORG; name → PER; address → LOC), read by
    ``entities.ner_eval.read_corpus``. Each sentence is one document without a date; the
    predicted spans are the mentions of its entities, nested ones dropped (the outermost kept).
    Returns ``ner_eval.score``'s per-type and overall precision, recall and F1 (exact spans,
    keys ``PER``, ``LOC``, ``ORG``, ``overall``) with ``file``, ``texts`` and ``chars``. Raises
    ``InputError`` for a missing file and ``CorpusError`` naming the file and line for one it
    cannot read."""
    import os

    from .entities import ner_eval, sources

    if not os.path.isfile(path):
        raise InputError(f"{path}: no such file" if not os.path.exists(path) else f"{path}: not a file")
    s = settings if settings is not None else Settings(lang=lang)
    examples = ner_eval.read_corpus(path)
    texts = [ex.text for ex in examples]
    names = sources.model_names_batch(texts, lang)
    predicted = []
    for k, (text, found) in enumerate(zip(texts, names, strict=True)):
        timexes = temporal.tag(text, dct=None, lang=lang, doc_id=f"s{k}")
        ents = entities_mod.recognise(text, lang=lang, doc_id=f"s{k}", timexes=timexes, gazetteer=s.names,
                                      keep_chrome=True, names=found)
        predicted.append(_outermost([(m.start, m.end, e.type) for e in ents for m in e.mentions]))
    result = ner_eval.score([ex.spans for ex in examples], predicted)
    result.update(file=str(path), texts=len(examples), chars=sum(len(t) for t in texts))
    return result


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans not inside or across an earlier longer one (longest first, then leftmost)."""
    out: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for s, e, t in sorted(set(spans), key=lambda x: (x[0] - x[1], x[0])):
        if not taken.intersection(range(s, e)):
            out.append((s, e, t))
            taken.update(range(s, e))
    return sorted(out)
