"""Forms for actions, equality analyses, policies and monitoring data.

The model forms here only check what was typed (required, a number, a date); the service
validates the record once, in full, and the view shows its errors beside each field.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from equality_portal import dates
from equality_portal.core.academic_year import (
    AcademicYear,
    academic_year_choices,
    validate_day,
)
from equality_portal.core.equality import STAFF_ONLY_CHARACTERISTICS, Aim, Characteristic, Group
from equality_portal.core.widgets import DateInput
from equality_portal.schools.forms import https_by_default

from . import services
from .categories import CATEGORIES, CategoryType
from .models import (
    CATEGORY_NEEDS_NAME,
    NEGATIVE_IMPACT_NEEDS_NOTE,
    NO_AIM,
    STAFF_ONLY_IMPACT,
    Action,
    EqualityAnalysis,
    Impact,
    OutcomeMeasure,
    Policy,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
)

COUNT_ERRORS = {
    "min_value": "A count cannot be negative.",
    "invalid": "Enter the count as a whole number, such as 12.",
}
PERCENT_ERRORS = {
    "min_value": "A percentage cannot be negative.",
    "max_value": "%(show_value)s%% is over 100%%: a percentage is at most %(limit_value)s.",
    "invalid": "Enter a percentage as a number, such as 66 or 77.4.",
    "max_decimal_places": "Give a percentage to one decimal place at most.",
}
DATE_ERRORS = {"invalid": "Enter a real date, such as 16/01/2025."}
APPROXIMATE_COUNT = (
    "“{value}” is a range or an approximate number. Enter the exact count, such as 3: the "
    "portal itself shows small numbers as “fewer than” the school's threshold to governors "
    "and the public, and rounds the rest. If the school holds only a published percentage, "
    "leave the count empty and give the percentage."
)
APPROXIMATE = re.compile(
    r"^\s*(?:[<>≤≥~]|c\.|about|approx|fewer|less|under|over|\d+\s*(?:-|–|to)\s*\d+)", re.I
)


class CountField(forms.IntegerField):
    """A whole number of people; a range ("1-2") or an approximation ("<5") is refused with
    a message saying how to record a small or approximate number."""

    def to_python(self, value):
        if isinstance(value, str) and APPROXIMATE.match(value):
            raise ValidationError(APPROXIMATE_COUNT.format(value=value.strip()), code="approximate")
        return super().to_python(value)


def duties_formfield(model_field, **kwargs):
    """Model fields as form fields: dates get the date picker, web addresses default to https,
    and the validators declared on the model field (a percentage from 0 to 100) run in the
    form too, so every error shows on the first submission."""
    if isinstance(model_field, models.DateField):
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("error_messages", DATE_ERRORS)
    field = https_by_default(model_field, **kwargs)
    if field is not None:
        # _validators holds only those passed to the model field, not Django's own.
        field.validators = [*field.validators, *model_field._validators]
    return field


class ServiceValidatedModelForm(forms.ModelForm):
    """A model form that leaves the instance alone: the service validates and saves."""

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


# Statements are prepared for any academic year from 2011-12, so their evidence is too.
EARLIEST_EVIDENCE_YEAR = 2011


def _years_back_to_2011() -> list[tuple[int, str]]:
    return academic_year_choices(back=AcademicYear.current().start_year - EARLIEST_EVIDENCE_YEAR)


def academic_year_field(**kwargs) -> forms.TypedChoiceField:
    kwargs.setdefault("label", "Academic year")
    return forms.TypedChoiceField(coerce=int, choices=_years_back_to_2011, **kwargs)


def _checkboxes(label, choices, **kwargs):
    kwargs.setdefault("required", False)
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs
    )


class ActionForm(ServiceValidatedModelForm):
    academic_year = academic_year_field()
    aims = _checkboxes(
        "Aims it serves",
        Aim.choices,
        required=True,
        help_text="Choose every aim of the duty this action serves.",
        error_messages={"required": NO_AIM},
    )
    characteristics = _checkboxes("Protected characteristics it concerns", Characteristic.choices)
    groups = _checkboxes("Other groups it concerns", Group.choices)

    class Meta:
        model = Action
        fields = services.ACTION_FIELDS
        formfield_callback = duties_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "evidence_note": forms.Textarea(attrs={"rows": 3}),
        }


class ActionFilterForm(forms.Form):
    characteristic = forms.ChoiceField(
        label="Protected characteristic",
        choices=[("", "All characteristics"), *Characteristic.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class PolicyForm(ServiceValidatedModelForm):
    class Meta:
        model = Policy
        fields = services.POLICY_FIELDS
        formfield_callback = duties_formfield
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class PolicyReviewForm(ServiceValidatedModelForm):
    class Meta:
        model = PolicyReview
        fields = services.REVIEW_FIELDS
        formfield_callback = duties_formfield
        widgets = {
            "consulted": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["equality_analysis"].queryset = EqualityAnalysis.objects.for_school(school)
        self.fields["reviewed_on"].initial = dates.today()


IMPACT_CHOICES = [("", "Not relevant"), *Impact.choices]


class EqualityAnalysisForm(ServiceValidatedModelForm):
    """The analysis, then for each protected characteristic its impact and a note."""

    full_analysis_needed = forms.TypedChoiceField(
        label="Is a full analysis needed?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="Screening: could it affect people with a protected characteristic?",
    )

    class Meta:
        model = EqualityAnalysis
        fields = services.ANALYSIS_FIELDS
        formfield_callback = duties_formfield
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "screening_reason",
                "evidence_considered",
                "consulted",
                "mitigations",
                "outcome_justification",
            )
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = Policy.objects.for_school(school)
        if self.instance.pk:
            self.initial["full_analysis_needed"] = (
                "yes" if self.instance.full_analysis_needed else "no"
            )
            for row in self.instance.impacts.all():
                self.initial[f"impact_{row.characteristic}"] = row.impact
                self.initial[f"note_{row.characteristic}"] = row.note
        for value, label in Characteristic.choices:
            staff_only = value in STAFF_ONLY_CHARACTERISTICS
            self.fields[f"impact_{value}"] = forms.ChoiceField(
                label=f"{label}: impact",
                choices=IMPACT_CHOICES,
                required=False,
                help_text="Staff only: assessed when staff are affected." if staff_only else "",
            )
            self.fields[f"note_{value}"] = forms.CharField(
                label=f"{label}: note",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # The impacts come after the evidence and before what was changed because of them.
        fields = list(self.fields)
        after = fields.index("mitigations")
        impacts = [name for name in fields if name.startswith(("impact_", "note_"))]
        self.order_fields([name for name in fields[:after] if name not in impacts] + impacts)

    def clean(self):
        cleaned = super().clean()
        for value, label in Characteristic.choices:
            impact = cleaned.get(f"impact_{value}")
            if not impact:
                continue
            if value in STAFF_ONLY_CHARACTERISTICS and not cleaned.get("affects_staff"):
                self.add_error(f"impact_{value}", STAFF_ONLY_IMPACT.format(characteristic=label))
            if impact == Impact.NEGATIVE and not cleaned.get(f"note_{value}", "").strip():
                self.add_error(f"note_{value}", NEGATIVE_IMPACT_NEEDS_NOTE)
        return cleaned

    def impacts(self) -> services.Impacts:
        return {
            value: (
                (self.cleaned_data[f"impact_{value}"], self.cleaned_data[f"note_{value}"])
                if self.cleaned_data.get(f"impact_{value}")
                else None
            )
            for value in Characteristic.values
        }


class SignOffForm(forms.Form):
    signed_off_on = forms.DateField(
        label="Date of sign-off",
        widget=DateInput(),
        error_messages=DATE_ERRORS,
        validators=[validate_day],
    )

    def clean_signed_off_on(self):
        day = self.cleaned_data["signed_off_on"]
        if day > dates.today():
            raise forms.ValidationError("The date of sign-off cannot be in the future.")
        return day


def _statement_year_choices() -> list[tuple[int | str, str]]:
    return [("", "Only the statement of its own year"), *_years_back_to_2011()]


class PopulationProfileForm(ServiceValidatedModelForm):
    reported_for_year = forms.TypedChoiceField(
        label="Also report it in the statement for",
        coerce=int,
        choices=_statement_year_choices,
        required=False,
        empty_value=None,
        help_text=(
            "Optional. A census dated before a statement's year can be used for it, for "
            "example the January census in a statement published in the autumn."
        ),
    )

    class Meta:
        model = PopulationProfile
        fields = services.PROFILE_FIELDS
        formfield_callback = duties_formfield
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


def figure_category_choices() -> list:
    groups = [
        (
            CategoryType(kind).label,
            [(f"{kind}:{code}", label) for code, label in categories.items()],
        )
        for kind, categories in CATEGORIES.items()
    ]
    own_names = [
        (f"{kind}:", f"{CategoryType(kind).label}: the school's own category, named below")
        for kind in CategoryType
    ]
    return [("", "Choose a category"), *groups, ("The school's own names", own_names)]


class ProfileFigureForm(ServiceValidatedModelForm):
    category_choice = forms.ChoiceField(label="Category", choices=figure_category_choices)
    custom_group = forms.CharField(
        label="Name of the category or group",
        required=False,
        widget=forms.TextInput,
        help_text=(
            "For the school's own category, in its words and of any length: White Asian, "
            "Undeclared, Polish, young carers."
        ),
    )
    count = CountField(
        required=False,
        min_value=0,
        error_messages=COUNT_ERRORS,
        help_text="How many people are in the category.",
    )

    class Meta:
        model = ProfileFigure
        fields = ("count", "percent", "comparator_la_percent", "comparator_national_percent")
        formfield_callback = duties_formfield
        help_texts = {
            "percent": (
                "The percentage as the school publishes it, with or without the count. Leave "
                "both empty for a category listed without figures."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["category_choice", "custom_group"])
        for name in ("percent", "comparator_la_percent", "comparator_national_percent"):
            self.fields[name].error_messages.update(PERCENT_ERRORS)
        if self.instance.pk:
            kind, category = self.instance.category_type, self.instance.category
            if category in CATEGORIES.get(kind, {}):
                self.initial["category_choice"] = f"{kind}:{category}"
            else:
                self.initial.update(category_choice=f"{kind}:", custom_group=category)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("category_choice") or ""
        if choice.endswith(":") and not cleaned.get("custom_group", "").strip():
            self.add_error("custom_group", CATEGORY_NEEDS_NAME)
        return cleaned

    def service_fields(self) -> dict:
        fields = super().service_fields()
        kind, code = self.cleaned_data["category_choice"].split(":", 1)
        fields["category_type"] = kind
        fields["category"] = code or self.cleaned_data["custom_group"]
        return fields


class OutcomeMeasureForm(ServiceValidatedModelForm):
    academic_year = academic_year_field()

    class Meta:
        model = OutcomeMeasure
        fields = services.OUTCOME_FIELDS
        formfield_callback = duties_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("group_size", "comparison_size"):
            self.fields[name].error_messages.update(COUNT_ERRORS)


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Saved from a spreadsheet as “CSV UTF-8”, at most 8 MB.",
        error_messages={"required": "Choose a CSV file to import."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > services.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(services.FILE_TOO_LARGE)
        return upload
