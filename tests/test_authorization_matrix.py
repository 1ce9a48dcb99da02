"""Who may open every page and send every form: one declared table, checked for every address.

The test walks the URLconf, so an address added later fails here until someone decides who may
use it and adds it to ``ACCESS``. Each address is requested with GET and with POST (an empty
form) as someone signed out, as each role at the school, and as a leader of another school.

Outcomes: ``ok`` is 200 for GET; for POST it is anything but 403/404/405/500 (a form shown
again with its errors and a redirect after success are both fine: the point is who gets in).
``forbidden`` is 403, ``not_found`` 404, ``method_not_allowed`` 405, ``login`` a redirect to
sign-in and ``redirect`` any other redirect.
"""

import datetime
import hashlib
from dataclasses import dataclass, replace
from http import HTTPStatus
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing.models import (
    AttachmentFile,
    EarlierPublication,
    StatementAttachment,
    StatementDraft,
)
from equality_portal.publishing.trust import trust_draft_get_or_create, trust_statement_publish
from equality_portal.schools.models import School, Trust, TrustMembership
from equality_portal.schools.roles import Role, TrustRole
from tests.factories import (
    ActionFactory,
    EngagementRecordFactory,
    EqualityAnalysisFactory,
    IncidentFactory,
    IncidentPersonFactory,
    MembershipFactory,
    ObjectiveFactory,
    ObjectiveSetFactory,
    OutcomeMeasureFactory,
    PayGapReportFactory,
    PolicyFactory,
    PopulationProfileFactory,
    ProfileFigureFactory,
    SchoolFactory,
    UserFactory,
    statement_published_create,
)
from tests.url_walk import site_routes
from workforce.models import TrustWorkforceFigure

OK = "ok"
FORBIDDEN = "forbidden"
NOT_FOUND = "not_found"
NOT_ALLOWED = "method_not_allowed"
LOGIN = "login"
REDIRECT = "redirect"

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"  # a leader of another school
STAFF, GOVERNOR, LEAD, LEADER = Role.STAFF, Role.GOVERNOR, Role.EQUALITY_LEAD, Role.LEADERSHIP
MEMBERS = (STAFF, GOVERNOR, LEAD, LEADER)
VISITORS = (ANONYMOUS, *MEMBERS, OUTSIDER)

# Who may do what, written out here rather than imported, so the table is the specification.
EVERY_MEMBER = {STAFF, GOVERNOR, LEAD, LEADER}
MANAGERS = {LEAD, LEADER}
READERS = {GOVERNOR, LEAD, LEADER}  # governors read the evidence; staff do not
INCIDENT_READERS = {STAFF, LEAD, LEADER}  # governors never see an individual incident
LEADERSHIP = {LEADER}
GOVERNORS = {GOVERNOR}


@dataclass(frozen=True)
class Expected:
    get: dict
    post: dict
    uses: str = ""  # the arranged object whose id fills the address's <pk> or <set_pk>


def school_page(roles, methods="GET", *, uses="", **exceptions) -> Expected:
    """A page under /schools/<slug>/: ``roles`` may use it with ``methods`` (405 for another
    method); other members 403, a leader of another school 404, anyone signed out to sign-in.
    ``exceptions`` replace a role's ``ok``, e.g. ``staff=NOT_FOUND``."""

    def outcomes(method):
        answers = {ANONYMOUS: LOGIN, OUTSIDER: NOT_FOUND}
        for role in MEMBERS:
            if role not in roles:
                answers[role] = FORBIDDEN
            elif method in methods.split():
                answers[role] = exceptions.get(role, OK)
            else:
                answers[role] = NOT_ALLOWED
        return answers

    return Expected(outcomes("GET"), outcomes("POST"), uses)


def signed_in_page(get, post) -> Expected:
    """A page for anyone signed in, whatever their school or role."""
    answers = {ANONYMOUS: LOGIN}
    return Expected(
        {**dict.fromkeys(VISITORS, get), **answers}, {**dict.fromkeys(VISITORS, post), **answers}
    )


def public_page(get, post) -> Expected:
    """A page anyone may open without signing in."""
    return Expected(dict.fromkeys(VISITORS, get), dict.fromkeys(VISITORS, post))


def trust_page(*, uses="") -> Expected:
    """A page under /trusts/<slug>/: only the trust's own members (trust leadership and
    trustees, none of the visitors here: tests/publishing/test_trust_statement.py) get in; to
    anyone else signed in it does not exist."""
    answers = {**dict.fromkeys(VISITORS, NOT_FOUND), ANONYMOUS: LOGIN}
    return Expected(answers, answers, uses)


GET_AND_POST = "GET POST"

ACCESS = {
    # --- Site-wide ------------------------------------------------------------------------
    "home": signed_in_page(REDIRECT, REDIRECT),  # on to the school picker
    "healthz": public_page(OK, OK),  # a plain function; a real cross-site POST fails CSRF
    "accessibility": public_page(OK, NOT_ALLOWED),
    # --- Accounts (Django's own views) ----------------------------------------------------
    "login": public_page(OK, OK),
    "logout": Expected(
        {**dict.fromkeys(VISITORS, NOT_ALLOWED), ANONYMOUS: LOGIN},
        dict.fromkeys(VISITORS, LOGIN),  # signing out lands on the sign-in page
    ),
    "account_details": signed_in_page(OK, OK),
    "password_change": signed_in_page(OK, OK),
    "password_change_done": signed_in_page(OK, NOT_ALLOWED),
    "password_reset": public_page(OK, OK),
    "password_reset_done": public_page(OK, NOT_ALLOWED),
    "password_reset_confirm": public_page(OK, OK),  # a broken link says so
    "password_reset_complete": public_page(OK, NOT_ALLOWED),
    "two_factor": signed_in_page(OK, OK),
    "two_factor_setup": signed_in_page(OK, OK),
    "two_factor_verify": signed_in_page(OK, OK),
    # --- Schools: the overview, details, members and the audit trail ----------------------
    "schools:home": signed_in_page(REDIRECT, NOT_ALLOWED),  # one school each: straight there
    "schools:dashboard": school_page(EVERY_MEMBER),
    "schools:school_edit": school_page(LEADERSHIP, GET_AND_POST),
    "schools:audit": school_page(LEADERSHIP),
    "schools:member_list": school_page(LEADERSHIP),
    "schools:member_add": school_page(LEADERSHIP, GET_AND_POST),
    "schools:member_role": school_page(LEADERSHIP, GET_AND_POST, uses="member"),
    "schools:member_remove": school_page(LEADERSHIP, GET_AND_POST, uses="member"),
    # --- Duties: aims and actions (everyone), analyses, policies, monitoring (readers) -----
    "duties:home": school_page(EVERY_MEMBER),
    "duties:year": school_page(EVERY_MEMBER),
    "duties:aim": school_page(EVERY_MEMBER),
    "duties:action_detail": school_page(EVERY_MEMBER, uses="action"),
    "duties:action_add": school_page(MANAGERS, GET_AND_POST),
    "duties:action_edit": school_page(MANAGERS, GET_AND_POST, uses="action"),
    "duties:action_delete": school_page(MANAGERS, GET_AND_POST, uses="action"),
    "duties:analysis_list": school_page(READERS),
    "duties:analysis_detail": school_page(READERS, uses="analysis"),
    "duties:analysis_add": school_page(MANAGERS, GET_AND_POST),
    "duties:analysis_edit": school_page(MANAGERS, GET_AND_POST, uses="analysis"),
    "duties:analysis_sign_off": school_page(LEADERSHIP, GET_AND_POST, uses="analysis"),
    "duties:policy_list": school_page(READERS),
    "duties:policy_detail": school_page(READERS, uses="policy"),
    "duties:policy_add": school_page(MANAGERS, GET_AND_POST),
    "duties:policy_edit": school_page(MANAGERS, GET_AND_POST, uses="policy"),
    "duties:policy_review_add": school_page(MANAGERS, GET_AND_POST, uses="policy"),
    "duties:monitoring": school_page(READERS),
    "duties:profile_detail": school_page(READERS, uses="profile"),
    "duties:profile_add": school_page(MANAGERS, GET_AND_POST),
    "duties:profile_edit": school_page(MANAGERS, GET_AND_POST, uses="profile"),
    "duties:profile_delete": school_page(MANAGERS, GET_AND_POST, uses="profile"),
    "duties:figure_add": school_page(MANAGERS, GET_AND_POST, uses="profile"),
    "duties:figure_edit": school_page(MANAGERS, GET_AND_POST, uses="figure"),
    "duties:figure_delete": school_page(MANAGERS, GET_AND_POST, uses="figure"),
    "duties:outcome_add": school_page(MANAGERS, GET_AND_POST),
    "duties:outcome_edit": school_page(MANAGERS, GET_AND_POST, uses="outcome"),
    "duties:outcome_delete": school_page(MANAGERS, GET_AND_POST, uses="outcome"),
    "duties:import": school_page(MANAGERS, GET_AND_POST),
    "duties:import_template": school_page(MANAGERS),
    # --- Workforce: the employer's pay gap reports -----------------------------------------
    "workforce:pay_gap_list": school_page(READERS),
    "workforce:pay_gap_detail": school_page(READERS, uses="pay_gap"),
    "workforce:payroll_import": school_page(MANAGERS, GET_AND_POST),
    "workforce:payroll_template": school_page(MANAGERS),
    # --- Engagement -----------------------------------------------------------------------
    "engagement:record_list": school_page(EVERY_MEMBER),
    "engagement:year_list": school_page(EVERY_MEMBER),
    "engagement:record_detail": school_page(EVERY_MEMBER, uses="engagement"),
    "engagement:record_add": school_page(MANAGERS, GET_AND_POST),
    "engagement:record_edit": school_page(MANAGERS, GET_AND_POST, uses="engagement"),
    # --- Objectives: governors comment on progress ----------------------------------------
    "objectives:set_list": school_page(EVERY_MEMBER),
    "objectives:set_detail": school_page(EVERY_MEMBER, uses="objective_set"),
    "objectives:set_add": school_page(MANAGERS, GET_AND_POST),
    "objectives:set_edit": school_page(MANAGERS, GET_AND_POST, uses="objective_set"),
    "objectives:objective_add": school_page(MANAGERS, GET_AND_POST, uses="objective_set"),
    "objectives:objective_detail": school_page(EVERY_MEMBER, uses="objective"),
    "objectives:objective_edit": school_page(MANAGERS, GET_AND_POST, uses="objective"),
    "objectives:action_plan": school_page(MANAGERS, GET_AND_POST, uses="objective"),
    "objectives:progress_add": school_page(MANAGERS, GET_AND_POST, uses="objective"),
    "objectives:comment_add": school_page(READERS, GET_AND_POST, uses="objective"),
    "objectives:action_add": school_page(MANAGERS, GET_AND_POST, uses="objective"),
    "objectives:action_edit": school_page(MANAGERS, GET_AND_POST, uses="objective_action"),
    "objectives:action_delete": school_page(MANAGERS, GET_AND_POST, uses="objective_action"),
    # --- Incidents: the incident arranged here was recorded by ANOTHER member of staff, so
    # the staff member asking is told it does not exist (staff read only their own). -------
    "incidents:record": school_page(EVERY_MEMBER, GET_AND_POST),
    "incidents:list": school_page(INCIDENT_READERS),
    "incidents:list_export": school_page(MANAGERS),  # the filtered list as CSV
    "incidents:detail": school_page(INCIDENT_READERS, uses="incident", staff=NOT_FOUND),
    "incidents:correct": school_page(
        INCIDENT_READERS, GET_AND_POST, uses="incident", staff=NOT_FOUND
    ),
    "incidents:follow_up": school_page(MANAGERS, GET_AND_POST, uses="incident"),
    "incidents:action_add": school_page(MANAGERS, GET_AND_POST, uses="incident"),
    "incidents:history": school_page(MANAGERS, uses="incident"),
    "incidents:summary": school_page(READERS),  # suppressed counts only
    "incidents:summary_year": school_page(READERS),
    "incidents:export": school_page(MANAGERS),  # exact counts for the local authority
    "incidents:retention": school_page(MANAGERS),
    # --- The statement: managers write, leadership submit, a governor decides -------------
    "publishing:home": school_page(READERS),
    "publishing:draft": school_page(READERS),
    "publishing:preview": school_page(READERS),
    "publishing:draft_edit": school_page(MANAGERS, GET_AND_POST),
    "publishing:submit": school_page(LEADERSHIP, "POST"),
    "publishing:draft_sections": school_page(MANAGERS, GET_AND_POST),
    "publishing:draft_attachments": school_page(MANAGERS, GET_AND_POST),
    "publishing:draft_attachment_remove": school_page(MANAGERS, "POST", uses="attachment"),
    "publishing:carry_forward": school_page(MANAGERS, "POST"),
    "publishing:carry_forward_reviewed": school_page(MANAGERS, "POST"),
    "publishing:earlier_add": school_page(MANAGERS, GET_AND_POST),
    "publishing:period_add": school_page(MANAGERS, GET_AND_POST),
    # Version 1 of this year's statement: submitted, approved and published in _arrange().
    "publishing:version": school_page(READERS),
    "publishing:version_pdf": school_page(READERS),
    "publishing:decide": school_page(GOVERNORS, "POST"),
    "publishing:publish": school_page(LEADERSHIP, "POST"),
    "reports:list": school_page(READERS),
    "reports:term": school_page(READERS),
    "reports:pdf": school_page(READERS),
    # Everyone here has one school; the trust view (two or more) is in test_dashboard.py.
    "trust": signed_in_page(FORBIDDEN, NOT_ALLOWED),
    # --- The published statement, for everyone -------------------------------------------
    "public:latest": public_page(OK, NOT_ALLOWED),
    "public:year": public_page(OK, NOT_ALLOWED),
    "public:version": public_page(OK, NOT_ALLOWED),
    "public:pdf": public_page(OK, OK),  # plain functions, like healthz
    "public:json": public_page(OK, OK),
    "public:version_pdf": public_page(OK, OK),
    "public:version_json": public_page(OK, OK),
    "public:earlier_document": replace(public_page(OK, OK), uses="earlier"),
    "public:logo": public_page(OK, NOT_ALLOWED),
    # The trust's statement, published by trust leadership in _arrange().
    "public:trust_latest": public_page(OK, NOT_ALLOWED),
    "public:trust_year": public_page(OK, NOT_ALLOWED),
    "public:trust_version": public_page(OK, NOT_ALLOWED),
    "public:trust_pdf": public_page(OK, OK),
    "public:trust_json": public_page(OK, OK),
    "public:trust_version_pdf": public_page(OK, OK),
    "public:trust_version_json": public_page(OK, OK),
    # --- The trust's own pages: for its members only ---------------------------------------
    "trusts:home": trust_page(),
    "trusts:statement_edit": trust_page(),
    "trusts:statement_preview": trust_page(),
    "trusts:statement_publish": trust_page(),
    "trusts:objectives": trust_page(),
    # Trust leadership only, trustees 403: tests/workforce/test_trust_workforce.py.
    "trusts:workforce": trust_page(),
    "trusts:workforce_import": trust_page(),
    "trusts:workforce_delete": trust_page(uses="workforce_figure"),
    # Trust leadership only, trustees 403: tests/schools/test_trust_members.py.
    "trusts:members": trust_page(),
    "trusts:member_add": trust_page(),
    "trusts:member_role": trust_page(uses="trust_member"),
    "trusts:member_remove": trust_page(uses="trust_member"),
    # The arranged publication has no appendix: the address answers 404 to everyone alike
    # (appendices that exist are served in tests/publishing/test_attachments.py).
    "public:appendix": public_page(NOT_FOUND, NOT_FOUND),
    # The statement in Welsh: the arranged school publishes in English only, so each Welsh
    # address answers 404 to everyone alike (tests/publishing/test_welsh.py serves them).
    "public:latest_cy": public_page(NOT_FOUND, NOT_ALLOWED),
    "public:year_cy": public_page(NOT_FOUND, NOT_ALLOWED),
    "public:version_cy": public_page(NOT_FOUND, NOT_ALLOWED),
    "public:pdf_cy": public_page(NOT_FOUND, NOT_FOUND),
    "public:json_cy": public_page(NOT_FOUND, NOT_FOUND),
    "public:version_pdf_cy": public_page(NOT_FOUND, NOT_FOUND),
    "public:version_json_cy": public_page(NOT_FOUND, NOT_FOUND),
}

ROUTES = site_routes()


@dataclass
class World:
    school: object
    year: AcademicYear
    sessions: dict  # visitor -> session key
    objects: dict  # name in Expected.uses -> model instance


def _arrange() -> World:
    school = SchoolFactory(slug="carrington-test")
    other_school = SchoolFactory(slug="another-school")
    members = {role: MembershipFactory(school=school, role=role) for role in MEMBERS}
    members[OUTSIDER] = MembershipFactory(school=other_school, role=Role.LEADERSHIP)
    another_staff = MembershipFactory(school=school, role=Role.STAFF)

    statement_published_create(
        school=school, governor=members[GOVERNOR].user, leader=members[LEADER].user
    )
    trust = Trust.objects.create(name="Test Academy Trust", slug="test-trust")
    School.objects.filter(pk=school.pk).update(trust=trust)
    trust_membership = TrustMembership.objects.create(
        user=UserFactory(), trust=trust, role=TrustRole.TRUST_LEADERSHIP
    )
    trust_lead = trust_membership.user
    trust_statement_publish(
        draft=trust_draft_get_or_create(trust=trust, year=AcademicYear.current()),
        by=trust_lead,
        approved_by_name="Chair of Trustees",
        approved_on=dates.today(),
    )
    profile = PopulationProfileFactory(school=school)
    objective = ObjectiveFactory(objective_set=ObjectiveSetFactory(school=school), measured=True)
    incident = IncidentFactory(school=school, recorded_by=another_staff.user)
    IncidentPersonFactory(incident=incident)
    objects = {
        "member": another_staff,
        "action": ActionFactory(school=school),
        "analysis": EqualityAnalysisFactory(school=school),
        "policy": PolicyFactory(school=school),
        "profile": profile,
        "figure": ProfileFigureFactory(profile=profile),
        "outcome": OutcomeMeasureFactory(school=school),
        "engagement": EngagementRecordFactory(school=school),
        "objective_set": objective.objective_set,
        "objective": objective,
        "objective_action": objective.actions.create(what="Tutoring", who="Maths", when="Termly"),
        "incident": incident,
        "pay_gap": PayGapReportFactory(school=school),
        "trust_member": trust_membership,
        "workforce_figure": TrustWorkforceFigure.objects.create(
            trust=trust,
            academic_year=AcademicYear.current().start_year,
            stage="leavers",
            category_type="sex",
            category="Male",
            count=3,
        ),
        "attachment": StatementAttachment.objects.create(
            draft=StatementDraft.objects.get(school=school),
            title="Accessibility plan",
            file_name="plan.pdf",
            file=AttachmentFile.objects.create(
                school=school,
                sha256="a" * 64,
                content_type="application/pdf",
                content=b"%PDF-1.4",
                size=8,
            ),
        ),
        "earlier": EarlierPublication.objects.create(
            school=school,
            title="Equality Statement 2019",
            published_on=datetime.date(2019, 3, 14),
            document=b"%PDF-1.4",
            document_name="statement.pdf",
            document_type="application/pdf",
            document_sha256="b" * 64,
        ),
    }
    school.logo = b"\x89PNG\r\n\x1a\n"
    school.logo_content_type = "image/png"
    school.logo_sha256 = hashlib.sha256(school.logo).hexdigest()
    school.save()
    sessions = {}
    for visitor, membership in members.items():
        client = Client()
        client.force_login(membership.user)
        sessions[visitor] = client.session.session_key
    return World(school, AcademicYear.current(), sessions, objects)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Arranged once for the module, in a transaction rolled back at its end; each test's own
    changes are rolled back after it as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _arrange()
        transaction.set_rollback(True)


def _url(world: World, route, expected: Expected) -> str:
    values = {"school_slug": world.school.slug, "year": world.year.label, "version": 1}
    values["trust_slug"] = "test-trust"
    values.update(aim="eliminate", kind="population", uidb64="MQ", token="not-a-token")
    values.update(term="autumn")  # the current year's autumn term has always begun
    values.update(sha256=world.school.logo_sha256, extension="png")
    values.update(number=1, file_name="plan.pdf")
    if expected.uses:
        values["pk"] = values["set_pk"] = world.objects[expected.uses].pk

    def value_for(kwarg, converter):
        assert kwarg in values, f"{route.name}: say in ACCESS which object fills <{kwarg}>"
        return values[kwarg]

    return route.fill(value_for)


def _outcome(response) -> str:
    status = response.status_code
    if status in (HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.SEE_OTHER):
        sign_in = resolve_url(settings.LOGIN_URL)
        return LOGIN if urlparse(response["Location"]).path == sign_in else REDIRECT
    return {
        HTTPStatus.OK: OK,
        HTTPStatus.FORBIDDEN: FORBIDDEN,
        HTTPStatus.NOT_FOUND: NOT_FOUND,
        HTTPStatus.METHOD_NOT_ALLOWED: NOT_ALLOWED,
    }.get(status, f"status {status}")


def _matches(method: str, expected: str, answer: str) -> bool:
    if method == "post" and expected == OK:
        return answer in (OK, REDIRECT)
    return answer == expected


def _ask(world: World, visitor: str, method: str, url: str) -> str:
    client = Client(raise_request_exception=False)
    if visitor != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[visitor]
    # Each request's changes (a removed member, a new draft) are undone before the next.
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return _outcome(response)


def test_every_entry_names_an_address_that_exists():
    assert set(ACCESS) <= {route.name for route in ROUTES}


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_each_visitor_gets_the_declared_answer(world, route):
    if route.name not in ACCESS:
        pytest.fail(
            f"{route.name} ({route.route}) is not in ACCESS in {__name__.replace('.', '/')}.py: "
            "add it, saying what each visitor may do with it.",
            pytrace=False,
        )
    expected = ACCESS[route.name]
    url = _url(world, route, expected)
    wrong = []
    for method, answers in (("get", expected.get), ("post", expected.post)):
        for visitor in VISITORS:
            answer = _ask(world, visitor, method, url)
            if not _matches(method, answers[visitor], answer):
                wrong.append(
                    f"{method.upper()} {url} as {visitor}: {answer}, expected {answers[visitor]}"
                )
    assert not wrong, "\n".join(wrong)
