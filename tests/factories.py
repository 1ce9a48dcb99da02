"""Factories that keep the model's invariants: every member belongs to a real school."""

import factory

from equality_portal.schools.models import Membership, Phase, Role, School, User

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


# --- Duties: actions, policies, equality analyses, monitoring data ------------------------------

import datetime  # noqa: E402

from duties.models import (  # noqa: E402
    Action,
    EqualityAnalysis,
    Outcome,
    OutcomeMeasure,
    Policy,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
)


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
