"""Forms for objective sets, objectives, actions, progress updates and comments."""

from django import forms

from equality_portal.core.equality import Aim, Characteristic, Group
from equality_portal.core.nations import rules_for
from equality_portal.core.widgets import DateInput

from .models import Objective, ObjectiveAction, ObjectiveSet, ProgressComment, ProgressUpdate
from .services import ACTION_FIELDS, OBJECTIVE_FIELDS, OBJECTIVE_SET_FIELDS

NOT_A_NUMBER = "Enter the {what} as a number, for example 68 or 2.5, without the unit."


def _number_field(what: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        error_messages={"invalid": NOT_A_NUMBER.format(what=what)},
        **kwargs,
    )


REASON_PREFIX = "reason_"


class ObjectiveSetForm(forms.ModelForm):
    """A set's details; in Wales, also the published reason for setting no objective for each
    protected characteristic the set leaves out (one field a characteristic), and the
    characteristics a document that sets out the objectives covers."""

    in_document_covers = forms.MultipleChoiceField(
        label="Protected characteristics the document gives an objective or a reason for",
        help_text=(
            "Only with the document named above: tick each characteristic for which it sets an "
            "objective or publishes the reason for setting none. The portal takes your word for "
            "it."
        ),
        choices=Characteristic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ObjectiveSet
        fields = tuple(field for field in OBJECTIVE_SET_FIELDS if field != "reasons_no_objective")
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "published_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        school = self.instance.school
        if not rules_for(school.nation).objective_for_each_characteristic:
            del self.fields["in_document_covers"]
            return
        reasons = self.instance.reasons_no_objective or {}
        for value, label in Characteristic.choices:
            self.fields[f"{REASON_PREFIX}{value}"] = forms.CharField(
                label=f"Reason for setting no objective: {label.lower()}",
                required=False,
                initial=reasons.get(value, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=(
                    "Published with the objectives. Leave empty when an objective covers it."
                    if value == Characteristic.AGE
                    else ""
                ),
            )

    def clean(self):
        cleaned = super().clean()
        names = [name for name in self.fields if name.startswith(REASON_PREFIX)]
        if names:
            cleaned["reasons_no_objective"] = {
                name.removeprefix(REASON_PREFIX): text.strip()
                for name in names
                if (text := cleaned.pop(name, "") or "").strip()
            }
        return cleaned

    @property
    def changed_data(self) -> list[str]:
        changed = super().changed_data
        reasons = [name for name in changed if name.startswith(REASON_PREFIX)]
        kept = [name for name in changed if not name.startswith(REASON_PREFIX)]
        return kept + (["reasons_no_objective"] if reasons else [])


def _welsh_fields(form: forms.BaseForm, welsh: bool) -> None:
    """Each Welsh field follows its English one, marked as Welsh, for a school that publishes in
    Welsh as well as English; a school that publishes in English only sees none."""
    for name in [name for name in form.fields if name.endswith("_cy")]:
        if welsh:
            form.fields[name].widget.attrs["lang"] = "cy"
        else:
            del form.fields[name]


class ObjectiveForm(forms.ModelForm):
    aims = forms.MultipleChoiceField(
        label="Aims of the general duty it serves",
        choices=Aim.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    characteristics = forms.MultipleChoiceField(
        label="Protected characteristics it concerns",
        choices=Characteristic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    groups = forms.MultipleChoiceField(
        label="Other groups it targets",
        help_text="These are not protected characteristics; the statement says so.",
        choices=Group.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    baseline_value = _number_field("baseline value")
    target_value = _number_field("target value")

    class Meta:
        model = Objective
        fields = OBJECTIVE_FIELDS
        widgets = {
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": DateInput(),
            "target_date": DateInput(),
        }

    def __init__(self, *args, welsh: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _welsh_fields(self, welsh)


class ObjectiveActionForm(forms.ModelForm):
    class Meta:
        model = ObjectiveAction
        fields = tuple(field for field in ACTION_FIELDS if field != "position")
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2}),
            "what_cy": forms.Textarea(attrs={"rows": 2}),
            "success_criteria": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, welsh: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _welsh_fields(self, welsh)


class ActionPlanRowForm(ObjectiveActionForm):
    """One row of the action plan table, laid out by the table rather than by crispy-forms.
    The table keeps to the English; an action's Welsh is written on its own page."""

    class Meta(ObjectiveActionForm.Meta):
        fields = tuple(field for field in ACTION_FIELDS if field not in ("position", "what_cy"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")


# The action plan, several rows at a time: the rows there are, and three empty ones to fill.
ActionPlanFormSet = forms.modelformset_factory(
    ObjectiveAction, form=ActionPlanRowForm, extra=3, can_delete=True
)


class ProgressUpdateForm(forms.ModelForm):
    value = _number_field("value")

    class Meta:
        model = ProgressUpdate
        fields = ("recorded_on", "value", "narrative", "rag")
        widgets = {
            "recorded_on": DateInput(),
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "rag": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        objective = self.instance.objective
        if objective.has_numeric_measure:
            self.fields["value"].label = f"Value ({objective.unit or objective.measure})"
            self.fields["value"].help_text = (
                f"{objective.measure}. Baseline {objective.baseline_display}, "
                f"target {objective.target_display}."
            )
        else:
            # No measure, no value: progress is told in the narrative.
            del self.fields["value"]


class ProgressCommentForm(forms.ModelForm):
    class Meta:
        model = ProgressComment
        fields = ("text",)
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
