"""The rules on equality objectives: objectives to publish in the year's statement, a set
published within four years, and each objective measurable."""

import datetime

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Rule, Severity, Status, status_for_due_date
from equality_portal.core.dates import long_date
from equality_portal.core.equality import Characteristic
from equality_portal.core.nations import ENGLAND, rules_for
from equality_portal.schools.models import School

from . import selectors
from .models import ObjectiveSet


def _set_add_url(school: School) -> str:
    return reverse("objectives:set_add", kwargs={"school_slug": school.slug})


# England's duty, as cited to English schools; each nation's is in core.nations.
OBJECTIVES_DUTY = rules_for(ENGLAND).objectives_duty


def _in_document_advice(*, key: str, school: School, sets: list[ObjectiveSet]) -> list[Check]:
    """Advice where objectives are set out in a document the school names (an appendix of its
    plan): the portal cannot read it, so the gates take the school's word for what it holds,
    and the school is asked to check it before publishing. None when nothing is declared."""
    in_documents = [objective_set for objective_set in sets if objective_set.in_document]
    if not in_documents:
        return []
    each_characteristic = rules_for(school.nation).objective_for_each_characteristic
    described = []
    for objective_set in in_documents:
        covers = ", ".join(label.lower() for label in objective_set.in_document_labels)
        said = ""
        if each_characteristic and covers:
            said = f", with an objective or a reason for none for {covers}"
        described.append(f"“{objective_set.in_document}” (“{objective_set.title}”){said}")
    return [
        Check(
            key=key,
            title="Objectives set out in a document the portal cannot read",
            status=Status.MISSING,
            summary=(
                f"The objectives are set out in {'; '.join(described)}. The portal cannot read "
                "a document, so it takes the school's word for what it holds."
            ),
            action=(
                "Check that the document is attached to the statement and says what the set "
                "says it does."
            ),
            url=in_documents[0].get_absolute_url(),
            fix_label="Check the objectives' document",
        )
    ]


def objectives_to_publish(
    *, school: School, year: AcademicYear, today: datetime.date
) -> list[Check]:
    """A gate from the law: one or more objectives published at least every four years. It is
    met by objectives in this statement, or by a set published within the last four years
    (wherever it was published); advice otherwise decides whether the statement repeats them.
    Objectives set out in a document the school names count on its word, with advice saying
    so (``objectives_in_document``)."""
    current = selectors.objectives_for_statement(school=school, academic_year=year)
    # Objectives entered in the portal, or set out in a document the school names (an appendix
    # of its plan), which the portal takes its word for (see ``objectives_in_document``).
    found = current is not None and (bool(current.objectives.all()) or bool(current.in_document))
    latest = selectors.objective_set_latest_published(school=school)
    deadline = latest.legal_deadline if latest is not None else None
    in_force = deadline is not None and deadline >= today
    if found and current is not None:
        summary = f"The {year.label} statement publishes the objectives “{current.title}”"
        if not current.objectives.all():
            summary += f", set out in “{current.in_document}”, as the school says"
        summary += "."
    elif in_force and latest is not None:
        summary = (
            f"“{latest.title}” was published on {long_date(latest.published_on)}, within the "
            "last four years."
        )
    else:
        duty = rules_for(school.nation).objectives_duty
        summary = f"The school has no equality objectives to publish. {duty}"
    gate = Check(
        key="objectives_to_publish",
        title="Equality objectives published at least every four years",
        status=Status.MET if found or in_force else Status.MISSING,
        summary=summary,
        action=(
            "Set one or more specific and measurable objectives (what will change, for whom, "
            "and by when), or record the set the school last published and its date."
        ),
        url=current.get_absolute_url() if found and current else _set_add_url(school),
        severity=Severity.GATE,
        fix_label="Set equality objectives",
    )
    own = [current] if current is not None else []
    return [gate, *_in_document_advice(key="objectives_in_document", school=school, sets=own)]


def objectives_published(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
    """Advice: a set published within four years (the deadline runs from the latest)."""
    latest = selectors.objective_set_latest_published(school=school)
    title = "Equality objectives published within four years"
    if latest is None:
        return Check(
            key="objectives_published",
            title=title,
            status=Status.MISSING,
            summary="No set of equality objectives has been published.",
            action="Set specific and measurable objectives, publish them, and record the date.",
            url=reverse("objectives:set_list", kwargs={"school_slug": school.slug}),
            fix_label="Record when the objectives were published",
        )
    status = status_for_due_date(latest.next_due, today)
    return Check(
        key="objectives_published",
        title=title,
        status=status,
        summary=(
            f"“{latest.title}” was published on {long_date(latest.published_on)}; objectives "
            f"must be published at least every four years, and the next set is due by "
            f"{long_date(latest.next_due)}."
        ),
        action={
            Status.MET: "Nothing to do until the next set is due.",
            Status.DUE_SOON: "Prepare and publish the next set of objectives.",
            Status.OVERDUE: "Publish a new set of objectives now.",
        }[status],
        url=latest.get_absolute_url() if status == Status.MET else _set_add_url(school),
        due=latest.next_due,
        fix_label="Set new objectives",
    )


def objectives_measurable(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
    """Advice: every objective has a measure with baseline and target, or dated criteria."""
    current = selectors.objectives_for_statement(school=school, academic_year=year)
    title = "Every equality objective is measurable"
    if current is not None and current.in_document and not current.objectives.all():
        return Check(
            key="objectives_measurable",
            title=title,
            status=Status.MISSING,
            summary=(
                f"The objectives are set out in “{current.in_document}”, which the portal cannot "
                "read, so it cannot tell whether they are measurable."
            ),
            action=(
                "Check that each objective in the document says what will change, for whom and "
                "by when, or enter the objectives here to follow their progress."
            ),
            url=current.get_absolute_url(),
        )
    if current is None or not current.objectives.all():
        return Check(
            key="objectives_measurable",
            title=title,
            status=Status.MISSING,
            summary="There are no current objectives to measure.",
            action="Add specific and measurable objectives.",
            url=current.get_absolute_url() if current else _set_add_url(school),
        )
    not_measurable = list(selectors.objectives_not_measurable(objective_set=current))
    if not not_measurable:
        return Check(
            key="objectives_measurable",
            title=title,
            status=Status.MET,
            summary=(
                f"All {current.objective_count} objectives in “{current.title}” are measurable."
            ),
            action="Nothing to do.",
            url=current.get_absolute_url(),
        )
    first = not_measurable[0]
    names = ", ".join(
        f"objective {objective.number}, “{objective.title}”" for objective in not_measurable
    )
    count = len(not_measurable)
    return Check(
        key="objectives_measurable",
        title=title,
        status=Status.MISSING,
        summary=(
            f"{count} of {current.objective_count} objectives in “{current.title}” "
            f"{'is' if count == 1 else 'are'} not measurable: {names}."
        ),
        action=(
            "Give each a baseline, a target and a target date, or success criteria with a "
            f"date, starting with objective {first.number}."
        ),
        url=reverse(
            "objectives:objective_edit", kwargs={"school_slug": school.slug, "pk": first.pk}
        ),
        fix_label="Make it measurable",
    )


def objective_period_within_four_years(
    *, school: School, year: AcademicYear, today: datetime.date
) -> Check:
    """Advice: the set in force covers at most four years; a longer set is accepted, but new
    objectives are still due within four years of publication."""
    current = selectors.objectives_for_statement(school=school, academic_year=year)
    title = "The objectives' period is at most four years"
    if current is None or not current.longer_than_four_years:
        return Check(
            key="objective_period_within_four_years",
            title=title,
            status=Status.MET,
            summary="The objectives in force cover four years or less.",
            action="Nothing to do.",
            url=current.get_absolute_url() if current else _set_add_url(school),
        )
    return Check(
        key="objective_period_within_four_years",
        title=title,
        status=Status.MISSING,
        summary=(
            f"“{current.title}” runs {current.period_label}, longer than four years. The law "
            f"asks for objectives to be published at least every four years, so new or "
            f"reviewed objectives are due by {long_date(current.next_due)}."
        ),
        action="Review the objectives and publish them again within four years.",
        url=current.get_absolute_url(),
        fix_label="Review the objectives",
    )


def objective_or_reason_for_each_characteristic(
    *, school: School, year: AcademicYear, today: datetime.date
) -> list[Check]:
    """A gate in Wales: an equality objective for each protected characteristic, or the
    published reasons for setting none (the 2011 Welsh regulations, regulation 3). Objectives
    the school adopts from its local authority or region count as its own. No check elsewhere."""
    rules = rules_for(school.nation)
    if not rules.objective_for_each_characteristic:
        return []
    current = selectors.objectives_for_statement(school=school, academic_year=year)
    adopted = selectors.adopted_sets_for_statement(school=school, academic_year=year)
    sets = ([current] if current is not None else []) + adopted
    covered = {
        value
        for objective_set in sets
        for objective in objective_set.objectives.all()
        for value in objective.characteristics
    }
    # What the school says a document it publishes covers: the portal cannot read it.
    covered |= {value for objective_set in sets for value in objective_set.covered_in_document}
    reasons = {
        key
        for key, text in ((current.reasons_no_objective or {}) if current else {}).items()
        if text
    }
    missing = [label for value, label in Characteristic.choices if value not in covered | reasons]
    if missing:
        summary = (
            f"No objective and no published reason for: {', '.join(missing).lower()}. "
            f"{rules.regulations[0].upper()}{rules.regulations[1:]} (SI 2011/1064), regulation "
            "3, require an objective for each protected characteristic, or published reasons "
            "for not setting one."
        )
    else:
        summary = (
            "Every protected characteristic has an objective or a published reason for none, "
            f"as {rules.regulations} (regulation 3) require."
        )
    return [
        Check(
            key="objective_or_reason_for_each_characteristic",
            title="An objective, or a published reason for none, for each protected characteristic",
            status=Status.MISSING if missing else Status.MET,
            summary=summary,
            action=(
                "Add objectives for the characteristics left out, or give the reason for not "
                "setting one in the set's details."
            ),
            url=(
                reverse(
                    "objectives:set_edit", kwargs={"school_slug": school.slug, "pk": current.pk}
                )
                if current is not None
                else _set_add_url(school)
            ),
            severity=Severity.GATE,
            fix_label="Give objectives or reasons",
        ),
        # The sets adopted from the region or local authority (the school's own set's document
        # is named with ``objectives_to_publish``).
        *_in_document_advice(key="adopted_objectives_in_document", school=school, sets=adopted),
    ]


RULES = [
    Rule(objectives_to_publish),
    Rule(objective_or_reason_for_each_characteristic),
    Rule(objectives_published),
    Rule(objectives_measurable),
    Rule(objective_period_within_four_years),
]
