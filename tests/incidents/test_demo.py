import pytest
from django.core.management import call_command

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.models import School
from incidents import selectors
from incidents.models import Incident, IncidentPerson


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_is_a_plausible_year_at_both_schools(demo):
    """One load, several checks: loading the demo takes seconds."""
    _both_schools_have_a_year_of_incidents()
    _summary_shows_suppression()
    _coopers_records_sanctions_for_its_bias_review()
    _some_follow_ups_are_open()
    _no_names_only_internal_references()


def _both_schools_have_a_year_of_incidents():
    for slug in ("carrington", "coopers"):
        school = School.objects.get(slug=slug)
        year = Incident.objects.for_school(school).in_academic_year(AcademicYear(2025))
        assert 40 <= year.count() <= 70
        assert Incident.objects.for_school(school).in_academic_year(AcademicYear(2026)).exists()
        recorders = set(year.values_list("recorded_by__username", flat=True))
        assert recorders == {f"{slug}-staff", f"{slug}-equality-lead"}


def _summary_shows_suppression():
    school = School.objects.get(slug="coopers")
    summary = selectors.incident_summary(
        school=school, academic_year=AcademicYear(2025), today=AcademicYear(2025).end
    )
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
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = (Incident.objects.count(), Incident.history.count(), IncidentPerson.objects.count())
    assert after == before
