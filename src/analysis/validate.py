"""Validation of the dataset against ``data/datapackage.json`` and the book's own rules.

Every problem is reported with the file, the line, the column and the rule it
breaks, and every problem in the data is reported in one run. The schema in
the datapackage is the single place where field types, enumerations, keys and
list vocabularies are declared; this module only interprets it, and adds the
rules a Frictionless schema cannot say (date order, parties that may be a
state or an organisation, lists that refer to other tables, markup).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .dates import DateFormatError, PartialDate

MARKUP = re.compile(r"<\s*[A-Za-z/!?]|&#?[A-Za-z0-9]+;|\]\(|javascript:", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        col = f" column '{self.column}':" if self.column else ""
        return f"{where}:{col} {self.message} [{self.rule}]"


class DataValidationError(Exception):
    """Raised by the loader when the data breaks any rule; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(lines)} problem(s) in the data:\n" + "\n".join(lines))


@dataclass
class RawTable:
    """A CSV as read: cells as strings, with the line each row starts on."""
    name: str
    path: Path
    label: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


def read_package(data_dir: Path) -> dict:
    return json.loads((Path(data_dir) / "datapackage.json").read_text(encoding="utf-8"))


def _label(path: Path) -> str:
    """How a file is named in messages: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_table(resource: dict, data_dir: Path, problems: list[Problem]) -> RawTable | None:
    path = Path(data_dir) / resource["path"]
    label = _label(path)
    if not path.exists():
        problems.append(Problem(label, None, None, "missing-file", "file not found"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(label, None, None, "encoding", f"not UTF-8 ({err.reason} at byte {err.start})"))
        return None
    if text.startswith("\ufeff"):
        problems.append(Problem(label, 1, None, "encoding", "starts with a byte-order mark"))
        text = text[1:]
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(label, 1, None, "header", "file is empty: a header row is required"))
        return None
    except csv.Error as err:
        problems.append(Problem(label, 1, None, "csv-syntax", str(err)))
        return None
    fields = [f["name"] for f in resource["schema"]["fields"]]
    for col in fields:
        if col not in header:
            problems.append(Problem(label, 1, col, "missing-column", "required column is missing from the header"))
    seen = set()
    for col in header:
        if col in seen:
            problems.append(Problem(label, 1, col, "duplicate-column", "column appears twice in the header"))
        seen.add(col)
        if col not in fields:
            problems.append(Problem(label, 1, col, "unknown-column", "column is not in the schema (datapackage.json)"))
    rows, lines = [], []
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(label, start, None, "csv-syntax", str(err)))
            break
        if not any(c.strip() for c in cells):
            problems.append(Problem(label, start, None, "blank-row", "blank row"))
        elif len(cells) != len(header):
            problems.append(Problem(label, start, None, "row-length",
                                    f"row has {len(cells)} cells but the header has {len(header)}"))
        else:
            rows.append(dict(zip(header, cells)))
            lines.append(start)
        start = reader.line_num + 1
    return RawTable(resource["name"], path, label, header, rows, lines)


def split_list(value: str, separator: str = ";") -> list[str]:
    return [item.strip() for item in value.split(separator)] if value.strip() else []


def _check_cell(field: dict, value: str, table: RawTable, line: int, problems: list[Problem]) -> None:
    name = field["name"]
    cons = field.get("constraints", {})

    def bad(rule: str, message: str) -> None:
        problems.append(Problem(table.label, line, name, rule, message))

    if value != value.strip():
        bad("whitespace", f"value {value!r} has leading or trailing spaces")
    if value.strip() == "":
        if cons.get("required"):
            bad("required", "a value is required")
        return
    if MARKUP.search(value):
        bad("markup", f"plain-text field contains markup: {value[:60]!r}")
    if field.get("type") in ("integer", "number"):
        try:
            number = int(value) if field["type"] == "integer" else float(value)
        except ValueError:
            bad("type", f"{value!r} is not a {'whole number' if field['type'] == 'integer' else 'number'}")
            return
        if number != number or number in (float("inf"), float("-inf")):
            bad("type", f"{value!r} is not a finite number")
            return
        if "minimum" in cons and number < cons["minimum"] or "maximum" in cons and number > cons["maximum"]:
            bad("range", f"{number} is outside {cons.get('minimum')}..{cons.get('maximum')}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        if field.get("x-partial-date"):
            bad("date", f"{value!r} is not a date written as YYYY, YYYY-MM or YYYY-MM-DD")
            return
        bad("pattern", f"{value!r} does not match the pattern {cons['pattern']}")
    if field.get("x-partial-date"):
        try:
            PartialDate.parse(value)
        except DateFormatError as err:
            bad("date", str(err))
    if "enum" in cons and value not in cons["enum"]:
        bad("enum", f"{value!r} is not one of: {', '.join(cons['enum'])}")
    if "x-separator" in field:
        items = value.split(field["x-separator"])
        if any(not i.strip() for i in items):
            bad("list", f"list {value!r} has an empty item")
        stripped = [i.strip() for i in items if i.strip()]
        if len(set(stripped)) != len(stripped):
            bad("list", f"list {value!r} repeats an item")
        vocab = field.get("x-enum")
        for item in stripped:
            if vocab and item not in vocab:
                bad("enum", f"{item!r} is not in the controlled vocabulary for {name}")


def _check_fields(resource: dict, table: RawTable, problems: list[Problem]) -> None:
    fields = resource["schema"]["fields"]
    uniques = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for row, line in zip(table.rows, table.lines):
        for field in fields:
            value = row.get(field["name"])
            if value is None:
                continue
            _check_cell(field, value, table, line, problems)
            if field["name"] in uniques and value.strip():
                first = uniques[field["name"]].setdefault(value, line)
                if first != line:
                    problems.append(Problem(table.label, line, field["name"], "duplicate-id",
                                            f"{value!r} already used on line {first}"))
    pk = resource["schema"].get("primaryKey") or []
    if len(pk) > 1:
        seen: dict[tuple, int] = {}
        for row, line in zip(table.rows, table.lines):
            key = tuple(row.get(c, "") for c in pk)
            first = seen.setdefault(key, line)
            if first != line:
                problems.append(Problem(table.label, line, ",".join(pk), "duplicate-id",
                                        f"{key} already used on line {first}"))


def _keys(tables: dict[str, RawTable], resource: str, column: str) -> set[str]:
    table = tables.get(resource)
    return {r.get(column, "") for r in table.rows} if table else set()


def _primary(package: dict, name: str) -> str:
    return next(r for r in package["resources"] if r["name"] == name)["schema"]["primaryKey"][0]


def _check_references(package: dict, tables: dict[str, RawTable], problems: list[Problem]) -> None:
    for resource in package["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        for fk in resource["schema"].get("foreignKeys", []):
            (col,), target = fk["fields"], fk["reference"]
            if target["resource"] not in tables:
                continue
            valid = _keys(tables, target["resource"], target["fields"][0])
            for row, line in zip(table.rows, table.lines):
                value = row.get(col, "")
                if value and value not in valid:
                    problems.append(Problem(table.label, line, col, "unknown-reference",
                                            f"{value!r} is not a {target['fields'][0]} in {target['resource']}.csv"))
        for field in resource["schema"]["fields"]:
            target = field.get("x-references-key")
            if target and target in tables:
                valid = _keys(tables, target, _primary(package, target)) | set(field.get("x-extra-keys", []))
                for row, line in zip(table.rows, table.lines):
                    value = row.get(field["name"], "")
                    if value and value not in valid:
                        problems.append(Problem(table.label, line, field["name"], "unknown-reference",
                                                f"{value!r} is neither a key of {target}.csv nor one of "
                                                f"{', '.join(field.get('x-extra-keys', []))}"))
        for field in resource["schema"]["fields"]:
            target = field.get("x-references")
            if not target or target not in tables:
                continue
            valid = _keys(tables, target, _primary(package, target))
            for row, line in zip(table.rows, table.lines):
                for item in split_list(row.get(field["name"], ""), field.get("x-separator", ";")):
                    if item and item not in valid:
                        problems.append(Problem(table.label, line, field["name"], "unknown-source",
                                                f"{item!r} is not a source_id in {target}.csv"))


def _date(row: dict, col: str) -> PartialDate | None:
    try:
        return PartialDate.parse(row[col]) if row.get(col, "").strip() else None
    except DateFormatError:
        return None


DATE_ORDER = {
    "memberships": [("since", "until")],
    "agreements": [("signed", "in_force"), ("signed", "ended"), ("in_force", "ended")],
    "activities": [("start", "end")],
}


def _check_dates(package: dict, tables: dict[str, RawTable], problems: list[Problem]) -> None:
    as_at = PartialDate.parse(package.get("x-as-at", dt.date.today().isoformat())).last_day()
    for resource in package["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        date_cols = [f["name"] for f in resource["schema"]["fields"]
                     if f.get("x-partial-date") and f["name"] not in ("accessed",)]
        for row, line in zip(table.rows, table.lines):
            for col in date_cols:
                value = _date(row, col)
                if value and value.first_day() > as_at:
                    problems.append(Problem(table.label, line, col, "future-date",
                                            f"{value} is after the dataset's as-at date {as_at}"))
            for early, late in DATE_ORDER.get(resource["name"], []):
                a, b = _date(row, early), _date(row, late)
                if a and b and b.last_day() < a.first_day():
                    problems.append(Problem(table.label, line, late, "date-order",
                                            f"{late} ({b}) is before {early} ({a})"))


def _check_parties(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    parties, agreements = tables.get("agreement_parties"), tables.get("agreements")
    valid = _keys(tables, "countries", "iso3") | _keys(tables, "organisations", "org_id")
    if parties:
        for row, line in zip(parties.rows, parties.lines):
            if row.get("party") and row["party"] not in valid:
                problems.append(Problem(parties.label, line, "party", "unknown-party",
                                        f"{row['party']!r} is neither an iso3 in countries.csv nor an org_id in organisations.csv"))
    if parties and agreements:
        by_agreement = defaultdict(set)
        for row in parties.rows:
            by_agreement[row.get("agreement_id")].add(row.get("party"))
        for row, line in zip(agreements.rows, agreements.lines):
            members = by_agreement.get(row.get("agreement_id"), set())
            if "GBR" not in members or len(members) < 2:
                problems.append(Problem(agreements.label, line, "agreement_id", "parties",
                                        "agreement needs rows in agreement_parties.csv for GBR and at least one partner"))
            if row.get("ended", "").strip() and row.get("status") not in ("ended", "superseded"):
                problems.append(Problem(agreements.label, line, "status", "status",
                                        f"has an end date but status is {row.get('status')!r}"))
    activities = tables.get("activities")
    if activities:
        for row, line in zip(activities.rows, activities.lines):
            for item in split_list(row.get("partners", "")):
                if item not in valid:
                    problems.append(Problem(activities.label, line, "partners", "unknown-party",
                                            f"{item!r} is neither an iso3 nor an org_id"))


def _check_editions(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """NATO revises back years in every release: each edition must be whole (every series, every year of
    its range), so that no series is ever patched from another edition."""
    table = tables.get("defence_expenditure")
    if table is None:
        return
    cells = defaultdict(dict)
    for row, line in zip(table.rows, table.lines):
        try:
            cells[row.get("edition", "")][(row.get("iso3", ""), int(row.get("year", "")))] = line
        except ValueError:
            continue
    for edition, grid in cells.items():
        series = {iso for iso, _ in grid}
        years = range(min(y for _, y in grid), max(y for _, y in grid) + 1)
        missing = [(iso, y) for iso in sorted(series) for y in years if (iso, y) not in grid]
        if missing:
            first = min(grid.values())
            problems.append(Problem(table.label, first, "edition", "edition-incomplete",
                                    f"edition {edition} is not whole: {len(missing)} series-year(s) missing, "
                                    f"e.g. {', '.join(f'{i} {y}' for i, y in missing[:5])}"))


def read_all(data_dir: Path) -> tuple[dict, dict[str, RawTable], list[Problem]]:
    """Read and check every table; return the package, the raw tables and all problems."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    try:
        package = read_package(data_dir)
    except (OSError, json.JSONDecodeError) as err:
        return {}, {}, [Problem(_label(data_dir / "datapackage.json"), None, None, "datapackage", str(err))]
    tables = {}
    for resource in package["resources"]:
        table = read_table(resource, data_dir, problems)
        if table is not None:
            tables[resource["name"]] = table
            _check_fields(resource, table, problems)
    _check_references(package, tables, problems)
    _check_dates(package, tables, problems)
    _check_parties(tables, problems)
    _check_editions(tables, problems)
    return package, tables, sorted(set(problems))


def validate(data_dir: Path) -> list[Problem]:
    """Every problem in the dataset at ``data_dir`` (an empty list when it is valid)."""
    return read_all(data_dir)[2]
