from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    """Equality objectives, their actions and progress."""

    name = "objectives"
    school_navigation = [("Objectives", "objectives:set_list", None)]
    dashboard_panels = ["objectives.dashboard.progress_panel"]
