import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing.models import Publication


def draft_url(name, school, year):
    return reverse(f"publishing:{name}", kwargs={"school_slug": school.slug, "year": year})


# --- Preparing, approving, publishing ---------------------------------------------------------


def test_the_journey_governor_approves_then_leadership_publish(
    draft, governor_client, leadership_client, school, year
):
    response = governor_client.post(draft_url("approve", school, year), follow=True)
    assert "You approved the" in response.content.decode()
    page = leadership_client.get(draft_url("draft", school, year)).content.decode()
    assert "Publish the statement" in page
    response = leadership_client.post(draft_url("publish", school, year), follow=True)
    assert "statement is published" in response.content.decode()
    assert Publication.objects.filter(school=school).count() == 1


def test_publishing_with_unread_warnings_redisplays_them_beside_the_tickboxes(
    draft, governor_client, leadership_client, school, year
):
    school.contact_email = ""
    school.save()
    governor_client.post(draft_url("approve", school, year))
    response = leadership_client.post(draft_url("publish", school, year))
    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<title>Error: Statement" in page
    assert "Tick to confirm you have read each warning" in page
    assert not Publication.objects.exists()


@pytest.mark.parametrize("client_fixture", ["leadership_client", "equality_lead_client"])
def test_only_a_governor_can_approve(request, draft, school, year, client_fixture):
    client = request.getfixturevalue(client_fixture)
    assert client.post(draft_url("approve", school, year)).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("client_fixture", ["governor_client", "equality_lead_client"])
def test_only_leadership_can_publish(request, draft, school, year, client_fixture):
    client = request.getfixturevalue(client_fixture)
    assert client.post(draft_url("publish", school, year)).status_code == HTTPStatus.FORBIDDEN


def test_staff_cannot_open_the_drafts(staff_client, draft, school, year):
    assert staff_client.get(draft_url("draft", school, year)).status_code == HTTPStatus.FORBIDDEN


def test_another_school_cannot_see_the_draft(outsider_client, draft, school, year):
    response = outsider_client.get(draft_url("preview", school, year))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_preview_looks_as_it_will_when_published(governor_client, draft, school, year):
    page = governor_client.get(draft_url("preview", school, year)).content.decode()
    assert "Draft preview" in page
    assert "We welcome &lt;everyone&gt; &amp; celebrate difference." in page
    assert page.count("<h1") == 1


def test_editing_the_text_shows_errors_beside_the_field(leadership_client, draft, school, year):
    response = leadership_client.post(
        draft_url("draft_edit", school, year),
        {"introduction": "x" * 5001, "accessibility_plan_adopted_on": "not a date"},
    )
    page = response.content.decode()
    assert 'href="#id_introduction"' in page
    assert 'href="#id_accessibility_plan_adopted_on"' in page
    draft.refresh_from_db()
    assert draft.introduction.startswith("We welcome")


def test_drafts_are_only_started_for_this_or_last_year(leadership_client, school):
    old = AcademicYear.current().previous().previous()
    assert leadership_client.get(draft_url("draft", school, old)).status_code == 404


# --- The public pages ------------------------------------------------------------------------


def test_the_public_page_needs_no_sign_in_and_serves_the_snapshot(
    anonymous_client, draft, publish, school, year
):
    publication = publish(draft)
    response = anonymous_client.get(f"/equality/{school.slug}/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert publication.html in page
    assert f"Equality information and objectives {year.label}" in page
    assert response["Cache-Control"] == "public, max-age=300"


def test_the_public_page_is_the_snapshot_not_recomputed(
    anonymous_client, draft, publish, school, year, leader
):
    from equality_portal.publishing import services

    publish(draft)
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Not yet published.")
    page = anonymous_client.get(f"/equality/{school.slug}/{year.label}/").content.decode()
    assert "Not yet published." not in page


def test_pdf_and_json_downloads(anonymous_client, draft, publish, school, year):
    publication = publish(draft)
    pdf = anonymous_client.get(f"/equality/{school.slug}/{year.label}/statement.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(publication.pdf)
    data = anonymous_client.get(f"/equality/{school.slug}/{year.label}/statement.json")
    assert data["Content-Type"] == "application/json"
    assert json.loads(data.content)["school"]["name"] == school.name


def test_past_years_and_versions_stay_available(
    anonymous_client, draft, publish, school, year, leader
):
    from equality_portal.publishing import services

    publish(draft)
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Second version.")
    publish(draft, correction_note="Rewrote the introduction.")
    current = anonymous_client.get(f"/equality/{school.slug}/{year.label}/").content.decode()
    assert "Second version." in current
    assert "Rewrote the introduction." in current
    first = anonymous_client.get(f"/equality/{school.slug}/{year.label}/versions/1/")
    assert "This version has been replaced" in first.content.decode()
    assert (
        anonymous_client.get(
            f"/equality/{school.slug}/{year.label}/versions/1/statement.pdf"
        ).status_code
        == HTTPStatus.OK
    )


@pytest.mark.parametrize(
    "path",
    [
        "/equality/no-such-school/",
        "/equality/{slug}/",  # a school that has not published
        "/equality/{slug}/2019-20/",
        "/equality/{slug}/2019-20/statement.pdf",
        "/equality/{slug}/2019-21/",
    ],
)
def test_nothing_published_is_a_404(anonymous_client, school, path):
    assert anonymous_client.get(path.format(slug=school.slug)).status_code == 404


def test_a_year_with_no_statement_is_a_404_even_when_others_exist(
    anonymous_client, draft, publish, school
):
    publish(draft)
    assert anonymous_client.get(f"/equality/{school.slug}/2019-20/").status_code == 404
