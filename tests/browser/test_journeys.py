"""The journeys the portal exists for, end to end in a real browser, by clicking and typing.

Factories only arrange the starting data; everything the users do, they do through the pages,
and every page they see is checked with axe and for CSP violations.
"""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing import services as publishing
from equality_portal.publishing.models import Publication
from equality_portal.schools.models import Membership
from equality_portal.schools.roles import Role
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


def _link_in(email, path_part: str) -> str:
    """The first portal address in an email that contains ``path_part``, as a path here."""
    link = next(word for word in email.body.split() if path_part in word)
    assert link.startswith(settings.SITE_URL)
    return link.removeprefix(settings.SITE_URL)


def test_approval_survives_new_evidence(
    browser, live_server, school, leader, governor, staff_member
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

    # Leadership submit the draft as it stands: it is frozen as version 1.
    head = visitor_for(leader)
    page = head.page
    page.get_by_role("link", name="Statement", exact=True).click()
    head.assert_accessible()
    page.get_by_role("link", name=f"{year.label}").first.click()
    assert page.get_by_text("Nothing has been submitted for approval yet.").is_visible()
    head.assert_accessible()
    page.get_by_role("button", name="Submit for approval").click()
    assert page.get_by_text("Version 1 was submitted for approval").is_visible()
    head.assert_accessible()
    draft_path = f"/schools/{school.slug}/statement/{year.label}/"

    # A governor follows the email's link to version 1 and asks for changes.
    [requested] = [email for email in mail.outbox if "ready for approval" in email.subject]
    assert requested.to == [governor.user.email]
    chair = visitor_for(governor)
    chair.goto(_link_in(requested, "/versions/1/"))
    assert chair.page.get_by_role("heading", level=1).inner_text() == (
        f"Version 1 of the equality statement {year.label}"
    )
    chair.assert_accessible()
    chair.page.get_by_label("Ask for changes").check()
    chair.page.get_by_label("Comment").fill("Describe the accessibility plan in our own words.")
    chair.page.get_by_role("button", name="Record my decision").click()
    assert chair.page.get_by_text("You asked for changes to version 1.").is_visible()
    chair.assert_accessible()

    # Leadership make the change and submit version 2.
    head.goto(draft_path)
    assert page.get_by_text("Changes requested by").first.is_visible()
    page.get_by_role("link", name="Edit the school's text").click()
    page.get_by_label("Accessibility plan summary").fill(
        "Ramps to every building, and a quiet room for pupils who need one."
    )
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The statement's text was saved.").is_visible()
    page.get_by_role("button", name="Submit a new version for approval").click()
    assert page.get_by_text("Version 2 was submitted for approval").is_visible()

    # A governor approves version 2, with the meeting's minute.
    second = [email for email in mail.outbox if "ready for approval" in email.subject][-1]
    chair.goto(_link_in(second, "/versions/2/"))
    assert chair.page.get_by_text("a quiet room for pupils who need one").is_visible()
    chair.page.get_by_label("Approve this version").check()
    chair.page.get_by_label("Minute reference (optional)").fill("FGB 2026/11")
    chair.page.get_by_role("button", name="Record my decision").click()
    assert chair.page.get_by_text("You approved version 2.").is_visible()
    chair.assert_accessible()

    # A teacher logs an incident: new evidence, after the approval.
    teacher = visitor_for(staff_member)
    teacher.goto(f"/schools/{school.slug}/incidents/record/")
    # The phone form: tap-chips, with a pupil target ready.
    teacher.page.get_by_label("Dining hall").check()
    teacher.page.get_by_label("The target", exact=True).check()
    teacher.page.get_by_label("Disability or SEN").check()
    teacher.page.get_by_label("Verbal", exact=True).check()
    teacher.page.get_by_label("What happened").fill("Name-calling at break.")
    teacher.page.get_by_role("button", name="Record incident").click()
    assert teacher.page.get_by_text("was recorded").first.is_visible()

    # The approval stands; the draft page says what differs from it; leadership publish it.
    head.goto(draft_path)
    assert page.get_by_text("Approved by").first.is_visible()
    # This term's incidents reach the statement only once the term has closed (the disclosure
    # policy: a live figure must not change with one record), so the approved version and the
    # draft still agree about incidents.
    assert not page.locator(".live-changes").get_by_text("Prejudice-related incidents").count()
    head.assert_accessible()
    page.get_by_role("link", name="Publish version 2").click()
    head.assert_accessible()
    confirm = page.get_by_label("I have read this advice")
    if confirm.count():
        confirm.check()
    page.get_by_role("button", name="Publish version 2").click()
    assert page.get_by_text(f"The {year.label} statement is published.").is_visible()
    head.assert_accessible()

    publication = Publication.objects.get(school=school)
    version = publication.statement_version
    assert version.number == 2
    assert version.decision.decided_by == governor.user
    assert version.decision.minute_reference == "FGB 2026/11"
    assert publication.data_json == version.data_json
    assert publication.published_by == leader.user

    # The public page shows the approved version.
    reader = Visitor(browser.new_context().new_page(), live_server.url)
    reader.goto(f"/equality/{school.slug}/")
    assert reader.page.get_by_text("a quiet room for pupils who need one").is_visible()
    reader.assert_accessible()

    # Four kinds of email, each to the right people, with the right links.
    leaders = sorted(
        Membership.objects.filter(school=school, role=Role.LEADERSHIP).values_list(
            "user__email", flat=True
        )
    )

    def sent(subject_part):
        emails = [email for email in mail.outbox if subject_part in email.subject]
        return emails, sorted(address for email in emails for address in email.to)

    emails, to = sent("ready for approval")
    assert to == [governor.user.email] * 2
    emails, to = sent("changes requested")
    assert to == leaders
    assert "Describe the accessibility plan in our own words." in emails[0].body
    assert _link_in(emails[0], "/statement/") == draft_path
    emails, to = sent("is approved")
    assert to == leaders
    assert _link_in(emails[0], "/versions/") == f"{draft_path}versions/2/"
    emails, to = sent("is published")
    assert to == sorted([*leaders, governor.user.email])
    assert _link_in(emails[0], f"/equality/{school.slug}/{year.label}/") == (
        f"/equality/{school.slug}/{year.label}/"
    )
    for visitor in (head, chair, teacher, reader):
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


def test_the_leader_copies_the_permanent_address_after_publishing(
    browser, live_server, school, leader, governor
):
    year = AcademicYear.current()
    statement_evidence_create(school=school, year=year)
    school.contact_email = "office@example.org"
    school.save()
    draft = publishing.statement_draft_get_or_create(school=school, year=year)
    version = publishing.statement_submit(draft=draft, by=leader.user)
    publishing.statement_approve(version=version, by=governor.user)

    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    head = Visitor(context.new_page(), live_server.url)
    head.sign_in(leader.user.username)
    page = head.page
    head.goto(f"/schools/{school.slug}/statement/{year.label}/versions/{version.number}/")
    confirm = page.get_by_label("I have read this advice")
    if confirm.count():
        confirm.check()
    page.get_by_role("button", name=f"Publish version {version.number}").click()
    assert page.get_by_text(f"The {year.label} statement is published.").is_visible()
    head.assert_accessible()

    permanent = f"{live_server.url}/equality/{school.slug}/"
    assert page.get_by_label("Permanent address of the statement").input_value() == permanent
    assert page.get_by_label(f"Address of the PDF ({year.label})").input_value() == (
        f"{live_server.url}/equality/{school.slug}/{year.label}/statement.pdf"
    )
    assert f'<a href="{permanent}">' in page.get_by_label("A link to paste").input_value()
    page.get_by_role("button", name="Copy address").click()
    page.get_by_role("status").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == permanent
    # Let the pressed button's colour transition end: axe measures the colours of the moment.
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)
    head.assert_accessible()
    context.close()
