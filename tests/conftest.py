"""Shared fixtures: a small hand-made dataset with known answers, the built site, a local server, a browser."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from analysis.build.site import CHROMIUM_ARGS, chromium, serve

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SITE = ROOT / "_build" / "html"

#: The mini dataset. Known answers are worked out by hand in test_measures.py.
MINI = {
    "countries.csv": [
        ["iso3", "name", "region", "cow_code", "cow_abbrev", "source_ids"],
        ["GBR", "United Kingdom", "United Kingdom", "200", "UKG", "s1"],
        ["FRA", "France", "Western Europe", "220", "FRN", "s1"],
        ["DEU", "Germany", "Western Europe", "255", "GMY", "s1"],
        ["POL", "Poland", "Central Europe", "290", "POL", "s1"],
        ["EST", "Estonia", "Baltic", "366", "EST", "s1"],
    ],
    "organisations.csv": [
        ["org_id", "name", "short_name", "kind", "founded", "uk_status", "membership", "summary", "source_ids"],
        ["nato", "North Atlantic Treaty Organization", "NATO", "alliance", "1949-04-04", "founding member", "complete", "An alliance.", "s1"],
        ["jef", "Joint Expeditionary Force", "JEF", "minilateral", "2014", "founding member", "partial", "A force.", "s1"],
        ["b9", "Bucharest Nine", "B9", "forum", "2015", "non-member", "complete", "A forum.", "s1"],
        ["eu", "European Union", "EU", "union", "", "former member", "complete", "A union.", "s1"],
    ],
    "memberships.csv": [
        ["org_id", "iso3", "role", "since", "until", "source_ids"],
        ["nato", "GBR", "founding member", "1949", "", "s1"],
        ["nato", "FRA", "founding member", "1949", "", "s1"],
        ["nato", "DEU", "member", "1955", "", "s1"],
        ["nato", "POL", "member", "1999-03-12", "", "s1"],
        ["nato", "EST", "member", "2004-03", "", "s1"],
        ["jef", "GBR", "framework nation", "2014", "", "s1"],
        ["jef", "EST", "member", "2014", "", "s1"],
        ["b9", "POL", "founding member", "2015", "", "s1"],
        ["b9", "EST", "founding member", "2015", "", "s1"],
        ["eu", "GBR", "member", "1973-01-01", "2020-01-31", "s1"],
        ["eu", "FRA", "founding member", "1958", "", "s1"],
        ["eu", "DEU", "founding member", "1958", "", "s1"],
        ["eu", "POL", "member", "2004-05-01", "", "s1"],
        ["eu", "EST", "member", "2004-05-01", "", "s1;s2"],
    ],
    "agreements.csv": [
        ["agreement_id", "title", "instrument", "announced", "signed", "in_force", "ended", "status", "legally_binding",
         "domains", "summary", "confidence", "other_parties", "distinct_from", "source_ids"],
        ["a1", "Treaty A", "treaty", "", "2010-11-02", "", "", "in force", "yes", "defence;nuclear", "A treaty.", "high", "", "", "s1"],
        ["a2", "Declaration B", "joint declaration", "", "2017", "", "", "in force", "no", "defence", "A declaration.", "high", "", "", "s1"],
        ["a3", "Statement C", "joint statement", "", "2021-06", "", "", "issued", "unknown", "cyber", "A statement.", "medium", "USA", "", "s2"],
        ["a4", "Memorandum D", "memorandum of understanding", "2019-05", "", "", "", "announced", "unknown", "training", "Announced only.", "low", "", "", "s2"],
    ],
    "agreement_parties.csv": [
        ["agreement_id", "party"],
        ["a1", "GBR"], ["a1", "FRA"],
        ["a2", "GBR"], ["a2", "POL"],
        ["a3", "GBR"], ["a3", "FRA"], ["a3", "DEU"],
        ["a4", "GBR"], ["a4", "EST"],
    ],
    "activities.csv": [
        ["activity_id", "name", "kind", "host_iso3", "partners", "other_partners", "start", "end", "concluded", "uk_role", "summary", "source_ids"],
        ["x1", "Battlegroup", "deployment", "EST", "nato", "", "2017", "", "", "framework nation", "A deployment.", "s1"],
        ["x2", "Programme", "capability programme", "", "DEU", "", "2015", "", "", "partner nation", "A programme.", "s2"],
    ],
    "events.csv": [
        ["event_id", "date", "label", "short_label", "source_ids"],
        ["eu-referendum", "2016-06-23", "Referendum", "Referendum", "s1"],
    ],
    "defence_expenditure.csv": [
        ["iso3", "year", "pct_gdp", "estimate", "edition", "equipment_share_pct", "real_usd_million", "source_ids", "notes"],
        *[[iso, str(year), value, "yes" if year == 2016 else "no", "2025-08", "", "", "s1", ""]
          for iso, values in {"GBR": ["2.14", "2.03", "2.09"], "FRA": ["1.82", "1.78", "1.79"],
                              "POL": ["1.86", "2.21", "1.99"], "EST": ["1.90", "1.99", "2.03"],
                              "DEU": ["1.16", "1.16", "1.18"], "USA": ["3.71", "3.51", "3.49"],
                              "NATO_EUR_CAN": ["1.40", "1.40", "1.41"]}.items()
          for year, value in zip((2014, 2015, 2016), values)],
        # an older edition, revised by the newer one, with constant-price money for the two aggregates
        *[[iso, str(year), value, "no", "2024-06", "", money, "s1", ""]
          for iso, values in {"GBR": [("2.10", ""), ("2.00", "")], "FRA": [("1.82", ""), ("1.80", "")],
                              "POL": [("1.86", ""), ("2.20", "")], "EST": [("1.90", ""), ("2.00", "")],
                              "DEU": [("1.16", ""), ("1.16", "")], "USA": [("3.70", "650000"), ("3.50", "640000")],
                              "NATO_EUR_CAN": [("1.40", "250000"), ("1.40", "260000")]}.items()
          for year, (value, money) in zip((2014, 2015), values)],
    ],
    "axis_events.csv": [
        ["event_id", "date", "title", "actors", "kind", "summary", "confidence", "source_ids"],
        ["ax1", "2022-02-04", "Joint statement", "RUS;CHN", "joint statement", "A statement.", "high", "s1"],
        ["ax2", "2024-06-19", "Treaty", "RUS;PRK", "treaty", "A treaty.", "high", "s1"],
        ["ax3", "2024-10", "Troops", "PRK;RUS", "troop deployment", "Troops.", "medium", "s2"],
        ["ax4", "2025-01-17", "Partnership", "RUS;IRN;CHN", "treaty", "A treaty.", "high", "s2"],
    ],
    "axis_responses.csv": [
        ["response_id", "event_id", "date", "actor", "kind", "title", "summary", "source_ids"],
        ["r1", "ax3", "2024-11", "GBR", "sanctions", "Sanctions", "Sanctions.", "s1"],
        ["r2", "ax3", "2024-11-05", "nato", "statement", "Statement", "A statement.", "s1"],
    ],
    "pledges.csv": [
        ["iso3", "announced", "metric", "target_pct", "target_year", "summary", "source_ids"],
        ["GBR", "2024-04-23", "defence expenditure % GDP", "2.5", "2030", "A pledge.", "s1"],
        ["GBR", "2025-06", "core defence % GDP", "3.5", "2035", "A pledge.", "s1"],
        ["POL", "2023", "defence expenditure % GDP", "4", "2023", "A pledge.", "s2"],
        ["EST", "2025-03", "defence expenditure % GNI", "5", "2026", "Not a share of GDP.", "s2"],
    ],
    "commitments.csv": [
        ["commitment_id", "name", "agreed", "venue", "metric", "threshold_pct", "target_year", "applies_to", "summary", "source_ids"],
        ["wales-2pct", "Two per cent", "2014-09-05", "Wales", "defence expenditure % GDP", "2", "2024", "all allies", "A pledge.", "s1"],
    ],
    "us_forces_europe.csv": [
        ["point_id", "date", "personnel", "kind", "definition", "scope", "summary", "source_ids"],
        ["p1", "2022-03", "100000", "total", "total in Europe", "Europe", "A count.", "s1"],
    ],
    "sources.csv": [
        ["source_id", "title", "publisher", "kind", "url", "published", "accessed"],
        ["s1", "Source one", "Publisher", "primary", "https://example.org/one", "2020", "2026-11-21"],
        ["s2", "Source two", "Publisher", "secondary", "https://example.org/two", "2023-05-02", "2026-11-21"],
    ],
}


def write_mini(target: Path, changes: dict[str, list[list[str]]] | None = None) -> Path:
    """Write the mini dataset (with tables replaced by ``changes``) and the shipped schema to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "datapackage.json", target / "datapackage.json")
    for name, rows in {**MINI, **(changes or {})}.items():
        with open(target / name, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    return target


@pytest.fixture
def mini_dir(tmp_path) -> Path:
    return write_mini(tmp_path / "mini")


@pytest.fixture
def mini(mini_dir):
    from analysis import load
    return load(mini_dir)


@pytest.fixture(scope="session")
def shipped():
    from analysis import load
    return load(DATA)


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("the book is not built: run `make book` (or `make test`, which builds it first)")
    return SITE


@pytest.fixture(scope="session")
def server(site):
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    executable = chromium()
    if not Path(executable).exists():
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium (make test does it)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
