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
             "widgets/explorer.js"]


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


#: AMD modules of the widget manager's bundle that serve only ipywidgets 7 models; the book's widget state is of
#: ipywidgets 8, so they are left out of the copy the book serves (about 230 kB compressed).
UNUSED_MODULES = ("@jupyter-widgets/base7", "@jupyter-widgets/controls7")


def trim_bundle(text: str, unused: tuple[str, ...] = UNUSED_MODULES) -> str:
    """The bundle without the ``define("name", …)`` blocks of ``unused`` (each block runs to the next define)."""
    import re
    starts = [m.start() for m in re.finditer(r'define\("', text)] + [len(text)]
    kept = [text[:starts[0]]]
    for a, b in zip(starts, starts[1:]):
        name = text[a + len('define("'):text.index('"', a + len('define("'))]
        if name not in unused:
            kept.append(text[a:b])
    out = "".join(kept)
    missing = [n for n in unused if f'define("{n}"' in out]
    if missing or not all(f'define("{n}"' in text for n in unused):
        raise ValueError(f"the widget manager bundle is not laid out as expected (modules {unused})")
    return out


def copy_widget_assets(root: Path, out: Path) -> list[Path]:
    root, target = Path(root), Path(out) / "widgets"
    if target.exists():
        shutil.rmtree(target)
    (target / "html-manager").mkdir(parents=True)
    manager = root / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    copied = [Path(shutil.copy(root / "node_modules" / "requirejs" / "require.js", target / "require.js"))]
    for item in manager.iterdir():
        if item.name == "embed-amd.js":
            trimmed = target / "html-manager" / item.name
            trimmed.write_text(trim_bundle(item.read_text(encoding="utf-8")), encoding="utf-8")
            copied.append(trimmed)
        elif item.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
            copied.append(Path(shutil.copy(item, target / "html-manager" / item.name)))
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
