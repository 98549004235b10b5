"""A PDF of the whole book, printed from the built site by the same Chromium the tests use (no LaTeX).

Pages are printed in table-of-contents order and joined into one file. On the
map page the interactive map is replaced by a static picture of itself before
printing; figures are static images already.
"""
from __future__ import annotations

import base64
import io
from pathlib import Path

from .site import CHROMIUM_ARGS, chromium, serve, toc_pages
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area, .bd-footer-content,
.search-button-field, .theme-switch-button, .leaflet-control-container { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
"""


def build_pdf(site: Path, out: Path, root: Path = Path(".")) -> Path:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter
    writer = PdfWriter()
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
            pdf = page.pdf(format="A4", print_background=True,
                           margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            writer.append(io.BytesIO(pdf))
        browser.close()
    writer.add_metadata({"/Title": "UK Defence and Security Relationships Across Europe"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        writer.write(fh)
    return out
