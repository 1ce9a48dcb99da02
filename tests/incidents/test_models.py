import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from incidents.models import (
    BINARY_TEXT,
    FOLLOW_UP_BEFORE_INCIDENT,
    IN_THE_FUTURE,
    INTERNAL_REFERENCE_FORMAT,
    MOTIVATION_REQUIRED,
    TEXT_MAX_LENGTH,
    YEAR_GROUP_ONLY_FOR_PUPILS,
    Incident,
)
from tests.factories import IncidentFactory, IncidentPersonFactory, SchoolFactory


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


@pytest.mark.django_db
def test_an_incident_tomorrow_is_refused():
    incident = IncidentFactory.build(
        school=SchoolFactory(), occurred_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    incident.recorded_by = IncidentFactory().recorded_by
    assert errors_of(incident)["occurred_on"] == [IN_THE_FUTURE]


@pytest.mark.django_db
def test_the_academic_year_follows_the_date():
    incident = IncidentFactory(occurred_on=datetime.date(2026, 3, 2), academic_year=0)
    incident.full_clean()
    assert incident.academic_year == 2025
    assert incident.term.label == "Spring 2025-26"


@pytest.mark.django_db
def test_a_motivation_is_required_and_must_be_known():
    incident = IncidentFactory(motivations=[])
    assert errors_of(incident)["motivations"] == [MOTIVATION_REQUIRED]
    incident.motivations = ["race", "astrology"]
    assert "'astrology' is not one of the choices." in errors_of(incident)["motivations"]


@pytest.mark.django_db
def test_the_database_refuses_a_follow_up_before_the_incident():
    incident = IncidentFactory()
    incident.follow_up_due = incident.occurred_on - datetime.timedelta(days=1)
    assert FOLLOW_UP_BEFORE_INCIDENT in errors_of(incident)["follow_up_due"]
    with pytest.raises(IntegrityError):
        Incident.objects.filter(pk=incident.pk).update(follow_up_due=incident.follow_up_due)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["binary\x00data", "PK\x03\x04zipfile", "bell\x07"])
def test_binary_text_is_refused(text):
    incident = IncidentFactory()
    incident.description = text  # PostgreSQL cannot even store a NUL: validation must catch it
    assert BINARY_TEXT in errors_of(incident)["description"]


@pytest.mark.django_db
def test_line_breaks_and_tabs_are_plain_text():
    incident = IncidentFactory(description="Line one\r\nLine two\tindented")
    incident.full_clean()


@pytest.mark.django_db
def test_oversized_text_is_refused_even_outside_a_form():
    incident = IncidentFactory(immediate_action="x" * (TEXT_MAX_LENGTH + 1))
    assert "at most 5000 characters" in errors_of(incident)["immediate_action"][0]


@pytest.mark.django_db
def test_a_year_group_the_school_does_not_teach_is_refused():
    person = IncidentPersonFactory(year_group="Y3")  # a primary year at a secondary school
    assert "does not teach Y3" in errors_of(person)["year_group"][0]
    person.year_group = "Y12"  # no sixth form
    assert "does not teach Y12" in errors_of(person)["year_group"][0]


@pytest.mark.django_db
def test_only_pupils_have_a_year_group_in_the_database():
    person = IncidentPersonFactory(kind="staff", year_group="")
    person.year_group = "Y8"
    assert errors_of(person)["year_group"] == [YEAR_GROUP_ONLY_FOR_PUPILS]
    with pytest.raises(IntegrityError):
        type(person).objects.filter(pk=person.pk).update(year_group="Y8")


@pytest.mark.django_db
@pytest.mark.parametrize("reference", ["John Smith", "   ", "Smith", "-123"])
def test_an_internal_reference_is_never_a_name(reference):
    person = IncidentPersonFactory(internal_reference=reference)
    assert errors_of(person)["internal_reference"] == [INTERNAL_REFERENCE_FORMAT]


@pytest.mark.django_db
def test_references_are_numbered_per_school():
    first = IncidentFactory(number=7)
    assert first.sequence_reference == "INC-00007"
    IncidentFactory(number=7)  # another school may have its own 7
    with pytest.raises(IntegrityError):
        IncidentFactory(school=first.school, number=7)
