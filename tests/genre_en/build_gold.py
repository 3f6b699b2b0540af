#!/usr/bin/env python3
"""Build the gold files of the English genre articles (``NN_slug.gold.json`` beside ``NN_slug.txt``).

Usage: python tests/genre_en/build_gold.py

Annotations are written here as (text, occurrence) pairs; every span is computed from the
article and checked (``text[a:b] == mention``), never typed by hand. The format is that of
``../shared/eval/README.md`` and ``tests/genre/*.gold.json``; conventions are in README.md here.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def span(text: str, s: str, n: int = 1) -> list[int]:
    """Half-open span of the ``n``-th occurrence of ``s`` (checked to exist)."""
    i = -1
    for _ in range(n):
        i = text.find(s, i + 1)
        if i < 0:
            raise ValueError(f"{s!r} occurs fewer than {n} times")
    assert text[i:i + len(s)] == s
    return [i, i + len(s)]


def tx(text, s, typ, value, n=1, required=True, **extra):
    return {"text": s, "span": span(text, s, n), "type": typ, "value": value, "required": required, **extra}


def ev(text, id_, anchor, value, participants, summary, n=1, required=True):
    return {"id": id_, "anchor": {"text": anchor, "span": span(text, anchor, n)}, "value": value,
            "summary": summary, "participants": participants, "required": required}


def neg(text, s, why, n=1):
    return {"text": s, "span": span(text, s, n), "why": why}


def article_01(text):
    hvdf = "Harbor Valley Development Fund"
    moa, nfa = "Ruritania Ministry of Agriculture", "Northern Farmers Association"
    rsb, ifad, ecc = "Ruritania Savings Bank", "International Fund for Agricultural Development", "Eastport Chamber of Commerce"
    return {
        "document": {"file": "01_development_fund_history.txt", "dct": "2017-03-14", "language": "en"},
        "timexes": [
            tx(text, "Twenty years", "DURATION", "P20Y"),
            tx(text, "March 14, 2017", "DATE", "2017-03-14", role="dct"),
            tx(text, "1998", "DATE", "1998"),
            tx(text, "its first year", "DATE", "1998", required=False),
            tx(text, "2003", "DATE", "2003"),
            tx(text, "Two years later", "DATE", "2005"),
            tx(text, "June 9, 2009", "DATE", "2009-06-09"),
            tx(text, "early 2010", "DATE", "2010", mod="START"),
            tx(text, "the past five years", "DURATION", "P5Y"),
            tx(text, "Monday", "DATE", "2017-03-13"),
            tx(text, "last year", "DATE", "2016"),
            tx(text, "this year", "DATE", "2017"),
            tx(text, "the first quarter of 2017", "DATE", "2017-Q1"),
            tx(text, "next January", "DATE", "2018-01"),
        ],
        "negatives": [
            neg(text, "+44 20 7946 0958", "telephone number"),
            neg(text, "2882015", "reference number"),
            neg(text, "15%", "percentage"),
            neg(text, "$50,000", "money"),
        ],
        "organisations": [
            {"name": hvdf, "aliases": ["HVDF"]},
            {"name": moa, "aliases": []},
            {"name": nfa, "aliases": []},
            {"name": rsb, "aliases": []},
            {"name": ifad, "aliases": ["IFAD"]},
            {"name": ecc, "aliases": []},
        ],
        "chrome_organisations": [],
        "acceptable_organisations": [],
        "events": [
            ev(text, "created", "1998", "1998", [hvdf, moa, nfa], "HVDF created by the ministry and the association"),
            ev(text, "training-centre", "2003", "2003", [hvdf], "HVDF opened a training centre in Eastport"),
            ev(text, "agreement", "Two years later", "2005", [hvdf, rsb], "HVDF signed a cooperation agreement with the bank"),
            ev(text, "programme-approved", "June 9, 2009", "2009-06-09", [], "the board approved a microcredit programme"),
            ev(text, "programme-launched", "early 2010", "2010", [ifad], "the programme was launched with IFAD support"),
            ev(text, "lending", "the past five years", "P5Y", [hvdf], "the fund lent more than $40 million", required=False),
            ev(text, "mobile-banking", "the first quarter of 2017", "2017-Q1", [hvdf, ecc], "HVDF and the chamber launched mobile banking"),
            ev(text, "new-branches", "next January", "2018-01", [hvdf], "the fund will open two branches", required=False),
        ],
    }


def article_02(text):
    cbr, mof, samc, imf = "Central Bank of Ruritania", "Ministry of Finance", "State Asset Management Company", "International Monetary Fund"
    return {
        "document": {"file": "02_central_bank_reform.txt", "dct": "2016-06-02", "language": "en"},
        "timexes": [
            tx(text, "2016-06-02", "DATE", "2016-06-02", role="dct"),
            tx(text, "May 4, 2012", "DATE", "2012-05-04"),
            tx(text, "September 2012", "DATE", "2012-09"),
            tx(text, "two years", "DURATION", "P2Y"),
            tx(text, "2014", "DATE", "2014"),
            tx(text, "March 2015", "DATE", "2015-03"),
            tx(text, "some weeks ago", "DATE", "PAST_REF"),
            tx(text, "March 3, 2015", "DATE", "2015-03-03"),
            tx(text, "Tuesday", "DATE", "2016-05-31"),
            tx(text, "the end of 2018", "DATE", "2018", mod="END"),
            tx(text, "the third quarter", "DATE", "2016-Q3"),
        ],
        "negatives": [
            neg(text, "100M", "a storage size"),
            neg(text, "73 20", "a score"),
            neg(text, "6%", "percentage"),
        ],
        "organisations": [
            {"name": cbr, "aliases": []},
            {"name": mof, "aliases": []},
            {"name": samc, "aliases": ["SAMC"]},
            {"name": imf, "aliases": []},
        ],
        "chrome_organisations": [],
        "acceptable_organisations": [],
        "events": [
            ev(text, "samc-agreement", "May 4, 2012", "2012-05-04", [cbr, mof], "the bank and the ministry signed an agreement creating SAMC"),
            ev(text, "samc-operations", "September 2012", "2012-09", [samc], "SAMC began operations"),
            ev(text, "novak-report", "2014", "2014", [], "the governor told parliament", required=False),
            ev(text, "imf-visit", "March 2015", "2015-03", [imf], "the IMF mission chief visited Ruritania"),
            ev(text, "plan-approved", "March 3, 2015", "2015-03-03", [], "the board of the fund approved the plan"),
            ev(text, "memorandum", "Tuesday", "2016-05-31", [samc], "the central bank and SAMC signed a memorandum"),
            ev(text, "sale-start", "the third quarter", "2016-Q3", [], "the sale will start", required=False),
        ],
    }


def article_03(text):
    wrca, wcc = "Westfield Rural Credit Association", "Westfield County Council"
    nfcu, wdc, rvf = "National Federation of Credit Unions", "Westfield Dairy Cooperative", "Red Valley Foundation"
    return {
        "document": {"file": "03_cooperative_anniversary.txt", "dct": "2015-10-12", "language": "en"},
        "timexes": [
            tx(text, "ten years", "DURATION", "P10Y"),
            tx(text, "12 October 2015", "DATE", "2015-10-12", role="dct"),
            tx(text, "12 October 2005", "DATE", "2005-10-12"),
            tx(text, "now", "DATE", "PRESENT_REF"),
            tx(text, "2007", "DATE", "2007"),
            tx(text, "The following year", "DATE", "2008"),
            tx(text, "August 2011", "DATE", "2011-08"),
            tx(text, "six months", "DURATION", "P6M"),
            tx(text, "Last year", "DATE", "2014"),
            tx(text, "Friday", "DATE", "2015-10-09"),
            tx(text, "a decade", "DURATION", "P10Y"),
            tx(text, "spring 2016", "DATE", "2016-SP"),
        ],
        "negatives": [
            neg(text, "4,200", "a count"),
            neg(text, "$250,000", "money"),
        ],
        "organisations": [
            {"name": wrca, "aliases": ["WRCA"]},
            {"name": wcc, "aliases": []},
            {"name": nfcu, "aliases": []},
            {"name": wdc, "aliases": []},
            {"name": rvf, "aliases": []},
        ],
        "chrome_organisations": [],
        "acceptable_organisations": [],
        "events": [
            ev(text, "founded", "12 October 2005", "2005-10-12", [wrca, wcc], "WRCA founded by families and the county council"),
            ev(text, "joined-federation", "2007", "2007", [wrca, nfcu], "the association joined the federation"),
            ev(text, "insurance-scheme", "The following year", "2008", [wrca, wdc], "WRCA and the dairy cooperative set up an insurance scheme"),
            ev(text, "flood-relief", "August 2011", "2011-08", [rvf, wrca], "the foundation donated to the WRCA relief fund"),
            ev(text, "branch", "Last year", "2014", [wrca], "WRCA opened its third branch"),
            ev(text, "annual-meeting", "Friday", "2015-10-09", [wrca], "the association held its annual meeting"),
            ev(text, "savings-product", "spring 2016", "2016-SP", [wrca], "the association plans a savings product", required=False),
        ],
    }


BUILDERS = {"01_development_fund_history": article_01, "02_central_bank_reform": article_02,
            "03_cooperative_anniversary": article_03}


def main() -> int:
    for stem, build in BUILDERS.items():
        text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
        gold = build(text)
        for t in gold["timexes"]:
            a, b = t["span"]
            assert text[a:b] == t["text"], t
        (HERE / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{stem}.gold.json: {len(gold['timexes'])} timexes, {len(gold['organisations'])} organisations, "
              f"{len(gold['events'])} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
