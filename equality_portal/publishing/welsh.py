"""The statement in Welsh, for a school that publishes in Welsh as well as English.

The school writes each of its texts in both languages (paired ``_cy`` fields on the draft and its
sections). The Welsh statement is the English composition with the school's Welsh text put in
its place, rendered with the portal's Welsh interface (the ``cy`` locale). A text the school gave
only in English stays in English, marked ``lang="en"``; before publishing, the school is told
which texts are in one language only. That is advice: the law does not require a school to
publish in Welsh.
"""

import copy
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_noop

from equality_portal.core.markdown import markdown_to_html
from objectives.selectors import objectives_for_statement

from .models import DEFAULT_TITLE, SectionKind, StatementDraft, StatementSection

WELSH = "cy"
ENGLISH = "en"

# Labels the statement's data carries in English and its Welsh page translates as it shows them
# ({% translate value %}): the school's phase and the body that approved the statement.
TRANSLATED_LABELS = [
    gettext_noop("Nursery"),
    gettext_noop("Infant"),
    gettext_noop("Junior"),
    gettext_noop("Primary"),
    gettext_noop("Middle"),
    gettext_noop("Secondary"),
    gettext_noop("All-through"),
    gettext_noop("Special"),
    gettext_noop("Alternative provision or pupil referral unit"),
    gettext_noop("Governing body"),
    gettext_noop("Local governing body"),
    gettext_noop("Local school committee"),
    gettext_noop("Trust board"),
]

# The draft's own texts that have a Welsh twin (field ``<name>_cy``), with how the school
# knows them.
DRAFT_TEXTS = [
    ("title", "Title"),
    ("summary", "Summary"),
    ("adopted_when", "When it was adopted"),
    ("review_when", "Its next review"),
    ("motto", "Motto or title-page line"),
    ("introduction", "Introduction"),
    ("equality_policy", "Equality policy"),
    ("accessibility_plan", "Accessibility plan summary"),
]
SECTION_TEXTS = [("heading", "heading"), ("body", "text")]


def _given(value: str) -> bool:
    return bool(value and value.strip())


def _one_language_only(english: str, welsh: str) -> str | None:
    """The language a text is given in when it is given in one only, else None."""
    if _given(english) and not _given(welsh):
        return "English"
    if _given(welsh) and not _given(english):
        return "Welsh"
    return None


def _section_name(section: StatementSection, number: int) -> str:
    name = section.heading or section.heading_cy or section.get_kind_display()
    return f"Section {number} (“{name}”)"


def missing_translations(draft: StatementDraft) -> list[str]:
    """Each of the school's texts given in one language only, as "Summary: English only"."""
    missing = []
    for name, label in DRAFT_TEXTS:
        language = _one_language_only(getattr(draft, name), getattr(draft, f"{name}_cy"))
        if language:
            missing.append(f"{label}: {language} only")
    sections = list(draft.sections.all()) if draft.pk else []
    for number, section in enumerate(sections, start=1):
        for name, label in SECTION_TEXTS:
            language = _one_language_only(getattr(section, name), getattr(section, f"{name}_cy"))
            if language:
                missing.append(f"{_section_name(section, number)} {label}: {language} only")
    for objective in _objectives(draft).values():
        if not _given(objective.title_cy):
            missing.append(f"Objective {objective.number}: English only")
        for number, action in enumerate(objective.actions.all(), start=1):
            if not _given(action.what_cy):
                missing.append(f"Objective {objective.number}, action {number}: English only")
    return missing


def _objectives(draft: StatementDraft) -> dict[int, Any]:
    """The objectives the statement shows, by number, with their actions."""
    objective_set = objectives_for_statement(school=draft.school, academic_year=draft.year)
    if objective_set is None:
        return {}
    return {
        objective.number: objective
        for objective in objective_set.objectives.prefetch_related("actions")
    }


def _objectives_in_welsh(draft: StatementDraft, objectives: list[dict]) -> None:
    """Each objective's wording and each action in Welsh, where the school gave it."""
    found = _objectives(draft)
    for entry in objectives:
        objective = found.get(entry["number"])
        if objective is None:
            continue
        if _given(objective.title_cy):
            entry["title"] = objective.title_cy
        else:
            entry["title_lang"] = ENGLISH
        for row, action in zip(entry["actions"], objective.actions.all(), strict=False):
            if _given(action.what_cy):
                row["what"] = action.what_cy
            else:
                row["what_lang"] = ENGLISH


def _put(welsh: dict, key: str, english: str, text_cy: str, in_english: list[str]) -> None:
    if _given(text_cy):
        welsh[key] = text_cy
    elif _given(english):
        in_english.append(key)


def statement_in_welsh(*, draft: StatementDraft, data: dict[str, Any]) -> dict[str, Any]:
    """The composed statement ``data`` with the school's Welsh text in place of its English.

    ``in_english`` names the top-level texts left in English; a written section left in English
    carries ``heading_lang``/``lang``. A composed section whose heading the school gave only in
    English takes the portal's own (Welsh) heading instead.
    """
    welsh = copy.deepcopy(data)
    welsh["language"] = WELSH
    in_english: list[str] = []
    if _given(draft.title_cy):
        welsh["title"] = draft.title_cy
    elif _given(draft.title):
        in_english.append("title")
    else:
        with translation.override(WELSH):
            welsh["title"] = translation.gettext(DEFAULT_TITLE)
    for key in ("summary", "motto", "introduction", "equality_policy"):
        if key in welsh:
            _put(welsh, key, getattr(draft, key), getattr(draft, f"{key}_cy"), in_english)
    # The dates as the school writes them in Welsh ("Gwanwyn a Sefydlwyd 2015"); a line given
    # in English only stays in English, listed in ``dates_in_english``.
    welsh["dates"], welsh["dates_in_english"] = [], []
    for key in ("adopted_when", "review_when"):
        english, text_cy = getattr(draft, key), getattr(draft, f"{key}_cy")
        if _given(text_cy):
            welsh["dates"].append(text_cy)
        elif _given(english):
            welsh["dates"].append(english)
            welsh["dates_in_english"].append(english)
    plan = welsh.get("accessibility_plan")
    if isinstance(plan, dict):
        if _given(draft.accessibility_plan_cy):
            plan["summary"] = draft.accessibility_plan_cy
        elif _given(draft.accessibility_plan):
            in_english.append("accessibility_plan")
    sections = list(draft.sections.all()) if draft.pk else []
    for entry, section in zip(welsh.get("layout", []), sections, strict=False):
        if _given(section.heading_cy):
            entry["heading"] = section.heading_cy
        elif _given(section.heading):
            if section.kind == SectionKind.WRITTEN:
                entry["heading_lang"] = ENGLISH
            else:
                entry["heading"] = ""
        if section.kind == SectionKind.WRITTEN:
            if _given(section.body_cy):
                entry["html"] = markdown_to_html(section.body_cy)
            else:
                entry["lang"] = ENGLISH
    objectives = (welsh.get("objectives") or {}).get("objectives")
    if objectives:
        _objectives_in_welsh(draft, objectives)
    welsh["in_english"] = in_english
    return welsh
