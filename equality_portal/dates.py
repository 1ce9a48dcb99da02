"""The one clock: every today and now in the code comes from here.

Date arithmetic and wording live in ``equality_portal.core.dates``.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

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
