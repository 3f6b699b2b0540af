"""One event per happening: the dated events of a document that tell the same happening again
(a caption or a headline repeating the lead, a meeting told again further down) are merged.

Two events are tellings of one happening when they have the same date value (a calendar date,
not a vague one: ``目前``, ``近年来``), come from different sentences and

* have the same trigger word or the same kind, and titles alike (``SIMILAR``: the Dice
  coefficient of their character bigrams), or
* have the same kind, and one stands in a heading or a caption (which sums up the body).

The merged event is the telling that stands first in the body (not in a heading or a caption;
else the first): its span, time expression and title stay; ``sources`` lists every telling
(``{"start", "end", "timex"}``, its own first), the participants of the others join it, their
undated ``mentions`` too. Events are grouped by date value and each is compared with the last
``WINDOW`` happenings of its date only, so the work stays linear in the events.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Event, Participant
from .confidence import Features

SIMILAR = 0.6
"""Lowest Dice coefficient of the character bigrams of two titles telling one happening."""

WINDOW = 16
"""How many earlier happenings of the same date a telling is compared with."""

_ON_AXIS = ("day", "month", "year", "decade")


@dataclass
class Telling:
    """A dated event as made from one unit: the event, its features and the sentence it is in."""

    event: Event
    features: Features
    sentence: tuple[int, int]    # (paragraph group, sentence index): tellings of one sentence never merge

    @property
    def summary(self) -> bool:
        """True for a telling in a heading or a caption."""
        return self.features.heading or self.features.caption


def _bigrams(s: str) -> set[str]:
    s = "".join(ch for ch in s if not ch.isspace())
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def similarity(a: str, b: str) -> float:
    """The Dice coefficient of the character bigrams of ``a`` and ``b`` (1.0: the same)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _same(a: Telling, b: Telling) -> bool:
    ea, eb = a.event, b.event
    if a.sentence == b.sentence or ea.kind != eb.kind and ea.trigger != eb.trigger:
        return False
    if (a.summary or b.summary) and ea.kind == eb.kind:
        return True
    return similarity(ea.title, eb.title) >= SIMILAR


def merge_repeats(tellings: Sequence[Telling]) -> list[Telling]:
    """The tellings with the repeats of one happening merged into one (see the module
    docstring); the order of the first of each is kept."""
    by_value: dict[str, list[int]] = {}
    for i, t in enumerate(tellings):
        if t.features.granularity in _ON_AXIS:
            by_value.setdefault(str((t.event.date or {}).get("value")), []).append(i)
    groups: dict[int, list[int]] = {}     # the first telling of a happening -> all its tellings
    owner: dict[int, int] = {}
    for idx in by_value.values():
        heads: list[int] = []             # the happenings of this date, in order
        for i in idx:
            host = next((h for h in reversed(heads[-WINDOW:])
                         if any(_same(tellings[j], tellings[i]) for j in groups[h])), None)
            if host is None:
                heads.append(i)
                groups[i] = [i]
                owner[i] = i
            else:
                groups[host].append(i)
                owner[i] = host
    out: list[Telling] = []
    for i, t in enumerate(tellings):
        if i not in owner:
            out.append(t)
        elif owner[i] == i:
            out.append(_merged([tellings[j] for j in groups[i]]))
    return out


def _merged(group: list[Telling]) -> Telling:
    """One telling of ``group``: the first in the body (else the first), with every source."""
    if len(group) == 1:
        return group[0]
    primary = next((t for t in group if not t.summary), group[0])
    ev = primary.event
    ev.sources = [s for t in [primary, *(t for t in group if t is not primary)] for s in t.event.sources]
    have = {p.entity for p in ev.participants}
    for t in group:
        if t is primary:
            continue
        for p in t.event.participants:
            if p.entity not in have:
                ev.participants.append(Participant(p.entity, p.role))
                have.add(p.entity)
        ev.mentions += [m for m in t.event.mentions if m not in ev.mentions]
    return primary
