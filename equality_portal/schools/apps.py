from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    """Schools, membership roles, school-scoped base views and the sign-in flow."""

    name = "equality_portal.schools"
    label = "schools"
    verbose_name = "Schools and members"
    # Entries for the school navigation: (label, URL name, roles that see it). Each app that
    # adds pages under /schools/<slug>/ declares its own in its AppConfig.
    school_navigation = [
        ("Overview", "schools:dashboard", None),
        ("Members", "schools:member_list", {"leadership"}),
        ("School details", "schools:school_edit", {"leadership"}),
        ("Audit", "schools:audit", {"leadership"}),
    ]
