"""A small Sphinx extension: the dataset's "as at" date and version on every page footer.

The date comes from ``data/datapackage.json``, so it can never drift from the data.
"""
from __future__ import annotations

import html

from .validate import read_package
from .load import data_dir


def footer_text(package: dict) -> str:
    return (f'<p class="as-at">Data as at {html.escape(package["x-as-at"])} · dataset version '
            f'{html.escape(package["version"])} · data CC BY 4.0, code MIT</p>')


def _inject(app, config) -> None:
    package = read_package(data_dir())
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = footer_text(package)
    config.html_theme_options = options
    config.html_context = {**(config.html_context or {}), "default_mode": "light", "data_as_at": package["x-as-at"]}


def _unique(scripts: list) -> list:
    seen, kept = set(), []
    for script in scripts:
        key = (getattr(script, "filename", None) or "", getattr(script, "priority", 0),
               tuple(sorted((getattr(script, "attributes", None) or {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    return kept


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop repeated script tags. Sphinx 7.4 re-adds inline scripts registered after the builder started
    with a filename of '' instead of None, so sphinx-thebe's inline ``const`` declarations appear twice on
    every page of a Jupyter Book 1.0 build: a page error."""
    files = context.get("script_files")
    if isinstance(files, list):
        files[:] = _unique(files)  # in place: later handlers (myst-nb's widget scripts) append to this list


def setup(app):
    app.connect("config-inited", _inject)
    app.connect("html-page-context", _dedupe_scripts, priority=1)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
