"""Partial ISO 8601 dates that keep the precision the source gave.

A date in this dataset is written as ``2017``, ``2017-12`` or ``2017-12-21``.
:class:`PartialDate` keeps that precision: nothing pads a year to 1 January.
For filtering by date (``as_of``) a partial date is read as the *period* it
names: :meth:`PartialDate.first_day` and :meth:`PartialDate.last_day`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)

YEAR, MONTH, DAY = "year", "month", "day"


class DateFormatError(ValueError):
    """A string is not an ISO 8601 date at year, month or day precision."""


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        match = _PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
        if not match:
            raise DateFormatError(f"{text!r} is not a date written as YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(f"{text!r} has no month {month}")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise DateFormatError(f"{text!r} is not a day of the calendar")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return DAY if self.day else MONTH if self.month else YEAR

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: "PartialDate") -> bool:
        return self._key() < other._key()


def parse_optional(text: str | None) -> PartialDate | None:
    """Parse a date cell; a blank cell is ``None``."""
    if text is None or not str(text).strip():
        return None
    return PartialDate.parse(str(text))


def to_date(value: "str | dt.date | PartialDate") -> dt.date:
    """Turn an ``as_of`` argument into a calendar day (a partial date means its last day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, PartialDate):
        return value.last_day()
    return PartialDate.parse(str(value)).last_day()


def active_on(start: PartialDate | None, end: PartialDate | None, day: dt.date) -> bool:
    """True when a record that runs from ``start`` to ``end`` counts on ``day``.

    The rule, used everywhere: a record counts from the first day of the period
    its start names, through the last day of the period its end names. A record
    with no start never counts; one with no end runs on.
    """
    if start is None or start.first_day() > day:
        return False
    return end is None or day <= end.last_day()
