"""The opt-in link checker (against a local server), the PDF and the cache guard."""
import functools
import http.server
import threading

import pytest

from analysis.build.cache import guard
from analysis.build.linkcheck import check_sources


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


def test_link_checker_reports_only_the_broken_urls(tmp_path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    csv_path = tmp_path / "sources.csv"
    csv_path.write_text(f"source_id,title,publisher,url,published,accessed\n"
                        f"a,A,P,{base}/ok,,2026-01-01\nb,B,P,{base}/gone,,2026-01-01\n")
    try:
        failures = check_sources(csv_path, workers=2)
    finally:
        httpd.shutdown()
    assert [(u.rsplit("/", 1)[1], s) for u, s, _ in failures] == [("gone", 404)]


def test_cache_guard_clears_only_when_data_or_code_changed(tmp_path):
    data, cache = tmp_path / "data", tmp_path / "build" / ".jupyter_cache"
    data.mkdir()
    (data / "t.csv").write_text("a\n1\n")
    cache.mkdir(parents=True)
    assert guard(cache, data) is True          # first run: no fingerprint yet
    cache.mkdir()
    assert guard(cache, data) is False and cache.exists()
    (data / "t.csv").write_text("a\n2\n")      # a data change empties the cache
    assert guard(cache, data) is True and not cache.exists()


def test_the_downloads_page_links_the_pdf_the_build_made(site):
    """`make book` prints the built site to one PDF (analysis.build.pdf) and the downloads page links it."""
    import re
    from urllib.parse import urljoin
    from pypdf import PdfReader
    from analysis.build.site import toc_pages
    from conftest import ROOT
    page = site / "book" / "downloads.html"
    links = [h for h in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")) if h.endswith(".pdf")
             and "figures/" not in h]
    assert links, "the downloads page links no PDF of the book"
    out = site / urljoin("book/downloads.html", links[0])
    assert out.is_file() and out.read_bytes()[:5] == b"%PDF-", links[0]
    reader = PdfReader(out)
    assert len(reader.pages) >= len(toc_pages(ROOT))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "UK Defence and Security Relationships Across Europe" in text
    assert "Map explorer" in text and "Renewing the transatlantic alliance" in text
    from analysis.figures import REGISTRY
    images = sum(len(page.images) for page in reader.pages)
    assert images >= len(REGISTRY) + 1  # every figure, and the map as a static picture
    # a cover from CITATION.cff, a contents list whose numbers point at the pages, a number on every page after
    # the cover, and a bookmark for every page of the book
    from analysis.citation import book
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    meta = book()
    assert meta["title"] in pages[0] and f"version {meta['version']}" in pages[0] and "page 1 of" not in pages[0]
    assert pages[1].startswith("Contents")
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert text.endswith(f"page {number} of {total}"), number
    marks = {reader.get_destination_page_number(m) + 1: m.title for m in reader.outline}
    assert len(marks) >= len(toc_pages(ROOT))
    start = next(n for n, t in marks.items() if t == "Renewing the transatlantic alliance")
    assert "Renewing the transatlantic alliance" in pages[start - 1]
    assert re.search(rf"Renewing the transatlantic alliance[ ._…]*{start}\b", " ".join(pages[1:6]))


def test_the_pdf_cover_and_contents_take_titles_as_text():
    from analysis.build.pdf import contents_html, cover_html, page_title
    hostile = '<img src=x onerror="alert(1)">'
    contents = contents_html([(hostile, 7)])
    assert hostile not in contents and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in contents
    cover = cover_html({"title": hostile, "authors": "A & B", "editors": "", "publisher": "", "version": "1",
                        "url": ""}, "2026-11-30")
    assert hostile not in cover and "A &amp; B" in cover and "not yet published" in cover
    assert page_title("Poland\n#") == "Poland"


def test_the_widget_manager_build_says_what_is_missing(tmp_path):
    from analysis.build.assets import AssetError, build_manager
    with pytest.raises(AssetError, match="make install"):
        build_manager(tmp_path, tmp_path / "out")  # no node_modules here


def test_icon_codepoints_read_from_the_stylesheet():
    from analysis.build.assets import icon_codepoints
    css = '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-list:before{content:"\\f03a"}'
    assert icon_codepoints(css) == {"bars": 0xF0C9, "navicon": 0xF0C9, "list": 0xF03A}


def test_citations_come_from_citation_cff_and_agree_with_the_data(shipped):
    from analysis import citation as C
    meta = C.book()
    assert meta["version"] == shipped.version and meta["released"] == str(shipped.as_at)
    text = C.figure_text("europe-vs-us", "A title")
    for part in (meta["authors"], meta["editors"], meta["publisher"], f"version {meta['version']}",
                 f"data as at {meta['released']}", C.ACCESSED):
        assert part and part in text
    assert (meta["url"] and meta["url"] in text) or C.NO_ADDRESS in text  # never an invented address
    bib = C.figure_bibtex("europe-vs-us", "A title")
    assert bib.startswith("@incollection{ukeurope-europe-vs-us,") and bib.rstrip().endswith("}")
    assert "address not yet published" in bib or meta["url"] in bib


def test_every_figure_in_the_book_has_a_cite_block(site):
    import re
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        figures = len(re.findall(r'class="figure-caption"', text))
        assert figures == len(re.findall(r'<details class="cite"><summary>Cite this figure</summary>', text)), page.name
    downloads = (site / "book" / "downloads.html").read_text(encoding="utf-8")
    assert "Cite the dataset" in downloads and "@misc{ukeurope-dataset," in downloads
