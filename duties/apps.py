from django.apps import AppConfig


class DutiesConfig(AppConfig):
    """The general duty's three aims, actions taken, equality analyses, policies and monitoring."""

    name = "duties"
