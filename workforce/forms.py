"""The payroll import form, and the trust's workforce figures: one by one or from a CSV."""

import datetime

from django import forms

from duties.categories import CategoryType
from duties.forms import CsvImportForm
from equality_portal.core.academic_year import academic_year_choices

from .models import WorkforceStage
from .paygap import CONFIGS


class PayrollImportForm(CsvImportForm):
    snapshot = forms.TypedChoiceField(
        label="Snapshot date",
        coerce=datetime.date.fromisoformat,
        help_text="The payroll as it stood on 31 March: the pay period that includes that day.",
    )
    kind = forms.ChoiceField(
        label="Pay gap",
        choices=[(kind, config.title) for kind, config in CONFIGS.items()],
        initial="gender",
        help_text=(
            "The gender pay gap is required of employers with 250 or more relevant employees; "
            "ethnicity and disability pay gaps are voluntary."
        ),
    )
    field_order = ["snapshot", "kind", "file"]

    def __init__(self, *args, snapshots: list[datetime.date], **kwargs):
        super().__init__(*args, **kwargs)
        snapshot_field = self.fields["snapshot"]
        assert isinstance(snapshot_field, forms.TypedChoiceField)  # noqa: S101 (for mypy)
        snapshot_field.choices = [
            (snapshot.isoformat(), f"31 March {snapshot.year}") for snapshot in snapshots
        ]


class WorkforceFigureForm(forms.Form):
    """One count of the trust's workforce: which year, which people, which category."""

    academic_year = forms.TypedChoiceField(label="Academic year", coerce=int)
    stage = forms.ChoiceField(label="People counted", choices=WorkforceStage.choices)
    category_type = forms.ChoiceField(
        label="Protected characteristic", choices=CategoryType.choices
    )
    category = forms.CharField(
        max_length=200,
        help_text="A census code or the trust's own words, for example Female or White British.",
    )
    count = forms.IntegerField(
        min_value=0,
        max_value=1_000_000,
        help_text="How many people, as a whole number. Published rounded, small numbers hidden.",
        error_messages={
            "invalid": "Give a whole number of people, such as 12.",
            "min_value": "A count cannot be negative.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year_field = self.fields["academic_year"]
        assert isinstance(year_field, forms.TypedChoiceField)  # noqa: S101 (for mypy)
        year_field.choices = academic_year_choices()


class WorkforceImportForm(CsvImportForm):
    academic_year = forms.TypedChoiceField(label="Academic year", coerce=int)
    field_order = ["academic_year", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year_field = self.fields["academic_year"]
        assert isinstance(year_field, forms.TypedChoiceField)  # noqa: S101 (for mypy)
        year_field.choices = academic_year_choices()
