"""Command line: ``python -m analysis COMMAND``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import data_dir
from .validate import DataValidationError, validate


def _validate(args) -> int:
    problems = validate(data_dir(args.data_dir))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"validation failed: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{data_dir(args.data_dir)}: valid")
    return 0


def _figures(args) -> int:
    from .export import write_figures
    written = write_figures(Path(args.out), only=args.only)
    print(f"wrote {len(written)} figure(s) to {args.out}")
    return 0


def _downloads(args) -> int:
    from .export import write_downloads
    for path in write_downloads(Path(args.out)):
        print(path)
    return 0


def _pages(args) -> int:
    from .build.pages import write_pages
    for path in write_pages(Path(args.out)):
        print(path)
    return 0


def _geometry(args) -> int:
    from .geometry import write
    root = Path(args.root)
    out = write(root / "node_modules/world-atlas/countries-50m.json", data_dir() / "countries.csv",
                data_dir() / "geometry/europe.geojson")
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


def _assets(args) -> int:
    from .build.assets import AssetError, copy_widget_assets, subset_icon_font
    try:
        files = copy_widget_assets(Path(args.root), Path(args.out))
    except AssetError as err:
        print(f"assets failed: {err}", file=sys.stderr)
        return 1
    files += subset_icon_font(Path(args.out))
    print(f"wrote {len(files)} widget files to {args.out}/widgets")
    return 0


def _cache_guard(args) -> int:
    from .build.cache import guard
    cleared = guard(Path(args.cache), data_dir(), tuple(Path(a) for a in args.also))
    print("data or code changed: notebook cache cleared" if cleared else "notebook cache is current")
    return 0


def _pdf(args) -> int:
    from .build.pdf import build_pdf
    out = build_pdf(Path(args.site), Path(args.out))
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


def _check_links(args) -> int:
    from .build.linkcheck import check_sources
    failures = check_sources(data_dir(args.data_dir) / "sources.csv")
    for url, status, note in failures:
        print(f"{status or 'no answer'}\t{url}\t{note}")
    print(f"{len(failures)} source URL(s) failed")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check the dataset; exit 1 on any problem")
    p.add_argument("data_dir", nargs="?")
    p.set_defaults(run=_validate)
    p = sub.add_parser("figures", help="write every figure as PNG, SVG, PDF, CSV and citation")
    p.add_argument("--out", required=True)
    p.add_argument("--only", nargs="*", help="figure ids to write (default: all)")
    p.set_defaults(run=_figures)
    p = sub.add_parser("downloads", help="write the dataset zip and XLSX workbook")
    p.add_argument("--out", required=True)
    p.set_defaults(run=_downloads)
    p = sub.add_parser("pages", help="generate the book's data-driven pages (profiles, dictionary, bibliography)")
    p.add_argument("--out", default="book/generated")
    p.set_defaults(run=_pages)
    p = sub.add_parser("geometry", help="rebuild data/geometry/europe.geojson from the world-atlas npm package")
    p.add_argument("--root", default=".", help="folder holding node_modules")
    p.set_defaults(run=_geometry)
    p = sub.add_parser("assets", help="bundle and copy the widget JavaScript the book serves itself")
    p.add_argument("--root", default=".", help="folder holding node_modules")
    p.add_argument("--out", default="_widgets_static")
    p.set_defaults(run=_assets)
    p = sub.add_parser("cache-guard", help="clear the notebook cache when the data or the package changed")
    p.add_argument("--cache", default="_build/.jupyter_cache")
    p.add_argument("--also", nargs="*", default=["_build/.doctrees"], help="folders to clear with the cache")
    p.set_defaults(run=_cache_guard)
    p = sub.add_parser("pdf", help="print the built book to one PDF with Chromium")
    p.add_argument("--site", default="_build/html")
    p.add_argument("--out", default="_build/html/uk-europe-security.pdf")
    p.set_defaults(run=_pdf)
    p = sub.add_parser("check-links", help="(online, opt-in) check that every source URL answers")
    p.add_argument("data_dir", nargs="?")
    p.set_defaults(run=_check_links)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataValidationError as err:  # bad data: the list of problems, never a traceback
        for p in err.problems:
            print(p, file=sys.stderr)
        print(f"{args.command} failed: {len(err.problems)} problem(s) in the data", file=sys.stderr)
        return 1
