"""The built book, inspected as HTML: pages, errors, profiles, alt text, footer, scripts, links."""
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from analysis.build.site import toc_pages

from conftest import ROOT


def pages(site: Path) -> list[Path]:
    skip = {site / "genindex.html", site / "search.html", site / "index.html"}  # index.html only redirects
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and p not in skip)


def test_every_toc_page_exists(site):
    names = toc_pages(ROOT)
    assert len(names) >= 10 + 50  # ten chapters and a profile for every state in scope
    for name in names:
        assert (site / f"{name}.html").exists(), name


def test_no_error_output_in_any_page(site):
    bad = re.compile(r"Traceback \(most recent call last\)|class=\"[^\"]*output (stderr|traceback)|"
                     r"DataValidationError|Figure size \d")
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert not bad.search(text), f"{page.relative_to(site)} shows an error output: {bad.search(text).group(0)}"


def test_every_state_has_a_profile_naming_its_agreements(site, shipped):
    parties = shipped.agreement_parties
    for iso, name in shipped.country_names().items():
        page = site / "book" / "generated" / "profiles" / f"{shipped.profile_slug(iso)}.html"
        assert page.exists(), iso
        text = html.unescape(page.read_text(encoding="utf-8"))
        assert name in text
        ids = set(parties.loc[parties["party"] == iso, "agreement_id"])
        titles = shipped.agreements.loc[shipped.agreements["agreement_id"].isin(ids), "title"]
        for title in titles:
            assert title in text, f"{iso}: {title}"


def test_figures_have_meaningful_alt_text(site):
    for page in pages(site):
        for alt in re.findall(r'<img[^>]*\balt="([^"]*)"', page.read_text(encoding="utf-8")):
            assert len(alt) > 15 and "Figure size" not in alt, f"{page.name}: alt={alt!r}"
        for tag in re.findall(r"<img(?![^>]*\balt=)[^>]*>", page.read_text(encoding="utf-8")):
            pytest.fail(f"{page.name}: image without alt: {tag}")


def test_footer_carries_the_as_at_date(site, shipped):
    for page in pages(site):
        assert f"Data as at {shipped.as_at}" in page.read_text(encoding="utf-8"), page.name


def test_no_script_from_a_cdn_and_widget_code_only_where_needed(site):
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        srcs = re.findall(r'<script[^>]*\bsrc="([^"]+)"', text)
        assert not [s for s in srcs if s.startswith(("http:", "https:", "//"))], page.name
        has_widgets = "application/vnd.jupyter.widget-state+json" in text
        assert has_widgets == any("widgets/manager.js" in s for s in srcs), page.name
    assert "widget-state+json" in (site / "book" / "map.html").read_text()
    assert "widgets/" not in (site / "book" / "intro.html").read_text()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and key == "href" and a.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append(a[key])


def test_no_broken_internal_link_or_anchor(site):
    parsed = {}
    for page in pages(site):
        p = Links()
        p.feed(page.read_text(encoding="utf-8"))
        parsed[page.resolve()] = p
    broken = []
    for page, p in parsed.items():
        for link in p.links:
            scheme = urlparse(link).scheme
            if scheme in ("http", "https", "mailto", "data", "javascript") or link.startswith("//"):
                continue
            path, frag = urldefrag(link)
            target = (page.parent / unquote(path.split("?")[0])).resolve() if path else page
            if not target.exists():
                broken.append(f"{page.name}: {link}")
            elif frag and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else Links().ids
                if target in parsed and frag not in ids:
                    broken.append(f"{page.name}: {link} (no anchor)")
    assert not broken, broken[:20]


def test_figure_downloads_are_linked_and_present(site):
    from analysis.figures import REGISTRY
    downloads = (site / "book" / "downloads.html").read_text()
    for fig_id in REGISTRY:
        for ext in ("png", "svg", "pdf", "csv", "txt", "bib"):
            assert f"../downloads/figures/{fig_id}.{ext}" in downloads
            assert (site / "downloads" / "figures" / f"{fig_id}.{ext}").exists()
    assert (site / "downloads" / "uk-europe-security-data.zip").exists()
    assert (site / "downloads" / "uk-europe-security-data.xlsx").exists()


def test_source_urls_are_well_formed_and_unique(shipped):
    urls = list(shipped.sources["url"])
    assert len(urls) == len(set(urls))
    for url in urls:
        parts = urlparse(url)
        assert parts.scheme in ("http", "https") and parts.netloc and " " not in url, url


def test_no_file_over_five_megabytes_in_the_repository():
    import subprocess
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    big = [f for f in files if (ROOT / f).exists() and (ROOT / f).stat().st_size > 5 * 1024 * 1024]
    assert not big


def test_every_organisation_has_a_page_naming_its_members(site, shipped):
    names = shipped.country_names()
    for r in shipped.organisations.itertuples():
        page = site / "book" / "generated" / "organisations" / f"{r.org_id}.html"
        assert page.exists(), r.org_id
        text = html.unescape(page.read_text(encoding="utf-8"))
        heading = r.name if r.short_name == r.name else f"{r.name} ({r.short_name})"  # "Northern Group" once
        assert re.search(rf"<h1>{re.escape(heading)}<", text), (r.org_id, heading)
        for iso in set(shipped.memberships.loc[shipped.memberships["org_id"] == r.org_id, "iso3"]):
            assert names[iso] in text, (r.org_id, iso)


def test_the_glossary_spells_out_every_abbreviation(site, shipped):
    text = html.unescape((site / "book" / "generated" / "glossary.html").read_text(encoding="utf-8"))
    for r in shipped.organisations.itertuples():
        assert r.short_name in text and r.name in text, r.org_id


def test_no_page_loads_the_theme_icon_script(site):
    for page in pages(site):
        assert "fontawesome.js" not in page.read_text(encoding="utf-8"), page.name


def test_the_cut_icon_font_holds_every_icon_a_page_shows(site):
    from fontTools.ttLib import TTFont
    from analysis.build.assets import _theme_static, icon_codepoints
    codes = icon_codepoints((_theme_static() / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8"))
    font = site / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    assert font.stat().st_size < 20_000, "the icon font should be the cut one"
    cmap = TTFont(font).getBestCmap()
    used = set()
    for page in pages(site) + [site / "search.html"]:
        used |= set(re.findall(r'class="[^"]*\bfa-(?:solid|fas)\b[^"]*\bfa-([a-z0-9-]+)', page.read_text(encoding="utf-8")))
        used |= set(re.findall(r'class="[^"]*\bfa-([a-z0-9-]+)[^"]*\bfa-(?:solid|fas)\b', page.read_text(encoding="utf-8")))
    used = {u for u in used if u in codes}
    assert used, "pages should show some icons"
    missing = sorted(u for u in used if codes[u] not in cmap)
    assert not missing, missing


def test_tables_show_labels_not_raw_column_names_nor_true_false(site, shipped):
    raw = {f["name"] for r in shipped.package["resources"] for f in r["schema"]["fields"]
           if f.get("title") and f["title"] != f["name"]}
    raw |= {"uk_member", "groupings_without_uk", "eastern_flank", "iso3", "pct_gdp", "gap_pts", "target_pct"}
    found = []
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        for header in re.findall(r"<th[^>]*>(?:<p>)?([^<]*)", text):
            if header.strip() in raw:
                found.append((page.name, header.strip()))
        for cell in re.findall(r"<td[^>]*>(?:<p>)?([^<]*)</", text):
            if cell.strip() in ("True", "False"):
                found.append((page.name, cell.strip()))
    assert not found, found[:10]
