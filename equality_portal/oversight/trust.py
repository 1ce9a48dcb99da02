"""The trust view: every school a person oversees against every check, with trust totals.

Its queries do not grow with the number of schools: the checks come from each school's
compliance snapshot for the day (``snapshots``), the incidents from one grouped count."""

import datetime
from dataclasses import dataclass, field

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Status
from equality_portal.core.suppression import SuppressedCounts
from equality_portal.schools.models import Membership, School, User
from equality_portal.schools.roles import OVERSEERS
from incidents.selectors import incidents_by_school

from .snapshots import checks_for_schools


def schools_overseen(*, user: User) -> list[School]:
    """The schools where the user may see compliance: governor, leadership or equality lead."""
    return [
        membership.school
        for membership in Membership.objects.filter(user=user, role__in=OVERSEERS)
        .select_related("school")
        .order_by("school__name")
    ]


@dataclass
class TrustRow:
    school: School
    checks: dict[str, Check]
    cells: list[tuple[str, Check | None]] = field(default_factory=list)  # (title, check)


@dataclass
class TrustView:
    columns: list[tuple[str, str]]  # (check key, title)
    rows: list[TrustRow]
    met: dict[str, int]  # schools meeting each check
    incidents: SuppressedCounts  # this year's incidents per school, with the trust total
    academic_year: AcademicYear


def trust_view(*, schools: list[School], today: datetime.date) -> TrustView:
    rows: list[TrustRow] = []
    columns: dict[str, str] = {}  # check key: title
    answers = checks_for_schools(schools=schools, today=today)
    for school in schools:
        checks = {check.key: check for check in answers[school.pk]}
        rows.append(TrustRow(school, checks))
        for key, check in checks.items():
            columns.setdefault(key, check.title)
    for row in rows:  # one cell per column, in the columns' order
        row.cells = [(title, row.checks.get(key)) for key, title in columns.items()]
    return TrustView(
        columns=list(columns.items()),
        rows=rows,
        met={
            key: sum(
                1 for row in rows if key in row.checks and row.checks[key].status == Status.MET
            )
            for key in columns
        },
        incidents=trust_incidents(schools=schools, today=today),
        academic_year=AcademicYear.containing(today),
    )


def trust_incidents(*, schools: list[School], today: datetime.date) -> SuppressedCounts:
    """Each school's incidents this year, from closed terms, disclosed with the trust's total."""
    return incidents_by_school(
        schools=schools, academic_year=AcademicYear.containing(today), today=today
    )
