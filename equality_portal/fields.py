"""Model fields shared by every app."""

from django.db import models

from equality_portal.academic_year import validate_day


class DayField(models.DateField):
    """A date within the academic years the portal keeps (``academic_year.validate_day``), so
    a typed 0001-01-01 is a clear error on the form, not a page that later fails.

    Stored and migrated exactly as a DateField: the range is a validator, not a schema change.
    """

    default_validators = [validate_day]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs
