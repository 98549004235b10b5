"""Burden-sharing measures on the mini dataset, and a handful of published values pinned per edition."""
import pandas as pd
import pytest

from analysis import burden as B


def test_allies_at_or_above_known_answer(mini):
    # 2014: GBR 2.14 and USA 3.71 of six allies; 2015: GBR, POL, USA; 2016: GBR, EST, USA
    table = B.allies_at_or_above(mini, 2.0).set_index("year")
    assert table["at_or_above"].to_dict() == {2014: 2, 2015: 3, 2016: 3}
    assert (table["allies_reporting"] == 6).all()


def test_europe_and_us_and_flank(mini):
    table = B.europe_and_us(mini).set_index("year")
    assert table.loc[2016, "us_pct_gdp"] == pytest.approx(3.49)
    assert table.loc[2014, "europe_canada_pct_gdp"] == pytest.approx(1.40)
    flank = B.flank_vs_rest(mini).set_index("year")   # B9 in the mini data: POL and EST; the rest: GBR, FRA, DEU
    assert flank.loc[2015, "eastern_flank_mean"] == pytest.approx(round((2.21 + 1.99) / 2, 2))
    assert flank.loc[2015, "other_european_allies_mean"] == pytest.approx(round((2.03 + 1.78 + 1.16) / 3, 2))


def test_estimates_are_marked_in_the_table(mini):
    table = B.spending_table(mini).set_index("ally")
    assert table.loc["United Kingdom", "2016"] == "2.09e" and table.loc["United Kingdom", "2014"] == "2.14"


@pytest.mark.parametrize("iso3,year,value,estimate", [
    ("GBR", 2014, 2.14, "no"), ("POL", 2023, 3.27, "no"), ("BGR", 2019, 3.14, "no"),
    ("DEU", 2024, 2.00, "yes"), ("NATO", 2019, 2.52, "no"), ("TUR", 2025, 2.33, "yes"),
    ("USA", 2025, 3.22, "yes"), ("POL", 2025, 4.48, "yes"),
])
def test_published_values_of_the_2025_edition(shipped, iso3, year, value, estimate):
    rows = shipped.defence_expenditure
    row = rows[(rows["edition"] == "2025-08") & (rows["iso3"] == iso3) & (rows["year"] == year)].iloc[0]
    assert row["pct_gdp"] == pytest.approx(value) and row["estimate"] == estimate


def test_shipped_editions_are_whole_and_2024_matches_nato_count(shipped):
    # NATO's August 2025 release: 18 allies at or above 2% in 2024 (reported by TASS and others)
    at = B.allies_at_or_above(shipped, 2.0, "2025-08").set_index("year")
    assert at.loc[2024, "at_or_above"] == 18


def test_commitments_pinned(shipped):
    c = shipped.commitments.set_index("commitment_id")
    assert c.loc["nato-2014-wales-dip-2pct-gdp", "threshold_pct"] == 2
    assert str(c.loc["nato-2025-hague-3-5pct-core", "agreed"]) == "2025-06-25"
    assert c.loc["nato-2025-hague-5pct-total", "target_year"] == 2035


def test_edition_revisions_known_answer(mini):
    rev = B.edition_revisions(mini).set_index(["iso3", "year"])
    assert rev.loc[("GBR", 2014), "revision"] == pytest.approx(0.04)   # 2.14 (2025-08) - 2.10 (2024-06)
    assert rev.loc[("FRA", 2015), "revision"] == pytest.approx(-0.02)
    assert 2016 not in set(rev.index.get_level_values("year"))          # only years both editions cover
    assert len(rev) == 6 * 2                                            # six allies, two shared years


def test_money_europe_us_known_answer(mini):
    money = B.money_europe_us(mini).set_index("year")
    assert money.loc[2015, "europe_canada_usd_bn"] == 260.0 and money.loc[2015, "us_usd_bn"] == 640.0
    assert money.loc[2015, "europe_canada_share"] == pytest.approx(260 / 900, abs=0.001)
    assert set(money["edition"]) == {"2024-06"}


def test_pledges_against_the_latest_figure_known_answer(mini):
    table = B.pledge_table(mini)
    gbr = table[table["iso3"] == "GBR"].set_index("announced")
    assert gbr.loc["2024-04-23", "latest_pct"] == pytest.approx(2.09) and gbr.loc["2024-04-23", "latest_year"] == 2016
    assert gbr.loc["2024-04-23", "gap_pts"] == pytest.approx(0.41)
    est = table[table["iso3"] == "EST"].iloc[0]
    assert pd.isna(est["gap_pts"])  # a pledge of a share of GNI is not compared with a share of GDP
    top = B.highest_pledges(mini).set_index("iso3")
    assert top.loc["GBR", "target_pct"] == 3.5 and "EST" not in top.index


def test_axis_measures_known_answer(mini):
    pairs = B.axis_pairs(mini).set_index("pair")["events"].to_dict()
    assert pairs == {"China and Russia": 2, "North Korea and Russia": 2, "Iran and Russia": 1, "China and Iran": 1}
    by_year = B.axis_by_year(mini)
    assert by_year.loc[2024].sum() == 2 and by_year.loc[2023].sum() == 0 and by_year.loc[2022, "joint statement"] == 1
    facts = B.strand_facts(mini)
    assert facts["n_axis"] == 4 and facts["n_responses"] == 2 and facts["n_uk_responses"] == 1
    assert facts["n_pledging_allies"] == 3 and facts["europe_share_pct"] == "29"
    # the UK: highest pledge 3.5% (core defence, 2035) against 2.09% in 2016, the latest figure in the mini data
    assert (facts["uk_top_pledge"], facts["uk_top_year"], facts["uk_latest_pct"], facts["uk_top_gap"]) == \
        ("3.5", " by 2035", "2.09", "1.41")
    assert facts["n_uk_sanctions"] == 1 and facts["uk_first_pledge_year"] == 2024
    assert "uk_money_rank" not in facts  # the mini data has money only for the aggregates
    table = B.axis_table(mini).set_index("title")
    assert table.loc["Troops", "responses"] == "GBR (2024-11); nato (2024-11-05)"


def test_spending_floors_are_drawn_each_in_its_own_style_and_the_allowance_is_not(shipped):
    import matplotlib.pyplot as plt
    from analysis import figures as F
    fig, ax = plt.subplots()
    F._threshold_lines(ax, shipped)
    lines = [(line.get_ydata()[0], line.get_linestyle(), line.get_color()) for line in ax.get_lines()]
    plt.close(fig)
    assert sorted(v for v, _, _ in lines) == [2.0, 3.5, 5.0]  # no line at the "up to 1.5%" allowance
    assert len({(s, c) for _, s, c in lines}) == 3
