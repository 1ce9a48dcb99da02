"""The incident log's panels on the school overview.

Governors and managers see the suppressed trend and the count of overdue follow-ups; staff see
only the incidents they recorded. Nobody sees an individual incident here.
"""

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.suppression import suppress_count
from equality_portal.schools.panels import Panel
from equality_portal.schools.roles import MANAGERS, OVERSEERS

from .charts import term_bar_chart
from .models import Incident
from .selectors import incident_overdue_list, incident_summary


def incident_trend(*, school, academic_year: AcademicYear, today) -> dict:
    """The year's suppressed summary and its trend chart, for the overview and the report."""
    summary = incident_summary(school=school, academic_year=academic_year, today=today)
    return {
        "summary": summary,
        "chart": term_bar_chart(summary.trend, threshold=summary.threshold),
    }


def trend_panel(request, school, membership) -> Panel | None:
    if membership.role not in OVERSEERS:
        return None
    today = dates.today()
    context = incident_trend(
        school=school, academic_year=AcademicYear.containing(today), today=today
    )
    overdue = incident_overdue_list(school=school, today=today).count()
    # Managers work through the overdue list; governors see only a suppressed count.
    context["overdue"] = (
        str(overdue)
        if membership.role in MANAGERS
        else suppress_count(overdue, threshold=school.suppression_threshold).display
    )
    context["is_manager"] = membership.role in MANAGERS
    return Panel(
        title="Prejudice-related incidents",
        template="incidents/panels/trend.html",
        context=context,
        order=30,
    )


def my_incidents_panel(request, school, membership) -> Panel | None:
    if membership.role in OVERSEERS:
        return None
    mine = Incident.objects.for_school(school).recorded_by(request.user)
    return Panel(
        title="Incidents you recorded",
        template="incidents/panels/mine.html",
        context={"count": mine.count(), "open": mine.filter(status="open").count()},
        order=20,
    )
