"""Evidence of due regard: actions taken under each aim of the general duty, equality analyses,
the policy register, and the monitoring data (population profiles and outcome measures)."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import add_months, long_date
from equality_portal.core.equality import (
    STAFF_ONLY_CHARACTERISTICS,
    Aim,
    Characteristic,
    Group,
    choice_list_errors,
    labels_for,
)
from equality_portal.core.fields import DayField
from equality_portal.core.periods import YearOrPeriod, academic_year_starts
from equality_portal.schools.models import School, SchoolRecord, SchoolScopedQuerySet
from equality_portal.schools.roles import Role

from .categories import (
    ETHNICITY_MINOR,
    CategoryType,
    Population,
    category_label,
    is_partition,
)

# The earliest academic year the portal accepts (Equality Act 2010 came into force in 2010-11).
FIRST_ACADEMIC_YEAR = 2010

ACADEMIC_YEAR_VALIDATORS = [
    MinValueValidator(FIRST_ACADEMIC_YEAR, "The academic year must be 2010-11 or later."),
    MaxValueValidator(2100),
]
PERCENT_VALIDATORS = [
    MinValueValidator(Decimal(0), "A percentage cannot be negative."),
    MaxValueValidator(
        Decimal(100), "%(show_value)s%% is over 100%%: a percentage is at most %(limit_value)s."
    ),
]

DATE_OUTSIDE_YEAR = "{date} is not in the academic year {year} (1 September to 31 August)."
DATE_OUTSIDE_TERM = "{date} is not in the {term} term."
NO_AIM = "Choose at least one aim this action serves."
FUTURE_DATE = "The date cannot be in the future."


def json_list_contains(field: str, value: str) -> models.Q:
    """Rows whose JSON list ``field`` holds ``value``, on SQLite and PostgreSQL alike.

    Matching the quoted value in the list's text is exact because every stored value is a
    lower-case code without quotes.
    """
    return models.Q(**{f"{field}__icontains": f'"{value}"'})


class Term(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"


TERM_INDEX = {Term.AUTUMN: 0, Term.SPRING: 1, Term.SUMMER: 2}


# --- Actions taken under the three aims --------------------------------------------------------


class ActionQuerySet(SchoolScopedQuerySet):
    def for_year(self, year: YearOrPeriod):
        """Actions of the academic year, or of every academic year a period overlaps."""
        return self.filter(academic_year__in=academic_year_starts(year))

    def for_aim(self, aim: str):
        return self.filter(json_list_contains("aims", aim))

    def for_characteristic(self, characteristic: str):
        return self.filter(json_list_contains("characteristics", characteristic))

    def for_group(self, group: str):
        return self.filter(json_list_contains("groups", group))


class Action(SchoolRecord):
    """Something the school did in an academic year that serves one or more aims of the duty."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="duty_actions")
    academic_year = models.PositiveSmallIntegerField(
        validators=ACADEMIC_YEAR_VALIDATORS, help_text="The academic year the action belongs to."
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    aims = models.JSONField(default=list, blank=True, help_text="The aim or aims it serves.")
    characteristics = models.JSONField(
        "protected characteristics",
        default=list,
        blank=True,
        help_text="The protected characteristics it concerns.",
    )
    groups = models.JSONField(
        "other groups",
        default=list,
        blank=True,
        help_text="Groups it concerns that are not protected characteristics.",
    )
    other_group = models.CharField(
        "another named group",
        max_length=120,
        blank=True,
        help_text="Any other group it concerns, for example service children.",
    )
    owner = models.CharField(
        max_length=120, blank=True, help_text="Who leads it: a person or a role."
    )
    date = DayField(null=True, blank=True, help_text="When it happened, if on one day.")
    term = models.CharField(
        max_length=10,
        choices=Term.choices,
        blank=True,
        help_text="Or the term it happened in. Leave both empty for work that runs all year.",
    )
    evidence_note = models.TextField(
        "evidence", blank=True, help_text="What shows it happened and what it achieved."
    )
    evidence_url = models.URLField(
        "link to evidence", blank=True, help_text="Optional: a document or page on the web."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the year: lower numbers are listed first."
    )

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-academic_year", "position", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(academic_year__gte=FIRST_ACADEMIC_YEAR),
                name="duties_action_academic_year_from_2010",
            ),
            models.CheckConstraint(
                condition=models.Q(term__in=["", *Term.values]), name="duties_action_term_known"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("duties:action_detail", args=[self.school.slug, self.pk])

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)

    def clean(self):
        errors = {}
        if not self.aims:
            errors["aims"] = [NO_AIM]
        errors |= choice_list_errors(
            self, {"aims": Aim, "characteristics": Characteristic, "groups": Group}
        )
        self.other_group = self.other_group.strip()
        if self.date and self.academic_year:
            year = AcademicYear(self.academic_year)
            if not year.contains(self.date):
                errors["date"] = [DATE_OUTSIDE_YEAR.format(date=long_date(self.date), year=year)]
            elif self.term and not year.terms[TERM_INDEX[self.term]].contains(self.date):
                term = self.get_term_display().lower()
                errors["date"] = [DATE_OUTSIDE_TERM.format(date=long_date(self.date), term=term)]
        if errors:
            raise ValidationError(errors)

    @property
    def aim_list(self) -> list[Aim]:
        return [aim for aim in Aim if aim in (self.aims or [])]

    @property
    def characteristic_labels(self) -> list[str]:
        return labels_for(self.characteristics, Characteristic.choices)

    @property
    def group_labels(self) -> list[str]:
        labels = labels_for(self.groups, Group.choices)
        return [*labels, self.other_group] if self.other_group else labels

    @property
    def when(self) -> str:
        """The date, the term, or "Throughout the year"."""
        if self.date:
            return long_date(self.date)
        if self.term:
            return f"{self.get_term_display()} term {self.year}"
        return f"Throughout {self.year}"


# --- Policies ----------------------------------------------------------------------------------

POLICY_TITLE_TAKEN = "The register already has a policy with this title."


class Policy(SchoolRecord):
    """A school policy on the register, reviewed on a cycle."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="duty_policies")
    title = models.CharField(max_length=200)
    owner = models.CharField(
        max_length=120, blank=True, help_text="Who is responsible for it: a person or a role."
    )
    review_cycle_months = models.PositiveSmallIntegerField(
        "review cycle (months)",
        default=12,
        validators=[
            MinValueValidator(1, "The review cycle must be at least one month."),
            MaxValueValidator(60, "The review cycle cannot be longer than five years."),
        ],
        help_text="How often it is reviewed, in months: 12 for every year.",
    )
    adopted_on = DayField(
        null=True,
        blank=True,
        help_text="When it was first adopted; the first review is due a cycle after this.",
    )
    notes = models.TextField(blank=True)

    objects = SchoolScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name_plural = "policies"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "title"],
                name="duties_policy_title_unique_per_school",
                violation_error_message=POLICY_TITLE_TAKEN,
            ),
            models.CheckConstraint(
                condition=models.Q(review_cycle_months__gte=1, review_cycle_months__lte=60),
                name="duties_policy_review_cycle_1_to_60_months",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("duties:policy_detail", args=[self.school.slug, self.pk])

    def clean(self):
        self.title = (self.title or "").strip()
        others = Policy.objects.filter(school_id=self.school_id, title__iexact=self.title)
        if self.school_id and others.exclude(pk=self.pk).exists():
            raise ValidationError({"title": POLICY_TITLE_TAKEN})

    @property
    def last_review(self) -> "PolicyReview | None":
        # Reviews are prefetched newest first by the selectors.
        reviews = list(self.reviews.all())
        return reviews[0] if reviews else None

    @property
    def next_review_due(self) -> datetime.date | None:
        review = self.last_review
        start = review.reviewed_on if review else self.adopted_on
        return add_months(start, self.review_cycle_months) if start else None

    def is_overdue(self, today: datetime.date) -> bool:
        """Overdue when the next review date has passed, or no review or adoption is known."""
        due = self.next_review_due
        return due is None or due < today


class PolicyReview(SchoolRecord):
    """One review of a policy: when, by whom, who was consulted, and its equality analysis."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = DayField("date of review")
    reviewed_by = models.CharField(max_length=120, help_text="A person, a role or a committee.")
    consulted = models.TextField(
        "who was consulted", blank=True, help_text="For example the school council."
    )
    summary = models.TextField("what changed", blank=True)
    equality_analysis = models.ForeignKey(
        "EqualityAnalysis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="policy_reviews",
        help_text="The equality analysis done for this review.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self):
        return f"{self.policy} reviewed {long_date(self.reviewed_on)}"

    def clean(self):
        analysis = self.equality_analysis
        if analysis is not None and self.policy_id and analysis.school_id != self.policy.school_id:
            raise ValidationError({"equality_analysis": "Choose an analysis of this school."})
        if self.reviewed_on and self.reviewed_on > dates.today():
            raise ValidationError({"reviewed_on": FUTURE_DATE})


# --- Equality analyses -------------------------------------------------------------------------


class AnalysisSubject(models.TextChoices):
    POLICY = "policy", "Policy"
    PLAN = "plan", "Plan"
    DECISION = "decision", "Decision"
    PRACTICE = "practice", "Practice or routine"


class Outcome(models.TextChoices):
    NO_CHANGE = "no_change", "No change needed"
    ADJUSTED = "adjusted", "Adjusted to remove or reduce negative impact"
    STOPPED = "stopped", "Stopped"
    CONTINUED = "continued", "Continued despite some negative impact, with justification"


class Impact(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"
    NOT_KNOWN = "not_known", "Not known"


JUSTIFICATION_NEEDED = "Say why it continues despite the negative impact."
SIGN_OFF_BY_LEADERSHIP = "Only a member of the school's leadership can sign off an analysis."
SIGN_OFF_BEFORE_ANALYSIS = "The sign-off date cannot be before the date of the analysis."
STAFF_ONLY_IMPACT = (
    "{characteristic} applies only to staff: tick that staff are affected to record it."
)
NEGATIVE_IMPACT_NEEDS_NOTE = "Describe the negative impact."
REASON_NEEDED = "Say why a full analysis is or is not needed."


class EqualityAnalysisQuerySet(SchoolScopedQuerySet):
    def for_year(self, year: YearOrPeriod):
        return self.filter(analysed_on__range=(year.start, year.end))


class EqualityAnalysis(SchoolRecord):
    """An equality analysis (impact assessment) of a policy, plan, decision or practice."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="duty_analyses")
    subject = models.CharField("what was analysed", max_length=200)
    subject_kind = models.CharField(
        "kind", max_length=20, choices=AnalysisSubject.choices, default=AnalysisSubject.POLICY
    )
    policy = models.ForeignKey(
        Policy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analyses",
        help_text="The policy on the register, if it is one.",
    )
    analysed_on = DayField("date of analysis")
    carried_out_by = models.CharField(max_length=200, help_text="People or roles.")
    full_analysis_needed = models.BooleanField(
        "a full analysis is needed",
        help_text="Screening: could it affect people with a protected characteristic?",
    )
    screening_reason = models.TextField("why", help_text="The reason for the screening answer.")
    evidence_considered = models.TextField(blank=True)
    consulted = models.TextField(
        "who was consulted",
        blank=True,
        help_text="Pupils, parents, staff, governors, groups or agencies, and how.",
    )
    affects_staff = models.BooleanField(
        "staff are affected",
        default=False,
        help_text="Age, and marriage and civil partnership, are assessed only when staff are.",
    )
    mitigations = models.TextField("mitigations and changes made", blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    outcome_justification = models.TextField(
        "justification", blank=True, help_text="Needed when it continues despite negative impact."
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_on = DayField(null=True, blank=True)

    objects = EqualityAnalysisQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-analysed_on", "-pk"]
        verbose_name_plural = "equality analyses"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signed_off_by__isnull=True, signed_off_on__isnull=True)
                | models.Q(signed_off_by__isnull=False, signed_off_on__isnull=False),
                name="duties_analysis_sign_off_has_person_and_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome=Outcome.CONTINUED)
                | ~models.Q(outcome_justification=""),
                name="duties_analysis_continued_is_justified",
                violation_error_message=JUSTIFICATION_NEEDED,
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("duties:analysis_detail", args=[self.school.slug, self.pk])

    @property
    def year(self) -> AcademicYear:
        return AcademicYear.containing(self.analysed_on)

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_by_id is not None

    def clean(self):
        errors = {}
        if not (self.screening_reason or "").strip():
            errors["screening_reason"] = [REASON_NEEDED]
        if self.outcome == Outcome.CONTINUED and not self.outcome_justification.strip():
            errors["outcome_justification"] = [JUSTIFICATION_NEEDED]
        if self.policy_id and self.school_id and self.policy.school_id != self.school_id:
            errors["policy"] = ["Choose a policy of this school."]
        if self.analysed_on and self.analysed_on > dates.today():
            errors["analysed_on"] = [FUTURE_DATE]
        if self.signed_off_on and self.analysed_on and self.signed_off_on < self.analysed_on:
            errors["signed_off_on"] = [SIGN_OFF_BEFORE_ANALYSIS]
        if self.signed_off_by_id and self.school_id:
            is_leader = self.signed_off_by.memberships.filter(
                school_id=self.school_id, role=Role.LEADERSHIP
            ).exists()
            if not is_leader:
                errors["signed_off_by"] = [SIGN_OFF_BY_LEADERSHIP]
        if errors:
            raise ValidationError(errors)


class CharacteristicImpact(models.Model):
    """The impact of what was analysed on people with one protected characteristic."""

    analysis = models.ForeignKey(EqualityAnalysis, on_delete=models.CASCADE, related_name="impacts")
    characteristic = models.CharField(max_length=40, choices=Characteristic.choices)
    impact = models.CharField(max_length=20, choices=Impact.choices)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["analysis", "characteristic"]
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "characteristic"],
                name="duties_impact_one_per_characteristic",
                violation_error_message="Each characteristic is assessed once per analysis.",
            ),
            models.CheckConstraint(
                condition=models.Q(characteristic__in=Characteristic.values),
                name="duties_impact_characteristic_known",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__in=Impact.values), name="duties_impact_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_characteristic_display()}: {self.get_impact_display()}"

    def clean(self):
        if self.characteristic in STAFF_ONLY_CHARACTERISTICS and not self.analysis.affects_staff:
            label = Characteristic(self.characteristic).label
            raise ValidationError(
                {"characteristic": STAFF_ONLY_IMPACT.format(characteristic=label)}
            )
        if self.impact == Impact.NEGATIVE and not self.note.strip():
            raise ValidationError({"note": NEGATIVE_IMPACT_NEEDS_NOTE})


# --- Monitoring data: population profiles ------------------------------------------------------

CENSUS_DATE_FUTURE = "The census date cannot be in the future."
PROFILE_EXISTS = "There is already a profile of this population (and group) at this census date."
FIGURE_EXISTS = "This category is already recorded for this census."
CATEGORY_NEEDS_NAME = "Choose a category, or name the school's own."
BOTH_ETHNICITY_LEVELS = (
    "Record ethnicity by minor category or by major category, not both: the major totals "
    "come from the minor categories."
)
PERCENTAGES_OVER_100 = "The percentages of {type} would add up to {total}%, over 100%."
PERCENT_OVER_100 = "{percent}% is over 100%: a percentage is at most 100."
COUNT_OVER_HEADCOUNT = "The count, {count}, is more than the headcount of {headcount}."
HEADCOUNT_UNDER_COUNT = (
    "The headcount, {headcount}, is less than the count of {category} ({count}): give the "
    "headcount of the whole population the profile describes."
)
CATEGORY_IS_FORMULA = (
    "{value!r} looks like a spreadsheet formula, not a category name. Type the name itself."
)
# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS) and not value.lstrip("+-").replace(".", "").isdigit()


class PopulationProfileQuerySet(SchoolScopedQuerySet):
    def for_year(self, year: YearOrPeriod):
        return self.filter(census_date__range=(year.start, year.end))

    def for_statement(self, year: YearOrPeriod):
        """Profiles with a census in the year, and those chosen for its statement (a census
        dated before the year, such as the January census in a statement of the autumn)."""
        return self.filter(
            models.Q(census_date__range=(year.start, year.end))
            | models.Q(reported_for_year__in=academic_year_starts(year))
        )


class PopulationProfile(SchoolRecord):
    """The make-up of one population (pupils, staff or governors, or a group of them such as a
    year group or the pupils eligible for pupil premium) at one census date, with its headcount
    when the school gives it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="duty_profiles")
    population = models.CharField(max_length=20, choices=Population.choices)
    cohort = models.CharField(
        "group",
        max_length=200,
        blank=True,
        help_text=(
            "Leave empty for the whole population. Or name a group of it, for example Year 6, "
            "or pupils eligible for pupil premium (to count them by sex)."
        ),
    )
    census_date = DayField(help_text="The date the figures describe.")
    as_at = models.CharField(
        "date as published",
        max_length=60,
        blank=True,
        help_text="Optional: the date in the school's words, for example September 2023.",
    )
    headcount = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=(
            "How many people the profile describes, for example the pupils on roll. "
            "Percentages are worked out of it."
        ),
    )
    headcount_label = models.CharField(
        "what the headcount counts",
        max_length=200,
        blank=True,
        help_text="Optional, in the school's words: Number of Pupils on Roll (Including Nursery).",
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="For example the January school census."
    )
    notes = models.TextField(blank=True)
    notes_public = models.BooleanField(
        "publish these notes",
        default=False,
        help_text="Notes are private unless this is ticked; ticked, they appear with the figures.",
    )
    reported_for_year = models.PositiveSmallIntegerField(
        "also report it in the statement for",
        null=True,
        blank=True,
        validators=ACADEMIC_YEAR_VALIDATORS,
        help_text=(
            "A census dated before a statement's year can be used for it, for example the "
            "January census in a statement published in the autumn."
        ),
    )

    objects = PopulationProfileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-census_date", "population", "cohort"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "population", "cohort", "census_date"],
                name="duties_profile_one_per_population_group_and_date",
                violation_error_message=PROFILE_EXISTS,
            ),
            models.CheckConstraint(
                condition=models.Q(population__in=Population.values),
                name="duties_profile_population_known",
            ),
        ]

    def __str__(self):
        who = self.get_population_display()
        if self.cohort:
            who = f"{who}: {self.cohort}"
        return f"{who} at {long_date(self.census_date)}"

    def get_absolute_url(self):
        return reverse("duties:profile_detail", args=[self.school.slug, self.pk])

    @property
    def year(self) -> AcademicYear:
        return AcademicYear.containing(self.census_date)

    @property
    def title(self) -> str:
        """Who the profile describes, in the school's words where it gave them."""
        return self.cohort or self.get_population_display()

    def clean(self):
        self.cohort = (self.cohort or "").strip()
        if self.census_date and self.census_date > dates.today():
            raise ValidationError({"census_date": CENSUS_DATE_FUTURE})
        same = PopulationProfile.objects.filter(
            school_id=self.school_id,
            population=self.population,
            cohort__iexact=self.cohort,
            census_date=self.census_date,
        )
        if self.school_id and same.exclude(pk=self.pk).exists():
            raise ValidationError({"census_date": PROFILE_EXISTS})
        if self.pk and self.headcount is not None:
            largest = self.figures.filter(count__gt=self.headcount).order_by("-count").first()
            if largest is not None:
                raise ValidationError(
                    {
                        "headcount": HEADCOUNT_UNDER_COUNT.format(
                            headcount=self.headcount, category=largest.label, count=largest.count
                        )
                    }
                )


class ProfileFigure(models.Model):
    """One category of a profile as the school publishes it: its count, its percentage, or
    both; or neither, for a category the school lists without a figure ("Undeclared"). With
    optional local-authority and national comparator percentages."""

    profile = models.ForeignKey(PopulationProfile, on_delete=models.CASCADE, related_name="figures")
    category_type = models.CharField(max_length=20, choices=CategoryType.choices)
    category = models.TextField(
        help_text="A category code, or the school's own name for the category, of any length."
    )
    count = models.PositiveIntegerField(null=True, blank=True)
    percent = models.DecimalField(
        "published percentage",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    comparator_la_percent = models.DecimalField(
        "local authority %",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    comparator_national_percent = models.DecimalField(
        "national %",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "category_type", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "category_type", "category"],
                name="duties_figure_one_per_category",
                violation_error_message=FIGURE_EXISTS,
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": 0, f"{field}__lte": 100})
                    | models.Q(**{f"{field}__isnull": True}),
                    name=f"duties_figure_{field}_0_to_100",
                )
                for field in ("percent", "comparator_la_percent", "comparator_national_percent")
            ],
        ]

    def __str__(self):
        return f"{self.get_category_type_display()}: {self.label}"

    @property
    def label(self) -> str:
        return category_label(self.category_type, self.category)

    @property
    def major_category(self) -> str | None:
        entry = ETHNICITY_MINOR.get(self.category)
        return entry.major if self.category_type == CategoryType.ETHNICITY and entry else None

    @property
    def has_figure(self) -> bool:
        return self.count is not None or self.percent is not None

    def clean(self):
        self.clean_alone()
        if self.profile_id:
            self.clean_against_siblings(FigureSiblings(self.profile.figures.exclude(pk=self.pk)))

    def clean_alone(self) -> None:
        """The rules this figure keeps on its own and against its profile's headcount."""
        self.category = (self.category or "").strip()
        headcount = self.profile.headcount if self.profile_id else None
        check_figure_alone(self.category, self.count, self.percent, headcount)

    def clean_against_siblings(self, siblings: "FigureSiblings") -> None:
        """The rules between this figure and the profile's other figures, given as a summary
        in memory (so a bulk import checks each row of a long file in constant time)."""
        siblings.check(self.category_type, self.category, self.percent)


def check_figure_alone(
    category: str, count: int | None, percent: Decimal | None, headcount: int | None
) -> None:
    """A figure's own rules and its count against its profile's headcount: for a form's figure
    and for each row of an import, which checks its rows without making model instances."""
    if not category:
        raise ValidationError({"category": CATEGORY_NEEDS_NAME})
    if looks_like_formula(category):
        raise ValidationError({"category": CATEGORY_IS_FORMULA.format(value=category)})
    if percent is not None and percent > 100:
        raise ValidationError({"percent": PERCENT_OVER_100.format(percent=percent)})
    if count is not None and headcount is not None and count > headcount:
        raise ValidationError(
            {"count": COUNT_OVER_HEADCOUNT.format(count=count, headcount=headcount)}
        )


OTHER_ETHNICITY_LEVEL = {
    CategoryType.ETHNICITY.value: CategoryType.ETHNICITY_MAJOR.value,
    CategoryType.ETHNICITY_MAJOR.value: CategoryType.ETHNICITY.value,
}


class FigureSiblings:
    """What the rules between a profile's figures need to know of the figures already there."""

    def __init__(self, figures: Iterable[ProfileFigure] = ()):
        self.categories: set[tuple[str, str]] = set()
        self.types: set[str] = set()
        self.percent_totals: dict[str, Decimal] = {}
        for figure in figures:
            self.add(figure.category_type, figure.category, figure.percent)

    def add(self, category_type: str, category: str, percent: Decimal | None) -> None:
        self.categories.add((category_type, category.lower()))
        self.types.add(category_type)
        if percent is not None:
            total = self.percent_totals.get(category_type, Decimal(0))
            self.percent_totals[category_type] = total + percent

    def take(self, category_type: str, category: str, percent: Decimal | None) -> None:
        """Check a new figure against these, then count it among them."""
        self.check(category_type, category, percent)
        self.add(category_type, category, percent)

    def check(self, category_type: str, category: str, percent: Decimal | None) -> None:
        """The rules between a new figure and these: one figure per category, one level of
        ethnicity, and a partition's percentages adding up to at most 100."""
        if (category_type, category.lower()) in self.categories:
            raise ValidationError({"category": FIGURE_EXISTS})
        other_level = OTHER_ETHNICITY_LEVEL.get(category_type)
        if other_level and other_level in self.types:
            raise ValidationError({"category": BOTH_ETHNICITY_LEVELS})
        if percent is not None and is_partition(category_type):
            total = percent + self.percent_totals.get(category_type, Decimal(0))
            # Published percentages are rounded, so allow their sum a little over 100.
            if total > Decimal("100.5"):
                type_label = CategoryType(category_type).label
                raise ValidationError(
                    {"percent": PERCENTAGES_OVER_100.format(type=type_label.lower(), total=total)}
                )


# --- Monitoring data: outcome measures ---------------------------------------------------------


class Measure(models.TextChoices):
    ATTAINMENT = "attainment", "Attainment"
    PROGRESS = "progress", "Progress"
    ATTENDANCE = "attendance", "Attendance"
    EXCLUSIONS = "exclusions", "Exclusions and suspensions"
    TRIPS = "trips", "Participation in trips"
    CLUBS = "clubs", "Participation in clubs and activities"
    REWARDS = "rewards", "Rewards"
    SANCTIONS = "sanctions", "Sanctions"


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    SCORE = "score", "Score (for example Attainment 8 or Progress 8)"
    RATE = "rate", "Rate per pupil"
    COUNT = "count", "Number"


OUTCOME_PERCENT_RANGE = "A percentage must be between 0 and 100."
OUTCOME_NEGATIVE = "A {unit} cannot be negative."
OUTCOME_COMPARISON_UNNAMED = "Name the comparison group, or leave its value empty."
OUTCOME_COMPARISON_VALUE_NEEDED = "Give the comparison group's value, or leave its name empty."


class OutcomeMeasureQuerySet(SchoolScopedQuerySet):
    def for_year(self, year: YearOrPeriod):
        """Outcomes of the academic year, or of every academic year a period overlaps."""
        return self.filter(academic_year__in=academic_year_starts(year))


class OutcomeMeasure(SchoolRecord):
    """One outcome for a group of pupils, against a comparison group when the school gives one,
    over a period."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="duty_outcomes")
    academic_year = models.PositiveSmallIntegerField(validators=ACADEMIC_YEAR_VALIDATORS)
    term = models.CharField(
        max_length=10, choices=Term.choices, blank=True, help_text="Leave empty for the year."
    )
    measure = models.CharField(max_length=20, choices=Measure.choices)
    description = models.CharField(
        max_length=200, help_text="For example: grade 4 or above in English and maths."
    )
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    group = models.CharField(max_length=120, help_text="For example: disadvantaged pupils.")
    group_size = models.PositiveIntegerField(
        "number in the group", null=True, blank=True, help_text="How many people the value covers."
    )
    group_value = models.DecimalField("value for the group", max_digits=8, decimal_places=2)
    comparison_group = models.CharField(
        max_length=120,
        blank=True,
        help_text="For example: other pupils nationally. Leave empty for one group alone.",
    )
    comparison_size = models.PositiveIntegerField(
        "number in the comparison group", null=True, blank=True
    )
    comparison_value = models.DecimalField(
        "value for the comparison group", max_digits=8, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="For example: DfE performance tables."
    )

    objects = OutcomeMeasureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-academic_year", "measure", "description", "group", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(unit="percent")
                | (
                    models.Q(group_value__gte=0, group_value__lte=100)
                    & (
                        models.Q(comparison_value__isnull=True)
                        | models.Q(comparison_value__gte=0, comparison_value__lte=100)
                    )
                ),
                name="duties_outcome_percent_0_to_100",
                violation_error_message=OUTCOME_PERCENT_RANGE,
            ),
            models.CheckConstraint(
                condition=models.Q(academic_year__gte=FIRST_ACADEMIC_YEAR),
                name="duties_outcome_academic_year_from_2010",
            ),
        ]

    def __str__(self):
        if not self.comparison_group:
            return f"{self.description}: {self.group}"
        return f"{self.description}: {self.group} against {self.comparison_group}"

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.academic_year)

    @property
    def period(self) -> str:
        if self.term:
            return f"{self.get_term_display()} term {self.year}"
        return str(self.year)

    @property
    def difference(self) -> Decimal | None:
        """The gap to the comparison group; None for a measure of one group."""
        if self.comparison_value is None:
            return None
        return self.group_value - self.comparison_value

    def clean(self):
        errors = {}
        for field in ("group_value", "comparison_value"):
            value = getattr(self, field)
            if value is None:
                continue
            if self.unit == Unit.PERCENT and not 0 <= value <= 100:
                errors[field] = [OUTCOME_PERCENT_RANGE]
            elif self.unit in (Unit.RATE, Unit.COUNT) and value < 0:
                errors[field] = [OUTCOME_NEGATIVE.format(unit=self.get_unit_display().lower())]
        if self.comparison_value is not None and not self.comparison_group.strip():
            errors["comparison_group"] = [OUTCOME_COMPARISON_UNNAMED]
        if self.comparison_group.strip() and self.comparison_value is None:
            errors["comparison_value"] = [OUTCOME_COMPARISON_VALUE_NEEDED]
        if errors:
            raise ValidationError(errors)
