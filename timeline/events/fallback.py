"""Units for the dated clauses the trigger table missed (``triggers.yaml: fallback``)."""
from __future__ import annotations

from ..text.words import is_letter, starting_word
from .amounts import find_amounts
from .context import _Context, holding
from .dating import _anchor_unit, _opens_clause
from .parts import _Trigger, _Unit
from .roles import (
    _attached_roles,
    _core_roles,
    _fill_subject,
    _final_roles,
    _is_party,
    _prefix_roles,
)


def _fallback_trigger(ctx: _Context, clause: tuple[int, int]) -> _Trigger | None:
    """The verb-like word of a clause without a table trigger (``triggers.yaml: fallback``):
    the first two letters (a whole word in a Latin script) after the last name or time
    expression of the clause, or after its first party when nothing follows the last one,
    skipping white space, punctuation, numbers, amounts, bracketed text, adjuncts
    (``在X的领导下``) and the ``skip`` words;
    a name met before any letter means no word there, and so does a ``list_closers`` word (``等地``:
    the noun of a list of names), a negator, a ``states`` word
    (``共有会员300个``: a state, not an event) or a table trigger the rules set aside
    (``支付的货款``: a noun). ``None`` when neither place has one."""
    r, text = ctx.rules, ctx.text
    s, e = clause
    ms = ctx.mentions_in(s, e)
    items = ms + ctx.timexes_in(s, e)
    parties = [m for m in ms if _is_party(ctx, m)]
    if not items or not parties:
        return None
    amounts = find_amounts(text, s, e, r)
    adjunct_end = holding((fs, ce, ce) for fs, _, _, ce in ctx.adjunct_frames(s, e))
    amount_end: dict[int, int] = {}
    for a in amounts:
        amount_end.setdefault(a["start"], a["end"])
    closers = r.fallback.list_closers if r.fallback else ()
    skip = tuple(w for w in r.fallback.skip if w not in closers) if r.fallback else ()
    # "前往甲鞋业、乙米业等地": the word after a list's closer is the list's noun, no verb
    stops = (*r.negators, *(r.fallback.states if r.fallback else ()), *closers)
    deadlines = {t.end for t in ctx.timexes_in(s, e) if ctx.is_deadline(t)}
    for p in dict.fromkeys((max(x.end for x in items), parties[0].end)):
        if p in deadlines:        # "在2015年9月30日前完成…": "前" is no verb
            w = starting_word(text[p:p + r.lookbehind], r.deadline_markers)
            p += len(w) if w and text.startswith(w, p) else 0
        while p < e:
            ch = text[p]
            amount = amount_end.get(p)
            adjunct = adjunct_end.get(p)
            if amount is not None:
                p = amount
            elif adjunct is not None:
                p = adjunct       # "在县委的坚强领导下": no verb of the clause in there
            elif ctx.blocked[p]:
                break
            elif ctx.inside[p] or not ch.isalpha():
                p += 1
            elif (w := starting_word(text[p:p + r.lookbehind], skip)) is not None and text.startswith(w, p):
                p += len(w)
            elif starting_word(text[p:p + r.lookbehind], stops) or r.trigger_re.match(text, p):
                break
            elif is_letter(ch):
                q = p
                while q < e and is_letter(text[q]):
                    q += 1
                return _Trigger(p, q, text[p:q], fallback=True)
            else:
                q = p
                while q < min(e, p + 2) and text[q].isalpha() and not is_letter(text[q]) \
                        and not ctx.blocked[q] and not ctx.inside[q]:
                    q += 1
                return _Trigger(p, q, text[p:q], fallback=True)
    return None


def _fallback_units(ctx: _Context, sentences, used: set[str]) -> list[_Unit]:
    """Units for the dated clauses the trigger table missed (``triggers.yaml: fallback``).

    A DATE or TIME that dates no unit (``used``: ids of the anchors of the units) and stands in
    a clause of no unit starts a run of clauses: its own and the following ones of its sentence
    up to a clause of a unit, a clause opening with a date or an enumeration item. The first
    clause of the run naming a party (``_is_party``; not an adjunct-only clause) becomes a unit
    of the fallback kind, its trigger ``_fallback_trigger``; the run's clauses before it are its
    prefix and those after it are attached. A date inside its clause (not opening it) dates
    only that clause. A date or a word in page metadata (``_Context.is_metadata``: a byline) makes none. The unit
    is kept when the date dates it by the rules of ``_anchor_unit``
    (``甲公司召开…`` aside, a date after the word dates only after a preposition); roles as for
    any unit, with the subject of the previous sentence filling an empty subject.
    ``sentences``: ``(index, paragraph, clauses, clauses in units, topic)`` of each sentence.
    """
    if ctx.rules.fallback is None:
        return []
    out: list[_Unit] = []
    for sidx, par, clauses, in_unit, topic in sentences:
        stops: dict[int, bool] = {}   # clause index -> ends a run (found once a sentence)
        for i, clause in enumerate(clauses):
            if clause in in_unit:
                continue
            for t in ctx.timexes_in(*clause):
                if t.type not in ("DATE", "TIME") or t.id in used or ctx.timex_role(t) != "anchor" \
                        or ctx.is_metadata(t.start):
                    continue          # a byline's date: page metadata, not news
                run = [clause]
                if _opens_clause(ctx, t, clause[0]):
                    j = i + 1
                    while j < len(clauses) and not _stops_run(ctx, clauses[j], in_unit, stops, j):
                        run.append(clauses[j])
                        j += 1
                k = next((j for j, c in enumerate(run) if not ctx.is_adjunct_clause(*c)
                          and any(_is_party(ctx, m) for m in ctx.mentions_in(*c))), None)
                if k is None:
                    continue
                trig = _fallback_trigger(ctx, run[k])
                if trig is None or ctx.is_metadata(trig.start):
                    continue
                unit = _Unit([run[k]], trig, None, sidx, attached=run[k + 1:], prefix=run[:k], paragraph=par)
                _anchor_unit(ctx, unit, t if k else None)
                if unit.habitual or t not in unit.anchors:
                    continue
                unit.anchors = [t]
                _core_roles(ctx, unit)
                _prefix_roles(ctx, unit)
                _fill_subject(ctx, unit, None, clauses, topic)
                _attached_roles(ctx, unit)
                _final_roles(ctx, unit)
                used.add(t.id)
                out.append(unit)
    return out


def _stops_run(ctx: _Context, c: tuple[int, int], in_unit, stops: dict[int, bool], j: int) -> bool:
    """A clause that ends a run of the fallback: a clause of a unit, an enumeration item, or one
    opening with a date (memoised by clause index ``j`` in ``stops``)."""
    got = stops.get(j)
    if got is None:
        got = stops[j] = c in in_unit or bool(starting_word(ctx.text[c[0]:c[1]], ctx.rules.carry_breakers)) or any(
            ctx.timex_role(x) == "anchor" and _opens_clause(ctx, x, c[0]) for x in ctx.timexes_in(*c))
    return got
