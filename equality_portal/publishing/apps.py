from django.apps import AppConfig

from equality_portal.schools.roles import OVERSEERS


class PublishingConfig(AppConfig):
    """Statement composition, publication snapshots, public pages and the compliance dashboard."""

    name = "equality_portal.publishing"
    label = "publishing"
    verbose_name = "Publishing"
    dashboard_panels = [
        "equality_portal.publishing.dashboard.compliance_panel",
        "equality_portal.publishing.dashboard.published_status_panel",
        "equality_portal.publishing.dashboard.recent_changes_panel",
    ]
    school_navigation = [
        ("Statement", "publishing:home", OVERSEERS),
        ("Governors' report", "reports:list", OVERSEERS),
    ]

    def ready(self):
        from . import public_cache  # noqa: F401 (connects its signal receivers)
