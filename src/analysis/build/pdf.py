"""A PDF of the whole book, printed from the built site by the same Chromium the tests use (no LaTeX).

The book is printed page by page in table-of-contents order and joined into one file behind a cover (title,
authors and editors, version, as-at date and address, all from ``CITATION.cff`` via :mod:`analysis.citation`) and
a contents list giving each page's first page number. Every page after the cover carries a running footer with the
page number, and the file has a bookmark for every page of the book. On the map page the interactive map is
replaced by a static picture of itself before printing; figures are static images already. Every text the cover,
the contents and the footers take from the book or its data is escaped.
"""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from .site import CHROMIUM_ARGS, chromium, serve, toc_pages

PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area, .bd-footer-content,
.search-button-field, .theme-switch-button, .leaflet-control-container { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
"""
MARGIN = {"top": "15mm", "bottom": "17mm", "left": "12mm", "right": "12mm"}
SHEET = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>
body {{ margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #222; }}
.sheet {{ box-sizing: border-box; width: 210mm; height: 297mm; padding: 28mm 22mm 20mm; page-break-after: always;
          position: relative; overflow: hidden; }}
.sheet:last-child {{ page-break-after: auto; }}
h1 {{ font-size: 26pt; line-height: 1.2; margin: 40mm 0 8mm; color: #0b3d6b; }}
.cover p {{ font-size: 12pt; margin: 0 0 3mm; }}
.cover .rule {{ border-top: 3px solid #0072B2; width: 60mm; margin: 8mm 0; }}
.contents h2 {{ font-size: 18pt; margin: 0 0 6mm; color: #0b3d6b; }}
.contents ol {{ list-style: none; margin: 0; padding: 0; font-size: 10pt; }}
.contents li {{ display: flex; align-items: baseline; gap: 1.5mm; margin: 0 0 1.4mm; break-inside: avoid; }}
.contents li .t {{ flex: 0 1 auto; }}
.contents li .d {{ flex: 1 1 auto; border-bottom: 1px dotted #999; min-width: 8mm; }}
.contents li .n {{ flex: 0 0 auto; }}
.foot {{ position: absolute; left: 12mm; right: 12mm; bottom: 7mm; font-size: 7.5pt; color: #555;
         display: flex; justify-content: space-between; }}
.num {{ padding: 0; }}
</style></head><body>{body}</body></html>"""


def _sheet(title: str, body: str) -> str:
    return SHEET.format(title=html.escape(title), body=body)


def cover_html(meta: dict, as_at: str) -> str:
    """The cover: title, authors, editors, publisher, version, as-at date and address (or that there is none)."""
    from ..citation import NO_ADDRESS
    e = html.escape
    lines = [f'<h1>{e(meta["title"])}</h1>', '<div class="rule"></div>',
             f'<p>Dataset version {e(meta["version"])} · data as at {e(as_at)}</p>']
    if meta.get("authors"):
        lines.append(f'<p>{e(meta["authors"])}</p>')
    if meta.get("editors"):
        lines.append(f'<p>Edited by {e(meta["editors"])}</p>')
    if meta.get("publisher"):
        lines.append(f'<p>{e(meta["publisher"])}</p>')
    lines.append(f'<p>{e(meta["url"] or NO_ADDRESS)}</p>')
    lines.append("<p>Printed from the online book by its own build. Data CC BY 4.0, code MIT.</p>")
    return _sheet(meta["title"], f'<div class="sheet cover">{"".join(lines)}</div>')


def contents_html(entries: list[tuple[str, int]]) -> str:
    """The contents list: each page of the book with the number of its first page (one list over as many sheets
    as it needs; the sheets' margins come from the print call)."""
    rows = "".join(f'<li><span class="t">{html.escape(t)}</span><span class="d"></span><span class="n">{n}</span></li>'
                   for t, n in entries)
    return _sheet("Contents", f'<div class="contents"><h2>Contents</h2><ol>{rows}</ol></div>')


def numbers_html(first: int, last: int, label: str) -> str:
    """One sheet per page, blank but for its running footer ("<label> · page i of N")."""
    e = html.escape(label)
    sheets = "".join(f'<div class="sheet num"><div class="foot"><span>{e}</span><span>page {i} of {last}</span></div>'
                     f"</div>" for i in range(first, last + 1))
    return _sheet("page numbers", sheets)


def page_title(text: str) -> str:
    """A page's heading as printed: white space folded, the permalink sign dropped."""
    return " ".join(text.replace("¶", " ").replace("#", " ").split())


def build_pdf(site: Path, out: Path, root: Path = Path(".")) -> Path:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    from ..citation import book
    from ..load import data_dir
    from ..validate import read_package
    meta = book()
    as_at = read_package(data_dir())["x-as-at"]
    chapters: list[tuple[str, bytes]] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        for name in toc_pages(root):
            page.goto(f"{base}/{name}.html", wait_until="load")
            if page.locator("script[type='application/vnd.jupyter.widget-state+json']").count():
                page.wait_for_selector("html[data-map-ready='1']", timeout=20000)
                page.wait_for_timeout(300)
                for i in range(page.locator(".leaflet-container").count()):
                    shot = page.locator(".leaflet-container").nth(i).screenshot(type="png")
                    page.evaluate("""([i, data]) => {
                        const el = document.querySelectorAll('.leaflet-container')[i];
                        const img = document.createElement('img');
                        img.src = 'data:image/png;base64,' + data; img.style.width = '100%';
                        img.alt = el.getAttribute('aria-label') || 'Static picture of the interactive map';
                        el.replaceWith(img); }""", [i, base64.b64encode(shot).decode()])
            page.add_style_tag(content=PRINT_CSS)
            heading = page.evaluate("() => { const h = document.querySelector('main h1, article h1, h1');"
                                    " return h ? h.innerText : document.title; }")
            chapters.append((page_title(heading) or name,
                             page.pdf(format="A4", print_background=True, margin=MARGIN)))

        def printed(markup: str, margin: str = "0") -> bytes:
            page.set_content(markup, wait_until="load")
            return page.pdf(format="A4", print_background=True,
                            margin={"top": margin, "bottom": margin, "left": margin, "right": margin})

        counts = [len(PdfReader(io.BytesIO(pdf)).pages) for _, pdf in chapters]
        cover = printed(cover_html(meta, as_at))
        contents_pages, contents = 1, b""
        for _ in range(4):  # the contents' own length decides where the book starts
            starts, at = [], 2 + contents_pages
            for n in counts:
                starts.append(at)
                at += n
            contents = printed(contents_html([(t, s) for (t, _), s in zip(chapters, starts)]), "20mm")
            got = len(PdfReader(io.BytesIO(contents)).pages)
            if got == contents_pages:
                break
            contents_pages = got
        total = 1 + contents_pages + sum(counts)
        numbers = PdfReader(io.BytesIO(printed(numbers_html(2, total, f"{meta['title']} · version {meta['version']}"))))
        browser.close()

    writer = PdfWriter()
    for part in [cover, contents] + [pdf for _, pdf in chapters]:
        writer.append(io.BytesIO(part))
    for i, number in enumerate(numbers.pages, start=1):  # every page but the cover
        writer.pages[i].merge_page(number)
        writer.pages[i].compress_content_streams()  # merging leaves the page's content uncompressed
    writer.add_outline_item("Contents", 1)
    for (title, _), start in zip(chapters, starts):
        writer.add_outline_item(title, start - 1)
    writer.add_metadata({"/Title": meta["title"], "/Author": meta["authors"],
                         "/Subject": f"Version {meta['version']}, data as at {as_at}"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        writer.write(fh)
    return out
