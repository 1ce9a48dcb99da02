"""Oversight's panels on the school overview: compliance checks and recent changes."""

import datetime
from dataclasses import dataclass

from django.apps import apps

from equality_portal import dates
from equality_portal.core.checks import collect_checks
from equality_portal.schools.models import AuditEvent, School
from equality_portal.schools.panels import Panel
from equality_portal.schools.roles import MANAGERS, OVERSEERS

from .snapshots import checks_store
from .verdict import next_step, verdict

# Apps whose change history names individual cases: never shown beyond their managers.
PRIVATE_HISTORY_APPS = frozenset({"incidents"})

HISTORY_VERBS = {"+": "added", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class Change:
    at: datetime.datetime
    who: str
    what: str
    area: str = "The statement and the school's details"  # what kind of record changed


def _history_models(*, include_private: bool):
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not any(f.name == "school" for f in model._meta.fields):
            continue
        if model._meta.app_label in PRIVATE_HISTORY_APPS and not include_private:
            continue
        yield model


def recent_changes(
    *,
    school: School,
    include_private: bool,
    limit: int = 10,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> list[Change]:
    """The latest changes to the school's records, optionally between two moments: audit
    events and every school-scoped model's history. One query per audited model, whatever the
    amount of data."""
    window = {}
    if since is not None:
        window["gt"] = since
    if until is not None:
        window["lte"] = until
    events = AuditEvent.objects.filter(
        school=school, **{f"at__{op}": moment for op, moment in window.items()}
    )
    changes = [
        Change(event.at, str(event.actor or "(account removed)"), event.detail)
        for event in events.select_related("actor")[:limit]
    ]
    for model in _history_models(include_private=include_private):
        records = (
            model.history.filter(
                school_id=school.pk,
                **{f"history_date__{op}": moment for op, moment in window.items()},
            )
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        label = model._meta.verbose_name
        for record in records:
            changes.append(
                Change(
                    record.history_date,
                    str(record.history_user or "the portal"),
                    f"{label.capitalize()} “{record.instance}” "
                    f"{HISTORY_VERBS.get(record.history_type, 'changed')}",
                    str(model._meta.verbose_name_plural).capitalize(),
                )
            )
    return sorted(changes, key=lambda change: change.at, reverse=True)[:limit]


def compliance_panel(request, school, membership) -> Panel | None:
    if membership.role not in OVERSEERS:
        return None
    today = dates.today()
    checks = collect_checks(school=school, today=today)
    checks_store(school=school, today=today, checks=checks)  # the trust view reads these
    return Panel(
        title="Compliance",
        template="oversight/panels/compliance.html",
        context={
            "checks": checks,
            "needing_attention": [c for c in checks if c.needs_attention],
            "verdict": verdict(checks, today),
            "steps": [next_step(check, membership.role) for check in checks],
        },
        order=10,
        wide=True,
    )


def recent_changes_panel(request, school, membership) -> Panel | None:
    if membership.role not in OVERSEERS:
        return None
    return Panel(
        title="Recent changes",
        template="oversight/panels/recent_changes.html",
        context={
            "changes": recent_changes(school=school, include_private=membership.role in MANAGERS)
        },
        order=90,
        wide=True,
    )
