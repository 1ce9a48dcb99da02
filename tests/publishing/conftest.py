import pytest

from equality_portal.academic_year import AcademicYear
from equality_portal.publishing import services
from tests.factories import statement_evidence_create


@pytest.fixture
def year():
    return AcademicYear.current()


@pytest.fixture
def evidence(school, year):
    """The evidence a complete statement needs (see statement_evidence_create)."""
    statement_evidence_create(school=school, year=year)


@pytest.fixture
def draft(school, year, evidence):
    school.contact_email = "office@example.org"
    school.save()
    draft = services.statement_draft_get_or_create(school=school, year=year)
    return services.statement_draft_update(
        draft=draft,
        by=None,
        introduction="We welcome <everyone> & celebrate difference.",
        accessibility_plan="Our plan improves access to the curriculum, buildings and information.",
    )


@pytest.fixture
def publish(governor, leader):
    """Approve (as the governor) and publish (as the leader) a draft, acknowledging warnings."""

    def _publish(draft, **kwargs):
        from equality_portal.publishing.completeness import statement_findings
        from equality_portal.publishing.composition import statement_compose

        services.statement_approve(draft=draft, by=governor.user)
        findings = statement_findings(draft=draft, data=statement_compose(draft=draft))
        kwargs.setdefault("acknowledged", {f.key for f in findings if not f.is_error})
        return services.statement_publish(draft=draft, by=leader.user, **kwargs)

    return _publish
