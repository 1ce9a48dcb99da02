from django.test import Client
from django.urls import reverse

from engagement.compliance import RULES
from engagement.models import INCOMPLETE_LABEL, EngagementRecord
from equality_portal.core.checks import Status, run_rules
from equality_portal.schools.models import School, User
from tests.conftest import load_demo


def test_every_row_of_carringtons_tables_with_the_missing_outcome_left_missing(demo):
    records = EngagementRecord.objects.filter(
        school__slug="carrington", academic_year=demo.statement_year.start_year
    )
    assert set(records.values_list("title", flat=True)) == {
        "Parents and students",
        "Community",
        "Business engagement",
        "Outside agencies for special educational needs",
    }
    parents = records.get(title="Parents and students")
    assert parents.outcome == ""  # the published "%" is not carried over as if it were text
    agencies = records.get(title="Outside agencies for special educational needs")
    assert "Speech and Language Therapy (SALT)" in agencies.named_group
    assert [o.number for o in agencies.objectives.all()] == [2]

    client = Client()
    client.force_login(User.objects.get(username="carrington-governor"))
    page = client.get(
        reverse(
            "engagement:year_list",
            kwargs={"school_slug": "carrington", "year": demo.statement_year},
        )
    ).content.decode()
    assert INCOMPLETE_LABEL in page
    assert page.count(INCOMPLETE_LABEL) == 1  # the other three have their outcomes
    detail = client.get(agencies.get_absolute_url()).content.decode()
    assert "Consultations with the agencies shape strategies" in detail


def test_coopers_engagement_with_parents_residents_and_marjorie_mcclure(demo):
    records = EngagementRecord.objects.filter(
        school__slug="coopers", academic_year=demo.year.start_year
    )
    assert set(records.values_list("title", flat=True)) == {
        "Parents' evening follow-up",
        "Meetings with local residents",
        "Partnership with Marjorie McClure School",
    }
    assert all(record.is_complete for record in records)
    assert records.get(title="Meetings with local residents").recurrence == "termly"


def test_the_compliance_check_reports_carringtons_gap(demo):
    today = demo.today
    carrington = {
        c.key: c
        for c in run_rules(RULES, school=School.objects.get(slug="carrington"), today=today)
    }
    coopers = {
        c.key: c for c in run_rules(RULES, school=School.objects.get(slug="coopers"), today=today)
    }
    assert carrington["engagement_outcomes"].status == Status.MISSING
    assert "“Parents and students”" in carrington["engagement_outcomes"].summary
    assert coopers["engagement_outcomes"].status == Status.MET
    assert coopers["engagement_recorded"].status == Status.MET


def test_loading_the_demo_twice_changes_nothing(demo):
    before = list(EngagementRecord.objects.values_list("pk", "outcome"))
    load_demo()
    assert list(EngagementRecord.objects.values_list("pk", "outcome")) == before
