"""Prejudice-related incidents, the people involved (by role, never by name), the equality
lead's follow-up actions, and the log of retention purges.

Categories follow the fields local-authority forms share (shared/DOMAIN.md), kept short so the
data stays useful and a record takes under two minutes.
"""

import datetime
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import long_date
from equality_portal.core.equality import ChoiceListValidator
from equality_portal.core.fields import DayField
from equality_portal.schools.models import School, SchoolScopedQuerySet

# --- Vocabulary ------------------------------------------------------------------------------


class Motivation(models.TextChoices):
    """Perceived motivation: as seen by the target or by anyone else (the perception test)."""

    RACE = "race", "Race (racist)"
    RELIGION = "religion_belief", "Religion or belief"
    DISABILITY = "disability_sen", "Disability or SEN"
    SEX = "sex", "Sex (sexist)"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation (homophobic, biphobic)"
    GENDER_IDENTITY = "gender_identity", "Gender identity (transphobic)"
    PREGNANCY = "pregnancy", "Pregnancy or maternity"
    APPEARANCE = "appearance", "Appearance"
    HOME_CIRCUMSTANCES = "home_circumstances", "Home circumstances"


class Behaviour(models.TextChoices):
    VERBAL = "verbal", "Verbal"
    PHYSICAL = "physical", "Physical"
    ONLINE = "online", "Cyber or online"
    GRAFFITI = "graffiti_damage", "Graffiti or damage to property"
    MATERIALS = "offensive_materials", "Offensive materials"
    EXCLUSION = "exclusion", "Indirect or social exclusion"
    SEXUAL_HARASSMENT = "sexual_harassment", "Sexual harassment"
    JOKES = "jokes", "Jokes"
    OTHER = "other", "Other"


class Location(models.TextChoices):
    CLASSROOM = "classroom", "Classroom"
    CORRIDOR = "corridor", "Corridor"
    PLAYGROUND = "playground", "Playground or field"
    TOILETS = "toilets", "Toilets"
    CHANGING_ROOM = "changing_room", "Changing room"
    DINING_HALL = "dining_hall", "Dining hall"
    BUS_OR_TAXI = "bus_taxi", "Bus or taxi"
    JOURNEY = "journey", "Journey to or from school"
    ONLINE = "online", "Online or social media"
    OFF_SITE = "off_site", "Off site"
    OTHER = "other", "Other"


class RaisedBy(models.TextChoices):
    TARGET = "target", "The target"
    STAFF = "staff", "A member of staff"
    PUPIL = "pupil", "Another pupil"
    PARENT = "parent", "A parent or carer"
    OTHER = "other", "Someone else"


class PersonRole(models.TextChoices):
    TARGET = "target", "Target"
    PERPETRATOR = "perpetrator", "Perpetrator"
    WITNESS = "witness", "Witness"


class PersonKind(models.TextChoices):
    PUPIL = "pupil", "Pupil"
    STAFF = "staff", "Staff"
    VISITOR = "visitor", "Visitor"
    OTHER = "other", "Other"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


# The Department for Education's ethnicity codes from the school census (main categories, as
# schools' information systems export them).
ETHNICITY_CODES = [
    ("WBRI", "WBRI – White British"),
    ("WIRI", "WIRI – White Irish"),
    ("WIRT", "WIRT – Traveller of Irish heritage"),
    ("WROM", "WROM – Gypsy or Roma"),
    ("WOTH", "WOTH – Any other White background"),
    ("MWBC", "MWBC – White and Black Caribbean"),
    ("MWBA", "MWBA – White and Black African"),
    ("MWAS", "MWAS – White and Asian"),
    ("MOTH", "MOTH – Any other mixed background"),
    ("AIND", "AIND – Indian"),
    ("APKN", "APKN – Pakistani"),
    ("ABAN", "ABAN – Bangladeshi"),
    ("AOTH", "AOTH – Any other Asian background"),
    ("BCRB", "BCRB – Black Caribbean"),
    ("BAFR", "BAFR – Black African"),
    ("BOTH", "BOTH – Any other Black background"),
    ("CHNE", "CHNE – Chinese"),
    ("OOTH", "OOTH – Any other ethnic group"),
    ("REFU", "REFU – Refused"),
    ("NOBT", "NOBT – Information not yet obtained"),
]


class Referral(models.TextChoices):
    """Where a decision sent the incident on, or that it was not referred (KCSIE: the rationale
    of every decision, including one not to refer, is recorded)."""

    DSL = "dsl", "Referred to the designated safeguarding lead"
    LOCAL_AUTHORITY = "local_authority", "Referred to the local authority"
    POLICE = "police", "Referred to the police"
    NOT_REFERRED = "not_referred", "Not referred"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ActionKind(models.TextChoices):
    DISCUSSION_TARGET = "discussion_target", "Discussion with the target"
    DISCUSSION_PERPETRATOR = "discussion_perpetrator", "Discussion with the perpetrator"
    DISCUSSION_WITNESS = "discussion_witness", "Discussion with witnesses"
    PARENTS_INFORMED = "parents_informed", "Parents or carers informed"
    SANCTION = "sanction", "Sanction"
    SUPPORT = "support", "Support"
    RESTORATIVE = "restorative", "Restorative work"
    POLICE = "police", "Police informed"
    LOCAL_AUTHORITY = "local_authority", "Local authority informed"
    OTHER = "other", "Other"


# --- Free text -------------------------------------------------------------------------------

TEXT_MAX_LENGTH = 5000
SHORT_TEXT_MAX_LENGTH = 2000
REFERENCE_MAX_LENGTH = 30

# Printable text only: tabs and line breaks are fine, any other control character means a file
# or binary data was pasted in.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BINARY_TEXT = (
    "This looks like binary data rather than text. Type or paste plain text only, with no "
    "files or special control characters."
)


def validate_plain_text(value: str) -> None:
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(BINARY_TEXT, code="binary")


def text_validators(max_length: int) -> list:
    # TextField's max_length is only enforced by forms; the validator enforces it everywhere.
    return [MaxLengthValidator(max_length), validate_plain_text]


# A reference holds at least one digit and no spaces, so a name typed by mistake is refused.
INTERNAL_REFERENCE_FORMAT = (
    "Enter the number from the school's information system, such as SIMS-10482: letters, "
    "digits, dots, dashes and slashes, with at least one digit and no spaces. Never a name."
)
internal_reference_validator = RegexValidator(
    r"^(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9./_-]*$", INTERNAL_REFERENCE_FORMAT
)

# --- Incidents -------------------------------------------------------------------------------


# No 0/O or 1/I/L, so a code read aloud or copied by hand is not mistaken.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_receipt() -> str:
    """A random receipt code such as "R-7KMX-Q2PD": 31**8 possibilities, no order."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"R-{chars[:4]}-{chars[4:]}"


class IncidentQuerySet(SchoolScopedQuerySet):
    def in_academic_year(self, academic_year: AcademicYear):
        return self.filter(academic_year=academic_year.start_year)

    def recorded_by(self, user):
        return self.filter(recorded_by=user)

    def overdue(self, today: datetime.date):
        return self.filter(status=Status.OPEN, follow_up_due__lt=today)

    def released(self, today: datetime.date):
        """Incidents counted in what governors and the public see: those recorded before the
        current term began. Figures change only when a term closes, all of its records at
        once, so no one can watch a summary before and after one new record."""
        return self.filter(recorded_at__lt=release_cutoff(today))


def release_cutoff(today: datetime.date) -> datetime.datetime:
    """The moment the current term began: records made before it are released."""
    start = AcademicYear.containing(today).term_containing(today).start
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


MOTIVATION_REQUIRED = "Choose at least one perceived motivation."
BEHAVIOUR_REQUIRED = "Choose at least one type of behaviour."
IN_THE_FUTURE = "The incident cannot be in the future: enter the date and time it happened."
FOLLOW_UP_BEFORE_INCIDENT = "The follow-up date cannot be before the incident happened."
ACTION_BEFORE_INCIDENT = "This action cannot be dated before the incident happened."
ACTION_IN_THE_FUTURE = "Record an action once it has been taken: the date cannot be in the future."


class Incident(models.Model):
    """One prejudice-related incident at one school. Never deleted; corrected with a history."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="incidents")
    number = models.PositiveIntegerField(editable=False)
    # What staff and governors quote: random, so it reveals no count of incidents.
    receipt = models.CharField(max_length=11, unique=True, editable=False, default=new_receipt)
    occurred_on = DayField("date it happened")
    occurred_time = models.TimeField("time it happened")
    # The academic year (its start year) the incident happened in: for summaries and retention.
    academic_year = models.PositiveSmallIntegerField(editable=False)
    location = models.CharField(max_length=20, choices=Location.choices)
    raised_by = models.CharField("who raised it", max_length=20, choices=RaisedBy.choices)
    behaviours = models.JSONField(
        "type of behaviour",
        default=list,
        validators=[ChoiceListValidator(Behaviour.values, BEHAVIOUR_REQUIRED)],
        error_messages={"blank": BEHAVIOUR_REQUIRED},
    )
    motivations = models.JSONField(
        "perceived motivation",
        default=list,
        validators=[ChoiceListValidator(Motivation.values, MOTIVATION_REQUIRED)],
        error_messages={"blank": MOTIVATION_REQUIRED},
    )
    untargeted = models.BooleanField(
        "no one was targeted",
        default=False,
        help_text="For example graffiti, or language overheard with no one targeted.",
    )
    description = models.TextField(
        "what happened", validators=text_validators(TEXT_MAX_LENGTH), max_length=TEXT_MAX_LENGTH
    )
    derogatory_language = models.TextField(
        "derogatory language used",
        blank=True,
        validators=text_validators(SHORT_TEXT_MAX_LENGTH),
        max_length=SHORT_TEXT_MAX_LENGTH,
    )
    immediate_action = models.TextField(
        "immediate action taken",
        blank=True,
        validators=text_validators(TEXT_MAX_LENGTH),
        max_length=TEXT_MAX_LENGTH,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incidents_recorded"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The equality lead's follow-up.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    follow_up_due = DayField("follow-up date", null=True, blank=True)
    outcome = models.TextField(
        blank=True, validators=text_validators(TEXT_MAX_LENGTH), max_length=TEXT_MAX_LENGTH
    )
    # Set when the retention period passed and the free text was removed.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = IncidentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-occurred_time", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "number"], name="incident_number_unique_per_school"
            ),
            models.CheckConstraint(
                condition=models.Q(follow_up_due__isnull=True)
                | models.Q(follow_up_due__gte=models.F("occurred_on")),
                name="incident_follow_up_not_before_incident",
                violation_error_message=FOLLOW_UP_BEFORE_INCIDENT,
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="incident_status_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(location__in=Location.values),
                name="incident_location_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(raised_by__in=RaisedBy.values),
                name="incident_raised_by_is_known",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("incidents:detail", kwargs={"school_slug": self.school.slug, "pk": self.pk})

    @property
    def reference(self) -> str:
        """The receipt code everyone may quote: random, so it counts nothing."""
        return self.receipt

    @property
    def sequence_reference(self) -> str:
        """The school's running number, for its equality leads only: it counts incidents."""
        return f"INC-{self.number:05d}" if self.number else "INC-(new)"

    @property
    def occurred(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.occurred_on, self.occurred_time))

    @property
    def term(self):
        return AcademicYear(self.academic_year).term_containing(self.occurred_on)

    def is_overdue(self, today: datetime.date) -> bool:
        return (
            self.status == Status.OPEN
            and self.follow_up_due is not None
            and self.follow_up_due < today
        )

    def get_motivations_display(self) -> list[str]:
        return [Motivation(value).label for value in self.motivations]

    def get_behaviours_display(self) -> list[str]:
        return [Behaviour(value).label for value in self.behaviours]

    def clean(self):
        errors = {}
        if self.occurred_on:
            self.academic_year = AcademicYear.containing(self.occurred_on).start_year
            now = timezone.localtime(dates.now())
            if self.occurred_on > now.date():
                errors["occurred_on"] = IN_THE_FUTURE
            elif (
                self.occurred_on == now.date()
                and self.occurred_time
                and self.occurred_time > now.time()
            ):
                errors["occurred_time"] = IN_THE_FUTURE
            if self.follow_up_due and self.follow_up_due < self.occurred_on:
                errors["follow_up_due"] = FOLLOW_UP_BEFORE_INCIDENT
        if errors:
            raise ValidationError(errors)


# --- People involved -------------------------------------------------------------------------

YEAR_GROUP_NOT_TAUGHT = "{school} does not teach {year_group}. Choose one of its year groups."
YEAR_GROUP_ONLY_FOR_PUPILS = "Give a year group only for a pupil."


class IncidentPerson(models.Model):
    """Someone involved in an incident, by role and description: never by name.

    Each person keeps their own role, so linking several pupils to one incident never turns a
    perpetrator into a target.
    """

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(max_length=20, choices=PersonRole.choices)
    kind = models.CharField(max_length=20, choices=PersonKind.choices)
    year_group = models.CharField(max_length=3, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.NOT_KNOWN)
    ethnicity_code = models.CharField(
        "ethnicity code", max_length=4, blank=True, choices=ETHNICITY_CODES
    )
    internal_reference = models.CharField(
        max_length=REFERENCE_MAX_LENGTH,
        blank=True,
        validators=[internal_reference_validator],
        help_text="Optional: the number from the school's information system. Never a name.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "role", "pk"]
        verbose_name_plural = "people involved"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=PersonRole.values), name="incident_person_role_known"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=PersonKind.values), name="incident_person_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=PersonKind.PUPIL) | models.Q(year_group=""),
                name="incident_person_year_group_only_for_pupils",
                violation_error_message=YEAR_GROUP_ONLY_FOR_PUPILS,
            ),
        ]

    def __str__(self):
        parts = [self.get_role_display(), self.get_kind_display().lower()]
        if self.year_group:
            parts.append(self.year_group_label)
        return ", ".join(parts)

    @property
    def year_group_label(self) -> str:
        return dict(self.incident.school.year_groups()).get(self.year_group, self.year_group)

    def clean(self):
        if self.year_group and self.kind != PersonKind.PUPIL:
            raise ValidationError({"year_group": YEAR_GROUP_ONLY_FOR_PUPILS})
        if self.year_group and self.incident_id:
            school = self.incident.school
            if self.year_group not in dict(school.year_groups()):
                raise ValidationError(
                    {
                        "year_group": YEAR_GROUP_NOT_TAUGHT.format(
                            school=school, year_group=self.year_group
                        )
                    }
                )


# --- Follow-up -------------------------------------------------------------------------------


class FollowUpAction(models.Model):
    """One thing the school did after an incident: a discussion, a sanction, parents told."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField("action", max_length=30, choices=ActionKind.choices)
    taken_on = DayField("date taken")
    notes = models.TextField(
        blank=True,
        validators=text_validators(SHORT_TEXT_MAX_LENGTH),
        max_length=SHORT_TEXT_MAX_LENGTH,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["taken_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ActionKind.values), name="follow_up_action_kind_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {long_date(self.taken_on)}"

    def clean(self):
        if self.taken_on and self.incident_id:
            if self.taken_on < self.incident.occurred_on:
                raise ValidationError({"taken_on": ACTION_BEFORE_INCIDENT})
            if self.taken_on > dates.today():
                raise ValidationError({"taken_on": ACTION_IN_THE_FUTURE})


RATIONALE_REQUIRED = (
    "Say why: the reason for each decision is kept, including a decision not to refer."
)
DECISION_BEFORE_INCIDENT = "This decision cannot be dated before the incident happened."
DECISION_IN_THE_FUTURE = "Record a decision once it is made: the date cannot be in the future."


class ReferralDecision(models.Model):
    """A decision to refer the incident on (or not), who made it, when, and why."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(max_length=20, choices=Referral.choices)
    rationale = models.TextField(
        "why",
        validators=text_validators(SHORT_TEXT_MAX_LENGTH),
        max_length=SHORT_TEXT_MAX_LENGTH,
        error_messages={"blank": RATIONALE_REQUIRED, "required": RATIONALE_REQUIRED},
    )
    decided_on = DayField("date decided")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=Referral.values),
                name="referral_decision_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} on {long_date(self.decided_on)}"

    def clean(self):
        if self.decided_on and self.incident_id:
            if self.decided_on < self.incident.occurred_on:
                raise ValidationError({"decided_on": DECISION_BEFORE_INCIDENT})
            if self.decided_on > dates.today():
                raise ValidationError({"decided_on": DECISION_IN_THE_FUTURE})


# --- Retention -------------------------------------------------------------------------------


class PurgeLog(models.Model):
    """What one run of ``purge_incidents`` anonymised at one school, and when."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="incident_purges")
    run_at = models.DateTimeField(default=timezone.now)
    retention_years = models.PositiveSmallIntegerField()
    # Incidents from this academic year (its start year) and earlier were anonymised.
    up_to_academic_year = models.PositiveSmallIntegerField()
    incident_count = models.PositiveIntegerField()
    references = models.JSONField(default=list)

    class Meta:
        ordering = ["-run_at"]

    def __str__(self):
        return f"{self.school}: {self.incident_count} anonymised on {long_date(self.run_at)}"

    @property
    def up_to_label(self) -> str:
        return AcademicYear(self.up_to_academic_year).label
