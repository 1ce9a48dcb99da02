"""Schools, trusts, the people who use the portal, and the role each holds at each school."""

from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from equality_portal.core.suppression import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD

from .roles import Role, TrustRole

# An employer with this many employees or more must publish information about them
# (Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017, reg. 4(3)(a)
# and 4(4)). It is counted at the employer: an academy trust for its academies; the governing
# body of a maintained school, to which reg. 2(3) gives the local authority's employees at the
# school (community, voluntary controlled, community special and maintained nursery schools).
STAFF_INFORMATION_THRESHOLD = 150


class User(AbstractUser):
    """Someone who signs in. Their access comes only from their memberships of schools."""

    email = models.EmailField("email address")

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_case_insensitive",
                condition=~models.Q(email=""),
                violation_error_message="A user with this email address already exists.",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username


class Trust(models.Model):
    """A multi-academy trust or federation that runs several schools."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text="Used in the trust's addresses, for example /equality/trust/st-marys/.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("trusts:home", kwargs={"trust_slug": self.slug})


class TrustMembership(models.Model):
    """The one role a user holds at a trust (trust leadership or trustee), beside any
    memberships of its schools."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trust_memberships")
    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=TrustRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trust__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "trust"],
                name="trust_membership_one_role_per_trust",
                violation_error_message="This person is already a member of this trust.",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=TrustRole.values),
                name="trust_membership_role_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.trust}"


class Phase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    INFANT = "infant", "Infant"
    JUNIOR = "junior", "Junior"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    SPECIAL = "special", "Special"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision or pupil referral unit"
    SIXTEEN_PLUS = "16_plus", "16-19"


class EstablishmentType(models.TextChoices):
    """The kind of school, which says who employs its staff."""

    ACADEMY = "academy", "Academy or free school"
    COMMUNITY = "community", "Community school"
    VOLUNTARY_CONTROLLED = "voluntary_controlled", "Voluntary controlled school"
    COMMUNITY_SPECIAL = "community_special", "Community special school"
    MAINTAINED_NURSERY = "maintained_nursery", "Maintained nursery school"
    FOUNDATION = "foundation", "Foundation school"
    VOLUNTARY_AIDED = "voluntary_aided", "Voluntary aided school"
    FOUNDATION_SPECIAL = "foundation_special", "Foundation special school"


# Maintained schools whose staff the local authority employs; at the other maintained schools
# (foundation, voluntary aided, foundation special) the governing body employs them.
LOCAL_AUTHORITY_EMPLOYS = frozenset(
    {
        EstablishmentType.COMMUNITY,
        EstablishmentType.VOLUNTARY_CONTROLLED,
        EstablishmentType.COMMUNITY_SPECIAL,
        EstablishmentType.MAINTAINED_NURSERY,
    }
)


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"


# Year groups a school of each phase teaches, in order. Secondary schools teach 12 and 13 only
# when they have a sixth form.
NURSERY_YEARS = [("N1", "Nursery 1"), ("N2", "Nursery 2")]
PRIMARY_YEARS = [("R", "Reception")] + [(f"Y{n}", f"Year {n}") for n in range(1, 7)]
SECONDARY_YEARS = [(f"Y{n}", f"Year {n}") for n in range(7, 12)]
SIXTH_FORM_YEARS = [("Y12", "Year 12"), ("Y13", "Year 13")]


class ApprovingBody(models.TextChoices):
    """Who approves the school's statement: the body its governors decide on behalf of."""

    GOVERNING_BODY = "governing_body", "Governing body"
    LOCAL_GOVERNING_BODY = "local_governing_body", "Local governing body"
    LOCAL_SCHOOL_COMMITTEE = "local_school_committee", "Local school committee"
    TRUST_BOARD = "trust_board", "Trust board"


urn_validator = RegexValidator(
    r"^\d{6}$", "A URN is the six-digit number from Get Information About Schools."
)


# Addresses under /equality/ a school's slug may not take: /equality/trust/<slug>/ is a trust's.
RESERVED_SLUGS = frozenset({"trust"})


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"“{slug}” is kept for the portal's own addresses: choose another.")


LOGO_MAX_BYTES = 1024 * 1024
# Content type -> file extension of the logo formats a school may upload.
LOGO_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg"}


class SchoolQuerySet(models.QuerySet):
    def trust_employed(self, trust_id: int | None):
        """The trust's schools whose staff it employs (its academies)."""
        return self.filter(
            trust_id=trust_id, establishment_type__in=["", EstablishmentType.ACADEMY]
        )


class School(models.Model):
    """A school that publishes its own equality information."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[validate_not_reserved],
        help_text="Used in the school's addresses, for example /equality/carrington/.",
    )
    urn = models.CharField(
        "URN",
        max_length=6,
        blank=True,
        validators=[urn_validator],
        help_text="Unique Reference Number from Get Information About Schools.",
    )
    phase = models.CharField(max_length=30, choices=Phase.choices)
    establishment_type = models.CharField(
        "type of school",
        max_length=30,
        choices=EstablishmentType.choices,
        blank=True,
        help_text=(
            "Says who employs the staff, and so where the 150-staff rule is counted: the trust "
            "for an academy, the governing body for a maintained school. Leave blank if not "
            "known: a school in a trust is then counted at the trust."
        ),
    )
    has_sixth_form = models.BooleanField(
        default=False, help_text="Secondary and all-through schools teaching years 12 and 13."
    )
    has_nursery_classes = models.BooleanField(
        "has nursery classes",
        default=False,
        help_text="Primary and all-through schools with nursery classes (a 3-11 primary).",
    )
    nation = models.CharField(max_length=10, choices=Nation.choices, default=Nation.ENGLAND)
    publishes_in_welsh = models.BooleanField(
        "publishes in Welsh as well as English",
        default=False,
        help_text=(
            "The statement's own text can then be written in Welsh beside the English, and the "
            "public page, PDF and data are published in both languages."
        ),
    )
    local_authority = models.CharField(
        max_length=120, blank=True, help_text="Leave blank if the school does not give one."
    )
    trust = models.ForeignKey(
        Trust, on_delete=models.PROTECT, null=True, blank=True, related_name="schools"
    )
    number_of_staff = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=(
            f"Headcount of employees; leave blank if not known. With "
            f"{STAFF_INFORMATION_THRESHOLD} or more, the school must publish information about "
            "its staff. Published only if given."
        ),
    )
    website = models.URLField(blank=True)
    contact_email = models.EmailField(
        blank=True,
        help_text="Where the public can ask for the equality information in another format.",
    )
    contact_phone = models.CharField(
        "contact phone", max_length=40, blank=True, help_text="For example 01234 567890."
    )
    contact_address = models.TextField(
        "postal address", blank=True, help_text="As it should appear, one line per line."
    )
    contact_name = models.CharField(
        "named lead",
        max_length=200,
        blank=True,
        help_text="The person or role to contact, for example Mrs J Smith, Headteacher.",
    )
    other_formats = models.TextField(
        "other formats, in the school's words",
        blank=True,
        help_text=(
            "What the school says about having the information in another format, for example "
            "large print or another language. Published as written."
        ),
    )
    approving_body = models.CharField(
        max_length=30,
        choices=ApprovingBody.choices,
        default=ApprovingBody.GOVERNING_BODY,
        help_text="Who approves the equality statement; governors decide on its behalf.",
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MINIMUM_THRESHOLD), MaxValueValidator(20)],
        help_text=(
            "In anything governors or the public see, counts from 1 up to one below this number "
            f'are shown as "fewer than" it. Never below {MINIMUM_THRESHOLD}.'
        ),
    )
    incident_retention_years = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(25)],
        help_text=(
            "Incident records are anonymised this many years after the end of the academic "
            "year they happened in."
        ),
    )

    # The school's logo, kept in the database like the statement PDFs, so any app server serves
    # it and one backup holds it. Only PNG or JPEG (checked by content): SVG can carry script.
    logo = models.BinaryField(null=True, blank=True, editable=False)
    logo_content_type = models.CharField(max_length=20, blank=True, editable=False)
    logo_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    objects = SchoolQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(suppression_threshold__gte=MINIMUM_THRESHOLD),
                name="school_suppression_threshold_at_least_minimum",
                violation_error_message=(
                    f"The suppression threshold cannot be below {MINIMUM_THRESHOLD}."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("schools:dashboard", kwargs={"school_slug": self.slug})

    @property
    def logo_url(self) -> str:
        """The logo's public address: it changes with the logo, so it may be cached for long."""
        if not self.logo_sha256:
            return ""
        return reverse(
            "public:logo",
            kwargs={
                "school_slug": self.slug,
                "sha256": self.logo_sha256,
                "extension": LOGO_EXTENSIONS[self.logo_content_type],
            },
        )

    @property
    def counted_at_trust(self) -> bool:
        """Whether the school's trust employs its staff: an academy of a trust (or a school in
        a trust whose type is not given). A maintained school in a federation is not."""
        return self.trust_id is not None and self.establishment_type in (
            "",
            EstablishmentType.ACADEMY,
        )

    @property
    def employer_staff(self) -> int | None:
        """The staff counted for the 150-staff rule: those of the employer. A trust employs the
        staff of every one of its academies; a maintained school's governing body counts its
        own, the local authority's staff at the school among them (reg. 2(3))."""
        if not self.counted_at_trust:
            return self.number_of_staff
        total = School.objects.trust_employed(self.trust_id).aggregate(
            total=models.Sum("number_of_staff")
        )["total"]
        return total or 0

    @property
    def employer_description(self) -> str:
        """Who the employer is, for the 150-staff rule's messages."""
        if self.counted_at_trust:
            return f"{self.trust}, the trust, which employs the staff of its academies"
        if self.establishment_type in LOCAL_AUTHORITY_EMPLOYS:
            return (
                "the governing body: the local authority employs the staff of a "
                f"{self.get_establishment_type_display().lower()}, and the regulations count "
                "them as the governing body's employees"
            )
        if self.establishment_type:
            return "the governing body, which employs the school's staff"
        return "the school's governing body"

    @property
    def must_publish_staff_information(self) -> bool:
        staff = self.employer_staff
        return staff is not None and staff >= STAFF_INFORMATION_THRESHOLD

    def year_groups(self) -> list[tuple[str, str]]:
        """The year groups this school teaches, as (code, label) choices, youngest first."""
        sixth_form = SIXTH_FORM_YEARS if self.has_sixth_form else []
        nursery = NURSERY_YEARS if self.has_nursery_classes else []
        return {
            Phase.NURSERY: NURSERY_YEARS,
            Phase.INFANT: NURSERY_YEARS + PRIMARY_YEARS[:3],
            Phase.JUNIOR: PRIMARY_YEARS[3:],
            Phase.PRIMARY: nursery + PRIMARY_YEARS,
            Phase.MIDDLE: PRIMARY_YEARS[4:] + SECONDARY_YEARS[:3],
            Phase.ALTERNATIVE_PROVISION: PRIMARY_YEARS[1:] + SECONDARY_YEARS,
            Phase.SECONDARY: SECONDARY_YEARS + sixth_form,
            Phase.ALL_THROUGH: nursery + PRIMARY_YEARS + SECONDARY_YEARS + sixth_form,
            Phase.SPECIAL: NURSERY_YEARS + PRIMARY_YEARS + SECONDARY_YEARS + SIXTH_FORM_YEARS,
            Phase.SIXTEEN_PLUS: SIXTH_FORM_YEARS,
        }[self.phase]


class SchoolScopedQuerySet(models.QuerySet):
    """A queryset of one school's records. ``school_field`` is the lookup to the school, for
    records that reach it through a parent (``"objective_set__school"``)."""

    school_field = "school"

    def for_school(self, school: "School") -> Self:
        return self.filter(**{self.school_field: school})


def last_change(record: Any) -> Any:
    """The newest history row of a record (django-simple-history): who last changed it and
    when; None for a record without history rows."""
    return record.history.select_related("history_user").order_by("-history_date").first()


class SchoolRecord(models.Model):
    """A record a school keeps: who created it, and when it was created and last changed.

    Each concrete model declares its own ``school`` foreign key (with its related name) and
    ``history = HistoricalRecords()``; its queryset derives from ``SchoolScopedQuerySet``.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def last_change(self):
        return last_change(self)


class MembershipQuerySet(SchoolScopedQuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class Membership(models.Model):
    """The one role a user holds at one school. A user may be a member of several schools."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["school__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "school"],
                name="membership_one_role_per_school",
                violation_error_message="This person is already a member of this school.",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.school}"


class AuditAction(models.TextChoices):
    MEMBER_ADDED = "member_added", "Member added"
    ROLE_CHANGED = "role_changed", "Role changed"
    MEMBER_REMOVED = "member_removed", "Member removed"
    SCHOOL_CHANGED = "school_changed", "School details changed"
    TWO_FACTOR_ENABLED = "two_factor_enabled", "Two-factor sign-in set up"
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed", "Recovery codes renewed"
    STATEMENT_SUBMITTED = "statement_submitted", "Statement submitted for approval"
    STATEMENT_APPROVED = "statement_approved", "Statement approved"
    STATEMENT_CHANGES_REQUESTED = "statement_changes_requested", "Changes to statement requested"
    STATEMENT_PUBLISHED = "statement_published", "Statement published"


class AuditEvent(models.Model):
    """Something leadership must be able to trace: who did it, to what, and when.

    Sign-ins are kept by django-axes (AccessLog); field-level edits by django-simple-history.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="audit_events"
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_events"
    )
    trust = models.ForeignKey(
        Trust, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_events"
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    detail = models.CharField(max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["school", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=AuditAction.values), name="audit_action_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}: {self.detail}"
