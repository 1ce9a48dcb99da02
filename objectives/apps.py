from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    """Equality objectives, their actions and progress."""

    name = "objectives"
    school_navigation = [("Objectives", "objectives:set_list", None)]
