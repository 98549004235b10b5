"""How to cite the book, a figure or the dataset: every part of a citation from ``CITATION.cff``.

``CITATION.cff`` is the single source for the title, the authors, editors and publisher, the version, the date
of release and the book's address (``url``, absent until the book is published: then the citation says so
rather than inventing one). The dataset's version and as-at date in ``datapackage.json`` must agree with it (a
test checks). The access date is the reader's: it is left for them to fill in.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

CFF = Path(__file__).resolve().parents[2] / "CITATION.cff"
NO_ADDRESS = "address: not yet published"
ACCESSED = "accessed [day month year]"


@lru_cache(maxsize=1)
def book() -> dict:
    meta = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    names = lambda people: ", ".join(p.get("name") or f"{p.get('given-names', '')} {p.get('family-names', '')}".strip()
                                     for p in people or [])
    return {"title": meta["title"], "authors": names(meta.get("authors")), "editors": names(meta.get("editors")),
            "publisher": (meta.get("publisher") or {}).get("name", ""), "version": str(meta["version"]),
            "released": str(meta["date-released"]), "url": meta.get("url", "")}


def _where(b: dict) -> str:
    return b["url"] if b["url"] else NO_ADDRESS


def figure_text(fig_id: str, title: str) -> str:
    b = book()
    return (f"{b['authors']} ({b['released'][:4]}). “{title}” (figure {fig_id}). In {b['editors']} (eds.), "
            f"{b['title']}, version {b['version']}, data as at {b['released']}. {b['publisher']}. {_where(b)}; "
            f"{ACCESSED}.")


def figure_bibtex(fig_id: str, title: str) -> str:
    b = book()
    lines = [f"@incollection{{ukeurope-{fig_id},", f"  author = {{{{{b['authors']}}}}},", f"  title = {{{{{title}}}}},",
             f"  booktitle = {{{{{b['title']}}}}},", f"  editor = {{{{{b['editors']}}}}},",
             f"  publisher = {{{{{b['publisher']}}}}},", f"  edition = {{version {b['version']}}},",
             f"  year = {{{b['released'][:4]}}},", f"  note = {{Figure {fig_id}; data as at {b['released']}}},"]
    lines.append(f"  url = {{{b['url']}}}," if b["url"] else "  howpublished = {address not yet published},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dataset_text() -> str:
    b = book()
    return (f"{b['authors']} ({b['released'][:4]}). {b['title']}: dataset, version {b['version']}, data as at "
            f"{b['released']}. {b['publisher']}. Licence CC BY 4.0. {_where(b)}; {ACCESSED}.")


def dataset_bibtex() -> str:
    b = book()
    lines = ["@misc{ukeurope-dataset,", f"  author = {{{{{b['authors']}}}}},", f"  title = {{{{{b['title']}: dataset}}}},",
             f"  publisher = {{{{{b['publisher']}}}}},", f"  version = {{{b['version']}}},", f"  year = {{{b['released'][:4]}}},",
             f"  note = {{Data as at {b['released']}; licence CC BY 4.0}},"]
    lines.append(f"  url = {{{b['url']}}}," if b["url"] else "  howpublished = {address not yet published},")
    lines.append("}")
    return "\n".join(lines) + "\n"
