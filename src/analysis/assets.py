"""Front-end files the book serves itself, so that no page loads JavaScript from a CDN.

``python -m analysis assets`` copies require.js and the ipywidgets HTML
manager (from ``node_modules``, pinned by package-lock.json) and the
jupyter-leaflet AMD bundle (from the jupyter-leaflet wheel installed in the
environment) into ``_widgets_static/widgets/``, which Sphinx serves as
``_static/widgets/``. :data:`WIDGET_JS` is what ``_config.yml`` lists under
``nb_ipywidgets_js``: myst-nb adds these files only to pages with widgets.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

WIDGET_JS = ["widgets/require.js", "widgets/require-config.js", "widgets/html-manager/embed-amd.js",
             "widgets/map-extras.js"]


def leaflet_bundle() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "nbextensions" / "jupyter-leaflet"


#: Pages with widgets live in book/; the manager's stylesheet asks for its icon fonts relative to the page,
#: under either of these folders.
FONT_DIRS = (Path("book") / "@jupyter-widgets" / "html-manager" / "dist", Path("book") / "@jupyter-widgets")


def copy_widget_fonts(root: Path, extra: Path) -> list[Path]:
    """Icon fonts of the widget manager, where its stylesheet looks for them (served through html_extra_path)."""
    source = Path(root) / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    copied = []
    for folder in FONT_DIRS:
        target = Path(extra) / folder
        target.mkdir(parents=True, exist_ok=True)
        copied += [Path(shutil.copy(f, target / f.name)) for f in source.iterdir()
                   if f.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg")]
    return copied


def copy_widget_assets(root: Path, out: Path) -> list[Path]:
    root, target = Path(root), Path(out) / "widgets"
    if target.exists():
        shutil.rmtree(target)
    (target / "html-manager").mkdir(parents=True)
    manager = root / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    copied = [Path(shutil.copy(root / "node_modules" / "requirejs" / "require.js", target / "require.js"))]
    for item in manager.iterdir():
        if item.name.startswith("embed-amd") or item.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
            copied.append(Path(shutil.copy(item, target / "html-manager" / item.name)))
    bundle = leaflet_bundle()
    if not (bundle / "index.js").exists():
        raise FileNotFoundError(f"jupyter-leaflet bundle not found in {bundle}: is ipyleaflet installed?")
    shutil.copytree(bundle, target / "jupyter-leaflet")
    copied += sorted((target / "jupyter-leaflet").iterdir())
    return copied
