from django.apps import AppConfig

from equality_portal.schools.roles import ALL_ROLES, LEADERSHIP_ONLY


class SchoolsConfig(AppConfig):
    """Schools, membership roles, school-scoped base views and the sign-in flow."""

    name = "equality_portal.schools"
    label = "schools"
    verbose_name = "Schools and members"
    # Entries for the school navigation: (label, URL name, roles that see it). Each app that
    # adds pages under /schools/<slug>/ declares its own in its AppConfig.
    school_navigation = [
        ("Overview", "schools:dashboard", ALL_ROLES),
        ("Members", "schools:member_list", LEADERSHIP_ONLY),
        ("School details", "schools:school_edit", LEADERSHIP_ONLY),
        ("Audit", "schools:audit", LEADERSHIP_ONLY),
    ]
