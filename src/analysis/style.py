"""The house style: one place for colours, fonts, sizes and the caption line.

Colours are the Okabe–Ito palette, which stays distinguishable under the
common forms of colour-blindness. Sizes are set for a printed A4 column
(figures 6.3 in wide, text at 8 pt or more).
"""
from __future__ import annotations

from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
CYCLE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black")]
UK = PALETTE["blue"]
#: The UK on maps, set apart from the blue choropleth ramp.
UK_ON_MAP = "#3A3A3A"
OTHER = "#9A9A9A"
GRID = "#DDDDDD"
#: Sequential ramp for choropleths and heatmaps (light to dark blue), readable in greyscale.
SEQUENTIAL = ["#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B"]
NO_DATA = "#EEEEEE"

WIDTH = 6.3  # inches: an A4 text column
DPI = 300

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=CYCLE),
    "axes.grid": True,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "svg.hashsalt": "uk-europe-security",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": True,
    # Labels come from the data: never read "$...$" in them as mathematics (a name such as "A $\\frac$ B" would
    # otherwise crash the figure or draw as a formula). No figure of the book uses mathtext.
    "text.parse_math": False,
}


# Figures add text after new_figure() has left the style's context, so the one setting that keeps data text
# literal is also made for the whole process.
matplotlib.rcParams["text.parse_math"] = False


@contextmanager
def house_style():
    with plt.rc_context(RC):
        yield


def new_figure(height: float = 3.6, ncols: int = 1, **kwargs):
    with house_style():
        fig, ax = plt.subplots(1, ncols, figsize=(WIDTH, height), **kwargs)
    return fig, ax


#: The longest label a figure draws from the data (tick labels, legend entries, annotations); the full text is in
#: the figure's CSV and alt text.
LABEL_MAX = 44


def short(text: str, limit: int = LABEL_MAX) -> str:
    """A data label fitted to a figure: white space folded, cut with an ellipsis past ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def fit_labels(fig) -> None:
    """Keep labels that come from the data inside the canvas, whatever their length: tick labels set from data
    (fixed or categorical) are shortened, and so are legend entries and annotations. Numeric ticks, titles and
    captions, which the code writes, are left alone."""
    from matplotlib.category import StrCategoryFormatter
    from matplotlib.ticker import FixedFormatter, FuncFormatter
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if isinstance(formatter, FixedFormatter):
                formatter.seq = [short(s) for s in formatter.seq]
            elif isinstance(formatter, (StrCategoryFormatter, FuncFormatter)) and not getattr(formatter, "fits", False):
                # categories, and the labels set_ticks(…, labels) keeps in a FuncFormatter (a numeric formatter
                # that needs the tick locations, such as ScalarFormatter, is never from the data: left alone)
                outer = FuncFormatter(lambda x, pos, f=formatter: short(f(x, pos)))
                outer.fits = True
                axis.set_major_formatter(outer)
            for tick in axis.get_major_ticks():
                for label in (tick.label1, tick.label2):
                    label.set_text(short(label.get_text()))
        legend = ax.get_legend()
        for t in legend.get_texts() if legend else []:
            t.set_text(short(t.get_text()))
        for t in ax.texts:
            t.set_text(short(t.get_text(), 60))


def _wrap_to_width(text, renderer, right: float, start: int = 95) -> None:
    """Re-wrap a Text artist until its right edge is inside ``right`` (pixels)."""
    import textwrap
    raw = " ".join(text.get_text().split())
    width = start
    text.set_text(textwrap.fill(raw, width))
    while text.get_window_extent(renderer).x1 > right and width > 20:
        width -= 3
        text.set_text(textwrap.fill(raw, width))


def fit_to_canvas(fig, bottom: float) -> None:
    """Lay the figure out so that no title or caption runs off the canvas: wrap them to the width there is, then
    let tight_layout make room (twice: wrapping changes the room the title needs)."""
    fig.tight_layout(rect=(0, bottom, 1, 1))
    renderer = fig.canvas.get_renderer()
    right = fig.bbox.width * 0.985  # a margin, so that the text also fits at other resolutions
    for _ in range(2):
        for ax in fig.axes:
            for title in (ax.title, ax._left_title, ax._right_title):
                if title.get_text().strip():
                    _wrap_to_width(title, renderer, right)
        for text in fig.texts:
            _wrap_to_width(text, renderer, right, start=140)
        fig.tight_layout(rect=(0, bottom + 0.012 * max(0, max((t.get_text().count("\n") for t in fig.texts),
                                                                  default=0)), 1, 1))


def caption(fig, as_at: str, source: str = "Source: UK–Europe security data book; see the dataset's sources.csv") -> None:
    """Write the 'as at' date and a short source line under the plot (data labels fitted first), and lay the
    figure out so that every text stays on the canvas."""
    fit_labels(fig)
    with house_style():
        fig.text(0.01, 0.005, f"Data as at {as_at}. {source}.", fontsize=7, color="#444444",
                 ha="left", va="bottom")
        fit_to_canvas(fig, 0.04)
