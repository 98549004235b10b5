"""Regression tests for every probe a hostile contributor tried: malformed packages, unreadable files, broken CSV,
line numbers, knock-on errors, the empty path, and generated pages that must never go stale."""
from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import DataValidationError, load, validate
from conftest import DATA, MINI, write_mini

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _package(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _write_package(folder, package, encoding="utf-8"):
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding=encoding)


def _cli(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "validate", str(folder)], capture_output=True, text=True)


BROKEN_PACKAGES = {
    "no resources": lambda p: {k: v for k, v in p.items() if k != "resources"},
    "empty resources": lambda p: {**p, "resources": []},
    "resource without schema": lambda p: {**p, "resources": [{k: v for k, v in p["resources"][0].items() if k != "schema"},
                                                             *p["resources"][1:]]},
    "resource without fields": lambda p: {**p, "resources": [{**p["resources"][0], "schema": {"fields": "x"}}]},
    "bad as-at date": lambda p: {**p, "x-as-at": "21/11/2026"},
    "missing as-at date": lambda p: {k: v for k, v in p.items() if k != "x-as-at"},
    "path escaping the folder": lambda p: {**p, "resources": [{**p["resources"][0], "path": "../../etc/passwd"},
                                                              *p["resources"][1:]]},
    "a list at the top": lambda p: [p],
}


@pytest.mark.parametrize("name", list(BROKEN_PACKAGES))
def test_a_malformed_package_is_one_clear_problem_never_a_traceback(tmp_path, name):
    folder = write_mini(tmp_path / "m")
    _write_package(folder, BROKEN_PACKAGES[name](_package(folder)))
    problems = validate(folder)
    assert problems and all(p.rule == "datapackage" and p.file.endswith("datapackage.json") for p in problems)
    with pytest.raises(DataValidationError):
        load(folder)
    run = _cli(folder)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "datapackage.json" in run.stderr


def test_a_latin1_datapackage_is_reported_as_an_encoding_problem(tmp_path):
    folder = write_mini(tmp_path / "m")
    package = _package(folder)
    package["title"] = "Sécurité"
    _write_package(folder, package, encoding="latin-1")
    problems = validate(folder)
    assert [p.rule for p in problems] == ["datapackage"] and "UTF-8" in problems[0].message
    assert "Traceback" not in _cli(folder).stderr


def test_a_folder_where_a_csv_should_be(tmp_path):
    folder = write_mini(tmp_path / "m")
    (folder / "events.csv").unlink()
    (folder / "events.csv").mkdir()
    problems = validate(folder)
    assert [(p.rule, p.file.endswith("events.csv")) for p in problems] == [("unreadable", True)]
    with pytest.raises(DataValidationError):
        load(folder)


def test_an_empty_path_is_refused_not_read_as_the_shipped_data():
    with pytest.raises(DataValidationError) as err:
        load("")
    assert "empty" in str(err.value)
    run = _cli("")
    assert run.returncode == 1 and "Traceback" not in run.stderr


def test_a_missing_table_is_one_problem_not_hundreds(tmp_path):
    folder = write_mini(tmp_path / "m")
    (folder / "countries.csv").unlink()
    problems = validate(folder)
    assert [p.rule for p in problems] == ["missing-file"], [str(p) for p in problems]


def test_root_causes_come_first(tmp_path):
    rows = copy.deepcopy(MINI["agreements.csv"])
    rows[1][rows[0].index("signed")] = "not a date"
    folder = write_mini(tmp_path / "m", {"agreements.csv": rows})
    (folder / "events.csv").write_bytes(b"event_id,date\n\xff\xfe\n")
    problems = validate(folder)
    assert problems[0].rule == "encoding" and problems[0].file.endswith("events.csv")


def test_plain_prose_with_angle_brackets_is_accepted(tmp_path):
    rows = copy.deepcopy(MINI["agreements.csv"])
    rows[1][rows[0].index("summary")] = "Spending rose where a < b and b > c; R&D counts & so does <this>."
    assert validate(write_mini(tmp_path / "m", {"agreements.csv": rows})) == []


def _csv_text(rows) -> str:
    import csv
    import io
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def test_after_an_unbalanced_quote_checking_resumes_on_the_next_row(tmp_path):
    folder = write_mini(tmp_path / "m")
    lines = _csv_text(MINI["agreements.csv"]).splitlines()
    lines[1] = lines[1].replace("Treaty A", '"Treaty A', 1)  # an opening quote never closed
    lines[3] = lines[3].replace("2021-06", "2021-13")        # a real error two rows further down
    (folder / "agreements.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = validate(folder)
    assert any(p.rule == "csv-syntax" and p.line == 2 for p in problems), [str(p) for p in problems]
    assert any(p.rule == "date" and p.line == 4 and p.column == "signed" for p in problems), [str(p) for p in problems]


def test_an_oversized_field_is_one_problem_and_the_rest_is_still_checked(tmp_path):
    rows = copy.deepcopy(MINI["agreements.csv"])
    rows[1][rows[0].index("summary")] = "x" * 200_000  # larger than Python's default CSV field limit
    rows[3][rows[0].index("signed")] = "2021-13"
    problems = validate(write_mini(tmp_path / "m", {"agreements.csv": rows}))
    assert any(p.rule == "too-long" and p.line == 2 for p in problems)
    assert any(p.rule == "date" and p.line == 4 for p in problems)


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x1c", "\u0085"])
def test_line_numbers_are_physical_lines_whatever_a_field_holds(tmp_path, separator):
    rows = copy.deepcopy(MINI["agreements.csv"])
    rows[1][rows[0].index("summary")] = f"First{separator}second"
    rows[3][rows[0].index("signed")] = "2021-13"
    problems = validate(write_mini(tmp_path / "m", {"agreements.csv": rows}))
    assert any(p.rule == "control-character" and p.line == 2 for p in problems)
    assert any(p.rule == "date" and p.line == 4 for p in problems), [str(p) for p in problems]


def test_a_quoted_newline_counts_as_a_physical_line(tmp_path):
    rows = copy.deepcopy(MINI["agreements.csv"])
    rows[1][rows[0].index("summary")] = "First paragraph.\n\nSecond paragraph."
    rows[3][rows[0].index("signed")] = "2021-13"
    problems = validate(write_mini(tmp_path / "m", {"agreements.csv": rows}))
    assert [(p.rule, p.line) for p in problems] == [("date", 6)]


def test_each_problem_is_reported_once(tmp_path):
    rows = copy.deepcopy(MINI["memberships.csv"])
    rows[3][1] = "QQQ"
    problems = validate(write_mini(tmp_path / "m", {"memberships.csv": rows}))
    assert len(problems) == len(set(problems)) == 1


def test_a_malformed_row_does_not_cause_knock_on_reference_errors(tmp_path):
    rows = copy.deepcopy(MINI["countries.csv"])
    rows[2] = rows[2][:-1]  # France's row is malformed: references to FRA must not all fail as well
    problems = validate(write_mini(tmp_path / "m", {"countries.csv": rows}))
    assert [p.rule for p in problems] == ["row-length"], [str(p) for p in problems]


# --- generated pages never go stale ---------------------------------------------------------------------------

def test_renaming_a_state_leaves_no_stale_profile(tmp_path):
    from analysis.build.pages import write_pages
    out = tmp_path / "generated"
    write_pages(out, load(write_mini(tmp_path / "a")))
    assert (out / "profiles" / "france.md").exists()
    rows = copy.deepcopy(MINI["countries.csv"])
    rows[2][1] = "République française"
    write_pages(out, load(write_mini(tmp_path / "b", {"countries.csv": rows})))
    assert not (out / "profiles" / "france.md").exists()
    assert not (out / "profiles" / "img" / "france.svg").exists()
    assert (out / "profiles" / "republique-francaise.md").read_text() == "```{uk-profile} FRA\n```\n"


def test_a_failed_generation_leaves_the_previous_pages_whole(tmp_path, monkeypatch):
    from analysis.build import pages
    out = tmp_path / "generated"
    pages.write_pages(out, load(write_mini(tmp_path / "a")))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def boom(*_):
        raise RuntimeError("crash half-way")
    monkeypatch.setattr(pages, "members_chart_svg", boom)
    with pytest.raises(RuntimeError):
        pages.write_pages(out, load(write_mini(tmp_path / "b")))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_stubs_carry_only_checked_identifiers(tmp_path):
    from analysis.build.pages import page_files
    files = page_files(load(write_mini(tmp_path / "a")))
    stubs = {k: v for k, v in files.items() if k.endswith(".md")}
    import re
    for name, text in stubs.items():
        assert re.fullmatch(r"```\{uk-[a-z-]+\} [A-Za-z0-9-]*\n```\n", text), (name, text)


def test_a_value_shaped_like_a_formula_is_a_string_in_the_workbook(tmp_path):
    from openpyxl import load_workbook
    from analysis.export import write_xlsx
    rows = copy.deepcopy(MINI["agreements.csv"])
    rows[1][1] = '=HYPERLINK("https://example.org","click")'
    rows[2][1] = "+1+2"
    data = load(write_mini(tmp_path / "m", {"agreements.csv": rows}))
    write_xlsx(data, tmp_path / "book.xlsx")
    sheet = load_workbook(tmp_path / "book.xlsx")["agreements"]
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells['=HYPERLINK("https://example.org","click")'] == "s" and cells["+1+2"] == "s"


# --- fuzzing --------------------------------------------------------------------------------------------------

CSV_ALPHABET = st.sampled_from(list(',"\n\r;ab1-2 \t\x00\u2028\ufeff<>&$`{}#\\') + ["GBR", "s1", "2017", "nato"])


@given(st.sampled_from(sorted(MINI)), st.lists(CSV_ALPHABET, max_size=80).map("".join), st.booleans())
@SETTINGS
def test_fuzzed_csv_only_ever_raises_data_validation_error(tmp_path_factory, table, body, keep_header):
    folder = write_mini(tmp_path_factory.mktemp("f"))
    header = ",".join(MINI[table][0]) + "\n" if keep_header else ""
    (folder / table).write_text(header + body, encoding="utf-8")
    problems = validate(folder)
    assert all(p.file and p.rule for p in problems)
    try:
        load(folder)
    except DataValidationError as err:
        assert err.problems
    else:
        assert not problems


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                       max_leaves=8)


@given(st.sampled_from(["resources", "x-as-at", "version", "schema", "fields", "primaryKey", "foreignKeys", "path",
                        "name", "constraints"]), JSONISH)
@SETTINGS
def test_fuzzed_datapackage_only_ever_raises_data_validation_error(tmp_path_factory, key, value):
    folder = write_mini(tmp_path_factory.mktemp("p"))
    package = _package(folder)
    if key in ("resources", "x-as-at", "version"):
        package[key] = value
    elif key in ("schema", "path", "name"):
        package["resources"][1][key] = value
    elif key in ("fields", "primaryKey", "foreignKeys"):
        package["resources"][2]["schema"][key] = value
    else:
        package["resources"][3]["schema"]["fields"][0][key] = value
    _write_package(folder, package)
    validate(folder)
    try:
        load(folder)
    except DataValidationError:
        pass
