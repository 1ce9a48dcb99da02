from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Statement composition, publication snapshots, public pages and the compliance dashboard."""

    name = "equality_portal.publishing"
    label = "publishing"
    verbose_name = "Publishing"
    school_navigation = [
        ("Statement", "publishing:home", {"governor", "leadership", "equality_lead"}),
    ]
