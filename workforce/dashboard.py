"""The pay gap panel on the school overview: the snapshot, the deadline, and whether it is met."""

from equality_portal import dates
from equality_portal.schools.panels import Panel
from equality_portal.schools.roles import MANAGERS, OVERSEERS

from . import selectors
from .paygap import DUTY_THRESHOLD


def pay_gap_panel(request, school, membership) -> Panel | None:
    if membership.role not in OVERSEERS:
        return None
    today = dates.today()
    employer = selectors.employer_of(school)
    deadline = selectors.pay_gap_deadline(school=school, today=today)
    return Panel(
        title="Gender pay gap",
        template="workforce/panel.html",
        context={
            "employer": employer,
            "headcount": selectors.employer_headcount(employer),
            "threshold": DUTY_THRESHOLD,
            "deadline": deadline,
            "days_left": deadline.days_left(today),
            "can_edit": membership.role in MANAGERS,
        },
        order=30,
    )
