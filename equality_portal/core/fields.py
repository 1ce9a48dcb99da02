"""Model fields shared by every app."""

from typing import Any

from django.db import models

from equality_portal.core.academic_year import validate_day


class DayField(models.DateField):  # type: ignore[type-arg]
    """A date within the academic years the portal keeps (``academic_year.validate_day``), so
    a typed 0001-01-01 is a clear error on the form, not a page that later fails.

    Stored and migrated exactly as a DateField: the range is a validator, not a schema change.
    """

    default_validators = [validate_day]

    def deconstruct(self) -> tuple[str, str, Any, Any]:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs
