"""The built site driven in Debian's Chromium through Playwright (no browser download)."""
import re
from pathlib import Path

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def site_pages(site: Path) -> list[str]:
    skip = {"genindex.html", "search.html", "index.html"}
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if "_static" not in p.parts and not (p.parent == site and p.name in skip))


class Watch:
    """Records requests leaving the machine and errors (console errors, page errors, failed requests)."""

    def __init__(self, page, base: str):
        self.external, self.errors = [], []
        page.on("request", lambda r: self.external.append(r.url)
                if not r.url.startswith((base, "data:", "blob:", "about:")) else None)
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def visible_point(page, selector: str) -> tuple[float, float]:
    """A point where the element is the topmost thing under the mouse (markers sit on some countries)."""
    point = page.evaluate("""(selector) => {
        const el = document.querySelector(selector); const r = el.getBoundingClientRect();
        for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
            const x = r.x + r.width * i / 12, y = r.y + r.height * j / 12;
            if (document.elementFromPoint(x, y) === el) return [x, y];
        }
        return null; }""", selector)
    assert point, f"no visible point on {selector}"
    return tuple(point)


def open_map(page, server):
    watch = Watch(page, server)
    page.goto(f"{server}/book/map.html")
    page.wait_for_selector("html[data-map-ready='1']", timeout=20000)
    return watch


def test_map_page_has_a_polygon_for_every_state(page, server, shipped):
    watch = open_map(page, server)
    missing = [iso for iso in shipped.countries["iso3"] if page.locator(f"path.snap-today.country-{iso}").count() == 0]
    assert not missing
    assert not watch.external and not watch.errors, (watch.external, watch.errors)


def test_map_tooltip_popup_and_layers(page, server):
    watch = open_map(page, server)
    page.mouse.move(*visible_point(page, "path.snap-today.country-FRA"))
    tip = page.locator(".map-tooltip")
    tip.wait_for(state="visible")
    assert re.match(r"France: depth index \d+\.\d", tip.text_content())
    page.mouse.click(*visible_point(page, "path.snap-today.country-POL"))
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "Poland" in popup.text_content() and "Full profile of Poland" in popup.text_content()
    href = popup.locator("a").last.get_attribute("href")
    assert href.endswith("generated/profiles/poland.html")
    # the organisation overlays start off; switching NATO on draws its members
    assert page.locator("path.org-nato").count() == 0
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label(re.compile(r"Members: NATO$")).check()
    page.wait_for_selector("path.org-nato")
    assert page.locator("path.org-nato").count() >= 25
    # a time layer replaces today's choropleth
    page.get_by_label(re.compile("Depth index on 22 June 2016")).check()
    page.wait_for_selector("path.snap-2016-06")
    assert page.locator("path.snap-today").count() == 0
    # the legend and the accessible table are there
    assert "Depth index" in page.locator(".leaflet-control-legend").text_content()
    assert page.locator("table.map-table tbody tr").count() == 49
    assert not watch.external and not watch.errors, (watch.external, watch.errors)


def test_every_page_loads_clean_and_offline(browser, server, site):
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page, server)
    for path in site_pages(site):
        page.goto(f"{server}/{path}", wait_until="load")
        if path == "book/map.html":
            page.wait_for_selector("html[data-map-ready='1']", timeout=20000)
    context.close()
    assert not watch.external, watch.external[:10]
    assert not watch.errors, watch.errors[:10]


def test_phone_width_has_no_horizontal_scroll_and_a_usable_map(browser, server, site):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    wide = []
    for path in ["book/intro.html", "book/post-brexit.html", "book/methods.html", "book/generated/profiles/france.html",
                 "book/generated/sources.html", "book/priorities.html"]:
        page.goto(f"{server}/{path}")
        overflow = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        if overflow > 1:
            wide.append((path, overflow))
    assert not wide
    page.goto(f"{server}/book/map.html")
    page.wait_for_selector("html[data-map-ready='1']", timeout=20000)
    box = page.locator(".leaflet-container").first.bounding_box()
    assert box["width"] <= 375 and box["height"] > 300
    assert page.locator("path.snap-today").count() >= 49
    context.close()


def _axe(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")


def test_accessibility_audit_of_every_page(browser, server, site):
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for path in site_pages(site):
        page.goto(f"{server}/{path}")
        if path == "book/map.html":
            page.wait_for_selector("html[data-map-ready='1']", timeout=20000)
        violations = _axe(page)
        if violations:
            found[path] = violations
    context.close()
    assert not found, dict(list(found.items())[:5])
