import datetime

import pytest

from equality_portal.core.checks import Status, status_for_due_date

TODAY = datetime.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("due", "status"),
    [
        (None, Status.MISSING),
        (datetime.date(2026, 11, 21), Status.OVERDUE),
        (TODAY, Status.DUE_SOON),
        (datetime.date(2026, 12, 22), Status.DUE_SOON),
        (datetime.date(2026, 12, 23), Status.MET),
    ],
)
def test_status_follows_the_due_date(due, status):
    assert status_for_due_date(due, TODAY) == status
