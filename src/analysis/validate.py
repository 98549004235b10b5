"""Validation of the dataset against ``data/datapackage.json`` and the book's own rules.

Every problem is reported with the file, the line, the column and the rule it
breaks, and every problem in the data is reported in one run, root causes
first; knock-on errors of a root cause (a table that could not be read, a row
that could not be parsed) are not reported again. The schema in the
datapackage is the single place where field types, enumerations, keys and
list vocabularies are declared; this module only interprets it, and adds the
rules a Frictionless schema cannot say (date order, parties that may be a
state or an organisation, lists that refer to other tables).

Values are text. The book escapes every value where it is embedded (see
:mod:`analysis.safe`), so the validator does not police markup; it refuses
what no honest text contains: control characters, bidirectional overrides,
line and paragraph separators, and numbers written in anything but ASCII.
Nothing here raises on bad input: every problem becomes a :class:`Problem`.
"""
from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .dates import DateFormatError, PartialDate

#: Characters no value may hold: C0 controls but tab and newline, DEL, C1 controls, the bidirectional
#: embeddings, overrides, isolates and marks, and the Unicode line and paragraph separators.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
#: The longest value a cell may hold (a summary runs to a few hundred characters).
MAX_CELL = 4000
#: The order in which problems are listed: the package, then whole files, then file syntax, then the rest.
RANK = {"datapackage": 0, "missing-file": 1, "unreadable": 1, "encoding": 1, "header": 2, "missing-column": 2,
        "duplicate-column": 2, "unknown-column": 2, "csv-syntax": 3}
csv.field_size_limit(1 << 30)  # length is a rule of ours (MAX_CELL), reported per cell, not a reader crash


@dataclass(frozen=True)
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

    def sort_key(self) -> tuple:
        return (RANK.get(self.rule, 9), self.file, self.line or 0, self.column or "", self.rule, self.message)


def ordered(problems) -> list[Problem]:
    """Each problem once, root causes first, then by file, line and column."""
    return sorted(set(problems), key=Problem.sort_key)


class DataValidationError(Exception):
    """Raised by the loader when the data breaks any rule; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = ordered(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(lines)} problem(s) in the data:\n" + "\n".join(lines))


@dataclass
class RawTable:
    """A CSV as read: cells as strings, with the physical line each row starts on."""
    name: str
    path: Path
    label: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]
    #: First cells of rows that could not be parsed: still counted as keys, so that no knock-on
    #: "unknown reference" is reported for a row whose own problem is already reported.
    unparsed_keys: frozenset = frozenset()


def _label(path: Path) -> str:
    """How a file is named in messages: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    """A file's text, or None with one problem saying why it cannot be read."""
    if not path.exists():
        problems.append(Problem(label, None, None, "missing-file", "file not found"))
        return None
    if not path.is_file():
        problems.append(Problem(label, None, None, "unreadable", "is not a regular file (a folder?)"))
        return None
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.append(Problem(label, None, None, "unreadable", f"cannot be read: {err.strerror or err}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        problems.append(Problem(label, line, None, "encoding",
                                f"not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); save the file as UTF-8"))
        return None
    if text.startswith("\ufeff"):
        problems.append(Problem(label, 1, None, "encoding", "starts with a byte-order mark; save as UTF-8 without BOM"))
        text = text[1:]
    return text


def _package_problems(package, label: str) -> list[Problem]:
    """The shape the rest of the code relies on: one problem per thing that is off, never an exception."""
    def bad(message: str) -> Problem:
        return Problem(label, None, None, "datapackage", message)

    if not isinstance(package, dict):
        return [bad("the top level must be a JSON object")]
    out = []
    as_at = package.get("x-as-at")
    if not isinstance(as_at, str):
        out.append(bad("'x-as-at' (the date the data are correct as at) is missing or not a string"))
    else:
        try:
            PartialDate.parse(as_at)
        except DateFormatError as err:
            out.append(bad(f"'x-as-at': {err}"))
    if not isinstance(package.get("version", ""), str):
        out.append(bad("'version' must be a string"))
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        return out + [bad("'resources' must be a non-empty list of tables")]
    names = set()
    for i, r in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(r, dict):
            out.append(bad(f"{where} must be an object"))
            continue
        name, path, schema = r.get("name"), r.get("path"), r.get("schema")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]+", name, re.ASCII):
            out.append(bad(f"{where} needs a 'name' of lower-case letters, digits and underscores"))
        elif name in names:
            out.append(bad(f"{where}: the name {name!r} is used twice"))
        else:
            names.add(name)
        if not isinstance(path, str) or not path or PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            out.append(bad(f"{where} needs a 'path' relative to the data folder"))
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
            out.append(bad(f"{where} needs a 'schema' with a non-empty list of 'fields'"))
            continue
        for j, f in enumerate(schema["fields"]):
            if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
                out.append(bad(f"{where}.schema.fields[{j}] needs a 'name'"))
            elif not isinstance(f.get("constraints", {}), dict):
                out.append(bad(f"{where}.schema.fields[{j}] 'constraints' must be an object"))
            else:
                pattern = f.get("constraints", {}).get("pattern")
                try:
                    if pattern is not None:
                        re.compile(pattern)
                except (re.error, TypeError):
                    out.append(bad(f"{where}.schema.fields[{j}] has a pattern that is not a regular expression"))
        pk = schema.get("primaryKey", [])
        if not isinstance(pk, list) or not all(isinstance(k, str) for k in pk):
            out.append(bad(f"{where}.schema 'primaryKey' must be a list of column names"))
        for fk in schema.get("foreignKeys", []) if isinstance(schema.get("foreignKeys", []), list) else [None]:
            ok = (isinstance(fk, dict) and isinstance(fk.get("fields"), list) and len(fk["fields"]) == 1
                  and isinstance(fk.get("reference"), dict) and isinstance(fk["reference"].get("resource"), str)
                  and isinstance(fk["reference"].get("fields"), list) and len(fk["reference"]["fields"]) == 1)
            if not ok:
                out.append(bad(f"{where}.schema has a foreign key that is not of the form "
                               "{fields: [col], reference: {resource, fields: [col]}}"))
    return out


def check_package(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    """Read ``datapackage.json``: the package, or None with the problems that make it unusable."""
    path = Path(data_dir) / "datapackage.json"
    label = _label(path)
    if not str(data_dir).strip():
        return None, [Problem("(data folder)", None, None, "datapackage", "the data folder path is empty")]
    if not Path(data_dir).is_dir():
        return None, [Problem(_label(Path(data_dir)), None, None, "missing-file", "data folder not found")]
    problems: list[Problem] = []
    text = _read_text(path, label, problems)
    if text is None:
        return None, [replace_rule(p, "datapackage") for p in problems]
    try:
        package = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [Problem(label, err.lineno, None, "datapackage", f"not valid JSON: {err.msg} (column {err.colno})")]
    problems = _package_problems(package, label)
    return (None, problems) if problems else (package, [])


def replace_rule(problem: Problem, rule: str) -> Problem:
    return Problem(problem.file, problem.line, problem.column, rule, problem.message)


def read_package(data_dir: Path) -> dict:
    """The datapackage, checked; raises :class:`DataValidationError` if it is unusable."""
    package, problems = check_package(Path(data_dir))
    if problems:
        raise DataValidationError(problems)
    return package


def _physical_lines(text: str) -> list[str]:
    """The file's lines as an editor numbers them: split on newline only (never on U+2028, form feed...)."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def _records(lines: list[str], width: int | None):
    """Yield (first line number, cells, error, lines used) for each record; after a malformed record resume on the next line.

    A record that spans several lines yet does not have ``width`` cells is taken as malformed (most often an
    unbalanced quote swallowing the lines after it): it is reported once and reading resumes on the line after
    its first, so that a bad row never hides the rows below it.
    """
    i = 0
    while i < len(lines):
        reader = csv.reader(itertools.islice(lines, i, None))
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield i + 1, None, f"cannot be parsed as CSV: {err}", 1
            i += 1
            continue
        used = max(reader.line_num, 1)
        if width is not None and used > 1 and len(cells) != width:
            yield i + 1, cells, (f"a quoted value opens here and runs over {used} lines without making a row of "
                                 f"{width} cells: check for an unbalanced double quote"), 1
            i += 1
            continue
        yield i + 1, cells, None, used
        i += used


def read_table(resource: dict, data_dir: Path, problems: list[Problem]) -> RawTable | None:
    path = Path(data_dir) / resource["path"]
    label = _label(path)
    text = _read_text(path, label, problems)
    if text is None:
        return None
    lines = _physical_lines(text)
    records = _records(lines, None)
    first = next(records, None)
    if first is None or first[1] is None or not any(c.strip() for c in first[1]):
        problems.append(Problem(label, 1, None, "header", "the first line must be the header row of column names"))
        return None
    header, header_lines = first[1], first[3]
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
    rows, starts, unparsed = [], [], set()
    for offset, cells, error, _ in _records(lines[header_lines:], len(header)):
        line = offset + header_lines
        if error:
            problems.append(Problem(label, line, None, "csv-syntax", error))
            if cells:
                unparsed.add(cells[0])
        elif not any(c.strip() for c in cells):
            problems.append(Problem(label, line, None, "blank-row", "blank row"))
        elif len(cells) != len(header):
            problems.append(Problem(label, line, None, "row-length",
                                    f"row has {len(cells)} cells but the header has {len(header)}"))
            unparsed.add(cells[0])
        else:
            rows.append(dict(zip(header, cells)))
            starts.append(line)
    return RawTable(resource["name"], path, label, header, rows, starts, frozenset(unparsed))


def split_list(value: str, separator: str = ";") -> list[str]:
    return [item.strip() for item in value.split(separator)] if value.strip() else []


def _check_cell(field: dict, value: str, table: RawTable, line: int, problems: list[Problem]) -> None:
    name = field["name"]
    cons = field.get("constraints", {})

    def bad(rule: str, message: str) -> None:
        problems.append(Problem(table.label, line, name, rule, message))

    control = CONTROL.search(value)
    if control:
        bad("control-character", f"holds the invisible or control character U+{ord(control.group()):04X} at "
                                 f"position {control.start() + 1}; delete it")
        return
    if len(value) > MAX_CELL:
        bad("too-long", f"value is {len(value)} characters long; at most {MAX_CELL} are allowed")
        return
    if value != value.strip():
        bad("whitespace", f"value {value[:60]!r} has leading or trailing spaces")
    if value.strip() == "":
        if cons.get("required"):
            bad("required", "a value is required")
        return
    if field.get("type") in ("integer", "number"):
        whole = field["type"] == "integer"
        if not (INTEGER if whole else NUMBER).fullmatch(value):
            bad("type", f"{value[:60]!r} is not a {'whole number' if whole else 'number'} written with the digits "
                        f"0-9{'' if whole else ', an optional sign and at most one decimal point'}")
            return
        number = int(value) if whole else float(value)
        low, high = cons.get("minimum"), cons.get("maximum")
        if (low is not None and number < low) or (high is not None and number > high):
            bad("range", f"{number} is outside {low}..{high}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value, re.ASCII):
        if field.get("x-partial-date"):
            bad("date", f"{value[:60]!r} is not a date written as YYYY, YYYY-MM or YYYY-MM-DD")
            return
        bad("pattern", f"{value[:60]!r} does not match the pattern {cons['pattern']}")
        return
    if field.get("x-partial-date"):
        try:
            PartialDate.parse(value)
        except DateFormatError as err:
            bad("date", str(err))
    if "enum" in cons and value not in cons["enum"]:
        bad("enum", f"{value[:60]!r} is not one of: {', '.join(cons['enum'])}")
    if "x-separator" in field:
        items = value.split(field["x-separator"])
        if any(not i.strip() for i in items):
            bad("list", f"list {value[:60]!r} has an empty item")
        stripped = [i.strip() for i in items if i.strip()]
        if len(set(stripped)) != len(stripped):
            bad("list", f"list {value[:60]!r} repeats an item")
        vocab = field.get("x-enum")
        for item in stripped:
            if vocab and item not in vocab:
                bad("enum", f"{item[:60]!r} is not in the controlled vocabulary for {name}")


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
                                            f"{value[:60]!r} already used on line {first}"))
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
    """The values of ``column`` in a table, with the keys of its unparsed rows (their problem is reported)."""
    table = tables.get(resource)
    return ({r.get(column, "") for r in table.rows} | set(table.unparsed_keys)) if table else set()


def _primary(package: dict, name: str) -> str | None:
    resource = next((r for r in package["resources"] if r["name"] == name), None)
    keys = resource["schema"].get("primaryKey") if resource else None
    return keys[0] if keys else None


def _check_references(package: dict, tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """References into another table are checked only when that table could be read (else: one root cause)."""
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
                                            f"{value[:60]!r} is not a {target['fields'][0]} in {target['resource']}.csv"))
        for field in resource["schema"]["fields"]:
            target = field.get("x-references-key")
            if target and target in tables and _primary(package, target):
                valid = _keys(tables, target, _primary(package, target)) | set(field.get("x-extra-keys", []))
                for row, line in zip(table.rows, table.lines):
                    value = row.get(field["name"], "")
                    if value and value not in valid:
                        problems.append(Problem(table.label, line, field["name"], "unknown-reference",
                                                f"{value[:60]!r} is neither a key of {target}.csv nor one of "
                                                f"{', '.join(field.get('x-extra-keys', []))}"))
            target = field.get("x-references")
            if target and target in tables and _primary(package, target):
                valid = _keys(tables, target, _primary(package, target))
                for row, line in zip(table.rows, table.lines):
                    for item in split_list(row.get(field["name"], ""), field.get("x-separator", ";")):
                        if item and item not in valid:
                            problems.append(Problem(table.label, line, field["name"], "unknown-source",
                                                    f"{item[:60]!r} is not a source_id in {target}.csv"))


def _date(row: dict, col: str) -> PartialDate | None:
    try:
        return PartialDate.parse(row[col]) if row.get(col, "").strip() else None
    except DateFormatError:
        return None


DATE_ORDER = {
    "memberships": [("since", "until")],
    "agreements": [("announced", "signed"), ("announced", "in_force"), ("signed", "in_force"), ("signed", "ended"),
                   ("in_force", "ended"), ("announced", "ended")],
    "activities": [("start", "end")],
}


def _check_dates(package: dict, tables: dict[str, RawTable], problems: list[Problem]) -> None:
    as_at = PartialDate.parse(package["x-as-at"]).last_day()
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


#: An exercise runs for days or weeks: one that started this long before the as-at date with no end recorded must
#: be marked concluded (over, end not recorded), or it would count as running ever after.
EXERCISE_DAYS = 90


def _check_ends(package: dict, tables: dict[str, RawTable], problems: list[Problem]) -> None:
    activities = tables.get("activities")
    if activities is None:
        return
    as_at = PartialDate.parse(package["x-as-at"]).last_day()
    for row, line in zip(activities.rows, activities.lines):
        end, concluded = row.get("end", "").strip(), row.get("concluded", "").strip() == "yes"
        start = _date(row, "start")
        if end and concluded:
            problems.append(Problem(activities.label, line, "concluded", "concluded-with-end",
                                    "is marked concluded (over, end not recorded) but has an end date: keep one"))
        elif (not end and not concluded and row.get("kind", "").strip() == "exercise" and start
              and (as_at - start.last_day()).days > EXERCISE_DAYS):
            problems.append(Problem(activities.label, line, "end", "exercise-end",
                                    f"an exercise that started {start} has no end: give its end date, or mark it "
                                    "concluded (over, end not recorded)"))


def _check_parties(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    parties, agreements = tables.get("agreement_parties"), tables.get("agreements")
    known = "countries" in tables and "organisations" in tables  # else the missing table is the one problem
    valid = _keys(tables, "countries", "iso3") | _keys(tables, "organisations", "org_id")
    if parties and known:
        for row, line in zip(parties.rows, parties.lines):
            if row.get("party") and row["party"] not in valid:
                problems.append(Problem(parties.label, line, "party", "unknown-party",
                                        f"{row['party'][:60]!r} is neither an iso3 in countries.csv nor an org_id "
                                        "in organisations.csv"))
    if parties and agreements:
        by_agreement = defaultdict(set)
        for row in parties.rows:
            by_agreement[row.get("agreement_id")].add(row.get("party"))
        for row, line in zip(agreements.rows, agreements.lines):
            members = by_agreement.get(row.get("agreement_id"), set())
            if "GBR" not in members or len(members) < 2:
                problems.append(Problem(agreements.label, line, "agreement_id", "parties",
                                        "agreement needs rows in agreement_parties.csv for GBR and at least one partner"))
    if agreements:
        for row, line in zip(agreements.rows, agreements.lines):
            if row.get("ended", "").strip() and row.get("status") not in ("ended", "superseded"):
                problems.append(Problem(agreements.label, line, "status", "status",
                                        f"has an end date but status is {row.get('status')!r}"))
    activities = tables.get("activities")
    if activities and known:
        for row, line in zip(activities.rows, activities.lines):
            for item in split_list(row.get("partners", "")):
                if item not in valid:
                    problems.append(Problem(activities.label, line, "partners", "unknown-party",
                                            f"{item[:60]!r} is neither an iso3 nor an org_id"))


def _check_editions(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """NATO revises back years in every release: each edition must be whole (every series, every year of
    its range), so that no series is ever patched from another edition."""
    table = tables.get("defence_expenditure")
    if table is None:
        return
    cells = defaultdict(dict)
    for row, line in zip(table.rows, table.lines):
        year = row.get("year", "")
        if INTEGER.fullmatch(year):
            cells[row.get("edition", "")][(row.get("iso3", ""), int(year))] = line
    for edition, grid in cells.items():
        series = {iso for iso, _ in grid}
        years = range(min(y for _, y in grid), max(y for _, y in grid) + 1)
        if len(years) > 200:
            continue  # an impossible year is reported by the range rule
        missing = [(iso, y) for iso in sorted(series) for y in years if (iso, y) not in grid]
        if missing:
            first = min(grid.values())
            problems.append(Problem(table.label, first, "edition", "edition-incomplete",
                                    f"edition {edition} is not whole: {len(missing)} series-year(s) missing, "
                                    f"e.g. {', '.join(f'{i} {y}' for i, y in missing[:5])}"))


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher
    def norm(t: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9]+", " ", t.lower()).split())
    return SequenceMatcher(None, norm(a), norm(b)).ratio()


#: How alike two titles or summaries must be for two same-day, same-party agreements to count as one.
DUPLICATE_SIMILARITY = 0.85


def _check_duplicates(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """Two agreements with the same parties and date and near-identical titles or summaries are one instrument
    entered twice, unless either names the other in ``distinct_from``."""
    agreements, parties = tables.get("agreements"), tables.get("agreement_parties")
    if not agreements or not parties:
        return
    who = defaultdict(set)
    for row in parties.rows:
        who[row.get("agreement_id", "")].add(row.get("party", ""))
    ids = {row.get("agreement_id", "") for row in agreements.rows}
    groups = defaultdict(list)
    for row, line in zip(agreements.rows, agreements.lines):
        for other in split_list(row.get("distinct_from", "")):
            if other not in ids:
                problems.append(Problem(agreements.label, line, "distinct_from", "unknown-reference",
                                        f"{other[:60]!r} is not an agreement_id in agreements.csv"))
        day = row.get("signed", "").strip() or row.get("in_force", "").strip() or row.get("announced", "").strip()
        if day:
            groups[(frozenset(who[row.get("agreement_id", "")]), day)].append((row, line))
    for rows in groups.values():
        for i, (a, line_a) in enumerate(rows):
            for b, line_b in rows[i + 1:]:
                distinct = (b.get("agreement_id") in split_list(a.get("distinct_from", ""))
                            or a.get("agreement_id") in split_list(b.get("distinct_from", "")))
                alike = max(_similar(a.get("title", ""), b.get("title", "")),
                            _similar(a.get("summary", ""), b.get("summary", "")))
                if alike >= DUPLICATE_SIMILARITY and not distinct:
                    problems.append(Problem(agreements.label, line_b, "agreement_id", "duplicate-agreement",
                                            f"{b.get('agreement_id')!r} has the parties and date of "
                                            f"{a.get('agreement_id')!r} (line {line_a}) and a near-identical title or "
                                            "summary: merge them, or name each other in distinct_from"))


#: The checks across tables, in order; each skips what a table that could not be read would only repeat.
CROSS_CHECKS = (_check_references, _check_dates, _check_ends)
TABLE_CHECKS = (_check_parties, _check_editions, _check_duplicates)


def read_all(data_dir: Path) -> tuple[dict, dict[str, RawTable], list[Problem]]:
    """Read and check every table; return the package, the raw tables and all problems (root causes first)."""
    data_dir = Path(data_dir)
    package, problems = check_package(data_dir)
    if package is None:
        return {}, {}, ordered(problems)
    tables = {}
    for resource in package["resources"]:
        table = read_table(resource, data_dir, problems)
        if table is not None:
            tables[resource["name"]] = table
            _check_fields(resource, table, problems)
    for check in CROSS_CHECKS:
        check(package, tables, problems)
    for check in TABLE_CHECKS:
        check(tables, problems)
    return package, tables, ordered(problems)


def validate(data_dir: Path) -> list[Problem]:
    """Every problem in the dataset at ``data_dir`` (an empty list when it is valid)."""
    return read_all(data_dir)[2]
