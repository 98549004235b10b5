"""Burden-sharing measures on the mini dataset, and a handful of published values pinned per edition."""
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
