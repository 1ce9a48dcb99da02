"""Statutory checks on equality objectives: published within four years, and measurable."""

import datetime

from django.urls import reverse

from equality_portal.core.checks import Check, Status, status_for_due_date
from equality_portal.schools.models import School

from . import selectors
from .models import long_date


def _objectives_published(*, school: School, today: datetime.date) -> Check:
    latest = selectors.objective_set_latest_published(school=school)
    title = "Equality objectives published within four years"
    if latest is None:
        return Check(
            key="objectives_published",
            title=title,
            status=Status.MISSING,
            summary="No set of equality objectives has been published.",
            action="Set specific and measurable objectives, publish them, and record the date.",
            url=reverse("objectives:set_list", kwargs={"school_slug": school.slug}),
        )
    status = status_for_due_date(latest.next_due, today)
    summary = (
        f"“{latest.title}” was published on {long_date(latest.published_on)}; the next set is "
        f"due by {long_date(latest.next_due)}."
    )
    action = {
        Status.MET: "Nothing to do until the next set is due.",
        Status.DUE_SOON: "Prepare and publish the next set of objectives.",
        Status.OVERDUE: "Publish a new set of objectives now.",
    }[status]
    return Check(
        key="objectives_published",
        title=title,
        status=status,
        summary=summary,
        action=action,
        url=latest.get_absolute_url() if status == Status.MET else _set_add_url(school),
        due=latest.next_due,
    )


def _set_add_url(school: School) -> str:
    return reverse("objectives:set_add", kwargs={"school_slug": school.slug})


def _objectives_measurable(*, school: School, today: datetime.date) -> Check:
    current = selectors.objective_set_current(school=school, on=today)
    title = "Every equality objective is measurable"
    if current is None or not current.objectives.all():
        return Check(
            key="objectives_measurable",
            title=title,
            status=Status.MISSING,
            summary="There are no current objectives to measure.",
            action="Add specific and measurable objectives.",
            url=current.get_absolute_url() if current else _set_add_url(school),
        )
    not_measurable = selectors.objectives_not_measurable(objective_set=current)
    count = not_measurable.count()
    if not count:
        return Check(
            key="objectives_measurable",
            title=title,
            status=Status.MET,
            summary=(
                f"All {current.objective_count} objectives in “{current.title}” are measurable."
            ),
            action="Nothing to do.",
            url=current.get_absolute_url(),
        )
    first = not_measurable.first()
    return Check(
        key="objectives_measurable",
        title=title,
        status=Status.MISSING,
        summary=(
            f"{count} of {current.objective_count} objectives in “{current.title}” "
            f"{'is' if count == 1 else 'are'} not measurable."
        ),
        action=(
            "Give each a baseline, a target and a target date, or success criteria with a "
            f"date, starting with objective {first.number}."
        ),
        url=reverse(
            "objectives:objective_edit", kwargs={"school_slug": school.slug, "pk": first.pk}
        ),
    )


def checks(*, school: School, today: datetime.date) -> list[Check]:
    """The objectives checks for one school on one day."""
    return [
        _objectives_published(school=school, today=today),
        _objectives_measurable(school=school, today=today),
    ]
