"""Benchmarks for this machine, printed as a table (`make bench`). Targets are stated beside each figure;
nothing here is a test: tests assert behaviour, this reports speed and size."""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return time.perf_counter() - start, run.stdout + run.stderr


def validate_time() -> float:
    from analysis import load
    load()  # warm imports
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        load()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def transferred(page_path: str, throttle: bool = False) -> tuple[int, float]:
    """Bytes a reader downloads for one page (gzip-compressed, as a web host serves them) and the time until the
    page is ready (for the map: until the explorer is bound), optionally over a 9 Mbit/s, 40 ms connection."""
    from playwright.sync_api import sync_playwright
    from analysis.build.site import CHROMIUM_ARGS, chromium, serve
    total = [0]
    with serve(ROOT / "_build/html", compress=True) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        if throttle:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40,
                                                          "downloadThroughput": 9e6 / 8, "uploadThroughput": 9e6 / 8})
        page.on("requestfinished", lambda r: total.__setitem__(0, total[0] + r.sizes()["responseBodySize"]))
        start = time.perf_counter()
        page.goto(f"{base}/{page_path}", wait_until="load")
        if "map" in page_path:
            page.wait_for_selector("html[data-map-ready='1']", timeout=60000)
        elapsed = time.perf_counter() - start
        page.wait_for_timeout(500)
        context.close()
        browser.close()
    return total[0], elapsed


def map_page() -> dict:
    from playwright.sync_api import sync_playwright
    from analysis.build.site import CHROMIUM_ARGS, chromium, serve
    sizes: dict[str, int] = {}
    times = []
    with serve(ROOT / "_build/html") as base, sync_playwright() as p:
        url = f"{base}/book/map.html"
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for i in range(3):
            context = browser.new_context()
            page = context.new_page()
            if i == 0:
                page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("html[data-map-ready='1']", timeout=30000)
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    html = (ROOT / "_build/html/book/map.html").read_text(encoding="utf-8")
    start = html.find('<script type="application/vnd.jupyter.widget-state+json">')
    state = html[start:html.find("</script>", start)]
    geo = json.loads((ROOT / "data/geometry/europe.geojson").read_text())
    js = sum(v for k, v in sizes.items() if ".js" in k)
    return {"tti": statistics.median(times), "total": sum(sizes.values()), "js": js, "state": len(state.encode()),
            "html": len(html.encode()), "per_polygon": (ROOT / "data/geometry/europe.geojson").stat().st_size / len(geo["features"]),
            "state_per_polygon": len(state.encode()) / max(1, html.count("country country-"))}


def main() -> None:
    rows = []
    for folder in ("_build", "build-assets", "book/generated", "_widgets_static"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)
    clean, _ = timed(["make", "book"])
    rows.append(("Clean build of the whole book (make book)", f"{clean:.1f} s", ""))
    again, _ = timed(["make", "book"])
    rows.append(("No-change rebuild (make book)", f"{again:.1f} s", f"{again / clean:.0%} of clean; target < 10%"))
    intro = ROOT / "book" / "intro.md"
    original = intro.read_text()
    try:
        intro.write_text(original.replace("This book maps", "This book maps", 1) + "\n<!-- bench: prose-only edit -->\n")
        text_edit, log = timed([".venv/bin/jupyter-book", "build", ".", "--warningiserror", "--keep-going"])
        executed = log.count("Executing notebook")
    finally:
        intro.write_text(original)
    rows.append(("Rebuild after a prose-only edit", f"{text_edit:.1f} s", f"notebooks re-executed: {executed} (target 0)"))
    timed(["make", "book"])
    rows.append(("Load and validate the dataset", f"{validate_time() * 1000:.0f} ms", "target well under 1 s"))
    page = map_page()
    rows.append(("Map page: time to interactive (headless Chromium)", f"{page['tti']:.2f} s", "target < 2 s"))
    rows.append(("Map page: total weight (HTML, widget state, JavaScript)", f"{page['total'] / 1e6:.2f} MB",
                 f"HTML {page['html'] / 1e6:.2f} MB incl. widget state {page['state'] / 1e6:.2f} MB; JS {page['js'] / 1e6:.2f} MB"))
    weight, _ = transferred("book/map.html")
    rows.append(("Map page: downloaded, gzip-compressed", f"{weight / 1e6:.2f} MB", "target at most 1.2 MB"))
    _, slow = transferred("book/map.html", throttle=True)
    rows.append(("Map page: interactive over 9 Mbit/s, 40 ms", f"{slow:.2f} s", "target at most 3 s"))
    text = {p: transferred(p)[0] for p in ("book/intro.html", "book/methods.html", "book/generated/profiles/poland.html",
                                           "book/generated/sources.html")}
    heaviest = max(text, key=text.get)
    rows.append(("Text pages: heaviest download, gzip-compressed", f"{text[heaviest] / 1e6:.2f} MB",
                 f"{heaviest}; target at most 0.35 MB each"))
    rows.append(("Geometry: bytes per country polygon", f"{page['per_polygon']:.0f} B",
                 f"widget state per drawn polygon {page['state_per_polygon']:.0f} B"))
    pdf_time, _ = timed([str(ROOT / ".venv/bin/python"), "-m", "analysis", "pdf", "--site", "_build/html",
                         "--out", "_build/html/uk-europe-security.pdf"])
    pdf = ROOT / "_build/html/uk-europe-security.pdf"
    rows.append(("PDF of the whole book (make pdf)", f"{pdf.stat().st_size / 1e6:.1f} MB", f"made in {pdf_time:.0f} s"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':>10}  note")
    for name, value, note in rows:
        print(f"{name.ljust(width)}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
