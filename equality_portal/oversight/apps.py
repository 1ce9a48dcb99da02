from django.apps import AppConfig

from equality_portal.schools.roles import OVERSEERS


class OversightConfig(AppConfig):
    """What governors and trusts oversee: every app's compliance checks collected for the
    school overview, the termly governors' report, the trust view and the weekly reminders."""

    name = "equality_portal.oversight"
    label = "oversight"
    verbose_name = "Oversight"
    dashboard_panels = [
        "equality_portal.oversight.dashboard.compliance_panel",
        "equality_portal.oversight.dashboard.recent_changes_panel",
    ]
    school_navigation = [("Governors' report", "reports:list", OVERSEERS)]

    def ready(self):
        from . import snapshots

        snapshots.connect()
