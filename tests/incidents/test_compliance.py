import datetime

from equality_portal.core.checks import Status, run_rules
from incidents.compliance import RULES
from tests.factories import IncidentFactory

TODAY = datetime.date(2026, 11, 22)


def follow_up_check(school):
    (check,) = [
        c for c in run_rules(RULES, school=school, today=TODAY) if c.key == "incident_follow_ups"
    ]
    return check


def test_met_when_no_follow_up_is_overdue(school):
    IncidentFactory(school=school, follow_up_due=TODAY)  # due today: not yet overdue
    IncidentFactory(school=school, follow_up_due=datetime.date(2026, 1, 1), status="closed")
    check = follow_up_check(school)
    assert check.status == Status.MET
    assert check.url == f"/schools/{school.slug}/incidents/?status=overdue"


def test_overdue_gives_a_suppressed_count_and_no_details(school):
    IncidentFactory(school=school, follow_up_due=datetime.date(2026, 11, 1))
    IncidentFactory(school=school, follow_up_due=datetime.date(2026, 10, 1))
    check = follow_up_check(school)
    assert check.status == Status.OVERDUE
    assert check.summary == "Follow-ups overdue: fewer than 5."
    assert check.due == datetime.date(2026, 10, 1)
    assert "INC-" not in check.summary + check.action


def test_five_or_more_overdue_are_counted(school, other_school):
    for _ in range(6):
        IncidentFactory(school=school, follow_up_due=datetime.date(2026, 11, 1))
    IncidentFactory(school=other_school, follow_up_due=datetime.date(2026, 11, 1))
    assert follow_up_check(school).summary == "Follow-ups overdue: 5."  # 6, rounded
