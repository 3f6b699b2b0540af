#!/usr/bin/env python3
"""Score `timeline` on the genre development corpus (tests/genre/) with the shared scorer.

Usage:
    python scripts/eval_genre.py [-v] [--api] [--shared DIR] [--corpus DIR] [--json FILE] [NAME ...]

For every ``tests/genre/*.txt`` (or only those whose file name contains one of the NAMEs) this
runs ``timeline extract FILE --format json`` (with ``--api``: ``timeline.extract_files([FILE])``
in this process instead), scores the result against ``FILE`` with ``.txt`` replaced by
``.gold.json`` using ``score.py`` of the shared evaluation kit, and prints one row per article:

    tx_val   timex_value_f1      (span overlaps a gold timex and the value is right)
    tx_str   timex_strict_f1     (exact span)
    org_R    org_recall          (gold organisations found under a name or alias)
    org_P    org_precision       (found organisations that are gold or acceptable)
    ev_R     event_recall        (required gold events anchored on their timex with the right date)
    ev_P     event_precision     (result events anchored on a gold event's timex with its date)
    part_R   participant_recall  (gold participants named by the events found)
    neg      negatives hit       (strings that must never be dates but were tagged)
    off      offset errors       (result timexes whose offsets do not point at their text)

followed by the macro mean (mean of the rows) and the micro mean (computed from the summed
counts). With ``-v`` it also prints, per article, the missed timexes, wrong values, false
positives, negatives hit, missed and unexpected organisations, chrome organisations used as
participants, and each missed required event with what the tool did at its anchor.

Options:
    --shared DIR   the shared evaluation kit holding score.py (default: ../shared/eval relative
                   to the repository root, i.e. /work/shared/eval)
    --corpus DIR   folder of NN_slug.txt + NN_slug.gold.json pairs (default: tests/genre)
    --api          use the Python API instead of the CLI (faster, same code path for extraction)
    --json FILE    also write every article's full score (and the means) as JSON to FILE

Exit status 0 when every article was extracted and scored, 1 otherwise.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared" / "eval"
DEFAULT_CORPUS = ROOT / "tests" / "genre"

COLUMNS = [("tx_val", "timex_value_f1"), ("tx_str", "timex_strict_f1"), ("org_R", "org_recall"),
           ("org_P", "org_precision"), ("ev_R", "event_recall"), ("ev_P", "event_precision"),
           ("part_R", "participant_recall")]


def load_scorer(shared: Path):
    path = shared / "score.py"
    if not path.is_file():
        sys.exit(f"eval_genre: no score.py in {shared} (use --shared DIR)")
    spec = importlib.util.spec_from_file_location("genre_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def extract_cli(path: Path) -> dict:
    exe = shutil.which("timeline")
    cmd = [exe] if exe else [sys.executable, "-m", "timeline"]
    proc = subprocess.run(cmd + ["extract", str(path), "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {proc.stderr.strip()[-500:]}")
    if proc.stderr.strip():
        print(f"  [{path.name}] stderr: {proc.stderr.strip()}", file=sys.stderr)
    return json.loads(proc.stdout)


def extract_api(path: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    import timeline
    res = timeline.extract_files([str(path)])
    return res.to_dict()


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def micro(scores: list[dict]) -> dict:
    """Micro means from the counts score.py reports."""
    tc = {k: sum(s["timex_counts"][k] for s in scores) for k in scores[0]["timex_counts"]}
    oc = {k: sum(s["org_counts"][k] for s in scores) for k in scores[0]["org_counts"]}
    ec = {k: sum(s["event_counts"][k] for s in scores) for k in scores[0]["event_counts"]}
    def d(a, b):
        return a / b if b else 0.0
    return {
        "timex_value_f1": f1(d(tc["found_value"], tc["found"]), d(tc["value"], tc["gold"])),
        "timex_strict_f1": f1(d(tc["found_strict"], tc["found"]), d(tc["strict"], tc["gold"])),
        "org_recall": d(oc["gold_found"], oc["gold"]),
        "org_precision": d(oc["correct"], oc["found"]),
        "event_recall": d(ec["found"], ec["required"]),
        "event_precision": d(ec["precise"], ec["output"]),
        "participant_recall": d(ec["participants_found"], ec["participants"]),
        "negatives": sum(len(s["timex_negative_hits"]) for s in scores),
        "offsets": sum(len(s.get("offset_errors", [])) for s in scores),
    }


def event_diagnosis(gold: dict, res: dict) -> list[str]:  # noqa: C901 - a report: one branch per kind of miss
    """For each missed required gold event: what the result has at the anchor."""
    out = []
    tx = res.get("timexes", [])
    ents = {e["id"]: e.get("name") for e in res.get("entities", [])}
    for g in gold.get("events", []):
        if not g.get("required", True):
            continue
        s, e = g["anchor"]["span"]
        hits = [t for t in tx if t["start"] < e and s < t["end"]]
        evs = [ev for ev in res.get("events", []) if any(ev.get("timex") == t.get("id") for t in hits)]
        def val(ev):
            return (ev.get("date") or {}).get("value") if isinstance(ev.get("date"), dict) else ev.get("date")
        ok = [ev for ev in evs if (val(ev) or "").upper() == g["value"].upper()
              or any(t.get("id") == ev.get("timex") and (t.get("value") or "").upper() == g["value"].upper()
                     for t in hits)]
        if ok:
            continue
        if not hits:
            why = "anchor timex not tagged"
        elif not evs:
            why = "timex tagged as " + ", ".join(f'{t["text"]}={t.get("value")}' for t in hits) + ", but no event on it"
        else:
            why = "event on it has date " + ", ".join(str(val(ev)) for ev in evs) + f" (want {g['value']})"
        out.append(f'{g["id"]} [{g["anchor"]["text"]}] {g.get("summary", "")}: {why}')
    # participants of found events: which gold participants the tool's events do not name
    names = {}
    for o in gold.get("organisations", []):
        for n in [o["name"]] + o.get("aliases", []):
            names.setdefault(n, set()).add(o["name"])
    ent_gold = {}
    for e in res.get("entities", []):
        got = set()
        if (e.get("type") or "").upper() in ("ORG", "ORGANIZATION", "ORGANISATION"):
            for n in [e.get("name", "")] + list(e.get("aliases", [])):
                got |= names.get(n, set())
        ent_gold[e["id"]] = got
    types = {e["id"]: e.get("type") for e in res.get("entities", [])}
    for g in gold.get("events", []):
        if not g.get("required", True) or not g["participants"]:
            continue
        s, e = g["anchor"]["span"]
        ids = {t.get("id") for t in tx if t["start"] < e and s < t["end"]}
        evs = [ev for ev in res.get("events", []) if ev.get("timex") in ids]
        if not evs:
            continue
        pids = [p["entity"] if isinstance(p, dict) else p for ev in evs for p in ev.get("participants", [])]
        got = set().union(*[ent_gold.get(p, set()) for p in pids]) if pids else set()
        missing = [p for p in g["participants"] if p not in got]
        if missing:
            tool = sorted({f"{ents.get(p, '?')}/{types.get(p)}" for p in pids})
            out.append(f'  participants {g["id"]}: missing {missing}; tool named {tool}')
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--api", action="store_true")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    scorer = load_scorer(a.shared)
    files = sorted(p for p in a.corpus.glob("*.txt") if not a.names or any(n in p.name for n in a.names))
    if not files:
        print(f"eval_genre: no articles in {a.corpus}", file=sys.stderr)
        return 1
    rows, failed, full = [], 0, {}
    for path in files:
        gold_path = path.with_name(path.name[:-4] + ".gold.json")
        if not gold_path.is_file():
            print(f"eval_genre: {path.name}: no gold file, skipped", file=sys.stderr)
            failed += 1
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            res = extract_api(path) if a.api else extract_cli(path)
        except Exception as exc:  # report and go on with the other articles
            print(f"eval_genre: {path.name}: extraction failed: {exc}", file=sys.stderr)
            failed += 1
            continue
        sc = scorer.score(gold, res)
        sc["offset_errors"] = scorer.check_offsets(res, path.read_text(encoding="utf-8"))
        docs = res.get("documents", [])
        sc["dct_found"] = docs[0].get("dct") if docs else None
        sc["dct_gold"] = gold["document"].get("dct")
        rows.append((path.stem, sc, gold, res))
        full[path.stem] = sc
    if not rows:
        return 1
    w = max(len(r[0]) for r in rows) + 1
    head = f'{"article":<{w}}' + "".join(f"{c:>8}" for c, _ in COLUMNS) + f'{"neg":>5}{"off":>5}  dct(tool/gold)'
    print(head)
    print("-" * len(head))
    for name, sc, _, _ in rows:
        dct = f'{sc["dct_found"]}/{sc["dct_gold"]}'
        print(f"{name:<{w}}" + "".join(f"{sc[k]:>8.3f}" for _, k in COLUMNS)
              + f'{len(sc["timex_negative_hits"]):>5}{len(sc["offset_errors"]):>5}  {dct}')
    print("-" * len(head))
    scores = [r[1] for r in rows]
    macro = {k: sum(s[k] for s in scores) / len(scores) for _, k in COLUMNS}
    mic = micro(scores)
    print(f'{"macro":<{w}}' + "".join(f"{macro[k]:>8.3f}" for _, k in COLUMNS)
          + f'{sum(len(s["timex_negative_hits"]) for s in scores):>5}{mic["offsets"]:>5}')
    print(f'{"micro":<{w}}' + "".join(f"{mic[k]:>8.3f}" for _, k in COLUMNS)
          + f'{mic["negatives"]:>5}{mic["offsets"]:>5}')
    if a.verbose:
        for name, sc, gold, res in rows:
            print(f"\n== {name}")
            if sc["dct_found"] != sc["dct_gold"]:
                print(f'  DCT: tool {sc["dct_found"]}, gold {sc["dct_gold"]}')
            for key, label in [("timex_missed", "missed timexes"), ("timex_wrong_values", "wrong values"),
                               ("timex_false_positives", "false positives"),
                               ("timex_negative_hits", "negatives hit"), ("offset_errors", "offset errors"),
                               ("org_missed", "missed orgs"), ("org_unexpected", "unexpected orgs"),
                               ("chrome_participants", "chrome orgs as participants")]:
                if sc.get(key):
                    print(f"  {label}: " + " | ".join(map(str, sc[key])))
            for line in event_diagnosis(gold, res):
                print(("  missed event " if not line.startswith("  ") else "  ") + line.strip())
    if a.json:
        a.json.write_text(json.dumps({"articles": full, "macro": macro, "micro": mic}, ensure_ascii=False,
                                     indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
