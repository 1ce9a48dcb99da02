"""Reads for schools and memberships."""

from typing import NamedTuple

from axes.models import AccessLog
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from .models import AuditEvent, Membership, School, Trust, TrustMembership, User
from .roles import TRUST_LEADERSHIP_ONLY


class Logo(NamedTuple):
    content: bytes
    content_type: str


def school_logo(*, sha256: str, slug: str | None = None) -> Logo | None:
    """A school's current logo with this hash (of the school with this slug, if given)."""
    schools = School.objects.filter(logo_sha256=sha256).exclude(logo_sha256="")
    if slug is not None:
        schools = schools.filter(slug=slug)
    found = schools.values_list("logo", "logo_content_type").first()
    if found is None or found[0] is None:
        return None
    return Logo(bytes(found[0]), found[1])


def trust_membership_get(*, user: User, trust_slug: str) -> TrustMembership:
    """The user's membership of the trust with this slug; Http404 if there is no such trust or
    the user is not one of its members (as for schools)."""
    if not user.is_authenticated:
        raise Http404("No such trust.")
    try:
        return TrustMembership.objects.select_related("trust").get(
            user=user, trust__slug=trust_slug
        )
    except TrustMembership.DoesNotExist:
        raise Http404("No such trust.") from None


def trust_memberships_for_user(*, user: User) -> list[TrustMembership]:
    """The user's trusts with pages (a trust without a slug has no addresses yet)."""
    return list(
        TrustMembership.objects.filter(user=user, trust__slug__isnull=False)
        .exclude(trust__slug="")
        .select_related("trust")
    )


def is_trust_leadership(*, trust: Trust, user: User | None) -> bool:
    """Whether the user is one of the trust's leadership (who change what the trust says)."""
    return (
        user is not None
        and user.is_authenticated
        and TrustMembership.objects.filter(
            trust=trust, user=user, role__in=TRUST_LEADERSHIP_ONLY
        ).exists()
    )


def trust_membership_list(*, trust: Trust) -> QuerySet[TrustMembership]:
    return (
        TrustMembership.objects.filter(trust=trust)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__username")
    )


def audit_events_for_trust(*, trust: Trust) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(trust=trust).select_related("actor")


def trust_academies(*, trust: Trust) -> list[School]:
    return list(School.objects.filter(trust=trust).order_by("name"))


def membership_get(*, user: User, school_slug: str) -> Membership:
    """The user's membership of the school with this slug.

    Raises Http404 both when the school does not exist and when the user is not a member, so
    nobody can learn from the answer whether another school uses the portal.
    """
    if not user.is_authenticated:
        raise Http404("No such school.")
    try:
        return Membership.objects.select_related("school", "school__trust").get(
            user=user, school__slug=school_slug
        )
    except Membership.DoesNotExist:
        raise Http404("No such school.") from None


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The user's memberships, school by school, for the school picker."""
    return Membership.objects.for_user(user).select_related("school").order_by("school__name")


def membership_list_for_school(*, school: School) -> QuerySet[Membership]:
    """A school's members, for leadership's member list."""
    return (
        Membership.objects.for_school(school)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__email")
    )


def member_name_list(*, school: School) -> list[str]:
    """The full names of the school's members, for spotting a name typed into free text."""
    names = Membership.objects.for_school(school).values_list("user__first_name", "user__last_name")
    return [f"{first} {last}".strip() for first, last in names if (first or last).strip()]


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def audit_events_for_school(*, school: School) -> QuerySet[AuditEvent]:
    """The school's audit trail, newest first."""
    return AuditEvent.objects.filter(school=school).select_related("actor").order_by("-at", "-pk")


def sign_ins_for_school(*, school: School) -> QuerySet[AccessLog]:
    """Sign-ins (kept by django-axes) of the school's current members since each joined this
    school, newest first. What a member did before, as a member of another school only, is
    that school's business: adding someone never opens their history elsewhere."""
    member_at_the_time = Membership.objects.for_school(school).filter(
        user__username=OuterRef("username"), created_at__lte=OuterRef("attempt_time")
    )
    return AccessLog.objects.filter(Exists(member_at_the_time)).order_by("-attempt_time")
