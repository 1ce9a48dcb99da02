"""The one clock: every today and now in the code comes from here.

Date arithmetic and wording live in ``equality_portal.core.dates``.
"""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today in the portal's time zone: the one place the code reads the calendar.

    Tests that depend on the date set it with time-machine, which moves this clock too.
    """
    return timezone.localdate()


def now() -> datetime.datetime:
    """The current moment, aware, in UTC: the one place the code reads the clock."""
    return timezone.now()
