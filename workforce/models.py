"""Pay gap reports: the six measures an employer computed from its payroll on a snapshot date.

Only the measures are kept, never the payroll: a row of the imported file is one person's pay.
The employer is the trust for academies and the school's governing body for a maintained school
(``workforce.selectors.employer_of``); a report belongs to exactly one of the two.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from duties.categories import CategoryType, category_code, category_label
from duties.models import ACADEMIC_YEAR_VALIDATORS, CATEGORY_IS_FORMULA, looks_like_formula
from equality_portal.schools.models import School, Trust

from .paygap import CONFIGS, PayGapConfig, PayGapMeasures


class PayGapKind(models.TextChoices):
    GENDER = "gender", "Gender pay gap"
    ETHNICITY = "ethnicity", "Ethnicity pay gap"
    DISABILITY = "disability", "Disability pay gap"


class PayGapReport(models.Model):
    trust = models.ForeignKey(
        Trust, on_delete=models.CASCADE, null=True, blank=True, related_name="pay_gap_reports"
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="pay_gap_reports"
    )
    kind = models.CharField(max_length=20, choices=PayGapKind.choices, default=PayGapKind.GENDER)
    snapshot_date = models.DateField(help_text="The snapshot date: 31 March.")
    relevant_employees = models.PositiveIntegerField()
    figures = models.JSONField(help_text="The six measures, as computed at import.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-snapshot_date", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trust__isnull=True) ^ models.Q(school__isnull=True),
                name="pay_gap_report_one_employer",
            ),
            models.UniqueConstraint(
                fields=["trust", "kind", "snapshot_date"],
                condition=models.Q(trust__isnull=False),
                name="pay_gap_report_one_per_trust_snapshot",
            ),
            models.UniqueConstraint(
                fields=["school", "kind", "snapshot_date"],
                condition=models.Q(school__isnull=False),
                name="pay_gap_report_one_per_school_snapshot",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, snapshot {self.snapshot_date:%-d %B %Y}"

    @property
    def config(self) -> PayGapConfig:
        return CONFIGS[self.kind]

    @property
    def measures(self) -> PayGapMeasures:
        return PayGapMeasures.from_json(self.figures)


class WorkforceStage(models.TextChoices):
    """Which people a workforce figure counts: the employer's staff in post, those who applied
    for its posts and those it appointed (recruitment), and those who left."""

    IN_POST = "in_post", "Staff in post"
    APPLICANTS = "applicants", "Applicants"
    APPOINTED = "appointed", "Appointed"
    LEAVERS = "leavers", "Leavers"


WORKFORCE_FIGURE_EXISTS = (
    "This category is already recorded for these people in this year: change its count instead."
)
WORKFORCE_CATEGORY_NEEDED = "Name the category, for example Female or White British."


class TrustWorkforceFigure(models.Model):
    """One count of the trust's workforce in an academic year, as trust leadership enter it:
    how many of the people at one stage (in post, applicants, appointed, leavers) fall in one
    category of a protected characteristic. Only ever published disclosed
    (``core.suppression``)."""

    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="workforce_figures")
    academic_year = models.PositiveSmallIntegerField(
        validators=ACADEMIC_YEAR_VALIDATORS,
        help_text="The academic year the figures describe (2025 is 2025-26).",
    )
    stage = models.CharField("people counted", max_length=20, choices=WorkforceStage.choices)
    category_type = models.CharField(
        "protected characteristic", max_length=20, choices=CategoryType.choices
    )
    category = models.CharField(
        max_length=200, help_text="A census code or the trust's own words, for example Female."
    )
    count = models.PositiveIntegerField(help_text="How many people, as a whole number.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["academic_year", "stage", "category_type", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "academic_year", "stage", "category_type", "category"],
                name="workforce_figure_one_per_category",
                violation_error_message=WORKFORCE_FIGURE_EXISTS,
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()}, {self.get_category_type_display()}: {self.label}"

    @property
    def label(self) -> str:
        return category_label(self.category_type, self.category)

    def clean_category(self) -> None:
        """The category on its own: named, not a formula, and a census code where it names one."""
        self.category = (self.category or "").strip()
        if not self.category:
            raise ValidationError({"category": WORKFORCE_CATEGORY_NEEDED})
        if looks_like_formula(self.category):
            raise ValidationError({"category": CATEGORY_IS_FORMULA.format(value=self.category)})
        if self.category_type:
            self.category = category_code(self.category_type, self.category)

    def clean(self):
        self.clean_category()
        same = TrustWorkforceFigure.objects.filter(
            trust_id=self.trust_id,
            academic_year=self.academic_year,
            stage=self.stage,
            category_type=self.category_type,
            category__iexact=self.category,
        ).exclude(pk=self.pk)
        if self.trust_id and same.exists():
            raise ValidationError({"category": WORKFORCE_FIGURE_EXISTS})
