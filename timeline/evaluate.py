"""Scoring the pipeline against gold annotations: TempEval-3 TimeML files and eval gold files.

Public API::

    evaluate(gold_dir, fmt=None, *, settings=None, limit=None) -> Report  # runs the pipeline, scores it
    read_timeml(path) -> GoldDocument                      # TimeML .tml: text, DCT, TIMEX3s
    read_eval_gold(path) -> GoldDocument                   # *.gold.json with its article
    score_timexes(gold, found) -> TimexCounts              # TempEval-3 counts of one document
    score_extraction(gold_json, result_json) -> dict       # the figures of shared/eval/score.py

Two gold formats:

* ``timeml``: TempEval-3 ``.tml`` files. The text of ``<TEXT>`` with its tags removed (entities
  unescaped) is the document; the ``<DCT>`` TIMEX3 is given to the pipeline as its DCT and is not
  scored (systems receive it as input), so the figures are over the TIMEX3s of the text only.
* ``eval-json``: gold files ``*.gold.json`` of ``shared/eval/README.md`` whose article
  (``document.file``) lies beside the gold file or in a sibling ``articles/`` folder
  (``real_zh/{articles,gold}``). The article is read as ``timeline extract FILE`` reads it (its DCT
  found in the page); besides the TempEval-3 figures, the figures of ``score.py`` are reported.

TempEval-3 figures (UzZaman et al. 2013, the official ``TE3-evaluation.py``): entities match
*strictly* (identical extent) or *relaxed* (overlap); precision, recall and F1 are micro over all
files; type and value accuracy are measured over the relaxed matches of the gold entities, and
``value F1`` = value accuracy x relaxed F1 (likewise ``type F1``). Values compare case-insensitively;
a gold ``also_accept`` value also counts as right. Matching is on characters rather than the
official tokens, which gives the same pairs on whitespace-tokenised news text.
"""
from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .settings import Settings

FORMATS = ("timeml", "eval-json")


# ----------------------------------------------------------------------------- gold documents
@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: half-open span into the document text, type, value."""

    start: int
    end: int
    type: str
    value: str
    also_accept: tuple[str, ...] = ()
    required: bool = True


@dataclass
class GoldDocument:
    """A gold document: its text (what offsets index), DCT, gold TIMEX3s and, for eval gold,
    the gold JSON object and the article path."""

    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex]
    path: Path | None = None
    gold: dict[str, Any] | None = None
    article: Path | None = None


_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3[^>]*\bvalue=\"([^\"]+)\"", re.S)
_TEXT = re.compile(r"<TEXT>(.*)</TEXT>", re.S)


def read_timeml(path: str | Path) -> GoldDocument:
    """Read a TimeML ``.tml`` file: the tag-free text of ``<TEXT>``, the DCT (``YYYY-MM-DD`` of
    the ``<DCT>`` TIMEX3, or ``None``) and the TIMEX3s of the text. Raises ``ValueError`` naming
    the file when it has no ``<TEXT>`` element or a TIMEX3 is not closed."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    body = _TEXT.search(raw)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element: not a TimeML file")
    dct_m = _DCT.search(raw)
    dct = dct_m.group(1)[:10] if dct_m and re.match(r"\d{4}-\d{2}-\d{2}", dct_m.group(1)) else None
    text = body.group(1)
    out: list[str] = []
    gold: list[GoldTimex] = []
    opened: tuple[int, dict[str, str]] | None = None
    pos = n = 0
    for m in _TAG.finditer(text):
        chunk = html.unescape(text[pos:m.start()])
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        closing, name, attrs = m.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            opened = (n, dict(_ATTR.findall(attrs)))
        elif opened is not None:
            start, a = opened
            gold.append(GoldTimex(start, n, a.get("type", ""), a.get("value", "")))
            opened = None
    if opened is not None:
        raise ValueError(f"{path}: TIMEX3 opened at character {opened[0]} is never closed")
    out.append(html.unescape(text[pos:]))
    return GoldDocument(path.stem, "".join(out), dct, gold, path=path)


def read_eval_gold(path: str | Path) -> GoldDocument:
    """Read an eval gold file (``shared/eval/README.md``) and its article, found beside it or in a
    sibling ``articles/`` folder. Raises ``ValueError`` naming the file when the JSON is invalid
    or the article is missing."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON: {exc.msg} at line {exc.lineno}") from None
    name = path.name[: -len(".gold.json")] if path.name.endswith(".gold.json") else path.stem
    fname = (gold.get("document") or {}).get("file") or f"{name}.txt"
    for cand in (path.parent / fname, path.parent.parent / "articles" / fname):
        if cand.is_file():
            article = cand
            break
    else:
        raise ValueError(f"{path}: article {fname!r} not found beside it or in ../articles/")
    text = article.read_text(encoding="utf-8")
    timexes = [GoldTimex(t["span"][0], t["span"][1], t.get("type", ""), t.get("value", ""),
                         tuple(t.get("also_accept", ())), t.get("required", True))
               for t in gold.get("timexes", [])]
    return GoldDocument(name, text, (gold.get("document") or {}).get("dct"), timexes, path=path,
                        gold=gold, article=article)


# ----------------------------------------------------------------------------- TempEval-3 counts
def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0


@dataclass
class TimexCounts:
    """TempEval-3 counts, summable over documents: gold and system TIMEX3s, system ones that
    overlap a gold one (``found_relaxed``) or have its exact span (``found_strict``), gold ones
    overlapped (``relaxed``) or matched exactly (``strict``), and among the overlapped gold ones
    those whose value (``value``) and type (``type``) the matching system TIMEX3 gets right."""

    gold: int = 0
    found: int = 0
    found_relaxed: int = 0
    found_strict: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: "TimexCounts") -> "TimexCounts":
        return TimexCounts(*(getattr(self, k) + getattr(other, k) for k in self.__dataclass_fields__))

    def figures(self) -> dict[str, float]:
        """Strict and relaxed P/R/F1, type and value accuracy (over relaxed matches), type and
        value F1 (accuracy x relaxed F1), rounded to 4 places."""
        sp, sr = _div(self.found_strict, self.found), _div(self.strict, self.gold)
        rp, rr = _div(self.found_relaxed, self.found), _div(self.relaxed, self.gold)
        rf = _f1(rp, rr)
        va, ta = _div(self.value, self.relaxed), _div(self.type, self.relaxed)
        out = {"strict_p": sp, "strict_r": sr, "strict_f1": _f1(sp, sr),
               "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
               "type_accuracy": ta, "value_accuracy": va, "type_f1": ta * rf, "value_f1": va * rf}
        return {k: round(v, 4) for k, v in out.items()}


def _norm(v: str | None) -> str:
    return (v or "").strip().upper()


def score_timexes(gold: list[GoldTimex], found: list[Any],
                  errors: list[str] | None = None, text: str = "") -> TimexCounts:
    """TempEval-3 counts of one document. ``found``: objects with ``start``, ``end``, ``type`` and
    ``value`` (``Timex``). Each gold TIMEX3 is compared with the overlapping system TIMEX3 that
    gives it a right value, else the one overlapping it most. ``errors`` (optional) receives one
    line per missed gold TIMEX3, wrong value and spurious system TIMEX3, quoting ``text``.
    An optional gold TIMEX3 (``required: false``) counts only when some system TIMEX3 overlaps it."""
    c = TimexCounts(gold=len(gold), found=len(found))
    # the tagger's spans never overlap, so sorted by start their ends are sorted too
    spans = sorted((t.start, t.end, i) for i, t in enumerate(found))
    ends = [b for _, b, _ in spans]
    relaxed_found: set[int] = set()
    strict_found: set[int] = set()

    def overlapping(s: int, e: int) -> list[int]:
        i = bisect_right(ends, s)
        hits = []
        while i < len(spans) and spans[i][0] < e:
            if spans[i][1] > s:
                hits.append(spans[i][2])
            i += 1
        return hits

    for g in gold:
        hits = overlapping(g.start, g.end)
        if not hits and not g.required:  # an optional gold TIMEX3 counts only when found
            c.gold -= 1
            continue
        if not hits:
            if errors is not None:
                errors.append(f"missed {text[g.start:g.end]!r} {g.type} {g.value}")
            continue
        relaxed_found.update(hits)
        ok = {_norm(g.value)} | {_norm(v) for v in g.also_accept}
        right = [k for k in hits if _norm(found[k].value) in ok]
        best = right[0] if right else max(
            hits, key=lambda k: (min(g.end, found[k].end) - max(g.start, found[k].start), -found[k].start))
        t = found[best]
        c.relaxed += 1
        for k in hits:
            if (found[k].start, found[k].end) == (g.start, g.end):
                c.strict += 1
                strict_found.add(k)
                break
        c.value += bool(right)
        c.type += (t.type or "").upper() == (g.type or "").upper()
        if errors is not None and not right:
            errors.append(f"value {text[g.start:g.end]!r}: gold {g.value}, ours {t.text!r} = {t.value}")
    c.found_relaxed, c.found_strict = len(relaxed_found), len(strict_found)
    if errors is not None:
        for i, t in enumerate(found):
            if i not in relaxed_found:
                errors.append(f"spurious {t.text!r} {t.type} {t.value}")
    return c


# ----------------------------------------------------------------------------- score.py figures
def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_extraction(gold: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The figures ``shared/eval/score.py`` computes for one document, from a gold object and a
    result in the JSON of ``Extraction.to_dict``: TIMEX3 relaxed/strict/value F1 and type
    accuracy over required gold TIMEX3s (plus optional ones found), never-date strings hit
    (``negatives``), organisation recall and precision, event recall and precision, participant
    recall, events without a time expression. Same definitions as ``score.py`` (see its
    README): the library keeps its own copy so that it runs without the shared kit."""
    out: dict[str, Any] = {}
    tx = list(result.get("timexes", []))
    out.update(_timex_figures(gold, tx))
    ent_gold = _org_figures(gold, result, out)
    out.update(_event_figures(gold, result, tx, ent_gold))
    return out


def _timex_figures(gold: dict[str, Any], tx: list[dict[str, Any]]) -> dict[str, Any]:
    """The TIMEX3 figures of ``score_extraction``."""
    out: dict[str, Any] = {}
    spans = [(t["start"], t["end"]) for t in tx]
    strict = relaxed = value_ok = type_ok = req = 0
    matched_res: set[int] = set()
    strict_res: set[int] = set()
    value_res: set[int] = set()
    for g in gold.get("timexes", []):
        gs = tuple(g["span"])
        hits = [i for i, s in enumerate(spans) if _overlap(s, gs)]
        required = g.get("required", True)
        req += bool(required)
        if not hits:
            continue
        matched_res.update(hits)
        ok = {_norm(g["value"])} | {_norm(v) for v in g.get("also_accept", [])}
        best = next((i for i in hits if _norm(tx[i].get("value")) in ok), hits[0])
        relaxed += 1
        if spans[best] == gs:
            strict += 1
            strict_res.add(best)
        if _norm(tx[best].get("value")) in ok:
            value_ok += 1
            value_res.add(best)
        type_ok += (tx[best].get("type") or "").upper() == g["type"]
    optional = sum(1 for g in gold.get("timexes", []) if not g.get("required", True)
                   and any(_overlap(s, tuple(g["span"])) for s in spans))
    denom = req + optional
    n = len(tx)
    out["timex_counts"] = {"found": n, "gold": denom, "relaxed": relaxed, "strict": strict, "value": value_ok,
                           "found_relaxed": len(matched_res), "found_strict": len(strict_res),
                           "found_value": len(value_res)}
    out["timex_relaxed_f1"] = round(_f1(_div(len(matched_res), n), _div(relaxed, denom)), 3)
    out["timex_strict_f1"] = round(_f1(_div(len(strict_res), n), _div(strict, denom)), 3)
    out["timex_value_f1"] = round(_f1(_div(len(value_res), n), _div(value_ok, denom)), 3)
    out["timex_type_acc"] = round(_div(type_ok, relaxed), 3)
    out["timex_negative_hits"] = [x["text"] for x in gold.get("negatives", [])
                                  if any(_overlap(s, tuple(x["span"])) for s in spans)]
    return out


def _org_figures(gold: dict[str, Any], result: dict[str, Any], out: dict[str, Any]) -> dict[str, set[int]]:
    """The organisation figures of ``score_extraction``, written into ``out``; returns, for each
    result organisation id, the indexes of the gold organisations it names."""
    # organisations: a result ORG is right when one of its names is a gold name or alias
    gold_orgs = gold.get("organisations", [])
    by_name: dict[str, set[int]] = {}
    for i, o in enumerate(gold_orgs):
        for name in [o["name"], *o.get("aliases", [])]:
            by_name.setdefault(name, set()).add(i)
    acceptable = set(gold.get("acceptable_organisations", []))
    orgs = [e for e in result.get("entities", []) if (e.get("type") or "").upper() == "ORG"]
    found: set[int] = set()
    ent_gold: dict[str, set[int]] = {}
    n_ok = 0
    unexpected = []
    for e in orgs:
        names = [e.get("name", ""), *e.get("aliases", [])]
        ids = set().union(*(by_name.get(x, set()) for x in names))
        ent_gold[e["id"]] = ids
        found |= ids
        if ids or set(names) & acceptable:
            n_ok += 1
        else:
            unexpected.append(e.get("name"))
    out["org_counts"] = {"found": len(orgs), "correct": n_ok, "gold": len(gold_orgs), "gold_found": len(found)}
    out["org_recall"] = round(_div(len(found), len(gold_orgs)), 3)
    out["org_precision"] = round(_div(n_ok, len(orgs)), 3)
    out["org_missed"] = [o["name"] for i, o in enumerate(gold_orgs) if i not in found]
    out["org_unexpected"] = unexpected
    return ent_gold


def _event_figures(gold: dict[str, Any], result: dict[str, Any], tx: list[dict[str, Any]],
                   ent_gold: dict[str, set[int]]) -> dict[str, Any]:
    """The event and participant figures of ``score_extraction``."""
    out: dict[str, Any] = {}
    gold_orgs = gold.get("organisations", [])
    # events: a gold event is found when a result event is dated by a TIMEX3 overlapping its
    # anchor with its value; participants are gold organisations those events name
    tx_by_id = {t.get("id"): t for t in tx}
    index = {o["name"]: i for i, o in reversed(list(enumerate(gold_orgs)))}

    def ev_values(ev) -> set[str]:
        d = ev.get("date")
        t = tx_by_id.get(ev.get("timex"))
        return {_norm(d.get("value") if isinstance(d, dict) else d), _norm(t.get("value")) if t else ""}

    ev_req = ev_found = p_total = p_ok = 0
    missed = []
    for g in gold.get("events", []):
        required = g.get("required", True)
        ev_req += bool(required)
        gs = tuple(g["anchor"]["span"])
        ok = {_norm(g["value"])}
        cands = [ev for ev in result.get("events", [])
                 if (t := tx_by_id.get(ev.get("timex"))) is not None
                 and _overlap((t["start"], t["end"]), gs) and ev_values(ev) & ok]
        if not cands:
            if required:
                missed.append(g["id"])
            continue
        if not required:
            continue
        ev_found += 1
        want = [index[p] for p in g.get("participants", []) if p in index]
        got: set[int] = set()
        for ev in cands:
            for p in ev.get("participants", []):
                got |= ent_gold.get(p["entity"] if isinstance(p, dict) else p, set())
        p_total += len(g.get("participants", []))
        p_ok += sum(1 for w in want if w in got)
    seen = set()
    precise = 0
    for ev in result.get("events", []):
        t = tx_by_id.get(ev.get("timex"))
        key = (ev.get("timex"), ev.get("trigger"))
        if t is not None and key not in seen and any(
                _overlap((t["start"], t["end"]), tuple(g["anchor"]["span"]))
                and ev_values(ev) & ({_norm(g["value"])} | {_norm(v) for v in g.get("also_accept", [])})
                for g in gold.get("events", [])):
            precise += 1
        seen.add(key)
    n_ev = len(result.get("events", []))
    out["event_counts"] = {"required": ev_req, "found": ev_found, "participants": p_total,
                           "participants_found": p_ok, "output": n_ev, "precise": precise}
    out["event_recall"] = round(_div(ev_found, ev_req), 3)
    out["event_precision"] = round(_div(precise, n_ev), 3)
    out["event_missed"] = missed
    out["participant_recall"] = round(_div(p_ok, p_total), 3)
    out["events_without_timex"] = sum(1 for ev in result.get("events", []) if not ev.get("timex"))
    return out


def _micro(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro means of ``score_extraction`` figures over documents (as ``score_set.py``)."""
    tot: dict[str, dict[str, int]] = {}
    for key in ("timex_counts", "org_counts", "event_counts"):
        tot[key] = {}
        for s in scores:
            for k, v in s[key].items():
                tot[key][k] = tot[key].get(k, 0) + v
    tc, oc, ec = tot["timex_counts"], tot["org_counts"], tot["event_counts"]
    g = lambda d, k: d.get(k, 0)  # noqa: E731
    return {
        "timex_value_f1": round(_f1(_div(g(tc, "found_value"), g(tc, "found")),
                                    _div(g(tc, "value"), g(tc, "gold"))), 3),
        "timex_relaxed_f1": round(_f1(_div(g(tc, "found_relaxed"), g(tc, "found")),
                                      _div(g(tc, "relaxed"), g(tc, "gold"))), 3),
        "timex_strict_f1": round(_f1(_div(g(tc, "found_strict"), g(tc, "found")),
                                     _div(g(tc, "strict"), g(tc, "gold"))), 3),
        "org_recall": round(_div(g(oc, "gold_found"), g(oc, "gold")), 3),
        "org_precision": round(_div(g(oc, "correct"), g(oc, "found")), 3),
        "event_recall": round(_div(g(ec, "found"), g(ec, "required")), 3),
        "event_precision": round(_div(g(ec, "precise"), g(ec, "output")), 3),
        "participant_recall": round(_div(g(ec, "participants_found"), g(ec, "participants")), 3),
        "negative_hits": sum(len(s["timex_negative_hits"]) for s in scores),
    }


# ----------------------------------------------------------------------------- running
@dataclass
class FileReport:
    """One gold document's figures: TempEval-3 counts, the ``score.py`` figures (eval gold only),
    the DCT the pipeline used, the error lines, or the reason it could not be scored."""

    name: str
    counts: TimexCounts = field(default_factory=TimexCounts)
    score: dict[str, Any] | None = None
    dct: str | None = None
    errors: list[str] = field(default_factory=list)
    failure: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "dct": self.dct, "failure": self.failure,
                "tempeval": self.counts.figures(), "counts": vars(self.counts),
                "score": self.score, "errors": self.errors}


@dataclass
class Report:
    """Figures of a gold folder: per file and overall (micro)."""

    folder: str
    format: str
    files: list[FileReport]

    @property
    def counts(self) -> TimexCounts:
        total = TimexCounts()
        for f in self.files:
            total = total + f.counts
        return total

    def overall(self) -> dict[str, Any]:
        """TempEval-3 figures over every file, and for eval gold the micro means of ``score.py``."""
        out: dict[str, Any] = {"files": len(self.files), "failed": sum(1 for f in self.files if f.failure),
                               "gold": self.counts.gold, "found": self.counts.found, **self.counts.figures()}
        scored = [f.score for f in self.files if f.score is not None]
        if scored:
            out["score"] = _micro(scored)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "format": self.format, "overall": self.overall(),
                "files": [f.to_dict() for f in self.files]}


def detect_format(folder: Path) -> str:
    """``timeml`` when the folder holds ``.tml`` files, ``eval-json`` when it holds
    ``*.gold.json``; raises ``ValueError`` when it holds neither."""
    if next(folder.rglob("*.tml"), None) is not None:
        return "timeml"
    if next(folder.rglob("*.gold.json"), None) is not None:
        return "eval-json"
    raise ValueError(f"{folder}: no gold files (looked for *.tml and *.gold.json)")


def gold_files(folder: Path, fmt: str) -> list[Path]:
    """The gold files of ``folder`` (recursive, sorted) for format ``fmt``."""
    return sorted(folder.rglob("*.tml" if fmt == "timeml" else "*.gold.json"))


def evaluate(gold_dir: str | Path, fmt: str | None = None, *, settings: Settings | None = None,
             limit: int | None = None) -> Report:
    """Run the pipeline on every gold document of ``gold_dir`` and score it.

    ``fmt``: ``timeml``, ``eval-json`` or ``None`` (detected, ``detect_format``); ``settings``: the
    options of the run (``Settings.lang``: the documents' language, ``None`` to detect it per
    document; the DCT is the gold's, never ``Settings.dct``); ``limit``: score only the first
    files. A document that cannot be read or processed is reported in its ``FileReport.failure``
    and counts its gold TIMEX3s as missed; the others are still scored. Raises ``ValueError``
    for a folder without gold files or an unknown format."""
    from . import documents, pipeline
    from .model import DocumentError

    lang = (settings or Settings()).lang
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder")
    fmt = fmt or detect_format(folder)
    if fmt not in FORMATS:
        raise ValueError(f"unknown gold format {fmt!r}: expected one of {', '.join(FORMATS)}")
    files = gold_files(folder, fmt)[:limit]
    if not files:
        raise ValueError(f"{folder}: no {fmt} gold files")
    reports = []
    for path in files:
        rep = FileReport(path.name)
        reports.append(rep)
        try:
            if fmt == "timeml":
                gd = read_timeml(path)
                rep.name = gd.name
                result = pipeline.extract(gd.text, dct=gd.dct, lang=lang, doc_id=gd.name)
            else:
                gd = read_eval_gold(path)
                rep.name = gd.name
                doc = next(iter(documents.load_documents([str(gd.article)], lang=lang)))
                if isinstance(doc, DocumentError):
                    raise ValueError(str(doc))
                result = pipeline.extract_document(doc)
        except Exception as exc:  # noqa: BLE001 - one bad file never loses the folder
            rep.failure = str(exc) if isinstance(exc, (ValueError, OSError)) else f"{type(exc).__name__}: {exc}"
            continue
        rep.dct = result.documents[0].dct
        text = result.documents[0].text
        rep.counts = score_timexes(gd.timexes, result.timexes, rep.errors, text)
        if gd.gold is not None:
            rep.score = score_extraction(gd.gold, result.to_dict())
    return Report(str(folder), fmt, reports)


def format_report(report: Report, *, errors: bool = False) -> str:
    """The report as text: one line per file, then the overall figures (and the error lines of
    each file with ``errors``)."""
    lines = []
    head = f"{'file':32} {'gold':>5} {'found':>5} {'strict':>6} {'relax':>6} {'type':>6} {'value':>6} {'valF1':>6}"
    lines.append(head)
    for f in report.files:
        if f.failure:
            lines.append(f"{f.name[:32]:32} failed: {f.failure}")
            continue
        x = f.counts.figures()
        line = (f"{f.name[:32]:32} {f.counts.gold:5d} {f.counts.found:5d} {x['strict_f1']:6.3f} "
                f"{x['relaxed_f1']:6.3f} {x['type_accuracy']:6.3f} {x['value_accuracy']:6.3f} {x['value_f1']:6.3f}")
        if f.score is not None:
            s = f.score
            line += (f"  org R {s['org_recall']:.3f} P {s['org_precision']:.3f}  ev R {s['event_recall']:.3f} "
                     f"P {s['event_precision']:.3f}  part R {s['participant_recall']:.3f}"
                     f"  neg {len(s['timex_negative_hits'])}  dct {f.dct}")
        lines.append(line)
        if errors:
            lines.extend(f"    {e}" for e in f.errors)
    o = report.overall()
    lines.append("")
    lines.append(f"TempEval-3 {Path(report.folder).name} ({report.format}): {o['files']} files"
                 + (f" ({o['failed']} failed)" if o["failed"] else "")
                 + f", {o['gold']} gold TIMEX3, {o['found']} found")
    lines.append(f"strict   P {o['strict_p']:.3f} R {o['strict_r']:.3f} F1 {o['strict_f1']:.3f}")
    lines.append(f"relaxed  P {o['relaxed_p']:.3f} R {o['relaxed_r']:.3f} F1 {o['relaxed_f1']:.3f}")
    lines.append(f"type     accuracy {o['type_accuracy']:.3f} F1 {o['type_f1']:.3f}")
    lines.append(f"value    accuracy {o['value_accuracy']:.3f} F1 {o['value_f1']:.3f}")
    if "score" in o:
        s = o["score"]
        lines.append("score.py (micro): " + ", ".join(f"{k} {v}" for k, v in s.items()))
    return "\n".join(lines)
