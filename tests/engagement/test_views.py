from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from engagement.models import INCOMPLETE_LABEL, OUTCOME_NOT_WORDS, EngagementRecord
from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.roles import Role
from tests.factories import EngagementRecordFactory, ObjectiveFactory

ALL = {Role.GOVERNOR, Role.LEADERSHIP, Role.EQUALITY_LEAD, Role.STAFF}
MANAGERS = {Role.LEADERSHIP, Role.EQUALITY_LEAD}


def url(name, school, **kwargs):
    return reverse(f"engagement:{name}", kwargs={"school_slug": school.slug, **kwargs})


@pytest.fixture
def record(school):
    return EngagementRecordFactory(school=school, academic_year=2026, title="Parents' survey")


PAGES = [
    ("record_list", {}, ALL),
    ("year_list", {"year": AcademicYear(2026)}, ALL),
    ("record_add", {}, MANAGERS),
    ("record_detail", "pk", ALL),
    ("record_edit", "pk", MANAGERS),
]


def page_url(name, kwargs, school, record):
    return url(name, school, **({"pk": record.pk} if kwargs == "pk" else kwargs))


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("name", "kwargs", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_renders_for_the_roles_allowed_and_is_403_for_the_others(
    make_member, school, record, role, name, kwargs, allowed
):
    client = Client(raise_request_exception=False)
    client.force_login(make_member(role).user)
    response = client.get(page_url(name, kwargs, school, record))
    expected = HTTPStatus.OK if role in allowed else HTTPStatus.FORBIDDEN
    assert response.status_code == expected
    if expected == HTTPStatus.OK:
        assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize(("name", "kwargs", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_another_schools_members_get_404(outsider_client, school, record, name, kwargs, allowed):
    response = outsider_client.get(page_url(name, kwargs, school, record))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_another_schools_record_is_404_through_this_school(leadership_client, school, other_school):
    elsewhere = EngagementRecordFactory(school=other_school)
    assert leadership_client.get(url("record_detail", school, pk=elsewhere.pk)).status_code == 404
    response = leadership_client.post(url("record_edit", school, pk=elsewhere.pk), {"title": "x"})
    assert response.status_code == HTTPStatus.NOT_FOUND


def form_data(**overrides):
    data = {
        "academic_year": str(AcademicYear.current().start_year),
        "title": "Parents' evening follow-up",
        "audiences": ["parents_carers"],
        "methods": ["parents_evening", "home_visit"],
        "recurrence": "termly",
        "learned": "Some families cannot come in the evening.",
        "outcome": "",
    }
    data.update(overrides)
    return data


def test_a_record_without_an_outcome_is_saved_and_shown_as_incomplete(
    equality_lead_client, governor_client, school
):
    response = equality_lead_client.post(url("record_add", school), form_data(), follow=True)
    record = EngagementRecord.objects.get()
    assert response.redirect_chain[-1][0] == record.get_absolute_url()
    page = response.content.decode()
    assert "It is incomplete until you record what changed." in page
    assert INCOMPLETE_LABEL in page
    listing = governor_client.get(url("record_list", school)).content.decode()
    assert INCOMPLETE_LABEL in listing
    assert "1 record in" in listing


def test_a_stray_percent_as_the_outcome_is_refused_beside_the_field(equality_lead_client, school):
    response = equality_lead_client.post(url("record_add", school), form_data(outcome="%"))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert 'href="#id_outcome"' in page
    assert 'id="id_outcome_error"' in page
    assert OUTCOME_NOT_WORDS in page.replace("&#x27;", "'")
    assert "Some families cannot come in the evening." in page  # nothing lost
    assert not EngagementRecord.objects.exists()


def test_a_date_outside_the_year_is_refused_beside_the_date(leadership_client, school):
    response = leadership_client.post(
        url("record_add", school),
        form_data(academic_year="2025", recurrence="", held_on="2026-10-01"),
    )
    page = response.content.decode()
    assert 'id="id_held_on_error"' in page
    assert "within the academic year 2025-26" in page
    assert not EngagementRecord.objects.exists()


def test_only_this_schools_objectives_are_offered_and_accepted(
    leadership_client, school, other_school
):
    ours = ObjectiveFactory(objective_set__school=school, title="Close the maths gap")
    theirs = ObjectiveFactory(objective_set__school=other_school, title="Their objective")
    form = leadership_client.get(url("record_add", school)).content.decode()
    assert "Close the maths gap" in form
    assert "Their objective" not in form
    response = leadership_client.post(
        url("record_add", school), form_data(objectives=[str(theirs.pk)])
    )
    assert 'id="id_objectives_error"' in response.content.decode()
    assert not EngagementRecord.objects.exists()
    leadership_client.post(url("record_add", school), form_data(objectives=[str(ours.pk)]))
    record = EngagementRecord.objects.get()
    assert list(record.objectives.all()) == [ours]
    detail = leadership_client.get(record.get_absolute_url()).content.decode()
    assert ours.get_absolute_url() in detail


def test_recording_the_outcome_completes_the_record(equality_lead_client, leader, school, record):
    EngagementRecord.objects.filter(pk=record.pk).update(outcome="")
    data = form_data(title=record.title, outcome="Parents' evenings now offer video calls.")
    response = equality_lead_client.post(
        url("record_edit", school, pk=record.pk), data, follow=True
    )
    record.refresh_from_db()
    assert record.is_complete
    assert INCOMPLETE_LABEL not in response.content.decode()


def test_the_year_pages_list_only_that_year(staff_client, school):
    EngagementRecordFactory(school=school, academic_year=2024, title="Old survey")
    EngagementRecordFactory(school=school, academic_year=2026, title="New survey")
    page = staff_client.get(url("year_list", school, year=AcademicYear(2024))).content.decode()
    assert "Old survey" in page
    assert "New survey" not in page
    assert url("year_list", school, year=AcademicYear(2026)) in page
    assert "Record engagement" not in page  # staff read only
