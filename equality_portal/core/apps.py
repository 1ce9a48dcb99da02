from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: suppression, academic years, dates, the vocabulary of the Act,
    the Check type and the shared form and service helpers. It has no models."""

    name = "equality_portal.core"
    label = "core"
    verbose_name = "Core"
