"""The data model every stage of the pipeline shares.

Shapes follow the result format read by ``shared/eval/score.py`` (see ``Extraction.to_dict``):

* every span is a half-open pair of **code-point offsets** (Python ``str`` indices) into
  ``Document.text`` exactly as decoded, so that ``document.text[start:end] == text`` always holds;
* time expressions are TIMEX3 (Pustejovsky et al., *TimeML Annotation Guidelines* 1.2.1, and
  ISO-TimeML / ISO 24617-1): ``type`` is one of DATE, TIME, DURATION, SET; ``value`` is an ISO 8601
  based TIMEX3 value (``2014``, ``2017-04``, ``2017-07-13T09:00``, ``P3Y``, ``PXY``, ``2017-Q1``,
  ``2017-H1``, ``PRESENT_REF``, ``XXXX-04``); ``mod`` is a TIMEX3 ``mod`` (START, MID, END, APPROX,
  BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE);
* entities are ORG, PER or LOC, with their aliases and every mention.

The stages fill these objects in one direction: ``documents`` → ``temporal`` → ``entities`` →
``events`` → ``graph`` → ``export``/``render``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ._version import __version__

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
"""TIMEX3 ``type`` values (TimeML 1.2.1, section 2.2)."""

TIMEX_MODS = (
    "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
)
"""TIMEX3 ``mod`` values (TimeML 1.2.1, section 2.2)."""

ENTITY_TYPES = ("ORG", "PER", "LOC")

def _plain(value: Any) -> Any:
    """``value`` with its dicts, lists and tuples copied all the way down (what
    ``dataclasses.asdict`` does to a field, without its cost on plain data)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


SCHEMA_VERSION = 1
"""Version of the JSON layout of ``Extraction.to_dict`` (``events.json``): raised when a key changes
meaning or goes away, so that a reader of an older or newer file can say so."""

STORY_EVIDENCE = frozenset({"stated_today"})
"""Kinds of ``Document.dct_source`` evidence read from a sentence of the story
(``timeline.documents.EVIDENCE_RANKS``): the date there also dates the story's events."""

ANCHORS = ("dct", "previous", "none")
"""How an underspecified value was resolved: on the document creation time, on the previously
mentioned date (narrative anchoring, as HeidelTime does for ``同年``), or not at all."""


@dataclass
class Document:
    """One input document.

    ``text`` is what every offset of the extraction indexes: the decoded file, or the main
    text extracted from an HTML page. ``dct`` is the document creation time as an ISO 8601 date
    (``YYYY-MM-DD``) or ``None``; ``dct_source`` is the evidence it was read from, ``None``
    without a DCT: ``{"evidence", "rank", "value", "text", "start", "end"}`` (kinds and ranks:
    ``timeline.documents.EVIDENCE_RANKS``; ``value`` the date or date-time as written there;
    ``start``/``end`` its span in ``text`` when it lies there, else ``None``).
    ``language`` is a resource folder name under ``timeline/resources`` (``zh``, ``en``).
    ``script`` is ``Hant`` for traditional Chinese (matched through a simplified copy of the
    text of the same length), else ``None``. ``url`` is the article's address as the input gives
    it (an HTML page's canonical URL, a front matter ``url:``, a JSON line's ``url``), else
    ``None``. ``warnings`` are one-line notes about reading it
    (a lone surrogate replaced …), reported on stderr and not part of ``to_dict``.
    """

    id: str
    text: str
    path: str | None = None
    dct: str | None = None
    dct_source: dict[str, Any] | None = None
    language: str = "zh"
    script: str | None = None
    title: str | None = None
    encoding: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "path": self.path, "dct": self.dct,
            "dct_source": dict(self.dct_source) if isinstance(self.dct_source, dict) else self.dct_source,
            "language": self.language, "script": self.script, "title": self.title,
            "encoding": self.encoding, "url": self.url, "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Timex:
    """A time expression normalised as TIMEX3.

    ``start``/``end``: half-open code-point offsets into the document text; ``text`` equals that
    slice. ``value`` is the resolved TIMEX3 value; ``underspecified`` the value the rule emitted
    before anchoring, in HeidelTime's notation (``UNDEF-this-year-04``, ``UNDEF-REF-year-PLUS-0``)
    or ``None`` when the rule gave a fully specified value; ``anchor`` is one of ``ANCHORS``.
    ``rule`` is the id of the rule that matched (``<lang>:<table>:<rule name>``).
    ``quant``/``freq`` are the TIMEX3 attributes of a SET (``EVERY``, ``1X``).
    ``begin``/``finish`` are the values of a range's two end points (``2014年至2016年``: ``2014`` and
    ``2016``), which TIMEX3 expresses as a DURATION with ``beginPoint``/``endPoint``.
    """

    id: str
    doc: str
    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    rule: str = ""
    underspecified: str | None = None
    anchor: str = "none"
    quant: str | None = None
    freq: str | None = None
    begin: str | None = None
    finish: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _TIMEX_FIELDS}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Timex":
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Mention:
    """One occurrence of an entity: ``text == document.text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    """An organisation (ORG), person (PER) or place (LOC) with all the names it goes by.

    ``name`` is the canonical (fullest) name; ``aliases`` the other surface forms seen or
    defined (``以下简称“甲乙资产”``), without ``name`` itself. ``attributes`` holds type-specific
    facts, e.g. ``{"titles": ["区委常委", "工业园区管委会主任"]}`` for a person, or
    ``{"chrome": True}`` for a name found only in page chrome (site footer, copyright line).
    """

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions], "attributes": dict(self.attributes),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(id=d["id"], type=d["type"], name=d["name"], aliases=list(d.get("aliases", [])),
                   mentions=[Mention(**m) for m in d.get("mentions", [])],
                   attributes=dict(d.get("attributes") or {}))


@dataclass
class Participant:
    """An entity taking part in an event, in a role: ``agent``, ``partner``, ``patient``
    (what is founded, visited, evaluated), ``beneficiary``, ``location``, ``mentioned``."""

    entity: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "role": self.role}


@dataclass
class Event:
    """A dated clause: what happened, when, who took part, and where it is written.

    ``timex`` is the id of the time expression that dates the event (``None`` for an undated
    mention); ``date`` describes the time it denotes::

        {"value": "2016-04", "mod": None, "granularity": "month",
         "start": "2016-04-01", "end": "2016-05-01"}

    ``start``/``end`` of the date are ISO 8601 dates, half-open; both ``None`` when the value
    cannot be placed on a calendar (``PXY``, ``XXXX-04``). ``granularity`` is one of ``year``,
    ``half``, ``quarter``, ``month``, ``week``, ``day``, ``time``, ``interval``, ``recent`` (a word of
    the recent past, ``近日``: value the document date, mod ``ON_OR_BEFORE``), ``none``.
    ``start``/``end`` of the event are the code-point span of its clause, which contains both the
    trigger and the time expression. ``amounts`` are money and counts as written with their
    normalised value (``{"text": "3.5亿元", "value": 350000000, "unit": "CNY", "start": …, "end": …}``).
    ``kind`` is a coarse class of the trigger (``founding``, ``meeting``, ``visit``, ``agreement``…).
    ``mentions`` lists the spans of other, undated clauses that speak of the same real-world
    event (``[{"doc", "start", "end"}]``). ``sources`` lists every dated telling of the event in
    its document (a lead repeated by a caption or a headline, a meeting told again further
    down): ``[{"start", "end", "timex"}]``, the first being the event's own ``start``/``end``/
    ``timex``; one entry when the event is told once (an event made by hand may leave it empty).
    ``confidence`` in [0, 1] says how likely the event is a dated happening of the text, from
    the features listed in ``timeline.events`` (``None``: not scored); the pipeline hides
    events below ``Settings.min_confidence``.

    With several documents (``timeline.pipeline.merge``, see ``timeline.corpus.resolve``) every
    source also names its ``doc`` and its ``timex`` is the global id (``d2/t4``); an event several
    documents report is one event whose ``sources`` are the tellings of every report (the kept
    report's first, the others' in input order), ``first_reported`` is ``{"doc", "dct"}`` of the
    earliest report (by DCT, then input order) and ``date_disagreement`` is ``None`` when the
    reports' dates agree (their intervals overlap), else the dates given, ``[{"value", "docs"}]``,
    most reported first. Both are ``None`` for an event one document reports.
    """

    id: str
    doc: str
    timex: str | None
    date: dict[str, Any] | None
    trigger: str
    title: str
    start: int
    end: int
    participants: list[Participant] = field(default_factory=list)
    kind: str | None = None
    trigger_span: tuple[int, int] | None = None
    amounts: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    sentence: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    confidence: float | None = None
    first_reported: dict[str, Any] | None = None
    date_disagreement: list[dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {name: _plain(getattr(self, name)) for name in _EVENT_FIELDS}
        d["participants"] = [p.to_dict() for p in self.participants]
        d["trigger_span"] = list(self.trigger_span) if self.trigger_span else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        kw = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        kw["participants"] = [Participant(**p) for p in d.get("participants", [])]
        if kw.get("trigger_span"):
            kw["trigger_span"] = tuple(kw["trigger_span"])
        return cls(**kw)


@dataclass
class DocumentError:
    """A document that could not be processed: its path and a one-line reason."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


_TIMEX_FIELDS = tuple(f.name for f in fields(Timex))
_EVENT_FIELDS = tuple(f.name for f in fields(Event))


@dataclass
class Extraction:
    """The result for one or many documents: the JSON of ``shared/eval/README.md``.

    Ids are unique within one extraction: ``t<n>`` for time expressions, ``e<n>`` for events,
    ``o<n>``/``p<n>``/``l<n>`` for ORG/PER/LOC entities (with several documents, time expression
    and event ids are prefixed by the document id: ``d2/t4``). Entities with the same type and
    canonical name in several documents are one entity with mentions in each.
    """

    documents: list[Document] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": {"name": "timeline", "version": __version__},
            "schema_version": SCHEMA_VERSION,
            "documents": [d.to_dict() for d in self.documents],
            "timexes": [t.to_dict() for t in self.timexes],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "errors": [e.to_dict() for e in self.errors],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Extraction":
        return cls(
            documents=[Document.from_dict(x) for x in d.get("documents", [])],
            timexes=[Timex.from_dict(x) for x in d.get("timexes", [])],
            entities=[Entity.from_dict(x) for x in d.get("entities", [])],
            events=[Event.from_dict(x) for x in d.get("events", [])],
            errors=[DocumentError(**x) for x in d.get("errors", [])],
        )

    # Convenience look-ups used by graph, export and render.
    def timex_by_id(self) -> dict[str, Timex]:
        return {t.id: t for t in self.timexes}

    def entity_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def document_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}
