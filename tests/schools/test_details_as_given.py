"""School details as schools give them (issue 14, point 6)."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.models import Phase
from tests.factories import statement_published_create


def url(name, school):
    return reverse(f"schools:{name}", kwargs={"school_slug": school.slug})


BASE = {
    "phase": "primary",
    "nation": "england",
    "approving_body": "governing_body",
    "suppression_threshold": "5",
    "incident_retention_years": "6",
}


def test_a_school_gives_phone_address_and_lead_without_an_email_or_headcount(
    leadership_client, school
):
    response = leadership_client.post(
        url("school_edit", school),
        BASE
        | {
            "name": school.name,
            "local_authority": "",
            "number_of_staff": "",
            "contact_email": "",
            "contact_phone": "01234 567890",
            "contact_address": "Mill Lane\nLowestoft\nNR32 1AA",
            "contact_name": "Mrs J Smith, Headteacher",
            "other_formats": "Ask at the school office for a paper copy.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    school.refresh_from_db()
    assert school.number_of_staff is None
    assert school.local_authority == ""
    assert school.contact_phone == "01234 567890"
    assert not school.must_publish_staff_information
    page = leadership_client.get(url("dashboard", school)).content.decode()
    assert "not known" in page


def test_a_phone_number_is_not_refused_as_an_email(leadership_client, school):
    response = leadership_client.post(
        url("school_edit", school),
        BASE | {"name": school.name, "contact_phone": "(01502) 123 456 ext. 2"},
    )
    assert "Enter a valid email address" not in response.content.decode()
    assert response.status_code == HTTPStatus.FOUND


@pytest.mark.parametrize(
    ("phase", "label"),
    [
        ("nursery", "Nursery"),
        ("infant", "Infant"),
        ("junior", "Junior"),
        ("middle", "Middle"),
        ("all_through", "All-through"),
        ("special", "Special"),
        ("alternative_provision", "Alternative provision or pupil referral unit"),
        ("16_plus", "16-19"),
    ],
)
def test_every_phase_schools_give_is_accepted(leadership_client, school, phase, label):
    response = leadership_client.post(
        url("school_edit", school), BASE | {"name": school.name, "phase": phase}
    )
    assert response.status_code == HTTPStatus.FOUND
    school.refresh_from_db()
    assert school.get_phase_display() == label
    assert school.year_groups()


def test_every_phase_teaches_some_year_groups(school):
    for phase in Phase:
        school.phase = phase
        assert school.year_groups(), phase


def test_the_public_contact_section_shows_what_the_school_gave(
    anonymous_client, school, governor, leader
):
    school.number_of_staff = None
    school.local_authority = ""
    school.contact_phone = "01234 567890"
    school.contact_address = "Mill Lane\nLowestoft"
    school.contact_name = "Mrs J Smith, Headteacher"
    school.other_formats = "We can provide this document in large print on request."
    school.save()
    statement_published_create(school=school, governor=governor.user, leader=leader.user)
    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    assert "01234 567890" in page
    assert "Mill Lane<br>Lowestoft" in page
    assert "Mrs J Smith, Headteacher" in page
    assert "We can provide this document in large print on request." in page
    assert "office@example.org" in page
    # Not given, so not published.
    assert "<dt>Staff</dt>" not in page
    assert "<dt>Local authority</dt>" not in page
    year = AcademicYear.current().label
    data = json.loads(
        anonymous_client.get(f"/equality/{school.slug}/{year}/statement.json").content
    )
    assert data["contact"]["phone"] == "01234 567890"
    assert data["contact"]["name"] == "Mrs J Smith, Headteacher"


def test_a_headcount_given_is_published(anonymous_client, school, governor, leader):
    school.number_of_staff = 42
    school.save()
    statement_published_create(school=school, governor=governor.user, leader=leader.user)
    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    assert "<dt>Staff</dt>" in page
    assert "42" in page
