"""The payroll import form: which snapshot, which pay gap, and the file."""

import datetime

from django import forms

from duties.forms import CsvImportForm

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
