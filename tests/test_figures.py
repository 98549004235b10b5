import hashlib
import subprocess
import sys

import pytest

from analysis import figures as F
from analysis.export import write_downloads


def test_there_are_at_least_twelve_figures():
    assert len(F.REGISTRY) >= 12


@pytest.mark.parametrize("fig_id", list(F.REGISTRY))
def test_each_figure_builds_with_alt_text_and_data(shipped, fig_id):
    import matplotlib.pyplot as plt
    fig = F.build(fig_id, shipped)
    try:
        assert len(fig.alt) > 80 and "<Figure" not in fig.alt
        assert not fig.table.empty
        texts = [t.get_text() for t in fig.fig.texts]
        assert any(f"Data as at {shipped.as_at}" in t for t in texts), "caption with the as-at date"
        w, h = fig.fig.get_size_inches()
        assert w == pytest.approx(6.3)
    finally:
        plt.close(fig.fig)


def test_figures_render_on_the_mini_dataset(mini):
    import matplotlib.pyplot as plt
    for fig_id in F.REGISTRY:
        fig = F.build(fig_id, mini)
        plt.close(fig.fig)


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_figures_command_is_byte_identical_across_runs(tmp_path):
    """Two fresh processes write the same bytes for every SVG, PDF, CSV and citation."""
    outs = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", "analysis", "figures", "--out", str(out)], check=True,
                       capture_output=True)
        outs.append(_digest(out))
    assert outs[0].keys() == outs[1].keys()
    for ext in (".svg", ".pdf", ".csv", ".txt", ".bib", ".png"):
        files = [n for n in outs[0] if n.endswith(ext)]
        assert len(files) == len(F.REGISTRY)
        changed = [n for n in files if outs[0][n] != outs[1][n]]
        assert not changed, f"differ between runs: {changed}"
    svg = (tmp_path / "a" / "depth-ranking.svg").read_text()
    assert "<dc:date>" not in svg and "<metadata>" not in svg or "dc:date" not in svg


def test_citations_name_figure_version_and_date(tmp_path, shipped):
    subprocess.run([sys.executable, "-m", "analysis", "figures", "--out", str(tmp_path), "--only", "depth-ranking"],
                   check=True, capture_output=True)
    text = (tmp_path / "depth-ranking.txt").read_text()
    bib = (tmp_path / "depth-ranking.bib").read_text()
    assert "depth-ranking" in text and shipped.version in text and str(shipped.as_at) in text
    assert bib.startswith("@incollection{ukeurope-depth-ranking,") and str(shipped.as_at) in bib


def test_dataset_downloads_are_reproducible_and_complete(tmp_path, shipped):
    import zipfile
    from openpyxl import load_workbook
    a = [p.read_bytes() for p in write_downloads(tmp_path / "a", shipped)]
    b = [p.read_bytes() for p in write_downloads(tmp_path / "b", shipped)]
    assert a == b
    names = zipfile.ZipFile(tmp_path / "a" / "uk-europe-security-data.zip").namelist()
    assert "uk-europe-security-data/datapackage.json" in names
    assert all(f"uk-europe-security-data/{r['path']}" in names for r in shipped.package["resources"])
    book = load_workbook(tmp_path / "a" / "uk-europe-security-data.xlsx")
    assert book.sheetnames[0] == "README"
    assert set(book.sheetnames[1:]) == {r["name"] for r in shipped.package["resources"]}
    assert book["agreements"].max_row == len(shipped.agreements) + 1


@pytest.mark.parametrize("fig_id", list(F.REGISTRY))
def test_figure_layout_keeps_every_text_on_the_canvas_and_labels_its_axes(shipped, fig_id):
    import matplotlib.pyplot as plt
    fig = F.build(fig_id, shipped)
    try:
        canvas = fig.fig.canvas
        canvas.draw()
        renderer = canvas.get_renderer()
        width, height = canvas.get_width_height()
        outside = []
        boxes = [(f"axes {i} (title, labels, ticks, legend)", ax.get_tightbbox(renderer))
                 for i, ax in enumerate(fig.fig.axes) if ax.get_visible()]
        boxes += [(t.get_text()[:50], t.get_window_extent(renderer)) for t in fig.fig.texts if t.get_text().strip()]
        boxes += [("figure legend", lg.get_window_extent(renderer)) for lg in fig.fig.legends]
        for name, box in boxes:
            if box is not None and (box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1):
                outside.append(name)
        assert not outside, f"text off the canvas: {outside}"
        clashes = []
        for ax in fig.fig.axes:
            legend = ax.get_legend()
            if legend is None:
                continue
            box = legend.get_window_extent(renderer)
            others = [t for t in ax.xaxis.get_ticklabels() + ax.yaxis.get_ticklabels() if t.get_visible() and t.get_text()]
            others += [ax.xaxis.label, ax.yaxis.label, ax.title, ax._left_title]
            for t in others:
                if t.get_text().strip() and box.overlaps(t.get_window_extent(renderer)):
                    clashes.append(t.get_text()[:30])
        assert not clashes, f"{fig_id}: the legend covers {clashes}"
        for ax in fig.fig.axes:
            if not ax.axison:
                continue
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible() and len(axis.get_majorticklocs()) and axis.get_ticklabels():
                    drawn = [t.get_text() for t in axis.get_ticklabels() if t.get_visible()]
                    assert any(drawn), f"{fig_id}: an axis has ticks but no tick labels"
    finally:
        plt.close(fig.fig)


def test_caption_lists_read_as_an_editor_writes_them():
    assert F._list([]) == "none"
    assert F._list(["A"]) == "A"
    assert F._list(["A", "B", "C"]) == "A, B and C"
    assert F._list(list("ABCDEFG"), 4) == "A, B, C and D"  # the caller names the top four
    many = [f"G{i}" for i in range(F.LIST_ALL + 5)]
    text = F._list(many)
    assert text.startswith(f"{len(many)} in all, among them G0, G1,") and text.endswith("G8 and G9")


@pytest.mark.parametrize("fig_id", list(F.REGISTRY))
def test_every_caption_is_complete_sentences_without_a_dangling_count(shipped, fig_id):
    import re

    import matplotlib.pyplot as plt
    fig = F.build(fig_id, shipped)
    plt.close(fig.fig)
    assert not re.search(r"\band \d+ more\b", fig.alt), fig.alt
    assert fig.alt[0].isupper() and fig.alt.rstrip().endswith("."), fig.alt
    assert "  " not in fig.alt and " ." not in fig.alt and ":." not in fig.alt, fig.alt


@pytest.mark.parametrize("fig_id", list(F.REGISTRY))
def test_distinct_legend_entries_are_drawn_distinctly(shipped, fig_id):
    """Two entries of one legend never share a colour, line style and marker (a proxy drawn from an empty
    series once showed 'member' and 'outside' in the same blue)."""
    import matplotlib.colors as mc
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    fig = F.build(fig_id, shipped)
    try:
        for legend in [ax.get_legend() for ax in fig.fig.axes if ax.get_legend()] + list(fig.fig.legends):
            looks = {}
            for handle, text in zip(legend.legend_handles, legend.get_texts()):
                if isinstance(handle, Line2D):
                    look = ("line", mc.to_hex(handle.get_color(), keep_alpha=True), str(handle.get_linestyle()),
                            str(handle.get_marker()))
                else:  # patches and point collections: their fill
                    colour = handle.get_facecolor()
                    colour = colour[0] if getattr(colour, "ndim", 1) == 2 else colour
                    look = ("patch", mc.to_hex(colour, keep_alpha=True))
                assert look not in looks, f"{fig_id}: '{text.get_text()}' looks like '{looks.get(look)}'"
                looks[look] = text.get_text()
    finally:
        plt.close(fig.fig)


def _covered(ax, box, renderer):
    """What of the plotted data in ``ax`` lies under the display-space box ``box`` (a legend's)."""
    import numpy as np
    from matplotlib.collections import LineCollection, PathCollection, PolyCollection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    hits = []
    grid = np.array([(box.x0 + (box.x1 - box.x0) * i / 6, box.y0 + (box.y1 - box.y0) * j / 4)
                     for i in range(7) for j in range(5)])
    for artist in ax.get_children():
        if not artist.get_visible() or artist is ax.get_legend():
            continue
        if isinstance(artist, Line2D):
            if artist.get_label().startswith("_") and len(artist.get_xdata()) <= 2:
                continue  # a reference line drawn across the axes (events, floors), not a data series
            points = artist.get_transform().transform(np.column_stack([artist.get_xdata(), artist.get_ydata()]))
            if any(box.contains(x, y) for x, y in points):
                hits.append(f"line {artist.get_label()}")
        elif isinstance(artist, Rectangle) and artist is not ax.patch:
            if artist.get_width() and artist.get_height() and artist.get_window_extent(renderer).overlaps(box):
                hits.append("bar")
        elif isinstance(artist, PathCollection):
            offsets = artist.get_offset_transform().transform(artist.get_offsets())
            if any(box.contains(x, y) for x, y in offsets):
                hits.append("points")
        elif isinstance(artist, LineCollection):
            for segment in artist.get_segments():
                ends = artist.get_transform().transform(segment)
                if any(box.contains(x, y) for x, y in ends) or any(
                        box.contains(*(ends[0] + (ends[-1] - ends[0]) * t / 10)) for t in range(11)):
                    hits.append("line segments")
                    break
        elif isinstance(artist, PolyCollection):
            for path in artist.get_paths():
                shape = path.transformed(artist.get_transform())
                if any(shape.contains_point(p) for p in grid):
                    hits.append("area")
                    break
        elif isinstance(artist, AxesImage) and artist.get_window_extent(renderer).overlaps(box):
            hits.append("image")
    return hits


@pytest.mark.parametrize("fig_id", list(F.REGISTRY))
def test_no_legend_sits_on_the_plotted_data(shipped, fig_id):
    import matplotlib.pyplot as plt
    fig = F.build(fig_id, shipped)
    try:
        fig.fig.canvas.draw()
        renderer = fig.fig.canvas.get_renderer()
        for ax in fig.fig.axes:
            legend = ax.get_legend()
            if legend is None:
                continue
            hits = _covered(ax, legend.get_window_extent(renderer), renderer)
            assert not hits, f"{fig_id}: the legend covers {sorted(set(hits))}"
    finally:
        plt.close(fig.fig)


def test_the_legend_check_sees_a_legend_on_the_bars():
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(range(5), [10, 10, 10, 10, 10], label="tall bars")
    ax.set_ylim(0, 10.5)
    legend = ax.legend(loc="center")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert "bar" in _covered(ax, legend.get_window_extent(renderer), renderer)
    plt.close(fig)
