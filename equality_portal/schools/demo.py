"""Demo schools and users: the two seed schools, a user for each role at each, a trust lead.

Every app may have a ``demo.py`` with ``load(*, schools)``; ``loaddemo`` calls them in the order
of INSTALLED_APPS after this one. Each must be safe to run twice: get_or_create, never update.
"""

from django.db import transaction

from .models import Membership, Phase, School, User
from .roles import Role

DEMO_PASSWORD = "demo-password"  # noqa: S105 (documented in the README; loaddemo refuses production)

SCHOOLS = {
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
}
TRUST_LEAD = ("trust-lead", "Helen", "Clarke")


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
    """Create the demo schools and users, returning the schools by slug."""
    schools = {}
    with transaction.atomic():
        for slug, fields in SCHOOLS.items():
            schools[slug], _ = School.objects.get_or_create(slug=slug, defaults=fields)
            for suffix, role, first_name, last_name in SCHOOL_USERS[slug]:
                user = _user(f"{slug}-{suffix}", first_name, last_name)
                Membership.objects.get_or_create(
                    user=user, school=schools[slug], defaults={"role": role}
                )
        username, first_name, last_name = TRUST_LEAD
        trust_lead = _user(username, first_name, last_name)
        for school in schools.values():
            Membership.objects.get_or_create(
                user=trust_lead, school=school, defaults={"role": Role.LEADERSHIP}
            )
    return schools
