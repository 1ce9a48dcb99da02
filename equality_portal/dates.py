"""Date arithmetic and wording shared by every app."""

import calendar
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone
from django.utils.dateformat import format as date_format


# Set only by ``as_of``: the demo loader publishes last year's statement as of last year.
_moment: ContextVar[datetime.datetime | None] = ContextVar("moment", default=None)


def today() -> datetime.date:
    """Today in the portal's time zone: the one place the code reads the calendar.

    Tests that depend on the date set it with time-machine, which moves this clock too.
    """
    return timezone.localdate(now())


def now() -> datetime.datetime:
    """The current moment, aware: the one place the code reads the clock."""
    return _moment.get() or timezone.now()


@contextmanager
def as_of(moment: datetime.datetime) -> Iterator[None]:
    """Inside the block, ``today()`` and ``now()`` answer ``moment`` (an aware datetime)."""
    if timezone.is_naive(moment):
        raise ValueError("as_of needs an aware datetime.")
    token = _moment.set(moment)
    try:
        yield
    finally:
        _moment.reset(token)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 March + 1 month: 30 April)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    return add_months(day, 12 * years)


def long_date(day: datetime.date) -> str:
    """``1 September 2024``: how dates read on the portal's pages and in messages."""
    return date_format(day, "j F Y")
