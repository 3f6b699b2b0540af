#!/usr/bin/env python3
"""Take the README screenshot of the timeline page with headless Chromium (Debian's ``chromium``
and ``chromium-driver``; browser downloads are not needed).

Usage::

    python scripts/screenshot.py [HTML] [--out docs/screenshot.png] [--seed SEED.txt]
                                 [--width 1400] [--height 1360] [--select ID] [--event ID]

``HTML`` defaults to ``examples/seed/timeline.html``.  With ``--seed`` the page is first built
from that article with ``timeline.extract`` + ``timeline.render.render_html`` (written to ``HTML`` by
``timeline.export.atomic_write``).
``--select`` clicks an actor of the list first (by entity id, or ``top`` for the most active);
``--event`` opens an event's source (id, or ``first``).  The browser runs with the network off
(``--proxy-server`` to a closed port), so the picture is of the offline page.
Prints the load time (navigation start to the page's ready flag) and the path written.
Needs ``selenium`` (the ``test`` extra).  Exit status 2 when Chromium or chromedriver is missing.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=zh-CN",
    # WebGL (the scattergl markers of a large page) in software: no GPU here
    "--enable-unsafe-swiftshader",
    # network off: every http(s) request goes to a closed local port
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
)


def find_browser() -> tuple[str, str] | None:
    """Paths of ``chromium`` and ``chromedriver``, or ``None`` when either is absent."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def start_driver(width: int = 1400, height: int = 1100, profile: str | None = None):
    """A selenium Chrome driver on Debian's Chromium, headless, network off, browser console
    logged (``goog:loggingPrefs``).  Raises ``RuntimeError`` when Chromium is absent."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find_browser()
    if found is None:
        raise RuntimeError("chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)")
    browser, driver = found
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--window-size={width},{height}")
    opts.add_argument(f"--user-data-dir={profile or tempfile.mkdtemp(prefix='timeline-chromium-')}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=opts)


def wait_ready(drv, timeout: float = 20.0) -> float:
    """Wait until the page script has drawn both figures; returns seconds since navigation start."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(drv, timeout).until(
        lambda d: d.execute_script("return document.body && document.body.getAttribute('data-ready') === '1'"))
    return drv.execute_script(
        "var n = performance.getEntriesByType('navigation')[0];"
        "return (performance.now() - (n ? n.startTime : 0)) / 1000;")


def build_from_seed(seed: Path, html: Path) -> Path:
    import timeline
    from timeline.export import atomic_write
    from timeline.render import render_html

    extraction = timeline.extract(seed.read_text(encoding="utf-8"), doc_id="d1")
    return atomic_write(html, render_html(extraction))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("html", nargs="?", default=str(ROOT / "examples" / "seed" / "timeline.html"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    ap.add_argument("--seed", help="build HTML from this article first")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1360)
    ap.add_argument("--select", help="entity id to select first, or 'top'")
    ap.add_argument("--event", help="event id to open, or 'first'")
    args = ap.parse_args(argv)
    html = Path(args.html).resolve()
    if args.seed:
        build_from_seed(Path(args.seed), html)
    if not html.exists():
        print(f"{html}: no such page (build it, or pass --seed)", file=sys.stderr)
        return 1
    if find_browser() is None:
        print("chromium/chromedriver not found (Debian: apt-get install chromium chromium-driver)", file=sys.stderr)
        return 2
    drv = start_driver(args.width, args.height)
    try:
        drv.get(html.as_uri())
        seconds = wait_ready(drv)
        if args.select:
            target = args.select
            if target == "top":
                target = drv.execute_script("var b = document.querySelector('#actor-list button');"
                                            "return b ? b.getAttribute('data-entity') : null;")
            if target:
                drv.execute_script("return window.timelineSelectEntity(arguments[0]);", target)
        if args.event:
            target = args.event
            if target == "first":
                target = drv.execute_script("var r = document.querySelector('#event-table tr.event-row');"
                                            "return r ? r.getAttribute('data-event') : null;")
            if target:
                drv.execute_script("return window.timelineShowEvent(arguments[0]);", target)
        time.sleep(0.5)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        drv.save_screenshot(str(out))
        errors = [e for e in drv.get_log("browser") if e.get("level") == "SEVERE"]
    finally:
        drv.quit()
    print(f"ready in {seconds:.2f} s; screenshot {out}")
    for e in errors:
        print(f"console error: {e.get('message')}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
