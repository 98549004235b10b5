import datetime as dt

import pytest

from analysis.dates import DateFormatError, PartialDate, active_on, to_date


@pytest.mark.parametrize("text,precision,first,last", [
    ("2017", "year", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2017-12-21", "day", dt.date(2017, 12, 21), dt.date(2017, 12, 21)),
    ("1373", "year", dt.date(1373, 1, 1), dt.date(1373, 12, 31)),
])
def test_precision_is_kept(text, precision, first, last):
    d = PartialDate.parse(text)
    assert d.precision == precision
    assert str(d) == text  # nothing is padded
    assert (d.first_day(), d.last_day()) == (first, last)


@pytest.mark.parametrize("bad", ["2017-13", "2021-02-29", "2017-00-10", "17", "2017/12/21", "2017-1-2", "", "2017-12-21T00:00"])
def test_malformed_and_impossible_dates_are_refused(bad):
    with pytest.raises(DateFormatError):
        PartialDate.parse(bad)


def test_ordering_puts_coarser_dates_first():
    assert PartialDate.parse("2017") < PartialDate.parse("2017-01") < PartialDate.parse("2017-01-01")


def test_active_on_counts_whole_periods():
    since, until = PartialDate.parse("2017"), PartialDate.parse("2020-01-31")
    assert not active_on(since, until, dt.date(2016, 12, 31))
    assert active_on(since, until, dt.date(2017, 1, 1))
    assert active_on(since, until, dt.date(2020, 1, 31))
    assert not active_on(since, until, dt.date(2020, 2, 1))
    assert active_on(since, None, dt.date(2099, 1, 1))
    assert not active_on(None, None, dt.date(2020, 1, 1))


def test_to_date_reads_partial_dates_as_their_last_day():
    assert to_date("2022-02") == dt.date(2022, 2, 28)
    assert to_date(dt.date(2020, 5, 1)) == dt.date(2020, 5, 1)
