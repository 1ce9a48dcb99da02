"""Helpers for every app's services."""

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def record_save(instance: ModelT, *, by: AbstractBaseUser | None) -> ModelT:
    """Validate and save one record, naming ``by`` on its history row (django-simple-history
    reads ``_history_user`` for this save)."""
    instance.full_clean()
    instance._history_user = by  # type: ignore[attr-defined]
    instance.save()
    return instance


def record_delete(instance: models.Model, *, by: AbstractBaseUser | None) -> None:
    """Delete one record, naming ``by`` on the history row that keeps it."""
    instance._history_user = by  # type: ignore[attr-defined]
    instance.delete()
