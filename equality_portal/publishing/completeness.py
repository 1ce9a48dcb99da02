"""The completeness check run before a statement is approved and published.

Errors block publishing: without them fixed the statement would not meet the specific duties.
Warnings are shown, and published anyway once leadership acknowledge them.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.urls import reverse

from duties.categories import Population
from engagement.selectors import engagement_incomplete
from equality_portal import dates
from equality_portal.core.dates import long_date
from objectives.selectors import objectives_for_statement, objectives_not_measurable

from .models import StatementDraft


class Severity(models.TextChoices):
    ERROR = "error", "Must be fixed before publishing"
    WARNING = "warning", "Publish anyway once acknowledged"


@dataclass(frozen=True)
class Finding:
    key: str  # stable: acknowledgements are recorded by key
    severity: Severity
    message: str
    url: str  # where it is fixed
    fix_label: str = "Fix this"

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR


def _draft_url(draft: StatementDraft) -> str:
    return reverse(
        "publishing:draft_edit",
        kwargs={"school_slug": draft.school.slug, "year": draft.year},
    )


def _general_findings(draft: StatementDraft, data: dict) -> list[Finding]:
    school = draft.school
    findings = []
    if not school.contact_email:
        findings.append(
            Finding(
                key="no_contact_email",
                severity=Severity.WARNING,
                message=(
                    "The school has no contact email, so readers cannot ask for the statement "
                    "in another format."
                ),
                url=reverse("schools:school_edit", kwargs={"school_slug": school.slug}),
                fix_label="Add a contact email",
            )
        )
    plan = data["accessibility_plan"]
    if not plan["summary"] and not plan["url"]:
        findings.append(
            Finding(
                key="no_accessibility_plan",
                severity=Severity.WARNING,
                message="The statement does not describe the school's accessibility plan.",
                url=_draft_url(draft),
                fix_label="Describe the accessibility plan",
            )
        )
    return findings


def _aim_findings(draft: StatementDraft, data: dict) -> list[Finding]:
    return [
        Finding(
            key=f"aim_without_action:{aim['aim']}",
            severity=Severity.ERROR,
            message=(
                f"No action is recorded under “{aim['title']}” for {draft.year.label}: the "
                "statement must show how the school had due regard to each aim."
            ),
            url=reverse(
                "duties:aim",
                kwargs={"school_slug": draft.school.slug, "aim": aim["aim"], "year": draft.year},
            ),
            fix_label="Record actions",
        )
        for aim in data["general_duty"]
        if not aim["actions"]
    ]


def last_spring_census(on: datetime.date) -> datetime.date:
    """The January school census most recently held on or before a date (the third Thursday
    of January; the 1st stands for it, as schools record the date they choose)."""
    return datetime.date(on.year if on.month >= 2 else on.year - 1, 1, 1)


def _monitoring_findings(draft: StatementDraft, data: dict) -> list[Finding]:
    school = draft.school
    url = reverse("duties:monitoring", kwargs={"school_slug": school.slug})
    populations = {p["population_key"]: p for p in data["monitoring"]["profiles"]}
    findings = []
    if school.must_publish_staff_information and Population.STAFF not in populations:
        findings.append(
            Finding(
                key="staff_information_missing",
                severity=Severity.ERROR,
                message=(
                    f"{school.name} has {school.number_of_staff} staff, so it must publish "
                    f"information about its employees, but no staff profile is recorded for "
                    f"{draft.year.label}."
                ),
                url=url,
                fix_label="Add the staff profile",
            )
        )
    pupils = populations.get(Population.PUPILS)
    if pupils is None:
        findings.append(
            Finding(
                key="pupil_information_missing",
                severity=Severity.WARNING,
                message=f"No information about pupils is recorded for {draft.year.label}.",
                url=url,
                fix_label="Add the pupil census",
            )
        )
    else:
        census = datetime.date.fromisoformat(pupils["census_date"])
        expected = last_spring_census(min(dates.today(), draft.year.end))
        if census < expected:
            findings.append(
                Finding(
                    key="pupil_information_outdated",
                    severity=Severity.WARNING,
                    message=(
                        f"The pupil figures are from {census:%B %Y}; the January "
                        f"{expected.year} census is more recent."
                    ),
                    url=url,
                    fix_label="Update the pupil census",
                )
            )
    return findings


def _analysis_findings(draft: StatementDraft, data: dict) -> list[Finding]:
    if data["analyses"]["analyses"]:
        return []
    return [
        Finding(
            key="no_equality_analysis",
            severity=Severity.WARNING,
            message=(
                f"No equality analysis is recorded for {draft.year.label}, so that section of "
                "the statement says none was done."
            ),
            url=reverse("duties:analysis_add", kwargs={"school_slug": draft.school.slug}),
            fix_label="Record an equality analysis",
        )
    ]


def _engagement_findings(draft: StatementDraft, data: dict) -> list[Finding]:
    school = draft.school
    if not data["engagement"]:
        return [
            Finding(
                key="no_engagement",
                severity=Severity.WARNING,
                message=f"No engagement or consultation is recorded for {draft.year.label}.",
                url=reverse("engagement:record_add", kwargs={"school_slug": school.slug}),
                fix_label="Record engagement",
            )
        ]
    return [
        Finding(
            key=f"engagement_without_outcome:{record.pk}",
            severity=Severity.WARNING,
            message=(
                f"The engagement “{record.title}” has no outcome: the statement will say the "
                "outcome has not been recorded."
            ),
            url=reverse(
                "engagement:record_edit", kwargs={"school_slug": school.slug, "pk": record.pk}
            ),
            fix_label="Record what changed",
        )
        for record in engagement_incomplete(school=school, academic_year=draft.year)
    ]


def _objective_findings(draft: StatementDraft, data: dict) -> list[Finding]:
    school = draft.school
    objective_set = objectives_for_statement(school=school, academic_year=draft.year)
    if objective_set is None or not data["objectives"]["objectives"]:
        return [
            Finding(
                key="no_objectives",
                severity=Severity.ERROR,
                message="The school has no equality objectives to publish.",
                url=reverse("objectives:set_add", kwargs={"school_slug": school.slug}),
                fix_label="Set equality objectives",
            )
        ]
    findings = []
    if objective_set.next_due < draft.year.start:
        findings.append(
            Finding(
                key="objectives_out_of_date",
                severity=Severity.WARNING,
                message=(
                    f"The objectives “{objective_set.title}” were due to be replaced by "
                    f"{long_date(objective_set.next_due)}: objectives must be published at least "
                    "every four years."
                ),
                url=reverse("objectives:set_add", kwargs={"school_slug": school.slug}),
                fix_label="Set new objectives",
            )
        )
    for objective in objectives_not_measurable(objective_set=objective_set):
        findings.append(
            Finding(
                key=f"objective_not_measurable:{objective.pk}",
                severity=Severity.WARNING,
                message=(
                    f"Objective {objective.number}, “{objective.title}”, is not measurable: "
                    "give it a measure with baseline and target, or success criteria with a date."
                ),
                url=reverse(
                    "objectives:objective_edit",
                    kwargs={"school_slug": school.slug, "pk": objective.pk},
                ),
                fix_label="Make it measurable",
            )
        )
    return findings


# Each takes (draft, composed data) and returns findings.
FINDERS = [
    _aim_findings,
    _monitoring_findings,
    _analysis_findings,
    _engagement_findings,
    _objective_findings,
    _general_findings,
]


def statement_findings(*, draft: StatementDraft, data: dict) -> list[Finding]:
    """Every finding for the draft, errors first."""
    findings = [finding for finder in FINDERS for finding in finder(draft, data)]
    return sorted(findings, key=lambda finding: (not finding.is_error, finding.key))
