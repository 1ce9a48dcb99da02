# The statement fixtures the oversight tests share with the publishing tests.
from tests.publishing.conftest import draft, evidence, publish, year  # noqa: F401
