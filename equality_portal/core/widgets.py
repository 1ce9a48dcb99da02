"""Form widgets every app shares."""

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """A browser date picker; the value round-trips as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
