"""Map builders: the static explorer, the live (kernel) path, and escaping of text from the data."""
import html
import json

from analysis import maps


def test_geometry_covers_every_state_in_scope(shipped):
    geo = maps.geometry()
    ids = [f["id"] for f in geo["features"]]
    assert sorted(ids) == sorted(shipped.countries["iso3"])
    assert all(f["geometry"]["coordinates"] for f in geo["features"])


def test_explorer_map_layers(shipped):
    fmap = maps.explorer_map(shipped)
    names = [layer.name for layer in fmap.layers]
    assert sum(1 for layer in fmap.layers if getattr(layer, "base", False)) == len(maps.SNAPSHOTS) + 1
    assert any(n.startswith("Members: NATO") for n in names)
    assert any("UK outside" in n for n in names)
    assert "UK bases, deployments and exercises" in names
    today = next(layer for layer in fmap.layers if layer.name.startswith("Depth index today"))
    assert len(today.layers) == len(shipped.countries)
    assert all(layer.popup is not None for layer in today.layers)
    classes = {layer.data["features"][0]["properties"]["style"]["className"] for layer in today.layers}
    assert "country country-FRA snap-today" in classes


def test_live_explorer_selector_and_time_control_change_the_layers(shipped):
    ui = maps.live_explorer(shipped)
    org, time, fmap, panel = ui.children[0].children[0], ui.children[1], ui.children[2], ui.children[3]
    choropleth, highlight = fmap.layers[0], fmap.layers[1]
    today_fill = {f["id"]: f["properties"]["style"]["fillColor"] for f in choropleth.data["features"]}
    assert highlight.data["features"] == []
    org.value = "nato"
    members = {f["id"] for f in highlight.data["features"]}
    assert {"FRA", "DEU", "POL", "GBR", "FIN", "SWE"} <= members and "AUT" not in members
    time.value = "2016-06-22"
    members_2016 = {f["id"] for f in highlight.data["features"]}
    assert "FIN" not in members_2016 and "SWE" not in members_2016
    fill_2016 = {f["id"]: f["properties"]["style"]["fillColor"] for f in choropleth.data["features"]}
    assert fill_2016 != today_fill
    org.value = ""
    assert highlight.data["features"] == []
    clicked = choropleth._click_callbacks.callbacks[0]
    clicked(feature={"properties": {"iso3": "EST"}})
    assert "Estonia" in panel.value


def test_markup_from_the_data_is_escaped(mini):
    evil = '<img src=x onerror="alert(1)">'
    mini.agreements.loc[0, "title"] = evil
    mini.countries.loc[1, "name"] = "Fr<script>ance"
    popup = maps.profile_html(mini, "FRA")
    assert evil not in popup and html.escape(evil) in popup
    assert "<script>" not in popup
    mini.activities.loc[0, "summary"] = "<b>bold</b>"
    layer = maps.activity_layer(mini, maps.geometry(), mini.as_at)
    assert all("<b>bold</b>" not in m.popup.value for m in layer.layers)
    island = maps.tooltip_script(mini, {"today": "2026-11-21"})
    payload = island.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in payload
    assert json.loads(payload)["today"]["FRA"].startswith("Fr<script>ance")
    table = maps.accessible_table(mini)
    assert "Fr<script>ance" not in table and "Fr&lt;script&gt;ance" in table
