"""Each page reads the database a fixed number of times, whatever the amount of data: the same
bound holds for one school with one year of records and for five schools with several years.

benchmarks/run.py measures the same pages' latency at a county's size.
"""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing.models import (
    Decision,
    DecisionOutcome,
    Publication,
    StatementDraft,
    StatementVersion,
    sha256,
)
from equality_portal.schools.roles import Role
from tests.factories import (
    ActionFactory,
    IncidentFactory,
    IncidentPersonFactory,
    MembershipFactory,
    SchoolFactory,
)

# The most queries each page may make. Raise one only with a reason: a page whose count grows
# with the data is a page that slows down as a trust or county grows.
MAX_QUERIES = {
    # With the objectives, incidents and accessibility-plan panels, and every rule of the
    # pre-publication check (one answer per rule: staff information, analyses, objectives to
    # publish, the statement's accessibility plan), a query or so each; the pay gap panel's
    # report for the latest snapshot; recent changes read one history table per model; the
    # checks kept as the school's compliance snapshot for the trust view (update_or_create).
    # The own-statement, figures, trust and reading work added a constant number (the same for
    # one school and one year as for five schools and three years): rules on earlier
    # publications, the statement's own sections, the objective set's length and the contact,
    # and the verdict.
    # +2 with periods: the clock reads the latest publication by date; rules find the draft.
    "dashboard_governor": 58,
    "dashboard_leadership": 59,
    "incidents_summary": 9,
    # The pre-publication check asks each rule's own selectors rather than the composed data.
    # Also the statement's sections, its appendices and what was carried forward from the last.
    "statement_draft": 41,
    "public_statement": 7,
    "public_pdf": 3,
    "governors_report": 52,  # every rule, as on the dashboard; recent changes, one per model
    "incidents_list": 11,  # filtered and searched, with the overdue follow-ups
    "incidents_export": 10,
}


def _records(school, *, years: int, incidents_per_year: int) -> None:
    current = AcademicYear.current()
    year = current
    for _ in range(years):
        occurred_on = min(year.start + datetime.timedelta(days=20), timezone.localdate())
        recorder = MembershipFactory(school=school, role=Role.STAFF).user
        for _ in range(incidents_per_year):
            incident = IncidentFactory(school=school, occurred_on=occurred_on, recorded_by=recorder)
            IncidentPersonFactory(incident=incident)
        ActionFactory(school=school, academic_year=year.start_year)
        year = year.previous()


def _publish(school, governor, leader) -> Publication:
    """A publication as the public pages read it (its content does not matter here)."""
    year = AcademicYear.current().previous()
    draft = StatementDraft.objects.create(
        school=school, period_start=year.start, period_end=year.end
    )
    html, data_json, pdf = "<p>Our equality information.</p>", "{}", b"%PDF-1.7 test"
    version = StatementVersion.objects.create(
        draft=draft,
        number=1,
        submitted_by=leader,
        submitted_at=timezone.now(),
        data={},
        data_json=data_json,
        html=html,
        pdf=pdf,
        content_sha256=sha256(data_json.encode()),
        html_sha256=sha256(html.encode()),
        pdf_sha256=sha256(pdf),
    )
    decision = Decision.objects.create(
        version=version,
        outcome=DecisionOutcome.APPROVED,
        decided_by=governor,
        decided_at=timezone.now(),
        on_behalf_of="Governing body",
    )
    return Publication.objects.create(
        school=school,
        period_start=year.start,
        period_end=year.end,
        statement_version=version,
        published_at=timezone.now(),
        published_by=leader,
        approved_by_name=str(governor),
        approved_at=decision.decided_at,
        html=html,
        data={},
        data_json=data_json,
        pdf=pdf,
        html_sha256=sha256(html.encode()),
        data_sha256=sha256(data_json.encode()),
        pdf_sha256=sha256(pdf),
    )


@pytest.fixture(params=["one school, one year", "five schools, three years"])
def data_set(request, school, governor, leader):
    schools = [school]
    years, incidents = (1, 2) if request.param.startswith("one") else (3, 6)
    if not request.param.startswith("one"):
        schools += [SchoolFactory() for _ in range(4)]
    for each in schools:
        _records(each, years=years, incidents_per_year=incidents)
        if each != school:
            other_governor = MembershipFactory(school=each, role=Role.GOVERNOR).user
            other_leader = MembershipFactory(school=each, role=Role.LEADERSHIP).user
            _publish(each, other_governor, other_leader)
    return _publish(school, governor.user, leader.user)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each public request below is the first: rendered from the database, not the cache."""
    cache.clear()
    yield
    cache.clear()


INCIDENT_FILTERS = "motivation=race&year_group=Y8&search=pupil&status=open"
PAGES = {
    "dashboard_governor": ("governor_client", "/schools/{slug}/"),
    "dashboard_leadership": ("leadership_client", "/schools/{slug}/"),
    "incidents_summary": ("governor_client", "/schools/{slug}/incidents/summary/"),
    "statement_draft": ("leadership_client", "/schools/{slug}/statement/{current}/"),
    "public_statement": ("anonymous_client", "/equality/{slug}/"),
    "public_pdf": ("anonymous_client", "/equality/{slug}/{published}/statement.pdf"),
    "governors_report": ("governor_client", "/schools/{slug}/reports/{current}/autumn/"),
    "incidents_list": ("leadership_client", "/schools/{slug}/incidents/?" + INCIDENT_FILTERS),
    "incidents_export": ("leadership_client", "/schools/{slug}/incidents/export.csv"),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_reads_the_database_a_fixed_number_of_times(
    page, data_set, request, django_assert_max_num_queries
):
    client_fixture, url = PAGES[page]
    client = request.getfixturevalue(client_fixture)
    url = url.format(
        slug=data_set.school.slug,
        current=AcademicYear.current().label,
        published=data_set.year.label,
    )
    client.get(url)  # first use of the session and the school
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(url)
    assert response.status_code == 200, url
