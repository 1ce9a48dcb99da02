import datetime

from equality_portal.core.checks import Status, collect_checks, run_rules
from equality_portal.publishing.compliance import RULES


def statement_check(school, today):
    return next(
        c for c in run_rules(RULES, school=school, today=today) if c.key == "statement_published"
    )


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


def test_the_accessibility_plan_is_due_three_years_after_adoption(school, year):
    from equality_portal.publishing import services

    def plan_check(today):
        return next(
            c for c in run_rules(RULES, school=school, today=today) if c.key == "accessibility_plan"
        )

    assert plan_check(datetime.date(2026, 11, 22)).status == Status.MISSING
    draft = services.statement_draft_get_or_create(school=school, year=year)
    services.statement_draft_update(
        draft=draft, by=None, accessibility_plan_adopted_on=datetime.date(2024, 9, 1)
    )
    assert plan_check(datetime.date(2026, 11, 22)).status == Status.MET
    assert plan_check(datetime.date(2026, 11, 22)).due == datetime.date(2027, 9, 1)
    assert plan_check(datetime.date(2027, 8, 20)).status == Status.DUE_SOON
    assert plan_check(datetime.date(2027, 9, 2)).status == Status.OVERDUE
