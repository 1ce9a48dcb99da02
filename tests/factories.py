"""Factories that keep the model's invariants: every member belongs to a real school."""

import datetime
from decimal import Decimal

import factory

from equality_portal.academic_year import AcademicYear
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
