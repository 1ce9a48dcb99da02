"""The annual statement: a draft leadership prepare, the frozen versions they submit, governors'
decisions on those versions, and the immutable publications the public reads."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_noop
from simple_history.models import HistoricalRecords

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.fields import DayField
from equality_portal.core.periods import Period
from equality_portal.schools.models import School, SchoolScopedQuerySet, Trust, User


class PublicationKind(models.TextChoices):
    """What the school publishes: its annual statement (equality information and objectives), a
    plan over several years, or a report on a year of a plan."""

    STATEMENT = "statement", "Equality information and objectives"
    PLAN = "plan", "A plan over several years"
    ANNUAL_REPORT = "annual_report", "An annual report"


PERIOD_LABEL_HELP = (
    "The period as the school writes it, for example “2013-16” or “April 2024 to March 2025” "
    "(optional: the portal writes it from the months otherwise)."
)


class PeriodMixin(models.Model):
    """The kind of publication and the period it covers, in whole months: an academic year,
    a calendar or financial year, or a plan's years."""

    kind = models.CharField(
        "kind of publication",
        max_length=20,
        choices=PublicationKind.choices,
        default=PublicationKind.STATEMENT,
    )
    period_start = DayField(help_text="The first day of the period's first month.")
    period_end = DayField(help_text="The last day of the period's last month.")
    period_label = models.CharField(
        "period, as the school writes it", max_length=100, blank=True, help_text=PERIOD_LABEL_HELP
    )

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period.between(self.period_start, self.period_end)

    @property
    def year(self) -> Period:
        """The period (named ``year`` where it was an academic year before periods existed)."""
        return self.period

    @property
    def label(self) -> str:
        """The period as the school writes it, or as the portal writes it from the months."""
        return self.period_label or self.period.label

    def set_period(self, period: Period) -> None:
        self.period_start, self.period_end = period.start, period.end


class StatementDraft(PeriodMixin):
    """What leadership write for one school's statement (or plan, or report) for one period.

    Everything else in the statement is composed from the other apps when it is previewed,
    approved and published.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="statement_drafts")
    title = models.CharField(
        blank=True,
        max_length=200,
        help_text=(
            "The statement's title, as the school calls it, for example “Equality Statement and "
            "Objectives” or “Single Equality Scheme”. Left blank: “Equality information and "
            "objectives”."
        ),
    )
    summary = models.TextField(
        blank=True,
        max_length=600,
        help_text=(
            "Two or three sentences in the school's own words, shown under the title at the top "
            "of the public page and in the PDF, before the contents (optional)."
        ),
    )
    adopted_when = models.CharField(
        "when it was adopted, as the school writes it",
        max_length=100,
        blank=True,
        help_text=(
            "Printed as written under the title, for example “Established Spring 2015” or "
            "“Approved by governors, March 2024” (optional)."
        ),
    )
    review_when = models.CharField(
        "its next review, as the school writes it",
        max_length=100,
        blank=True,
        help_text="Printed as written, for example “Next review July 2016” (optional).",
    )
    motto = models.CharField(
        "motto or title-page line",
        max_length=200,
        blank=True,
        help_text=(
            "A line the school prints on its title page, such as its motto, for example “If you "
            "believe it, you can achieve it!” (optional)."
        ),
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
    # The same texts in Welsh, for a school that publishes in Welsh as well as English.
    title_cy = models.CharField("title in Welsh", blank=True, max_length=200)
    summary_cy = models.TextField("summary in Welsh", blank=True, max_length=600)
    adopted_when_cy = models.CharField(
        "when it was adopted, in Welsh",
        max_length=100,
        blank=True,
        help_text="As the school writes it, for example “Gwanwyn a Sefydlwyd 2015”.",
    )
    review_when_cy = models.CharField(
        "its next review, in Welsh",
        max_length=100,
        blank=True,
        help_text="As the school writes it, for example “Adolygiad nesaf Gorffennaf 2016”.",
    )
    motto_cy = models.CharField("motto or title-page line in Welsh", max_length=200, blank=True)
    introduction_cy = models.TextField("introduction in Welsh", blank=True, max_length=5000)
    equality_policy_cy = models.TextField("equality policy in Welsh", blank=True, max_length=30000)
    accessibility_plan_cy = models.TextField(
        "accessibility plan summary in Welsh", blank=True, max_length=10000
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["school", "-period_start", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "period_start", "period_end"],
                name="statement_draft_one_per_school_period",
                violation_error_message="There is already a draft for this period.",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="statement_draft_period_ends_after_start",
                violation_error_message="The period must end after it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.school} statement {self.label}"


DEFAULT_TITLE = gettext_noop("Equality information and objectives")


class SectionKind(models.TextChoices):
    """A section the school writes, or one the portal composes from the school's records."""

    WRITTEN = "written", "Written by the school"
    SCHOOL = "school", "About the school"
    INTRODUCTION = "introduction", "Introduction (from the statement's introduction)"
    MONITORING = "monitoring", "Figures: pupils, staff and outcomes"
    GENERAL_DUTY = "general_duty", "Actions under the three aims"
    ANALYSES = "analyses", "Equality analyses and policies"
    ENGAGEMENT = "engagement", "Engagement and consultation"
    OBJECTIVES = "objectives", "Objectives and progress"
    INCIDENTS = "incidents", "Prejudice-related incidents (summary)"
    ACCESSIBILITY_PLAN = "accessibility_plan", "Accessibility plan"
    EQUALITY_POLICY = "equality_policy", "Equality policy (from the statement's policy)"
    CONTACT = "contact", "Contact"


class StatementSection(models.Model):
    """One section of a school's statement, in the school's order: its own heading and Markdown
    body, or a section the portal composes (with the school's heading, if it gives one)."""

    draft = models.ForeignKey(StatementDraft, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=SectionKind.choices, default=SectionKind.WRITTEN)
    heading = models.CharField(
        blank=True,
        max_length=200,
        help_text="Optional: a composed section keeps its usual heading if left blank.",
    )
    body = models.TextField(
        blank=True,
        max_length=30000,
        help_text=(
            "For a written section: paragraphs (a blank line between them), lists (lines "
            "starting “- ” or “1. ”), links ([words](https://…)), “### ” subheadings and "
            "simple tables. HTML is shown as typed, never run."
        ),
    )
    heading_cy = models.CharField("heading in Welsh", blank=True, max_length=200)
    body_cy = models.TextField("body in Welsh", blank=True, max_length=30000)

    class Meta:
        ordering = ["draft", "position", "pk"]

    def __str__(self):
        return self.heading or self.get_kind_display()

    def clean(self):
        if self.kind == SectionKind.WRITTEN and not self.body.strip():
            raise ValidationError({"body": "Write the section, or remove it."})


class StatementVersion(models.Model):
    """The draft composed once and frozen when leadership submit it for approval: its data, HTML
    and PDF, the findings of the check at that moment, and a content hash.

    Numbered per draft. Governors decide on a version, and only the latest version of a draft
    (the current one) can be decided on or published; later evidence never touches it.
    """

    draft = models.ForeignKey(StatementDraft, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    data = models.JSONField()
    data_json = models.TextField(help_text="The structured data exactly as it would be served.")
    html = models.TextField()
    pdf = models.BinaryField()
    content_sha256 = models.CharField(max_length=64, help_text="Of data_json.")
    html_sha256 = models.CharField(max_length=64)
    pdf_sha256 = models.CharField(max_length=64)
    # The statement in Welsh, for a school that publishes in Welsh as well as English: the same
    # composition with the school's Welsh text, rendered with the portal's Welsh interface.
    data_cy = models.JSONField(null=True, blank=True)
    data_json_cy = models.TextField(blank=True)
    html_cy = models.TextField(blank=True)
    pdf_cy = models.BinaryField(null=True, blank=True)
    findings = models.JSONField(
        default=list,
        blank=True,
        help_text="The check when it was submitted: key, severity and message of each finding.",
    )

    class Meta:
        ordering = ["draft", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "number"], name="statement_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="statement_version_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.draft} version {self.number}"

    @property
    def errors(self) -> list[dict]:
        return [f for f in self.findings if f["severity"] == "error"]

    @property
    def advice(self) -> list[dict]:
        return [f for f in self.findings if f["severity"] != "error"]


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"


class Decision(models.Model):
    """A governor's decision on one version, on behalf of the school's approving body.

    One per version: a version asked to change is followed by a new version, never re-decided.
    """

    version = models.OneToOneField(
        StatementVersion, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    on_behalf_of = models.CharField(
        max_length=100, help_text="The approving body the governor decided for."
    )
    comment = models.TextField(blank=True, max_length=5000)
    minute_reference = models.CharField(
        blank=True, max_length=100, help_text="Where the meeting's minutes record it."
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=DecisionOutcome.values),
                name="decision_outcome_is_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome=DecisionOutcome.CHANGES_REQUESTED, comment=""),
                name="decision_changes_requested_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} by {self.decided_by} on {self.decided_at:%d %B %Y}"

    @property
    def is_approval(self) -> bool:
        return self.outcome == DecisionOutcome.APPROVED


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class PublicationQuerySet(SchoolScopedQuerySet):
    def current_versions(self):
        """For each academic year, only the latest version."""
        return self.filter(superseded_by__isnull=True)


class Publication(PeriodMixin):
    """An immutable snapshot of a published statement: its HTML, structured data and PDF.

    Never changed once saved. A correction is a new Publication for the same year that
    supersedes this one, which stays in the archive with the note of what changed.
    """

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveSmallIntegerField(default=1)
    statement_version = models.OneToOneField(
        StatementVersion, on_delete=models.PROTECT, related_name="publication"
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    approved_by_name = models.CharField(max_length=300)
    approved_at = models.DateTimeField()
    approved_on_behalf_of = models.CharField(max_length=100, blank=True)
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
    # The statement in Welsh, for a school that publishes in Welsh as well as English: the same
    # composition with the school's Welsh text, rendered with the portal's Welsh interface.
    data_cy = models.JSONField(null=True, blank=True)
    data_json_cy = models.TextField(blank=True)
    html_cy = models.TextField(blank=True)
    pdf_cy = models.BinaryField(null=True, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["school", "-period_start", "-period_end", "-version"]
        get_latest_by = "published_at"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "period_start", "period_end", "version"],
                name="publication_version_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="publication_version_positive"
            ),
        ]
        indexes = [models.Index(fields=["school", "-published_at"])]

    def __str__(self):
        return f"{self.school} {self.label} (version {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("A published statement cannot be changed; publish a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A published statement cannot be deleted.")

    @property
    def in_welsh(self) -> bool:
        """Whether the statement was published in Welsh as well as English."""
        return bool(self.html_cy)


# Earlier publications' documents: what schools publish, and the largest the portal keeps.
EARLIER_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
EARLIER_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
EARLIER_IN_FUTURE = "The date it was published cannot be in the future."
EARLIER_NEEDS_DOCUMENT = "Upload the document or give a link to it."


class EarlierPublication(models.Model):
    """Equality information the school published before or outside the portal: its title, the
    date, and the document (kept in the database, like the PDFs) or a link to it.

    Listed in the public archive; the twelve-month and four-year clocks run from the latest
    publication wherever it was made.
    """

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="earlier_publications"
    )
    title = models.CharField(
        max_length=300, help_text="As the document calls itself, e.g. “Equality Statement 2019”."
    )
    published_on = DayField(
        "date published",
        help_text="For example 14/3/2019, or March 2019 when only the month is known.",
    )
    month_only = models.BooleanField(
        default=False, editable=False, help_text="Only the month of publication is known."
    )
    url = models.URLField("link", blank=True, help_text="Where it is published, if it still is.")
    document = models.BinaryField(null=True, blank=True, editable=False)
    document_name = models.CharField(max_length=200, blank=True, editable=False)
    document_type = models.CharField(max_length=100, blank=True, editable=False)
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["document"])

    class Meta:
        ordering = ["school", "-published_on", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.published_on})"

    @property
    def date_label(self) -> str:
        if self.month_only:
            return f"{self.published_on:%B %Y}"
        return f"{self.published_on.day} {self.published_on:%B %Y}"

    def clean(self):
        from equality_portal import dates

        errors = {}
        if self.published_on and self.published_on > dates.today():
            errors["published_on"] = EARLIER_IN_FUTURE
        if not self.url and not self.document_name:
            errors["url"] = EARLIER_NEEDS_DOCUMENT
        if errors:
            raise ValidationError(errors)


class CarryForward(models.Model):
    """A statement started from the last one: what came across, marked for review until
    someone in leadership says it has been reviewed."""

    draft = models.OneToOneField(
        StatementDraft, on_delete=models.CASCADE, related_name="carry_forward"
    )
    from_label = models.CharField(
        max_length=100, help_text="The statement it started from, by its period."
    )
    fields = models.JSONField(default=list, blank=True, help_text="The text that came across.")
    actions = models.JSONField(
        default=list, blank=True, help_text="The ongoing actions copied, by id."
    )
    objective_set = models.CharField(
        max_length=200, blank=True, help_text="The objective set in force, by title."
    )
    carried_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    carried_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.draft} carried forward from {self.from_label}"

    @property
    def needs_review(self) -> bool:
        return self.reviewed_at is None


class AttachmentFile(models.Model):
    """The bytes of an appendix, kept in the database like the statement PDFs (so any app server
    serves them and one backup holds them), by content hash: never changed, never deleted while
    a publication names it, so a published appendix's address keeps working."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="attachment_files")
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "sha256"], name="attachment_file_unique")
        ]

    def __str__(self):
        return f"{self.school} {self.sha256[:12]}"


class StatementAttachment(models.Model):
    """An appendix of a draft: a document published beside the statement."""

    draft = models.ForeignKey(StatementDraft, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file_name = models.CharField(max_length=150)
    file = models.ForeignKey(AttachmentFile, on_delete=models.PROTECT, related_name="uses")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "uploaded_at", "pk"]

    def __str__(self):
        return self.title


class TrustStatementDraft(models.Model):
    """What trust leadership write for the trust's statement for one academic year: its title,
    summary and introduction, and the trust-wide sections (``TrustStatementSection``). The
    section for each academy is composed from the academy's own published evidence."""

    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="statement_drafts")
    academic_year = models.PositiveSmallIntegerField()
    title = models.CharField(
        blank=True,
        max_length=200,
        help_text="As the trust calls it. Left blank: “Equality information and objectives”.",
    )
    summary = models.TextField(
        blank=True, max_length=600, help_text="Two or three sentences under the title (optional)."
    )
    introduction = models.TextField(
        blank=True,
        max_length=5000,
        help_text="In the trust's own words; Markdown as in the school sections (optional).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["trust", "-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "academic_year"],
                name="trust_statement_draft_one_per_trust_year",
                violation_error_message="There is already a draft for this academic year.",
            ),
        ]

    def __str__(self):
        return f"{self.trust} statement {self.year.label}"

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)


class TrustStatementSection(models.Model):
    """A trust-wide section, written by the trust: its heading and Markdown body."""

    draft = models.ForeignKey(
        TrustStatementDraft, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(blank=True, max_length=200)
    body = models.TextField(
        max_length=30000,
        help_text=(
            "Paragraphs (a blank line between them), lists (lines starting “- ”), links, "
            "“### ” subheadings and simple tables. HTML is shown as typed, never run."
        ),
    )

    class Meta:
        ordering = ["draft", "position", "pk"]

    def __str__(self):
        return self.heading or f"Section {self.position}"


class TrustPublication(models.Model):
    """An immutable snapshot of a published trust statement, as ``Publication`` is for a
    school: a correction is a new version of the same year that supersedes it."""

    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, related_name="publications")
    academic_year = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    approved_by_name = models.CharField(max_length=300)
    approved_at = models.DateTimeField()
    approved_on_behalf_of = models.CharField(max_length=100, blank=True)
    correction_note = models.TextField(blank=True, max_length=2000)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    html = models.TextField()
    data = models.JSONField()
    data_json = models.TextField()
    pdf = models.BinaryField()
    html_sha256 = models.CharField(max_length=64)
    data_sha256 = models.CharField(max_length=64)
    pdf_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["trust", "-academic_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "academic_year", "version"],
                name="trust_publication_version_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="trust_publication_version_positive"
            ),
        ]

    def __str__(self):
        return f"{self.trust} {self.year.label} (version {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("A published statement cannot be changed; publish a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A published statement cannot be deleted.")

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)
