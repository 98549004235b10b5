"""Measures on the mini dataset, whose answers were worked out by hand.

Depth today (UK in NATO and JEF; the EU membership ended in 2020):
  memberships  FRA 3 (NATO), DEU 3, POL 3, EST 3 + 1.5 (JEF) = 4.5
  instruments  FRA 3 x 1.5 (binding treaty) + 1.0 / 2 (statement shared with DEU) = 5.0; DEU 0.5; POL 1.5; EST 0
               (its memorandum is only announced)
  activities   EST 2.0 (deployment);  capability  DEU 2.0
  index        FRA 8.0, EST 6.5, DEU 5.5, POL 4.5
"""
import pytest

from analysis import measures as m


def test_depth_index_known_answer(mini):
    depth = m.depth_index(mini, mini.as_at)
    assert depth["index"].to_dict() == pytest.approx({"FRA": 8.0, "EST": 6.5, "DEU": 5.5, "POL": 4.5})
    assert list(depth.index) == ["FRA", "EST", "DEU", "POL"]
    assert depth.loc["FRA", "instruments"] == pytest.approx(5.0)
    assert depth.loc["EST", "memberships"] == pytest.approx(4.5)
    assert depth.loc["DEU", "capability"] == pytest.approx(2.0)
    assert depth.loc["FRA", "score"] == 100.0 and depth.loc["FRA", "rank"] == 1


def test_depth_index_in_2016_counts_the_eu(mini):
    # On 22 June 2016 the UK is in the EU; a2 (2017), a3 (2021) and the deployment (2017) are not yet there.
    depth = m.depth_index(mini, "2016-06-22")["index"].to_dict()
    assert depth == pytest.approx({"FRA": 9.5, "EST": 6.5, "DEU": 7.0, "POL": 5.0})


def test_one_at_a_time_flips_the_top_two(mini):
    table = m.one_at_a_time(mini, mini.as_at)
    assert table.loc["FRA", "published"] == 1 and table.loc["EST", "published"] == 2
    # doubling activities: EST 4.5 + 0 + 4.0 = 8.5 > FRA 8.0
    assert table.loc["EST", "activities x2"] == 1 and table.loc["FRA", "activities x2"] == 2


def test_sensitivity_is_repeatable_and_brackets_the_published_rank(mini):
    a = m.sensitivity(mini, mini.as_at, draws=40, seed=1)
    b = m.sensitivity(mini, mini.as_at, draws=40, seed=1)
    assert a.equals(b)
    assert (a["rank_p05"] <= a["rank_p95"]).all()
    # With weights perturbed by up to 50%, EST (6.5) sometimes overtakes FRA (8.0): the range must show it.
    assert a.loc["FRA", "rank_p95"] >= 1 and a.loc["EST", "rank_p05"] == 1


def test_overlap_matrix(mini):
    matrix = m.overlap_matrix(mini, mini.as_at)
    assert matrix.loc["GBR"].to_dict() == {"nato": 1, "eu": 0, "b9": 0, "jef": 1}
    assert matrix.loc["EST"].sum() == 4
    assert list(matrix.columns) == ["nato", "eu", "jef", "b9"]  # by member count, ties in table order


def test_grouping_network_and_centrality(mini):
    graph = m.grouping_network(mini, mini.as_at)
    assert graph["nato"]["eu"]["weight"] == 4  # FRA DEU POL EST
    assert graph["b9"]["jef"]["weight"] == 1   # EST
    assert graph.nodes["b9"]["uk_member"] is False
    cent = m.centrality(graph)
    assert cent.index[0] in ("nato", "eu")
    assert cent.loc["nato", "degree"] == 3


def test_instruments_by_year_and_domains(mini):
    table = m.instruments_by_year(mini, start=2010, end=2021)
    assert table.loc[2010, "treaty"] == 1 and table.loc[2017, "joint declaration"] == 1
    assert table.loc[2021, "joint statement"] == 1 and table.to_numpy().sum() == 3
    domains = m.domains_by_period(mini, since=2010)
    assert domains.loc["defence", "Before the referendum"] == 1
    assert domains.loc["defence", "Referendum to exit"] == 1
    assert domains.loc["cyber", "Exit to invasion"] == 1


def test_gap_analysis_known_answer(mini):
    # weight: FRA 2 (NATO, EU), DEU 2, POL 3 (+ B9), EST 3; least squares: depth = 9.25 - 1.25 x weight
    gaps = m.gap_analysis(mini, mini.as_at)
    assert gaps["gap"].to_dict() == pytest.approx({"DEU": -1.25, "POL": -1.0, "EST": 1.0, "FRA": 1.25})
    assert list(gaps.index) == ["DEU", "POL", "EST", "FRA"]


def test_uk_formats_over_time(mini):
    table = m.uk_formats_over_time(mini, range(2013, 2022))
    assert table.loc[2013].sum() == 2  # NATO and the EU
    assert table.loc[2014].sum() == 3  # + JEF
    assert table.loc[2020].sum() == 2  # the EU membership ended on 31 January 2020


def test_partner_timeline(mini):
    timeline = m.partner_timeline(mini, "EST")
    # NATO (2004-03), the EU (2004-05-01) and JEF (2014): groupings the UK has belonged to; then the deployment
    # (2017), then the memorandum announced in 2019-05 and never signed, labelled as announced
    assert list(timeline["kind"]) == ["membership", "membership", "membership", "activity", "instrument"]
    assert str(timeline.iloc[0]["date"]) == "2004-03"
    assert str(timeline.iloc[-1]["date"]) == "2019-05" and timeline.iloc[-1]["label"] == "Memorandum D (announced)"


def test_headline_facts_on_mini(mini):
    facts = m.headline_facts(mini)
    assert facts["n_agreements"] == 4 and facts["n_partner_states"] == 4
    assert facts["n_since_invasion"] == 0 and facts["n_exit_to_invasion"] == 1


def test_headline_findings_known_answer(mini):
    first, second, third = m.headline_findings(mini)
    assert "has signed or issued 0 defence and security instruments" in first and "against 1 in the two years" in first
    assert "no sourced UK agreement at all" in second and second.count(",") >= 2
    assert "belongs to 2 of the 4 organisations" in third and third.endswith("the largest of them EU and B9.")
