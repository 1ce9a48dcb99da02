"""The objectives' panel on the school overview: progress at a glance."""

from equality_portal import dates
from equality_portal.schools.panels import Panel
from equality_portal.schools.roles import OVERSEERS

from .selectors import objective_set_current


def objectives_glance(*, school, on=None) -> dict:
    """The set in force and each objective's latest progress, for the overview and the
    governors' report."""
    objective_set = objective_set_current(school=school, on=on or dates.today())
    return {
        "objective_set": objective_set,
        "objectives": list(objective_set.objectives.all()) if objective_set else [],
    }


def progress_panel(request, school, membership) -> Panel | None:
    if membership.role not in OVERSEERS:
        return None
    return Panel(
        title="Equality objectives",
        template="objectives/includes/glance.html",
        context=objectives_glance(school=school),
        order=20,
        wide=True,
    )
