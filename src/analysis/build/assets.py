"""Front-end files the book serves itself, so that no page loads JavaScript from a CDN.

``python -m analysis assets`` writes into ``_widgets_static/widgets/`` (served as ``_static/widgets/``):
require.js (from ``node_modules``, pinned by package-lock.json, minified), the book's own widget manager
(``_assets/manager/index.js`` bundled by webpack: ipywidgets 8 base and controls, nothing else) and the
jupyter-leaflet AMD bundle (from the jupyter-leaflet wheel installed in the environment). :data:`WIDGET_JS` is what
``_config.yml`` lists under ``nb_ipywidgets_js``: myst-nb adds these files only to pages with widgets.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

WIDGET_JS = ["widgets/require.js", "widgets/require-config.js", "widgets/manager.js", "widgets/explorer.js"]

#: The widget manager's source and its webpack build script (run with Node).
MANAGER = Path("_assets") / "manager"


def leaflet_bundle() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "nbextensions" / "jupyter-leaflet"


class AssetError(RuntimeError):
    """A front-end file could not be made; the message says which and why."""


def build_manager(root: Path, target: Path) -> list[Path]:
    """Bundle the book's widget manager into ``target/manager.js`` and minify require.js into ``target``
    (webpack and terser, from ``node_modules``)."""
    node = shutil.which("node")
    if node is None:
        raise AssetError("Node.js is needed to bundle the widget manager (`apt-get install nodejs npm`)")
    if not (Path(root) / "node_modules" / "webpack").is_dir():
        raise AssetError("node_modules has no webpack: run `make install` (npm ci)")
    done = subprocess.run([node, str(Path(root) / MANAGER / "build.js"), str(target)], cwd=root,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise AssetError(f"bundling the widget manager failed:\n{done.stderr or done.stdout}")
    return sorted(Path(target).glob("manager.js*")) + [Path(target) / "require.js"]


def copy_widget_assets(root: Path, out: Path) -> list[Path]:
    root, target = Path(root), Path(out) / "widgets"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    copied = build_manager(root, target)
    bundle = leaflet_bundle()
    if not (bundle / "index.js").exists():
        raise FileNotFoundError(f"jupyter-leaflet bundle not found in {bundle}: is ipyleaflet installed?")
    shutil.copytree(bundle, target / "jupyter-leaflet")
    copied += sorted((target / "jupyter-leaflet").iterdir())
    return copied


# --- the theme's icon font, cut to the icons the book uses ------------------------------------------------------

#: Packages whose templates and scripts name the Font Awesome icons the book's pages can show.
ICON_PACKAGES = ("pydata_sphinx_theme", "sphinx_book_theme")
FONT = Path("vendor") / "fontawesome" / "webfonts" / "fa-solid-900"


def _theme_static() -> Path:
    import pydata_sphinx_theme
    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def icon_codepoints(css: str) -> dict[str, int]:
    """Font Awesome class name (without 'fa-') -> code point, from the theme stylesheet's ``.fa-x:before`` rules."""
    import re
    out = {}
    for selectors, code in re.findall(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\([0-9a-f]{4,5})"\}', css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):before", selectors):
            out[name] = int(code, 16)
    return out


def icons_named(packages: tuple[str, ...] = ICON_PACKAGES, extra: tuple[Path, ...] = ()) -> set[str]:
    """Every ``fa-…`` class named in the templates and scripts of ``packages`` (and in ``extra`` files)."""
    import importlib
    import re
    names = set()
    files = [p for pkg in packages for p in Path(importlib.import_module(pkg).__file__).parent.rglob("*")
             if p.suffix in (".html", ".js", ".py") and p.is_file()] + list(extra)
    for path in files:
        names |= set(re.findall(r"\bfa-([a-z0-9-]+)", path.read_text(encoding="utf-8", errors="ignore")))
    return names


def subset_icon_font(out: Path, extra: tuple[Path, ...] = ()) -> list[Path]:
    """Write the theme's solid icon font cut to the icons the book can show (woff2 and ttf) under ``out``, which
    Sphinx copies over the theme's own: about 6 kB instead of 156 kB on every page."""
    from fontTools import subset
    static = _theme_static()
    css = (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    codes = icon_codepoints(css)
    wanted = sorted({codes[n] for n in icons_named(extra=extra) if n in codes})
    written = []
    for suffix, flavor in ((".woff2", "woff2"), (".ttf", None)):
        options = subset.Options()
        options.flavor = flavor
        options.layout_features = ["*"]
        font = subset.load_font(str(static / FONT.with_suffix(".woff2")), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        target = Path(out) / FONT.with_suffix(suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        subset.save_font(font, str(target), options)
        written.append(target)
    return written
