"""One rule, one answer. Every statutory or good-practice rule about a school's equality
information is one predicate in the app that owns the data, listed in that app's
``compliance.py`` as ``RULES``. A predicate takes ``(*, school, year, today)`` and returns the
``Check`` (or a list of them) for that school, academic year and day.

``collect_checks`` runs them. The governors' dashboard, the termly report, the trust view and the
reminders collect every rule for the academic year containing today; the pre-publication check
collects the rules marked ``before_publishing`` for the statement's year and lists those that
need attention: a *gate* must be met before the statement can be published (the law or safety
demands it), *advice* is published anyway once leadership acknowledge it. Both read the same
predicates, so a rule cannot be met on the dashboard and unmet before publishing.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db import models

from .academic_year import AcademicYear


class Status(models.TextChoices):
    MET = "met", "Met"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    MISSING = "missing", "Missing"


class Severity(models.TextChoices):
    GATE = "gate", "Must be met before publishing"
    ADVICE = "advice", "Advice: publish anyway once acknowledged"


# A check turns "due soon" this many days before its date.
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Check:
    """What one rule found for one school, academic year and day."""

    key: str  # stable identifier, e.g. "objectives_published"; acknowledgements use it
    title: str  # "Equality objectives published within four years"
    status: Status
    summary: str  # what was found, in a sentence; never an individual incident's details
    action: str  # what to do about it
    url: str  # where it is done
    due: datetime.date | None = None  # the date the status turns (next due, or overdue since)
    severity: Severity = Severity.ADVICE
    fix_label: str = "Fix this"  # the link's words in the pre-publication check

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def needs_attention(self) -> bool:
        return self.status != Status.MET

    @property
    def is_error(self) -> bool:
        """A gate that is not met: publishing is refused until it is."""
        return self.severity == Severity.GATE and self.needs_attention

    @property
    def message(self) -> str:
        return self.summary


Predicate = Callable[..., "Check | list[Check]"]


@dataclass(frozen=True)
class Rule:
    """A predicate ``(*, school, year, today) -> Check | list[Check]`` and where it is asked."""

    predicate: Predicate
    before_publishing: bool = True  # also part of the pre-publication check


def status_for_due_date(due: datetime.date | None, today: datetime.date) -> Status:
    """Met, due soon (within DUE_SOON_DAYS) or overdue, by a due date; missing with none."""
    if due is None:
        return Status.MISSING
    if due < today:
        return Status.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return Status.DUE_SOON
    return Status.MET


def all_rules() -> list[Rule]:
    """Every app's ``compliance.RULES``, in the order of INSTALLED_APPS."""
    found: list[Rule] = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.compliance"
        if find_spec(module_name) is None:
            continue
        found.extend(getattr(import_module(module_name), "RULES", []))
    return found


def _flatten(result: "Check | Iterable[Check]") -> list[Check]:
    return [result] if isinstance(result, Check) else list(result)


def collect_checks(
    *,
    school: Any,
    today: datetime.date,
    year: AcademicYear | None = None,
    before_publishing: bool = False,
) -> list[Check]:
    """Every rule's checks for the school on ``today``, for ``year`` (by default the academic
    year containing today); only the pre-publication rules when ``before_publishing``."""
    return run_rules(
        all_rules(), school=school, today=today, year=year, before_publishing=before_publishing
    )


def run_rules(
    rules: Iterable[Rule],
    *,
    school: Any,
    today: datetime.date,
    year: AcademicYear | None = None,
    before_publishing: bool = False,
) -> list[Check]:
    """The checks of the given rules (one app's ``RULES``, say), as ``collect_checks``."""
    year = year or AcademicYear.containing(today)
    return [
        check
        for rule in rules
        if rule.before_publishing or not before_publishing
        for check in _flatten(rule.predicate(school=school, year=year, today=today))
    ]
