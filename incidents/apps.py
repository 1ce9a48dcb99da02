from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    """The prejudice-related incident log, its summaries and retention."""

    name = "incidents"
