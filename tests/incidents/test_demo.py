import datetime

from equality_portal.schools.models import School
from incidents import selectors
from incidents.models import Incident, IncidentPerson
from tests.conftest import load_demo


def test_the_demo_is_a_plausible_year_at_both_schools(demo):
    """One load, several checks: loading the demo takes seconds."""
    _both_schools_have_a_year_of_incidents(demo)
    _summary_shows_suppression(demo)
    _coopers_records_sanctions_for_its_bias_review()
    _some_follow_ups_are_open()
    _no_names_only_internal_references()


def _both_schools_have_a_year_of_incidents(calendar):
    for slug in ("carrington", "coopers"):
        school = School.objects.get(slug=slug)
        incidents = Incident.objects.for_school(school)
        year = incidents.filter(occurred_on__gt=calendar.today - datetime.timedelta(days=365))
        assert 40 <= year.count() <= 80
        assert incidents.filter(occurred_on__gte=calendar.today).count() == 0
        recent = incidents.filter(occurred_on__gte=calendar.today - datetime.timedelta(days=21))
        assert recent.filter(status="open").count() >= 5
        recorders = set(year.values_list("recorded_by__username", flat=True))
        assert recorders == {f"{slug}-staff", f"{slug}-equality-lead"}


def _summary_shows_suppression(calendar):
    school = School.objects.get(slug="coopers")
    year = calendar.statement_year
    summary = selectors.incident_summary(school=school, academic_year=year, today=year.end)
    assert summary.by_motivation["Race (racist)"].count >= 10
    assert summary.by_motivation["Pregnancy or maternity"].suppressed
    assert summary.total.count >= 40


def _coopers_records_sanctions_for_its_bias_review():
    sanction = Incident.objects.filter(school__slug="coopers", actions__kind="sanction").first()
    assert "reviews for bias" in sanction.actions.get(kind="sanction").notes


def _some_follow_ups_are_open():
    assert Incident.objects.filter(status="open").exists()
    assert Incident.objects.filter(status="closed").exists()


def _no_names_only_internal_references():
    references = IncidentPerson.objects.exclude(internal_reference="").values_list(
        "internal_reference", flat=True
    )
    assert references
    assert all(ref.split("-")[0] in ("SIMS", "MIS") for ref in references)


def test_loading_the_demo_twice_changes_nothing(demo):
    before = (Incident.objects.count(), Incident.history.count(), IncidentPerson.objects.count())
    load_demo()
    after = (Incident.objects.count(), Incident.history.count(), IncidentPerson.objects.count())
    assert after == before
