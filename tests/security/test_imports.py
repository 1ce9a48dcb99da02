"""Issue 21, finding 3: a CSV import at its row limit is fast, and all or nothing."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duties import services
from duties.models import ProfileFigure

HEADER = ",".join(services.POPULATION_COLUMNS)


def population_file(rows: int, *, last: str | None = None) -> SimpleUploadedFile:
    lines = [f"pupils,2025-01-16,custom,Group {n},{n},,," for n in range(rows)]
    if last is not None:
        lines[-1] = last
    return SimpleUploadedFile("figures.csv", "\n".join([HEADER, *lines]).encode())


def test_an_import_at_the_row_limit_saves_in_bulk_with_history(school, leader, monkeypatch):
    # The limit's time is measured in benchmarks/ (50,000 rows); here a smaller limit keeps
    # the suite quick while showing the same bulk saving.
    monkeypatch.setattr(services, "MAX_IMPORT_ROWS", 5000)
    file = population_file(services.MAX_IMPORT_ROWS)
    with CaptureQueriesContext(connection) as queries:
        imported = services.population_import(school=school, file=file, by=leader.user)
    assert imported == services.MAX_IMPORT_ROWS
    assert ProfileFigure.objects.count() == services.MAX_IMPORT_ROWS
    assert ProfileFigure.history.count() == services.MAX_IMPORT_ROWS
    assert ProfileFigure.history.first().history_user == leader.user
    # No query per row: a few bulk inserts, however long the file. (Its time is measured in
    # benchmarks/, not asserted here.)
    assert len(queries) < services.MAX_IMPORT_ROWS / 20


def test_a_file_over_the_row_limit_is_refused_with_the_limit(school, leader):
    file = population_file(services.MAX_IMPORT_ROWS + 1)
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [
        services.TOO_MANY_ROWS.format(
            rows=services.MAX_IMPORT_ROWS + 1, limit=services.MAX_IMPORT_ROWS
        )
    ]


def test_a_long_file_with_bad_rows_saves_nothing_and_lists_each(school, leader):
    file = population_file(2000, last="pupils,2025-01-16,custom,Group 5,7,,,")
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [
        "Line 2001: category: This category is already recorded for this census."
    ]
    assert not ProfileFigure.objects.exists()


def test_gunicorn_stops_a_request_at_the_budget(settings):
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert config["timeout"] == settings.REQUEST_TIMEOUT == 30
