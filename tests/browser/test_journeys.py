"""The five journeys the portal exists for, end to end in a real browser, by clicking and typing.

Factories only arrange the starting data; everything the users do, they do through the pages,
and every page they see is checked with axe and for CSP violations.
"""

import datetime

import pytest
from django.core import mail

from equality_portal.academic_year import AcademicYear
from equality_portal.publishing.models import Publication
from equality_portal.schools.models import Role
from incidents.models import ActionKind, Incident, Status
from tests.browser.conftest import Visitor
from tests.factories import (
    IncidentFactory,
    IncidentPersonFactory,
    statement_evidence_create,
    statement_published_create,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PHONE_WIDTH = 375


def _fits_the_screen(visitor) -> bool:
    return visitor.page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_staff_log_an_incident_on_a_phone(phone_visitor, school, staff_member, equality_lead):
    page = phone_visitor.page
    phone_visitor.sign_in(staff_member.user.username)
    assert _fits_the_screen(phone_visitor)
    phone_visitor.assert_accessible()

    page.get_by_role("link", name="Incidents", exact=True).click()
    page.get_by_role("link", name="Record an incident").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Record an incident"
    assert _fits_the_screen(phone_visitor)
    phone_visitor.assert_accessible()

    page.get_by_label("Dining hall").check()
    page.get_by_label("The target", exact=True).check()
    page.get_by_label("Disability or SEN").check()
    page.get_by_label("Verbal").check()
    person = page.locator("fieldset.incident-person").first
    assert person.get_by_label("Target", exact=True).is_checked()  # one target ready
    person.get_by_label("Year group (pupils)").select_option(label="Year 9")
    page.get_by_label("What happened").fill("A pupil mocked the target's hearing aid at lunch.")
    page.get_by_text("More details: derogatory language").click()
    page.get_by_label("Derogatory language used").fill("Mocking words about deafness")
    page.get_by_role("button", name="Record incident").click()

    incident = Incident.objects.get(school=school)
    assert page.get_by_text(f"Incident {incident.reference} was recorded.").is_visible()
    assert page.get_by_text("A pupil mocked the target's hearing aid at lunch.").is_visible()
    assert _fits_the_screen(phone_visitor)
    phone_visitor.assert_accessible()
    assert incident.recorded_by == staff_member.user
    assert incident.location == "dining_hall"
    assert incident.motivations == ["disability_sen"]
    assert [(p.role, p.kind, p.year_group) for p in incident.people.all()] == [
        ("target", "pupil", "Y9")
    ]
    # The equality lead is told there is a new incident, and nothing about it but its reference.
    [email] = mail.outbox
    assert email.to == [equality_lead.user.email]
    assert incident.reference in email.subject
    assert "hearing aid" not in email.body


def test_the_equality_lead_follows_an_incident_up(visitor, school, equality_lead, staff_member):
    incident = IncidentFactory(school=school, recorded_by=staff_member.user)
    IncidentPersonFactory(incident=incident)
    page = visitor.page
    visitor.sign_in(equality_lead.user.username)

    page.get_by_role("link", name="Incidents", exact=True).click()
    visitor.assert_accessible()
    page.get_by_role("link", name=incident.reference).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Incident {incident.reference}"
    visitor.assert_accessible()

    page.get_by_role("link", name="Add an action").click()
    visitor.assert_accessible()
    page.get_by_label("Action").select_option(label=ActionKind.PARENTS_INFORMED.label)
    page.get_by_label("Notes").fill("Phoned both families; they will talk to their children.")
    page.get_by_role("button", name="Add action").click()
    assert page.get_by_text("Phoned both families").is_visible()
    visitor.assert_accessible()

    page.get_by_role("link", name="Update follow-up").click()
    visitor.assert_accessible()
    page.get_by_label("Closed").check()
    page.get_by_label("Outcome").fill("Restorative meeting held; no repeat in four weeks.")
    page.get_by_role("button", name="Save follow-up").click()
    assert page.get_by_text("The follow-up was saved.").is_visible()
    visitor.assert_accessible()

    incident.refresh_from_db()
    assert incident.status == Status.CLOSED
    assert incident.outcome == "Restorative meeting held; no repeat in four weeks."
    assert incident.actions.get().kind == ActionKind.PARENTS_INFORMED


def test_leadership_draft_a_governor_approves_leadership_publish(
    browser, live_server, school, leader, governor
):
    year = AcademicYear.current()
    statement_evidence_create(school=school, year=year)
    school.contact_email = "office@example.org"
    school.save()

    def visitor_for(member) -> Visitor:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        visitor = Visitor(context.new_page(), live_server.url)
        visitor.sign_in(member.user.username)
        return visitor

    # Leadership write the school's own words.
    head = visitor_for(leader)
    page = head.page
    page.get_by_role("link", name="Statement", exact=True).click()
    head.assert_accessible()
    page.get_by_role("link", name=f"{year.label}").first.click()
    head.assert_accessible()
    page.get_by_role("link", name="Edit the school's text").click()
    head.assert_accessible()
    page.get_by_label("Introduction").fill("We are a school where everyone belongs.")
    page.get_by_label("Accessibility plan summary").fill(
        "Our plan improves access to the curriculum, the buildings and information."
    )
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The statement's text was saved.").is_visible()
    assert page.get_by_text("No governor has approved this draft yet.").is_visible()
    head.assert_accessible()
    draft_url = page.url

    # A governor reads the preview, then approves.
    chair = visitor_for(governor)
    chair.goto(draft_url.removeprefix(live_server.url))
    chair.page.get_by_role("link", name="Preview the statement").click()
    assert chair.page.get_by_text("We are a school where everyone belongs.").is_visible()
    chair.assert_accessible()
    chair.page.go_back()
    chair.page.get_by_role("button", name="Approve the statement").click()
    assert chair.page.get_by_text(f"You approved the {year.label} statement.").is_visible()
    chair.assert_accessible()

    # Leadership confirm they read the warnings, and publish.
    page.reload()
    for warning in page.locator("input[name=acknowledged]").all():
        warning.check()
    page.get_by_role("button", name="Publish the statement").click()
    assert page.get_by_text(f"The {year.label} statement is published.").is_visible()
    head.assert_accessible()
    publication = Publication.objects.get(school=school)
    assert publication.approval.approved_by == governor.user
    assert publication.published_by == leader.user
    for visitor in (head, chair):
        visitor.page.context.close()


@pytest.fixture
def published(school, leader, governor):
    """This year's statement, approved and published."""
    return statement_published_create(
        school=school,
        governor=governor.user,
        leader=leader.user,
        introduction="We are a school where everyone belongs.",
    )


def test_a_member_of_the_public_reads_the_statement_and_downloads_the_pdf(
    visitor, school, published
):
    page = visitor.page
    response = visitor.goto(f"/equality/{school.slug}/")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Equality information and objectives {published.year.label}"
    )
    assert page.get_by_text("We are a school where everyone belongs.").is_visible()
    assert page.get_by_role("heading", name="Foster good relations").first.is_visible()
    visitor.assert_accessible()

    link = page.get_by_role("link", name="Download as PDF")
    download = page.request.get(visitor.base_url + link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF")
    assert download.body() == bytes(published.pdf)


def test_a_governor_reads_the_dashboard(visitor, school, governor, published, staff_member):
    for day in (datetime.date(2025, 10, 6), datetime.date(2025, 10, 7)):
        incident = IncidentFactory(
            school=school, occurred_on=day, recorded_by=staff_member.user, description="Secret"
        )
        IncidentPersonFactory(incident=incident)
    page = visitor.page
    visitor.sign_in(governor.user.username)
    assert page.get_by_role("heading", level=1).inner_text() == school.name
    assert page.get_by_text(f"You are {Role.GOVERNOR.label.lower()} at this school.").is_visible()
    assert page.get_by_role("heading", name="Compliance").is_visible()
    assert page.get_by_role("table", name="Statutory checks and their status").is_visible()
    published_row = page.get_by_role("row").filter(has_text="Equality information published")
    assert published_row.get_by_text("Met", exact=True).is_visible()
    assert page.get_by_role("heading", name="Recent changes").is_visible()
    visitor.assert_accessible()

    page.get_by_role("link", name="Incident summary").click()
    visitor.assert_accessible()
    page.get_by_role("link", name="2025-26").first.click()
    assert page.get_by_text("fewer than 5").first.is_visible()  # two incidents: suppressed
    assert "Secret" not in page.content()
    assert page.get_by_role("link", name="Incidents", exact=True).count() == 0
    visitor.assert_accessible()
