"""Measures over the dataset: pure functions of a :class:`Dataset` and a date.

Every measure takes the whole dataset and an ``as_of`` date (anything
:func:`analysis.dates.to_date` accepts) and returns a DataFrame or a graph.
The weights of the relationship depth index live in :data:`WEIGHTS`, and
nowhere else; the methodology chapter prints them from here.
"""
from __future__ import annotations

import copy
import datetime as dt
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd

from .labels import join_and
from .load import Dataset, as_of

UK = "GBR"

#: The depth index weights. Each component is a sum of points; the index is
#: the weighted sum of components. See the methodology chapter.
WEIGHTS: dict[str, dict[str, float]] = {
    # How much each component counts in the index.
    "component": {"memberships": 1.0, "instruments": 1.0, "activities": 1.0, "capability": 1.0},
    # Points for each organisation both the UK and the partner belong to, by kind:
    # the stronger the commitment the format carries, the more it counts.
    "org_kind": {
        "alliance": 3.0, "union": 2.0, "command or force structure": 2.0, "minilateral": 1.5,
        "trilateral": 2.0, "coalition": 1.0, "capability programme": 1.0, "agency": 0.5,
        "forum": 0.5, "intergovernmental organisation": 0.5,
    },
    # Points for each instrument in force between the UK and the partner, by type.
    "instrument": {
        "treaty": 3.0, "agreement": 2.5, "framework agreement": 2.0, "strategic partnership": 2.0,
        "memorandum of understanding": 1.5, "arrangement": 1.5, "exchange of notes": 1.5,
        "joint declaration": 1.5, "roadmap": 1.0, "action plan": 1.0, "joint vision statement": 1.0,
        "joint statement": 1.0, "letter of intent": 1.0, "statement of intent": 1.0,
        "communique": 0.5, "other": 0.5,
    },
    # Multiplier for bindingness in international law.
    "binding": {"yes": 1.5, "unknown": 1.0, "no": 1.0},
    # Points for each UK activity hosted by or shared with the partner, by kind.
    "activity_kind": {
        "base": 2.0, "facility": 1.5, "deployment": 2.0, "air policing": 1.5, "training mission": 1.5,
        "operation": 1.0, "exercise": 0.5, "naval group": 0.5, "capability programme": 2.0,
    },
}

COMPONENTS = ("memberships", "instruments", "activities", "capability")

#: Events the timeline marks (dates are sourced in data/events.csv).
TIMELINE_EVENTS = ("eu-referendum", "uk-leaves-eu", "russia-invades-ukraine")


def partners(data: Dataset) -> list[str]:
    """Every state in scope except the UK, in the order of countries.csv."""
    return [c for c in data.countries["iso3"] if c != UK]


def _members(data: Dataset) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for org, iso in zip(data.memberships["org_id"], data.memberships["iso3"]):
        out.setdefault(org, set()).add(iso)
    return out


def _parties(data: Dataset) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for agreement, party in zip(data.agreement_parties["agreement_id"], data.agreement_parties["party"]):
        out.setdefault(agreement, set()).add(party)
    return out


def depth_components(data: Dataset, when, weights: dict | None = None) -> pd.DataFrame:
    """Points per partner state for each component of the depth index, as of ``when``.

    - memberships: for each organisation the UK and the partner both belong
      to, the weight of its kind;
    - instruments: for each UK instrument in force with the partner as a
      party, the weight of its type times its bindingness, shared equally
      among the partner states party to it (a bilateral treaty gives its
      partner the full weight; a ten-state declaration a tenth each);
    - activities and capability: for each UK activity the partner hosts or
      takes part in, the weight of its kind (capability programmes apart).
    """
    w = weights or WEIGHTS
    now = as_of(data, when)
    ids = partners(data)
    points = {c: dict.fromkeys(ids, 0.0) for c in COMPONENTS}
    kinds = dict(zip(now.organisations["org_id"], now.organisations["kind"]))
    for org, members in _members(now).items():
        if UK in members and org in kinds:
            for iso in members & set(ids):
                points["memberships"][iso] += w["org_kind"].get(kinds[org], 0.0)
    parties = _parties(now)
    for row in now.agreements.itertuples():
        states = [p for p in parties.get(row.agreement_id, ()) if p in points["instruments"]]
        if UK not in parties.get(row.agreement_id, ()) or not states:
            continue
        value = w["instrument"].get(row.instrument, 0.0) * w["binding"].get(row.legally_binding, 1.0)
        for iso in states:
            points["instruments"][iso] += value / len(states)
    for row in now.activities.itertuples():
        involved = ({row.host_iso3} if row.host_iso3 else set()) | set(row.partners)
        component = "capability" if row.kind == "capability programme" else "activities"
        for iso in involved & set(ids):
            points[component][iso] += w["activity_kind"].get(row.kind, 0.0)
    frame = pd.DataFrame(points).reindex(ids)
    frame.index.name = "iso3"
    return frame


def depth_index(data: Dataset, when, weights: dict | None = None) -> pd.DataFrame:
    """The relationship depth index per partner, with its components, rank and a 0–100 scale."""
    w = weights or WEIGHTS
    comp = depth_components(data, when, w)
    frame = comp.copy()
    frame["index"] = sum(comp[c] * w["component"][c] for c in COMPONENTS)
    top = frame["index"].max()
    frame["score"] = (frame["index"] / top * 100).round(1) if top > 0 else 0.0
    frame["rank"] = frame["index"].rank(ascending=False, method="min").astype(int)
    frame.insert(0, "name", [data.country_names()[i] for i in frame.index])
    return frame.sort_values(["index", "name"], ascending=[False, True])


def perturbed_weights(rng: np.random.Generator, spread: float = 0.5, base: dict | None = None) -> dict:
    """A copy of the weights with every number multiplied by a factor drawn from U(1-spread, 1+spread)."""
    w = copy.deepcopy(base or WEIGHTS)
    for group in w.values():
        for key in group:
            group[key] *= float(rng.uniform(1 - spread, 1 + spread))
    return w


def sensitivity(data: Dataset, when, draws: int = 200, spread: float = 0.5, seed: int = 2016) -> pd.DataFrame:
    """How partner ranks move when every weight is perturbed at random.

    Returns, per partner, the rank under the published weights and the median,
    5th and 95th percentile rank over ``draws`` perturbed weight sets, and how
    often the partner stays in the published top ten. The seed makes it repeatable.
    """
    base = depth_index(data, when)
    rng = np.random.default_rng(seed)
    ranks = pd.DataFrame({i: depth_index(data, when, perturbed_weights(rng, spread))["rank"]
                          for i in range(draws)})
    top = set(base.index[base["rank"] <= 10])
    out = pd.DataFrame({
        "name": base["name"],
        "rank": base["rank"],
        "rank_median": ranks.median(axis=1),
        "rank_p05": ranks.quantile(0.05, axis=1),
        "rank_p95": ranks.quantile(0.95, axis=1),
        "share_in_top10": (ranks <= 10).mean(axis=1).where(base.index.isin(top), np.nan),
    })
    return out.loc[base.index]


def one_at_a_time(data: Dataset, when, factor: float = 2.0) -> pd.DataFrame:
    """Rank of each partner when one component weight is multiplied by ``factor`` (others as published)."""
    out = {"published": depth_index(data, when)["rank"]}
    for comp in COMPONENTS:
        w = copy.deepcopy(WEIGHTS)
        w["component"][comp] *= factor
        out[f"{comp} x{factor:g}"] = depth_index(data, when, w)["rank"]
    return pd.DataFrame(out)


def overlap_matrix(data: Dataset, when) -> pd.DataFrame:
    """States (rows, UK first) × organisations (columns): 1 where the state is a member on ``when``."""
    now = as_of(data, when)
    states = list(data.countries["iso3"])
    orgs = list(now.organisations["org_id"])
    matrix = pd.DataFrame(0, index=states, columns=orgs)
    for org, iso in zip(now.memberships["org_id"], now.memberships["iso3"]):
        if org in matrix.columns:
            matrix.loc[iso, org] = 1
    matrix = matrix.loc[:, matrix.sum() > 0]
    order = matrix.sum().sort_values(ascending=False, kind="stable").index
    return matrix[order]


def grouping_network(data: Dataset, when) -> nx.Graph:
    """Organisations as nodes, joined where they share member states (edge weight = shared states)."""
    matrix = overlap_matrix(data, when)
    graph = nx.Graph()
    kinds = dict(zip(data.organisations["org_id"], data.organisations["kind"]))
    uk = matrix.loc[UK] if UK in matrix.index else pd.Series(0, index=matrix.columns)
    for org in matrix.columns:
        graph.add_node(org, members=int(matrix[org].sum()), uk_member=bool(uk[org]), kind=kinds.get(org, ""))
    cols = list(matrix.columns)
    values = matrix.to_numpy()
    shared = values.T @ values
    for i, a in enumerate(cols):
        for j in range(i + 1, len(cols)):
            if shared[i, j] > 0:
                graph.add_edge(a, cols[j], weight=int(shared[i, j]))
    return graph


def centrality(graph: nx.Graph) -> pd.DataFrame:
    """Degree, weighted degree, betweenness and eigenvector centrality of each grouping."""
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=["degree", "strength", "betweenness", "eigenvector"])
    eig = nx.eigenvector_centrality(graph, weight="weight", max_iter=5000, tol=1e-10) if graph.number_of_edges() else \
        dict.fromkeys(graph, 0.0)
    frame = pd.DataFrame({
        "degree": dict(graph.degree()),
        "strength": dict(graph.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(graph),
        "eigenvector": {k: abs(v) for k, v in eig.items()},
        "members": nx.get_node_attributes(graph, "members"),
        "uk_member": nx.get_node_attributes(graph, "uk_member"),
    })
    frame.index.name = "org_id"
    return frame.sort_values(["eigenvector", "strength"], ascending=False).round(4)


def uk_in_out(data: Dataset, when) -> pd.DataFrame:
    """Each organisation with its member count in scope and whether the UK is in it on ``when``."""
    now = as_of(data, when)
    members = _members(now)
    orgs = now.organisations.set_index("org_id")
    frame = pd.DataFrame({
        "short_name": orgs["short_name"],
        "kind": orgs["kind"],
        "members": [len(members.get(o, ())) for o in orgs.index],
        "uk_member": [UK in members.get(o, ()) for o in orgs.index],
        "uk_status": orgs["uk_status"],
    })
    return frame.sort_values(["uk_member", "members"], ascending=[False, False])


def listed_date(row):
    """The date an agreement is listed under: signed, else in force, else announced (None for an undated one)."""
    return row.signed or row.in_force or row.announced


def known_only_as_announced(row) -> bool:
    """True for an agreement whose one recorded date is its announcement."""
    return not (row.signed or row.in_force) and bool(row.announced)


def instrument_date(row) -> str:
    """How an agreement's date reads in a list: its signing date (or entry into force where no signing is
    recorded), "announced <date>" for one known only from its announcement, else "undated"."""
    day = listed_date(row)
    if day is None:
        return "undated"
    return f"announced {day}" if known_only_as_announced(row) else str(day)


def activity_end(row) -> str:
    """How an activity's end reads: its date, "over, end not recorded" for one marked concluded, else "ongoing"."""
    if row.end:
        return str(row.end)
    return "over, end not recorded" if row.concluded == "yes" else "ongoing"


def instrument_days(agreements: pd.DataFrame) -> list[dt.date | None]:
    """The day each instrument counts from in timelines: the first day of its signing date, or of its entry into
    force where no signing date is known (None for an undated instrument)."""
    return [(s or f).first_day() if (s or f) else None for s, f in zip(agreements["signed"], agreements["in_force"])]


def signed_year(data: Dataset) -> pd.Series:
    """Year each agreement was signed (or entered into force where no signing date is known)."""
    return pd.Series([d.year if d else None for d in instrument_days(data.agreements)],
                     index=data.agreements.index, dtype="Int64")


def instruments_by_year(data: Dataset, start: int = 2010, end: int | None = None,
                        by: str = "instrument") -> pd.DataFrame:
    """Count of UK instruments by year signed (rows) and ``by`` (instrument type, or 'domain')."""
    end = end or data.as_at.year
    frame = data.agreements.assign(year=signed_year(data))
    frame = frame[frame["year"].between(start, end)]
    if by == "domain":
        frame = frame.explode("domains").rename(columns={"domains": "domain"})
        by = "domain"
    table = pd.crosstab(frame["year"], frame[by]).reindex(range(start, end + 1), fill_value=0)
    table.index.name = "year"
    return table


PERIODS = (("Before the referendum", None, dt.date(2016, 6, 23)),
           ("Referendum to exit", dt.date(2016, 6, 23), dt.date(2020, 1, 31)),
           ("Exit to invasion", dt.date(2020, 1, 31), dt.date(2022, 2, 24)),
           ("Since the invasion", dt.date(2022, 2, 24), None))


def period_of(day: dt.date | None) -> str | None:
    """Which of the book's four periods a date falls in (boundaries belong to the later period)."""
    if day is None:
        return None
    for label, start, end in PERIODS:
        if (start is None or day >= start) and (end is None or day < end):
            return label
    return None


def domains_by_period(data: Dataset, since: int = 2010) -> pd.DataFrame:
    """Instruments signed in each period (columns) by domain (rows); instruments before ``since`` left out."""
    frame = data.agreements.copy()
    frame["day"] = instrument_days(frame)
    frame = frame[frame["day"].map(lambda d: d is not None and d.year >= since).astype(bool)]
    frame["period"] = frame["day"].map(period_of)
    frame = frame.explode("domains")
    table = pd.crosstab(frame["domains"], frame["period"])
    table = table.reindex(columns=[p[0] for p in PERIODS], fill_value=0)
    table.index.name = "domain"
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def uk_formats_over_time(data: Dataset, years: range | None = None) -> pd.DataFrame:
    """Number of organisations the UK belongs to at the end of each year, by kind."""
    years = years or range(1990, data.as_at.year + 1)
    rows = {}
    for year in years:
        day = min(dt.date(year, 12, 31), data.as_at.last_day())
        now = as_of(data, day)
        uk_orgs = set(now.memberships.loc[now.memberships["iso3"] == UK, "org_id"])
        kinds = now.organisations.set_index("org_id")["kind"]
        rows[year] = Counter(kinds[o] for o in uk_orgs if o in kinds.index)
    table = pd.DataFrame(rows).T.fillna(0).astype(int)
    order = [k for k in WEIGHTS["org_kind"] if k in table.columns]  # a fixed order, not set order
    table = table[order]
    table.index.name = "year"
    return table


def gap_analysis(data: Dataset, when) -> pd.DataFrame:
    """Partners whose depth with the UK is low for their weight in European security.

    Weight in European security is a transparent count: NATO member (1), EU
    member (1), on NATO's eastern flank (a Bucharest Nine member, 1), plus one
    for each other grouping the partner belongs to that the UK is outside of.
    The expected depth is a least-squares line of depth on weight; the gap is
    the depth minus that expectation (negative: less than expected).
    """
    now = as_of(data, when)
    members = _members(now)
    depth = depth_index(data, when)
    out_groups = [o for o, m in members.items() if UK not in m]
    frame = pd.DataFrame(index=depth.index)
    frame["name"] = depth["name"]
    frame["depth"] = depth["index"]
    frame["nato"] = [int(i in members.get("nato", ())) for i in frame.index]
    frame["eu"] = [int(i in members.get("eu", ())) for i in frame.index]
    frame["eastern_flank"] = [int(i in members.get("b9", ())) for i in frame.index]
    frame["groupings_without_uk"] = [sum(i in members[o] for o in out_groups if o not in ("eu", "b9"))
                                     for i in frame.index]
    frame["weight"] = frame[["nato", "eu", "eastern_flank", "groupings_without_uk"]].sum(axis=1)
    if frame["weight"].nunique() > 1:
        slope, intercept = np.polyfit(frame["weight"], frame["depth"], 1)
    else:
        slope, intercept = 0.0, frame["depth"].mean()
    frame["expected"] = (intercept + slope * frame["weight"]).round(2)
    frame["gap"] = (frame["depth"] - frame["expected"]).round(2)
    return frame.sort_values("gap")


def partner_timeline(data: Dataset, iso3: str) -> pd.DataFrame:
    """Dated events in one partner's relationship with the UK: instruments, memberships shared, activities."""
    parties = _parties(data)
    rows = []
    for row in data.agreements.itertuples():
        if iso3 in parties.get(row.agreement_id, ()):
            rows.append({"date": listed_date(row), "kind": "instrument",
                         "label": f"{row.title} (announced)" if known_only_as_announced(row) else row.title})
    uk_orgs = set(data.memberships.loc[data.memberships["iso3"] == UK, "org_id"])
    names = data.org_names()
    for row in data.memberships.itertuples():
        if row.iso3 == iso3 and row.org_id in uk_orgs:
            rows.append({"date": row.since, "kind": "membership", "label": f"joins {names.get(row.org_id, row.org_id)}"})
    for row in data.activities.itertuples():
        if row.host_iso3 == iso3 or iso3 in row.partners:
            rows.append({"date": row.start, "kind": "activity", "label": row.name})
    frame = pd.DataFrame(rows, columns=["date", "kind", "label"])
    frame = frame[frame["date"].notna()]
    return frame.sort_values("date", key=lambda s: s.map(lambda d: d._key())).reset_index(drop=True)


def headline_facts(data: Dataset) -> dict:
    """The numbers the chapters quote, computed from the data (so a new release rewrites the prose's figures)."""
    now = as_of(data, data.as_at)
    parties = data.agreement_parties
    states = set(parties["party"]) & set(partners(data))
    orgs = uk_in_out(data, data.as_at)
    periods = pd.Series([period_of(d) for d in instrument_days(data.agreements)])
    depth = depth_index(data, data.as_at)
    return {
        "version": data.version,
        "as_at": data.as_at.last_day().strftime("%-d %B %Y"),
        "n_agreements": len(data.agreements),
        "n_agreements_current": len(now.agreements),
        "n_partner_states": len(states),
        "n_states": len(data.countries),
        "n_orgs": len(data.organisations),
        "n_orgs_uk_in": int(orgs["uk_member"].sum()),
        "n_orgs_uk_out": int((~orgs["uk_member"]).sum()),
        "n_memberships": len(data.memberships),
        "n_activities": len(data.activities),
        "n_activities_now": len(now.activities),
        "n_sources": len(data.sources),
        "n_before_referendum": int((periods == PERIODS[0][0]).sum()),
        "n_referendum_to_exit": int((periods == PERIODS[1][0]).sum()),
        "n_exit_to_invasion": int((periods == PERIODS[2][0]).sum()),
        "n_since_invasion": int((periods == PERIODS[3][0]).sum()),
        "n_binding": int((data.agreements["legally_binding"] == "yes").sum()),
        "top_partners": ", ".join(depth["name"].head(5)),
        "n_no_agreement": len(set(partners(data)) - states),
        "no_agreement": ", ".join(sorted(data.country_names()[i] for i in set(partners(data)) - states)),
    }


def instruments_between(data: Dataset, start: str | None, end: str | None, domain: str | None = None) -> pd.DataFrame:
    """UK instruments signed in [start, end), with their partners; optionally only those touching ``domain``."""
    lo = dt.date.fromisoformat(start) if start else dt.date.min
    hi = dt.date.fromisoformat(end) if end else dt.date.max
    names = {**data.country_names(), **data.org_names()}
    parties = _parties(data)
    rows = []
    for (_, row), day in zip(data.agreements.iterrows(), instrument_days(data.agreements)):
        if day is None or not lo <= day < hi or (domain and domain not in row["domains"]):
            continue
        partners_ = sorted(names.get(p, p) for p in parties.get(row["agreement_id"], ()) if p != UK)
        rows.append({"date": str(row["signed"] or row["in_force"]), "title": row["title"],
                     "partners": ", ".join(partners_), "instrument": row["instrument"],
                     "binding": row["legally_binding"]})
    return pd.DataFrame(rows, columns=["date", "title", "partners", "instrument", "binding"]).sort_values("date")


def uk_joined(data: Dataset, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Formats the UK joined in [start, end), with the date and role."""
    lo = dt.date.fromisoformat(start) if start else dt.date.min
    hi = dt.date.fromisoformat(end) if end else dt.date.max
    rows = data.memberships[(data.memberships["iso3"] == UK)]
    names = dict(zip(data.organisations["org_id"], data.organisations["name"]))
    kinds = dict(zip(data.organisations["org_id"], data.organisations["kind"]))
    keep = [r for r in rows.itertuples() if r.since is not None and lo <= r.since.first_day() < hi]
    return pd.DataFrame([{"since": str(r.since), "organisation": names.get(r.org_id, r.org_id),
                          "kind": kinds.get(r.org_id, ""), "uk_role": r.role} for r in keep],
                        columns=["since", "organisation", "kind", "uk_role"]).sort_values("since")


def members_of(data: Dataset, org: str, when) -> pd.DataFrame:
    """Members of one organisation on ``when`` with their start dates."""
    now = as_of(data, when)
    rows = now.memberships[now.memberships["org_id"] == org]
    names = data.country_names()
    return pd.DataFrame({"state": [names[i] for i in rows["iso3"]], "role": list(rows["role"]),
                         "since": [str(s) if s else "not known" for s in rows["since"]]}).sort_values("since")


def agreement_records(data: Dataset, ids: list[str]) -> pd.DataFrame:
    """Selected agreements, in the order given, with date, partners and summary (unknown ids are skipped)."""
    names = {**data.country_names(), **data.org_names()}
    parties = _parties(data)
    table = data.agreements.set_index("agreement_id")
    rows = [{"date": instrument_date(table.loc[i]), "title": table.loc[i, "title"],
             "partners": ", ".join(sorted(names.get(p, p) for p in parties.get(i, ()) if p != UK)),
             "summary": table.loc[i, "summary"]} for i in ids if i in table.index]
    return pd.DataFrame(rows, columns=["date", "title", "partners", "summary"])


def members_by_year(data: Dataset, org: str, start: int | None = None, end: int | None = None) -> pd.Series:
    """Number of states in scope recorded as members of ``org`` at the end of each year (the as-at date for the
    last year); a record with no start date counts from the date a source attests it, as in :func:`as_of`."""
    first = [r.since.year for r in data.memberships.itertuples() if r.org_id == org and r.since is not None]
    start = start or (min(first) if first else data.as_at.year)
    end = end or data.as_at.year
    counts = {}
    for year in range(start, end + 1):
        day = dt.date(year, 12, 31) if year < data.as_at.year else data.as_at.last_day()
        now = as_of(data, day)
        counts[year] = int(now.memberships.loc[now.memberships["org_id"] == org, "iso3"].nunique())
    return pd.Series(counts, dtype=int)


def membership_recorded(data: Dataset, org: str) -> str:
    """'complete' or 'partial': how fully the dataset records an organisation's membership."""
    orgs = data.organisations
    if "membership" not in orgs:
        return "complete"
    value = orgs.loc[orgs["org_id"] == org, "membership"]
    return str(value.iloc[0]) if len(value) and value.iloc[0] else "complete"


def membership_note(data: Dataset, org: str, when=None) -> str:
    """How to read an organisation's member count: a fact where the membership is complete, a floor where not."""
    now = as_of(data, when or data.as_at)
    n = now.memberships.loc[now.memberships["org_id"] == org, "iso3"].nunique()
    if membership_recorded(data, org) == "partial":
        return (f"Members recorded: {n} of the states in scope. This organisation's membership is only partly "
                "recorded in this release, so the list is a floor, not the full membership.")
    return f"{n} of the states in scope are members at {data.as_at}."


def headline_findings(data: Dataset) -> list[str]:
    """Three findings for the front page, each a sentence computed from the data."""
    facts = headline_facts(data)
    depth = depth_index(data, data.as_at)
    orgs = uk_in_out(data, data.as_at)
    outside = orgs[~orgs["uk_member"]].sort_values("members", ascending=False)
    top = list(depth["name"].head(3))
    return [
        f"Since Russia's full-scale invasion of Ukraine the UK has signed or issued {facts['n_since_invasion']} defence and "
        f"security instruments with European partners, against {facts['n_exit_to_invasion']} in the two years between "
        "leaving the European Union and the invasion.",
        f"Its deepest relationships today, by the book's depth index, are with {join_and(top)}; "
        f"{facts['n_no_agreement']} states in scope have no sourced UK agreement at all.",
        f"The UK belongs to {facts['n_orgs_uk_in']} of the {facts['n_orgs']} organisations and formats recorded and is "
        f"outside {facts['n_orgs_uk_out']}, the largest of them {join_and(outside['short_name'].head(3))}.",
    ]
