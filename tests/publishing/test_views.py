import json
from http import HTTPStatus
from unittest import mock

import pytest
from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing import services
from equality_portal.publishing.composition import statement_compose
from equality_portal.publishing.models import Decision, Publication


def draft_url(name, school, year):
    return reverse(f"publishing:{name}", kwargs={"school_slug": school.slug, "year": year})


# --- Preparing, submitting, deciding, publishing ----------------------------------------------


def version_url(name, school, year, number=1):
    return reverse(
        f"publishing:{name}",
        kwargs={"school_slug": school.slug, "year": year, "version": number},
    )


def test_the_journey_submit_approve_publish(
    draft, governor_client, leadership_client, school, year
):
    response = leadership_client.post(draft_url("submit", school, year), follow=True)
    assert "Version 1 was submitted for approval" in response.content.decode()
    page = governor_client.get(version_url("version", school, year)).content.decode()
    assert "Record my decision" in page
    assert "We welcome &lt;everyone&gt; &amp; celebrate difference." in page
    response = governor_client.post(
        version_url("decide", school, year),
        {"decision": "approve", "comment": "", "minute_reference": "FGB 2026/3"},
        follow=True,
    )
    assert "You approved version 1" in response.content.decode()
    page = leadership_client.get(version_url("version", school, year)).content.decode()
    assert "Publish version 1" in page
    assert "minute FGB 2026/3" in page
    response = leadership_client.post(version_url("publish", school, year), follow=True)
    assert "statement is published" in response.content.decode()
    assert Publication.objects.filter(school=school).count() == 1


def test_asking_for_changes_without_a_comment_redisplays_the_form(
    draft, governor_client, leadership_client, school, year
):
    leadership_client.post(draft_url("submit", school, year))
    response = governor_client.post(version_url("decide", school, year), {"decision": "changes"})
    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<title>Error: Version 1" in page
    assert 'href="#id_comment"' in page
    assert not Decision.objects.exists()


def test_approving_a_version_no_longer_current_links_to_the_current_one(
    draft, governor_client, leadership_client, leader, school, year
):
    leadership_client.post(draft_url("submit", school, year))
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Newer words.")
    leadership_client.post(draft_url("submit", school, year))
    response = governor_client.post(
        version_url("decide", school, year, 1), {"decision": "approve"}, follow=True
    )
    page = response.content.decode()
    assert "Version 1 is no longer current: version 2 was submitted since" in page
    assert f'<a href="{version_url("version", school, year, 2)}">Read version 2</a>' in page
    assert not Decision.objects.exists()


def test_publishing_with_advice_unconfirmed_lists_the_advice_beside_one_checkbox(
    draft, governor_client, leadership_client, school, year
):
    school.contact_email = school.contact_phone = school.contact_name = school.contact_address = ""
    school.save()
    leadership_client.post(draft_url("submit", school, year))
    governor_client.post(version_url("decide", school, year), {"decision": "approve"})
    response = leadership_client.post(version_url("publish", school, year))
    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<title>Error: Version 1" in page
    assert "This advice is published anyway" in page
    assert "The school gives no contact" in page
    assert page.count('type="checkbox"') == 1
    assert not Publication.objects.exists()
    response = leadership_client.post(
        version_url("publish", school, year), {"advice_confirmed": "on"}, follow=True
    )
    assert "statement is published" in response.content.decode()


def test_the_draft_page_shows_what_differs_from_the_approved_version(
    draft, governor_client, leadership_client, leader, school, year
):
    leadership_client.post(draft_url("submit", school, year))
    governor_client.post(version_url("decide", school, year), {"decision": "approve"})
    page = leadership_client.get(draft_url("draft", school, year)).content.decode()
    assert "The evidence has not changed since version 1 was frozen." in page
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Changed.")
    page = leadership_client.get(draft_url("draft", school, year)).content.decode()
    assert "Since version 1 was frozen, the evidence has changed in these sections" in page
    assert "<li>Introduction</li>" in page
    assert "Publish version 1" in page


def test_a_version_shows_what_changed_since_the_last_publication(
    draft, publish, governor_client, leader, school, year
):
    publish(draft)
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Changed.")
    services.statement_submit(draft=draft, by=leader.user)
    page = governor_client.get(version_url("version", school, year, 2)).content.decode()
    assert "What changed since the last publication" in page
    assert "<li>Introduction</li>" in page
    assert "Changed." in page


def test_the_version_pdf_is_the_frozen_one(draft, leader, governor_client, school, year):
    version = services.statement_submit(draft=draft, by=leader.user)
    response = governor_client.get(version_url("version_pdf", school, year))
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(version.pdf)


def test_each_request_composes_the_statement_at_most_once(
    draft, governor_client, leadership_client, school, year
):
    compose = "equality_portal.publishing.{}.statement_compose"
    with (
        mock.patch(compose.format("services"), wraps=statement_compose) as in_services,
        mock.patch(compose.format("views"), wraps=statement_compose) as in_views,
    ):
        leadership_client.get(draft_url("draft", school, year))
        assert in_services.call_count + in_views.call_count == 1
        leadership_client.post(draft_url("submit", school, year))
        assert in_services.call_count + in_views.call_count == 2
        governor_client.get(version_url("version", school, year))
        governor_client.post(version_url("decide", school, year), {"decision": "approve"})
        leadership_client.post(version_url("publish", school, year))
        assert in_services.call_count + in_views.call_count == 2
    assert Publication.objects.count() == 1


@pytest.mark.parametrize("client_fixture", ["governor_client", "equality_lead_client"])
def test_only_leadership_can_submit(request, draft, school, year, client_fixture):
    client = request.getfixturevalue(client_fixture)
    assert client.post(draft_url("submit", school, year)).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("client_fixture", ["leadership_client", "equality_lead_client"])
def test_only_a_governor_can_decide(request, draft, leader, school, year, client_fixture):
    services.statement_submit(draft=draft, by=leader.user)
    client = request.getfixturevalue(client_fixture)
    response = client.post(version_url("decide", school, year), {"decision": "approve"})
    assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("client_fixture", ["governor_client", "equality_lead_client"])
def test_only_leadership_can_publish(request, draft, leader, school, year, client_fixture):
    services.statement_submit(draft=draft, by=leader.user)
    client = request.getfixturevalue(client_fixture)
    assert client.post(version_url("publish", school, year)).status_code == HTTPStatus.FORBIDDEN


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


def test_drafts_are_started_for_any_year_from_2011_12_to_this_one(leadership_client, school):
    old = AcademicYear.current().previous().previous()
    assert leadership_client.get(draft_url("draft", school, old)).status_code == 200
    assert leadership_client.get(draft_url("draft", school, AcademicYear(2011))).status_code == 200
    assert leadership_client.get(draft_url("draft", school, AcademicYear(2010))).status_code == 404
    future = AcademicYear(AcademicYear.current().start_year + 1)
    assert leadership_client.get(draft_url("draft", school, future)).status_code == 404


# --- The public pages ------------------------------------------------------------------------


def test_the_public_page_needs_no_sign_in_and_serves_the_snapshot(
    anonymous_client, draft, publish, school, year
):
    publication = publish(draft)
    response = anonymous_client.get(f"/equality/{school.slug}/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert publication.html in page
    assert f"Equality information {year.label}" in page
    assert response["Cache-Control"] == "public, max-age=300"


def test_the_public_page_opens_with_contents_and_keeps_the_data_download_at_the_foot(
    anonymous_client, draft, publish, school, year
):
    school.website = "https://www.example-school.org.uk/"
    school.save()
    publication = publish(draft)
    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    assert '<a href="https://www.example-school.org.uk/">' in page  # back to the school's site
    contents = page.index('id="statement-contents-title"')
    body = page.index(publication.html)
    assert contents < body
    assert page.index('href="#objectives-title"', contents) < body
    json_link = page.index("statement.json")
    assert json_link > body + len(publication.html)
    assert "Data (JSON)" not in page


def test_the_public_page_is_the_snapshot_not_recomputed(
    anonymous_client, draft, publish, school, year, leader
):
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
