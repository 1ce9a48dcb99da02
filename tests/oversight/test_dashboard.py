"""The school overview, the termly governors' report and the trust view (issue 7)."""

import datetime
import io
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from equality_portal.core.academic_year import AcademicYear
from equality_portal.oversight.reports import reportable_terms
from equality_portal.schools.models import Membership
from equality_portal.schools.roles import Role
from tests.factories import ActionFactory, IncidentFactory


def dashboard(client, school):
    return client.get(reverse("schools:dashboard", kwargs={"school_slug": school.slug}))


def test_governors_see_the_checks_with_their_status_and_what_to_do(governor_client, school):
    page = dashboard(governor_client, school).content.decode()
    assert "Compliance" in page
    assert "Equality information published within the last 12 months" in page
    assert '<span class="status-tag status-error">Missing</span>' in page
    assert f'href="/schools/{school.slug}/statement/"' in page


def test_objectives_progress_and_incident_trend_at_a_glance(governor_client, school, evidence):
    page = dashboard(governor_client, school).content.decode()
    assert "Equality objectives" in page
    assert "Progress on each objective" in page
    assert "Prejudice-related incidents" in page
    assert 'role="img"' in page  # the trend chart


def in_summer_term(time_machine):
    """Move to the current year's summer term, so its autumn term has closed."""
    summer = AcademicYear.current().terms[2].start + datetime.timedelta(days=20)
    time_machine.move_to(datetime.datetime.combine(summer, datetime.time(9)))


def test_governors_see_incident_counts_suppressed(client, school, make_member, time_machine):
    in_summer_term(time_machine)
    client.force_login(make_member(Role.GOVERNOR).user)
    for _ in range(3):
        IncidentFactory(school=school, occurred_on=AcademicYear.current().start)
    page = dashboard(client, school).content.decode()
    assert "so far: fewer than 5 incidents" in page


def test_staff_see_the_published_status_and_their_own_incidents_only(staff_client, school):
    page = dashboard(staff_client, school).content.decode()
    assert "Incidents you recorded" in page
    assert "has not published its equality information" in page
    assert "Compliance" not in page
    assert "Recent changes" not in page


def test_governors_never_see_incident_history_in_recent_changes(
    governor_client, equality_lead_client, school
):
    incident = IncidentFactory(school=school)
    ActionFactory(school=school, title="Anti-bullying week")
    governor_page = dashboard(governor_client, school).content.decode()
    lead_page = dashboard(equality_lead_client, school).content.decode()
    assert "Anti-bullying week" in governor_page
    assert str(incident) not in governor_page
    assert str(incident) in lead_page


# --- The termly governors' report ---------------------------------------------------------------


def report_url(school, term, name="term"):
    return reverse(
        f"reports:{name}",
        kwargs={"school_slug": school.slug, "year": term.academic_year, "term": term.name.lower()},
    )


@pytest.mark.parametrize(
    "client_fixture", ["governor_client", "leadership_client", "equality_lead_client"]
)
def test_the_report_is_for_governors_and_managers(request, school, evidence, client_fixture):
    term = reportable_terms(datetime.date.today())[0]
    response = request.getfixturevalue(client_fixture).get(report_url(school, term))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert f"Governors' equality report: {term.label}" in page
    for heading in [
        "Compliance with the equality duties",
        "Progress on equality objectives",
        "Prejudice-related incidents",
        "What changed this term",
    ]:
        assert heading in page


def test_staff_and_other_schools_cannot_read_the_report(staff_client, outsider_client, school):
    term = reportable_terms(datetime.date.today())[0]
    assert staff_client.get(report_url(school, term)).status_code == HTTPStatus.FORBIDDEN
    assert outsider_client.get(report_url(school, term)).status_code == HTTPStatus.NOT_FOUND


def test_the_report_lists_only_the_terms_changes(governor_client, school, evidence):
    term = reportable_terms(datetime.date.today())[0]
    ActionFactory(school=school, title="Brand new action this term")
    page = governor_client.get(report_url(school, term)).content.decode()
    assert "Brand new action this term" in page
    earlier = reportable_terms(datetime.date.today())[3]
    assert (
        "Brand new action this term"
        not in governor_client.get(report_url(school, earlier)).content.decode()
    )


def test_the_report_pdf_is_tagged_and_titled(governor_client, school, evidence):
    term = reportable_terms(datetime.date.today())[1]
    response = governor_client.get(report_url(school, term, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in pdf.trailer["/Root"]
    assert pdf.metadata.title == f"Governors' equality report, {term.label}: {school.name}"


@pytest.mark.parametrize("term", ["winter", "autumn"])
def test_a_term_that_does_not_exist_or_has_not_started_is_a_404(governor_client, school, term):
    future = AcademicYear.current().next()
    url = reverse("reports:term", kwargs={"school_slug": school.slug, "year": future, "term": term})
    assert governor_client.get(url).status_code == HTTPStatus.NOT_FOUND


# --- The trust view ------------------------------------------------------------------------------


def test_the_trust_view_compares_every_school_overseen(
    client, school, other_school, make_member, time_machine
):
    in_summer_term(time_machine)
    lead = make_member(Role.LEADERSHIP)
    make_member(Role.GOVERNOR, at=other_school, user=lead.user)
    this_year = AcademicYear.current().start
    for _ in range(7):
        IncidentFactory(school=school, occurred_on=this_year)
    IncidentFactory(school=other_school, occurred_on=this_year)
    client.force_login(lead.user)
    response = client.get(reverse("trust"))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert school.name in page
    assert other_school.name in page
    assert "Schools meeting the check" in page
    assert "0 of 2" in page
    # 7 and 1: the 1 is hidden, the 7 and the total of 8 rounded, so 10 - 5 says nothing.
    assert ">fewer than 5<" in page
    assert ">5<" in page
    assert ">10<" in page


def test_the_trust_view_needs_two_schools_overseen(
    leadership_client, school, make_member, other_school
):
    assert leadership_client.get(reverse("trust")).status_code == HTTPStatus.FORBIDDEN


def overview_links(page: str) -> list[str]:
    """The addresses a reader can follow from a page (in-page anchors and mail links aside)."""
    return sorted(
        {
            url
            for url in re.findall(r'href="([^"#][^"]*)"', page)
            if url.startswith("/") and not url.startswith("/static/")
        }
    )


@pytest.mark.parametrize("school_slug", ["carrington", "coopers"])
def test_every_link_on_a_governors_overview_opens_for_that_governor(demo, school_slug):
    governor = Membership.objects.get(
        school__slug=school_slug, role=Role.GOVERNOR, user__username=f"{school_slug}-governor"
    )
    client = Client()
    client.force_login(governor.user)
    page = dashboard(client, governor.school).content.decode()
    links = overview_links(page)
    assert len(links) > 5
    refused = {url: client.get(url, follow=True).status_code for url in links}
    assert {url: code for url, code in refused.items() if code != HTTPStatus.OK} == {}


def test_the_overview_gives_one_plain_verdict_with_its_reasons(governor_client, school):
    page = dashboard(governor_client, school).content.decode()
    assert "Action needed now" in page
    assert "Equality information published within the last 12 months:" in page


def test_a_governors_next_step_says_who_to_ask_without_a_link_they_cannot_open(
    governor_client, school
):
    page = dashboard(governor_client, school).content.decode()
    assert "Ask the equality lead to " in page
    policy_add = reverse("duties:policy_add", kwargs={"school_slug": school.slug})
    assert f'href="{policy_add}"' not in page


def test_a_met_check_never_contradicts_itself(governor_client, school):
    page = dashboard(governor_client, school).content.decode()
    assert "No policy has been reviewed" not in page


def test_the_report_opens_with_a_one_page_summary(governor_client, school, evidence):
    term = reportable_terms(datetime.date.today())[0]
    ActionFactory(school=school, title="Brand new action this term")
    page = governor_client.get(report_url(school, term)).content.decode()
    summary = page.index('id="report-summary"')
    assert summary < page.index("Compliance with the equality duties")
    assert "Action needed" in page[summary:] or "Meets the equality duties" in page[summary:]
    assert re.search(r"Actions: \d+ added", page)
    assert "Questions governors may ask" in page
    assert "what is being done, who is doing it, and by when?" in page


def test_the_report_leaves_out_terms_that_have_not_started(governor_client, school, time_machine):
    year = AcademicYear.current()
    time_machine.move_to(datetime.datetime(year.start.year, 10, 15, 9, 0))
    autumn, spring, summer = year.terms
    page = governor_client.get(report_url(school, autumn)).content.decode()
    table = page[page.index("<caption>Incidents by term</caption>") :]
    table = table[: table.index("</table>")]
    assert autumn.label in table
    assert spring.label not in table
    assert summer.label not in table


def test_the_report_pdf_puts_each_checks_name_and_explanation_on_lines_of_their_own(
    governor_client, school
):
    term = reportable_terms(datetime.date.today())[0]
    response = governor_client.get(report_url(school, term, "pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    lines = [line.strip() for line in text.splitlines()]
    assert "Policy reviews up to date" in lines  # the check's name, on a line of its own
    assert "The policy register is empty." in lines  # then what was found
