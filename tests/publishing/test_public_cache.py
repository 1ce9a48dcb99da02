"""The public pages come from the cache while nothing they show changed, and never serve one
visitor's page to another."""

from http import HTTPStatus

import pytest

from equality_portal.publishing import public_cache


@pytest.fixture
def published(draft, publish):
    return publish(draft)


def test_a_repeated_public_request_is_served_without_a_query(
    published, anonymous_client, django_assert_num_queries
):
    urls = [
        f"/equality/{published.school.slug}/",
        f"/equality/{published.school.slug}/{published.year.label}/statement.pdf",
        f"/equality/{published.school.slug}/{published.year.label}/statement.json",
    ]
    first = [anonymous_client.get(url) for url in urls]
    with django_assert_num_queries(0):
        again = [anonymous_client.get(url) for url in urls]
    for before, after in zip(first, again, strict=True):
        assert after.status_code == HTTPStatus.OK
        assert after.content == before.content
        assert after["Content-Type"] == before["Content-Type"]
        assert after["Cache-Control"] == before["Cache-Control"]
    assert again[1]["ETag"] == f'"{published.pdf_sha256}"'
    assert again[1]["Content-Disposition"] == first[1]["Content-Disposition"]


def test_a_correction_is_on_the_public_page_at_once(published, draft, publish, anonymous_client):
    url = f"/equality/{published.school.slug}/"
    assert "version 2" not in anonymous_client.get(url).content.decode()
    draft.introduction = "Corrected introduction."
    draft.save()
    publish(draft, correction_note="The introduction was corrected.")
    page = anonymous_client.get(url).content.decode()
    assert "version 2" in page
    assert "Corrected introduction." in page


def test_another_server_sees_a_correction_once_its_fingerprint_expires(
    published, draft, publish, anonymous_client
):
    """Another app server's cache is not told: it asks the database again after STATE_SECONDS."""
    url = f"/equality/{published.school.slug}/"
    anonymous_client.get(url)
    stale_state = public_cache.public_state(school_slug=published.school.slug)
    draft.introduction = "Corrected introduction."
    draft.save()
    publish(draft, correction_note="The introduction was corrected.")
    assert public_cache._public_state(school_slug=published.school.slug) != stale_state


def test_a_renamed_school_shows_its_new_name_at_once(published, anonymous_client):
    url = f"/equality/{published.school.slug}/"
    anonymous_client.get(url)
    school = published.school
    school.name = "Renamed Academy"
    school.save()
    assert "Renamed Academy" in anonymous_client.get(url).content.decode()


def test_a_signed_in_visitor_gets_their_own_page_not_the_cached_one(
    published, anonymous_client, governor_client, governor
):
    url = f"/equality/{published.school.slug}/"
    anonymous_client.get(url)
    page = governor_client.get(url).content.decode()
    assert "Sign out" in page
    assert governor.user.get_username() in page
    assert "Sign out" not in anonymous_client.get(url).content.decode()


def test_nothing_published_is_still_a_404(school, anonymous_client):
    response = anonymous_client.get(f"/equality/{school.slug}/")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_cached_answer_keeps_every_security_header(published, anonymous_client):
    url = f"/equality/{published.school.slug}/"
    first = anonymous_client.get(url)
    again = anonymous_client.get(url)  # from the cache, before most middleware
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert again[header] == first[header], header
    assert again["Content-Length"] == str(len(first.content))
