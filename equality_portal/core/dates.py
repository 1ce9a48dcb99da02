"""Date arithmetic and wording shared by every app. The clock is ``equality_portal.dates``."""

import calendar
import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 March + 1 month: 30 April)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    return add_months(day, 12 * years)


def long_date(day: datetime.date | datetime.datetime | str | None) -> str:
    """``1 September 2024``: the one way a date reads on the portal's pages, in messages and in
    the statement, with no leading zero on any platform. Takes a date, an aware moment (shown
    in the portal's time zone) or an ISO date from the statement's data; empty for none."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day[:10])
    elif isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return date_format(day, "j F Y")
