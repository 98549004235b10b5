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
}


@contextmanager
def house_style():
    with plt.rc_context(RC):
        yield


def new_figure(height: float = 3.6, ncols: int = 1, **kwargs):
    with house_style():
        fig, ax = plt.subplots(1, ncols, figsize=(WIDTH, height), **kwargs)
    return fig, ax


def caption(fig, as_at: str, source: str = "Source: UK–Europe security data book; see the dataset's sources.csv") -> None:
    """Write the 'as at' date and a short source line under the plot."""
    with house_style():
        fig.text(0.01, 0.005, f"Data as at {as_at}. {source}.", fontsize=7, color="#444444",
                 ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.04, 1, 1))


def sequential_colour(value: float, vmax: float) -> str:
    """Colour for ``value`` on the sequential ramp (0 maps to the lightest step)."""
    if vmax <= 0 or value is None:
        return NO_DATA
    step = min(len(SEQUENTIAL) - 1, int(round(value / vmax * (len(SEQUENTIAL) - 1))))
    return SEQUENTIAL[step]
