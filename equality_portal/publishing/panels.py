"""Publishing's panel on the school overview: the published status, for staff."""

from equality_portal.schools.panels import Panel
from equality_portal.schools.roles import OVERSEERS

from .selectors import publication_latest, statement_next_due


def published_status_panel(request, school, membership) -> Panel | None:
    if membership.role in OVERSEERS:
        return None
    return Panel(
        title="Published equality information",
        template="publishing/panels/published_status.html",
        context={
            "latest": publication_latest(school=school),
            "next_due": statement_next_due(school=school),
        },
        order=10,
    )
