"""Forms for recording, correcting and following up incidents. Short on purpose: a record
should take under two minutes on a phone, and works without JavaScript."""

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
    Behaviour,
    FollowUpAction,
    Incident,
    Motivation,
    PersonKind,
    PersonRole,
    RaisedBy,
    Sex,
    Status,
    internal_reference_validator,
    validate_plain_text,
)
from .selectors import ListFilter
from .services import INCIDENT_CORRECTABLE_FIELDS

# Blank person forms beyond those already filled: add another person without JavaScript by
# filling a blank one; blanks left empty are ignored.
BLANK_PEOPLE_FORMS = 3
ROLE_REQUIRED = "Choose the person's role: target, perpetrator or witness."
KIND_REQUIRED = "Choose whether the person is a pupil, staff, a visitor or someone else."
YEAR_GROUP_NOT_AT_SCHOOL = "Choose one of the year groups {school} teaches."
YEAR_GROUP_NOT_FOR_ADULTS = "Leave the year group empty for anyone who is not a pupil."
REFERENCE_BLANK = "Leave the reference empty, or enter the number without surrounding spaces."


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class IncidentForm(forms.ModelForm):
    """What happened: the incident's own fields. The people involved are a formset beside it."""

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
        help_texts = {
            "description": "Describe what happened without names: say “the target”, “pupil A”.",
            "derogatory_language": "The words used, exactly, if any.",
            "immediate_action": "What you did at the time, if anything.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            now = timezone.localtime()
            self.initial.setdefault("occurred_on", now.date())
            self.initial.setdefault("occurred_time", now.time().replace(second=0, microsecond=0))
        self.fields["raised_by"].choices = RaisedBy.choices
        self.fields["location"].choices = [
            ("", "Choose where"),
            *list(self.fields["location"].choices)[1:],
        ]


class CorrectionForm(IncidentForm):
    """The incident form plus the reason for the correction, which its history keeps."""

    reason = forms.CharField(
        label="What are you correcting, and why?",
        max_length=100,
        validators=[validate_plain_text],
        help_text="Kept in the incident's history with your name. Up to 100 characters.",
    )


class PersonForm(forms.Form):
    """One person involved, by role and description. There is deliberately no name field."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=[("", "Choose a role"), *PersonRole.choices], required=False)
    kind = forms.ChoiceField(
        label="Pupil, staff or other",
        choices=[("", "Choose"), *PersonKind.choices],
        required=False,
    )
    year_group = forms.ChoiceField(required=False, label="Year group (pupils)")
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.NOT_KNOWN)
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
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this person (the history keeps the record)"

    def people(self) -> list[dict]:
        """The filled-in people, as the services take them; blank forms are left out."""
        people = []
        for form in self.forms:
            if not form.has_changed() and not form.cleaned_data.get("pk"):
                continue
            values = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            values["delete"] = self.can_delete and form.cleaned_data.get("DELETE", False)
            values["form_index"] = form.prefix
            people.append(values)
        return people


PersonFormSet = forms.formset_factory(
    PersonForm, formset=BasePersonFormSet, extra=BLANK_PEOPLE_FORMS, max_num=30
)
PersonCorrectionFormSet = forms.formset_factory(
    PersonForm, formset=BasePersonFormSet, extra=2, max_num=30, can_delete=True
)


class FollowUpForm(forms.ModelForm):
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


class ListFilterForm(forms.Form):
    """The managers' list filters: by status and academic year."""

    status = forms.ChoiceField(choices=ListFilter.CHOICES, required=False)
    year = forms.TypedChoiceField(
        label="Academic year", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years"), *academic_year_choices(forward=0)]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        year = self.cleaned_data.get("year")
        return {
            "status": self.cleaned_data.get("status") or ListFilter.ALL,
            "academic_year": AcademicYear(year) if year else None,
        }
