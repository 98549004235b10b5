"""The book's Sphinx extension: generated pages built from the data, the as-at footer, a script fix.

- Directives ``uk-profile ISO3``, ``uk-organisation ORG_ID``, ``uk-data-dictionary``, ``uk-sources``,
  ``uk-glossary`` and ``uk-changelog`` build the generated pages as docutils nodes from the dataset (see
  :mod:`analysis.build.nodes`: data is only ever text). Each page depends on the data files, so Sphinx reads it
  again when they change.
- The dataset's "as at" date and version on every page footer, from ``data/datapackage.json``.
- A "Run this chapter" note (Binder and local) at the end of every chapter (:mod:`analysis.build.launch`).
- Repeated script tags dropped (a Jupyter Book 1.0 / Sphinx 7.4 quirk), and the theme's print title escaped.
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from docutils.parsers.rst import Directive
from sphinx.errors import ExtensionError

from ..load import data_dir, load
from ..validate import DataValidationError, read_package


@lru_cache(maxsize=2)
def _context(folder: str):
    from .pages import Context
    return Context(load(folder))


def context():
    try:
        return _context(str(data_dir()))
    except DataValidationError as err:
        raise ExtensionError(f"the dataset has problems; run `make validate`.\n{err}") from None


class _DataPage(Directive):
    """Base: one optional identifier argument, checked against the data; the page notes its data dependency."""
    optional_arguments = 1
    builder = None  # name of the function in analysis.build.pages

    def run(self):
        from . import pages
        ctx = context()
        env = self.state.document.settings.env
        for path in sorted(Path(data_dir()).glob("*")):
            if path.is_file():
                env.note_dependency(str(path.resolve()))
        ident = self.arguments[0] if self.arguments else None
        build = getattr(pages, self.builder)
        if ident is None:
            return build(ctx)
        if not self.known(ctx, ident):
            raise self.error(f"{self.name}: {ident!r} is not in the dataset (regenerate the pages: make pages)")
        return build(ctx, ident)

    def known(self, ctx, ident: str) -> bool:
        return False


class Profile(_DataPage):
    builder = "profile_nodes"

    def known(self, ctx, ident):
        return ident in ctx.names


class Organisation(_DataPage):
    builder = "organisation_nodes"

    def known(self, ctx, ident):
        return ident in ctx.orgs.index


def _page(builder: str):
    return type(builder, (_DataPage,), {"builder": builder, "optional_arguments": 0})


def footer_text(package: dict) -> str:
    return (f'<p class="as-at">Data as at {html.escape(package["x-as-at"])} · dataset version '
            f'{html.escape(package["version"])} · data CC BY 4.0, code MIT</p>')


def _inject(app, config) -> None:
    try:
        package = read_package(data_dir())
    except DataValidationError as err:
        raise ExtensionError(f"the dataset has problems; run `make validate`.\n{err}") from None
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = footer_text(package)
    # The launch settings drive the book's own "Run this chapter" note (_launch_note); the theme is not given them,
    # so it draws no second launch menu of its own.
    app._uk_launch_options = {key: options.get(key) for key in ("repository_url", "repository_branch", "launch_buttons")}
    options.pop("launch_buttons", None)
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


def _escape_pagetitle(app, pagename, templatename, context, doctree) -> None:
    """sphinx-book-theme puts the page title's plain text into its print header as ``{{ pagetitle }}`` with no
    escaping (a page titled after a data value would carry live HTML): escape it once the theme has set it."""
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = html.escape(context["pagetitle"])


#: Chapters are the hand-written notebooks in book/ (generated pages are not notebooks).
def is_chapter(docname: str) -> bool:
    parts = docname.split("/")
    return len(parts) == 2 and parts[0] == "book"


def _launch_note(app, doctree, docname) -> None:
    if app.builder.format != "html" or not is_chapter(docname):
        return
    from .launch import box, launch
    path = Path(app.env.doc2path(docname)).relative_to(app.srcdir).as_posix()
    try:
        doctree += box(launch(getattr(app, "_uk_launch_options", None) or {}, path))
    except ValueError as err:
        raise ExtensionError(str(err)) from None


def setup(app):
    app.add_directive("uk-profile", Profile)
    app.add_directive("uk-organisation", Organisation)
    for name, builder in (("uk-data-dictionary", "dictionary_nodes"), ("uk-sources", "sources_nodes"),
                          ("uk-glossary", "glossary_nodes"), ("uk-changelog", "changelog_nodes")):
        app.add_directive(name, _page(builder))
    app.connect("config-inited", _inject)
    app.connect("doctree-resolved", _launch_note)
    app.connect("html-page-context", _dedupe_scripts, priority=1)
    app.connect("html-page-context", _escape_pagetitle, priority=900)  # after the theme's own handler
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "2"}
