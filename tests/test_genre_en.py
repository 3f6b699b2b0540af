"""English news of the genre (issue 15): the reproductions of the issue as tests holding the right
entities and events, and the invented articles of ``tests/genre_en/`` (an organisation's
activities over several years, gold in the shared eval format) scored by ``timeline.evaluate``
with floors, their events and organisations present in the page and the graph."""
from __future__ import annotations

from pathlib import Path

import pytest

import timeline
from timeline import evaluate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "genre_en"

# micro means of score.py's figures over tests/genre_en, lowest acceptable value
FLOORS = {"timex_value_f1": 0.95, "timex_strict_f1": 0.95, "org_recall": 0.95, "org_precision": 0.95,
          "event_recall": 0.90, "event_precision": 0.95, "participant_recall": 0.90}


def _orgs(result):
    return [e for e in result.entities if e.type == "ORG"]


def _dated(result):
    return sorted((e.date or {}).get("value") for e in result.events if e.timex)


def test_an_acronym_defined_in_the_text_is_one_organisation_with_two_dated_events():
    r = timeline.extract("The Harbor Valley Development Fund (HVDF) was created in 1998. In 2003, HVDF "
                         "opened a training centre.", dct="2017-03-14", lang="en")
    (org,) = _orgs(r)
    assert org.name == "Harbor Valley Development Fund" and org.aliases == ["HVDF"]
    assert [m.text for m in org.mentions] == ["Harbor Valley Development Fund", "HVDF", "HVDF"]
    assert _dated(r) == ["1998", "2003"]
    assert all(org.id in [p.entity for p in e.participants] for e in r.events)


def test_two_bodies_joined_by_and_sign_one_agreement():
    r = timeline.extract("On May 4, 2012, the Central Bank of Ruritania and the Ministry of Finance signed "
                         "an agreement.", dct="2016-06-02", lang="en")
    assert sorted(o.name for o in _orgs(r)) == ["Central Bank of Ruritania", "Ministry of Finance"]
    (event,) = r.events
    assert event.date["value"] == "2012-05-04" and event.trigger == "signed"
    assert {p.entity for p in event.participants} == {o.id for o in _orgs(r)}


def test_next_january_seen_from_new_years_eve():
    r = timeline.extract("The new rules take effect next January.", dct="2017-12-31", lang="en")
    assert [(t.text, t.value) for t in r.timexes] == [("next January", "2018-01")]


def test_sizes_scores_and_reference_numbers_are_no_dates():
    r = timeline.extract("Storage use reached 100M and the table lists 73 20 as the score. Reference number "
                         "2882015 was assigned.", dct="2017-12-31", lang="en")
    assert r.timexes == [] and r.events == []


def test_a_preceding_adverbial_does_not_hide_the_date():
    """Issue 17 item 11: a capitalised preposition after a lower-case word opens a new sentence
    (its full stop is missing), so the date opens the clause of ``approved``."""
    r = timeline.extract("The minister said some weeks ago On March 3, 2015, the board of the fund approved "
                         "the plan.", dct="2016-06-02", lang="en")
    assert [(t.text, t.value) for t in r.timexes][-1] == ("March 3, 2015", "2015-03-03")
    assert [(e.trigger, e.date["value"]) for e in r.events] == [("approved", "2015-03-03")]


def test_a_pronoun_subject_and_a_definite_description_stand_for_the_bank():
    r = timeline.extract("The Central Bank of Ruritania was founded in 1950. In 2012, it signed an agreement "
                         "with the Ministry of Finance. In 2014, the central bank opened a branch in Eastport.",
                         dct="2016-06-02", lang="en")
    bank, ministry = _orgs(r)
    assert (bank.name, ministry.name) == ("Central Bank of Ruritania", "Ministry of Finance")
    assert [m.text for m in bank.mentions] == ["Central Bank of Ruritania", "central bank"]
    got = [(e.trigger, e.date["value"], {p.entity: p.role for p in e.participants}) for e in r.events]
    assert got == [("founded", "1950", {bank.id: "patient"}),
                   ("signed", "2012", {bank.id: "agent", ministry.id: "partner"}),
                   ("opened", "2014", {bank.id: "agent"})]


def test_an_impersonal_it_and_an_object_it_stand_for_no_body():
    r = timeline.extract("Acme Corporation was founded in 2001. In 2012, it was reported that the ministry "
                         "approved it.", dct="2016-06-02", lang="en")
    (acme,) = _orgs(r)
    later = [e for e in r.events if e.date["value"] == "2012"]
    assert later and all(acme.id not in [p.entity for p in e.participants] for e in later)


@pytest.fixture(scope="module")
def report():
    return evaluate.evaluate(CORPUS, "eval-json")


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_genre_en_floor(report, metric):
    means = report.overall()["score"]
    assert means[metric] >= FLOORS[metric], f"{metric}: {means[metric]}"


def test_genre_en_has_no_never_date_hit_and_finds_each_page_date(report):
    import json

    assert report.overall()["score"]["negative_hits"] == 0
    for f in report.files:
        gold = json.loads((CORPUS / f"{f.name}.gold.json").read_text(encoding="utf-8"))
        assert f.dct == gold["document"]["dct"], f.name


def test_an_article_of_the_genre_in_the_graph_and_the_page():
    from timeline import graph, render

    result = timeline.extract_files([str(CORPUS / "03_cooperative_anniversary.txt")])
    g = graph.build_graph(result)
    events = [n for n, a in g.nodes(data=True) if a["type"] == "event" and a.get("date_value")]
    orgs = {a["name"] for _, a in g.nodes(data=True) if a["type"] == "org"}
    assert len(events) >= 6
    assert {"Westfield Rural Credit Association", "Red Valley Foundation"} <= orgs
    html = render.render_html(result, g, cdn=True)
    assert "Westfield Rural Credit Association" in html and "2005-10-12" in html
