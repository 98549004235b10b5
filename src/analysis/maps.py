"""All map code: ipyleaflet builders for the notebooks and the published book.

Two ways to use a map:

- :func:`explorer_map` builds a map whose every layer is precomputed, so that
  it keeps working in the static book with no kernel: the depth-index
  choropleth at several dates (base layers), one overlay per organisation,
  UK activities as markers, per-country popups and a legend; the layers
  control switches between them. Tooltips come from :func:`tooltip_data`
  (a JSON island read by ``book/_widgets/map-extras.js``).
- :func:`live_explorer` wraps a map with an organisation selector, a time
  control and a profile panel driven by Python callbacks (Binder, Jupyter).

Every piece of text that comes from the data and reaches HTML goes through
:func:`html.escape` here.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import math
from pathlib import Path

import ipyleaflet as L
import ipywidgets as W

from . import measures as m
from .geometry import centroids, load_geometry
from .load import Dataset, as_of, data_dir
from .style import NO_DATA, PALETTE, SEQUENTIAL, UK_ON_MAP, sequential_colour

CENTER, ZOOM = (53.0, 15.0), 3
#: Dates the time control offers (besides the dataset's as-at date).
SNAPSHOTS = ("2010-12-31", "2016-06-22", "2020-01-31", "2022-02-23")
#: Organisations offered as overlays: the formats the UK is in and those it is outside of.
MAP_ORGS = ("nato", "eu", "jef", "ei2", "northern-group", "e5", "coalition-of-the-willing", "essi", "cjef",
            "b9", "nordefco", "nb8", "weimar", "visegrad")
BASE_STYLE = {"color": "#FFFFFF", "weight": 0.8, "fillOpacity": 0.9, "opacity": 1}
HOVER_STYLE = {"color": "#000000", "weight": 2.5}
ACTIVITY_COLOURS = {"base": PALETTE["black"], "facility": PALETTE["black"], "deployment": PALETTE["vermillion"],
                    "air policing": PALETTE["sky"], "naval group": PALETTE["blue"], "exercise": PALETTE["orange"],
                    "training mission": PALETTE["green"], "capability programme": PALETTE["purple"],
                    "operation": PALETTE["vermillion"]}


def geometry(path: Path | None = None) -> dict:
    return load_geometry(path or data_dir() / "geometry" / "europe.geojson")


def date_label(day: str) -> str:
    return dt.date.fromisoformat(day).strftime("%-d %B %Y")


def scores(data: Dataset, when) -> dict[str, float]:
    """Depth index per partner (the UK itself has none)."""
    return m.depth_index(data, when)["index"].round(2).to_dict()


def _bins(vmax: float) -> list[tuple[str, str]]:
    steps = len(SEQUENTIAL)
    return [(f"{vmax * i / (steps - 1):.0f}", colour) for i, colour in enumerate(SEQUENTIAL)][::2]


def feature_style(iso: str, value: float | None, vmax: float, key: str) -> dict:
    """Leaflet style of one country: fill by depth, the UK in its own colour; className for tooltips."""
    fill = UK_ON_MAP if iso == m.UK else (sequential_colour(value, vmax) if value is not None else NO_DATA)
    return {"fillColor": fill, "className": f"country country-{iso} snap-{key}"}


def choropleth_data(geo: dict, values: dict[str, float], vmax: float, key: str, only: set[str] | None = None) -> dict:
    features = []
    for f in geo["features"]:
        iso = f["id"]
        if only is not None and iso not in only:
            continue
        props = {"iso3": iso, "name": f["properties"]["name"],
                 "style": feature_style(iso, values.get(iso), vmax, key)}
        features.append({"type": "Feature", "id": iso, "properties": props, "geometry": f["geometry"]})
    return {"type": "FeatureCollection", "features": features}


def profile_html(data: Dataset, iso: str, when=None) -> str:
    """The popup / panel text for one state: depth, shared memberships, instruments with dates, activities."""
    when = when or data.as_at
    now = as_of(data, when)
    esc = html.escape
    name = data.country_names()[iso]
    parts = [f"<h4>{esc(name)}</h4>"]
    if iso != m.UK:
        depth = m.depth_index(data, when)
        row = depth.loc[iso]
        parts.append(f"<p>Depth index {row['index']:.1f} (rank {int(row['rank'])} of {len(depth)})</p>")
    uk_orgs = set(now.memberships.loc[now.memberships["iso3"] == m.UK, "org_id"])
    mine = set(now.memberships.loc[now.memberships["iso3"] == iso, "org_id"])
    names = data.org_names()
    shared = sorted(names.get(o, o) for o in mine & uk_orgs)
    without = sorted(names.get(o, o) for o in mine - uk_orgs)
    parts.append(f"<p><b>With the UK in:</b> {esc(', '.join(shared) or 'none')}</p>")
    if without:
        parts.append(f"<p><b>In without the UK:</b> {esc(', '.join(without))}</p>")
    ids = set(now.agreement_parties.loc[now.agreement_parties["party"] == iso, "agreement_id"])
    agreements = now.agreements[now.agreements["agreement_id"].isin(ids)]
    if len(agreements):
        items = sorted(((str(r.signed or r.in_force or ""), r.title) for r in agreements.itertuples()), reverse=True)
        listed = "".join(f"<li>{esc(d)} {esc(t)}</li>" for d, t in items[:4])
        more = f"<li>and {len(items) - 4} more</li>" if len(items) > 4 else ""
        parts.append(f"<p><b>Instruments with the UK ({len(items)}):</b></p><ul>{listed}{more}</ul>")
    acts = now.activities[(now.activities["host_iso3"] == iso) | now.activities["partners"].map(lambda p: iso in p)]
    if len(acts):
        parts.append(f"<p><b>UK activities:</b> {esc('; '.join(acts['name'].head(4)))}</p>")
    parts.append(f'<p><a href="{esc(data.profile_url(iso))}">Full profile of {esc(name)}</a></p>')
    return "".join(parts)


def tooltip_data(data: Dataset, snapshots: dict[str, str]) -> dict:
    """Per snapshot key, per state: the short tooltip text (plain text; the page sets it as textContent)."""
    names = data.country_names()
    out = {}
    for key, day in snapshots.items():
        values = scores(data, day)
        out[key] = {iso: (f"{names[iso]}: the United Kingdom" if iso == m.UK else
                          f"{names[iso]}: depth index {values.get(iso, 0):.1f} ({date_label(day)})")
                    for iso in names}
    return out


def tooltip_script(data: Dataset, snapshots: dict[str, str]) -> str:
    """The JSON island the page's tooltip script reads; '<' is escaped so data cannot close the tag."""
    payload = json.dumps(tooltip_data(data, snapshots), ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/json" id="map-tooltips">{payload}</script>'


def snapshot_dates(data: Dataset) -> dict[str, str]:
    keys = {d[:4] if d[5:] == "12-31" else d[:7]: d for d in SNAPSHOTS}
    keys["today"] = data.as_at.last_day().isoformat()
    return keys


def legend(vmax: float) -> L.LegendControl:
    entries = {f"depth {label}": colour for label, colour in _bins(vmax)}
    entries["United Kingdom"] = UK_ON_MAP
    entries["no data"] = NO_DATA
    return L.LegendControl(entries, title="Depth index", position="bottomright")


def country_group(data: Dataset, geo: dict, values: dict, vmax: float, key: str, name: str) -> L.LayerGroup:
    """One GeoJSON layer per country, each with its own popup (works without a kernel)."""
    layers = []
    for f in geo["features"]:
        one = choropleth_data({"features": [f]}, values, vmax, key)
        layer = L.GeoJSON(data=one, style=BASE_STYLE, hover_style=HOVER_STYLE, name=f["properties"]["name"])
        layer.popup = W.HTML(profile_html(data, f["id"]))
        layer.popup_max_height, layer.popup_max_width = 280, 320
        layers.append(layer)
    return L.LayerGroup(layers=layers, name=name, base=True)


def org_layer(data: Dataset, geo: dict, org: str, when) -> L.GeoJSON:
    now = as_of(data, when)
    members = set(now.memberships.loc[now.memberships["org_id"] == org, "iso3"])
    features = [f for f in geo["features"] if f["id"] in members]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": f["id"], "geometry": f["geometry"],
         "properties": {"iso3": f["id"], "style": {"className": f"org org-{org} country-{f['id']}"}}}
        for f in features]}
    short = data.org_names().get(org, org)
    uk = " (UK outside)" if m.UK not in members else ""
    style = {"color": PALETTE["vermillion"] if uk else PALETTE["orange"], "weight": 2.5, "fillOpacity": 0.15,
             "fillColor": PALETTE["yellow"], "dashArray": "4 3" if uk else None}
    return L.GeoJSON(data=collection, style={k: v for k, v in style.items() if v is not None},
                     name=f"Members: {short}{uk}")


def activity_layer(data: Dataset, geo: dict, when) -> L.LayerGroup:
    """UK activities as circle markers at their host state (not the exact site), each with a popup."""
    now = as_of(data, when)
    points = centroids(geo)
    markers, per_host = [], {}
    for row in now.activities.itertuples():
        if not row.host_iso3 or row.host_iso3 not in points:
            continue
        n = per_host[row.host_iso3] = per_host.get(row.host_iso3, -1) + 1
        lat, lon = points[row.host_iso3]
        ring = (n % 6) * 60
        offset = 0.0 if n == 0 else 0.6 + 0.25 * (n // 6)
        location = (lat + offset * math.sin(math.radians(ring)), lon + offset * math.cos(math.radians(ring)))
        colour = ACTIVITY_COLOURS.get(row.kind, PALETTE["black"])
        marker = L.CircleMarker(location=location, radius=6, color="#FFFFFF", weight=1, fill_color=colour,
                                fill_opacity=1.0, name=row.name)
        dates = f"{row.start or 'date not known'} – {row.end or 'ongoing'}"
        marker.popup = W.HTML(f"<h4>{html.escape(row.name)}</h4><p>{html.escape(row.kind)}, {html.escape(dates)}</p>"
                              f"<p>{html.escape(row.summary)}</p>")
        markers.append(marker)
    return L.LayerGroup(layers=markers, name="UK bases, deployments and exercises")


def _bare_map(**kwargs) -> L.Map:
    """A map with no basemap at all: country polygons stand on their own, no tile is ever requested."""
    fmap = L.Map(center=CENTER, zoom=ZOOM, attribution_control=False, **kwargs)
    for layer in list(fmap.layers):
        fmap.remove(layer)
        layer.close()  # closed widgets are not embedded in the page's widget state
    return fmap


def explorer_map(data: Dataset, geo: dict | None = None, orgs: tuple[str, ...] = MAP_ORGS,
                 height: str = "560px") -> L.Map:
    """The full map for the static book: every layer precomputed and switchable in the layers control."""
    geo = geo or geometry()
    snaps = snapshot_dates(data)
    all_values = {k: scores(data, d) for k, d in snaps.items()}
    vmax = max(max(v.values()) for v in all_values.values())
    fmap = _bare_map(min_zoom=2, max_zoom=6, scroll_wheel_zoom=False, layout=W.Layout(height=height, width="100%"))
    for key, day in snaps.items():
        if key == "today":
            continue
        layer = L.GeoJSON(data=choropleth_data(geo, all_values[key], vmax, key), style=BASE_STYLE,
                          hover_style=HOVER_STYLE, name=f"Depth index on {date_label(day)}", base=True)
        fmap.add(layer)
    fmap.add(country_group(data, geo, all_values["today"], vmax, "today",
                           f"Depth index today ({date_label(snaps['today'])}); click a country"))
    for org in orgs:
        if org in set(data.organisations["org_id"]):
            fmap.add(org_layer(data, geo, org, data.as_at))
    fmap.add(activity_layer(data, geo, data.as_at))
    fmap.add(L.LayersControl(position="topright", collapsed=True))
    fmap.add(legend(vmax))
    return fmap


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


def live_explorer(data: Dataset, geo: dict | None = None) -> W.VBox:
    """A map with an organisation selector, a time control and a profile panel (needs a running kernel)."""
    geo = geo or geometry()
    snaps = snapshot_dates(data)
    options = [(date_label(d), d) for d in sorted(snaps.values())]
    time = W.SelectionSlider(options=options, value=snaps["today"], description="As at",
                             layout=W.Layout(width="90%"), continuous_update=False)
    org_options = [("(none)", "")] + [(r.short_name + (" (UK outside)" if r.uk_status in ("non-member", "former member") else ""),
                                       r.org_id) for r in data.organisations.itertuples()]
    org = W.Dropdown(options=org_options, value="", description="Organisation")
    panel = W.HTML("<p>Click a country to see its relationship with the UK.</p>")
    fmap = _bare_map(layout=W.Layout(height="520px"))
    choropleth = L.GeoJSON(data={"type": "FeatureCollection", "features": []}, style=BASE_STYLE,
                           hover_style=HOVER_STYLE, name="Depth index")
    highlight = L.GeoJSON(data={"type": "FeatureCollection", "features": []}, name="Organisation members")
    fmap.add(choropleth)
    fmap.add(highlight)
    fmap.add(activity_layer(data, geo, data.as_at))
    fmap.add(L.LayersControl(position="topright"))

    def redraw(*_):
        values = scores(data, time.value)
        choropleth.data = choropleth_data(geo, values, max(values.values()) or 1, "live")
        if org.value:
            new = org_layer(data, geo, org.value, time.value)
            highlight.style, highlight.data = new.style, new.data
        else:
            highlight.data = {"type": "FeatureCollection", "features": []}

    def clicked(feature=None, **_):
        if feature:
            panel.value = profile_html(data, feature["properties"]["iso3"], time.value)

    time.observe(redraw, "value")
    org.observe(redraw, "value")
    choropleth.on_click(clicked)
    redraw()
    return W.VBox([W.HBox([org]), time, fmap, panel])
