"""Measures of transatlantic burden sharing over NATO's published defence expenditure.

NATO revises back years in every release, so a series is only ever read from
one edition: :func:`latest_edition` picks the newest, and every function here
works within the edition it is given (by default the latest).
"""
from __future__ import annotations

import pandas as pd

from .load import Dataset

AGGREGATES = ("NATO", "NATO_EUR_CAN")


def latest_edition(data: Dataset) -> str:
    return max(data.defence_expenditure["edition"])


def edition_table(data: Dataset, edition: str | None = None) -> pd.DataFrame:
    """One edition's rows, with allies' names (aggregates keep their codes)."""
    edition = edition or latest_edition(data)
    frame = data.defence_expenditure[data.defence_expenditure["edition"] == edition].copy()
    names = {**data.country_names(), "USA": "United States", "CAN": "Canada",
             "NATO": "NATO total", "NATO_EUR_CAN": "NATO Europe and Canada"}
    frame["name"] = frame["iso3"].map(lambda i: names.get(i, i))
    return frame


def spending_matrix(data: Dataset, edition: str | None = None, column: str = "pct_gdp") -> pd.DataFrame:
    """Allies (rows) × years (columns) of one edition; aggregates left out."""
    frame = edition_table(data, edition)
    frame = frame[~frame["iso3"].isin(AGGREGATES)]
    return frame.pivot(index="iso3", columns="year", values=column).astype("Float64")


def latest_year(data: Dataset, edition: str | None = None) -> int:
    return int(edition_table(data, edition)["year"].max())


def headline_year(data: Dataset, edition: str | None = None, coverage: float = 0.9) -> int:
    """The latest year for which at least ``coverage`` of the allies in the edition have a figure."""
    matrix = spending_matrix(data, edition)
    share = matrix.notna().sum() / len(matrix)
    return int(max(y for y, c in share.items() if c >= coverage))


def allies_at_or_above(data: Dataset, threshold: float = 2.0, edition: str | None = None) -> pd.DataFrame:
    """Per year: allies with data, allies at or above ``threshold`` % of GDP, and their share."""
    matrix = spending_matrix(data, edition)
    reported = matrix.notna().sum()
    at = (matrix >= threshold).sum()
    return pd.DataFrame({"allies_reporting": reported, "at_or_above": at,
                         "share": (at / reported).round(3)}).rename_axis("year").reset_index()


def europe_and_us(data: Dataset, edition: str | None = None) -> pd.DataFrame:
    """NATO Europe and Canada against the United States, % of GDP by year (and real terms where given)."""
    frame = edition_table(data, edition)
    frame = frame[frame["iso3"].isin(("NATO_EUR_CAN", "USA"))]
    out = frame.pivot(index="year", columns="iso3", values="pct_gdp")
    if frame["real_usd_million"].notna().any():
        real = frame.pivot(index="year", columns="iso3", values="real_usd_million")
        out["europe_canada_share_of_real_spending"] = (real["NATO_EUR_CAN"] /
                                                       (real["NATO_EUR_CAN"] + real["USA"])).round(3)
    return out.rename(columns={"NATO_EUR_CAN": "europe_canada_pct_gdp", "USA": "us_pct_gdp"}).reset_index()


def ally_series(data: Dataset, iso3: str, edition: str | None = None) -> pd.DataFrame:
    frame = edition_table(data, edition)
    frame = frame[frame["iso3"] == iso3].sort_values("year")
    return frame[["year", "pct_gdp", "estimate", "equipment_share_pct", "real_usd_million"]].reset_index(drop=True)


def flank_vs_rest(data: Dataset, edition: str | None = None) -> pd.DataFrame:
    """Mean % of GDP of European allies on the eastern flank (Bucharest Nine members) against the other European allies."""
    matrix = spending_matrix(data, edition)
    flank = set(data.memberships.loc[data.memberships["org_id"] == "b9", "iso3"])
    european = [i for i in matrix.index if i in set(data.countries["iso3"])]
    east = matrix.loc[[i for i in european if i in flank]]
    rest = matrix.loc[[i for i in european if i not in flank]]
    return pd.DataFrame({"eastern_flank_mean": east.mean().round(2), "other_european_allies_mean": rest.mean().round(2),
                         "eastern_flank_allies": east.notna().sum(), "other_allies": rest.notna().sum()}
                        ).rename_axis("year").reset_index()


def thresholds(data: Dataset) -> pd.DataFrame:
    """The %-of-GDP commitments, in the order agreed."""
    frame = data.commitments[data.commitments["metric"].str.endswith("% GDP")].copy()
    frame["order"] = [d.first_day() if d else None for d in frame["agreed"]]
    return frame.sort_values("order").drop(columns="order")


def commitments_table(data: Dataset) -> pd.DataFrame:
    frame = data.commitments.copy()
    frame["agreed"] = frame["agreed"].map(str)
    frame["target_year"] = frame["target_year"].map(lambda y: "" if pd.isna(y) else str(int(y)))
    return frame[["agreed", "name", "venue", "metric", "threshold_pct", "target_year"]].rename(
        columns={"threshold_pct": "threshold (%)", "target_year": "by"})


def us_forces_table(data: Dataset) -> pd.DataFrame:
    frame = data.us_forces_europe.copy()
    frame["order"] = [d.first_day() for d in frame["date"]]
    frame = frame.sort_values("order")
    frame["date"] = frame["date"].map(str)
    frame["personnel"] = frame["personnel"].map(lambda n: f"{int(n):,}")
    return frame[["date", "personnel", "kind", "definition", "scope"]]


def spending_table(data: Dataset, edition: str | None = None) -> pd.DataFrame:
    """Allies × years as text, estimates marked 'e', blanks left blank."""
    frame = edition_table(data, edition)
    frame["cell"] = [("" if pd.isna(v) else f"{v:.2f}" + ("e" if e == "yes" else "")) for v, e in
                     zip(frame["pct_gdp"], frame["estimate"])]
    table = frame.pivot(index="name", columns="year", values="cell")
    order = [n for n in table.index if n not in ("NATO total", "NATO Europe and Canada")] + \
            [n for n in ("NATO Europe and Canada", "NATO total") if n in table.index]
    table = table.loc[order]
    table.columns = [str(c) for c in table.columns]
    return table.rename_axis("ally").reset_index()


def headline_facts(data: Dataset) -> dict:
    at = allies_at_or_above(data, 2.0).set_index("year")
    year, first = headline_year(data), int(at.index.min())
    last_year = int(at.index.max())
    matrix = spending_matrix(data)
    return {"edition": latest_edition(data), "headline_year": year, "at_2pct": int(at.loc[year, "at_or_above"]),
            "reporting": int(at.loc[year, "allies_reporting"]), "first_year": first,
            "at_2pct_first": int(at.loc[first, "at_or_above"]), "reporting_first": int(at.loc[first, "allies_reporting"]),
            "last_year": last_year, "reporting_last": int(at.loc[last_year, "allies_reporting"]),
            "allies": len(matrix)}
