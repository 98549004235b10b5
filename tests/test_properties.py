"""Property-based tests of the loader and validator on generated and mutated tables."""
import copy
import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import DataValidationError, load, validate
from analysis.dates import DateFormatError, PartialDate
from conftest import MINI, write_mini

TABLES = sorted(MINI)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(st.text(max_size=12))
@settings(max_examples=300, deadline=None)
def test_date_parser_never_crashes_and_round_trips(text):
    try:
        d = PartialDate.parse(text)
    except DateFormatError:
        return
    assert str(d) == text.strip()
    assert d.first_day() <= d.last_day()


@st.composite
def mutation(draw):
    table = draw(st.sampled_from(TABLES))
    rows = copy.deepcopy(MINI[table])
    row = draw(st.integers(1, len(rows) - 1))
    col = draw(st.integers(0, len(rows[0]) - 1))
    value = draw(st.one_of(st.text(max_size=20), st.sampled_from(["", "2017-02-30", "<b>x</b>", "ZZZ", "9999",
                                                                  "a;;b", " s1", "nato", "GBR", "1949"])))
    rows[row][col] = value
    return table, rows, row + 1, rows[0][col]


@given(mutation())
@SETTINGS
def test_mutated_tables_never_crash_and_errors_name_file_line_and_column(tmp_path_factory, case):
    table, rows, line, column = case
    folder = write_mini(tmp_path_factory.mktemp("m"), {table: rows})
    problems = validate(folder)
    for p in problems:
        assert p.file and p.rule and p.message
    try:
        load(folder)
    except DataValidationError as err:
        assert err.problems == problems
        assert all(p.line is not None or p.rule in ("missing-file", "encoding", "datapackage") for p in problems)


@given(st.sampled_from(TABLES), st.binary(max_size=200))
@SETTINGS
def test_garbage_files_are_reported_not_crashed(tmp_path_factory, table, blob):
    folder = write_mini(tmp_path_factory.mktemp("g"))
    (folder / table).write_bytes(blob)
    problems = validate(folder)
    assert problems, "a garbage file must not pass"
    assert any(table in p.file for p in problems)
