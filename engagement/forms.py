"""The form for an engagement record."""

from django import forms

from duties.selectors import equality_analysis_list
from equality_portal.core.academic_year import AcademicYear, academic_year_choices
from equality_portal.core.widgets import DateInput
from objectives.selectors import objective_list_for_school

from .models import Audience, EngagementRecord, Method
from .services import RECORD_FIELDS


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.objective_set.title}: {obj.number}. {obj.title}"


class AnalysisChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.subject} ({obj.analysed_on:%B %Y})"


class EngagementRecordForm(forms.ModelForm):
    academic_year = forms.TypedChoiceField(
        coerce=int, help_text="The statement for this year will include it."
    )
    audiences = forms.MultipleChoiceField(
        label="Who was engaged",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    methods = forms.MultipleChoiceField(
        label="How",
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    objectives = ObjectiveChoiceField(
        label="Objectives it informed",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    analyses = AnalysisChoiceField(
        label="Equality analyses it informed",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = EngagementRecord
        fields = ("academic_year", *RECORD_FIELDS, "objectives", "analyses")
        widgets = {
            "held_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "learned": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "held_on": "For a one-off event. For something that recurs, choose how often below.",
            "recurrence": "For engagement that recurs during the year, instead of a date.",
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        choices = academic_year_choices()
        year = self.instance.academic_year
        if year and year not in dict(choices):
            choices = sorted([*choices, (year, AcademicYear(year).label)], reverse=True)
        self.fields["academic_year"].choices = choices
        self.fields["objectives"].queryset = objective_list_for_school(school=school)
        self.fields["analyses"].queryset = equality_analysis_list(school=school)
