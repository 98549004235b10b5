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


# --- the second edition of the strand: money, revisions, pledges, the axis ------------------------------------

def editions(data: Dataset) -> list[str]:
    return sorted(set(data.defence_expenditure["edition"]))


def edition_revisions(data: Dataset, old: str | None = None, new: str | None = None) -> pd.DataFrame:
    """How NATO revised each ally's share of GDP between two editions, for the years both cover (new minus old)."""
    eds = editions(data)
    old, new = old or eds[0], new or eds[-1]
    a = spending_matrix(data, old).stack().rename("old")
    b = spending_matrix(data, new).stack().rename("new")
    frame = pd.concat([a, b], axis=1, join="inner").dropna().reset_index()
    frame.columns = ["iso3", "year", "old", "new"]
    frame["revision"] = (frame["new"] - frame["old"]).round(2)
    frame["old_edition"], frame["new_edition"] = old, new
    return frame.sort_values(["year", "iso3"]).reset_index(drop=True)


def money_europe_us(data: Dataset) -> pd.DataFrame:
    """NATO Europe and Canada against the United States in money: constant-price spending (US$ billion) from the
    newest edition that gives it, with Europe and Canada's share of the two."""
    frame = data.defence_expenditure[data.defence_expenditure["iso3"].isin(("NATO_EUR_CAN", "USA"))
                                     & data.defence_expenditure["real_usd_million"].notna()]
    if not len(frame):
        return pd.DataFrame(columns=["year", "europe_canada_usd_bn", "us_usd_bn", "europe_canada_share", "edition"])
    edition = max(frame["edition"])
    frame = frame[frame["edition"] == edition]
    wide = frame.pivot(index="year", columns="iso3", values="real_usd_million").astype(float)
    out = pd.DataFrame({"europe_canada_usd_bn": (wide["NATO_EUR_CAN"] / 1000).round(1),
                        "us_usd_bn": (wide["USA"] / 1000).round(1)})
    out["europe_canada_share"] = (out["europe_canada_usd_bn"] / (out["europe_canada_usd_bn"] + out["us_usd_bn"])).round(3)
    out["edition"] = edition
    return out.rename_axis("year").reset_index()


GDP_METRICS = ("defence expenditure % GDP", "core defence % GDP")


def latest_spending(data: Dataset) -> pd.DataFrame:
    """Each ally's latest share of GDP in the newest edition: the last year with a figure, and whether estimated."""
    frame = edition_table(data)
    frame = frame[~frame["iso3"].isin(AGGREGATES) & frame["pct_gdp"].notna()].sort_values("year")
    last = frame.groupby("iso3").tail(1).set_index("iso3")
    return last[["name", "year", "pct_gdp", "estimate"]]


def pledge_table(data: Dataset) -> pd.DataFrame:
    """Every pledge, oldest first per ally, beside the ally's latest NATO figure (share-of-GDP pledges only get a gap:
    the pledged share minus the latest figure, in percentage points)."""
    if "pledges" not in data.tables:
        return pd.DataFrame()
    latest = latest_spending(data)
    names = {**data.country_names(), "USA": "United States", "CAN": "Canada"}
    frame = data.pledges.copy()
    frame["order"] = [d.first_day() for d in frame["announced"]]
    frame = frame.sort_values(["iso3", "order"])
    frame["ally"] = frame["iso3"].map(lambda i: names.get(i, i))
    frame["latest_pct"] = frame["iso3"].map(latest["pct_gdp"]).astype("Float64")
    frame["latest_year"] = frame["iso3"].map(latest["year"]).astype("Int64")
    gdp = frame["metric"].isin(GDP_METRICS)
    frame["gap_pts"] = (frame["target_pct"] - frame["latest_pct"]).where(gdp).round(2)
    frame["announced"] = frame["announced"].map(str)
    return frame[["iso3", "ally", "announced", "metric", "target_pct", "target_year", "latest_pct", "latest_year",
                  "gap_pts"]].reset_index(drop=True)


def highest_pledges(data: Dataset) -> pd.DataFrame:
    """Per ally, the highest share of GDP it has pledged for defence (either definition), with its latest figure."""
    table = pledge_table(data)
    if not len(table):
        return table
    gdp = table[table["metric"].isin(GDP_METRICS)]
    top = gdp.sort_values(["iso3", "target_pct", "announced"]).groupby("iso3").tail(1)
    return top.sort_values("target_pct").reset_index(drop=True)


def uk_pledges(data: Dataset) -> pd.DataFrame:
    table = pledge_table(data)
    return table[table["iso3"] == "GBR"].reset_index(drop=True) if len(table) else table


def axis_by_year(data: Dataset) -> pd.DataFrame:
    """Recorded instances of cooperation among Russia, China, Iran and North Korea per year, by kind."""
    if "axis_events" not in data.tables:
        return pd.DataFrame()
    frame = data.axis_events.assign(year=[d.year for d in data.axis_events["date"]])
    table = frame.pivot_table(index="year", columns="kind", values="event_id", aggfunc="count", fill_value=0)
    years = range(int(table.index.min()), data.as_at.year + 1)
    return table.reindex(years, fill_value=0).astype(int)


def axis_pairs(data: Dataset) -> pd.DataFrame:
    """How often each pair of the four states appears together in a recorded instance of cooperation."""
    from itertools import combinations
    counts: dict[tuple[str, str], int] = {}
    for actors in data.axis_events["actors"]:
        for pair in combinations(sorted(set(actors)), 2):
            counts[pair] = counts.get(pair, 0) + 1
    names = {"RUS": "Russia", "CHN": "China", "IRN": "Iran", "PRK": "North Korea"}
    rows = [{"pair": f"{names[a]} and {names[b]}", "events": n} for (a, b), n in counts.items()]
    return pd.DataFrame(rows, columns=["pair", "events"]).sort_values(["events", "pair"], ascending=[False, True])


def axis_table(data: Dataset) -> pd.DataFrame:
    """The recorded instances with the responses each drew (who and when)."""
    resp = data.axis_responses if "axis_responses" in data.tables else pd.DataFrame(columns=["event_id", "actor", "date"])
    answered = resp.groupby("event_id").apply(lambda g: "; ".join(f"{a} ({d})" for a, d in zip(g["actor"], g["date"])),
                                              include_groups=False).to_dict() if len(resp) else {}
    frame = data.axis_events.copy()
    frame["order"] = [d.first_day() for d in frame["date"]]
    frame = frame.sort_values("order")
    return pd.DataFrame({"date": frame["date"].map(str), "title": frame["title"],
                         "actors": frame["actors"].map(lambda a: ", ".join(a)), "kind": frame["kind"],
                         "responses": frame["event_id"].map(lambda e: answered.get(e, "")),
                         "confidence": frame["confidence"]}).reset_index(drop=True)


def european_money_rank(data: Dataset, iso3: str) -> tuple[int, int] | None:
    """Where an ally stands among the European allies by defence spending in money (constant prices, the newest
    edition and year that give it): (rank, number of European allies with a figure)."""
    frame = data.defence_expenditure[data.defence_expenditure["real_usd_million"].notna()
                                     & data.defence_expenditure["iso3"].isin(set(data.countries["iso3"]))]
    if not len(frame):
        return None
    frame = frame[frame["edition"] == max(frame["edition"])]
    frame = frame[frame["year"] == frame["year"].max()].sort_values("real_usd_million", ascending=False)
    order = list(frame["iso3"])
    return (order.index(iso3) + 1, len(order)) if iso3 in order else None


def strand_facts(data: Dataset) -> dict:
    """The numbers the second edition of the chapter quotes."""
    out = {}
    if "axis_events" in data.tables and len(data.axis_events):
        ev = data.axis_events
        dates = sorted(d.first_day() for d in ev["date"])
        since = [d for d in dates if d.year >= 2022]
        pairs = axis_pairs(data)
        resp = data.axis_responses if "axis_responses" in data.tables else pd.DataFrame(columns=["actor"])
        out.update({"n_axis": len(ev), "axis_first": dates[0].year, "n_axis_since_2022": len(since),
                    "top_pair": pairs.iloc[0]["pair"], "top_pair_n": int(pairs.iloc[0]["events"]),
                    "n_responses": len(resp), "n_uk_responses": int((resp["actor"] == "GBR").sum())})
    pledges = pledge_table(data)
    if len(pledges):
        out.update({"n_pledging_allies": int(pledges["iso3"].nunique()), "n_pledges": len(pledges)})
        uk = pledges[(pledges["iso3"] == "GBR") & pledges["metric"].isin(GDP_METRICS)]
        if len(uk):
            top = uk.sort_values(["target_pct", "announced"]).iloc[-1]
            latest = latest_spending(data).loc["GBR"]
            out.update({"uk_latest_pct": f"{float(latest['pct_gdp']):.2f}", "uk_latest_year": int(latest["year"]),
                        "uk_latest_estimate": " (a NATO estimate)" if latest["estimate"] == "yes" else "",
                        "uk_top_pledge": f"{float(top['target_pct']):g}", "uk_top_metric": str(top["metric"]),
                        "uk_top_year": "" if pd.isna(top["target_year"]) else f" by {int(top['target_year'])}",
                        "uk_top_gap": f"{float(top['target_pct']) - float(latest['pct_gdp']):.2f}",
                        "n_uk_pledges": len(pledges[pledges["iso3"] == "GBR"]),
                        "uk_first_pledge_year": min(int(a[:4]) for a in pledges.loc[pledges["iso3"] == "GBR", "announced"])})
    if "axis_responses" in data.tables and len(data.axis_responses):
        uk = data.axis_responses[data.axis_responses["actor"] == "GBR"]
        out["n_uk_sanctions"] = int((uk["kind"] == "sanctions").sum())
    rank = european_money_rank(data, "GBR")
    if rank:
        out.update({"uk_money_rank": rank[0], "money_rank_of": rank[1]})
    money = money_europe_us(data)
    if len(money):
        last = money.iloc[-1]
        out.update({"money_year": int(last["year"]), "money_edition": str(last["edition"]),
                    "europe_bn": f"{last['europe_canada_usd_bn']:.0f}", "us_bn": f"{last['us_usd_bn']:.0f}",
                    "europe_share_pct": f"{last['europe_canada_share'] * 100:.0f}"})
    eds = editions(data)
    if len(eds) > 1:
        rev = edition_revisions(data)
        out.update({"old_edition": eds[0], "new_edition": eds[-1], "n_revised": int((rev["revision"].abs() >= 0.05).sum()),
                    "n_compared": len(rev)})
    return out
