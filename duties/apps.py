from django.apps import AppConfig


class DutiesConfig(AppConfig):
    """The general duty's three aims, actions taken, equality analyses, policies and monitoring."""

    name = "duties"
    verbose_name = "General duty evidence"
    # Staff see the aims and actions only; governors read the rest.
    school_navigation = [
        ("Three aims", "duties:home", None),
        ("Equality analyses", "duties:analysis_list", {"governor", "leadership", "equality_lead"}),
        ("Policies", "duties:policy_list", {"governor", "leadership", "equality_lead"}),
        ("Monitoring data", "duties:monitoring", {"governor", "leadership", "equality_lead"}),
    ]
