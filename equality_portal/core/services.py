"""Helpers for every app's services."""

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def history_note(
    instance: models.Model, *, by: AbstractBaseUser | None, reason: str | None = None
) -> None:
    """Who makes the next save or delete of ``instance``, and why, for its history row
    (django-simple-history reads these attributes)."""
    instance._history_user = by  # type: ignore[attr-defined]
    if reason is not None:
        instance._change_reason = reason  # type: ignore[attr-defined]


def history_reason(instance: models.Model, reason: str) -> None:
    """Why the next save of ``instance`` is made, for its history row."""
    instance._change_reason = reason  # type: ignore[attr-defined]


def record_save(instance: ModelT, *, by: AbstractBaseUser | None) -> ModelT:
    """Validate and save one record, naming ``by`` on its history row (django-simple-history
    reads ``_history_user`` for this save)."""
    instance.full_clean()
    history_note(instance, by=by)
    instance.save()
    return instance


def record_delete(instance: models.Model, *, by: AbstractBaseUser | None) -> None:
    """Delete one record, naming ``by`` on the history row that keeps it."""
    history_note(instance, by=by)
    instance.delete()
