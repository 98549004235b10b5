"""Loading the dataset into typed tables, and the dataset as it stood on a date.

``load()`` validates first and refuses bad data (:class:`DataValidationError`
lists every problem with file, line and column). Tables come back as pandas
DataFrames: date columns hold :class:`~analysis.dates.PartialDate` values (or
``None``) so the precision the source gave is kept; ``;``-separated list
columns hold tuples; integer columns are nullable integers.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .dates import PartialDate, active_on, to_date
from .validate import DataValidationError, Problem, RawTable, read_all, split_list

#: Where the shipped data lives (overridable with the ANALYSIS_DATA environment variable).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def slugify(text: str) -> str:
    """ASCII lower-case slug of at most 60 characters: 'Türkiye' -> 'turkiye', 'Bosnia and Herzegovina' -> 'bosnia-and-herzegovina'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-")  # a file name, whatever the length of the name


def data_dir(path: str | Path | None = None) -> Path:
    """The data folder: ``path`` if given, else $ANALYSIS_DATA, else the shipped data.

    An explicitly empty path is refused rather than read as "the default" or as the working directory.
    """
    if path is None:
        return Path(os.environ.get("ANALYSIS_DATA") or DEFAULT_DATA_DIR)
    if not str(path).strip():
        raise DataValidationError([Problem("(data folder)", None, None, "datapackage",
                                           "the data folder path is empty: give a folder or leave it out")])
    return Path(path)


@dataclass(frozen=True)
class Dataset:
    """The tables of the dataset, typed, with the package's metadata."""
    tables: dict[str, pd.DataFrame]
    package: dict = field(repr=False)
    as_of_date: dt.date | None = None

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def version(self) -> str:
        return self.package.get("version", "")

    @property
    def as_at(self) -> PartialDate:
        """The date the data are correct as at (from the datapackage)."""
        return PartialDate.parse(self.package["x-as-at"])

    def resource(self, name: str) -> dict:
        return next(r for r in self.package["resources"] if r["name"] == name)

    def country_names(self) -> dict[str, str]:
        return dict(zip(self.countries["iso3"], self.countries["name"]))

    def profile_slug(self, iso3: str) -> str:
        """File name (without suffix) of a state's profile page: its name as a slug, so pages sort by name
        (the code in lower case where the name has no letter in ASCII, or where two names share a slug)."""
        return self._slugs()[iso3]

    def _slugs(self) -> dict[str, str]:
        cached = self.__dict__.get("_slug_cache")
        if cached is None:
            slugs = {iso: slugify(name) or iso.lower() for iso, name in self.country_names().items()}
            counts = pd.Series(list(slugs.values())).value_counts()
            cached = {iso: s if counts[s] == 1 else f"{s}-{iso.lower()}" for iso, s in slugs.items()}
            object.__setattr__(self, "_slug_cache", cached)
        return cached

    def profile_url(self, iso3: str) -> str:
        """Where a state's profile is, relative to a chapter page in book/."""
        return f"generated/profiles/{self.profile_slug(iso3)}.html"

    def org_names(self) -> dict[str, str]:
        return dict(zip(self.organisations["org_id"], self.organisations["short_name"]))


def _typed(resource: dict, raw: RawTable) -> pd.DataFrame:
    columns = {}
    for f in resource["schema"]["fields"]:
        values = [row.get(f["name"], "") for row in raw.rows]
        if f.get("x-partial-date"):
            columns[f["name"]] = pd.Series([PartialDate.parse(v) if v else None for v in values], dtype=object)
        elif "x-separator" in f:
            columns[f["name"]] = pd.Series([tuple(split_list(v, f["x-separator"])) for v in values], dtype=object)
        elif f.get("type") == "integer":
            columns[f["name"]] = pd.array([int(v) if v else None for v in values], dtype="Int64")
        elif f.get("type") == "number":
            columns[f["name"]] = pd.array([float(v) if v else None for v in values], dtype="Float64")
        else:
            columns[f["name"]] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(columns)
    frame.attrs["lines"] = raw.lines
    return frame


def load(path: str | Path | None = None) -> Dataset:
    """Validate and load the dataset; raise :class:`DataValidationError` on any problem."""
    package, raw, problems = read_all(data_dir(path))
    if problems:
        raise DataValidationError(problems)
    tables = {r["name"]: _typed(r, raw[r["name"]]) for r in package["resources"]}
    return Dataset(tables=tables, package=package)


#: Where an agreement's start is read, in order: its entry into force, its signing, its announcement (an instrument
#: only announced never counts, whatever its dates: see :func:`as_of`).
AGREEMENT_START = ("in_force", "signed", "announced")


def known_from(row, start_cols: tuple[str, ...], published: dict[str, PartialDate | None]) -> PartialDate | None:
    """When a record starts counting: its own start date, else the earliest date one of its sources attests it.

    A record whose start no source gives is known to hold at least from the
    day a source reported it (its publication date, or failing that the date
    the editors read it); it is never back-dated further than that.
    """
    own = next((row[c] for c in start_cols if row[c] is not None), None)
    if own is not None:
        return own
    dates = [published.get(s) for s in row["source_ids"] if published.get(s) is not None]
    return min(dates) if dates else None


def known_until(row, end_col: str, start: PartialDate | None) -> PartialDate | None:
    """When a record stops counting: its own end date; for an activity marked ``concluded`` (over, its end not
    recorded), the month its start names (the year, where only the year is known), so a one-off exercise with no
    recorded end counts in the month it began and is not shown running ever after; otherwise None (continuing)."""
    if row[end_col] is not None:
        return row[end_col]
    if row.get("concluded") == "yes" and start is not None:
        return PartialDate(start.year, start.month)
    return None


def _mask(published: dict, frame: pd.DataFrame, start_cols: tuple[str, ...], end_col: str, day: dt.date,
          never: pd.Series | None = None) -> pd.Series:
    if not len(frame):
        return pd.Series([], dtype=bool)

    def active(row) -> bool:
        start = known_from(row, start_cols, published)
        return active_on(start, known_until(row, end_col, start), day)

    mask = frame.apply(active, axis=1)
    mask = mask.astype(bool)
    return mask & ~never if never is not None else mask


def as_of(data: Dataset, when: str | dt.date | PartialDate) -> Dataset:
    """The dataset as it stood on ``when``.

    Memberships count from ``since`` to ``until``; agreements from ``in_force``
    (or ``signed`` where no entry into force is recorded) to ``ended``;
    activities from ``start`` to ``end`` (through the period of ``start`` for one marked ``concluded`` with no
    end, see :func:`known_until`); organisations from ``founded`` (an
    organisation with no founding date is kept). A partial date counts as the
    whole period it names (see :func:`analysis.dates.active_on`); a record with
    no start date counts from the earliest date a source attests it (see
    :func:`known_from`). Agreements only announced, never signed, never count.
    """
    day = to_date(when)
    t = dict(data.tables)
    published = {sid: pub or acc for sid, pub, acc in
                 zip(data.sources["source_id"], data.sources["published"], data.sources["accessed"])}
    t["memberships"] = t["memberships"][_mask(published, t["memberships"], ("since",), "until", day)]
    agreements = t["agreements"]
    t["agreements"] = agreements[_mask(published, agreements, AGREEMENT_START, "ended", day,
                                       never=agreements["status"] == "announced")]
    t["agreement_parties"] = t["agreement_parties"][
        t["agreement_parties"]["agreement_id"].isin(set(t["agreements"]["agreement_id"]))]
    t["activities"] = t["activities"][_mask(published, t["activities"], ("start",), "end", day)]
    orgs = t["organisations"]
    t["organisations"] = orgs[orgs["founded"].map(lambda d: d is None or d.first_day() <= day).astype(bool)]
    return replace(data, tables={k: v.reset_index(drop=True) for k, v in t.items()}, as_of_date=day)


def spans(data: Dataset, table: str, announced: bool = False) -> list[tuple[dt.date | None, dt.date | None]]:
    """For each row of a dated table, the first and last day it counts by the rule of :func:`as_of`
    (``(None, None)`` for a row that never counts): what a client without Python needs to filter by date.

    With ``announced``, an agreement only announced (which never counts) is given instead the days it is listed
    as announced: from its ``announced`` date to its ``ended`` date (``(None, None)`` if it has no announced date).
    """
    published = {sid: pub or acc for sid, pub, acc in
                 zip(data.sources["source_id"], data.sources["published"], data.sources["accessed"])}
    start_cols, end_col = {"memberships": (("since",), "until"), "agreements": (AGREEMENT_START, "ended"),
                           "activities": (("start",), "end")}[table]
    out = []
    for _, row in data.tables[table].iterrows():
        start = known_from(row, start_cols, published)
        never = table == "agreements" and row["status"] == "announced"
        if never and announced:
            start, never = row["announced"], row["announced"] is None
        end = known_until(row, end_col, start)
        out.append((None, None) if start is None or never else (start.first_day(), end.last_day() if end else None))
    return out
