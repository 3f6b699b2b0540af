"""The records the event rules build and pass around: a mention of an entity, an occurrence of
a trigger, a unit (a clause or two with its trigger verb, its dates and roles)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Timex
from .tables import Causative


@dataclass
class _Mention:
    start: int
    end: int
    entity: str
    type: str


@dataclass
class _Trigger:
    start: int
    end: int
    word: str
    causative: Causative | None = None
    fallback: bool = False        # a verb-like word found by the fallback, not a table trigger


@dataclass
class _Unit:
    clauses: list[tuple[int, int]]
    trigger: _Trigger
    causative: _Trigger | None
    sentence: int
    attached: list[tuple[int, int]] = field(default_factory=list)
    prefix: list[tuple[int, int]] = field(default_factory=list)   # trigger-less clauses before it
    paragraph: int = 0
    anchors: list[Timex] = field(default_factory=list)      # one event each
    finish: dict[str, Timex] = field(default_factory=dict)  # anchor id -> end point of its range
    habitual: bool = False
    programme: bool = False       # a habit whose written start date dates it ("2018年以来每年投入")
    roles: dict[str, str] = field(default_factory=dict)      # entity id -> role (in order)
    subjects: list[str] = field(default_factory=list)        # agents before the verb
    unnamed: bool = False         # its subject is a body no entity stands for
    reach: int = 0                # end of a later date dating it ("…合作，于今年下半年成立")
    organisers: list[str] = field(default_factory=list)      # before a causative

    @property
    def start(self) -> int:
        return self.clauses[0][0]

    @property
    def end(self) -> int:
        return (self.attached or self.clauses)[-1][1]

    @property
    def core_end(self) -> int:
        return self.clauses[-1][1]
