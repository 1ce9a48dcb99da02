from django.apps import AppConfig


class EngagementConfig(AppConfig):
    """Engagement and consultation records."""

    name = "engagement"
    school_navigation = [("Engagement", "engagement:record_list", None)]
