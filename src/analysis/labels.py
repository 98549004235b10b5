"""Human labels for the dataset's columns and values: the one place every table in the book takes them from.

Column labels are the ``title`` of each field in ``data/datapackage.json``; booleans read as words.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd


def join_and(items) -> str:
    """Items as an English list: "A", "A and B", "A, B and C" ("none" for none)."""
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def column_label(field: dict) -> str:
    """The label of a datapackage field: its title, else its name made readable."""
    return field.get("title") or str(field["name"]).replace("_", " ").capitalize()


@lru_cache(maxsize=4)
def _titles(package_json: str) -> dict[str, str]:
    import json
    package = json.loads(package_json)
    out = {}
    for r in package.get("resources", []):
        for f in r["schema"]["fields"]:
            out.setdefault(f["name"], column_label(f))
    return out


#: Labels of the derived columns that tables of measures show (not columns of the data files).
DERIVED = {
    "index": "Depth index", "rank": "Rank", "name": "Name", "members": "Members recorded", "uk_member": "UK a member",
    "uk_status": "The UK's status", "short_name": "Abbreviation", "kind": "Kind", "state": "State", "role": "Role",
    "since": "Since", "date": "Date", "title": "Title", "partners": "Partners", "summary": "Summary",
    "instrument": "Instrument", "binding": "Legally binding", "organisation": "Organisation", "uk_role": "UK role",
    "groupings_without_uk": "Groupings without the UK", "groupings_with_uk": "Groupings with the UK",
    "eastern_flank": "Eastern flank", "iso3": "Code", "weight": "Weight", "item": "Item", "gap": "Gap score",
    "memberships": "Memberships", "instruments": "Instruments", "activities": "Activities", "capability": "Capability",
    "year": "Year", "pct_gdp": "% of GDP", "allies": "Allies", "at_2pct": "Allies at 2% or more",
    "grouping": "Grouping", "degree": "Degree", "betweenness": "Betweenness", "eigenvector": "Eigenvector centrality",
    "strength": "Strength (shared members)", "published": "Rank with the published weights", "ally": "Ally",
    "announced": "Announced", "target_pct": "Target, %", "target_year": "By", "latest_pct": "Latest NATO figure, %",
    "latest_year": "Year of that figure", "gap_pts": "Gap, points", "actors": "Actors", "responses": "Responses",
    "depth": "Depth index", "expected": "Expected depth", "nato": "NATO member", "eu": "EU member",
    "threshold (%)": "Threshold, %", "by": "By", "score": "Score (0–100)", "when": "Date",
}


def label(column: str, package: dict | None = None) -> str:
    """The label of a column by name: the datapackage's title where the column is a field, else :data:`DERIVED`."""
    if column in DERIVED:
        return DERIVED[column]
    if package is not None:
        import json
        found = _titles(json.dumps(package, sort_keys=True)).get(column)
        if found:
            return found
    return str(column).replace("_", " ").capitalize()


def yes_no(value) -> str:
    """True/False (or numpy/pandas booleans) as words; anything else as it is."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool,)) or type(value).__name__ in ("bool_", "bool"):
        return "yes" if value else "no"
    return str(value)


def humanise(frame: pd.DataFrame, package: dict | None = None) -> pd.DataFrame:
    """A copy with labelled columns and booleans as yes/no, ready to show."""
    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_bool_dtype(out[c]):
            out[c] = out[c].map(yes_no)
    out.columns = [label(str(c), package) for c in out.columns]
    out.index.name = label(str(out.index.name), package) if out.index.name else None
    return out
