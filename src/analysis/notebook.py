"""Display helpers for the book's chapters, so that no chapter holds logic of its own.

Each helper builds what it shows from the dataset at run time (on Binder as in
the book build) and displays it with the text a screen reader needs.
"""
from __future__ import annotations

import html
import io
from functools import lru_cache

import pandas as pd
from IPython.display import HTML, Image, display

from . import figures as F
from .load import Dataset, load

DOWNLOADS = "../downloads/figures"
FORMATS = (("png", "PNG"), ("svg", "SVG"), ("pdf", "PDF"), ("csv", "data (CSV)"), ("txt", "citation"),
           ("bib", "BibTeX"))


@lru_cache(maxsize=1)
def dataset() -> Dataset:
    """The shipped dataset, validated (a bad dataset stops the notebook with the list of problems)."""
    return load()


def downloads_html(fig_id: str, prefix: str = DOWNLOADS) -> str:
    links = " · ".join(f'<a href="{prefix}/{fig_id}.{ext}" download>{label}</a>' for ext, label in FORMATS)
    return f'<p class="figure-downloads">Download this figure: {links}</p>'


def cite_html(fig_id: str | None = None, title: str | None = None) -> str:
    """A 'Cite this' block: the citation as text to copy and as BibTeX (of a figure, or of the dataset)."""
    from . import citation as C
    text = C.figure_text(fig_id, title) if fig_id else C.dataset_text()
    bib = C.figure_bibtex(fig_id, title) if fig_id else C.dataset_bibtex()
    what = "this figure" if fig_id else "the dataset"
    return (f'<details class="cite"><summary>Cite {what}</summary><p class="cite-text">{html.escape(text)}</p>'
            f'<pre class="cite-bibtex">{html.escape(bib)}</pre></details>')


def show_figure(fig_id: str, data: Dataset | None = None) -> F.Figure:
    """Display one registered figure as a PNG with its alt text, its caption and its download links."""
    data = data or dataset()
    fig = F.build(fig_id, data)
    buffer = io.BytesIO()
    fig.fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    import matplotlib.pyplot as plt
    plt.close(fig.fig)
    display(Image(data=buffer.getvalue(), format="png", metadata={"alt": fig.alt}))
    display(HTML(f'<p class="figure-caption"><strong>Figure: {html.escape(fig.title)}.</strong> '
                 f'{html.escape(fig.alt)}</p>' + downloads_html(fig_id) + cite_html(fig_id, fig.title)))
    return fig


def _cell(value, float_format: str) -> str:
    """One cell as escaped text: a value is shown exactly as written (pandas' own HTML would print a newline
    in a value as the two characters '\\n')."""
    if value is None or (not isinstance(value, (str, tuple, list)) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return html.escape(float_format.format(value))
    if isinstance(value, (tuple, list)):
        value = "; ".join(map(str, value))
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, caption: str, index: bool = False, float_format: str = "{:.1f}") -> str:
    """An accessible HTML table: a caption, column headers, every cell escaped text."""
    if index:
        frame = frame.reset_index()
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_cell(v, float_format)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return (f'<table class="table" aria-label="{html.escape(caption)}"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def show_table(frame: pd.DataFrame, caption: str, index: bool = False, float_format: str = "{:.1f}") -> None:
    """Display a table with human column labels (from the datapackage's titles, see :mod:`analysis.labels`),
    booleans as words and escaped cells."""
    from .labels import humanise
    display(HTML(table_html(humanise(frame, dataset().package), caption, index, float_format)))


def glue_facts(facts: dict) -> None:
    """Glue numbers and short texts for the chapter's prose: {glue:}`key` for numbers, {glue:text}`key` for
    text. Text is glued as plain text (never Markdown), so a value from the data stays literal in the prose."""
    from myst_nb import glue
    for key, value in facts.items():
        glue(key, str(value) if isinstance(value, str) else value, display=False)


def show_profile_index(data: Dataset | None = None) -> None:
    """A table of every state in scope linking to its generated profile page."""
    from . import measures as m
    data = data or dataset()
    depth = m.depth_index(data, data.as_at)
    counts = data.agreement_parties["party"].value_counts()
    rows = []
    for r in data.countries.sort_values("name").itertuples():
        score = f"{depth.loc[r.iso3, 'index']:.1f}" if r.iso3 in depth.index else "(the UK)"
        rows.append(f'<tr><th scope="row"><a href="{html.escape(data.profile_url(r.iso3))}">{html.escape(r.name)}</a></th>'
                    f"<td>{html.escape(r.region)}</td><td>{int(counts.get(r.iso3, 0))}</td><td>{score}</td></tr>")
    display(HTML('<table class="table"><caption>Profiles of every state in scope</caption><thead><tr>'
                 '<th scope="col">State</th><th scope="col">Region</th><th scope="col">Agreements with the UK</th>'
                 '<th scope="col">Depth index</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"))


def show_organisation_index(data: Dataset | None = None) -> None:
    """A table of every organisation, grouped by the UK's status, linking to its generated page."""
    from . import measures as m
    data = data or dataset()
    rows = []
    order = {s: i for i, s in enumerate(("founding member", "member", "participant", "partner", "observer",
                                          "former member", "non-member"))}
    frame = data.organisations.assign(o=data.organisations["uk_status"].map(lambda s: order.get(s, 99)))
    for r in frame.sort_values(["o", "name"]).itertuples():
        note = m.membership_note(data, r.org_id)
        rows.append(f'<tr><th scope="row"><a href="generated/organisations/{html.escape(r.org_id)}.html">'
                    f'{html.escape(r.name)}</a></th><td>{html.escape(r.short_name)}</td><td>{html.escape(r.kind)}</td>'
                    f"<td>{html.escape(r.uk_status)}</td><td>{html.escape(note)}</td></tr>")
    display(HTML('<table class="table"><caption>Every organisation and format in the dataset, by the UK\'s status'
                 '</caption><thead><tr><th scope="col">Organisation</th><th scope="col">Abbreviation</th>'
                 '<th scope="col">Kind</th><th scope="col">The UK\'s status</th><th scope="col">Members</th></tr>'
                 '</thead><tbody>' + "".join(rows) + "</tbody></table>"))


def show_findings(data: Dataset | None = None) -> None:
    """The front page's headline findings, computed from the data, as an escaped list."""
    from . import measures as m
    data = data or dataset()
    items = "".join(f"<li>{html.escape(text)}</li>" for text in m.headline_findings(data))
    display(HTML(f'<div class="findings"><p class="findings-title">Three findings, as at '
                 f'{html.escape(data.as_at.last_day().strftime("%-d %B %Y"))}</p><ol>{items}</ol></div>'))


def show_dataset_citation() -> None:
    """How to cite the dataset, as text to copy and BibTeX."""
    display(HTML(cite_html().replace("<details", "<details open", 1)))


def show_dataset_downloads() -> None:
    """Links to the dataset as a zip of CSVs and as an XLSX workbook."""
    display(HTML('<ul><li><a href="../downloads/uk-europe-security-data.zip" download>The dataset: CSV files with '
                 'their datapackage.json, changelog and licence (zip)</a></li><li><a '
                 'href="../downloads/uk-europe-security-data.xlsx" download>The dataset as an Excel workbook: one '
                 'sheet per table and a README sheet (XLSX)</a></li></ul>'))


def show_weights() -> None:
    """The depth index weights, from the one place they are defined."""
    from . import measures as m
    for group, values in m.WEIGHTS.items():
        show_table(pd.DataFrame({"item": list(values), "weight": list(values.values())}),
                   f"Depth index weights: {group.replace('_', ' ')}")


def show_figure_downloads() -> None:
    """The list of every figure with links to each of its files."""
    rows = "".join(f"<tr><td>{html.escape(spec.title)}</td><td>{downloads_html(fid)}</td></tr>"
                   for fid, spec in F.REGISTRY.items())
    display(HTML('<table class="table"><caption>Every figure in the book and its files</caption><thead><tr>'
                 '<th scope="col">Figure</th><th scope="col">Files</th></tr></thead><tbody>' + rows + "</tbody></table>"))
