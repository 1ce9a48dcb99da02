"""Records of engagement and consultation: who, how, when, what was learned, what changed."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import long_date
from equality_portal.core.equality import choice_list_errors, labels_for
from equality_portal.core.fields import DayField
from equality_portal.core.periods import YearOrPeriod, academic_year_starts
from equality_portal.schools.models import SchoolScopedQuerySet

NO_AUDIENCE = "Choose who was engaged, or name the group."
NO_METHOD = "Choose how they were engaged, or describe the method."
NO_WHEN = "Give the date it happened, or how often it happens."
DATE_AND_RECURRENCE = "Give either the date or how often it happens, not both."
DATE_OUTSIDE_YEAR = "The date must fall within the academic year {year} ({start} to {end})."
OUTCOME_NOT_WORDS = (
    "Describe what changed as a result of the engagement in words, or leave it empty until "
    "you know: the record then shows as incomplete."
)
INCOMPLETE_LABEL = "Incomplete: no outcome recorded"


# An outcome in words has a letter or a digit; "%" or "-" alone is a gap, not an outcome.
WORDS_PATTERN = r"[A-Za-z0-9]"


def has_words(text: str) -> bool:
    """True when the text holds at least one letter or digit, not just punctuation like "%"."""
    return re.search(WORDS_PATTERN, text or "") is not None


class Audience(models.TextChoices):
    PARENTS_CARERS = "parents_carers", "Parents and carers"
    PUPILS = "pupils", "Pupils and students"
    STAFF = "staff", "Staff"
    GOVERNORS = "governors", "Governors"
    COMMUNITY = "community", "Local community"
    BUSINESSES = "businesses", "Businesses"
    OUTSIDE_AGENCIES = "outside_agencies", "Outside agencies"
    OTHER_SCHOOLS = "other_schools", "Other schools"


class Method(models.TextChoices):
    SURVEY = "survey", "Surveys"
    SCHOOL_COUNCIL = "school_council", "School council and student voice"
    PARENTS_EVENING = "parents_evening", "Parents' evenings"
    MEETING = "meeting", "Meetings"
    HOME_VISIT = "home_visit", "Home visits"
    CALLS_EMAILS = "calls_emails", "Phone calls, emails and letters"
    VISITS_IN = "visits_in", "Visitors working in school"
    JOINT_WORK = "joint_work", "Joint projects and activities"
    ONE_TO_ONE = "one_to_one", "One-to-one sessions"


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    HALF_TERMLY = "half_termly", "Every half term"
    TERMLY = "termly", "Every term"
    YEARLY = "yearly", "Once a year"
    ONGOING = "ongoing", "Ongoing, throughout the year"


class EngagementRecordQuerySet(SchoolScopedQuerySet):
    def for_academic_year(self, academic_year: YearOrPeriod):
        """Records of the academic year, or of every academic year a period overlaps."""
        return self.filter(academic_year__in=academic_year_starts(academic_year))

    def incomplete(self):
        """Records with no outcome in words (empty, or only punctuation such as "%")."""
        return self.exclude(outcome__regex=WORDS_PATTERN)

    def complete(self):
        return self.filter(outcome__regex=WORDS_PATTERN)


class EngagementRecord(models.Model):
    """One engagement or consultation with a group, and what it changed."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="engagement_records"
    )
    academic_year = models.PositiveSmallIntegerField(
        help_text="The academic year it belongs to, by the calendar year it starts."
    )
    title = models.CharField(
        max_length=200, help_text="A short name, e.g. “Parents' evening follow-up”."
    )
    audiences = models.JSONField("who was engaged", default=list, blank=True)
    named_group = models.CharField(
        "named group",
        max_length=300,
        blank=True,
        help_text="A particular group or organisation, e.g. “ASD Outreach, SALT”.",
    )
    methods = models.JSONField("how", default=list, blank=True)
    other_method = models.CharField("other method", max_length=300, blank=True)
    description = models.TextField(
        "what was done", blank=True, help_text="The nature of the engagement, in a few sentences."
    )
    held_on = DayField("date", null=True, blank=True)
    recurrence = models.CharField(
        "how often", max_length=20, choices=Recurrence.choices, blank=True
    )
    learned = models.TextField("what was learned", blank=True)
    outcome = models.TextField(
        "what changed as a result",
        blank=True,
        help_text="Leave empty until you know; the record shows as incomplete until then.",
    )
    objectives = models.ManyToManyField(
        "objectives.Objective",
        blank=True,
        related_name="engagement_records",
        verbose_name="objectives it informed",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    analyses = models.ManyToManyField(
        "duties.EqualityAnalysis",
        blank=True,
        related_name="engagement_records",
        verbose_name="equality analyses it informed",
    )

    objects = EngagementRecordQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[objectives, analyses])

    class Meta:
        ordering = ["school", "-academic_year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "title"],
                name="engagement_title_unique_per_year",
                violation_error_message="There is already a record with this title this year.",
            ),
            models.CheckConstraint(
                condition=models.Q(held_on__isnull=True) | models.Q(recurrence=""),
                name="engagement_date_or_recurrence_not_both",
                violation_error_message=DATE_AND_RECURRENCE,
            ),
            models.CheckConstraint(
                condition=models.Q(recurrence="") | models.Q(recurrence__in=Recurrence.values),
                name="engagement_recurrence_is_known",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "engagement:record_detail", kwargs={"school_slug": self.school.slug, "pk": self.pk}
        )

    def clean(self):
        errors = choice_list_errors(self, {"audiences": Audience, "methods": Method})
        if not errors.get("audiences") and not (self.audiences or self.named_group.strip()):
            errors["audiences"] = NO_AUDIENCE
        if not errors.get("methods") and not (self.methods or self.other_method.strip()):
            errors["methods"] = NO_METHOD
        if self.held_on and self.recurrence:
            errors["recurrence"] = DATE_AND_RECURRENCE
        elif not (self.held_on or self.recurrence):
            errors["held_on"] = NO_WHEN
        if self.held_on and self.academic_year:
            year = self.year
            if not year.contains(self.held_on):
                errors["held_on"] = DATE_OUTSIDE_YEAR.format(
                    year=year.label, start=long_date(year.start), end=long_date(year.end)
                )
        if self.outcome.strip() and not has_words(self.outcome):
            errors["outcome"] = OUTCOME_NOT_WORDS
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)

    @property
    def is_complete(self) -> bool:
        """Complete once the record says, in words, what changed as a result."""
        return has_words(self.outcome)

    @property
    def who_labels(self) -> list[str]:
        labels = labels_for(self.audiences, Audience)
        return [*labels, self.named_group] if self.named_group else labels

    @property
    def how_labels(self) -> list[str]:
        labels = labels_for(self.methods, Method)
        return [*labels, self.other_method] if self.other_method else labels

    @property
    def when_label(self) -> str:
        if self.held_on:
            return long_date(self.held_on)
        return f"{self.get_recurrence_display()} ({self.year.label})"
