"""Equality objectives: a set per school and period, each objective's measure, actions,
progress updates and the comments governors and leaders make on progress."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from equality_portal import dates
from equality_portal.core.dates import add_years, long_date
from equality_portal.core.equality import Aim, Characteristic, Group, choice_list_errors, labels_for
from equality_portal.core.fields import DayField
from equality_portal.schools.models import SchoolScopedQuerySet

# The 2017 regulations in England, and the 2011 Welsh regulations: objectives are prepared and
# published (in Wales, reviewed) at least every four years.
MAX_PERIOD_YEARS = 4

PERIOD_ENDS_BEFORE_START = "The period must end after it starts."
PUBLISHED_IN_FUTURE = "The date it was published cannot be in the future."
COVERS_NEED_DOCUMENT = (
    "Name the document that sets out these objectives, or leave the characteristics unticked."
)
TARGET_DATE_OUTSIDE_PERIOD = "The target date must fall within the set's period, {start} to {end}."
BASELINE_AFTER_TARGET = "The baseline date must be before the target date."
MEASURE_NEEDS_NAME = "Say what is measured, for example “Attainment 8 gap in points”."
PROGRESS_VALUE_NOT_MEASURED = (
    "This objective has no numeric measure, so record its progress in the narrative. Add a "
    "measure to the objective to record values."
)
PROGRESS_VALUE_NEEDED = "Give the value measured on this date ({unit})."
PROGRESS_BEFORE_BASELINE = "A progress update cannot be dated before the baseline ({date})."
PROGRESS_IN_FUTURE = "A progress update cannot be dated in the future."


def format_value(value, unit: str = "") -> str:
    """A measured value as people write it: 68%, 3.5 points, 12 (no trailing zeros)."""
    if value is None:
        return ""
    number = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def latest_period_end(start: datetime.date) -> datetime.date:
    """The last day a set starting on ``start`` may cover: four years, less a day."""
    return add_years(start, MAX_PERIOD_YEARS) - datetime.timedelta(days=1)


class ObjectiveSetQuerySet(SchoolScopedQuerySet):
    def published(self):
        return self.filter(published_on__isnull=False)

    def current_on(self, day: datetime.date):
        """Sets whose period contains ``day``."""
        return self.filter(period_start__lte=day, period_end__gte=day)


class ObjectiveSet(models.Model):
    """A school's equality objectives for one period of at most four years."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="objective_sets"
    )
    title = models.CharField(
        max_length=200, help_text="For example “Equality objectives 2024-2028”."
    )
    period_start = DayField("period starts", help_text="For example 1/9/2024.")
    period_end = DayField(
        "period ends", help_text="At most four years after the start, for example 31/8/2028."
    )
    period_text = models.CharField(
        "period, as the school writes it",
        max_length=100,
        blank=True,
        help_text=(
            "For example “2017-18” or “Autumn 2020 to Summer 2024”: published instead of the "
            "months (optional)."
        ),
    )
    published_on = DayField(
        "date published",
        null=True,
        blank=True,
        help_text="Leave empty while the set is a draft. The next set is due within four years.",
    )
    notes = models.TextField(
        blank=True, help_text="For leadership and governors; not published in the statement."
    )
    adopted_from = models.CharField(
        "set by",
        max_length=200,
        blank=True,
        help_text=(
            "Leave empty for the school's own objectives. For objectives set by the local "
            "authority or region that the school adopts, name who set them, for example "
            "“Central South Consortium”; they are published apart from the school's own."
        ),
    )
    # Wales: the published reasons for setting no objective for a protected characteristic
    # (2011 Welsh regulations, regulation 3), by characteristic.
    reasons_no_objective = models.JSONField(
        "reasons for setting no objective for a protected characteristic",
        default=dict,
        blank=True,
    )
    # Objectives the school publishes in a document rather than entering them one by one (an
    # appendix of its Strategic Equality Plan): the document as the school names it, and, in
    # Wales, the protected characteristics the school says it gives an objective or a reason
    # for. The portal cannot read the document, so the rules take the school's word for it and
    # say so (objectives.compliance).
    in_document = models.CharField(
        "set out in a document",
        max_length=300,
        blank=True,
        help_text=(
            "If the objectives are written in a document rather than entered here, its title as "
            "published, for example “App. 2 School Equality Objectives and Action Plan”; attach "
            "the document to the statement. The portal cannot read it (optional)."
        ),
    )
    in_document_covers = models.JSONField(
        "protected characteristics the document gives an objective or a reason for",
        default=list,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ObjectiveSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["school", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="objective_set_period_ends_after_start",
                violation_error_message=PERIOD_ENDS_BEFORE_START,
            ),
            models.UniqueConstraint(
                fields=["school", "title"],
                name="objective_set_title_unique_per_school",
                violation_error_message="This school already has a set with this title.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "objectives:set_detail", kwargs={"school_slug": self.school.slug, "pk": self.pk}
        )

    @property
    def is_adopted(self) -> bool:
        return bool(self.adopted_from)

    @property
    def covered_in_document(self) -> set[str]:
        """The protected characteristics the school says its document covers."""
        return set(self.in_document_covers or []) if self.in_document.strip() else set()

    @property
    def in_document_labels(self) -> list[str]:
        """The characteristics the document covers, by their labels, in the Act's order."""
        return labels_for(self.covered_in_document, Characteristic)

    @property
    def reasons_no_objective_labelled(self) -> list[tuple[str, str]]:
        """(characteristic, reason) for each characteristic with a reason, in the Act's order."""
        reasons = self.reasons_no_objective or {}
        return [
            (label, reasons[value]) for value, label in Characteristic.choices if reasons.get(value)
        ]

    def clean(self):
        errors = {}
        reasons = self.reasons_no_objective
        if not isinstance(reasons, dict) or any(
            key not in Characteristic.values or not isinstance(text, str)
            for key, text in reasons.items()
        ):
            errors["reasons_no_objective"] = "Give a reason for a protected characteristic."
        errors |= choice_list_errors(self, {"in_document_covers": Characteristic})
        if self.in_document_covers and not self.in_document.strip() and not errors:
            errors["in_document"] = COVERS_NEED_DOCUMENT
        # A period longer than four years is accepted; the school is advised
        # (objectives.compliance.objective_period_within_four_years).
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            errors["period_end"] = PERIOD_ENDS_BEFORE_START
        if self.published_on and self.published_on > dates.today():
            errors["published_on"] = PUBLISHED_IN_FUTURE
        if errors:
            raise ValidationError(errors)

    @property
    def legal_deadline(self) -> datetime.date | None:
        """Four years from publication: the latest the next set may be published."""
        return add_years(self.published_on, MAX_PERIOD_YEARS) if self.published_on else None

    @property
    def next_due(self) -> datetime.date:
        """When the next set is due: the end of this period, or four years from publication
        if that comes first."""
        if self.legal_deadline is None:
            return self.period_end
        return min(self.legal_deadline, self.period_end)

    @property
    def longer_than_four_years(self) -> bool:
        return self.period_end > latest_period_end(self.period_start)

    @property
    def period_label(self) -> str:
        """The period as the school writes it, or its months (never days the school did not
        give)."""
        return self.period_text or f"{self.period_start:%B %Y} to {self.period_end:%B %Y}"

    def contains(self, day: datetime.date) -> bool:
        return self.period_start <= day <= self.period_end

    # These use prefetched objectives when the selector gave them.
    @property
    def objective_count(self) -> int:
        return len(self.objectives.all())

    @property
    def not_measurable_count(self) -> int:
        return sum(1 for objective in self.objectives.all() if not objective.is_measurable)


class ObjectiveStatus(models.TextChoices):
    NOT_STATED = "", "Not stated"
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    ACHIEVED = "achieved", "Achieved"
    PARTLY_ACHIEVED = "partly_achieved", "Partly achieved"
    NOT_ACHIEVED = "not_achieved", "Not achieved"
    CARRIED_FORWARD = "carried_forward", "Carried forward to the next set"


# An objective is measurable with a numeric measure (baseline, target, target date) or with
# written success criteria and a date. The same rule as a query, for counts and lists.
NUMERIC_MEASURE_Q = models.Q(
    baseline_value__isnull=False,
    baseline_date__isnull=False,
    target_value__isnull=False,
    target_date__isnull=False,
)
MEASURABLE_Q = NUMERIC_MEASURE_Q | (
    (~models.Q(success_criteria="") | ~models.Q(target_text=""))
    & models.Q(target_date__isnull=False)
)


class ObjectiveQuerySet(SchoolScopedQuerySet):
    school_field = "objective_set__school"

    def measurable(self):
        return self.filter(MEASURABLE_Q)

    def not_measurable(self):
        return self.exclude(MEASURABLE_Q)


class Objective(models.Model):
    """One specific and measurable equality objective, with its measure and owner."""

    objective_set = models.ForeignKey(
        ObjectiveSet, on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.PositiveSmallIntegerField(help_text="Its number within the set.")
    title = models.CharField(max_length=300)
    title_cy = models.CharField(
        "objective in Welsh",
        max_length=300,
        blank=True,
        help_text="For a school that publishes in Welsh as well as English.",
    )
    rationale = models.TextField(
        "why it was chosen", blank=True, help_text="The reason for this objective."
    )
    evidence = models.TextField(
        blank=True, help_text="The data or findings behind it, for example a gap in results."
    )
    aims = models.JSONField(
        "aims of the general duty", default=list, blank=True, help_text="The aims it serves."
    )
    characteristics = models.JSONField("protected characteristics", default=list, blank=True)
    groups = models.JSONField(
        "other groups",
        default=list,
        blank=True,
        help_text="Groups that are not protected characteristics, such as pupil premium.",
    )
    wider_group = models.CharField(
        "wider group it targets",
        max_length=300,
        blank=True,
        help_text="When it targets everyone or a group not listed, say so, e.g. “all students”.",
    )
    measure = models.CharField(
        "what is measured",
        max_length=300,
        blank=True,
        help_text="For example “gap in average Attainment 8 score, disadvantaged and others”.",
    )
    unit = models.CharField(max_length=40, blank=True, help_text="For example %, points, days.")
    baseline_value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    baseline_date = DayField(null=True, blank=True)
    target_value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    target_text = models.CharField(
        "target, in words",
        max_length=300,
        blank=True,
        help_text="A target that is not a number, for example “All staff trained by July”.",
    )
    target_date = DayField(
        null=True, blank=True, help_text="When the target or success criteria should be met."
    )
    success_criteria = models.TextField(
        blank=True,
        help_text="What success looks like, when it is not a number. Give a target date too.",
    )
    owner = models.CharField(
        max_length=150, blank=True, help_text="Who answers for it, e.g. “Deputy Head (Inclusion)”."
    )
    status = models.CharField(
        max_length=20,
        choices=ObjectiveStatus.choices,
        default=ObjectiveStatus.NOT_STATED,
        blank=True,
        help_text="Published only when the school gives one.",
    )
    heading = models.CharField(
        "heading it comes under",
        max_length=200,
        blank=True,
        help_text=(
            "When the school groups its objectives, the group's heading, for example “Fostering "
            "good relations objectives”. Objectives in a row with the same heading are "
            "published under it."
        ),
    )
    heading_text = models.TextField(
        "words under the heading",
        blank=True,
        max_length=2000,
        help_text="The line the school writes under the heading (on the first of the group).",
    )
    baseline_when = models.CharField(
        "baseline date, as the school writes it",
        max_length=100,
        blank=True,
        help_text="For example “August 2015” or “Staff Survey, summer term 2017”.",
    )
    target_when = models.CharField(
        "target date, as the school writes it",
        max_length=100,
        blank=True,
        help_text="For example “August 2018”: published instead of the date.",
    )
    trust_objective = models.ForeignKey(
        "TrustObjective",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="academy_objectives",
        help_text="The trust objective this academy's objective carries, with its own measures.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ObjectiveQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective_set", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective_set", "number"],
                name="objective_number_unique_in_set",
                violation_error_message="Another objective in this set has this number.",
            ),
            models.CheckConstraint(
                condition=models.Q(baseline_date__isnull=True)
                | models.Q(target_date__isnull=True)
                | models.Q(baseline_date__lt=models.F("target_date")),
                name="objective_baseline_before_target",
                violation_error_message=BASELINE_AFTER_TARGET,
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ObjectiveStatus.values),
                name="objective_status_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse(
            "objectives:objective_detail",
            kwargs={"school_slug": self.objective_set.school.slug, "pk": self.pk},
        )

    def clean(self):
        errors = choice_list_errors(
            self, {"aims": Aim, "characteristics": Characteristic, "groups": Group}
        )
        # A whole-school objective concerns no particular group: none need be named.
        errors |= self._measure_errors()
        if errors:
            raise ValidationError(errors)

    def _measure_errors(self) -> dict[str, str]:
        errors = {}
        # Each part may come on its own: a baseline before the target is set, a target
        # without a comparison group, a value without a date where the school gives none (it
        # is then not a numeric measure with a chart, and the school is advised). A value needs
        # a name for what is measured.
        values = (self.baseline_value, self.target_value)
        if any(value is not None for value in values) and not self.measure.strip():
            errors["measure"] = MEASURE_NEEDS_NAME
        if self.baseline_date and self.target_date and self.baseline_date >= self.target_date:
            errors["baseline_date"] = BASELINE_AFTER_TARGET
        objective_set = self.objective_set if self.objective_set_id else None
        if self.target_date and objective_set and not objective_set.contains(self.target_date):
            errors["target_date"] = TARGET_DATE_OUTSIDE_PERIOD.format(
                start=long_date(objective_set.period_start), end=long_date(objective_set.period_end)
            )
        return errors

    @property
    def has_numeric_measure(self) -> bool:
        return None not in (
            self.baseline_value,
            self.baseline_date,
            self.target_value,
            self.target_date,
        )

    @property
    def is_measurable(self) -> bool:
        """The Python twin of MEASURABLE_Q."""
        has_criteria = (
            bool(self.success_criteria or self.target_text) and self.target_date is not None
        )
        return self.has_numeric_measure or has_criteria

    @property
    def baseline_display(self) -> str:
        return format_value(self.baseline_value, self.unit)

    @property
    def target_display(self) -> str:
        return format_value(self.target_value, self.unit)

    @property
    def aim_labels(self) -> list[str]:
        return labels_for(self.aims, Aim)

    @property
    def characteristic_labels(self) -> list[str]:
        return labels_for(self.characteristics, Characteristic)

    @property
    def group_labels(self) -> list[str]:
        return labels_for(self.groups, Group)

    @property
    def latest_progress(self) -> "ProgressUpdate | None":
        """The most recent progress update (uses prefetched updates when there are some)."""
        updates = list(self.progress_updates.all())
        return max(updates, key=lambda u: (u.recorded_on, u.pk)) if updates else None


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ONGOING = "ongoing", "Ongoing"
    DONE = "done", "Done"


class ObjectiveAction(models.Model):
    """One row of an objective's action plan: what, who, when, success criteria, status."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField("action")
    what_cy = models.TextField(
        "action in Welsh",
        blank=True,
        help_text="For a school that publishes in Welsh as well as English.",
    )
    who = models.CharField(
        max_length=150, blank=True, help_text="A role, for example “Head of Year 7”."
    )
    when = models.CharField(
        max_length=100,
        blank=True,
        help_text="A date or a rhythm, for example “Each term” or “July 2025”.",
    )
    success_criteria = models.TextField("success criteria", blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Its row in the plan.")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "position", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActionStatus.values),
                name="objective_action_status_is_known",
            ),
        ]

    def __str__(self):
        return self.what

    @property
    def done(self) -> bool:
        return self.status == ActionStatus.DONE


class Rag(models.TextChoices):
    """Red, amber, green: always shown with its words, never by colour alone."""

    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: at risk"
    GREEN = "green", "Green: on track"


class ProgressUpdate(models.Model):
    """A dated report of progress towards an objective, with a value when it has a measure."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="progress_updates"
    )
    recorded_on = DayField("date")
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(help_text="What has happened and what it shows.")
    rag = models.CharField("red, amber or green", max_length=5, choices=Rag.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "recorded_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rag__in=Rag.values), name="progress_update_rag_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.objective} – {self.recorded_on}"

    @property
    def value_display(self) -> str:
        return format_value(self.value, self.objective.unit)

    def clean(self):
        errors = {}
        objective = self.objective if self.objective_id else None
        if self.recorded_on and self.recorded_on > dates.today():
            errors["recorded_on"] = PROGRESS_IN_FUTURE
        if objective is not None:
            if objective.has_numeric_measure:
                if self.value is None:
                    errors["value"] = PROGRESS_VALUE_NEEDED.format(
                        unit=objective.unit or objective.measure
                    )
                if self.recorded_on and self.recorded_on < objective.baseline_date:
                    errors["recorded_on"] = PROGRESS_BEFORE_BASELINE.format(
                        date=long_date(objective.baseline_date)
                    )
            elif self.value is not None:
                errors["value"] = PROGRESS_VALUE_NOT_MEASURED
        if errors:
            raise ValidationError(errors)


class ProgressComment(models.Model):
    """A governor's or leader's comment on an objective's progress, read by every member."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("comment")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "created_at", "pk"]

    def __str__(self):
        return f"Comment by {self.author} on {self.objective}"


class TrustObjective(models.Model):
    """An objective a trust sets for all its academies or chosen ones. Each academy carries it
    as one of its own objectives (``Objective.trust_objective``), with its own baseline, target
    and progress, beside the objectives it sets itself."""

    trust = models.ForeignKey(
        "schools.Trust", on_delete=models.CASCADE, related_name="trust_objectives"
    )
    title = models.CharField(max_length=300)
    rationale = models.TextField("why it was chosen", blank=True)
    measure = models.CharField("what is measured", max_length=300, blank=True)
    target_text = models.CharField("target, in words", max_length=300, blank=True)
    target_date = DayField(null=True, blank=True)
    success_criteria = models.TextField(blank=True)
    owner = models.CharField(max_length=150, blank=True)
    schools = models.ManyToManyField(
        "schools.School",
        blank=True,
        related_name="+",
        help_text="The academies it applies to; none chosen: all of the trust's academies.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["trust", "created_at", "pk"]

    def __str__(self):
        return self.title
