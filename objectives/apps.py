from django.apps import AppConfig

from equality_portal.schools.roles import ALL_ROLES


class ObjectivesConfig(AppConfig):
    """Equality objectives, their actions and progress."""

    name = "objectives"
    school_navigation = [("Objectives", "objectives:set_list", ALL_ROLES)]
    dashboard_panels = ["objectives.dashboard.progress_panel"]
