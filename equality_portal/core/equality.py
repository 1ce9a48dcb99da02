"""The vocabulary of the Equality Act 2010 that every app shares.

The three aims of the general duty (s.149), the nine protected characteristics, and the other
groups schools track that are not protected characteristics (pupil premium and the like).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible


class Aim(models.TextChoices):
    """The three aims of the general duty, to which a school must have due regard."""

    ELIMINATE = "eliminate", "Eliminate discrimination, harassment and victimisation"
    ADVANCE = "advance", "Advance equality of opportunity"
    FOSTER = "foster", "Foster good relations"


AIM_MEANINGS = {
    Aim.ELIMINATE: (
        "Eliminate unlawful discrimination, harassment, victimisation and any other conduct "
        "the Equality Act 2010 prohibits."
    ),
    Aim.ADVANCE: (
        "Advance equality of opportunity between people who share a protected characteristic "
        "and people who do not: remove or minimise disadvantage, meet different needs, and "
        "encourage participation where it is disproportionately low."
    ),
    Aim.FOSTER: (
        "Foster good relations between people who share a protected characteristic and people "
        "who do not: tackle prejudice and promote understanding."
    ),
}


class Characteristic(models.TextChoices):
    """The nine protected characteristics."""

    AGE = "age", "Age"
    DISABILITY = "disability", "Disability"
    GENDER_REASSIGNMENT = "gender_reassignment", "Gender reassignment"
    MARRIAGE = "marriage_civil_partnership", "Marriage and civil partnership"
    PREGNANCY = "pregnancy_maternity", "Pregnancy and maternity"
    RACE = "race", "Race"
    RELIGION = "religion_belief", "Religion or belief"
    SEX = "sex", "Sex"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"


# Age, and marriage and civil partnership, protect a school's staff but not its pupils: forms
# about pupils must not offer them.
STAFF_ONLY_CHARACTERISTICS = frozenset({Characteristic.AGE, Characteristic.MARRIAGE})
PUPIL_CHARACTERISTICS = [
    (value, label)
    for value, label in Characteristic.choices
    if value not in STAFF_ONLY_CHARACTERISTICS
]


class Group(models.TextChoices):
    """Groups schools track that are not protected characteristics."""

    DISADVANTAGED = "disadvantaged", "Disadvantaged / pupil premium"
    FREE_SCHOOL_MEALS = "fsm", "Free school meals"
    SEND = "send", "Special educational needs and disabilities (SEND)"
    EAL = "eal", "English as an additional language (EAL)"
    LOOKED_AFTER = "looked_after", "Looked-after children"
    YOUNG_CARERS = "young_carers", "Young carers"


# --- Lists of choices stored as JSON --------------------------------------------------------------

UNKNOWN_CHOICE = "{value!r} is not one of the choices."
REPEATED_CHOICE = "Choose each option once."
NOT_A_LIST = "Choose from the list."


def _pairs(choices: Any) -> Iterable[Any]:
    pairs: Iterable[Any] = choices.choices if hasattr(choices, "choices") else choices
    return pairs


def labels_for(values: Iterable[str] | None, choices: Any) -> list[str]:
    """The labels of stored choice values, in the order of the choices (a TextChoices class or
    a list of pairs)."""
    chosen = set(values or [])
    return [label for value, label in _pairs(choices) if value in chosen]


@deconstructible
class ChoiceListValidator:
    """Validates a JSON list of choice values: a list of known, distinct values, and not empty
    when ``empty_message`` is given. ``choices`` is a TextChoices class, a list of pairs or a
    list of values."""

    def __init__(self, choices: Any, empty_message: str | None = None) -> None:
        self.choices = [
            pair[0] if isinstance(pair, tuple | list) else pair for pair in _pairs(choices)
        ]
        self.empty_message = empty_message

    def messages(self, value: object) -> list[str]:
        """Every error for ``value``, for a model's ``clean()``; empty when it is valid."""
        if not isinstance(value, list):
            return [NOT_A_LIST]
        if not value and self.empty_message:
            return [self.empty_message]
        errors = [UNKNOWN_CHOICE.format(value=item) for item in value if item not in self.choices]
        if len(set(map(str, value))) != len(value):
            errors.append(REPEATED_CHOICE)
        return errors

    def __call__(self, value: object) -> None:
        if errors := self.messages(value):
            raise ValidationError(errors)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ChoiceListValidator)
            and self.choices == other.choices
            and self.empty_message == other.empty_message
        )


def choice_list_errors(instance: models.Model, fields: dict[str, Any]) -> dict[str, list[str]]:
    """The errors of an instance's JSON choice-list fields, by field: ``fields`` maps each
    field's name to its choices."""
    errors: dict[str, list[str]] = {}
    for field, choices in fields.items():
        if messages := ChoiceListValidator(choices).messages(getattr(instance, field)):
            errors[field] = messages
    return errors
