"""One event per happening: the dated events of a document that tell the same happening again
(a caption or a headline repeating the lead, a meeting told again further down) are merged.

Two events are tellings of one happening when they have the same date value (a calendar date,
not a vague one: ``目前``, ``近年来``), come from different sentences and

* have the same trigger word or the same kind, and titles alike (``alike``: the objects of
  their verbs share their character bigrams, else the titles do), or
* have the same kind and share a run of ``SHARED_RUN`` characters, names and dates aside
  (``昨天在甲法院首次公开开庭集中审理了…`` and ``昨天，甲法院首次公开开庭集中审理…``), or
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
from functools import lru_cache

from ..model import Event, Participant
from .confidence import Features

SIMILAR = 0.6
"""Lowest Dice coefficient of the character bigrams of two titles telling one happening."""
SIMILAR_OBJECTS = 0.5
"""Lowest overlap coefficient of the character bigrams of the objects of two such titles."""
SHARED_RUN = 6
"""Characters in a row two tellings of one kind share, names and dates aside, to be one
happening (``首次公开开庭集中审理``)."""


WINDOW = 16
"""How many earlier happenings of the same date a telling is compared with."""

_ON_AXIS = ("day", "month", "year", "decade")


@dataclass
class Telling:
    """A dated event as made from one unit: the event, its features and the sentence it is in."""

    event: Event
    features: Features
    sentence: tuple[int, int]    # (paragraph group, sentence index): tellings of one sentence never merge
    core: str = ""               # the words of its clauses, names and time expressions left out

    @property
    def summary(self) -> bool:
        """True for a telling in a heading or a caption."""
        return self.features.heading or self.features.caption


@lru_cache(maxsize=4096)
def _bigrams(s: str) -> frozenset[str]:
    s = "".join(ch for ch in s if not ch.isspace())
    return frozenset({s[i:i + 2] for i in range(len(s) - 1)} or {s})


def similarity(a: str, b: str) -> float:
    """The Dice coefficient of the character bigrams of ``a`` and ``b`` (1.0: the same)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _object(ev: Event, stops: frozenset[str]) -> str:
    """What the event's clause says after the trigger, up to one of ``stops`` (the verb's
    object), ``""`` when nothing does."""
    if ev.trigger_span is None or ev.sentence is None:
        return ""
    rest = ev.sentence[ev.trigger_span[1] - ev.start:]
    cut = next((i for i, ch in enumerate(rest) if ch in stops or ch == "\n"), len(rest))
    return rest[:cut]


def overlap(a: str, b: str) -> float:
    """The overlap coefficient of the character bigrams of ``a`` and ``b`` (shared / fewer)."""
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def alike(a: Event, b: Event, stops: frozenset[str] = frozenset()) -> bool:
    """True when two titles tell the same thing: when both verbs have an object of two
    characters or more, the objects share at least ``SIMILAR_OBJECTS`` of their bigrams (``签署
    独家代理合约`` and ``签署独家代理协议``, not ``召开执委会议`` and ``召开座谈会``); else the
    titles are alike (``similarity`` at least ``SIMILAR``). ``stops``: the characters ending a
    clause or a sentence."""
    oa, ob = _object(a, stops).strip(), _object(b, stops).strip()
    if len(oa) >= 2 and len(ob) >= 2:
        return overlap(oa, ob) >= SIMILAR_OBJECTS
    return similarity(a.title, b.title) >= SIMILAR


def _same(a: Telling, b: Telling, stops: frozenset[str]) -> bool:
    ea, eb = a.event, b.event
    if a.sentence == b.sentence or ea.kind != eb.kind and ea.trigger != eb.trigger:
        return False
    if ea.kind == eb.kind and (a.summary or b.summary or _share_run(a.core, b.core, SHARED_RUN)):
        return True
    return alike(ea, eb, stops)


def _share_run(a: str, b: str, n: int) -> bool:
    """True when ``a`` and ``b`` share a run of ``n`` characters (the runs of ``a`` in a set,
    those of ``b`` looked up: linear in their lengths)."""
    if len(a) < n or len(b) < n:
        return False
    runs = {a[i:i + n] for i in range(len(a) - n + 1)}
    return any(b[j:j + n] in runs for j in range(len(b) - n + 1))


def merge_repeats(tellings: Sequence[Telling], stops: frozenset[str] = frozenset()) -> list[Telling]:
    """The tellings with the repeats of one happening merged into one (see the module
    docstring); the order of the first of each is kept. Body tellings are grouped first, each
    with the happening of its date whose tellings it is most alike; then each heading or
    caption joins the happening it is most alike (a heading never bridges two body tellings).
    ``stops``: the characters ending a clause or a sentence (``timeline.text``)."""
    by_value: dict[str, list[int]] = {}
    for i, t in enumerate(tellings):
        if t.features.granularity in _ON_AXIS:
            by_value.setdefault(str((t.event.date or {}).get("value")), []).append(i)
    owner: dict[int, int] = {}            # telling -> the first telling of its happening
    groups: dict[int, list[int]] = {}
    for idx in by_value.values():
        heads: list[int] = []
        for summaries in (False, True):
            for i in (j for j in idx if tellings[j].summary == summaries):
                host = _host(tellings, i, heads[-WINDOW:], groups, stops)
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
            out.append(_merged([tellings[j] for j in sorted(groups[i])]))
    return out


def _host(tellings: Sequence[Telling], i: int, heads: list[int], groups: dict[int, list[int]],
          stops: frozenset[str]) -> int | None:
    """The happening (its first telling) among ``heads`` that telling ``i`` tells again, else
    ``None``: the one with the telling most alike (``similarity`` of titles) that is ``_same``
    (of a happening told more than ``WINDOW`` times, its first and its latest ``WINDOW - 1``
    tellings are compared: the work stays linear in a long document retelling one happening)."""
    t = tellings[i]
    best, score = None, -1.0
    for h in heads:
        members = groups[h]
        if len(members) > WINDOW:      # a happening told many times: its first and latest tellings
            members = [members[0], *members[-(WINDOW - 1):]]
        alike = [similarity(tellings[j].event.title, t.event.title) for j in members if _same(tellings[j], t, stops)]
        if alike and max(alike) > score:
            best, score = h, max(alike)
    return best


def _merged(group: list[Telling]) -> Telling:
    """One telling of ``group``: the first in the body (else the first), with every source."""
    if len(group) == 1:
        return group[0]
    primary = next((t for t in group if not t.summary), group[0])
    ev = primary.event
    ev.sources = [s for t in [primary, *(t for t in group if t is not primary)] for s in t.event.sources]
    have = {p.entity for p in ev.participants}
    told = {tuple(sorted(m.items())) for m in ev.mentions}   # a set: a list lookup a mention is quadratic
    for t in group:
        if t is primary:
            continue
        for p in t.event.participants:
            if p.entity not in have:
                ev.participants.append(Participant(p.entity, p.role))
                have.add(p.entity)
        new = [m for m in t.event.mentions if tuple(sorted(m.items())) not in told]
        ev.mentions += new
        told.update(tuple(sorted(m.items())) for m in new)
    return primary
