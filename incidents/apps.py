from django.apps import AppConfig

from equality_portal.schools.roles import INCIDENT_READERS, OVERSEERS


class IncidentsConfig(AppConfig):
    """The prejudice-related incident log, its summaries and retention."""

    name = "incidents"
    # Governors read the summary only; staff their own incidents; managers everything.
    dashboard_panels = [
        "incidents.dashboard.trend_panel",
        "incidents.dashboard.my_incidents_panel",
    ]
    school_navigation = [
        ("Incidents", "incidents:list", INCIDENT_READERS),
        ("Incident summary", "incidents:summary", OVERSEERS),
    ]
