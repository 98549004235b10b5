"""Docutils nodes from data: the one way a value from ``data/`` reaches a generated page.

The generated pages of the book (profiles, organisation pages, the data dictionary, the sources, the glossary)
are not written as Markdown. Each is a one-line stub that names a directive and an identifier checked by the
validator (an ISO code or an ``org_id``); the directive (see :mod:`analysis.build.sphinxext`) builds the page
as a docutils tree with the helpers below. A value from the data only ever becomes a :class:`docutils.nodes.Text`
node or an attribute value, which Sphinx's HTML writer escapes; it is never parsed as MyST, reStructuredText
or HTML, so no value can become a heading, a directive, a role, math or markup. Links to the outside world are
made only for ``http`` and ``https`` addresses (:func:`safe_url`).
"""
from __future__ import annotations

from typing import Iterable, Union
from urllib.parse import urlsplit

from docutils import nodes

from ..validate import CONTROL

Part = Union[str, nodes.Node]


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute http(s) address with no space or control character, else None."""
    if not isinstance(url, str) or CONTROL.search(url) or any(c.isspace() for c in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def text(value) -> nodes.Text:
    return nodes.Text("" if value is None else str(value))


def _parts(parts: Iterable[Part]) -> list[nodes.Node]:
    return [p if isinstance(p, nodes.Node) else text(p) for p in parts]


def para(*parts: Part, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    return nodes.paragraph("", "", *_parts(parts), classes=list(classes))


def strong(value) -> nodes.strong:
    return nodes.strong("", "", text(value))


def emphasis(value) -> nodes.emphasis:
    return nodes.emphasis("", "", text(value))


def literal(value) -> nodes.literal:
    return nodes.literal("", "", text(value))


def inline(value, *classes: str) -> nodes.inline:
    return nodes.inline("", "", text(value), classes=list(classes))


def link(label, url: str, title: str | None = None) -> nodes.Node:
    """An external link, or the bare label when the address is not a safe http(s) URL."""
    target = safe_url(url)
    if target is None:
        return text(label)
    node = nodes.reference("", "", text(label), refuri=target, internal=False)
    if title:
        node["reftitle"] = str(title)
    return node


def internal(label, uri: str) -> nodes.reference:
    """A link to another page of the book (``uri`` is built by the code from checked identifiers)."""
    return nodes.reference("", "", text(label), refuri=uri, internal=True)


def section(title, *children: nodes.Node, id: str | None = None) -> nodes.section:
    ident = id or nodes.make_id(str(title)) or "section"
    node = nodes.section("", ids=[ident], names=[nodes.fully_normalize_name(str(title))])
    node += nodes.title("", "", text(title))
    for child in children:
        node += child
    return node


def bullets(items: Iterable[Part | list[Part]], classes: tuple[str, ...] = ()) -> nodes.bullet_list:
    out = nodes.bullet_list(classes=list(classes))
    for item in items:
        out += nodes.list_item("", para(*(item if isinstance(item, list) else [item])))
    return out


def container(*children: nodes.Node, classes: tuple[str, ...] = ()) -> nodes.container:
    return nodes.container("", *children, classes=list(classes))


def image(uri: str, alt: str, width: str | None = None) -> nodes.image:
    node = nodes.image(uri=uri, alt=str(alt), candidates={"*": uri})
    if width:
        node["width"] = width
    return node


def table(headers: list[str], rows: list[list[Part | list[Part]]], caption: str,
          classes: tuple[str, ...] = (), row_headers: bool = False) -> nodes.table:
    """A table with a caption and column headers; every cell is text or nodes made here."""
    tab = nodes.table(classes=["data-table", *classes])
    tab += nodes.title("", "", text(caption))
    group = nodes.tgroup(cols=len(headers))
    tab += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    head += nodes.row("", *[nodes.entry("", para(h)) for h in headers])
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for i, cell in enumerate(cells):
            entry = nodes.entry("", para(*(cell if isinstance(cell, list) else [cell])))
            if row_headers and i == 0:
                entry["classes"].append("row-header")
            row += entry
        body += row
    return tab


def raw_html(markup: str) -> nodes.raw:
    """HTML made by this package's own code (never a data value unescaped)."""
    return nodes.raw("", markup, format="html")
