"""A document before it is decoded (``Unit``: a file's bytes or a parsed JSON Lines record), the
id it has until the reader gives it its own (``UNREAD_ID``) and the ids of a run (``DocumentIds``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import budget
from .sources import _MD_SUFFIXES, _is_html

_CONTROL_ID = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff]")


class _Ids:
    """Document ids: ``d1``, ``d2`` … and given ids made unique (control characters and lone
    surrogates removed first: ids become XML ids and file names in the graph files)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.n = 0

    def auto(self) -> str:
        while True:
            self.n += 1
            if f"d{self.n}" not in self.used:
                self.used.add(f"d{self.n}")
                return f"d{self.n}"

    def given(self, doc_id: str) -> str:
        doc_id = _CONTROL_ID.sub("", doc_id).strip()
        if not doc_id:
            return self.auto()
        candidate, k = doc_id, 1
        while candidate in self.used:
            k += 1
            candidate = f"{doc_id}-{k}"
        self.used.add(candidate)
        return candidate


def _timeout_reason(exc: budget.DocumentTimeout, doing: str) -> str:
    return f"{doing} took longer than the time budget of {exc.seconds:g} s (--timeout)"


@dataclass
class Unit:
    """One document before it is decoded: the bytes of a file (or of standard input), or one
    record of a JSON Lines file already parsed. ``where`` is how messages and
    ``Document.path`` name it (``file:line`` for a record); ``given_id`` the id a record gives.
    ``read_unit`` makes the ``Document``; units are plain data, so another process can."""

    where: str
    suffix: str = ""
    data: bytes | None = None
    record: dict[str, Any] | None = None
    given_id: str | None = None

    def content(self) -> bytes:
        """The bytes that decide what this unit reads as (a store key): a file's suffix class and
        bytes, or a record's fields; not ``where`` or ``given_id``."""
        if self.data is not None:
            kind = "html" if _is_html(self.data, self.suffix) else "md" if self.suffix in _MD_SUFFIXES else "text"
            return kind.encode("ascii") + b"\0" + self.data
        import json

        fields = json.dumps(self.record, ensure_ascii=False, sort_keys=True)
        return b"record\0" + fields.encode("utf-8", "surrogatepass")


UNREAD_ID = "\x00unit\x00"
"""The id ``read_unit`` gives a document; the reader gives it its real one (``DocumentIds``)."""


class DocumentIds:
    """Document ids of one run, given in input order to the documents read: ``d1``, ``d2`` … and
    the ids records give, made unique (see ``load_documents``)."""

    def __init__(self) -> None:
        self._ids = _Ids()

    def next(self, unit: Unit) -> str:
        return self._ids.given(unit.given_id) if unit.given_id is not None else self._ids.auto()
