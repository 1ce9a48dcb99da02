"""The rule the incident log owns, for the governors' dashboard (not the statement)."""

import datetime

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Rule, Status
from equality_portal.core.suppression import suppress_count
from equality_portal.schools.models import School

from .models import Incident


def follow_ups_overdue(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
    """Incident follow-ups overdue: a count only, suppressed like anything governors see."""
    overdue = Incident.objects.for_school(school).overdue(today)
    count = overdue.count()
    url = reverse("incidents:list", kwargs={"school_slug": school.slug}) + "?status=overdue"
    if not count:
        return Check(
            key="incident_follow_ups",
            title="Incident follow-ups up to date",
            status=Status.MET,
            summary="No incident follow-up is overdue.",
            action="Keep following up each incident by its follow-up date.",
            url=url,
        )
    shown = suppress_count(count, threshold=school.suppression_threshold).display
    earliest = overdue.order_by("follow_up_due").values_list("follow_up_due", flat=True).first()
    return Check(
        key="incident_follow_ups",
        title="Incident follow-ups up to date",
        status=Status.OVERDUE,
        summary=f"Follow-ups overdue: {shown}.",
        action="The equality lead should follow up the overdue incidents and record the outcome.",
        url=url,
        due=earliest,
    )


RULES = [Rule(follow_ups_overdue, before_publishing=False)]
