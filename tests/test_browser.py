"""The page in a real browser: headless Debian Chromium through selenium, network off, page opened
from disk.  Finds both figures, clicks an organisation, an event and the reset, searches, saves a
screenshot, and checks the console stayed clean and the page was ready within 2 s.

Skipped (with the reason) when chromium, chromedriver or selenium is absent; CI installs the
Debian packages ``chromium`` and ``chromium-driver``.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from render_fixtures import synthetic_extraction

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"
EXAMPLE = ROOT / "examples" / "seed" / "timeline.html"
READY_SECONDS = float(os.environ.get("TIMELINE_READY_SECONDS", "1.0"))
"""The seed page, inline plotly.js, to both figures drawn (better of two loads; issue 14 asks
for under 1 s on this machine: about 0.6-0.8 s). Raise it for a slow machine."""

pytestmark = pytest.mark.browser


def _helpers():
    spec = importlib.util.spec_from_file_location("timeline_screenshot", ROOT / "scripts" / "screenshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def shot():
    pytest.importorskip("selenium", reason="selenium is not installed (pip install '.[test]')")
    mod = _helpers()
    if mod.find_browser() is None:
        why = "chromium/chromedriver not found (Debian: apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):  # .ci/run installs them: a CI run must not pass by skipping
            pytest.fail(why)
        pytest.skip(why)
    return mod


@pytest.fixture(scope="module")
def driver(shot, tmp_path_factory):
    drv = shot.start_driver(1400, 1000, profile=str(tmp_path_factory.mktemp("chromium-profile")))
    yield drv
    drv.quit()


def _seed_page(tmp: Path) -> Path:
    """The seed article's page, built now with the graph as ``timeline build`` does."""
    import timeline
    from timeline.export import atomic_write
    from timeline.graph import build_graph
    from timeline.render import render_html

    extraction = timeline.extract(SEED.read_text(encoding="utf-8"), doc_id="d1")
    assert any((e.date or {}).get("start") for e in extraction.events), "no dated event for the seed"
    return atomic_write(tmp / "seed" / "timeline.html", render_html(extraction, build_graph(extraction)))


@pytest.fixture(scope="module", params=["synthetic", "seed", "example"])
def page(request, tmp_path_factory) -> Path:
    """``synthetic``: the fixture extraction; ``seed``: the seed article through the pipeline now;
    ``example``: the committed ``examples/seed/timeline.html``."""
    tmp = tmp_path_factory.mktemp(f"page-{request.param}")
    if request.param == "synthetic":
        from timeline.export import atomic_write
        from timeline.render import render_html

        return atomic_write(tmp / "timeline.html", render_html(synthetic_extraction()))
    if request.param == "example":
        assert EXAMPLE.exists(), \
            f"{EXAMPLE} is not built (timeline build seeds/000_b0a8ce1bfdd55632.txt -o examples/seed)"
        return EXAMPLE
    return _seed_page(tmp)


def _state(drv):
    return drv.execute_script("return window.timelineState();")


def _wait(drv, predicate, timeout=8.0):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(drv, timeout).until(lambda d: predicate(d))


def _records(drv):
    from timeline.render import event_records

    data = drv.execute_script("return window.timelineData();")
    return data, {r["id"]: r for r in event_records(data)}


def _load(drv, shot, url: str) -> float:
    drv.get(url)
    return shot.wait_ready(drv)


def _errors(drv):
    return [e for e in drv.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]


# Viewport pixel of the marker whose customdata is ``id`` in a Plotly figure.
PIXEL_OF = """
var gd = document.getElementById(arguments[0]), id = arguments[1], fl = gd._fullLayout;
gd.scrollIntoView();
for (var t = 0; t < gd.data.length; t++) {
  var tr = gd.data[t];
  if (tr.name === "labels") continue;
  var i = (tr.customdata || []).indexOf(id);
  if (i < 0) continue;
  var r = gd.getBoundingClientRect();
  return [r.left + fl._size.l + fl.xaxis.l2p(fl.xaxis.d2l(tr.x[i])),
          r.top + fl._size.t + fl.yaxis.l2p(fl.yaxis.d2l(tr.y[i]))];
}
return null;
"""


def _click_figure(drv, figure: str, item: str, click: bool = True) -> None:
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    xy = drv.execute_script(PIXEL_OF, figure, item)
    assert xy is not None, f"{item} is not drawn in #{figure}"
    actions = ActionBuilder(drv)
    actions.pointer_action.move_to_location(int(round(xy[0])), int(round(xy[1])))
    actions.pointer_action.pause(0.3)
    if click:
        actions.pointer_action.click()
    actions.perform()


def test_page_offline_click_filter_search_reset(driver, shot, page):
    from selenium.webdriver.common.by import By

    driver.get_log("browser")
    times = [_load(driver, shot, page.as_uri()) for _ in range(2)]
    assert min(times) < max(READY_SECONDS, 2.0), f"page ready after {min(times):.2f} s (loads: {times})"
    assert driver.execute_script("return typeof Plotly === 'object' && !!Plotly.react;")
    assert len(driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")) == 2
    data, recs = _records(driver)
    dated = {i for i, r in recs.items() if r["cls"] != "none"}
    state = _state(driver)
    assert set(state["drawn"]) == dated and len(state["drawn"]) == len(dated), "every dated event is drawn once"
    listed = {li.get_attribute("data-event") for sel in ("#undated-list li", "#periods-list li")
              for li in driver.find_elements(By.CSS_SELECTOR, sel)}
    assert listed == {i for i, r in recs.items() if r["cls"] in ("none", "period")}

    # A real click on an organisation of the list filters every view to its events.
    orgs = [k for k, t in zip(data["ents"]["id"], data["ents"]["type"], strict=True) if t == "ORG"]
    target = orgs[-1]
    driver.find_element(By.CSS_SELECTOR, f'#actor-list button[data-entity="{target}"]').click()
    _wait(driver, lambda d: _state(d)["actor"] == target)
    mine = {i for i, r in recs.items() if any(p["id"] == target for p in r["participants"])}
    assert set(_state(driver)["visible"]) == mine and set(_state(driver)["drawn"]) == mine & dated

    # A click on a story row shows its source with the time expression marked.
    row = driver.find_element(By.CSS_SELECTOR, "#story tr.event-row")
    ev_id = row.get_attribute("data-event")
    row.find_element(By.CSS_SELECTOR, ".title").click()
    _wait(driver, lambda d: _state(d)["event"] == ev_id)
    if recs[ev_id]["written"]:
        marks = driver.find_elements(By.CSS_SELECTOR, "#detail .source mark.timex")
        assert recs[ev_id]["written"] in [m.text for m in marks]
    source = driver.find_element(By.CSS_SELECTOR, "#detail .source").text
    assert source.replace("\n", "") == recs[ev_id]["src"].replace("\n", "")

    # Reset, then search in the box; a hover shows the date as written and normalised.
    driver.find_element(By.ID, "reset").click()
    _wait(driver, lambda d: _state(d)["actor"] == "" and set(_state(d)["drawn"]) == dated)
    word = recs[ev_id]["title"][:4]
    driver.find_element(By.ID, "search").send_keys(word)
    _wait(driver, lambda d: _state(d)["q"] == word)
    assert ev_id in _state(driver)["visible"] and set(_state(driver)["drawn"]) <= set(_state(driver)["visible"])
    driver.find_element(By.ID, "reset").click()
    _wait(driver, lambda d: _state(d)["q"] == "")
    hovered = sorted(dated)[0]
    _click_figure(driver, "timeline", hovered, click=False)
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline .hoverlayer .hovertext"))
    hover_text = driver.find_element(By.CSS_SELECTOR, "#timeline .hoverlayer .hovertext").text
    assert recs[hovered]["value"] in hover_text

    # Real clicks on the figures: an organisation node, then a marker of the timeline.
    top = orgs[0]
    _click_figure(driver, "network", top)
    _wait(driver, lambda d: _state(d)["actor"] == top)
    item = sorted({i for i, r in recs.items() if any(p["id"] == top for p in r["participants"])} & dated)[0]
    _click_figure(driver, "timeline", item)
    _wait(driver, lambda d: _state(d)["event"] == item)
    assert driver.find_element(By.CSS_SELECTOR, "#detail h2").text == recs[item]["title"]

    # Lanes by person and by document.
    from selenium.webdriver.support.select import Select

    driver.find_element(By.ID, "reset").click()
    for mode in ("person", "document"):
        Select(driver.find_element(By.ID, "lane-mode")).select_by_value(mode)
        _wait(driver, lambda d, m=mode: _state(d)["lanes"] == m)
        assert set(_state(driver)["drawn"]) == dated
    driver.find_element(By.ID, "reset").click()
    assert _errors(driver) == []


def test_seed_labels_are_visible_without_hover(driver, shot, tmp_path):
    """The seed page: short titles written on the timeline (no hover), none overlapping another."""
    page = _seed_page(tmp_path)
    driver.get_log("browser")
    times = [_load(driver, shot, page.as_uri()) for _ in range(2)]
    assert min(times) < READY_SECONDS, f"seed page ready after {min(times):.2f} s (loads: {times}); issue 14: < 1 s"
    assert page.stat().st_size <= 1.5 * 1024 * 1024
    _, recs = _records(driver)
    labelled = _state(driver)["labelled"]
    assert len(labelled) >= 10
    boxes = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#timeline .textpoint text'), function (t) {"
        " var r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; });")
    shown = [b for b in boxes if b[0].strip()]
    assert len(shown) == len(labelled)
    assert all(b[0].strip() for b in shown)
    titles = {recs[i]["title"][:5] for i in labelled}
    assert any(b[0].strip()[:5] in titles for b in shown)
    for i, a in enumerate(shown):             # collision-free: no two label boxes overlap
        for b in shown[i + 1:]:
            assert a[3] <= b[1] + 1 or b[3] <= a[1] + 1 or a[4] <= b[2] + 1 or b[4] <= a[2] + 1, (a, b)
    assert _errors(driver) == []


def test_date_range_filter_and_shareable_address(driver, shot, tmp_path):
    page = _seed_page(tmp_path)
    _load(driver, shot, page.as_uri())
    _, recs = _records(driver)
    set_date = ("var i = document.getElementById(arguments[0]); i.value = arguments[1];"
                "i.dispatchEvent(new Event('change', {bubbles: true}));")
    driver.execute_script(set_date, "date-from", "2017-01-01")
    driver.execute_script(set_date, "date-to", "2017-06-30")
    _wait(driver, lambda d: _state(d)["from"] == "2017-01-01" and _state(d)["to"] == "2017-06-30")
    lo, hi = _day("2017-01-01"), _day("2017-07-01")
    want = {i for i, r in recs.items() if r["x0"] is not None and r["x0"] < hi and max(r["x1"], r["x0"]) > lo}
    state = _state(driver)
    assert set(state["visible"]) == want and want and len(want) < len(recs)
    x_range = driver.execute_script("return document.getElementById('timeline')._fullLayout.xaxis.range;")
    assert x_range[0][:10] == "2017-01-01" and x_range[1][:10] == "2017-07-01"
    # Kind and confidence filters join; the address holds the whole state.
    kind = recs[sorted(want)[0]]["kind"]
    driver.find_element("css selector", f'#kinds button[data-kind="{kind}"]').click()
    _wait(driver, lambda d: _state(d)["kinds"] == [kind])
    shown = set(_state(driver)["visible"])
    assert shown == {i for i in want if recs[i]["kind"] == kind}
    url = driver.current_url
    assert "from=2017-01-01" in url and "to=2017-06-30" in url and "kinds=" in url
    # Reloaded from the address (a shared link), the page shows the same view.
    driver.get("about:blank")
    _load(driver, shot, url)
    again = _state(driver)
    assert (again["from"], again["to"], again["kinds"]) == ("2017-01-01", "2017-06-30", [kind])
    assert set(again["visible"]) == shown
    assert driver.find_element("id", "date-from").get_attribute("value") == "2017-01-01"
    driver.find_element("id", "reset").click()
    _wait(driver, lambda d: _state(d)["from"] == "" and "#" not in d.current_url)
    assert _errors(driver) == []


def _day(iso: str) -> int:
    from datetime import date

    return (date.fromisoformat(iso) - date(1970, 1, 1)).days


def test_csv_export_holds_what_is_shown(driver, shot, tmp_path):
    import csv
    import io

    page = _seed_page(tmp_path)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    _load(driver, shot, page.as_uri())
    _, recs = _records(driver)
    orgs = driver.execute_script("return window.timelineData().ents.id;")
    driver.execute_script("return window.timelineSetFilters({actor: arguments[0]});", orgs[0])
    _wait(driver, lambda d: _state(d)["actor"] == orgs[0])
    visible = _state(driver)["visible"]
    driver.find_element("css selector", '[data-export="csv"]').click()
    _wait(driver, lambda d: list(downloads.glob("*.csv")) and not list(downloads.glob("*.crdownload")))
    raw = next(downloads.glob("*.csv")).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                   # UTF-8 with a BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert sorted(r["id"] for r in rows) == sorted(visible)
    for r in rows:
        rec = recs[r["id"]]
        assert r["title"] == rec["title"] and r["date_value"] == rec["value"] and r["date_written"] == rec["written"]
        assert r["time"] == rec["cls"] and r["source_text"] == rec["src"]
    text = driver.execute_script("return window.timelineExport('json', false);")
    import json

    assert [e["id"] for e in json.loads(text)["events"]] == [r["id"] for r in rows]
    png = driver.execute_async_script("var done = arguments[0]; window.timelineExport('png', false).then(done);")
    assert png.startswith("data:image/png;base64,")
    svg = driver.execute_async_script("var done = arguments[0]; window.timelineExport('svg', false).then(done);")
    assert svg.startswith("data:image/svg+xml")
    assert _errors(driver) == []


def test_rendered_edited_events_json_shows_the_corrections(driver, shot, tmp_path):
    """``timeline render`` of an events.json with one event deleted and one date fixed by hand."""
    import json
    import subprocess
    import sys

    import timeline
    from timeline import export

    ex = timeline.extract(SEED.read_text(encoding="utf-8"), doc_id="d1")
    export.write_events_json(ex, tmp_path / "events.json")
    data = json.loads((tmp_path / "events.json").read_text(encoding="utf-8"))
    dated = [e for e in data["events"] if (e["date"] or {}).get("start")]
    gone, fixed = dated[0]["id"], dated[1]["id"]
    data["events"] = [e for e in data["events"] if e["id"] != gone]
    next(e for e in data["events"] if e["id"] == fixed)["date"] = {"value": "2013-05-20"}
    (tmp_path / "events.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "timeline.cli", "render", "events.json", "-o", "page.html"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    _load(driver, shot, (tmp_path / "page.html").as_uri())
    _, recs = _records(driver)
    state = _state(driver)
    assert gone not in state["visible"] and gone not in state["drawn"]
    assert fixed in state["drawn"] and recs[fixed]["cls"] == "point" and recs[fixed]["x0"] == _day("2013-05-20")
    x_range = driver.execute_script("return document.getElementById('timeline')._fullLayout.xaxis.range;")
    assert x_range[0][:4] <= "2013"                    # the fixed date widened the axis
    row = driver.find_element("css selector", f'#story tr[data-event="{fixed}"]')
    assert "2013-05-20" in row.text
    assert _errors(driver) == []
