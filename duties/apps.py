from django.apps import AppConfig

from equality_portal.schools.roles import ALL_ROLES, OVERSEERS


class DutiesConfig(AppConfig):
    """The general duty's three aims, actions taken, equality analyses, policies and monitoring."""

    name = "duties"
    verbose_name = "General duty evidence"
    # Staff see the aims and actions only; governors read the rest.
    school_navigation = [
        ("Three aims", "duties:home", ALL_ROLES),
        ("Equality analyses", "duties:analysis_list", OVERSEERS),
        ("Policies", "duties:policy_list", OVERSEERS),
        ("Monitoring data", "duties:monitoring", OVERSEERS),
    ]
