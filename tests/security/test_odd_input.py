"""Issue 21, finding 4: odd input gets a clear message or a 404, never a server error."""

import datetime
from http import HTTPStatus
from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from duties import services as duties_services
from duties.models import ProfileFigure
from equality_portal.core.academic_year import AcademicYear, validate_day
from equality_portal.publishing import services as publishing_services
from equality_portal.publishing.rendering import PdfRenderingError
from incidents import services as incident_services
from incidents.models import Incident
from tests.incidents.conftest import record_kwargs

POPULATION_HEADER = ",".join(duties_services.POPULATION_COLUMNS)
PROJECT_APPS = {"schools", "duties", "engagement", "objectives", "incidents", "publishing"}


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")


@pytest.mark.parametrize(
    "address",
    [
        "incidents/summary/0000-01/",
        "incidents/summary/9999-00/la-return.csv",
        "engagement/0000-01/",
        "reports/9999-00/autumn/",
        "reports/9999-00/autumn/report.pdf",
        "reports/0000-01/spring/",
        "statement/9999-00/",
        "duties/actions/0000-01/",
    ],
)
def test_years_outside_the_kept_range_are_404(leadership_client, school, address):
    response = leadership_client.get(f"/schools/{school.slug}/{address}")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_academic_years_are_checked_in_one_place():
    assert AcademicYear.from_label("2024-25") == AcademicYear(2024)
    for label in ("0000-01", "9999-00", "1969-70"):
        with pytest.raises(ValueError, match="outside the years the portal keeps"):
            AcademicYear.from_label(label)


def test_every_stored_date_is_kept_in_range():
    date_fields = [
        (model, field)
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical")
        for field in model._meta.fields
        if type(field) is not models.DateTimeField and isinstance(field, models.DateField)
    ]
    assert len(date_fields) > 10
    for model, field in date_fields:
        assert validate_day in field.validators, f"{model.__name__}.{field.name}"
    with pytest.raises(ValidationError):
        validate_day(datetime.date(1, 1, 1))
    validate_day(datetime.date(2026, 12, 3))


def test_an_incident_dated_0001_01_01_is_refused(school, staff_member):
    with pytest.raises(ValidationError) as error:
        incident_services.incident_record(
            school=school,
            recorded_by=staff_member.user,
            **record_kwargs(occurred_on=datetime.date(1, 1, 1)),
        )
    assert "occurred_on" in error.value.message_dict
    assert not Incident.objects.exists()


def test_a_superscript_count_is_a_row_error(school, leader):
    file = upload(POPULATION_HEADER + "\npupils,2025-01-16,sex,female,²,,,\n")
    with pytest.raises(ValidationError) as error:
        duties_services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [
        "Line 2: count: '²' is not a whole number of 0 or more."
    ]


def test_a_nul_byte_in_an_imported_category_is_a_row_error(school, leader):
    file = upload(POPULATION_HEADER + "\npupils,2025-01-16,custom,Young\x00carers,4,,,\n")
    with pytest.raises(ValidationError) as error:
        duties_services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [duties_services.NUL_IN_ROW.format(line=2)]
    assert not ProfileFigure.objects.exists()


def test_an_import_dated_outside_the_kept_years_is_a_row_error(school, leader):
    file = upload(POPULATION_HEADER + "\npupils,0001-01-01,sex,female,3,,,\n")
    with pytest.raises(ValidationError) as error:
        duties_services.population_import(school=school, file=file, by=leader.user)
    [message] = error.value.message_dict["file"]
    assert message.startswith("Line 2: census_date: Enter a date between")


def test_a_failed_pdf_never_shows_a_server_path(draft, leader):
    failure = PdfRenderingError(
        "[Errno 2] No such file or directory: '/srv/portal/staticfiles/css/statement-print.css'"
    )
    with (
        mock.patch.object(publishing_services, "statement_render_pdf", side_effect=failure),
        pytest.raises(ValidationError) as error,
    ):
        publishing_services.statement_submit(draft=draft, by=leader.user)
    text = " ".join(error.value.messages)
    assert "The PDF could not be made" in text
    assert "/srv" not in text
    assert "Errno" not in text
