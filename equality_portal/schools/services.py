"""Writes for schools and memberships. Views call these; they never save models themselves."""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import (
    LOGO_MAX_BYTES,
    AuditAction,
    AuditEvent,
    Membership,
    School,
    Trust,
    TrustMembership,
    User,
)
from .roles import Role, TrustRole
from .selectors import user_get_by_email

ALREADY_MEMBER = "{email} is already a member of {school}."
LAST_LEADER = (
    "{school} must keep at least one member with the leadership role, so this change was not "
    "made. Give someone else the leadership role first."
)

EMAIL_IN_USE = "Another account uses this email address."

SCHOOL_EDITABLE_FIELDS = (
    "name",
    "urn",
    "phase",
    "establishment_type",
    "has_sixth_form",
    "has_nursery_classes",
    "nation",
    "publishes_in_welsh",
    "local_authority",
    "number_of_staff",
    "website",
    "contact_email",
    "contact_phone",
    "contact_address",
    "contact_name",
    "other_formats",
    "approving_body",
    "suppression_threshold",
    "incident_retention_years",
)


def audit_record(
    *,
    action: AuditAction,
    actor: User | None,
    detail: str,
    school: School | None = None,
    trust: Trust | None = None,
) -> AuditEvent:
    """Keep a line in the audit trail that leadership (of the school or the trust) can read."""
    event = AuditEvent(action=action, actor=actor, school=school, trust=trust, detail=detail[:500])
    event.full_clean()
    event.save()
    return event


def _set_password_link(user: User) -> str:
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL + path


def _email_new_member(
    *,
    membership: Membership | TrustMembership,
    invited: bool,
    by: User,
    template: str = "schools/email/new_member.txt",
) -> None:
    place = membership.school if isinstance(membership, Membership) else membership.trust
    context = {
        "membership": membership,
        "invited_by": by,
        "invited": invited,
        "set_password_url": _set_password_link(membership.user) if invited else None,
        "sign_in_url": settings.SITE_URL + reverse("login"),
    }
    send_mail(
        subject=f"You have been added to {place} on Equality Portal",
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[membership.user.email],
    )


def _user_for_email(email: str, *, first_name: str, last_name: str) -> tuple[User, bool]:
    """The user with this email, or a new one with no password yet (``True``: invited)."""
    user = user_get_by_email(email=email)
    if user is not None:
        return user, False
    user = User(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user, True


def membership_add(
    *,
    school: School,
    email: str,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    by: User,
) -> Membership:
    """Give the person with this email a role at the school, inviting them if they are new.

    A new person gets an account with no password and an email with a link to set one.
    """
    email = email.strip()
    with transaction.atomic():
        user, invited = _user_for_email(email, first_name=first_name, last_name=last_name)
        if Membership.objects.filter(user=user, school=school).exists():
            raise ValidationError({"email": ALREADY_MEMBER.format(email=email, school=school)})
        membership = Membership(user=user, school=school, role=role)
        membership.full_clean()
        membership.save()
        audit_record(
            action=AuditAction.MEMBER_ADDED,
            actor=by,
            school=school,
            detail=f"{user.email} added as {membership.get_role_display()}",
        )
        transaction.on_commit(
            lambda: _email_new_member(membership=membership, invited=invited, by=by)
        )
    return membership


def _ensure_another_leader(membership: Membership) -> None:
    others = (
        Membership.objects.for_school(membership.school)
        .filter(role=Role.LEADERSHIP)
        .exclude(pk=membership.pk)
    )
    if membership.role == Role.LEADERSHIP and not others.exists():
        raise ValidationError(LAST_LEADER.format(school=membership.school))


def membership_change_role(*, membership: Membership, role: Role, by: User) -> Membership:
    """Change a member's role at their school, keeping at least one leadership member."""
    with transaction.atomic():
        # Lock the school's leadership rows so two simultaneous demotions cannot both pass.
        list(
            Membership.objects.select_for_update()
            .for_school(membership.school)
            .filter(role=Role.LEADERSHIP)
        )
        if role != Role.LEADERSHIP:
            _ensure_another_leader(membership)
        old_role = membership.get_role_display()
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role", "updated_at"])
        audit_record(
            action=AuditAction.ROLE_CHANGED,
            actor=by,
            school=membership.school,
            detail=f"{membership.user.email}: {old_role} to {membership.get_role_display()}",
        )
    return membership


def membership_remove(*, membership: Membership, by: User) -> None:
    """Take away a member's access to the school. Their account and other schools are kept."""
    with transaction.atomic():
        list(
            Membership.objects.select_for_update()
            .for_school(membership.school)
            .filter(role=Role.LEADERSHIP)
        )
        _ensure_another_leader(membership)
        membership.delete()
        audit_record(
            action=AuditAction.MEMBER_REMOVED,
            actor=by,
            school=membership.school,
            detail=f"{membership.user.email} ({membership.get_role_display()}) removed",
        )


def school_update(*, school: School, by: User, **changes: Any) -> School:
    """Change a school's details; only the fields leadership may edit are accepted."""
    unknown = set(changes) - set(SCHOOL_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"school_update() cannot change {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(school, field, value)
    with transaction.atomic():
        school.full_clean()
        school.save()
        if changes:
            labels = [
                str(getattr(School._meta.get_field(field), "verbose_name", field))
                for field in sorted(changes)
            ]
            audit_record(
                action=AuditAction.SCHOOL_CHANGED,
                actor=by,
                school=school,
                detail="Changed: " + ", ".join(labels),
            )
    return school


LOGO_TOO_BIG = f"The logo can be at most {LOGO_MAX_BYTES // (1024 * 1024)} MB."
LOGO_WRONG_TYPE = (
    "The logo must be a PNG or JPEG image. SVG and other formats are not accepted, because "
    "they can carry scripts."
)
# The first bytes of each accepted format: the file's content decides, never its name.
LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def logo_content_type(content: bytes) -> str:
    """The content type of an acceptable logo, from its content; ValidationError otherwise."""
    if len(content) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": LOGO_TOO_BIG}, code="too_big")
    for signature, content_type in LOGO_SIGNATURES.items():
        if content.startswith(signature):
            return content_type
    raise ValidationError({"logo": LOGO_WRONG_TYPE}, code="wrong_type")


def school_set_logo(*, school: School, by: User, content: bytes | None) -> School:
    """Replace the school's logo with ``content`` (PNG or JPEG, checked), or remove it (None)."""
    if content is None:
        school.logo, school.logo_content_type, school.logo_sha256 = None, "", ""
        detail = "Removed the logo"
    else:
        school.logo_content_type = logo_content_type(content)
        school.logo = content
        school.logo_sha256 = hashlib.sha256(content).hexdigest()
        detail = "Changed: logo"
    with transaction.atomic():
        school.save(update_fields=["logo", "logo_content_type", "logo_sha256"])
        audit_record(action=AuditAction.SCHOOL_CHANGED, actor=by, school=school, detail=detail)
    return school


def user_update_details(*, user: User, first_name: str, last_name: str, email: str) -> User:
    """The user changes their own name or email. Nobody else can: a school that adds an existing
    account gives it a role, never a new name. A new email is told to the old address; an
    account whose username was its email signs in with the new one."""
    old_email = user.email
    email = email.strip()
    changed_email = email.lower() != old_email.lower()
    user.first_name, user.last_name, user.email = first_name.strip(), last_name.strip(), email
    if changed_email and user_get_by_email(email=email) is not None:
        raise ValidationError({"email": EMAIL_IN_USE})
    if changed_email and user.username == old_email.lower():
        user.username = email.lower()
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "email", "username"])
    if changed_email and old_email:
        transaction.on_commit(
            lambda: send_mail(
                subject="Your Equality Portal email address was changed",
                message=render_to_string(
                    "schools/email/email_changed.txt", {"user": user, "old_email": old_email}
                ),
                from_email=None,
                recipient_list=[old_email],
            )
        )
    return user


# --- Trust memberships --------------------------------------------------------------------------

ALREADY_TRUST_MEMBER = "{email} is already a member of {trust}."
LAST_TRUST_LEADER = (
    "{trust} must keep at least one member with the trust leadership role, so this change was "
    "not made. Give someone else the trust leadership role first."
)


def trust_membership_add(
    *,
    trust: Trust,
    email: str,
    role: TrustRole,
    first_name: str = "",
    last_name: str = "",
    by: User,
) -> TrustMembership:
    """Give the person with this email a role at the trust, inviting them if they are new."""
    email = email.strip()
    with transaction.atomic():
        user, invited = _user_for_email(email, first_name=first_name, last_name=last_name)
        if TrustMembership.objects.filter(user=user, trust=trust).exists():
            raise ValidationError({"email": ALREADY_TRUST_MEMBER.format(email=email, trust=trust)})
        membership = TrustMembership(user=user, trust=trust, role=role)
        membership.full_clean()
        membership.save()
        audit_record(
            action=AuditAction.MEMBER_ADDED,
            actor=by,
            trust=trust,
            detail=f"{user.email} added as {membership.get_role_display()}",
        )
        transaction.on_commit(
            lambda: _email_new_member(
                membership=membership,
                invited=invited,
                by=by,
                template="schools/email/new_trust_member.txt",
            )
        )
    return membership


def _ensure_another_trust_leader(membership: TrustMembership) -> None:
    """Lock the trust's leadership rows, and refuse to leave the trust without one."""
    leaders = list(
        TrustMembership.objects.select_for_update()
        .filter(trust=membership.trust, role=TrustRole.TRUST_LEADERSHIP)
        .values_list("pk", flat=True)
    )
    if membership.role == TrustRole.TRUST_LEADERSHIP and leaders == [membership.pk]:
        raise ValidationError(LAST_TRUST_LEADER.format(trust=membership.trust))


def trust_membership_change_role(
    *, membership: TrustMembership, role: TrustRole, by: User
) -> TrustMembership:
    """Change a member's role at the trust, keeping at least one of its leadership."""
    with transaction.atomic():
        if role != TrustRole.TRUST_LEADERSHIP:
            _ensure_another_trust_leader(membership)
        old_role = membership.get_role_display()
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
        audit_record(
            action=AuditAction.ROLE_CHANGED,
            actor=by,
            trust=membership.trust,
            detail=f"{membership.user.email}: {old_role} to {membership.get_role_display()}",
        )
    return membership


def trust_membership_remove(*, membership: TrustMembership, by: User) -> None:
    """Take away a member's access to the trust. Their account and schools are kept."""
    with transaction.atomic():
        _ensure_another_trust_leader(membership)
        membership.delete()
        audit_record(
            action=AuditAction.MEMBER_REMOVED,
            actor=by,
            trust=membership.trust,
            detail=f"{membership.user.email} ({membership.get_role_display()}) removed",
        )
