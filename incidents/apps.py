from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    """The prejudice-related incident log, its summaries and retention."""

    name = "incidents"
    # Governors read the summary only; staff their own incidents; managers everything.
    school_navigation = [
        ("Incidents", "incidents:list", {"staff", "leadership", "equality_lead"}),
        ("Incident summary", "incidents:summary", {"governor", "leadership", "equality_lead"}),
    ]
