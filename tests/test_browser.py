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


def open_map(page, server, query: str = ""):
    watch = Watch(page, server)
    page.goto(f"{server}/book/map.html{query}")
    page.wait_for_selector("html[data-map-ready='1']", timeout=20000)
    return watch


@pytest.fixture(scope="module")
def facts(shipped):
    """The explorer's facts as the build computed them (once for the module: they take a few seconds)."""
    from analysis import maps
    return maps.explorer_facts(shipped)


def panel_text(page) -> str:
    return page.locator(".uk-explorer .explorer-panel").text_content()


def choose(page, index: int, label: str) -> None:
    """Pick an option of the explorer's index-th select by its label, as a reader would."""
    page.locator(".uk-explorer select").nth(index).select_option(label=label)


def test_map_has_one_polygon_for_every_state_and_stays_offline(page, server, shipped):
    watch = open_map(page, server)
    missing = [iso for iso in shipped.countries["iso3"] if page.locator(f"path.country-{iso}").count() != 1]
    assert not missing
    assert page.locator("path.context-land").count() >= 1  # land outside scope, set apart from the sea
    assert not watch.external and not watch.errors, (watch.external, watch.errors)


def test_choosing_the_bucharest_nine_highlights_and_lists_its_nine_members(page, server, shipped):
    watch = open_map(page, server)
    choose(page, 0, "UK outside: Bucharest Nine (B9)")
    outlined = page.evaluate("""() => [...document.querySelectorAll('.uk-explorer path.country')]
        .filter(p => p.style.stroke === 'rgb(0, 0, 0)').map(p => p.getAttribute('class').match(/country-([A-Z]{3})/)[1])""")
    b9 = {"BGR", "CZE", "EST", "HUN", "LVA", "LTU", "POL", "ROU", "SVK"}
    assert set(outlined) == b9
    text = panel_text(page)
    assert "9 members" in text and "the UK is not a member at this date" in text
    names = shipped.country_names()
    assert all(names[i] in text for i in b9) and "United Kingdom (since" not in text
    assert "Bucharest Nine" in page.locator(".uk-explorer .explorer-title").text_content() or \
        "B9" in page.locator(".uk-explorer .explorer-title").text_content()
    assert "org=b9" in page.evaluate("location.href")
    assert not watch.errors, watch.errors


def test_june_2019_finland_is_not_yet_in_nato(page, server):
    open_map(page, server)
    choose(page, 1, "2019")
    choose(page, 2, "June")
    page.mouse.click(*visible_point(page, "path.country-FIN"))
    text = panel_text(page)
    assert text.startswith("Finland") or "Finland" in text.split("Depth index")[0]
    shared = text.split("With the UK in:")[1].split(".")[0]
    without = text.split("In without the UK:")[1].split(".")[0]
    assert "NATO" not in shared and "NATO" not in without
    href = page.evaluate("location.href")
    assert "date=2019-06" in href and "country=FIN" in href
    choose(page, 1, "2026")
    shared_now = panel_text(page).split("With the UK in:")[1].split(".")[0]
    assert "NATO" in shared_now


def test_clicking_poland_lists_the_agreements_in_force_then(page, server, facts):
    from analysis import maps
    open_map(page, server, "?date=2023-06")
    page.mouse.click(*visible_point(page, "path.country-POL"))
    text = panel_text(page)
    pol = [s[0] for s in facts["states"]].index("POL")
    expected = [a for a in facts["agr"] if pol in a[7] and maps.active(a[5], a[6], "2023-06-30") and a[4] != "announced"]
    assert f"Agreements in force or issued by then: {len(expected)}." in text
    for a in expected:
        assert a[0] in text
    later = [a for a in facts["agr"] if pol in a[7] and a[5] and a[5] > "2023-06-30"]
    assert later and not any(a[0] in text for a in later if a[0] not in {e[0] for e in expected})
    assert page.locator(".uk-explorer .explorer-panel a[href^='https://']").count() >= 1


def test_announced_instruments_are_listed_apart_from_the_agreements_counted(page, server, facts):
    from analysis import maps
    tur = [s[0] for s in facts["states"]].index("TUR")
    announced = [a for a in facts["agr"] if tur in a[7] and a[4] == "announced" and maps.active(a[5], a[6], "2026-11-30")]
    assert len(announced) >= 2  # the 2017 security partnership, the 2023 migration partnership, the 2025 framework
    open_map(page, server, "?date=2026-11&country=TUR")
    text = panel_text(page)
    assert f"Announced by then, no signature recorded (not counted): {len(announced)}." in text
    for a in announced:
        assert f"{a[2]}: {a[0]}" in text and a[2].startswith("announced ")
    counted = [a for a in facts["agr"] if tur in a[7] and a[4] != "announced" and maps.active(a[5], a[6], "2026-11-30")]
    assert f"Agreements in force or issued by then: {len(counted)}." in text
    open_map(page, server, "?date=2016-12&country=TUR")  # before the first announcement
    assert "Announced by then" not in panel_text(page)


def test_the_shared_url_returns_the_same_view_and_back_works(page, server):
    open_map(page, server)
    choose(page, 0, "UK a member: Joint Expeditionary Force (JEF)")
    choose(page, 1, "2021")
    page.mouse.click(*visible_point(page, "path.country-NOR"))
    url, text = page.evaluate("location.href"), panel_text(page)
    assert "org=jef" in url and "date=2021-" in url and "country=NOR" in url
    fresh = page.context.new_page()
    fresh.goto(url)
    fresh.wait_for_selector("html[data-map-ready='1']", timeout=20000)
    assert panel_text(fresh) == text
    assert fresh.locator(".uk-explorer select").nth(0).evaluate("s => s.options[s.selectedIndex].text.replace(/\\u00a0/g, ' ')") == \
        "UK a member: Joint Expeditionary Force (JEF)"
    fresh.close()
    page.go_back()
    page.wait_for_function("() => !location.search.includes('country=NOR')")
    assert "Norway" not in panel_text(page).split("members")[0]


def test_the_script_and_python_colour_the_map_alike(page, server, facts):
    from analysis import maps
    for query, month, org in (("?date=2016-06", "2016-06", None), ("?org=nato&date=2003-12", "2003-12", "nato"),
                              ("?view=gaps", facts["asAt"][:7], None)):
        open_map(page, server, query)
        drawn = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.uk-explorer path.country')]
            .map(p => [p.getAttribute('class').match(/country-([A-Z]{3})/)[1], p.dataset.fill]))""")
        o = [x[0] for x in facts["orgs"]].index(org) if org else None
        view = "gaps" if "gaps" in query else "depth"
        for i, (iso, *_rest) in enumerate(facts["states"]):
            assert drawn[iso].lower() == maps.country_style(facts, i, month, o, view)["fillColor"].lower(), (query, iso)


def test_markers_follow_the_date_and_sit_above_the_fills(page, server, facts):
    from analysis import maps
    open_map(page, server, "?date=2015-06")
    shown = page.evaluate("() => [...document.querySelectorAll('.uk-explorer path.act')].filter(p => p.style.display !== 'none').length")
    assert shown == sum(1 for a in facts["act"] if maps.active(a[6], a[7], "2015-06-30"))
    order = page.evaluate("""() => { const all = [...document.querySelectorAll('.uk-explorer path')];
        return [all.findIndex(p => p.classList.contains('act')), Math.max(...all.map((p, i) => p.classList.contains('country') ? i : -1))]; }""")
    assert order[0] > order[1], "markers must be drawn after (above) every country"
    assert "UK activities" in page.locator(".uk-explorer .explorer-legend").text_content()


def test_the_explorer_works_by_keyboard_and_the_panel_is_announced(page, server):
    open_map(page, server)
    page.locator("path.country-EST").focus()
    page.keyboard.press("Enter")
    assert "Estonia" in panel_text(page)
    assert page.locator(".uk-explorer .explorer-panel").get_attribute("aria-live") == "polite"
    page.locator(".uk-explorer select").nth(3).focus()
    page.keyboard.press("ArrowDown")
    assert "Gap" in page.locator(".uk-explorer .explorer-legend").text_content()


def test_the_legend_covers_no_state(browser, server):
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        open_map(page, server)
        legend = page.locator(".uk-explorer .explorer-legend").bounding_box()
        leaflet = page.locator(".uk-explorer .leaflet-container").bounding_box()
        assert legend["y"] >= leaflet["y"] + leaflet["height"] - 1, width
        inside = page.evaluate("() => document.querySelectorAll('.leaflet-container .leaflet-control-legend').length")
        assert inside == 0
        context.close()


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
                 "book/generated/sources.html", "book/priorities.html", "book/generated/organisations/nato.html",
                 "book/generated/profiles/poland.html", "book/map.html"]:
        page.goto(f"{server}/{path}")
        overflow = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        if overflow > 1:
            wide.append((path, overflow))
    assert not wide
    page.goto(f"{server}/book/map.html?country=POL")
    page.wait_for_selector("html[data-map-ready='1']", timeout=20000)
    box = page.locator(".leaflet-container").first.bounding_box()
    assert box["width"] <= 375 and box["height"] > 300
    assert page.locator("path.country").count() >= 49
    panel = page.locator(".uk-explorer .explorer-panel").bounding_box()
    assert panel["y"] >= box["y"] + box["height"] - 1 and panel["x"] + panel["width"] <= 376  # below the map
    assert page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth") <= 1
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


def test_search_finds_an_organisation_by_its_full_name_and_shows_text(page, server):
    page.goto(f"{server}/search.html?q=Joint+Expeditionary+Force")
    page.wait_for_selector("#search-results ul li", timeout=20000)
    page.wait_for_timeout(1000)
    items = page.locator("#search-results ul li")
    links = [items.nth(i).locator("a").first.get_attribute("href") for i in range(min(3, items.count()))]
    assert any("organisations/jef.html" in (href or "") for href in links), links
    snippet = items.first.inner_text()
    assert ".md" not in snippet and len(snippet) > 40


@pytest.mark.parametrize("width", [1280, 375])
def test_profile_agreement_cards_show_their_sources_without_sideways_scrolling(browser, server, shipped, width):
    """Poland's profile (the longest list): every agreement is a card whose sources sit inside the column and on
    screen at desktop and phone widths, and in print."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/book/generated/profiles/poland.html")
    parties = shipped.tables["agreement_parties"]
    expected = set(parties.loc[parties["party"] == "POL", "agreement_id"])
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        cards = page.evaluate("""() => [...document.querySelectorAll('.agreement-card')].map(card => {
            const r = card.getBoundingClientRect(), s = card.querySelector('.card-sources');
            const links = [...card.querySelectorAll('.card-sources a')].map(a => a.getBoundingClientRect());
            return {id: card.id, left: r.left, right: r.right, scroll: card.scrollWidth - card.clientWidth,
                    sources: s ? s.innerText : '', visible: s ? s.getBoundingClientRect().height > 0 : false,
                    links: links.map(l => [l.left, l.right, l.width])};
        })""")
        viewport = page.evaluate("document.documentElement.clientWidth")
        assert {c["id"] for c in cards} >= expected, media
        for card in cards:
            assert card["left"] >= 0 and card["right"] <= viewport + 1, (media, card["id"])
            assert card["scroll"] <= 1, (media, card["id"])  # nothing inside a card runs out of it
            assert card["visible"] and card["sources"].startswith("Sources:"), (media, card["id"])
            for left, right, w in card["links"]:
                assert w > 0 and left >= card["left"] - 1 and right <= card["right"] + 1, (media, card["id"])
        assert page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth") <= 1
    context.close()
