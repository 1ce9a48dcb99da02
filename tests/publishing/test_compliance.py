import datetime

from equality_portal.compliance import Status
from equality_portal.publishing.compliance import checks, collect_checks


def statement_check(school, today):
    return next(c for c in checks(school=school, today=today) if c.key == "statement_published")


def test_never_published_is_missing(school):
    check = statement_check(school, datetime.date(2026, 11, 22))
    assert check.status == Status.MISSING
    assert check.url == f"/schools/{school.slug}/statement/"


def test_the_statement_is_due_12_months_after_the_last_publication(draft, publish, school):
    publication = publish(draft)
    published = publication.published_at.date()
    due = published.replace(year=published.year + 1)
    assert statement_check(school, published).status == Status.MET
    assert statement_check(school, published).due == due
    assert statement_check(school, due - datetime.timedelta(days=10)).status == Status.DUE_SOON
    assert statement_check(school, due + datetime.timedelta(days=1)).status == Status.OVERDUE


def test_the_collector_gathers_every_apps_checks(school):
    keys = [check.key for check in collect_checks(school=school, today=datetime.date.today())]
    assert "statement_published" in keys


def test_the_dashboard_names_each_checks_status(governor_client, school):
    page = governor_client.get(f"/schools/{school.slug}/").content.decode()
    # Never published: the statement check says so in words, not only in colour.
    assert '<span class="status-tag status-error">Missing</span>' in page
