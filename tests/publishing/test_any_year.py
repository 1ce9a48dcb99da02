"""Any year, and the history before the portal (issue 14, point 4)."""

import datetime
from decimal import Decimal
from http import HTTPStatus

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Status
from equality_portal.core.dates import add_months
from equality_portal.core.periods import Period
from equality_portal.publishing import services
from equality_portal.publishing.compliance import statement_published
from equality_portal.publishing.models import EarlierPublication
from equality_portal.publishing.selectors import statement_next_due
from objectives.models import Objective, ObjectiveSet
from tests.factories import statement_approve_and_publish, statement_evidence_create

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
YEAR = AcademicYear(2015)


def home(school):
    return reverse("publishing:home", kwargs={"school_slug": school.slug})


def earlier_add(school):
    return reverse("publishing:earlier_add", kwargs={"school_slug": school.slug})


def _evidence_for_2015_16(school):
    statement_evidence_create(school=school, year=YEAR)
    objective_set = ObjectiveSet.objects.create(
        school=school,
        title="Equality objectives 2015-2019",
        period_start=D(2015, 9, 1),
        period_end=D(2019, 8, 31),
        published_on=D(2015, 10, 1),
    )
    Objective.objects.create(
        objective_set=objective_set,
        number=1,
        title="Narrow the gap in reading for boys",
        measure="Boys reading at the expected standard",
        unit="%",
        baseline_value=Decimal("61"),
        baseline_date=D(2015, 9, 1),
        target_value=Decimal("70"),
        target_date=D(2018, 7, 31),
    )


def test_a_statement_for_2015_16_can_be_prepared_and_published(
    leadership_client, anonymous_client, school, governor, leader
):
    page = leadership_client.get(
        reverse("publishing:draft", kwargs={"school_slug": school.slug, "year": YEAR})
    )
    assert page.status_code == HTTPStatus.OK
    assert YEAR.label in leadership_client.get(home(school)).content.decode()
    _evidence_for_2015_16(school)
    school.contact_email = "office@example.org"
    school.save()
    draft = services.statement_draft_get_or_create(school=school, year=YEAR)
    services.statement_draft_update(
        draft=draft,
        by=leader.user,
        introduction="Our statement for 2015-16.",
        accessibility_plan="Our plan improves access to the curriculum and site.",
    )
    publication = statement_approve_and_publish(
        draft=draft, governor=governor.user, leader=leader.user
    )
    assert publication.period == Period.academic(2015)
    response = anonymous_client.get(f"/equality/{school.slug}/2015-16/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Equality information 2015-16" in page
    assert "Narrow the gap in reading for boys" in page


def test_an_earlier_publication_with_its_pdf_appears_in_the_archive_and_restarts_the_clock(
    leadership_client, anonymous_client, school, governor, leader
):
    # The school last published in the portal 14 months ago: its statement is overdue.
    today = dates.today()
    with dates.as_of(dates.now() - datetime.timedelta(days=426)):
        _evidence_for_2015_16(school)
        draft = services.statement_draft_get_or_create(school=school, year=YEAR)
        services.statement_draft_update(
            draft=draft, by=leader.user, accessibility_plan="Our plan improves access."
        )
        statement_approve_and_publish(draft=draft, governor=governor.user, leader=leader.user)
    year = AcademicYear.current()
    assert statement_published(school=school, year=year, today=today).status == Status.OVERDUE
    # Two months ago it published its statement on its own website, as a PDF.
    published_on = add_months(today, -2)
    response = leadership_client.post(
        earlier_add(school),
        {
            "title": "Equality Statement and Objectives",
            "published_on": published_on.strftime("%d/%m/%Y"),
            "document": SimpleUploadedFile("equality.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    earlier = EarlierPublication.objects.get(school=school)
    assert bytes(earlier.document) == PDF
    # The public archive lists it, and its document is served from the database.
    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    document_url = f"/equality/{school.slug}/earlier/{earlier.pk}/document"
    assert "Equality Statement and Objectives" in page
    assert document_url in page
    document = anonymous_client.get(document_url)
    assert document["Content-Type"] == "application/pdf"
    assert document.content == PDF
    # The twelve-month clock runs from it.
    assert statement_next_due(school=school) == add_months(published_on, 12)
    check = statement_published(school=school, year=year, today=today)
    assert check.status == Status.MET
    assert "outside the portal" in check.summary


def test_an_earlier_publication_may_be_dated_to_the_month_and_kept_as_a_link(
    leadership_client, school
):
    response = leadership_client.post(
        earlier_add(school),
        {
            "title": "Single Equality Scheme",
            "published_on": "March 2019",
            "url": "www.example.org/ses.pdf",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    earlier = EarlierPublication.objects.get(school=school)
    assert earlier.published_on == D(2019, 3, 1)
    assert earlier.date_label == "March 2019"
    assert earlier.url == "https://www.example.org/ses.pdf"


def test_an_earlier_publication_dated_in_the_future_is_refused(leadership_client, school):
    tomorrow = dates.today() + datetime.timedelta(days=1)
    response = leadership_client.post(
        earlier_add(school),
        {
            "title": "Equality Statement",
            "published_on": tomorrow.strftime("%d/%m/%Y"),
            "document": SimpleUploadedFile("equality.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "The date it was published cannot be in the future." in page
    assert not EarlierPublication.objects.exists()


def test_an_earlier_document_of_the_wrong_type_is_refused(leadership_client, school):
    response = leadership_client.post(
        earlier_add(school),
        {
            "title": "Equality Statement",
            "published_on": "01/03/2019",
            "document": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "Upload a PDF, Word (.docx) or OpenDocument (.odt) document." in (
        response.content.decode()
    )
    assert not EarlierPublication.objects.exists()


def test_only_managers_record_earlier_publications(governor_client, staff_client, school):
    assert governor_client.get(earlier_add(school)).status_code == HTTPStatus.FORBIDDEN
    assert staff_client.get(earlier_add(school)).status_code == HTTPStatus.FORBIDDEN
