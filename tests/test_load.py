import datetime as dt

from analysis import PartialDate, as_of


def test_tables_are_typed_and_keep_precision(mini):
    agreements = mini.agreements.set_index("agreement_id")
    assert agreements.loc["a2", "signed"] == PartialDate(2017)
    assert agreements.loc["a2", "signed"].precision == "year"
    assert str(agreements.loc["a3", "signed"]) == "2021-06"
    assert agreements.loc["a1", "domains"] == ("defence", "nuclear")
    assert agreements.loc["a4", "signed"] is None
    assert mini.countries["cow_code"].dtype == "Int64"
    assert mini.version and str(mini.as_at) == "2026-11-30"


def test_as_of_memberships_respect_until(mini):
    def uk_in_eu(day):
        now = as_of(mini, day)
        rows = now.memberships[(now.memberships["org_id"] == "eu") & (now.memberships["iso3"] == "GBR")]
        return len(rows) == 1
    assert uk_in_eu("2020-01-31")
    assert not uk_in_eu("2020-02-01")
    assert uk_in_eu(dt.date(1973, 1, 1))
    assert not uk_in_eu("1972-12-31")


def test_as_of_partial_dates_count_from_the_start_of_their_period(mini):
    ids = lambda day: set(as_of(mini, day).agreements["agreement_id"])  # noqa: E731
    assert ids("2016-12-31") == {"a1"}
    assert ids("2017-01-01") == {"a1", "a2"}
    assert ids("2021-05-31") == {"a1", "a2"}
    assert ids("2021-06-01") == {"a1", "a2", "a3"}


def test_announced_agreements_never_count(mini):
    assert "a4" not in set(as_of(mini, mini.as_at).agreements["agreement_id"])
    assert set(as_of(mini, mini.as_at).agreement_parties["agreement_id"]) == {"a1", "a2", "a3"}


def test_an_announced_agreement_is_listed_from_its_announcement_but_never_counted(mini):
    from analysis.load import spans
    row = list(mini.agreements["agreement_id"]).index("a4")
    assert spans(mini, "agreements")[row] == (None, None)
    assert spans(mini, "agreements", announced=True)[row] == (dt.date(2019, 5, 1), None)
    assert spans(mini, "agreements", announced=True)[0] == spans(mini, "agreements")[0]  # others as before
    mini.agreements.loc[row, "announced"] = None
    assert spans(mini, "agreements", announced=True)[row] == (None, None)  # undated: never listed


def test_an_activity_over_with_no_recorded_end_counts_in_the_month_it_began(mini):
    from analysis.load import spans
    ids = lambda day: set(as_of(mini, day).activities["activity_id"])  # noqa: E731
    assert "x1" in ids("2026-11-30")  # no end recorded, not marked over: continuing
    mini.activities.loc[0, "start"] = PartialDate(2019, 7, 8)
    mini.activities.loc[0, "concluded"] = "yes"
    assert "x1" not in ids("2019-07-07") and "x1" in ids("2019-07-31")
    assert "x1" not in ids("2019-08-01") and "x1" not in ids("2026-11-30")
    assert spans(mini, "activities")[0] == (dt.date(2019, 7, 8), dt.date(2019, 7, 31))
    mini.activities.loc[0, "start"] = PartialDate(2022)  # only the year known: counts through that year
    assert "x1" in ids("2022-12-31") and "x1" not in ids("2023-01-01")


def test_record_without_start_counts_from_its_earliest_source(tmp_path):
    from analysis import load
    from conftest import MINI, write_mini
    rows = [r[:] for r in MINI["memberships.csv"]]
    rows[-1][3] = ""  # EST in the EU: no start date; sources s1 (2020) and s2 (2023-05-02)
    data = load(write_mini(tmp_path / "d", {"memberships.csv": rows}))
    in_eu = lambda day: "EST" in set(as_of(data, day).memberships.query("org_id == 'eu'")["iso3"])  # noqa: E731
    assert not in_eu("2019-12-31")
    assert in_eu("2020-01-01")


def test_as_of_activities_and_organisations(mini):
    then = as_of(mini, "2014-06-01")
    assert set(then.activities["activity_id"]) == set()
    assert "b9" not in set(then.organisations["org_id"])
    now = as_of(mini, mini.as_at)
    assert set(now.activities["activity_id"]) == {"x1", "x2"}


def test_shipped_dataset_meets_the_sizes_the_issue_names(shipped):
    partners = set(shipped.agreement_parties["party"]) & set(shipped.countries["iso3"]) - {"GBR"}
    assert len(shipped.agreements) >= 150
    assert len(partners) >= 44
    assert len(shipped.organisations) >= 25
    assert len(shipped.activities) >= 40
    assert len(shipped.countries) == 50
    assert {"nato", "osce", "coe", "jef", "ei2", "northern-group", "cjef", "e3", "e5", "epc", "udcg",
            "coalition-of-the-willing", "pesco-military-mobility", "essi", "mnc-ne", "occar", "loi-fa",
            "eu", "b9", "nordefco", "nb8", "weimar"} <= set(shipped.organisations["org_id"])
    assert (shipped.organisations["uk_status"] == "non-member").sum() >= 5


def test_shipped_dataset_key_facts(shipped):
    """A few facts pinned so that an accidental edit is caught (each is sourced in the data)."""
    m = shipped.memberships
    row = lambda org, iso: m[(m["org_id"] == org) & (m["iso3"] == iso)].iloc[0]  # noqa: E731
    assert str(row("eu", "GBR")["until"]) == "2020-01-31"
    assert str(row("nato", "FIN")["since"]) == "2023-04-04"
    assert str(row("nato", "SWE")["since"]) == "2024-03-07"
    a = shipped.agreements.set_index("agreement_id")
    assert str(a.loc["gbr-fra-2010-lancaster-house-defence-treaty", "signed"]) == "2010-11-02"
    assert a.loc["gbr-prt-1373-anglo-portuguese-treaty", "status"] == "in force"
    years = {d.year for d in a["signed"] if d is not None}
    assert min(years) == 1373 and max(years) == 2026


def test_every_record_cites_a_resolvable_http_source(shipped):
    urls = dict(zip(shipped.sources["source_id"], shipped.sources["url"]))
    for table in ("memberships", "agreements", "activities", "events"):
        for ids in shipped.tables[table]["source_ids"]:
            assert ids and all(urls[i].startswith(("http://", "https://")) for i in ids)


def test_record_without_start_or_dated_source_counts_from_when_it_was_read(tmp_path):
    from analysis import load
    from conftest import MINI, write_mini
    rows = [r[:] for r in MINI["memberships.csv"]]
    rows[7] = ["jef", "EST", "member", "", "", "s3"]  # no start; its source has no publication date
    sources = MINI["sources.csv"] + [["s3", "Source three", "Publisher", "secondary", "https://example.org/three", "", "2026-11-21"]]
    data = load(write_mini(tmp_path / "d", {"memberships.csv": rows, "sources.csv": sources}))
    in_jef = lambda day: "EST" in set(as_of(data, day).memberships.query("org_id == 'jef'")["iso3"])  # noqa: E731
    assert not in_jef("2026-11-20")
    assert in_jef("2026-11-21")


def test_profile_slugs_are_unique_ascii_and_sort_by_name(shipped):
    from analysis.load import slugify
    assert slugify("Türkiye") == "turkiye" and slugify("Bosnia and Herzegovina") == "bosnia-and-herzegovina"
    slugs = [shipped.profile_slug(i) for i in shipped.countries["iso3"]]
    assert len(set(slugs)) == len(slugs) and all(s.isascii() for s in slugs)
    assert shipped.profile_url("GBR") == "generated/profiles/united-kingdom.html"
