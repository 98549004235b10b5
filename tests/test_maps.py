"""The explorer's facts, rules and kernel callbacks, with known answers on the hand-made data."""
import json

import pytest
from shapely.geometry import shape

from analysis import maps


def test_geometry_covers_every_state_and_nothing_wraps_round_the_map(shipped):
    geo = maps.geometry()
    assert sorted(f["id"] for f in geo["features"]) == sorted(shipped.countries["iso3"])
    for f in geo["features"]:
        for poly in getattr(shape(f["geometry"]), "geoms", [shape(f["geometry"])]):
            minx, _, maxx, _ = poly.bounds
            assert maxx - minx < 100, f"{f['id']}: a polygon spans {maxx - minx:.0f} degrees (a band across the map)"


@pytest.fixture
def facts(mini):
    return maps.explorer_facts(mini)


def idx(facts, iso):
    return [s[0] for s in facts["states"]].index(iso)


def org(facts, org_id):
    return [o[0] for o in facts["orgs"]].index(org_id)


def test_selector_lists_every_organisation_by_full_name_grouped_by_uk_status(mini):
    options = maps.org_options(mini)
    assert options[0][1] == "" and len(options) == len(mini.organisations) + 1
    labels = [label for label, _ in options[1:]]
    assert labels == ["UK a member: Joint Expeditionary Force (JEF)",
                      "UK a member: North Atlantic Treaty Organization (NATO)",
                      "UK outside: Bucharest Nine (B9)", "UK outside: European Union (EU)"]


def test_members_at_a_date(facts):
    nato = org(facts, "nato")
    assert set(maps.members_at(facts, nato, "1998-12-31")) == {idx(facts, i) for i in ("GBR", "FRA", "DEU")}
    assert idx(facts, "POL") in maps.members_at(facts, nato, "1999-03-31")
    assert idx(facts, "EST") not in maps.members_at(facts, nato, "2004-02-29")  # joined "2004-03": from 1 March
    assert idx(facts, "EST") in maps.members_at(facts, nato, "2004-03-31")
    eu = org(facts, "eu")
    assert idx(facts, "GBR") in maps.members_at(facts, eu, "2020-01-31")
    assert idx(facts, "GBR") not in maps.members_at(facts, eu, "2020-02-29")


def test_depth_at_month_ends(facts, mini):
    from analysis import measures as m
    for month in ("2009-12", "2010-11", "2017-06", "2026-11"):
        expected = m.depth_index(mini, maps._month_end(month)).reindex([s for s in mini.countries["iso3"] if s != "GBR"])
        index, comp = maps.depth_at(facts, month)
        assert index == [round(float(v), 1) for v in expected["index"]], month
    assert maps.depth_at(facts, "1900-01")[0] == [0.0] * 4


def test_country_style_outlines_members_and_fades_the_rest(facts):
    b9 = org(facts, "b9")
    pol = maps.country_style(facts, idx(facts, "POL"), "2016-06", b9, "depth")
    fra = maps.country_style(facts, idx(facts, "FRA"), "2016-06", b9, "depth")
    assert pol["color"] == "#000000" and pol["fillOpacity"] > 0.9
    assert fra["fillOpacity"] == maps.FADED
    assert maps.country_style(facts, idx(facts, "GBR"), "2016-06", None, "depth")["fillColor"] == maps.UK_ON_MAP
    before = maps.country_style(facts, idx(facts, "POL"), "2014-06", b9, "depth")  # B9 founded 2015
    assert before["fillOpacity"] == maps.FADED


def test_depth_classes_spread_partners(shipped):
    facts = maps.explorer_facts(shipped)
    breaks = facts["classes"]["breaks"]
    assert breaks == sorted(breaks) and len(set(breaks)) == len(breaks) == 5
    today = maps.depth_at(facts, facts["asAt"][:7])[0]
    counts = [sum(1 for v in today if v > 0 and maps._class(v, breaks) == k) for k in range(5)]
    positive = sum(1 for v in today if v > 0)
    assert max(counts) <= positive * 0.35, counts  # no class holds much more than its fifth


def test_panel_for_a_state_at_a_date(facts):
    html_text = maps.panel_html(facts, "2016-06", None, idx(facts, "POL"))
    assert "Poland" in html_text and "Declaration B" not in html_text  # signed 2017
    assert "With the UK in: EU, NATO." in html_text and "In without the UK: B9." in html_text  # UK in the EU then
    after_exit = maps.panel_html(facts, "2021-06", None, idx(facts, "POL"))
    assert "With the UK in: NATO." in after_exit and "In without the UK: B9, EU." in after_exit
    later = maps.panel_html(facts, "2017-12", None, idx(facts, "POL"))
    assert "Declaration B" in later and "Agreements in force or issued by then: 1." in later


def test_panel_lists_an_announced_agreement_apart_and_does_not_count_it(facts):
    before = maps.panel_html(facts, "2019-04", None, idx(facts, "EST"))
    assert "Memorandum D" not in before and "Announced by then" not in before
    after = maps.panel_html(facts, "2019-05", None, idx(facts, "EST"))
    assert "Agreements in force or issued by then: 0." in after
    assert "Announced by then, no signature recorded (not counted): 1." in after
    assert "announced 2019-05: Memorandum D" in after


def test_panel_for_an_organisation(facts):
    text = maps.panel_html(facts, "2016-06", org(facts, "b9"), None)
    assert "Bucharest Nine (B9)" in text and "2 members at the end of June 2016" in text
    assert "the UK is not a member at this date" in text
    assert "Estonia" in text and "Poland" in text and "France" not in text


def test_island_escapes_everything_that_could_close_the_tag(mini):
    mini.countries.loc[1, "name"] = "Fr</script><b>&amp;ance"
    facts = maps.explorer_facts(mini)
    island = maps.explorer_island(facts)
    payload = island.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert json.loads(payload)["states"][1][1] == "Fr</script><b>&amp;ance"
    panel = maps.panel_html(facts, "2026-11", None, 1)
    assert "</script>" not in panel and "&lt;/script&gt;&lt;b&gt;&amp;amp;ance" in panel


def test_kernel_callbacks_drive_the_same_explorer(mini):
    ex = maps.Explorer(mini)
    assert ex.org.options[0][1] == "" and len(ex.org.options) == 5
    ex.org.value = "b9"
    ex.year.value, ex.month.value = "2016", "06"
    styles = {f["id"]: f["properties"]["style"] for f in ex.countries.data["features"]}
    assert styles["POL"]["color"] == "#000000" and styles["FRA"]["fillOpacity"] == maps.FADED
    assert "2 members at the end of June 2016" in ex.panel.value
    assert "June 2016; members of B9 outlined" in ex.title.value
    ex.clicked(feature={"properties": {"iso3": "EST"}})
    assert "Estonia" in ex.panel.value
    shown = [f["properties"]["style"]["fillOpacity"] for f in ex.activities.data["features"]]
    assert shown == [0.0]  # the 2017 battlegroup is not yet there in 2016; the programme has no host
    ex.year.value = "2018"
    assert [f["properties"]["style"]["fillOpacity"] for f in ex.activities.data["features"]] == [1.0]
    ex.view.value = "gaps"
    assert "Gap" in ex.legend.value and "Gap measure" in ex.title.value


def test_accessible_table_escapes(mini):
    mini.countries.loc[1, "name"] = "Fr<script>ance"
    table = maps.accessible_table(mini)
    assert "Fr<script>ance" not in table and "Fr&lt;script&gt;ance" in table
