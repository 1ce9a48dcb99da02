"""Demo schools and users: the two seed schools, a user for each role at each, a trust lead, and
a Welsh primary (an invented demonstration school, not in the trust) under the Welsh rules.

Every app may have a ``demo.py`` with ``load(*, schools)``; ``loaddemo`` calls them in the order
of INSTALLED_APPS after this one. Each must be safe to run twice: get_or_create, never update.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import add_years

from .models import Membership, Nation, Phase, School, Trust, TrustMembership, User
from .roles import Role, TrustRole

DEMO_PASSWORD = "demo-password"  # noqa: S105 (documented in the README; loaddemo refuses production)

WELSH_DEMO = "derwen"

SCHOOLS: dict[str, dict] = {
    "carrington": {
        "name": "Carrington School",
        "phase": Phase.SECONDARY,
        "has_sixth_form": False,
        "local_authority": "Surrey",
        "number_of_staff": 110,
    },
    "coopers": {
        "name": "Coopers School",
        "phase": Phase.SECONDARY,
        "has_sixth_form": True,
        "local_authority": "Bromley",
        "number_of_staff": 165,
    },
    # Invented: a maintained 3-11 primary in Wales, to show the Welsh rules and ALN terms.
    WELSH_DEMO: {
        "name": "Ysgol Derwen (demonstration school)",
        "phase": Phase.PRIMARY,
        "has_nursery_classes": True,
        "nation": Nation.WALES,
        "local_authority": "Demo County Borough (invented)",
        "number_of_staff": 32,
        "publishes_in_welsh": True,
        "trust": None,
    },
}

# (username suffix, role, first name, last name): the people are invented.
SCHOOL_USERS = {
    "carrington": [
        ("governor", Role.GOVERNOR, "Alex", "Morgan"),
        ("leader", Role.LEADERSHIP, "Sam", "Patel"),
        ("equality-lead", Role.EQUALITY_LEAD, "Jordan", "Reid"),
        ("staff", Role.STAFF, "Chris", "Taylor"),
    ],
    "coopers": [
        ("governor", Role.GOVERNOR, "Priya", "Shah"),
        ("leader", Role.LEADERSHIP, "Tom", "Evans"),
        ("equality-lead", Role.EQUALITY_LEAD, "Aisha", "Khan"),
        ("staff", Role.STAFF, "Ben", "Wright"),
    ],
    WELSH_DEMO: [
        ("governor", Role.GOVERNOR, "Rhian", "Pritchard"),
        ("leader", Role.LEADERSHIP, "Gareth", "Lloyd"),
        ("equality-lead", Role.EQUALITY_LEAD, "Siân", "Hughes"),
        ("staff", Role.STAFF, "Dylan", "Rees"),
    ],
}
TRUST_LEAD = ("trust-lead", "Helen", "Clarke")
# The demo puts both seed schools in one trust to show what a trust does; the real schools are
# not in one trust (the pages that show the trust say so).
DEMO_TRUST = "Demo Academy Trust (invented: the real schools are not in one trust)"
DEMO_TRUST_SLUG = "demo-academy-trust"


def _user(username: str, first_name: str, last_name: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.org",
            "first_name": first_name,
            "last_name": last_name,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load() -> dict[str, School]:
    """Create the demo schools and users, the Welsh demonstration primary among them,
    returning the schools by slug."""
    schools = {}
    with transaction.atomic():
        trust, _ = Trust.objects.get_or_create(name=DEMO_TRUST, defaults={"slug": DEMO_TRUST_SLUG})
        for slug, fields in SCHOOLS.items():
            schools[slug], _ = School.objects.get_or_create(
                slug=slug, defaults={"trust": trust, **fields}
            )
            for suffix, role, first_name, last_name in SCHOOL_USERS[slug]:
                user = _user(f"{slug}-{suffix}", first_name, last_name)
                Membership.objects.get_or_create(
                    user=user, school=schools[slug], defaults={"role": role}
                )
        username, first_name, last_name = TRUST_LEAD
        trust_lead = _user(username, first_name, last_name)
        for school in schools.values():
            if school.trust_id is None:
                continue
            Membership.objects.get_or_create(
                user=trust_lead, school=school, defaults={"role": Role.LEADERSHIP}
            )
        # The trust lead also leads the trust: its statement, objectives and pay gap report.
        TrustMembership.objects.get_or_create(
            user=trust_lead, trust=trust, defaults={"role": TrustRole.TRUST_LEADERSHIP}
        )
    return schools


# The year of the statement the seed schools' demo content was written for. Every demo date is
# given as if that were the latest published statement, and is moved by whole academic years
# (``DemoCalendar.shift``) to the year of the latest statement whenever the demo is loaded.
SEED_STATEMENT_YEAR = AcademicYear(2025)
# Schools publish the year just ended in the autumn: about eight weeks into the new year.
PUBLISHED_AFTER_YEAR_END = datetime.timedelta(weeks=8)


@dataclass(frozen=True)
class DemoCalendar:
    """The demo's dates, anchored to the day ``loaddemo`` runs."""

    today: datetime.date

    @classmethod
    def now(cls) -> "DemoCalendar":
        return cls(dates.today())

    @property
    def year(self) -> AcademicYear:
        """The academic year the demo is loaded in."""
        return AcademicYear.containing(self.today)

    @property
    def years_moved(self) -> int:
        return self.statement_year.start_year - SEED_STATEMENT_YEAR.start_year

    def shift(self, seed_day: datetime.date) -> datetime.date:
        """A date of the seed content moved to the same point of the demo's calendar."""
        return add_years(seed_day, self.years_moved)

    def shift_years_in(self, seed_text: str) -> str:
        """Seed text naming recent years ("Summer 2025 results") with the years moved."""
        return re.sub(
            r"\b20[2-9]\d\b", lambda year: str(int(year[0]) + self.years_moved), seed_text
        )

    @staticmethod
    def published_on(year: AcademicYear) -> datetime.date:
        """When the demo's statement for ``year`` was published."""
        return year.end + PUBLISHED_AFTER_YEAR_END

    def published_at(self, year: AcademicYear) -> datetime.datetime:
        """The moment the statement for ``year`` was published: mid-morning, or earlier today."""
        moment = timezone.make_aware(
            datetime.datetime.combine(self.published_on(year), datetime.time(10, 30))
        )
        return min(moment, dates.now() - datetime.timedelta(minutes=1))

    @property
    def statement_year(self) -> AcademicYear:
        """The year of the latest published statement: the last one published by today."""
        year = self.year.previous()
        while self.published_on(year) > self.today:
            year = year.previous()
        return year

    @property
    def archived_year(self) -> AcademicYear:
        """The year before, whose statement is in the public archive."""
        return self.statement_year.previous()

    @property
    def evidence_years(self) -> list[AcademicYear]:
        """Every year with actions and engagement: the archived statement's to this one."""
        first, last = self.archived_year.start_year, self.year.start_year
        return [AcademicYear(start) for start in range(first, last + 1)]
