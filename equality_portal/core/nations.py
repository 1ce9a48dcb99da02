"""What differs by nation: the regulations that set a school's specific duties, and the words
its pupils' needs and census categories go by. One table a nation, looked up by the school's
``nation`` code (``"england"``, ``"wales"``); a nation without an entry of its own (Scotland and
Northern Ireland, where the duties sit elsewhere) falls back to England's until one is added.

Rules read ``rules_for(school.nation)``; forms and the composed statement read
``vocabulary_for(school.nation)``. Nothing else asks which nation a school is in.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms

ENGLAND = "england"
WALES = "wales"


@dataclass(frozen=True)
class NationRules:
    """The specific duties of a nation's schools, with the law that sets each."""

    nation: str
    regulations: str  # the instrument's title, as cited to the school
    objectives_duty: str  # the objectives duty, cited
    # Wales: an objective for each protected characteristic, or published reasons for not
    # setting one (2011 Welsh regulations, regulation 3).
    objective_for_each_characteristic: bool = False
    # Wales: engagement (regulation 5) and assessment of impact (regulation 8).
    engagement_and_impact_duties: bool = False
    # Wales: an annual report for each reporting period (1 April to 31 March), published by the
    # following 31 March (regulation 16).
    annual_report: bool = False
    plan_name: str = "equality objectives"
    # England: information about employees only from 150 employees (2017 regulations, reg.
    # 4(3)(a) and 4(4)). Wales: none; every authority collects its employment information each
    # year (2011 Welsh regulations, regulation 9) and publishes it in its annual report or on
    # its own, so no one statement must hold it.
    employee_threshold: int | None = 150
    employment_information_duty: str = ""


ENGLAND_REGULATIONS = (
    "the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017"
)
WALES_REGULATIONS = "the Equality Act 2010 (Statutory Duties) (Wales) Regulations 2011"

RULES: dict[str, NationRules] = {
    ENGLAND: NationRules(
        nation=ENGLAND,
        regulations=ENGLAND_REGULATIONS,
        objectives_duty=(
            "The Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017 "
            "require one or more specific and measurable equality objectives, published at least "
            "every four years."
        ),
    ),
    WALES: NationRules(
        nation=WALES,
        regulations=WALES_REGULATIONS,
        objectives_duty=(
            "The Equality Act 2010 (Statutory Duties) (Wales) Regulations 2011 (SI 2011/1064) "
            "require equality objectives, set out in a Strategic Equality Plan and reviewed at "
            "least every four years, with an objective for each protected characteristic or "
            "published reasons for not setting one (regulation 3)."
        ),
        objective_for_each_characteristic=True,
        engagement_and_impact_duties=True,
        annual_report=True,
        plan_name="Strategic Equality Plan",
        employee_threshold=None,
        employment_information_duty=(
            "The Equality Act 2010 (Statutory Duties) (Wales) Regulations 2011 ask every school, "
            "whatever its number of staff, to collect information about its employees each year "
            "(regulation 9) and to publish it, in its annual report or on its own."
        ),
    ),
}


def rules_for(nation: str) -> NationRules:
    return RULES.get(nation, RULES[ENGLAND])


def annual_report_period_end(today: datetime.date) -> datetime.date:
    """The end of the latest reporting period (1 April to 31 March) ended by ``today``."""
    year = today.year if (today.month, today.day) > (3, 31) else today.year - 1
    return datetime.date(year, 3, 31)


def annual_report_due(period_end: datetime.date) -> datetime.date:
    """A reporting period's report is due by 31 March of the year after the period ends."""
    return datetime.date(period_end.year + 1, 3, 31)


# --- Words ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The nation's words for what the portal names in England's words: each England label (as
    the portal writes it: a choice's label or a census category) and the nation's own."""

    nation: str
    terms: dict[str, str] = field(default_factory=dict)
    # Choices of other nations only (by the start of their value, e.g. census category types
    # of Wales's PLASC), left out of this nation's forms.
    not_offered: tuple[str, ...] = ()

    def term(self, label: str) -> str:
        return self.terms.get(label, label)

    def choices(self, choices: Iterable[Any]) -> list[Any]:
        """Choices (pairs, or groups of pairs) in the nation's words, without those of other
        nations only."""
        found: list[Any] = []
        for value, label in choices:
            if isinstance(label, list | tuple):
                if group := self.choices(label):
                    found.append((self.term(str(value)), group))
            elif isinstance(value, str) and self.not_offered and value.startswith(self.not_offered):
                continue
            else:
                found.append((value, self.term(str(label)) if isinstance(label, str) else label))
        return found

    def relabel(self, data: Any) -> Any:
        """JSON-ready data with every string that is wholly one of the portal's labels in the
        nation's words. Only whole strings change: the school's own prose is kept as written."""
        if not self.terms:
            return data
        if isinstance(data, str):
            return self.term(data)
        if isinstance(data, list):
            return [self.relabel(item) for item in data]
        if isinstance(data, dict):
            return {key: self.relabel(value) for key, value in data.items()}
        return data

    def relabel_form(self, form: Any) -> None:
        """A form's choice fields (not its choices of records) in the nation's words."""
        if not self.terms and not self.not_offered:
            return
        for form_field in form.fields.values():
            if isinstance(form_field, forms.ChoiceField) and not isinstance(
                form_field, forms.ModelChoiceField
            ):
                form_field.choices = self.choices(form_field.choices)  # type: ignore[arg-type]


# Wales: additional learning needs (ALN) and individual development plans (IDPs), maintained by
# the school or by the local authority, replaced SEN, SEN support and statements from 2021
# (Additional Learning Needs and Education Tribunal (Wales) Act 2018).
WELSH_TERMS = {
    "Special educational needs and disabilities (SEND)": "Additional learning needs (ALN)",
    "Disability or SEN": "Disability or ALN",
    "Disability and SEND": "Disability and ALN",
    "No SEND or disability": "No ALN or disability",
    "SEN support (K)": "ALN: individual development plan maintained by the school",
    "Education, health and care plan (EHCP)": (
        "ALN: individual development plan maintained by the local authority"
    ),
    "Ethnicity (DfE minor categories)": "Ethnicity (PLASC categories)",
    "Ethnicity (DfE major categories)": "Ethnicity (PLASC major categories)",
}

# The census categories of Wales's PLASC (as "<category type>:<code>" choices) that other
# nations' census does not collect: the Welsh language, home language and national identity.
WELSH_CENSUS_CHOICES = ("welsh_language:", "home_language:", "national_identity:")

VOCABULARIES: dict[str, Vocabulary] = {
    ENGLAND: Vocabulary(nation=ENGLAND, not_offered=WELSH_CENSUS_CHOICES),
    WALES: Vocabulary(nation=WALES, terms=WELSH_TERMS),
}


def vocabulary_for(nation: str) -> Vocabulary:
    return VOCABULARIES.get(nation, VOCABULARIES[ENGLAND])
