"""The vocabulary of the Equality Act 2010 that every app shares.

The three aims of the general duty (s.149), the nine protected characteristics, and the other
groups schools track that are not protected characteristics (pupil premium and the like).
"""

from django.db import models


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


def _pairs(choices):
    return choices.choices if hasattr(choices, "choices") else choices


def labels_for(values, choices) -> list[str]:
    """The labels of stored choice values, in the order of the choices (a TextChoices class or
    a list of pairs)."""
    chosen = set(values or [])
    return [label for value, label in _pairs(choices) if value in chosen]


def validate_choices(values, choices, field: str) -> dict[str, str]:
    """Errors for a JSON list of choice values: it must be a list of known, distinct values."""
    if not isinstance(values, list):
        return {field: "Choose from the list."}
    known = {value for value, _ in _pairs(choices)}
    for value in values:
        if value not in known:
            return {field: UNKNOWN_CHOICE.format(value=value)}
    if len(set(values)) != len(values):
        return {field: "Choose each option once."}
    return {}
