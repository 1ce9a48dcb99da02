"""The completeness check run before a statement is approved and published.

Errors block publishing: without them fixed the statement would not meet the specific duties.
Warnings are shown, and published anyway once leadership acknowledge them.
"""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse

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


def _school_url(name: str, school) -> str:
    return reverse(name, kwargs={"school_slug": school.slug})


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
                url=_school_url("schools:school_edit", school),
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


# Each takes (draft, composed data) and returns findings. Domain apps' checks join as they land.
FINDERS = [_general_findings]


def statement_findings(*, draft: StatementDraft, data: dict) -> list[Finding]:
    """Every finding for the draft, errors first."""
    findings = [finding for finder in FINDERS for finding in finder(draft, data)]
    return sorted(findings, key=lambda finding: (not finding.is_error, finding.key))
