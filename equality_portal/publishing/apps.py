from django.apps import AppConfig

from equality_portal.schools.roles import OVERSEERS


class PublishingConfig(AppConfig):
    """Statement composition, approval, publication snapshots and the public pages."""

    name = "equality_portal.publishing"
    label = "publishing"
    verbose_name = "Publishing"
    dashboard_panels = [
        "equality_portal.publishing.panels.published_status_panel",
    ]
    school_navigation = [
        ("Statement", "publishing:home", OVERSEERS),
    ]

    def ready(self):
        from . import public_cache  # noqa: F401 (connects its signal receivers)
