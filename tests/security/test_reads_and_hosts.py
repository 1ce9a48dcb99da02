"""Issue 21, finding 8: GETs never write, and the public cache only answers allowed hosts,
each from its own copy."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing.models import StatementDraft


def test_reading_a_statement_page_creates_no_draft(governor_client, leadership_client, school):
    label = AcademicYear.current().label
    base = f"/schools/{school.slug}/statement/{label}"
    for client, address in [
        (governor_client, f"{base}/"),
        (governor_client, f"{base}/preview/"),
        (leadership_client, f"{base}/"),
        (leadership_client, f"{base}/edit/"),
    ]:
        response = client.get(address)
        assert response.status_code == HTTPStatus.OK, address
    assert not StatementDraft.objects.filter(school=school).exists()
    response = leadership_client.post(f"{base}/edit/", {"introduction": "Our school."})
    assert response.status_code == HTTPStatus.FOUND
    assert StatementDraft.objects.get(school=school).introduction == "Our school."


@pytest.fixture
def published(draft, publish):
    return publish(draft)


def test_the_public_cache_answers_only_allowed_hosts(published, anonymous_client):
    url = f"/equality/{published.school.slug}/"
    assert anonymous_client.get(url).status_code == HTTPStatus.OK
    response = anonymous_client.get(url, HTTP_HOST="evil.example.com")
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_the_public_cache_keeps_a_copy_per_host(published, anonymous_client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "equality.example.org"]
    url = f"/equality/{published.school.slug}/"
    anonymous_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = anonymous_client.get(url, HTTP_HOST="equality.example.org")
    assert response.status_code == HTTPStatus.OK
    assert len(queries) > 0  # made for this host, not the other host's copy
