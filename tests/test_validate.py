"""Each validation rule has a bad-input fixture that must fail with file, line, column and rule."""
import copy
import subprocess
import sys

import pytest

from analysis import DataValidationError, load, validate
from conftest import DATA, MINI, ROOT, write_mini


def mutate(table: str, row: int, column: str, value: str) -> dict:
    rows = copy.deepcopy(MINI[table])
    rows[row][rows[0].index(column)] = value
    return {table: rows}


def problems_for(tmp_path, changes):
    return validate(write_mini(tmp_path / "bad", changes))


def test_shipped_data_is_valid():
    assert validate(DATA) == []


def test_mini_data_is_valid(mini_dir):
    assert validate(mini_dir) == []


CASES = [
    # (description, changes, file, line, column, rule)
    ("unknown country", mutate("memberships.csv", 3, "iso3", "XYZ"), "memberships.csv", 4, "iso3", "unknown-reference"),
    ("unknown organisation", mutate("memberships.csv", 1, "org_id", "nope"), "memberships.csv", 2, "org_id", "unknown-reference"),
    ("malformed date", mutate("agreements.csv", 1, "signed", "02/11/2010"), "agreements.csv", 2, "signed", "date"),
    ("impossible date", mutate("agreements.csv", 2, "signed", "2017-02-30"), "agreements.csv", 3, "signed", "date"),
    ("until before since", mutate("memberships.csv", 10, "until", "1972"), "memberships.csv", 11, "until", "date-order"),
    ("date after the as-at date", mutate("activities.csv", 1, "start", "2099"), "activities.csv", 2, "start", "future-date"),
    ("duplicate id", mutate("agreements.csv", 2, "agreement_id", "a1"), "agreements.csv", 3, "agreement_id", "duplicate-id"),
    ("missing source", mutate("agreements.csv", 3, "source_ids", ""), "agreements.csv", 4, "source_ids", "required"),
    ("unresolvable source", mutate("activities.csv", 2, "source_ids", "s1;s9"), "activities.csv", 3, "source_ids", "unknown-source"),
    ("unknown party", mutate("agreement_parties.csv", 2, "party", "ZZZ"), "agreement_parties.csv", 3, "party", "unknown-party"),
    ("enum violation", mutate("agreements.csv", 1, "instrument", "handshake"), "agreements.csv", 2, "instrument", "enum"),
    ("vocabulary violation", mutate("agreements.csv", 1, "domains", "defence;gardening"), "agreements.csv", 2, "domains", "enum"),
    ("control character", mutate("agreements.csv", 2, "summary", "A claim\x1b[31m."), "agreements.csv", 3, "summary", "control-character"),
    ("bidi override", mutate("activities.csv", 1, "name", "Battle\u202egroup"), "activities.csv", 2, "name", "control-character"),
    ("javascript url", mutate("sources.csv", 1, "url", "javascript:alert(1)"), "sources.csv", 2, "url", "pattern"),
    ("underscore in a number", mutate("countries.csv", 2, "cow_code", "1_5"), "countries.csv", 3, "cow_code", "type"),
    ("Arabic-Indic digits", mutate("countries.csv", 2, "cow_code", "\u0662\u0662\u0660"), "countries.csv", 3, "cow_code", "type"),
    ("Arabic-Indic digits in a date", mutate("agreements.csv", 1, "signed", "\u0662\u0660\u0661\u0660"), "agreements.csv", 2, "signed", "date"),
    ("number with two dots", mutate("defence_expenditure.csv", 2, "pct_gdp", "1.2.3"), "defence_expenditure.csv", 3, "pct_gdp", "type"),
    ("non-http url", mutate("sources.csv", 1, "url", "ftp://example.org/x"), "sources.csv", 2, "url", "pattern"),
    ("agreement without UK party", {"agreement_parties.csv": [r for r in MINI["agreement_parties.csv"] if r != ["a2", "GBR"]]},
     "agreements.csv", 3, "agreement_id", "parties"),
    ("end date with current status", mutate("agreements.csv", 1, "ended", "2015"), "agreements.csv", 2, "status", "status"),
    ("spaces around a value", mutate("countries.csv", 2, "name", " France"), "countries.csv", 3, "name", "whitespace"),
    ("integer type", mutate("countries.csv", 2, "cow_code", "two"), "countries.csv", 3, "cow_code", "type"),
    ("unknown activity partner", mutate("activities.csv", 1, "partners", "nato;atlantis"), "activities.csv", 2, "partners", "unknown-party"),
    ("announced after it was signed", mutate("agreements.csv", 1, "announced", "2011"), "agreements.csv", 2, "signed", "date-order"),
    ("an exercise with no end, not marked over",
     {"activities.csv": MINI["activities.csv"] + [["x3", "Exercise", "exercise", "POL", "", "", "2019-07", "", "", "participant", "An exercise.", "s1"]]},
     "activities.csv", 4, "end", "exercise-end"),
    ("concluded and ended", {"activities.csv": [r if r[0] != "x2" else r[:7] + ["2016", "yes"] + r[9:] for r in MINI["activities.csv"]]},
     "activities.csv", 3, "concluded", "concluded-with-end"),
    ("concluded is yes or blank", mutate("activities.csv", 1, "concluded", "no"), "activities.csv", 2, "concluded", "enum"),
]


@pytest.mark.parametrize("description,changes,file,line,column,rule", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_file_line_and_column(tmp_path, description, changes, file, line, column, rule):
    problems = problems_for(tmp_path, changes)
    matching = [p for p in problems if p.file.endswith(file) and p.line == line and p.column == column and p.rule == rule]
    assert matching, f"{description}: expected {file}:{line} {column} [{rule}], got {[str(p) for p in problems]}"
    message = str(matching[0])
    assert file in message and f":{line}:" in message and column in message


def test_missing_column_is_named(tmp_path):
    rows = [r[:-1] for r in MINI["sources.csv"]]  # drop 'accessed'
    problems = problems_for(tmp_path, {"sources.csv": rows})
    assert any(p.rule == "missing-column" and p.column == "accessed" and p.line == 1 for p in problems)


def test_row_with_wrong_cell_count(tmp_path):
    rows = copy.deepcopy(MINI["countries.csv"])
    rows[3] = rows[3][:-1]
    problems = problems_for(tmp_path, {"countries.csv": rows})
    assert any(p.rule == "row-length" and p.line == 4 for p in problems)


def test_every_problem_is_reported_in_one_run(tmp_path):
    changes = {**mutate("agreements.csv", 1, "signed", "2010-13-01"), **mutate("memberships.csv", 2, "iso3", "QQQ")}
    problems = problems_for(tmp_path, changes)
    rules = {p.rule for p in problems}
    assert {"date", "unknown-reference"} <= rules


def test_loader_refuses_bad_data_with_all_problems(tmp_path):
    bad = write_mini(tmp_path / "bad", {**mutate("agreements.csv", 1, "signed", "2010-13-01"),
                                         **mutate("memberships.csv", 2, "iso3", "QQQ")})
    with pytest.raises(DataValidationError) as err:
        load(bad)
    assert "agreements.csv:2: column 'signed'" in str(err.value)
    assert "memberships.csv:3: column 'iso3'" in str(err.value)


def test_cli_exits_non_zero_on_bad_data_and_zero_on_shipped(tmp_path):
    bad = write_mini(tmp_path / "bad", mutate("agreements.csv", 1, "status", "maybe"))
    run = subprocess.run([sys.executable, "-m", "analysis", "validate", str(bad)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "agreements.csv:2: column 'status'" in run.stderr
    ok = subprocess.run([sys.executable, "-m", "analysis", "validate", str(DATA)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr


def test_frictionless_accepts_the_datapackage():
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "frictionless"), "validate", str(DATA / "datapackage.json")],
                         capture_output=True, text=True, cwd=DATA)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_defence_expenditure_edition_must_be_whole(tmp_path):
    rows = [r for r in MINI["defence_expenditure.csv"] if not (r[0] == "FRA" and r[1] == "2015")]
    problems = problems_for(tmp_path, {"defence_expenditure.csv": rows})
    assert any(p.rule == "edition-incomplete" and "FRA 2015" in p.message and p.column == "edition" for p in problems)


def test_defence_expenditure_ally_must_be_known(tmp_path):
    rows = copy.deepcopy(MINI["defence_expenditure.csv"])
    for r in rows[1:4]:
        r[0] = "ATL"
    problems = problems_for(tmp_path, {"defence_expenditure.csv": rows})
    assert any(p.rule == "unknown-reference" and p.line == 2 and p.column == "iso3" for p in problems)


def test_defence_expenditure_value_out_of_range(tmp_path):
    problems = problems_for(tmp_path, mutate("defence_expenditure.csv", 2, "pct_gdp", "45"))
    assert any(p.rule == "range" and p.line == 3 and p.column == "pct_gdp" for p in problems)
