"""The categories a population profile is counted by, as the DfE censuses name them.

Each category type is a list of codes, and the school may add categories in its own words
("White Asian", "No religion/belief", "Undeclared"); home languages and nationalities are all
in the school's words. Every type except custom groups is a partition: each person falls in
exactly one category, so its counts add up to the population and its percentages to at most
100. Custom groups (young carers, service children, ...) overlap and are named by the school.

A cross-tabulation (sex within pupil premium, within SEND, ...) is a profile of a cohort: the
profile of "pupils eligible for pupil premium" counted by sex.
"""

import re
from dataclasses import dataclass

from django.db import models


class Population(models.TextChoices):
    PUPILS = "pupils", "Pupils"
    STAFF = "staff", "Staff"
    GOVERNORS = "governors", "Governors"


class CategoryType(models.TextChoices):
    SEX = "sex", "Sex"
    ETHNICITY = "ethnicity", "Ethnicity (DfE minor categories)"
    ETHNICITY_MAJOR = "ethnicity_major", "Ethnicity (DfE major categories)"
    SEND = "send", "Disability and SEND"
    DISABILITY = "disability", "Disability"
    RELIGION = "religion", "Religion or belief"
    EAL = "eal", "English as an additional language"
    PUPIL_PREMIUM = "pupil_premium", "Pupil premium"
    FREE_SCHOOL_MEALS = "fsm", "Free school meals"
    LANGUAGE = "language", "Home language"
    NATIONALITY = "nationality", "Nationality"
    # Wales's census (PLASC) only: offered to schools in Wales (core.nations).
    WELSH_LANGUAGE = "welsh_language", "Ability to speak Welsh"
    HOME_LANGUAGE = "home_language", "Language spoken at home"
    NATIONAL_IDENTITY = "national_identity", "National identity"
    CUSTOM = "custom", "Custom group"


# DfE major ethnic categories (school census), in the census order.
ETHNICITY_MAJOR = {
    "WHIT": "White",
    "MIXD": "Mixed",
    "ASIA": "Asian or Asian British",
    "BLAC": "Black or Black British",
    "CHIN": "Chinese",
    "AOEG": "Any other ethnic group",
    "UNCL": "Unclassified or refused",
}


@dataclass(frozen=True)
class EthnicityCode:
    code: str
    label: str
    major: str  # a key of ETHNICITY_MAJOR


# DfE minor ethnic categories (the main codes of the school census), each under its major one.
ETHNICITY_MINOR = {
    entry.code: entry
    for entry in [
        EthnicityCode("WBRI", "White – British", "WHIT"),
        EthnicityCode("WIRI", "White – Irish", "WHIT"),
        EthnicityCode("WIRT", "Traveller of Irish heritage", "WHIT"),
        EthnicityCode("WROM", "Gypsy / Roma", "WHIT"),
        EthnicityCode("WOTH", "Any other White background", "WHIT"),
        EthnicityCode("MWBC", "White and Black Caribbean", "MIXD"),
        EthnicityCode("MWBA", "White and Black African", "MIXD"),
        EthnicityCode("MWAS", "White and Asian", "MIXD"),
        EthnicityCode("MOTH", "Any other mixed background", "MIXD"),
        EthnicityCode("AIND", "Indian", "ASIA"),
        EthnicityCode("APKN", "Pakistani", "ASIA"),
        EthnicityCode("ABAN", "Bangladeshi", "ASIA"),
        EthnicityCode("AOTH", "Any other Asian background", "ASIA"),
        EthnicityCode("BCRB", "Black Caribbean", "BLAC"),
        EthnicityCode("BAFR", "Black – African", "BLAC"),
        EthnicityCode("BOTH", "Any other Black background", "BLAC"),
        EthnicityCode("CHNE", "Chinese", "CHIN"),
        EthnicityCode("OOTH", "Any other ethnic group", "AOEG"),
        EthnicityCode("REFU", "Refused", "UNCL"),
        EthnicityCode("NOBT", "Information not yet obtained", "UNCL"),
    ]
}

NOT_OBTAINED = "not_obtained"
NOT_OBTAINED_LABEL = "Information not obtained, refused or undeclared"

CATEGORIES: dict[str, dict[str, str]] = {
    CategoryType.SEX: {
        "female": "Female",
        "male": "Male",
        "not_known": "Not known",
        NOT_OBTAINED: NOT_OBTAINED_LABEL,
    },
    CategoryType.ETHNICITY: {code: entry.label for code, entry in ETHNICITY_MINOR.items()},
    CategoryType.ETHNICITY_MAJOR: ETHNICITY_MAJOR,
    CategoryType.SEND: {
        "none": "No SEND or disability",
        "send_support": "SEN support (K)",
        "ehcp": "Education, health and care plan (EHCP)",
        "disabled": "Disabled (staff and governors)",
        "not_known": "Not known or prefer not to say",
    },
    CategoryType.DISABILITY: {
        "disabled": "Disabled",
        "not_disabled": "Not disabled",
        NOT_OBTAINED: NOT_OBTAINED_LABEL,
    },
    CategoryType.RELIGION: {
        "none": "No religion",
        "buddhist": "Buddhist",
        "christian": "Christian",
        "hindu": "Hindu",
        "jewish": "Jewish",
        "muslim": "Muslim",
        "sikh": "Sikh",
        "other": "Any other religion or belief",
        "not_known": "Not known or prefer not to say",
    },
    CategoryType.EAL: {
        "english": "First language English",
        "eal": "First language other than English",
        "not_known": "Not known",
    },
    CategoryType.PUPIL_PREMIUM: {
        "pupil_premium": "Eligible for pupil premium",
        "not_pupil_premium": "Not eligible for pupil premium",
        NOT_OBTAINED: NOT_OBTAINED_LABEL,
    },
    CategoryType.FREE_SCHOOL_MEALS: {
        "fsm": "Eligible for free school meals",
        "not_fsm": "Not eligible for free school meals",
        NOT_OBTAINED: NOT_OBTAINED_LABEL,
    },
    # In the school's own words: no code list.
    CategoryType.LANGUAGE: {},
    CategoryType.NATIONALITY: {},
    CategoryType.WELSH_LANGUAGE: {
        "fluent": "Speaks Welsh fluently",
        "not_fluent": "Speaks Welsh, but not fluently",
        "no_welsh": "Does not speak Welsh",
        "not_known": "Not known",
    },
    CategoryType.HOME_LANGUAGE: {
        "welsh": "Welsh",
        "english": "English",
        "welsh_and_english": "Welsh and English",
        "other": "Another language",
        "not_known": "Not known",
    },
    CategoryType.NATIONAL_IDENTITY: {
        "welsh": "Welsh",
        "english": "English",
        "scottish": "Scottish",
        "northern_irish": "Northern Irish",
        "british": "British",
        "other": "Other",
        "not_known": "Not known or refused",
    },
}

# The categories of a type that are not a partition of the population.
OVERLAPPING_TYPES = frozenset({CategoryType.CUSTOM})


def is_partition(category_type: str) -> bool:
    return category_type not in OVERLAPPING_TYPES


def category_label(category_type: str, category: str) -> str:
    """The words for a category code; a custom group is its own name."""
    return CATEGORIES.get(category_type, {}).get(category, category)


def _words(text: str) -> str:
    """A label without case, punctuation or dashes: "White – British" is "white british"."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


_BY_WORDS = {
    kind: {_words(label): code for code, label in codes.items()}
    | {_words(code): code for code in codes}
    for kind, codes in CATEGORIES.items()
}


def category_code(category_type: str, name: str) -> str:
    """The code a census code or label names ("WBRI", "wbri", "White British", "White – British"
    are all WBRI); any other name is kept as the school wrote it."""
    return _BY_WORDS.get(category_type, {}).get(_words(name), name)


def category_choices(category_type: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices (one group per type) for a form's category field."""
    types = [category_type] if category_type else list(CATEGORIES)
    return [
        (CategoryType(kind).label, list(CATEGORIES[kind].items()))
        for kind in types
        if kind in CATEGORIES
    ]
