"""Every page type passes axe-core (WCAG 2.2 A and AA) with no CSP violation, with the demo's
real data, as each role that can open it and signed out; so do forms shown with their errors;
and the incident form can be completed with the keyboard alone.

The page types come from the URLconf and their records from following links (tests/demo_site.py),
so a new page is checked without being listed here.
"""

import json
from itertools import groupby

import pytest
from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.demo import DEMO_PASSWORD
from equality_portal.schools.roles import Role
from incidents.models import Incident
from tests.browser.conftest import PHONE
from tests.demo_site import ANONYMOUS, demo_load, pages_for
from tests.factories import (
    IncidentFactory,
    IncidentPersonFactory,
    ObjectiveFactory,
    PopulationProfileFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

DESKTOP = {"width": 1280, "height": 900}
# A few tests rather than one per role: each loads the demo (about ten seconds). The public and
# staff (who log incidents at the end of a busy day) are checked on a phone-sized screen too.
GROUPS = {
    "signed-out-staff-governor": [
        (ANONYMOUS, DESKTOP),
        (ANONYMOUS, PHONE),
        (Role.STAFF, DESKTOP),
        (Role.STAFF, PHONE),
        (Role.GOVERNOR, DESKTOP),
        (Role.GOVERNOR, PHONE),
    ],
    "equality-lead-leadership": [(Role.EQUALITY_LEAD, DESKTOP), (Role.LEADERSHIP, DESKTOP)],
}


def _problems_on_page(visitor, label: str) -> list[str]:
    violations = visitor.axe_violations()
    problems = [f"{label}: {json.dumps(violations, indent=1)}"] if violations else []
    if visitor.csp_violations:
        problems.append(f"{label}: CSP {visitor.csp_violations}")
        visitor.csp_violations.clear()
    return problems


@pytest.mark.parametrize("group", GROUPS)
def test_every_page_type_is_accessible_to_each_role(visitor, settings, group):
    demo_load(settings)
    problems = []
    checked = 0
    found = {}
    for role, screen in GROUPS[group]:
        visitor.page.set_viewport_size(screen)
        if role not in found:
            found[role] = pages_for(role)
        pages = sorted(found[role].items(), key=lambda item: item[1].username or "")
        for username, its_pages in groupby(pages, key=lambda item: item[1].username):
            visitor.page.context.clear_cookies()
            if username:
                visitor.sign_in(username, DEMO_PASSWORD)
            for name, page in its_pages:
                response = visitor.goto(page.url)
                who = username or "signed out"
                label = f"{name} as {who}, {screen['width']}px wide ({page.url})"
                if response.status != 200:
                    problems.append(f"{label}: answered {response.status}")
                    continue
                problems += _problems_on_page(visitor, label)
                checked += 1
    assert checked > 0
    assert not problems, "\n".join(problems)


def test_the_error_pages_are_accessible(visitor, school, staff_member, other_school):
    visitor.sign_in(staff_member.user.username)
    for path, status in [
        (f"/schools/{school.slug}/members/", 403),  # leadership only
        (f"/schools/{other_school.slug}/", 404),  # not their school
        ("/no-such-page/", 404),
    ]:
        response = visitor.goto(path)
        assert response.status == status
        visitor.assert_accessible()


# --- Forms shown with their errors ------------------------------------------------------------

# (URL name, record whose id the address takes): forms of each app, submitted empty.
FORMS = [
    ("schools:member_add", None),
    ("duties:action_add", None),
    ("duties:analysis_add", None),
    ("duties:policy_add", None),
    ("duties:profile_add", None),
    ("duties:figure_add", "profile"),
    ("duties:outcome_add", None),
    ("engagement:record_add", None),
    ("objectives:set_add", None),
    ("objectives:objective_add", "objective_set"),
    ("objectives:progress_add", "objective"),
    ("objectives:action_add", "objective"),
    ("incidents:record", None),
    ("incidents:correct", "incident"),
    ("incidents:action_add", "incident"),
    ("password_change", None),
]


def test_forms_shown_with_their_errors_are_accessible(visitor, school, leader):
    objective = ObjectiveFactory(objective_set__school=school)
    incident = IncidentFactory(school=school)
    IncidentPersonFactory(incident=incident)
    records = {
        "profile": PopulationProfileFactory(school=school),
        "objective_set": objective.objective_set,
        "objective": objective,
        "incident": incident,
    }
    visitor.sign_in(leader.user.username)
    problems = []
    for name, record in FORMS:
        kwargs = {"school_slug": school.slug} if ":" in name else {}
        if record == "objective_set":
            kwargs["set_pk"] = records[record].pk
        elif record:
            kwargs["pk"] = records[record].pk
        visitor.goto(reverse(name, kwargs=kwargs))
        form = visitor.page.locator("#main-content form[method=post]").first
        form.locator("[type=submit]").first.click()
        visitor.page.wait_for_load_state()
        if not visitor.page.title().startswith("Error: "):
            problems.append(f"{name}: submitted empty, it showed no error")
        problems += _problems_on_page(visitor, f"{name} with errors")
    assert not problems, "\n".join(problems)


# --- The keyboard alone -----------------------------------------------------------------------


def _tab_to(page, element_id: str, *, most: int = 80) -> None:
    """Press Tab until the element has focus; fail if it never does (it is unreachable)."""
    for _ in range(most):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"#{element_id} cannot be reached with the Tab key")


def test_an_incident_can_be_recorded_with_the_keyboard_alone(visitor, school, staff_member):
    visitor.sign_in(staff_member.user.username)
    visitor.goto(f"/schools/{school.slug}/incidents/record/")
    page = visitor.page
    keyboard = page.keyboard
    # The date and time start as now; the first person is a pupil target, ready. Chips are
    # checkboxes (Space ticks) and radio groups (one stop; the arrow keys choose).
    _tab_to(page, "id_behaviours_0")
    keyboard.press("Space")
    _tab_to(page, "id_motivations_0")
    keyboard.press("Space")
    _tab_to(page, "id_location_0")
    keyboard.press("ArrowRight")
    keyboard.press("ArrowRight")  # the third place: the playground
    _tab_to(page, "id_raised_by_0")
    keyboard.press("Space")
    _tab_to(page, "id_description")
    keyboard.type("Name-calling at lunch.")
    submit = page.get_by_role("button", name="Record incident")
    for _ in range(30):
        if submit.evaluate("button => button === document.activeElement"):
            break
        keyboard.press("Tab")
    with page.expect_navigation():
        keyboard.press("Enter")
    assert page.get_by_text("was recorded").first.is_visible()
    visitor.assert_accessible()
    incident = Incident.objects.get(school=school)
    assert incident.location == "playground"
    assert incident.description == "Name-calling at lunch."
    assert incident.recorded_by == staff_member.user
    assert [(person.role, person.kind) for person in incident.people.all()] == [("target", "pupil")]


# --- A version waiting for a decision, and an approved version to publish --------------------


def test_the_decision_and_publish_forms_are_accessible_with_their_errors(
    visitor, school, leader, governor
):
    """The demo's versions are all published, so the decision and publish forms are arranged
    here: each is shown, then sent empty and shown with its error."""
    from equality_portal.publishing import services
    from tests.factories import statement_evidence_create

    year = AcademicYear.current()
    statement_evidence_create(school=school, year=year)
    draft = services.statement_draft_get_or_create(school=school, year=year)
    version = services.statement_submit(draft=draft, by=leader.user)
    path = f"/schools/{school.slug}/statement/{year.label}/versions/{version.number}/"
    problems = []
    for member, button in [(governor, "Record my decision"), (leader, "Publish version 1")]:
        visitor.page.context.clear_cookies()
        visitor.sign_in(member.user.username)
        visitor.goto(path)
        problems += _problems_on_page(visitor, f"version page as {member.role}")
        visitor.page.get_by_role("button", name=button).click()
        visitor.page.wait_for_load_state()
        if not visitor.page.title().startswith("Error: "):
            problems.append(f"{button}: sent empty, it showed no error")
        problems += _problems_on_page(visitor, f"{button} with errors")
        if member == governor:  # approve, so that leadership have a version to publish
            services.statement_approve(version=version, by=governor.user)
    visitor.goto(f"/schools/{school.slug}/statement/{year.label}/")
    problems += _problems_on_page(visitor, "the draft with an approved version")
    assert not problems, "\n".join(problems)
