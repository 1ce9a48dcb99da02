from django.apps import AppConfig

from equality_portal.schools.roles import OVERSEERS


class WorkforceConfig(AppConfig):
    """The employer's duties: pay gap reports from the snapshot payroll."""

    name = "workforce"
    verbose_name = "Workforce"
    school_navigation = [("Pay gap", "workforce:pay_gap_list", OVERSEERS)]
    dashboard_panels = ["workforce.dashboard.pay_gap_panel"]
