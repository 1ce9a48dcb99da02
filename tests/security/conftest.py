"""The publishing fixtures (a draft with evidence, and publishing it), shared here."""

from tests.publishing.conftest import draft, evidence, publish, year  # noqa: F401
