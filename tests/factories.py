"""Factories that keep the model's invariants: every member belongs to a real school."""

import datetime
from decimal import Decimal

import factory

from duties.models import (
    Action,
    EqualityAnalysis,
    Outcome,
    OutcomeMeasure,
    Policy,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
)
from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.equality import Aim
from equality_portal.publishing import services as publishing
from equality_portal.schools.models import Membership, Phase, School, User
from equality_portal.schools.roles import Role
from incidents.models import (
    ActionKind,
    FollowUpAction,
    Incident,
    IncidentPerson,
    PersonKind,
    PersonRole,
)
from workforce import paygap
from workforce.models import PayGapReport

TEST_PASSWORD = "correct-horse-battery-staple"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test School {n}")
    slug = factory.Sequence(lambda n: f"test-school-{n}")
    phase = Phase.SECONDARY
    local_authority = "Surrey"
    number_of_staff = 80


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(TEST_PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.STAFF


# --- Objectives ------------------------------------------------------------------------------


class ObjectiveSetFactory(factory.django.DjangoModelFactory):
    """A published set for September 2024 to August 2028."""

    class Meta:
        model = "objectives.ObjectiveSet"

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Equality objectives {n}")
    period_start = datetime.date(2024, 9, 1)
    period_end = datetime.date(2028, 8, 31)
    published_on = datetime.date(2024, 10, 1)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    """An objective with no measure (not measurable); ``measured=True`` gives it one."""

    class Meta:
        model = "objectives.Objective"

    class Params:
        measured = factory.Trait(
            measure="Boys reaching the expected standard in maths",
            unit="%",
            baseline_value=Decimal("68"),
            baseline_date=datetime.date(2024, 9, 1),
            target_value=Decimal("73"),
            target_date=datetime.date(2027, 7, 31),
        )

    objective_set = factory.SubFactory(ObjectiveSetFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective {n}")
    aims = factory.LazyFunction(lambda: ["advance"])
    characteristics = factory.LazyFunction(lambda: ["sex"])


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "objectives.ProgressUpdate"

    objective = factory.SubFactory(ObjectiveFactory, measured=True)
    recorded_on = datetime.date(2025, 7, 15)
    value = Decimal("70")
    narrative = "Results improved after the spring tutoring."
    rag = "green"
    recorded_by = factory.SubFactory(UserFactory)


# --- Engagement ------------------------------------------------------------------------------


class EngagementRecordFactory(factory.django.DjangoModelFactory):
    """A complete, termly record for the current academic year."""

    class Meta:
        model = "engagement.EngagementRecord"

    school = factory.SubFactory(SchoolFactory)
    academic_year = factory.LazyFunction(lambda: AcademicYear.current().start_year)
    title = factory.Sequence(lambda n: f"Engagement {n}")
    audiences = factory.LazyFunction(lambda: ["parents_carers"])
    methods = factory.LazyFunction(lambda: ["survey"])
    recurrence = "termly"
    outcome = "Homework clubs now run on two evenings a week."
    recorded_by = factory.SubFactory(UserFactory)


# --- Incidents -------------------------------------------------------------------------------


class IncidentFactory(factory.django.DjangoModelFactory):
    """An incident recorded by a member of its own school."""

    class Meta:
        model = Incident
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    number = factory.Sequence(lambda n: n + 1)
    occurred_on = datetime.date(2025, 10, 6)
    occurred_time = datetime.time(10, 30)
    academic_year = factory.LazyAttribute(
        lambda incident: AcademicYear.containing(incident.occurred_on).start_year
    )
    location = "corridor"
    raised_by = "staff"
    behaviours = factory.LazyFunction(lambda: ["verbal"])
    motivations = factory.LazyFunction(lambda: ["race"])
    description = "A pupil used a racist term towards another pupil."
    derogatory_language = "A racist term"
    immediate_action = "Challenged at once."
    recorded_by = factory.LazyAttribute(
        lambda incident: MembershipFactory(school=incident.school, role=Role.STAFF).user
    )

    @factory.post_generation
    def recorded_on_the_day(obj, create, extracted, **kwargs):
        """Recorded on the day it happened (unless told when), as a school would."""
        if not create:
            return
        moment = extracted or min(obj.occurred, dates.now())
        Incident.objects.filter(pk=obj.pk).update(recorded_at=moment)
        obj.recorded_at = moment


class IncidentPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncidentPerson

    incident = factory.SubFactory(IncidentFactory)
    role = PersonRole.TARGET
    kind = PersonKind.PUPIL
    year_group = "Y8"
    sex = "female"
    internal_reference = factory.Sequence(lambda n: f"SIMS-{10000 + n}")


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    incident = factory.SubFactory(IncidentFactory)
    kind = ActionKind.PARENTS_INFORMED
    taken_on = factory.LazyAttribute(lambda action: action.incident.occurred_on)
    notes = "Phoned both families."
    recorded_by = factory.LazyAttribute(
        lambda action: (
            MembershipFactory(school=action.incident.school, role=Role.EQUALITY_LEAD).user
        )
    )


# --- Duties: actions, policies, equality analyses, monitoring data ------------------------------


class ActionFactory(factory.django.DjangoModelFactory):
    """An action of a school; its author is a leader of the same school."""

    class Meta:
        model = Action

    school = factory.SubFactory(SchoolFactory)
    created_by = factory.LazyAttribute(
        lambda action: MembershipFactory(school=action.school, role=Role.LEADERSHIP).user
    )
    academic_year = 2025
    title = factory.Sequence(lambda n: f"Action {n}")
    aims = factory.LazyFunction(lambda: ["eliminate"])


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    school = factory.SubFactory(SchoolFactory)
    created_by = factory.LazyAttribute(
        lambda policy: MembershipFactory(school=policy.school, role=Role.LEADERSHIP).user
    )
    title = factory.Sequence(lambda n: f"Policy {n}")
    review_cycle_months = 12


class EqualityAnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EqualityAnalysis

    school = factory.SubFactory(SchoolFactory)
    created_by = factory.LazyAttribute(
        lambda analysis: MembershipFactory(school=analysis.school, role=Role.LEADERSHIP).user
    )
    subject = factory.Sequence(lambda n: f"Analysed policy {n}")
    analysed_on = datetime.date(2025, 10, 1)
    carried_out_by = "Equality lead"
    full_analysis_needed = True
    screening_reason = "It affects pupils with protected characteristics."
    outcome = Outcome.NO_CHANGE


class PolicyReviewFactory(factory.django.DjangoModelFactory):
    """A review of a policy; its analysis, when given, belongs to the policy's school."""

    class Meta:
        model = PolicyReview

    policy = factory.SubFactory(PolicyFactory)
    created_by = factory.SelfAttribute("policy.created_by")
    reviewed_on = datetime.date(2025, 10, 1)
    reviewed_by = "Governors' committee"


class PopulationProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationProfile

    school = factory.SubFactory(SchoolFactory)
    created_by = factory.LazyAttribute(
        lambda profile: MembershipFactory(school=profile.school, role=Role.LEADERSHIP).user
    )
    population = "pupils"
    census_date = datetime.date(2026, 1, 15)


class ProfileFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileFigure

    profile = factory.SubFactory(PopulationProfileFactory)
    category_type = "sex"
    category = "female"
    count = 100


class OutcomeMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeMeasure

    school = factory.SubFactory(SchoolFactory)
    created_by = factory.LazyAttribute(
        lambda measure: MembershipFactory(school=measure.school, role=Role.LEADERSHIP).user
    )
    academic_year = 2025
    measure = "attainment"
    description = "Grade 4 or above in English and maths"
    unit = "percent"
    group = "Disadvantaged pupils"
    group_size = 40
    group_value = 52.5
    comparison_group = "Other pupils nationally"
    comparison_value = 72.1


# --- A statement with nothing missing -----------------------------------------------------------


def statement_evidence_create(*, school: School, year: AcademicYear) -> None:
    """The evidence a complete statement needs: an action under each aim, a pupil census, an
    analysis, engagement with an outcome, and a measurable objective."""
    for aim in Aim:
        ActionFactory(school=school, academic_year=year.start_year, aims=[aim.value])
    PopulationProfileFactory(school=school, census_date=year.start)
    EqualityAnalysisFactory(school=school, analysed_on=year.start)
    EngagementRecordFactory(school=school, academic_year=year.start_year)
    ObjectiveFactory(objective_set__school=school, measured=True)


class PayGapReportFactory(factory.django.DjangoModelFactory):
    """A gender pay gap report computed from a small payroll (not the rows: only the measures)."""

    class Meta:
        model = PayGapReport

    school = factory.SubFactory(SchoolFactory)
    snapshot_date = datetime.date(2026, 3, 31)
    relevant_employees = 4
    figures = factory.LazyFunction(
        lambda: paygap.measures(
            [
                paygap.Employee("male", Decimal("20"), Decimal("100")),
                paygap.Employee("male", Decimal("18"), Decimal("0")),
                paygap.Employee("female", Decimal("16"), Decimal("50")),
                paygap.Employee("female", Decimal("15"), Decimal("0")),
            ]
        ).as_json()
    )


def statement_approve_and_publish(
    *, draft, governor: User, leader: User, advice_confirmed: bool = True, **kwargs
):
    """A leader submits the draft as it stands, a governor approves that version, and the leader
    publishes it, confirming the advice unless ``advice_confirmed`` is False."""
    version = publishing.statement_submit(draft=draft, by=leader)
    publishing.statement_approve(version=version, by=governor)
    return publishing.statement_publish(
        version=version, by=leader, advice_confirmed=advice_confirmed, **kwargs
    )


def statement_published_create(*, school: School, governor: User, leader: User, **text):
    """This year's statement, with the evidence it needs and ``text`` as the school's own words,
    approved and published."""
    year = AcademicYear.current()
    statement_evidence_create(school=school, year=year)
    school.contact_email = "office@example.org"
    school.save()
    draft = publishing.statement_draft_get_or_create(school=school, year=year)
    text.setdefault("accessibility_plan", "Our plan improves access to the curriculum and site.")
    publishing.statement_draft_update(draft=draft, by=leader, **text)
    return statement_approve_and_publish(draft=draft, governor=governor, leader=leader)
