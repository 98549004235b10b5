"""A small Sphinx extension: the dataset's "as at" date and version on every page footer.

The date comes from ``data/datapackage.json``, so it can never drift from the data.
"""
from __future__ import annotations

import html

from .validate import read_package
from .load import data_dir


def footer_text() -> str:
    package = read_package(data_dir())
    return (f'<p class="as-at">Data as at {html.escape(package["x-as-at"])} · dataset version '
            f'{html.escape(package["version"])} · data CC BY 4.0, code MIT</p>')


def _inject(app, config) -> None:
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = footer_text()
    config.html_theme_options = options
    config.html_context = {**(config.html_context or {}), "data_as_at": read_package(data_dir())["x-as-at"]}


def setup(app):
    app.connect("config-inited", _inject)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
