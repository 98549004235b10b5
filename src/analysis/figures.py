"""The book's figures: one function each, matplotlib only, in the house style.

Each figure function takes the dataset and returns a :class:`Figure`: the
matplotlib figure, the exact table it plots (for the CSV download), a title
and an alt text that says what the figure shows. :data:`REGISTRY` lists them
in book order; ``python -m analysis figures`` writes them all.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import Callable

import matplotlib.pyplot as plt
from matplotlib.patches import Patch
import numpy as np
import pandas as pd

from . import measures as m
from .dates import active_on
from .labels import join_and as _and
from .load import Dataset
from .style import CYCLE, OTHER, PALETTE, SEQUENTIAL, UK, caption, house_style, new_figure


@dataclass
class Figure:
    id: str
    title: str
    fig: plt.Figure
    table: pd.DataFrame
    alt: str


@dataclass(frozen=True)
class Spec:
    id: str
    title: str
    chapter: str
    build: Callable[[Dataset], Figure]


REGISTRY: dict[str, Spec] = {}


def figure(fig_id: str, title: str, chapter: str):
    def register(fn: Callable[[Dataset, str, str], Figure]):
        REGISTRY[fig_id] = Spec(fig_id, title, chapter, lambda data: fn(data, fig_id, title))
        return fn
    return register


def build(fig_id: str, data: Dataset) -> Figure:
    return REGISTRY[fig_id].build(data)


def _events(data: Dataset) -> list[tuple[dt.date, str]]:
    if "events" not in data.tables:
        return []
    ev = data.events[data.events["event_id"].isin(m.TIMELINE_EVENTS)]
    return [(d.first_day(), label) for d, label in zip(ev["date"], ev["short_label"])]


def _mark_events(ax, data: Dataset, as_year: bool = True) -> None:
    top = ax.get_ylim()[1]
    for day, label in _events(data):
        x = day.year + (day.timetuple().tm_yday - 1) / 365.25 - 0.5 if as_year else day
        ax.axvline(x, color=PALETTE["vermillion"], lw=1, ls="--")
        ax.text(x, top, " " + label, color=PALETTE["vermillion"], fontsize=7, va="top", ha="left", rotation=90)


def _legend_below(ax, ncols: int = 4) -> None:
    """Legend under the plot, so it never covers bars or event labels (further down under rotated year labels)."""
    labels = ax.xaxis.get_ticklabels()
    rotated = bool(labels) and any(abs(t.get_rotation()) > 45 for t in labels)
    ax.legend(ncols=ncols, loc="upper center", bbox_to_anchor=(0.5, -0.22 if rotated else -0.12), fontsize=7)


def _as_at(data: Dataset) -> str:
    return str(data.as_at)


#: A caption names every item of a list up to this many; past it, it names the first few and says how many in all.
LIST_ALL = 20


def _list(items, n: int | None = None) -> str:
    """A caption's list, as an editor would write it: the first ``n`` items when the caption asks for the top few
    ("the four largest: A, B, C and D"); otherwise every item, or, past :data:`LIST_ALL`, the first ten and the
    total ("42 in all, among them A, B, …") — never a dangling "and 43 more"."""
    items = list(items)
    if n is not None:
        return _and(items[:n])
    if len(items) <= LIST_ALL:
        return _and(items)
    return f"{len(items)} in all, among them {_and(items[:10])}"


def _fold_rest(table: pd.DataFrame, keep: int, label: str, by: pd.Series | None = None) -> pd.DataFrame:
    """The first ``keep`` columns (largest ``by`` first, when given) and the rest summed into one column ``label``;
    the table as it is when it has at most ``keep + 1`` columns."""
    if table.shape[1] <= keep + 1:
        return table
    if by is not None:
        table = table[by.sort_values(ascending=False, kind="stable").index]
    return pd.concat([table.iloc[:, :keep], table.iloc[:, keep:].sum(axis=1).rename(label)], axis=1)


@figure("instruments-by-year", "UK defence and security instruments with European partners, by year and type",
        "post-brexit")
def instruments_by_year(data: Dataset, fig_id: str, title: str) -> Figure:
    table = m.instruments_by_year(data, start=2010)
    table = table.loc[:, table.sum().sort_values(ascending=False, kind="stable").index]
    table = _fold_rest(table, 6, "other types")  # the six commonest types, the rest together
    fig, ax = new_figure(4.2)
    with house_style():
        bottom = np.zeros(len(table))
        for i, col in enumerate(table.columns):
            colour = CYCLE[i] if i < len(CYCLE) else OTHER
            ax.bar(table.index, table[col], bottom=bottom, label=col, color=colour, width=0.8)
            bottom += table[col].to_numpy()
        ax.set_ylabel("Instruments signed")
        ax.set_xticks(table.index[::2])
        ax.set_title(textwrap.fill(title, 70))
        _legend_below(ax)
        ax.set_ylim(0, max(bottom.max() * 1.35, 1))
        _mark_events(ax, data)
    caption(fig, _as_at(data))
    peak = table.sum(axis=1)
    alt = (f"Stacked bar chart of UK defence and security instruments signed with European states and "
           f"organisations each year from {table.index[0]} to {table.index[-1]}, by instrument type. "
           f"{int(peak.sum())} instruments in all; the busiest year is {int(peak.idxmax())} with {int(peak.max())}. "
           f"Dashed lines mark the 2016 referendum, the UK's exit from the EU in 2020 and Russia's full-scale "
           f"invasion of Ukraine in 2022.")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


@figure("domains-by-period", "What the instruments cover: domains before and after 2016, 2020 and 2022",
        "post-2022")
def domains_by_period(data: Dataset, fig_id: str, title: str) -> Figure:
    table = m.domains_by_period(data, since=2010)
    fig, ax = new_figure(max(3.2, 0.22 * len(table) + 1.2))
    with house_style():
        values = table.to_numpy()
        ax.imshow(values, cmap=_cmap(), aspect="auto")
        ax.grid(False)
        ax.set_xticks(range(len(table.columns)), [textwrap.fill(c, 14) for c in table.columns])
        ax.set_yticks(range(len(table.index)), table.index)
        for (i, j), v in np.ndenumerate(values):
            ax.text(j, i, str(v), ha="center", va="center", fontsize=7,
                    color="white" if v > values.max() * 0.55 else "black")
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    totals = table.sum()
    alt = (f"Table-like heat map of how many UK instruments signed since 2010 touch each domain, in four periods: "
           + "; ".join(f"{p}: {int(totals[p])} domain mentions" for p in table.columns)
           + f". The four most frequent domains overall are {_list(table.index, 4)}.")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


def _cmap():
    from matplotlib.colors import ListedColormap
    return ListedColormap(SEQUENTIAL)


@figure("depth-ranking", "Relationship depth index: the UK's partners ranked, by component", "priorities")
def depth_ranking(data: Dataset, fig_id: str, title: str) -> Figure:
    table = m.depth_index(data, data.as_at)
    table = table[table["index"] > 0].head(25).iloc[::-1]
    fig, ax = new_figure(max(3.0, 0.2 * len(table) + 1.2))
    with house_style():
        left = np.zeros(len(table))
        for i, comp in enumerate(m.COMPONENTS):
            vals = (table[comp] * m.WEIGHTS["component"][comp]).to_numpy()
            ax.barh(table["name"], vals, left=left, color=CYCLE[i], label=comp)
            left += vals
        ax.set_xlabel("Depth index (points)")
        ax.legend(loc="lower right")
        ax.set_title(textwrap.fill(title, 70))
        ax.grid(axis="y", visible=False)
    caption(fig, _as_at(data))
    top = table.iloc[::-1]
    alt = (f"Horizontal stacked bar chart of the relationship depth index for the UK's {len(top)} deepest "
           f"partners as at {data.as_at}, split into memberships, instruments, activities and capability "
           f"programmes. Highest: " + "; ".join(f"{n} {v:.1f}" for n, v in zip(top['name'][:5], top['index'][:5])) + ".")
    return Figure(fig_id, title, fig, top.reset_index(), alt)


@figure("depth-change", "How the depth of each partnership changed: 2016, February 2022 and today", "post-2022")
def depth_change(data: Dataset, fig_id: str, title: str) -> Figure:
    points = {"2016-06-22": "Before the referendum", "2022-02-23": "Eve of the invasion", str(data.as_at): "Today"}
    cols = {label: m.depth_index(data, day)["index"] for day, label in points.items()}
    table = pd.DataFrame(cols)
    table.insert(0, "name", data.country_names())
    table = table.sort_values("Today", ascending=False).head(20).iloc[::-1]
    fig, ax = new_figure(max(3.0, 0.22 * len(table) + 1.2))
    with house_style():
        y = np.arange(len(table))
        ax.hlines(y, table.iloc[:, 1:].min(axis=1), table.iloc[:, 1:].max(axis=1), color=OTHER, lw=1)
        for (label, colour, marker) in zip(points.values(), (PALETTE["sky"], PALETTE["orange"], PALETTE["blue"]),
                                           ("o", "s", "D")):
            ax.scatter(table[label], y, color=colour, marker=marker, label=label, zorder=3, s=18)
        ax.set_yticks(y, table["name"])
        ax.set_xlabel("Depth index (points)")
        ax.legend(loc="lower right")
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    gain = (table["Today"] - table["Eve of the invasion"]).sort_values(ascending=False)
    alt = (f"Dot plot of the depth index of the UK's 20 deepest partners at three dates: 22 June 2016, "
           f"23 February 2022 and {data.as_at}. Largest gains since the invasion: "
           + "; ".join(f"{table.loc[i, 'name']} +{gain[i]:.1f}" for i in gain.index[:5]) + ".")
    return Figure(fig_id, title, fig, table.iloc[::-1].reset_index(), alt)


@figure("overlap-matrix", "Who belongs to what: European states and the formats of European security", "mosaic")
def overlap(data: Dataset, fig_id: str, title: str) -> Figure:
    matrix = m.overlap_matrix(data, data.as_at)
    names = data.country_names()
    orgs = data.org_names()
    fig, ax = new_figure(7.8)
    with house_style():
        ax.imshow(matrix.to_numpy(), cmap=_cmap(), aspect="auto", vmin=0, vmax=1.4)
        ax.grid(False)
        ax.set_yticks(range(len(matrix.index)), [names[i] for i in matrix.index], fontsize=6)
        ax.set_xticks(range(len(matrix.columns)), [orgs.get(o, o) for o in matrix.columns], rotation=90, fontsize=6)
        uk_row = list(matrix.index).index(m.UK)
        ax.axhline(uk_row - 0.5, color=UK, lw=1)
        ax.axhline(uk_row + 0.5, color=UK, lw=1)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    uk = matrix.loc[m.UK]
    alt = (f"Grid of {len(matrix.index)} states by {len(matrix.columns)} organisations; a filled cell means "
           f"membership as at {data.as_at}. The UK row is outlined: it belongs to {int(uk.sum())} of them and is "
           f"outside the other {int((uk == 0).sum())}: {_list([orgs.get(o, o) for o in uk.index[uk == 0]])}.")
    table = matrix.copy()
    table.index = [names[i] for i in matrix.index]
    table.index.name = "state"
    return Figure(fig_id, title, fig, table.reset_index(), alt)


#: How many groupings the shared-members grid shows (the most central; the table under it lists every one).
NETWORK_TOP = 16


@figure("grouping-network", "How the groupings interlock: member states shared by the most central formats",
        "mosaic")
def network(data: Dataset, fig_id: str, title: str) -> Figure:
    """The network of groupings drawn as its grid: for the most central groupings, the states each pair shares
    (a node-link drawing of 40-odd groupings is unreadable; a grid can be read cell by cell)."""
    graph = m.grouping_network(data, data.as_at)
    cent = m.centrality(graph).sort_values(["eigenvector", "members"], ascending=False, kind="stable")
    orgs = data.org_names()
    top = list(cent.index[:NETWORK_TOP])
    shared = pd.DataFrame(0, index=top, columns=top, dtype=int)
    for a in top:
        for b in top:
            shared.loc[a, b] = graph.nodes[a]["members"] if a == b else \
                (graph[a][b]["weight"] if graph.has_edge(a, b) else 0)
    labels = [orgs.get(o, o) + ("" if graph.nodes[o]["uk_member"] else " (UK out)") for o in top]
    fig, ax = new_figure(max(3.0, 0.34 * len(top) + 1.6))
    with house_style():
        if top:
            values = shared.to_numpy().astype(float)
            off = values.copy()
            np.fill_diagonal(off, np.nan)
            ceiling = max(np.nanmax(off) if np.isfinite(off).any() else 1, 1)
            ax.imshow(np.where(np.eye(len(top), dtype=bool), np.nan, values), cmap=_cmap(), vmin=0,
                      vmax=ceiling * 1.15, aspect="auto")
            for i in range(len(top)):
                for j in range(len(top)):
                    value = int(values[i, j])
                    dark = i != j and value > ceiling * 0.6
                    ax.text(j, i, str(value), ha="center", va="center", fontsize=6,
                            fontweight="bold" if i == j else "normal", color="white" if dark else "#222222")
            ax.grid(False)
            ax.set_yticks(range(len(top)), labels, fontsize=7)
            ax.set_xticks(range(len(top)), labels, rotation=90, fontsize=7)
            for ticks in (ax.get_xticklabels(), ax.get_yticklabels()):
                for tick, org in zip(ticks, top):
                    tick.set_color(UK if graph.nodes[org]["uk_member"] else PALETTE["orange"])
        else:
            ax.set_axis_off()
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), source="Bold diagonal: each grouping's own members. Source: UK–Europe security "
                                      "data book; see the dataset's sources.csv")
    outside = [orgs.get(o, o) for o in top if not graph.nodes[o]["uk_member"]]
    pairs = sorted(((int(shared.loc[a, b]), orgs.get(a, a), orgs.get(b, b)) for i, a in enumerate(top)
                    for b in top[i + 1:]), reverse=True)
    widest = "; ".join(f"{x} and {y} share {n}" for n, x, y in pairs[:3])
    alt = (f"Grid of the {len(top)} most central of {graph.number_of_nodes()} groupings (by eigenvector centrality "
           f"in the network of shared members), each cell the number of European states that two groupings share "
           f"and the diagonal each grouping's own membership. The largest overlaps: {widest or 'none'}. "
           + (f"Of these groupings the UK is outside {_list(outside)}." if outside else
              "The UK belongs to every one of them."))
    table = shared.copy()
    names = [orgs.get(o, o) for o in top]
    table.index = names
    table.columns = names
    table.index.name = "grouping"
    table.insert(0, "uk_member", [bool(graph.nodes[o]["uk_member"]) for o in top])
    return Figure(fig_id, title, fig, table.reset_index(), alt)


@figure("uk-in-out", "Inside and outside: the formats of European security and the UK's place in them", "mosaic")
def in_out(data: Dataset, fig_id: str, title: str) -> Figure:
    table = m.uk_in_out(data, data.as_at)
    table = table.sort_values(["uk_member", "members"], ascending=[True, True])
    fig, ax = new_figure(max(3.0, 0.18 * len(table) + 1.2))
    with house_style():
        colours = [UK if v else PALETTE["orange"] for v in table["uk_member"]]
        ax.barh(table["short_name"], table["members"], color=colours)
        ax.set_xlabel("European member states (incl. UK)")
        ax.legend(handles=[Patch(color=UK, label="UK is a member"), Patch(color=PALETTE["orange"], label="UK is outside")],
                  loc="lower right")
        ax.grid(axis="y", visible=False)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    inside, outside = table[table["uk_member"]], table[~table["uk_member"]]
    alt = (f"Horizontal bar chart of {len(table)} organisations by number of European member states as at "
           f"{data.as_at}. The UK belongs to {len(inside)}; it is outside {len(outside)}: "
           f"{_list(outside.sort_values('members', ascending=False)['short_name'])} (largest first).")
    return Figure(fig_id, title, fig, table.iloc[::-1].reset_index(), alt)


@figure("uk-formats-over-time", "The UK's memberships of European security formats over time, by kind",
        "post-brexit")
def formats_over_time(data: Dataset, fig_id: str, title: str) -> Figure:
    table = m.uk_formats_over_time(data, range(2000, data.as_at.year + 1))
    # the commonest kinds today, each in its own colour; the rest together, in grey
    table = _fold_rest(table, len(CYCLE) - 1, "other kinds", by=table.iloc[-1])
    fig, ax = new_figure(4.2)
    with house_style():
        colours = CYCLE[: len(table.columns)]
        if table.columns[-1] == "other kinds":
            colours = colours[:-1] + [OTHER]
        ax.stackplot(table.index, table.T.to_numpy(), labels=table.columns, colors=colours, step="post")
        ax.set_ylabel("Formats the UK belongs to")
        _legend_below(ax, 3)
        ax.set_ylim(0, table.sum(axis=1).max() * 1.35 + 1)
        ax.set_title(textwrap.fill(title, 70))
        _mark_events(ax, data)
    caption(fig, _as_at(data))
    total = table.sum(axis=1)
    alt = (f"Stacked area chart of the number of European security formats the UK belonged to at the end of each "
           f"year from {table.index[0]} to {table.index[-1]}, by kind: {int(total.iloc[0])} in {table.index[0]}, "
           f"{int(total.get(2016, 0))} in 2016, {int(total.get(2021, 0))} in 2021 and {int(total.iloc[-1])} in "
           f"{table.index[-1]}.")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


@figure("depth-sensitivity", "How robust is the ranking? Partner ranks under 200 random re-weightings", "methods")
def sensitivity(data: Dataset, fig_id: str, title: str) -> Figure:
    table = m.sensitivity(data, data.as_at)
    table = table[table["rank"] <= 20].iloc[::-1]
    fig, ax = new_figure(max(3.0, 0.2 * len(table) + 1.2))
    with house_style():
        y = np.arange(len(table))
        ax.hlines(y, table["rank_p05"], table["rank_p95"], color=PALETTE["sky"], lw=3, label="5th–95th percentile")
        ax.scatter(table["rank"], y, color=UK, zorder=3, s=16, label="Published weights")
        ax.set_yticks(y, table["name"])
        ax.invert_xaxis()
        ax.set_xlabel("Rank (1 = deepest)")
        _legend_below(ax, 2)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    width = (table["rank_p95"] - table["rank_p05"])
    alt = (f"Range plot of the rank of the UK's top {len(table)} partners when every index weight is multiplied "
           f"by a random factor between 0.5 and 1.5, 200 times. The four narrowest ranges (most robust): "
           f"{_list(table.loc[width.sort_values().index, 'name'], 4)}; "
           f"{_list(table.loc[width.sort_values(ascending=False).index, 'name'], 4)} have the widest.")
    return Figure(fig_id, title, fig, table.iloc[::-1].reset_index(), alt)


@figure("gap-scatter", "Where are the gaps? Depth of relationship against weight in European security",
        "priorities")
def gap_scatter(data: Dataset, fig_id: str, title: str) -> Figure:
    table = m.gap_analysis(data, data.as_at)
    fig, ax = new_figure(4.2)
    with house_style():
        jitter = np.random.default_rng(1).uniform(-0.15, 0.15, len(table))
        colours = [PALETTE["vermillion"] if g < 0 else PALETTE["blue"] for g in table["gap"]]
        ax.scatter(table["weight"] + jitter, table["depth"], c=colours, s=16)
        xs = np.linspace(table["weight"].min(), table["weight"].max(), 10)
        slope = np.polyfit(table["weight"], table["depth"], 1) if table["weight"].nunique() > 1 else (0, 0)
        ax.plot(xs, np.polyval(slope, xs), color=OTHER, lw=1, ls="--", label="Expected depth")
        for i in list(table.index[:6]) + list(table.index[-4:]):
            ax.annotate(table.loc[i, "name"], (table.loc[i, "weight"], table.loc[i, "depth"]), fontsize=6.5,
                        xytext=(3, 2), textcoords="offset points")
        ax.set_xlabel("Weight in European security (NATO, EU, eastern flank, groupings without the UK)")
        ax.set_ylabel("Depth index (points)")
        ax.legend(loc="upper left")
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    alt = (f"Scatter plot of {len(table)} partners: weight in European security on the horizontal axis, depth of "
           f"relationship with the UK on the vertical, with a dashed line for the depth expected from weight. "
           f"The six furthest below the line (the largest gaps): {_list(table['name'], 6)}.")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


@figure("binding-share", "Binding or political? The legal form of UK instruments by year", "post-brexit")
def binding_share(data: Dataset, fig_id: str, title: str) -> Figure:
    frame = data.agreements.assign(year=m.signed_year(data))
    frame = frame[frame["year"].between(2010, data.as_at.year)]
    table = pd.crosstab(frame["year"], frame["legally_binding"]).reindex(
        range(2010, data.as_at.year + 1), fill_value=0)
    table = table.reindex(columns=["yes", "no", "unknown"], fill_value=0)
    table.index.name = "year"
    fig, ax = new_figure(3.8)
    with house_style():
        bottom = np.zeros(len(table))
        for col, colour, label in zip(table.columns, (PALETTE["blue"], PALETTE["orange"], OTHER),
                                      ("Legally binding", "Not binding", "Unknown")):
            ax.bar(table.index, table[col], bottom=bottom, color=colour, label=label)
            bottom += table[col].to_numpy()
        ax.set_ylabel("Instruments signed")
        ax.set_xticks(table.index[::2])
        _legend_below(ax, 3)
        ax.set_ylim(0, max(bottom.max() * 1.35, 1))
        ax.set_title(textwrap.fill(title, 70))
        _mark_events(ax, data)
    caption(fig, _as_at(data))
    tot = table.sum()
    alt = (f"Stacked bar chart of UK instruments signed each year from 2010 by legal form: {int(tot['yes'])} "
           f"legally binding, {int(tot['no'])} not binding and {int(tot['unknown'])} unknown.")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


@figure("nato-enlargement", "NATO's European members over time, and the 2023–24 Nordic accessions", "post-2022")
def nato_enlargement(data: Dataset, fig_id: str, title: str) -> Figure:
    rows = data.memberships[data.memberships["org_id"] == "nato"]
    years = range(1949, data.as_at.year + 1)
    counts = [sum(active_on(s, u, dt.date(y, 12, 31)) for s, u in zip(rows["since"], rows["until"])) for y in years]
    table = pd.DataFrame({"year": list(years), "european_members": counts})
    joined = rows.assign(year=[s.year for s in rows["since"]])
    fig, ax = new_figure(3.4)
    with house_style():
        ax.step(table["year"], table["european_members"], where="post", color=UK)
        names = data.country_names()
        for year, group in joined.groupby("year"):
            if year > 1949:
                y = table.loc[table["year"] == year, "european_members"].iloc[0]
                ax.annotate(", ".join(names[i] for i in sorted(group["iso3"]))[:40], (year, y), fontsize=6,
                            xytext=(-4, 6), textcoords="offset points", ha="right")
        ax.set_ylabel("European members (incl. UK and Türkiye)")
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    alt = (f"Step chart of NATO's European member states by year: {counts[0]} in 1949 and {counts[-1]} in "
           f"{years[-1]}. The latest accessions: " +
           "; ".join(f"{names[i]} {s}" for i, s in sorted(zip(rows['iso3'], rows['since']), key=lambda x: x[1]._key())[-4:])
           + ".")
    return Figure(fig_id, title, fig, table, alt)


@figure("activities-by-kind", "UK forces in Europe: activities under way by kind and host region", "post-2022")
def activities_by_kind(data: Dataset, fig_id: str, title: str) -> Figure:
    from .load import as_of
    now = as_of(data, data.as_at).activities
    regions = dict(zip(data.countries["iso3"], data.countries["region"]))
    now = now.assign(region=[regions.get(h, "Several or at sea") if h else "Several or at sea" for h in now["host_iso3"]])
    table = pd.crosstab(now["kind"], now["region"])
    table = table.loc[table.sum(axis=1).sort_values().index]
    fig, ax = new_figure(max(3.0, 0.3 * len(table) + 1.4))
    with house_style():
        left = np.zeros(len(table))
        for i, col in enumerate(table.columns):
            ax.barh(table.index, table[col], left=left, color=(CYCLE + [OTHER] * 10)[i], label=col)
            left += table[col].to_numpy()
        ax.set_xlabel("Activities under way")
        ax.legend(fontsize=6.5, loc="lower right")
        ax.grid(axis="y", visible=False)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    alt = (f"Stacked horizontal bar chart of the {len(now)} UK activities under way in Europe as at {data.as_at}, "
           f"by kind and the host's region: " + "; ".join(f"{k} {int(v)}" for k, v in table.sum(axis=1).iloc[::-1].items()) + ".")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


@figure("partners-by-region", "Which regions the UK signs with: instruments by partner region and period",
        "post-brexit")
def partners_by_region(data: Dataset, fig_id: str, title: str) -> Figure:
    regions = dict(zip(data.countries["iso3"], data.countries["region"]))
    parties = data.agreement_parties.merge(data.agreements[["agreement_id", "signed", "in_force"]])
    parties = parties[parties["party"].isin(regions) & (parties["party"] != m.UK)]
    parties = parties.assign(period=[m.period_of(d) if d and d.year >= 2010 else None for d in m.instrument_days(parties)],
                             region=parties["party"].map(regions))
    parties = parties[parties["period"].notna()]
    table = pd.crosstab(parties["region"], parties["period"]).reindex(columns=[p[0] for p in m.PERIODS], fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values().index]
    fig, ax = new_figure(max(3.0, 0.3 * len(table) + 1.4))
    with house_style():
        left = np.zeros(len(table))
        for i, col in enumerate(table.columns):
            ax.barh(table.index, table[col], left=left, color=CYCLE[i], label=col)
            left += table[col].to_numpy()
        ax.set_xlabel("Instrument–partner pairs signed since 2010")
        ax.legend(fontsize=7, loc="lower right")
        ax.grid(axis="y", visible=False)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    alt = ("Stacked horizontal bar chart of UK instruments signed since 2010 counted once per European partner "
           "state, by the partner's region and by period (before the referendum, referendum to exit, exit to "
           "invasion, since the invasion). Totals: " +
           "; ".join(f"{k} {int(v)}" for k, v in table.sum(axis=1).iloc[::-1].items()) + ".")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


# --- Transatlantic burden sharing -------------------------------------------------------------------------------

def _threshold_lines(ax, data: Dataset, horizontal: bool = True) -> None:
    """The spending floors as lines, each in its own dash and colour. An allowance for one component (The
    Hague's "up to 1.5%" of security-related spending) is a ceiling on part of the total, not a level to reach:
    it is left off, and said in the caption of the figures that draw these lines."""
    from . import burden as B
    seen = set()
    styles = [("--", PALETTE["vermillion"]), (":", PALETTE["purple"]), ("-.", PALETTE["black"])]
    floors = [row for row in B.thresholds(data).itertuples() if not _is_allowance(row)]
    floors = [row for row in floors if not (row.threshold_pct in seen or seen.add(row.threshold_pct))]
    for (style, colour), row in zip(styles * 3, floors):
        label = f"{row.threshold_pct:g}% ({row.name})"
        (ax.axhline if horizontal else ax.axvline)(row.threshold_pct, ls=style, color=colour, lw=1, label=label)


#: Said under every figure that draws the spending floors (see _threshold_lines).
THRESHOLDS_NOTE = ("The 5% line is The Hague's total: at least 3.5% on core defence plus up to 1.5% on "
                   "security-related spending, which is not drawn as a line of its own.")


def _is_allowance(row) -> bool:
    """A threshold on the security-related component alone (its metric is neither core defence nor the total)."""
    return "related" in row.metric and "total" not in row.metric


@figure("spending-vs-thresholds", "Allies' defence spending against the 2%, 3.5% and 5% lines", "transatlantic")
def spending_vs_thresholds(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    year = B.headline_year(data)
    frame = B.edition_table(data)
    frame = frame[(frame["year"] == year) & ~frame["iso3"].isin(B.AGGREGATES) & frame["pct_gdp"].notna()]
    frame = frame.sort_values("pct_gdp")
    fig, ax = new_figure(max(3.2, 0.17 * len(frame) + 1.4))
    with house_style():
        colours = [UK if i == m.UK else (PALETTE["orange"] if i in ("USA", "CAN") else PALETTE["sky"]) for i in frame["iso3"]]
        ax.barh(frame["name"], frame["pct_gdp"], color=colours)
        _threshold_lines(ax, data, horizontal=False)
        ax.set_xlabel(f"Defence expenditure, % of GDP, {year}{' (estimates)' if (frame['estimate'] == 'yes').any() else ''}")
        ax.legend(loc="lower right", fontsize=7)
        ax.grid(axis="y", visible=False)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), f"{THRESHOLDS_NOTE} {_nato_source(data)}")
    top = frame.iloc[::-1]
    alt = (f"Horizontal bar chart of {len(frame)} NATO allies' defence spending as a share of GDP in {year} "
           f"(NATO edition {B.latest_edition(data)}), with lines at the Alliance's thresholds. Highest: "
           + "; ".join(f"{n} {v:.2f}%" for n, v in zip(top['name'][:4], top['pct_gdp'][:4]))
           + f". Lowest: " + "; ".join(f"{n} {v:.2f}%" for n, v in zip(frame['name'][:3], frame['pct_gdp'][:3])) + ".")
    table = top[["iso3", "name", "year", "pct_gdp", "estimate", "edition"]].reset_index(drop=True)
    return Figure(fig_id, title, fig, table, alt)


@figure("allies-at-2pct", "How many allies spend at least 2% of GDP on defence, year by year", "transatlantic")
def allies_at_2pct(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    table = B.allies_at_or_above(data, 2.0)
    allies = len(B.spending_matrix(data))
    fig, ax = new_figure(3.4)
    with house_style():
        ax.bar(table["year"], [allies] * len(table), color="white", edgecolor="#BBBBBB", hatch="////", lw=0.6,
               label=f"No figure read ({allies} allies in all)")
        ax.bar(table["year"], table["allies_reporting"], color="#DDDDDD", label="Allies with a figure")
        ax.bar(table["year"], table["at_or_above"], color=UK, label="At or above 2% of GDP")
        for x, at, rep in zip(table["year"], table["at_or_above"], table["allies_reporting"]):
            ax.text(x, allies + 0.6, f"{int(at)} of {int(rep)}", ha="center", va="bottom", fontsize=6.5, rotation=90)
        ax.set_ylim(0, allies + 8)
        ax.set_ylabel("Allies")
        ax.set_xticks(table["year"])
        ax.tick_params(axis="x", labelrotation=90)
        _legend_below(ax, ncols=3)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), _nato_source(data))
    first, last = table.iloc[0], table.iloc[-1]
    alt = (f"Bar chart of the number of NATO allies spending at least 2% of GDP on defence each year, out of the allies "
           f"for which a figure could be read ({allies} allies in all): {int(first['at_or_above'])} of "
           f"{int(first['allies_reporting'])} in {int(first['year'])}, {int(last['at_or_above'])} of "
           f"{int(last['allies_reporting'])} in {int(last['year'])}.")
    return Figure(fig_id, title, fig, table, alt)


def _nato_source(data: Dataset) -> str:
    from . import burden as B
    return f"Source: NATO, Defence Expenditure of NATO Countries, edition {B.latest_edition(data)}"


def _two_series(data: Dataset, fig_id: str, title: str, table: pd.DataFrame, series: list[tuple[str, str, str]],
                ylabel: str, alt_intro: str) -> Figure:
    """A comparison of two yearly series (column, label, colour), with first and last values in the alt text."""
    fig, ax = new_figure(3.2)
    with house_style():
        for (column, label, colour), marker in zip(series, ("o", "s")):
            ax.plot(table["year"], table[column], color=colour, marker=marker, ms=3, label=label)
        ax.set_ylabel(ylabel)
        ax.set_ylim(0, max(table[c].max() for c, _, _ in series) * 1.25)
        ax.legend(loc="lower right")
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), _nato_source(data))
    first, last = table.iloc[0], table.iloc[-1]
    alt = (f"{alt_intro}, {int(first['year'])} to {int(last['year'])}: " + "; ".join(
        f"{label} from {first[column]:.2f}% to {last[column]:.2f}%" for column, label, _ in series) + ".")
    return Figure(fig_id, title, fig, table, alt)


@figure("europe-vs-us", "NATO Europe and Canada against the United States: defence spending, % of GDP", "transatlantic")
def europe_vs_us(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    return _two_series(data, fig_id, title, B.europe_and_us(data),
                       [("us_pct_gdp", "United States", PALETTE["orange"]),
                        ("europe_canada_pct_gdp", "NATO Europe and Canada", UK)],
                       "% of GDP", "Line chart of defence spending as a share of GDP")


@figure("uk-trajectory", "The UK's defence spending against the Alliance's commitments", "transatlantic")
def uk_trajectory(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    table = B.ally_series(data, m.UK)
    fig, ax = new_figure(3.2)
    with house_style():
        ax.plot(table["year"], table["pct_gdp"], color=UK, marker="o", ms=3, label="United Kingdom")
        est = table[table["estimate"] == "yes"]
        ax.scatter(est["year"], est["pct_gdp"], facecolor="white", edgecolor=UK, zorder=3, s=24, label="NATO estimate")
        _threshold_lines(ax, data)
        ax.set_ylabel("% of GDP")
        ax.set_ylim(0, 5.6)
        ax.legend(loc="upper left", fontsize=7)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), f"{THRESHOLDS_NOTE} {_nato_source(data)}")
    first, last = table.iloc[0], table.iloc[-1]
    alt = (f"Line chart of UK defence spending as a share of GDP from {int(first['year'])} ({first['pct_gdp']:.2f}%) to "
           f"{int(last['year'])} ({last['pct_gdp']:.2f}%{', a NATO estimate' if last['estimate'] == 'yes' else ''}), "
           f"with horizontal lines at the Alliance's spending thresholds.")
    return Figure(fig_id, title, fig, table, alt)


@figure("flank-vs-rest", "The eastern flank against the rest: average defence spending of European allies", "transatlantic")
def flank_vs_rest(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    return _two_series(data, fig_id, title, B.flank_vs_rest(data),
                       [("eastern_flank_mean", "Eastern flank (Bucharest Nine)", PALETTE["vermillion"]),
                        ("other_european_allies_mean", "Other European allies", UK)],
                       "Average % of GDP (unweighted)",
                       "Line chart of the unweighted average defence spending, as a share of GDP, of European allies "
                       "in the Bucharest Nine against the other European allies")


# --- the transatlantic strand, second edition -------------------------------------------------------------------

AXIS_KINDS = ("treaty", "joint statement", "summit", "arms transfer", "troop deployment", "exercise",
              "technology transfer", "sanctions evasion", "energy and trade")


@figure("axis-timeline", "Cooperation among Russia, China, Iran and North Korea: recorded instances by year and kind",
        "transatlantic")
def axis_timeline(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    table = B.axis_by_year(data)
    kinds = [k for k in AXIS_KINDS if k in table.columns]
    colours = (CYCLE + [OTHER])[: len(kinds)]
    fig, ax = new_figure(3.6)
    with house_style():
        bottom = np.zeros(len(table))
        for kind, colour in zip(kinds, colours):
            ax.bar(table.index, table[kind], bottom=bottom, color=colour, label=kind, width=0.8)
            bottom += table[kind].to_numpy()
        ax.set_ylabel("Recorded instances")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_xticks(list(table.index))
        ax.tick_params(axis="x", labelrotation=90)
        _legend_below(ax, ncols=3)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    totals = table.sum(axis=1)
    busiest = totals.idxmax()
    alt = (f"Stacked bar chart of {int(totals.sum())} recorded instances of cooperation among Russia, China, Iran and "
           f"North Korea from {int(table.index.min())} to {int(table.index.max())}, by kind. The busiest year is "
           f"{busiest} with {int(totals[busiest])}; {int(totals[totals.index >= 2022].sum())} instances date from 2022 "
           f"on. A record of what could be sourced, not a census.")
    return Figure(fig_id, title, fig, table.reset_index(), alt)


@figure("axis-pairs", "Which of the four cooperate most: recorded instances by pair of states", "transatlantic")
def axis_pairs(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    table = B.axis_pairs(data).iloc[::-1]
    fig, ax = new_figure(max(2.4, 0.32 * len(table) + 1.2))
    with house_style():
        ax.barh(table["pair"], table["events"], color=PALETTE["vermillion"])
        for y, v in enumerate(table["events"]):
            ax.text(v + 0.3, y, str(int(v)), va="center", fontsize=7)
        ax.set_xlabel("Recorded instances involving both")
        ax.grid(axis="y", visible=False)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data))
    top = table.iloc[::-1]
    alt = ("Horizontal bar chart of how many recorded instances of cooperation involve each pair of Russia, China, "
           "Iran and North Korea: " + "; ".join(f"{p} {int(n)}" for p, n in zip(top["pair"], top["events"])) + ".")
    return Figure(fig_id, title, fig, top.reset_index(drop=True), alt)


@figure("pledges-vs-spending", "What allies have pledged against what they spend: highest national pledge and latest "
        "NATO figure, % of GDP", "transatlantic")
def pledges_vs_spending(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    table = B.highest_pledges(data)
    fig, ax = new_figure(max(3.2, 0.2 * len(table) + 1.6))
    with house_style():
        y = np.arange(len(table))
        ax.hlines(y, table["latest_pct"].astype(float), table["target_pct"].astype(float), color="#BBBBBB", lw=1.5)
        ax.scatter(table["latest_pct"].astype(float), y, color=UK, s=22, zorder=3, label="Latest NATO figure")
        ax.scatter(table["target_pct"].astype(float), y, facecolor="white", edgecolor=PALETTE["vermillion"], s=26,
                   zorder=3, label="Highest national pledge")
        labels = [f"{a} (by {int(t)})" if pd.notna(t) else f"{a} (no year)" for a, t in zip(table["ally"], table["target_year"])]
        ax.set_yticks(y, labels)
        ax.set_xlabel("% of GDP")
        ax.grid(axis="y", visible=False)
        _legend_below(ax, ncols=2)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), "Sources: national pledges as recorded in the dataset; " + _nato_source(data)[8:])
    widest = table.assign(g=table["gap_pts"].astype(float)).sort_values("g").iloc[-1]
    alt = (f"Dot chart of {len(table)} allies' highest pledged share of GDP for defence against their latest NATO "
           f"figure. The widest distance: {widest['ally']}, pledging {widest['target_pct']:g}% against "
           f"{float(widest['latest_pct']):.2f}% in {int(widest['latest_year'])}.")
    return Figure(fig_id, title, fig, table, alt)


@figure("europe-us-money", "NATO Europe and Canada against the United States in money: defence spending at constant "
        "prices", "transatlantic")
def europe_us_money(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    table = B.money_europe_us(data)
    edition = table["edition"].iloc[0]
    fig, ax = new_figure(3.2)
    with house_style():
        ax.plot(table["year"], table["us_usd_bn"], color=PALETTE["orange"], marker="s", ms=3, label="United States")
        ax.plot(table["year"], table["europe_canada_usd_bn"], color=UK, marker="o", ms=3, label="NATO Europe and Canada")
        ax.set_ylabel("US$ billion, constant prices")
        ax.set_ylim(0, table["us_usd_bn"].max() * 1.2)
        _legend_below(ax, ncols=2)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), f"Source: NATO, Defence Expenditure of NATO Countries, edition {edition}, constant "
            "2015 prices")
    first, last = table.iloc[0], table.iloc[-1]
    alt = (f"Line chart of defence spending at constant 2015 prices (NATO edition {edition}): NATO Europe and Canada "
           f"from {first['europe_canada_usd_bn']:.0f} to {last['europe_canada_usd_bn']:.0f} billion US dollars and the "
           f"United States from {first['us_usd_bn']:.0f} to {last['us_usd_bn']:.0f} billion between "
           f"{int(first['year'])} and {int(last['year'])}; Europe and Canada's share of the two rose from "
           f"{first['europe_canada_share'] * 100:.0f}% to {last['europe_canada_share'] * 100:.0f}%.")
    return Figure(fig_id, title, fig, table, alt)


@figure("edition-revisions", "NATO revises its own past: the change to each ally's 2023 figure between two editions",
        "transatlantic")
def edition_revisions(data: Dataset, fig_id: str, title: str) -> Figure:
    from . import burden as B
    rev = B.edition_revisions(data)
    year = 2023 if 2023 in set(rev["year"]) else int(rev["year"].max())
    table = rev[rev["year"] == year].copy()
    names = {**data.country_names(), "USA": "United States", "CAN": "Canada"}
    table["name"] = table["iso3"].map(lambda i: names.get(i, i))
    table = table.sort_values("revision")
    fig, ax = new_figure(max(3.2, 0.17 * len(table) + 1.4))
    with house_style():
        colours = [PALETTE["vermillion"] if v < 0 else UK for v in table["revision"]]
        ax.barh(table["name"], table["revision"], color=colours)
        ax.axvline(0, color="#444444", lw=0.8)
        ax.set_xlabel(f"Revision to the {year} share of GDP, percentage points ({table['new_edition'].iloc[0]} minus "
                      f"{table['old_edition'].iloc[0]})")
        ax.grid(axis="y", visible=False)
        ax.set_title(textwrap.fill(title, 70))
    caption(fig, _as_at(data), "Source: NATO, Defence Expenditure of NATO Countries, two editions")
    up, down = table.iloc[-1], table.iloc[0]
    alt = (f"Horizontal bar chart of how NATO's {table['new_edition'].iloc[0]} edition revised each ally's {year} "
           f"defence spending share against its {table['old_edition'].iloc[0]} edition: largest upward revision "
           f"{up['name']} ({up['revision']:+.2f} points), largest downward {down['name']} ({down['revision']:+.2f}).")
    return Figure(fig_id, title, fig, table.reset_index(drop=True), alt)
