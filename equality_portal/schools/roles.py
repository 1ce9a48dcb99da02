"""The roles a member holds at a school, and every set of roles the portal grants anything to.

This is the only place role sets are defined: views name one of them in ``allowed_roles``,
apps name one in their navigation entries, and panels and services test membership against
them. Renaming or removing a role here fails loudly (an AttributeError at import), never by
quietly hiding a link.
"""

from django.db import models


class Role(models.TextChoices):
    GOVERNOR = "governor", "Governor"
    LEADERSHIP = "leadership", "Leadership"
    EQUALITY_LEAD = "equality_lead", "Equality lead"
    STAFF = "staff", "Staff"


class TrustRole(models.TextChoices):
    """The role a member holds at a trust: trust leadership prepare, approve and publish the
    trust's statement and set its objectives; trustees read them."""

    TRUST_LEADERSHIP = "trust_leadership", "Trust leadership"
    TRUSTEE = "trustee", "Trustee"


TRUST_MEMBERS: frozenset[TrustRole] = frozenset(TrustRole)
TRUST_LEADERSHIP_ONLY: frozenset[TrustRole] = frozenset({TrustRole.TRUST_LEADERSHIP})

RoleSet = frozenset[Role]

ALL_ROLES: RoleSet = frozenset(Role)
# Leadership and the equality lead keep the evidence and read individual incidents.
MANAGERS: RoleSet = frozenset({Role.LEADERSHIP, Role.EQUALITY_LEAD})
LEADERSHIP_ONLY: RoleSet = frozenset({Role.LEADERSHIP})
GOVERNORS_ONLY: RoleSet = frozenset({Role.GOVERNOR})
# Governors and managers: compliance, the statement, reports, analyses, policies, summaries.
OVERSEERS: RoleSet = frozenset({Role.GOVERNOR, *MANAGERS})
# Who reads individual incident records: staff (their own) and managers (all).
INCIDENT_READERS: RoleSet = frozenset({Role.STAFF, *MANAGERS})
# Roles that can read individual incident records: their accounts need two-factor sign-in.
TWO_FACTOR_ROLES: RoleSet = MANAGERS
# Who is emailed when a statutory check needs attention.
REMINDED_ROLES: RoleSet = frozenset({Role.LEADERSHIP, Role.GOVERNOR})
STAFF_ONLY: RoleSet = frozenset({Role.STAFF})

# The sets templates test, as ``member_is.<name>`` (see ``SchoolScopedMixin``).
TEMPLATE_ROLE_SETS: dict[str, RoleSet] = {
    "governor": GOVERNORS_ONLY,
    "leadership": LEADERSHIP_ONLY,
    "staff": STAFF_ONLY,
    "manager": MANAGERS,
    "overseer": OVERSEERS,
}


def role_flags(role: str) -> dict[str, bool]:
    """Which of ``TEMPLATE_ROLE_SETS`` a role is in, for templates."""
    return {name: role in roles for name, roles in TEMPLATE_ROLE_SETS.items()}
