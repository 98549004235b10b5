"""All map code: the explorer, one ipyleaflet map with its controls, for the book and for a kernel.

One explorer, two runtimes. :func:`explorer` builds ipywidgets controls (an organisation selector listing every
organisation by full name, grouped by the UK's status; a year and a month; a view: depth or gaps), one GeoJSON
layer of countries, one of UK activities, a title line, a legend and a relationship panel.

- In a kernel (Binder, Jupyter) Python callbacks restyle the layers and fill the panel.
- In the published book no Python runs: :func:`explorer_facts` precomputes compact facts (every dated record
  with the first and last day it counts, the depth index at the end of every month in which anything changed,
  the gap measure, the colour classes) into a JSON island, and ``_assets/widgets/explorer.js`` binds the same
  controls client-side: it restyles the one countries layer, filters the activity markers, fills the panel and
  keeps the view (organisation, date, country, view) in the URL.

Both runtimes draw from the same facts through the same rules (:func:`country_style`, :func:`panel_html` here,
their twins in ``explorer.js``); a browser test checks that they agree. Text from the data reaches the page only
as escaped HTML here, or through ``textContent`` in the script.
"""
from __future__ import annotations

import bisect
import datetime as dt
import html
import json
from functools import lru_cache
from pathlib import Path

import ipyleaflet as L
import ipywidgets as W

from . import measures as m
from .geometry import centroids, load_geometry
from .load import Dataset, as_of, data_dir, spans
from .style import PALETTE, UK_ON_MAP

CENTER, ZOOM = (54.0, 18.0), 3
#: How the UK stands in an organisation, grouped for the selector.
STATUS_GROUPS = (("UK a member", ("founding member", "member", "participant")),
                 ("UK a partner or observer", ("partner", "observer")),
                 ("UK outside", ("former member", "non-member")))
#: Depth classes (light to dark) and the class of partners with no recorded relationship.
DEPTH_COLOURS = ("#C6DBEF", "#9ECAE1", "#4292C6", "#2171B5", "#08306B")
ZERO_COLOUR = "#FFFFFF"
#: Gap classes: well below what the partner's weight suggests (orange) to well above (blue).
GAP_COLOURS = ("#B35806", "#F1A340", "#F7F7F7", "#998EC3", "#542788")
LAND = "#DDD8CE"  # land outside the scope of the book (the sea is the map background, in book.css)
FADED = 0.25
HOVER_STYLE = {"weight": 2.5, "color": "#000000"}
ACTIVITY_COLOURS = {"base": PALETTE["black"], "facility": PALETTE["black"], "deployment": PALETTE["vermillion"],
                    "air policing": PALETTE["sky"], "naval group": PALETTE["blue"], "exercise": PALETTE["orange"],
                    "training mission": PALETTE["green"], "capability programme": PALETTE["purple"],
                    "operation": PALETTE["vermillion"]}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def geometry(path: Path | None = None) -> dict:
    return load_geometry(path or data_dir() / "geometry" / "europe.geojson")


def accessible_table(data: Dataset, when=None) -> str:
    """An HTML table that says what the map shows, for screen readers and for print."""
    when = when or data.as_at
    depth = m.depth_index(data, when)
    now = as_of(data, when)
    uk_orgs = set(now.memberships.loc[now.memberships["iso3"] == m.UK, "org_id"])
    names = data.org_names()
    rows = []
    for iso, row in depth.iterrows():
        mine = set(now.memberships.loc[now.memberships["iso3"] == iso, "org_id"])
        rows.append(f"<tr><th scope=\"row\"><a href=\"{html.escape(data.profile_url(iso))}\">{html.escape(row['name'])}</a></th>"
                    f"<td>{row['index']:.1f}</td><td>{int(row['rank'])}</td>"
                    f"<td>{html.escape(', '.join(sorted(names.get(o, o) for o in mine & uk_orgs)))}</td>"
                    f"<td>{html.escape(', '.join(sorted(names.get(o, o) for o in mine - uk_orgs)))}</td></tr>")
    return ("<table class=\"map-table\"><caption>What the map shows: depth index and shared groupings of each "
            f"state with the UK, as at {html.escape(str(data.as_at))}</caption><thead><tr><th scope=\"col\">State</th>"
            "<th scope=\"col\">Depth index</th><th scope=\"col\">Rank</th><th scope=\"col\">Groupings shared with the UK</th>"
            "<th scope=\"col\">Groupings without the UK</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")




# --- facts: everything the explorer shows, precomputed ---------------------------------------------------------

def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _month_end(month: str) -> dt.date:
    year, mon = map(int, month.split("-"))
    return (dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1))


def org_options(data: Dataset) -> list[tuple[str, str]]:
    """The selector's entries: every organisation by full name, grouped by the UK's status ('' for none)."""
    out = [("No organisation selected", "")]
    orgs = data.organisations
    for group, statuses in STATUS_GROUPS:
        rows = orgs[orgs["uk_status"].isin(statuses)].sort_values("name", key=lambda s: s.str.lower())
        out += [(f"{group}: {r.name} ({r.short_name})", r.org_id) for r in rows.itertuples()]
    return out


def _quantile_breaks(values: list[float], classes: int) -> list[float]:
    """Upper bounds of ``classes`` classes holding about equal numbers of the positive values (the last is the max)."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return [1.0] * classes
    breaks = []
    for k in range(1, classes + 1):
        value = positive[min(len(positive) - 1, max(0, round(k * len(positive) / classes) - 1))]
        breaks.append(round(value, 1))
    for k in range(1, classes):  # strictly increasing, so that every class can hold a value
        breaks[k] = max(breaks[k], round(breaks[k - 1] + 0.1, 1))
    return breaks


def _change_months(data: Dataset, table_spans: dict) -> list[str]:
    """Months at whose end the depth index can differ from the month before: when a record starts or ends."""
    months = set()
    for rows in table_spans.values():
        for start, end in rows:
            if start:
                months.add(start.strftime("%Y-%m"))
            if end:
                months.add((end + dt.timedelta(days=1)).strftime("%Y-%m"))
    for founded in data.organisations["founded"]:
        if founded is not None:
            months.add(founded.first_day().strftime("%Y-%m"))
    last = data.as_at.last_day().strftime("%Y-%m")
    return sorted(mo for mo in months if mo <= last)


def _gap_classes(values: list[float]) -> list[float]:
    spread = max([abs(v) for v in values] + [1.0])
    return [round(-spread * 0.5, 1), round(-spread * 0.15, 1), round(spread * 0.15, 1), round(spread * 0.5, 1)]


def explorer_facts(data: Dataset) -> dict:
    """The JSON island of the explorer: compact, every text plain (the script sets it as textContent)."""
    states = list(data.countries["iso3"])
    si = {iso: i for i, iso in enumerate(states)}
    options = org_options(data)[1:]
    org_ids = [o for _, o in options]
    oi = {o: i for i, o in enumerate(org_ids)}
    orgs = data.organisations.set_index("org_id")
    names = data.country_names()
    # an announced agreement is listed from its announcement (apart, and never counted: see panel_html)
    table_spans = {t: spans(data, t, announced=t == "agreements") for t in ("memberships", "agreements", "activities")}
    urls = dict(zip(data.sources["source_id"], data.sources["url"]))
    publishers = dict(zip(data.sources["source_id"], data.sources["publisher"]))
    parties = data.agreement_parties.groupby("agreement_id")["party"].apply(list).to_dict()
    mem = [[oi[r.org_id], si[r.iso3], r.role, str(r.since or ""), _day(a), _day(b)]
           for r, (a, b) in zip(data.memberships.itertuples(), table_spans["memberships"]) if a and r.org_id in oi]
    agr = []
    for r, (a, b) in zip(data.agreements.itertuples(), table_spans["agreements"]):
        if not a:
            continue
        who = parties.get(r.agreement_id, [])
        agr.append([r.title, r.instrument, m.instrument_date(r), r.legally_binding, r.status, _day(a),
                    _day(b), [si[p] for p in who if p in si and p != m.UK], [oi[p] for p in who if p in oi],
                    [[publishers.get(s, s), urls.get(s, "")] for s in r.source_ids[:3]]])
    points = centroids(geometry())
    act = []
    for r, (a, b) in zip(data.activities.itertuples(), table_spans["activities"]):
        if not a or not r.host_iso3 or r.host_iso3 not in points:
            continue
        act.append([r.name, r.kind, si[r.host_iso3], [si[p] for p in r.partners if p in si], str(r.start or ""),
                    str(r.end or ""), _day(a), _day(b)])
    months = _change_months(data, table_spans)
    index, comp = [], []
    for month in months:
        frame = m.depth_index(data, _month_end(month)).reindex([s for s in states if s != m.UK])
        index.append([round(float(v), 1) for v in frame["index"]])
        comp.append([[round(float(frame.loc[s, c]), 1) for c in m.COMPONENTS] for s in frame.index])
    now_values = index[-1] if index else []
    gap = m.gap_analysis(data, data.as_at).reindex([s for s in states if s != m.UK])
    gap_values = [round(float(v), 1) for v in gap["gap"]]
    return {
        "asAt": data.as_at.last_day().isoformat(),
        "firstYear": min([int(mo[:4]) for mo in months] or [data.as_at.year]),
        "states": [[iso, names[iso], data.profile_url(iso)] for iso in states],
        "partners": [si[s] for s in states if s != m.UK],
        "orgs": [[o, orgs.loc[o, "name"], orgs.loc[o, "short_name"], orgs.loc[o, "kind"], orgs.loc[o, "uk_status"],
                  orgs.loc[o, "summary"], f"generated/organisations/{o}.html",
                  m.membership_recorded(data, o) == "partial"] for o in org_ids],
        "mem": mem, "agr": agr, "act": act,
        "components": list(m.COMPONENTS),
        "depth": {"months": months, "index": index, "comp": comp},
        "classes": {"breaks": _quantile_breaks(now_values, len(DEPTH_COLOURS)), "colours": list(DEPTH_COLOURS),
                    "zero": ZERO_COLOUR, "uk": UK_ON_MAP},
        "gap": {"values": gap_values, "breaks": _gap_classes(gap_values), "colours": list(GAP_COLOURS)},
        "activityColours": ACTIVITY_COLOURS,
    }


def explorer_island(facts: dict) -> str:
    """The facts as a JSON island: '<', '>' and '&' escaped, so no value can close the tag or open another."""
    payload = (json.dumps(facts, ensure_ascii=False, separators=(",", ":"))
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return f'<script type="application/json" id="explorer-facts">{payload}</script>'


# --- the rules both runtimes follow (explorer.js has their twins) ----------------------------------------------

def active(record_from: str | None, record_to: str | None, day: str) -> bool:
    return record_from is not None and record_from <= day and (record_to is None or day <= record_to)


def depth_at(facts: dict, month: str) -> tuple[list[float], list[list[float]]]:
    """Depth index and components of every partner at the end of ``month`` (zeros before the first change)."""
    months = facts["depth"]["months"]
    k = bisect.bisect_right(months, month) - 1
    n = len(facts["partners"])
    if k < 0:
        return [0.0] * n, [[0.0] * len(facts["components"]) for _ in range(n)]
    return facts["depth"]["index"][k], facts["depth"]["comp"][k]


def members_at(facts: dict, org: int, day: str) -> dict[int, list]:
    """Members of organisation ``org`` (an index) on ``day``: state index -> its membership rows."""
    out: dict[int, list] = {}
    for row in facts["mem"]:
        if row[0] == org and active(row[4], row[5], day):
            out.setdefault(row[1], []).append(row)
    return out


def _class(value: float, breaks: list[float]) -> int:
    return next((k for k, b in enumerate(breaks) if value <= b), len(breaks) - 1)


def country_style(facts: dict, state: int, month: str, org: int | None, view: str) -> dict:
    """Fill, opacity and outline of one country: by depth (or gap), the UK apart, an organisation's members
    outlined and everyone else faded."""
    day = _month_end(month).isoformat()
    uk = facts["states"][state][0] == m.UK
    if uk:
        fill = facts["classes"]["uk"]
    elif view == "gaps":
        value = facts["gap"]["values"][facts["partners"].index(state)]
        fill = facts["gap"]["colours"][_class(value, facts["gap"]["breaks"] + [float("inf")])]
    else:
        value = depth_at(facts, month)[0][facts["partners"].index(state)]
        fill = facts["classes"]["zero"] if value <= 0 else facts["classes"]["colours"][_class(value, facts["classes"]["breaks"])]
    style = {"fillColor": fill, "fillOpacity": 0.95, "color": "#FFFFFF", "weight": 0.7, "opacity": 1}
    if org is not None:
        if state in members_at(facts, org, day):
            style.update(color="#000000", weight=2.2)
        else:
            style.update(fillOpacity=FADED)
    return style


def title_text(facts: dict, month: str, org: int | None, view: str) -> str:
    year, mon = month.split("-")
    what = "Gap measure (as at the dataset's date)" if view == "gaps" else "Depth of each relationship with the UK"
    text = f"{what}, {MONTHS[int(mon) - 1]} {year}"
    if org is not None:
        o = facts["orgs"][org]
        text += f"; members of {o[2]} outlined"
    return text + "."


def panel_html(facts: dict, month: str, org: int | None, state: int | None) -> str:
    """The relationship panel as escaped HTML (the kernel runtime); explorer.js builds the same with the DOM."""
    esc = html.escape
    day = _month_end(month).isoformat()
    parts = []
    if org is not None:
        o = facts["orgs"][org]
        members = members_at(facts, org, day)
        uk_index = next(i for i, s in enumerate(facts["states"]) if s[0] == m.UK)
        count = f"{len(members)} members recorded" if o[7] else f"{len(members)} members"
        parts.append(f"<h3>{esc(o[1])} ({esc(o[2])})</h3><p>{esc(o[3])}; the UK: {esc(o[4])}"
                     f"{'' if uk_index in members else ' (the UK is not a member at this date)'}. {esc(o[5])}</p>")
        items = "".join(f"<li>{esc(facts['states'][s][1])} (since {esc(rows[0][3] or 'a date not recorded')})</li>"
                        for s, rows in sorted(members.items(), key=lambda kv: facts["states"][kv[0]][1]))
        parts.append(f"<p>{esc(count)} at the end of {esc(_month_label(month))}:</p><ul>{items}</ul>"
                     f'<p><a href="{esc(o[6])}">Page of {esc(o[2])}</a></p>')
    if state is not None:
        iso, name, url = facts["states"][state]
        parts.append(f"<h3>{esc(name)}</h3>")
        if iso != m.UK:
            k = facts["partners"].index(state)
            index, comp = depth_at(facts, month)
            rank = 1 + sum(v > index[k] for v in index)
            parts.append(f"<p>Depth index {index[k]:.1f} (rank {rank} of {len(index)}): "
                         + ", ".join(f"{c} {v:.1f}" for c, v in zip(facts["components"], comp[k])) + ".</p>")
        mine = {row[0] for row in facts["mem"] if row[1] == state and active(row[4], row[5], day)}
        uk_state = next(i for i, s in enumerate(facts["states"]) if s[0] == m.UK)
        ukin = {row[0] for row in facts["mem"] if row[1] == uk_state and active(row[4], row[5], day)}
        shared = sorted(facts["orgs"][o][2] for o in mine & ukin)
        without = sorted(facts["orgs"][o][2] for o in mine - ukin)
        parts.append(f"<p>With the UK in: {esc(', '.join(shared) or 'none recorded')}.</p>")
        parts.append(f"<p>In without the UK: {esc(', '.join(without) or 'none recorded')}.</p>")
        listed = [a for a in facts["agr"] if state in a[7] and active(a[5], a[6], day)]
        listed.sort(key=lambda a: a[2], reverse=True)

        def agreement_items(rows):
            return "".join(f"<li>{esc(a[2])}: {esc(a[0])} ({esc(a[1])}; binding: {esc(a[3])}; "
                           f"{esc(a[4])}). Source: " + "; ".join(f'<a href="{esc(u)}">{esc(p)}</a>' for p, u in a[9])
                           + "</li>" for a in rows)
        agreements = [a for a in listed if a[4] != "announced"]
        announced = [a for a in listed if a[4] == "announced"]
        parts.append(f"<p>Agreements in force or issued by then: {len(agreements)}.</p>"
                     f"<ul>{agreement_items(agreements)}</ul>")
        if announced:
            parts.append(f"<p>Announced by then, no signature recorded (not counted): {len(announced)}.</p>"
                         f"<ul>{agreement_items(announced)}</ul>")
        acts = [a for a in facts["act"] if (a[2] == state or state in a[3]) and active(a[6], a[7], day)]
        items = "".join(f"<li>{esc(a[0])} ({esc(a[1])}, from {esc(a[4])})</li>" for a in acts)
        parts.append(f"<p>UK activities then: {len(acts)}.</p><ul>{items}</ul>")
        parts.append(f'<p><a href="{esc(url)}">Full profile of {esc(name)}</a></p>')
    if not parts:
        parts.append("<p>Choose an organisation, or click a country, to see its relationship with the UK.</p>")
    return "".join(parts)


def _month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{MONTHS[int(mon) - 1]} {year}"


def legend_html(facts: dict, view: str) -> str:
    """The legend as HTML (both runtimes): colour classes with their bounds, the UK, and the marker kinds."""
    esc = html.escape
    if view == "gaps":
        b = facts["gap"]["breaks"]
        labels = [f"below {b[0]}", f"{b[0]} to {b[1]}", f"{b[1]} to {b[2]}", f"{b[2]} to {b[3]}", f"above {b[3]}"]
        swatches = list(zip(facts["gap"]["colours"], labels))
        title = "Gap: depth minus what the partner's weight predicts"
    else:
        b = facts["classes"]["breaks"]
        lows = [0.0] + b[:-1]
        swatches = [(facts["classes"]["zero"], "none recorded")] + [
            (c, f"{lo:.1f} to {hi:.1f}") for c, lo, hi in zip(facts["classes"]["colours"], lows, b)]
        title = "Depth index (five classes with about equal numbers of partners today)"
    swatches.append((facts["classes"]["uk"], "United Kingdom"))
    items = "".join(f'<li><span class="swatch" style="background:{esc(c)}"></span>{esc(t)}</li>' for c, t in swatches)
    marks = "".join(f'<li><span class="dot" style="background:{esc(c)}"></span>{esc(k)}</li>'
                    for k, c in facts["activityColours"].items())
    return (f'<p class="legend-title">{esc(title)}</p><ul class="legend-classes">{items}</ul>'
            f'<p class="legend-title">UK activities (placed in the host state, not at the site)</p>'
            f'<ul class="legend-marks">{marks}</ul>')


# --- the widgets -----------------------------------------------------------------------------------------------

@lru_cache(maxsize=2)
def _context_land(path: str) -> dict:
    file = Path(path)
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else {"type": "FeatureCollection", "features": []}


def countries_layer(geo: dict, facts: dict, month: str, org: int | None, view: str) -> dict:
    """The one countries GeoJSON: id and a className per state; the style of each from :func:`country_style`."""
    index = {s[0]: i for i, s in enumerate(facts["states"])}
    features = []
    for f in geo["features"]:
        if f["id"] not in index:
            continue  # geometry of a state the data no longer holds
        i = index[f["id"]]
        style = {**country_style(facts, i, month, org, view), "className": f"country country-{f['id']}"}
        features.append({"type": "Feature", "id": f["id"], "geometry": f["geometry"],
                         "properties": {"iso3": f["id"], "style": style}})
    return {"type": "FeatureCollection", "features": features}


def activities_layer(facts: dict, points: dict, month: str) -> dict:
    """One point per activity (all of them, in the facts' order, so the script can match markers by position);
    those not active at the chosen month are drawn transparent."""
    day = _month_end(month).isoformat()
    per_host: dict[int, int] = {}
    features = []
    import math
    for a in facts["act"]:
        iso = facts["states"][a[2]][0]
        n = per_host[a[2]] = per_host.get(a[2], -1) + 1
        lat, lon = points[iso]
        ring, offset = (n % 8) * 45, (0.0 if n == 0 else 0.55 + 0.3 * (n // 8))
        on = active(a[6], a[7], day)
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [
            round(lon + offset * math.cos(math.radians(ring)), 3), round(lat + offset * math.sin(math.radians(ring)), 3)]},
            "properties": {"style": {"fillColor": facts["activityColours"].get(a[1], "#000000"),
                                     "fillOpacity": 1.0 if on else 0.0, "opacity": 1.0 if on else 0.0}}})
    return {"type": "FeatureCollection", "features": features}


class Explorer:
    """The explorer's widgets and, in a kernel, the Python callbacks that drive them."""

    def __init__(self, data: Dataset, geo: dict | None = None, facts: dict | None = None):
        self.data, self.geo = data, geo or geometry()
        self.facts = facts or explorer_facts(data)
        f = self.facts
        self.org_ids = [o[0] for o in f["orgs"]]
        last = f["asAt"][:7]
        self.org = W.Dropdown(options=org_options(data), value="", description="Organisation",
                              layout=W.Layout(width="min(100%, 34rem)"))
        self.year = W.Dropdown(options=[str(y) for y in range(int(last[:4]), f["firstYear"] - 1, -1)], value=last[:4],
                               description="Year", layout=W.Layout(width="11rem"))
        self.month = W.Dropdown(options=[(name, f"{i + 1:02d}") for i, name in enumerate(MONTHS)], value=last[5:],
                                description="Month", layout=W.Layout(width="13rem"))
        self.view = W.Dropdown(options=[("Depth of the relationship", "depth"), ("Gaps", "gaps")], value="depth",
                               description="View", layout=W.Layout(width="17rem"))
        for widget in (self.org, self.year, self.month, self.view):
            widget.style.description_width = "initial"
        self.title = W.HTML(layout=W.Layout(width="100%"))
        self.title.add_class("explorer-title")
        self.panel = W.HTML(layout=W.Layout(width="100%"))
        self.panel.add_class("explorer-panel")
        self.legend = W.HTML()
        self.legend.add_class("explorer-legend")
        self.country: int | None = None
        self.map = L.Map(center=CENTER, zoom=ZOOM, min_zoom=2, max_zoom=7, scroll_wheel_zoom=False,
                         attribution_control=False, layout=W.Layout(height="540px", width="100%"))
        for layer in list(self.map.layers):  # no basemap: no tile is ever requested
            self.map.remove(layer)
            layer.close()
        land = _context_land(str(data_dir() / "geometry" / "context.geojson"))
        self.map.add(L.GeoJSON(data=land, style={"color": LAND, "weight": 0.5, "fillColor": LAND, "fillOpacity": 1,
                                                   "className": "context-land", "interactive": False}))
        # no layer-wide style: ipyleaflet would let it override each feature's own style
        self.countries = L.GeoJSON(data=countries_layer(self.geo, f, self.month_value, None, "depth"),
                                   hover_style=HOVER_STYLE)
        self.map.add(self.countries)
        self.points = centroids(self.geo)
        self.activities = L.GeoJSON(data=activities_layer(f, self.points, self.month_value),
                                    point_style={"radius": 5, "color": "#FFFFFF", "weight": 1, "className": "act"})
        self.map.add(self.activities)
        self.map.add(L.ScaleControl(position="bottomleft", imperial=False))
        controls = W.HBox([self.org, self.year, self.month, self.view], layout=W.Layout(flex_flow="row wrap"))
        body = W.Box([self.map, self.panel], layout=W.Layout(width="100%"))
        body.add_class("explorer-body")
        self.widget = W.VBox([controls, self.title, body, self.legend], layout=W.Layout(width="100%"))
        self.widget.add_class("uk-explorer")
        for widget in (self.org, self.year, self.month, self.view):
            widget.observe(self.redraw, "value")
        self.countries.on_click(self.clicked)
        self.redraw()

    @property
    def month_value(self) -> str:
        return f"{self.year.value}-{self.month.value}"

    @property
    def org_index(self) -> int | None:
        return self.org_ids.index(self.org.value) if self.org.value else None

    def redraw(self, *_):
        month, org, view = self.month_value, self.org_index, self.view.value
        self.countries.data = countries_layer(self.geo, self.facts, month, org, view)
        self.activities.data = activities_layer(self.facts, self.points, month)
        self.title.value = f"<p>{html.escape(title_text(self.facts, month, org, view))}</p>"
        self.legend.value = legend_html(self.facts, view)
        self.panel.value = panel_html(self.facts, month, org, self.country)

    def clicked(self, feature=None, **_):
        if feature:
            iso = feature["properties"]["iso3"]
            self.country = next(i for i, s in enumerate(self.facts["states"]) if s[0] == iso)
            self.panel.value = panel_html(self.facts, self.month_value, self.org_index, self.country)


def explorer(data: Dataset) -> W.VBox:
    """The explorer widget (with its Python callbacks for a kernel)."""
    return Explorer(data).widget
