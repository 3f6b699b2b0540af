"""A document's extraction as the store keeps it: ``encode(extraction)`` → bytes, ``decode(payload,
doc_id)`` → the same ``Extraction`` again, for a document the reader has named ``doc_id``.

A payload is ``MAGIC`` followed by the zlib stream (level 1) of a ``marshal`` of plain values:
one tuple a record, its dataclass fields in order (``model.Document``, ``Timex``, ``Entity`` with
its mentions as columns, ``Event`` with its participants), the free-form fields (``dct_source``, ``date``,
``amounts``, ``attributes`` …) as JSON would give them back (tuples as lists, keys as strings).
Read back, an extraction equals what the JSON the store held before gave (``FORMAT`` 1): the
outputs do not change. marshal builds the values in C and the records are made positionally,
which is what makes reading thousands of stored documents fast.

The document is named ``UNREAD_ID`` when it is encoded (its id is given when it is read, in
input order); ``decode`` puts ``doc_id`` in every field that names the document. A payload of
another layout (an older store) is not ``readable``: its document is extracted again.
"""
from __future__ import annotations

import marshal
import zlib
from dataclasses import fields
from itertools import repeat
from typing import Any

from ..documents import UNREAD_ID
from ..model import Document, DocumentError, Entity, Event, Extraction, Mention, Participant, Timex

__all__ = ["encode", "decode", "readable", "FORMAT", "MAGIC"]

FORMAT = 3
"""Layout of a payload; part of the store's key (``store.fingerprint``), so a new layout misses
every row of an older one. 1 was zlib-compressed JSON; 2 held each mention as a tuple."""
MAGIC = b"TLX" + bytes([FORMAT])
"""First bytes of a payload of this layout."""
_MARSHAL_VERSION = 4

_DOC_FIELDS = tuple(f.name for f in fields(Document) if f.name != "warnings")
_TIMEX_FIELDS = tuple(f.name for f in fields(Timex))
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_EVENT_PARTICIPANTS = _EVENT_FIELDS.index("participants")
_EVENT_SPAN = _EVENT_FIELDS.index("trigger_span")
_SCALARS = (str, int, float, bool, type(None))


class _Seen:
    """Counts the free-form strings equal to ``UNREAD_ID`` (besides an event mention's ``doc``)."""

    __slots__ = ("unread",)

    def __init__(self) -> None:
        self.unread = 0


def _key(k: Any) -> str:
    """A dict key as JSON writes it (``1`` → ``"1"``, ``True`` → ``"true"``)."""
    if isinstance(k, str):
        return k
    import json

    return next(iter(json.loads(json.dumps({k: None}))))


def _plain(value: Any, seen: _Seen) -> Any:
    """``value`` as a JSON round trip gives it back: new dicts (string keys) and lists."""
    if isinstance(value, str):
        if value == UNREAD_ID:
            seen.unread += 1
        return value
    if isinstance(value, dict):
        return {_plain(_key(k), seen): _plain(v, seen) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, seen) for v in value]
    if isinstance(value, _SCALARS):
        return value
    raise TypeError(f"cannot store a value of type {type(value).__name__}")


def _event_row(ev: Event, seen: _Seen) -> tuple:
    row = [getattr(ev, name) for name in _EVENT_FIELDS]
    for i, value in enumerate(row):
        if i != _EVENT_PARTICIPANTS and i != _EVENT_SPAN and not isinstance(value, _SCALARS):
            row[i] = _plain(value, seen)
    row[_EVENT_PARTICIPANTS] = tuple((p.entity, p.role) for p in ev.participants)
    row[_EVENT_SPAN] = tuple(ev.trigger_span) if ev.trigger_span else None
    seen.unread -= sum(1 for m in ev.mentions if isinstance(m, dict) and m.get("doc") == UNREAD_ID)
    return tuple(row)


def encode(result: Extraction) -> bytes:
    """The payload of a one-document ``result`` (its document named ``UNREAD_ID``), warnings
    included. Raises ``TypeError`` for a value JSON could not hold either."""
    (doc,) = result.documents
    seen = _Seen()
    data = (
        tuple(_plain(getattr(doc, name), seen) if name == "dct_source" else getattr(doc, name)
              for name in _DOC_FIELDS),
        list(doc.warnings),
        tuple(tuple(getattr(t, name) for name in _TIMEX_FIELDS) for t in result.timexes),
        tuple((e.id, e.type, e.name, list(e.aliases), *_mention_columns(e.mentions), _plain(e.attributes, seen))
              for e in result.entities),
        tuple(_event_row(ev, seen) for ev in result.events),
        tuple((err.path, err.reason) for err in result.errors),
        seen.unread > 0,
    )
    return MAGIC + zlib.compress(marshal.dumps(data, _MARSHAL_VERSION), 1)


def _mention_columns(mentions: list[Mention]) -> tuple:
    """An entity's mentions as columns ``(docs, starts, ends, texts)``; ``docs`` is ``None`` when
    every mention is in the document being encoded (``UNREAD_ID``)."""
    docs = tuple(m.doc for m in mentions)
    return (None if all(d == UNREAD_ID for d in docs) else docs, tuple(m.start for m in mentions),
            tuple(m.end for m in mentions), tuple(m.text for m in mentions))


def readable(payload: bytes) -> bool:
    """Whether ``payload`` has this module's layout (else its document is extracted again)."""
    return payload[:len(MAGIC)] == MAGIC


def decode(payload: bytes, doc_id: str) -> Extraction:
    """The extraction of ``payload`` (``encode``), its document named ``doc_id``; the document's
    ``warnings`` restored. Raises ``ValueError`` for a payload that is not ``readable`` or is
    damaged."""
    if not readable(payload):
        raise ValueError("not a payload of this store layout")
    try:
        doc_row, warnings, timexes, entities, events, errors, unread = marshal.loads(
            zlib.decompress(memoryview(payload)[len(MAGIC):]))
    except (zlib.error, EOFError, TypeError) as exc:
        raise ValueError(f"damaged payload ({exc})") from None
    u = UNREAD_ID
    doc = Document(**dict(zip(_DOC_FIELDS, doc_row, strict=True)), warnings=warnings)
    if doc.id == u:
        doc.id = doc_id
    out_timexes = [Timex(*t) for t in timexes]
    for t in out_timexes:
        if t.doc == u:
            t.doc = doc_id
    out_entities = [Entity(i, ty, name, aliases, list(map(Mention, repeat(doc_id) if docs is None
                                                          else [doc_id if d == u else d for d in docs],
                                                          starts, ends, texts)), attributes)
                    for i, ty, name, aliases, docs, starts, ends, texts, attributes in entities]
    out_events = [_event(row, doc_id) for row in events]
    if unread:
        _rename(doc, out_entities, out_events, doc_id)
    return Extraction(documents=[doc], timexes=out_timexes, entities=out_entities, events=out_events,
                      errors=[DocumentError(p, r) for p, r in errors])


def _event(row: tuple, doc_id: str) -> Event:
    ev = Event(*row)
    pairs: Any = ev.participants        # (entity, role) pairs as stored
    ev.participants = [Participant(e, r) for e, r in pairs]
    if ev.doc == UNREAD_ID:
        ev.doc = doc_id
    for m in ev.mentions:
        if m.get("doc") == UNREAD_ID:
            m["doc"] = doc_id
    return ev


def _renamed(value: Any, doc_id: str) -> Any:
    if isinstance(value, str):
        return doc_id if value == UNREAD_ID else value
    if isinstance(value, dict):
        return {_renamed(k, doc_id): _renamed(v, doc_id) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, doc_id) for v in value]
    return value


def _rename(doc: Document, entities: list[Entity], events: list[Event], doc_id: str) -> None:
    """``doc_id`` for ``UNREAD_ID`` in the free-form fields (rare: a value naming the document)."""
    doc.dct_source = _renamed(doc.dct_source, doc_id)
    for e in entities:
        e.attributes = _renamed(e.attributes, doc_id)
    for ev in events:
        for name in _EVENT_FIELDS:
            value = getattr(ev, name)
            if isinstance(value, (dict, list)) and name != "participants":
                setattr(ev, name, _renamed(value, doc_id))
