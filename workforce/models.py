"""Pay gap reports: the six measures an employer computed from its payroll on a snapshot date.

Only the measures are kept, never the payroll: a row of the imported file is one person's pay.
The employer is the trust for academies and the school's governing body for a maintained school
(``workforce.selectors.employer_of``); a report belongs to exactly one of the two.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

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
