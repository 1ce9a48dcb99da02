"""What a statutory compliance check reports. Each app that owns statutory data has a
``compliance.py`` with ``checks(*, school, today) -> list[Check]``; publishing collects them for
the governors' dashboard, the termly report, the trust view and the reminders."""

import datetime
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import models


class Status(models.TextChoices):
    MET = "met", "Met"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    MISSING = "missing", "Missing"


# A check turns "due soon" this many days before its date.
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Check:
    """One statutory check for one school on one day."""

    key: str  # stable identifier, e.g. "objectives_published"
    title: str  # "Equality objectives published within four years"
    status: Status
    summary: str  # what was found, in a sentence; never an individual incident's details
    action: str  # what to do about it
    url: str  # where it is done
    due: datetime.date | None = None  # the date the status turns (next due, or overdue since)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def needs_attention(self) -> bool:
        return self.status != Status.MET


def status_for_due_date(due: datetime.date | None, today: datetime.date) -> Status:
    """Met, due soon (within DUE_SOON_DAYS) or overdue, by a due date; missing with none."""
    if due is None:
        return Status.MISSING
    if due < today:
        return Status.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return Status.DUE_SOON
    return Status.MET


def collect_checks(*, school, today: datetime.date) -> list[Check]:
    """Every app's compliance checks for the school, in the order of INSTALLED_APPS."""
    found = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.compliance"
        if find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        if hasattr(module, "checks"):
            found.extend(module.checks(school=school, today=today))
    return found
