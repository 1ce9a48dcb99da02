"""The annual statement: a draft leadership prepare, a governor's approval of its exact content,
and the immutable publications the public reads."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import long_date
from equality_portal.core.fields import DayField
from equality_portal.schools.models import School, SchoolScopedQuerySet, User


class StatementDraft(models.Model):
    """What leadership write for one school's statement for one academic year.

    Everything else in the statement is composed from the other apps when it is previewed,
    approved and published.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="statement_drafts")
    academic_year = models.PositiveSmallIntegerField(
        help_text="The academic year the statement reports on, by the year it starts."
    )
    introduction = models.TextField(
        blank=True,
        max_length=5000,
        help_text="A short introduction in the school's own words (optional).",
    )
    equality_policy = models.TextField(
        "equality policy",
        blank=True,
        max_length=30000,
        help_text=(
            "The school's equality policy or scheme, if it publishes it with the statement: "
            "its areas, commitments, who is responsible for what, monitoring and review. "
            "Leave a blank line between paragraphs; start a line with '- ' for a bullet."
        ),
    )
    accessibility_plan = models.TextField(
        "accessibility plan summary",
        blank=True,
        max_length=10000,
        help_text=(
            "How the school's accessibility plan improves disabled pupils' access to the "
            "curriculum, the buildings and information, and the period it covers."
        ),
    )
    accessibility_plan_url = models.URLField("link to the full accessibility plan", blank=True)
    accessibility_plan_adopted_on = DayField(
        "accessibility plan adopted on",
        null=True,
        blank=True,
        help_text="Accessibility plans usually run for three years.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["school", "-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"],
                name="statement_draft_one_per_school_year",
                violation_error_message="There is already a draft for this academic year.",
            ),
        ]

    def __str__(self):
        return f"{self.school} statement {self.year.label}"

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)


class Approval(models.Model):
    """A governor's approval of the draft exactly as it stood, identified by its content hash.

    If anything in the statement changes afterwards, the hash no longer matches and the draft
    needs approving again before it can be published.
    """

    draft = models.ForeignKey(StatementDraft, on_delete=models.CASCADE, related_name="approvals")
    approved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(default=dates.now, editable=False)
    content_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        get_latest_by = "approved_at"

    def __str__(self):
        return f"Approved by {self.approved_by} on {long_date(self.approved_at)}"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class PublicationQuerySet(SchoolScopedQuerySet):
    def current_versions(self):
        """For each academic year, only the latest version."""
        return self.filter(superseded_by__isnull=True)


class Publication(models.Model):
    """An immutable snapshot of a published statement: its HTML, structured data and PDF.

    Never changed once saved. A correction is a new Publication for the same year that
    supersedes this one, which stays in the archive with the note of what changed.
    """

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="publications")
    academic_year = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    approval = models.OneToOneField(Approval, on_delete=models.PROTECT, related_name="publication")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    approved_by_name = models.CharField(max_length=300)
    approved_at = models.DateTimeField()
    correction_note = models.TextField(
        blank=True, max_length=2000, help_text="For a correction: what changed and why."
    )
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    warnings_acknowledged = models.JSONField(default=list, blank=True)
    html = models.TextField()
    data = models.JSONField()
    data_json = models.TextField(help_text="The structured data exactly as served.")
    pdf = models.BinaryField()
    html_sha256 = models.CharField(max_length=64)
    data_sha256 = models.CharField(max_length=64)
    pdf_sha256 = models.CharField(max_length=64)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["school", "-academic_year", "-version"]
        get_latest_by = "published_at"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "version"],
                name="publication_version_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="publication_version_positive"
            ),
        ]
        indexes = [models.Index(fields=["school", "-published_at"])]

    def __str__(self):
        return f"{self.school} {self.year.label} (version {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("A published statement cannot be changed; publish a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A published statement cannot be deleted.")

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)
