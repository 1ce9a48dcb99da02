"""The check run before a statement is approved and published: every rule marked
``before_publishing`` (see ``equality_portal.core.checks``), for the statement's academic year,
that needs attention. The dashboard shows the same rules with the same answers.

A gate that is not met (``is_error``) blocks publishing: without it the statement would not meet
the specific duties. Advice is shown, and published anyway once leadership acknowledge it by key.
"""

from equality_portal import dates
from equality_portal.core.checks import Check, collect_checks

from .models import StatementDraft


def statement_findings(*, draft: StatementDraft, data: dict) -> list[Check]:
    """Every pre-publication check that needs attention for the draft, errors first. ``data``
    (the composed statement) is not needed: each rule reads its own app's selectors."""
    checks = collect_checks(
        school=draft.school,
        year=draft.period.reporting_year,
        today=dates.today(),
        before_publishing=True,
    )
    findings = [check for check in checks if check.needs_attention]
    return sorted(findings, key=lambda check: (not check.is_error, check.key))
