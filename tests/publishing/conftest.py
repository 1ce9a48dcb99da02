import pytest

from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing import services
from tests.factories import statement_approve_and_publish, statement_evidence_create


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
        return statement_approve_and_publish(
            draft=draft, governor=governor.user, leader=leader.user, **kwargs
        )

    return _publish
