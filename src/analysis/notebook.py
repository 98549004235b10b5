"""Display helpers for the book's chapters, so that no chapter holds logic of its own.

Each helper builds what it shows from the dataset at run time (on Binder as in
the book build) and displays it with the text a screen reader needs.
"""
from __future__ import annotations

import html
import io
from functools import lru_cache

import pandas as pd
from IPython.display import HTML, Image, Markdown, display

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
                 f'{html.escape(fig.alt)}</p>' + downloads_html(fig_id)))
    return fig


def show_table(frame: pd.DataFrame, caption: str, index: bool = False, float_format: str = "{:.1f}") -> None:
    """An accessible HTML table: a caption, column headers, escaped cells."""
    formatters = {c: float_format.format for c in frame.columns if pd.api.types.is_float_dtype(frame[c])}
    body = frame.to_html(index=index, escape=True, border=0, classes="table", formatters=formatters,
                         na_rep="")
    display(HTML(body.replace("<table ", f"<table aria-label=\"{html.escape(caption)}\" ", 1)
                 .replace("<thead>", f"<caption>{html.escape(caption)}</caption><thead>", 1)))


def show_markdown(text: str) -> None:
    display(Markdown(text))
