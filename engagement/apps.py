from django.apps import AppConfig

from equality_portal.schools.roles import ALL_ROLES


class EngagementConfig(AppConfig):
    """Engagement and consultation records."""

    name = "engagement"
    school_navigation = [("Engagement", "engagement:record_list", ALL_ROLES)]
