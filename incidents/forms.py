"""Forms for recording, correcting and following up incidents. Short on purpose: a record
should take under a minute on a phone, one screen of tap-chips, and works without JavaScript."""

from django import forms
from django.utils import timezone

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear, academic_year_choices
from equality_portal.core.widgets import DateInput
from equality_portal.schools.models import School

from .models import (
    BEHAVIOUR_REQUIRED,
    ETHNICITY_CODES,
    INTERNAL_REFERENCE_FORMAT,
    MOTIVATION_REQUIRED,
    REFERENCE_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    Behaviour,
    FollowUpAction,
    Incident,
    Location,
    Motivation,
    PersonKind,
    PersonRole,
    RaisedBy,
    Referral,
    Sex,
    Status,
    internal_reference_validator,
    validate_plain_text,
)
from .names import names_in
from .selectors import ListFilter
from .services import INCIDENT_CORRECTABLE_FIELDS

# Blank person forms beyond those already filled: add another person without JavaScript by
# opening a blank one ("Add a person"); blanks left empty are ignored. With JavaScript the page
# adds more, one at a time, up to MAX_PEOPLE.
BLANK_PEOPLE_FORMS = 2
# The most people one incident's form takes, and the most person forms a post can make the
# server build: a larger count is refused before any is built.
MAX_PEOPLE = 20
TOO_MANY_PEOPLE = (
    f"One record takes at most {MAX_PEOPLE} people. Record the people most involved, and say "
    "in the account how many more there were."
)
ROLE_REQUIRED = "Choose the person's role: target, perpetrator or witness."
KIND_REQUIRED = "Choose whether the person is a pupil, staff, a visitor or someone else."
YEAR_GROUP_NOT_AT_SCHOOL = "Choose one of the year groups {school} teaches."
YEAR_GROUP_NOT_FOR_ADULTS = "Leave the year group empty for anyone who is not a pupil."
REFERENCE_BLANK = "Leave the reference empty, or enter the number without surrounding spaces."


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


NAME_WARNING = (
    "This may contain a person's name: {names}. Records never name anyone: describe people by "
    "their role (“the target”, “pupil A”). Change it, or tick “Save anyway” if it is not a name."
)


class NameWarningMixin(forms.Form):
    """Warns before saving when free text looks like it names someone, keeping everything typed;
    the person recording can change the text or tick ``save_anyway`` and send it again."""

    name_checked_fields: tuple[str, ...] = ()

    save_anyway = forms.BooleanField(
        label="Save anyway: these words are not people's names",
        required=False,
    )

    def __init__(self, *args, known_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The school's member names, or a callable returning them (read only when needed).
        self.known_names = known_names
        self.name_warning = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("save_anyway"):
            return cleaned
        known = None
        for name in self.name_checked_fields:
            text = cleaned.get(name)
            if not text:
                continue
            if known is None:
                known = list(self.known_names() if callable(self.known_names) else self.known_names)
            found = names_in(text, known)
            if found:
                self.name_warning = True
                names = ", ".join(f"“{each}”" for each in found)
                self.add_error(name, NAME_WARNING.format(names=names))
        return cleaned

    @property
    def show_save_anyway(self) -> bool:
        return self.name_warning or bool(self.is_bound and self.data.get("save_anyway"))


class IncidentForm(NameWarningMixin, forms.ModelForm):
    """What happened: the incident's own fields. The people involved are a formset beside it."""

    name_checked_fields: tuple[str, ...] = (
        "description",
        "derogatory_language",
        "immediate_action",
    )

    behaviours = forms.MultipleChoiceField(
        label="Type of behaviour",
        choices=Behaviour.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": BEHAVIOUR_REQUIRED},
        help_text="Tick all that apply.",
    )
    motivations = forms.MultipleChoiceField(
        label="Perceived motivation",
        choices=Motivation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": MOTIVATION_REQUIRED},
        help_text=(
            "As the target or anyone else sees it: if anyone perceives it as prejudice, record "
            "it. Tick all that apply."
        ),
    )

    class Meta:
        model = Incident
        fields = INCIDENT_CORRECTABLE_FIELDS
        widgets = {
            "occurred_on": DateInput(),
            "occurred_time": TimeInput(),
            "location": forms.RadioSelect,
            "raised_by": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "derogatory_language": forms.Textarea(attrs={"rows": 2}),
            "immediate_action": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "occurred_on": {"required": "Enter the date it happened."},
            "occurred_time": {"required": "Enter the time it happened, roughly if need be."},
            "location": {"required": "Choose where it happened."},
            "raised_by": {"required": "Choose who raised it."},
            "description": {"required": "Describe what happened."},
        }
        labels = {"occurred_on": "Date", "occurred_time": "Time", "location": "Where"}
        help_texts = {
            "description": "Describe what happened without names: say “the target”, “pupil A”.",
            "derogatory_language": "The words used, exactly, if any.",
            "immediate_action": "What you did at the time, if anything.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            now = timezone.localtime(dates.now())
            self.initial.setdefault("occurred_on", now.date())
            self.initial.setdefault("occurred_time", now.time().replace(second=0, microsecond=0))
        self.fields["raised_by"].choices = RaisedBy.choices
        self.fields["location"].choices = Location.choices
        # A chip holds its label only: the example goes into the label.
        self.fields["untargeted"].label = "No one was targeted (graffiti, words overheard)"
        self.fields["untargeted"].help_text = ""


class CorrectionForm(IncidentForm):
    """The incident form plus the reason for the correction, which its history keeps."""

    name_checked_fields = (*IncidentForm.name_checked_fields, "reason")

    reason = forms.CharField(
        label="What are you correcting, and why?",
        max_length=100,
        validators=[validate_plain_text],
        help_text="Kept in the incident's history with your name. Up to 100 characters.",
    )


class PersonForm(forms.Form):
    """One person involved, by role and description. There is deliberately no name field."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=PersonRole.choices, required=False, widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label="Pupil, staff or other",
        choices=PersonKind.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    year_group = forms.ChoiceField(required=False, label="Year group (pupils)")
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.NOT_KNOWN, widget=forms.RadioSelect)
    ethnicity_code = forms.ChoiceField(
        label="Ethnicity code (optional)",
        choices=[("", "Not given"), *ETHNICITY_CODES],
        required=False,
    )
    internal_reference = forms.CharField(
        label="Internal reference (optional)",
        max_length=REFERENCE_MAX_LENGTH,
        required=False,
        strip=False,
        validators=[internal_reference_validator],
        help_text="The number from the school's information system, e.g. SIMS-10482. Never a name.",
        error_messages={"invalid": INTERNAL_REFERENCE_FORMAT},
    )

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        field = self.fields["year_group"]
        field.choices = [("", "Not a pupil, or not known"), *school.year_groups()]
        field.error_messages["invalid_choice"] = YEAR_GROUP_NOT_AT_SCHOOL.format(school=school)

    def clean_internal_reference(self):
        value = self.cleaned_data["internal_reference"]
        if value and value.strip() != value:
            raise forms.ValidationError(REFERENCE_BLANK)
        return value

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        if not cleaned.get("role"):
            self.add_error("role", ROLE_REQUIRED)
        if not cleaned.get("kind"):
            self.add_error("kind", KIND_REQUIRED)
        elif cleaned["kind"] != PersonKind.PUPIL and cleaned.get("year_group"):
            self.add_error("year_group", YEAR_GROUP_NOT_FOR_ADULTS)
        return cleaned


class BasePersonFormSet(forms.BaseFormSet):
    """The people involved. The first forms (a target ready on a new record, the people already
    recorded on a correction) are always read; the blank ones only when filled in."""

    default_error_messages = {"too_many_forms": TOO_MANY_PEOPLE}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this person (the history keeps the record)"

    @property
    def too_many(self) -> bool:
        """Whether the post claims more forms than the page can hold (refused unbuilt)."""
        if not self.is_bound:
            return False
        management = self.management_form
        return management.is_valid() and management.cleaned_data["TOTAL_FORMS"] > self.absolute_max

    def total_form_count(self):
        # Django would build absolute_max forms first; an oversized post builds none.
        if self.too_many:
            return 0
        return super().total_form_count()

    def is_filled(self, index: int, form) -> bool:
        return index < self.initial_form_count() or (
            form.is_bound and (form.has_changed() or bool(form.errors))
        )

    def shown_and_spare(self) -> tuple[list, list]:
        """The people to show, and the blank forms kept behind "Add a person"."""
        shown, spare = [], []
        for index, form in enumerate(self.forms):
            (shown if self.is_filled(index, form) else spare).append(form)
        return shown, spare

    def people(self) -> list[dict]:
        """The filled-in people, as the services take them; blank forms are left out."""
        people = []
        for index, form in enumerate(self.forms):
            if not self.is_filled(index, form):
                continue
            values = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            values["delete"] = self.can_delete and form.cleaned_data.get("DELETE", False)
            values["form_index"] = form.prefix
            values["untouched"] = not form.has_changed()
            people.append(values)
        return people


def person_formset(*, extra: int, can_delete: bool = False):
    """A formset of people, bounded: validate_max refuses more than MAX_PEOPLE, and
    absolute_max stops an oversized TOTAL_FORMS from building forms at all."""
    return forms.formset_factory(
        PersonForm,
        formset=BasePersonFormSet,
        extra=extra,
        max_num=MAX_PEOPLE,
        absolute_max=MAX_PEOPLE,
        validate_max=True,
        can_delete=can_delete,
    )


PersonFormSet = person_formset(extra=BLANK_PEOPLE_FORMS)
PersonCorrectionFormSet = person_formset(extra=BLANK_PEOPLE_FORMS, can_delete=True)


class FollowUpForm(NameWarningMixin, forms.ModelForm):
    """The follow-up, and a referral decision with its reason (optional each time)."""

    name_checked_fields = ("outcome", "rationale")

    decision = forms.ChoiceField(
        label="Referral decision (if one was made)",
        choices=Referral.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(
        label="Why",
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "The reason for the decision, including a decision not to refer. Kept with your "
            "name and the date. No names."
        ),
    )
    decided_on = forms.DateField(label="Date decided", required=False, widget=DateInput())

    class Meta:
        model = Incident
        fields = ["status", "follow_up_due", "outcome"]
        widgets = {
            "status": forms.RadioSelect,
            "follow_up_due": DateInput(),
            "outcome": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "follow_up_due": "When to check again. Open incidents past this date are overdue.",
            "outcome": "What was resolved. Needed to close the incident.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Status.choices
        self.initial.setdefault("decided_on", dates.today())


class FollowUpActionForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["kind", "taken_on", "notes"]
        widgets = {"taken_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "taken_on": "For parents or carers informed, the date they were told.",
            "notes": "Optional. No names.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("taken_on", dates.today())


DATES_THE_WRONG_WAY_ROUND = "The “to” date is before the “from” date: swap them round."


class ListFilterForm(forms.Form):
    """The managers' list filters and search; every one optional, and combined."""

    search = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        validators=[validate_plain_text],
        help_text="Words in the account, language, action or outcome; or a reference.",
    )
    date_from = forms.DateField(label="From", required=False, widget=DateInput())
    date_to = forms.DateField(label="To", required=False, widget=DateInput())
    motivation = forms.ChoiceField(
        label="Perceived motivation", required=False, choices=[("", "Any"), *Motivation.choices]
    )
    behaviour = forms.ChoiceField(
        label="Type of behaviour", required=False, choices=[("", "Any"), *Behaviour.choices]
    )
    location = forms.ChoiceField(
        label="Where", required=False, choices=[("", "Anywhere"), *Location.choices]
    )
    year_group = forms.ChoiceField(label="Year group", required=False)
    status = forms.ChoiceField(choices=ListFilter.CHOICES, required=False)
    recorded_by = forms.TypedChoiceField(
        label="Recorded by", coerce=int, required=False, empty_value=None
    )
    year = forms.TypedChoiceField(
        label="Academic year", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, school: School, recorders: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years"), *academic_year_choices(forward=0)]
        self.fields["year_group"].choices = [("", "Any"), *school.year_groups()]
        self.fields["recorded_by"].choices = [("", "Anyone"), *recorders]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", DATES_THE_WRONG_WAY_ROUND)
        return cleaned

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def filters(self) -> dict:
        """The selector's keyword arguments; none while any filter is in error."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        year = data.get("year")
        return {
            "status": data.get("status") or ListFilter.ALL,
            "academic_year": AcademicYear(year) if year else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "motivation": data.get("motivation") or "",
            "behaviour": data.get("behaviour") or "",
            "location": data.get("location") or "",
            "year_group": data.get("year_group") or "",
            "recorded_by": data.get("recorded_by"),
            "search": data.get("search") or "",
        }
