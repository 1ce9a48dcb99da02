"""The benchmark's work inside Django, one task per call, each printing one JSON line.

``benchmarks.run`` calls ``python -m benchmarks.tasks <task>`` with the database and settings of
the data set in the environment, so each data set keeps its own process and connection.
"""

import datetime
import io
import json
import os
import statistics
import sys
import tempfile
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equality_portal.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import data  # noqa: E402
from benchmarks.sizes import incidents_export_path, incidents_list_path  # noqa: E402
from duties.categories import CATEGORIES, CategoryType  # noqa: E402
from duties.models import PopulationProfile, ProfileFigure  # noqa: E402
from duties.services import POPULATION_COLUMNS, population_import  # noqa: E402
from equality_portal import dates  # noqa: E402
from equality_portal.publishing import services as publishing  # noqa: E402
from equality_portal.publishing.composition import statement_compose  # noqa: E402
from equality_portal.publishing.models import Publication, StatementDraft  # noqa: E402
from equality_portal.publishing.rendering import (  # noqa: E402
    NoFetching,
    _print_css,
    statement_render_html,
    statement_render_pdf,
)
from equality_portal.schools.models import School, User  # noqa: E402
from incidents.models import Incident, IncidentPerson  # noqa: E402

WRITE_MARKER = "Benchmark write"


def _measured() -> School:
    return School.objects.get(slug=data.MEASURED_SCHOOL)


def _latest_publication() -> Publication:
    return Publication.objects.filter(school=_measured()).order_by("-published_at").first()


def _median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- Tasks -------------------------------------------------------------------------------------


def build(size_name: str) -> dict:
    """Generate the data set into the (migrated, empty) database."""
    start = time.perf_counter()
    counts = data.build(data.SIZES[size_name])
    return {"seconds": round(time.perf_counter() - start, 1), "rows": counts}


def prepare(static_dir: str) -> dict:
    """Sessions for the benchmark users, and static files the size of the public page and PDF
    for whitenoise to serve as the baseline."""
    cookies = {}
    for user in User.objects.filter(username__startswith="bench-").exclude(
        username__regex=r"^bench-\d"
    ):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[user.username] = session.session_key
    school = _measured()
    publication = _latest_publication()
    page = Client().get(f"/equality/{school.slug}/")
    os.makedirs(static_dir, exist_ok=True)
    # Same size, not the same bytes: whitenoise must not be able to send a cached page.
    filler = ("The public page's size in plain text. " * (len(page.content) // 38 + 1)).encode()
    with open(os.path.join(static_dir, "statement.html"), "wb") as file:
        file.write(filler[: len(page.content)])
    with open(os.path.join(static_dir, "statement.pdf"), "wb") as file:
        file.write(bytes(publication.pdf))
    return {
        "cookies": cookies,
        "school": school.slug,
        "year": publication.year.label,
        "page_bytes": len(page.content),
        "page_status": page.status_code,
        "pdf_bytes": len(publication.pdf),
        "phase_year_group": school.year_groups()[1][0],
    }


def queries() -> dict:
    """SQL queries per page on this data set: the second request (after any first-use work),
    with the cache emptied, so the public pages are counted as rendered, not as cached."""
    school = _measured()
    year = _latest_publication().year
    pages = {
        "dashboard (governor)": ("bench-governor", f"/schools/{school.slug}/"),
        "dashboard (leadership)": ("bench-leader", f"/schools/{school.slug}/"),
        "incidents summary (governor)": (
            "bench-governor",
            f"/schools/{school.slug}/incidents/summary/",
        ),
        "incidents list (leadership)": ("bench-leader", incidents_list_path(school.slug)),
        "incidents export (leadership)": ("bench-leader", incidents_export_path(school.slug)),
        "statement draft (leadership)": (
            "bench-leader",
            f"/schools/{school.slug}/statement/{year.label}/",
        ),
        "public statement": (None, f"/equality/{school.slug}/"),
        "public PDF": (None, f"/equality/{school.slug}/{year.label}/statement.pdf"),
    }
    result = {}
    for name, (username, url) in pages.items():
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        result[name] = {"status": response.status_code, "queries": len(captured)}
    return result


def pdf(repeat: int) -> dict:
    """The statement's PDF against WeasyPrint rendering the same document from a static file."""
    from pypdf import PdfReader
    from weasyprint import CSS, HTML

    latest = _latest_publication()
    draft = StatementDraft.objects.get(
        school=_measured(), period_start=latest.period_start, period_end=latest.period_end
    )
    statement = statement_compose(draft=draft)
    body = statement_render_html(statement)
    document = render_to_string(
        "publishing/statement_pdf.html", {"statement": statement, "body": body}
    )
    css = _print_css()
    pages = len(PdfReader(io.BytesIO(statement_render_pdf(data=statement, body_html=body))).pages)
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as file:
        file.write(document)
    try:

        def library():
            HTML(filename=file.name, url_fetcher=NoFetching()).write_pdf(
                stylesheets=[CSS(string=css)],
                pdf_variant="pdf/ua-1",
                pdf_tags=True,
                custom_metadata=True,
            )

        def portal():
            statement_render_pdf(data=statement, body_html=statement_render_html(statement))

        portal_seconds = _median_seconds(portal, repeat)
        library_seconds = _median_seconds(library, repeat)
    finally:
        os.unlink(file.name)
    return {
        "pages": pages,
        "html_bytes": len(document.encode()),
        "compose_seconds": _median_seconds(lambda: statement_compose(draft=draft), repeat),
        "portal_seconds": portal_seconds,
        "library_seconds": library_seconds,
    }


def _census_rows(census_dates: list[datetime.date], pupils: int) -> list[list[str]]:
    categories = [
        (kind, code)
        for kind, codes in CATEGORIES.items()
        if kind not in (CategoryType.ETHNICITY_MAJOR, CategoryType.CUSTOM)
        for code in codes
        if code != "disabled"  # staff and governors only
    ]
    rows = []
    for census_date in census_dates:
        remaining = {}
        for kind, code in categories:
            left = remaining.setdefault(kind, pupils)
            last = code == [c for k, c in categories if k == kind][-1]
            count = left if last else min(left, pupils // len(CATEGORIES[kind]))
            remaining[kind] = left - count
            rows.append(["pupils", census_date.isoformat(), kind, code, str(count), "", "", ""])
    return rows


def _csv_file(rows: list[list[str]]) -> SimpleUploadedFile:
    lines = [",".join(POPULATION_COLUMNS), *(",".join(row) for row in rows)]
    return SimpleUploadedFile("census.csv", ("\n".join(lines) + "\n").encode())


IMPORT_ROWS = 50_000
FIRST_IMPORTED_CENSUS = datetime.date(1980, 1, 7)
IMPORTED_BEFORE = datetime.date(2005, 1, 1)


def _copy_seconds(rows: list[list[str]]) -> float:
    """PostgreSQL's COPY of the same rows into a temporary table of the figures' columns, without
    indexes: a temporary table writes no write-ahead log, so this is not durable storage (reported
    beside the baseline, not the baseline)."""
    text = "\n".join(",".join(row[2:]) for row in rows) + "\n"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE copy_baseline (category_type varchar(20), category text, "
            "count integer, percent numeric(5, 1), comparator_la_percent numeric(5, 1), "
            "comparator_national_percent numeric(5, 1))"
        )
        start = time.perf_counter()
        cursor.cursor.copy_expert(
            "COPY copy_baseline FROM STDIN WITH (FORMAT csv)", io.StringIO(text)
        )
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE copy_baseline")
    return seconds


def _table_copy_seconds(rows: list[list[str]]) -> float:
    """PostgreSQL's COPY of the same rows into an ordinary table made LIKE the figures' own
    (its indexes, defaults and checks; no foreign keys), committed: what PostgreSQL itself needs
    to store these rows durably in the portal's shape. The import's baseline.

    The table is created and committed before the clock starts (a table created in the COPY's
    own transaction could skip the write-ahead log), and dropped after it stops."""
    figures = ProfileFigure._meta.db_table
    profiles = {census_date: n for n, census_date in enumerate(sorted({row[1] for row in rows}))}
    text = "".join(
        f"{profiles[row[1]]}\t" + "\t".join(value or "\\N" for value in row[2:]) + "\n"
        for row in rows
    )
    columns = "profile_id, category_type, category, count, percent, comparator_la_percent, "
    columns += "comparator_national_percent"
    with connection.cursor() as cursor:
        # The table name is the model's own, never input; autocommit, so the table is committed.
        cursor.execute(f"CREATE TABLE copy_baseline_figures (LIKE {figures} INCLUDING ALL)")
        try:
            start = time.perf_counter()
            with transaction.atomic():
                cursor.cursor.copy_expert(
                    f"COPY copy_baseline_figures ({columns}) FROM STDIN", io.StringIO(text)
                )
            seconds = time.perf_counter() - start  # the commit included
        finally:
            cursor.execute("DROP TABLE copy_baseline_figures")
    return seconds


def _schema_copy_seconds(rows: list[list[str]]) -> float:
    """PostgreSQL's COPY of the same rows into two tables made LIKE the figures' table and its
    history's, with their indexes and check constraints (not their foreign keys): the floor
    for writing these rows and their history into the portal's own schema."""
    figures = ProfileFigure._meta.db_table
    history = ProfileFigure.history.model._meta.db_table
    profiles = {census_date: n for n, census_date in enumerate(sorted({row[1] for row in rows}))}
    moment = dates.now().isoformat()
    figure_text = "".join(
        f"{n}\t{profiles[row[1]]}\t" + "\t".join(value or "\\N" for value in row[2:]) + "\n"
        for n, row in enumerate(rows, start=1)
    )
    history_text = "".join(
        f"{n}\t{profiles[row[1]]}\t"
        + "\t".join(value or "\\N" for value in row[2:])
        + f"\t{moment}\t+\n"
        for n, row in enumerate(rows, start=1)
    )
    columns = "id, profile_id, category_type, category, count, percent, comparator_la_percent, "
    columns += "comparator_national_percent"
    with connection.cursor() as cursor:
        # The table names are the models' own, never input.
        cursor.execute(f"CREATE TABLE copy_floor_figures (LIKE {figures} INCLUDING ALL)")
        cursor.execute(f"CREATE TABLE copy_floor_history (LIKE {history} INCLUDING ALL)")
        start = time.perf_counter()
        with transaction.atomic():
            cursor.cursor.copy_expert(
                f"COPY copy_floor_figures ({columns}) FROM STDIN", io.StringIO(figure_text)
            )
            cursor.cursor.copy_expert(
                f"COPY copy_floor_history ({columns}, history_date, history_type) FROM STDIN",
                io.StringIO(history_text),
            )
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE copy_floor_figures")
        cursor.execute("DROP TABLE copy_floor_history")
    return seconds


def census_import(school: School | None = None, by: User | None = None) -> dict:
    """A census of 2,000 pupils as the portal imports it (category counts); a file of 50,000
    rows (the counts of 2,000 pupils at many census dates) against PostgreSQL's COPY of the
    same rows; then the 50,000-row file with a bad last row, all or nothing."""
    school = school or _measured()
    by = by or User.objects.get(username="bench-leader")
    per_date = len(_census_rows([FIRST_IMPORTED_CENSUS], 2000))
    many_dates = [
        FIRST_IMPORTED_CENSUS + datetime.timedelta(weeks=week)
        for week in range(-(-IMPORT_ROWS // per_date))
    ]
    assert many_dates[-1] < IMPORTED_BEFORE  # noqa: S101 (a benchmark's own check)
    rows = _census_rows(many_dates, 2000)[:IMPORT_ROWS]
    one_census = _census_rows([datetime.date(1979, 1, 20)], 2000)

    def forget_imports():
        """Delete what the benchmark imported in a few statements (a queryset's delete would
        send a signal per row, and the cleanup would cost more than the import)."""
        profiles = list(
            PopulationProfile.objects.filter(
                school=school, census_date__lt=IMPORTED_BEFORE
            ).values_list("pk", flat=True)
        )
        tables = [
            (ProfileFigure.history.model._meta.db_table, "profile_id"),
            (PopulationProfile.history.model._meta.db_table, "id"),
            (ProfileFigure._meta.db_table, "profile_id"),
            (PopulationProfile._meta.db_table, "id"),
        ]
        with connection.cursor() as cursor:
            for table, column in tables:
                # Table and column names are the models' own, never input.
                cursor.execute(
                    f"DELETE FROM {table} WHERE {column} = ANY(%s)",  # noqa: S608
                    [profiles],
                )

    forget_imports()
    start = time.perf_counter()
    population_import(school=school, file=_csv_file(one_census), by=by)
    census_seconds = time.perf_counter() - start
    start = time.perf_counter()
    imported = population_import(school=school, file=_csv_file(rows), by=by)
    rows_seconds = time.perf_counter() - start
    forget_imports()
    copy_seconds = _copy_seconds(rows)
    table_copy_seconds = _table_copy_seconds(rows)
    schema_copy_seconds = _schema_copy_seconds(rows)

    before = (PopulationProfile.objects.count(), ProfileFigure.objects.count())
    bad = [*rows[:-1], [*rows[-1][:4], "lots", "", "", ""]]
    start = time.perf_counter()
    try:
        population_import(school=school, file=_csv_file(bad), by=by)
        rejected, message = False, ""
    except ValidationError as error:
        rejected, message = True, error.messages[-1]
    bad_seconds = time.perf_counter() - start
    after = (PopulationProfile.objects.count(), ProfileFigure.objects.count())
    return {
        "census_rows": len(one_census),
        "census_seconds": census_seconds,
        "rows": imported,
        "census_dates": len(many_dates),
        "rows_seconds": rows_seconds,
        "copy_seconds": copy_seconds,
        "table_copy_seconds": table_copy_seconds,
        "schema_copy_seconds": schema_copy_seconds,
        "bad_rejected": rejected,
        "bad_message": message,
        "bad_seconds": bad_seconds,
        "nothing_saved": before == after,
    }


def written_incidents(pks: str) -> dict:
    """What the write benchmark stored: every acknowledged incident stored exactly once.
    Then removes them, so the data set stays the same for the next run."""
    incidents = Incident.objects.filter(school=_measured(), description__startswith=WRITE_MARKER)
    descriptions = list(incidents.values_list("description", flat=True))
    acknowledged = [int(pk) for pk in pks.split(",") if pk]
    stored_pks = set(incidents.values_list("pk", flat=True))
    result = {
        "stored": len(descriptions),
        "distinct_submissions": len(set(descriptions)),
        "acknowledged": len(acknowledged),
        "acknowledged_distinct": len(set(acknowledged)),
        "acknowledged_missing": len(set(acknowledged) - stored_pks),
        "numbers_distinct": incidents.values("number").distinct().count() == len(descriptions),
    }
    people = IncidentPerson.objects.filter(incident__in=incidents)
    IncidentPerson.history.filter(incident_id__in=stored_pks).delete()
    Incident.history.filter(id__in=stored_pks).delete()
    people.delete()
    incidents.delete()
    return result


def publish_correction() -> dict:
    """Publish a new version of the measured school's statement (for the scale-out checks)."""
    school = _measured()
    previous = _latest_publication()
    draft = StatementDraft.objects.get(
        school=school, period_start=previous.period_start, period_end=previous.period_end
    )
    leader = User.objects.get(username="bench-leader")
    version = publishing.statement_submit(draft=draft, by=leader)
    publishing.statement_approve(version=version, by=User.objects.get(username="bench-governor"))
    publication = publishing.statement_publish(
        version=version,
        by=leader,
        advice_confirmed=True,
        correction_note=f"Benchmark scale-out check at {dates.now():%Y-%m-%d %H:%M:%S}.",
    )
    return {
        "year": publication.year.label,
        "version": publication.version,
        "pdf_sha256": publication.pdf_sha256,
    }


def versions() -> dict:
    return {
        "postgresql": connection.cursor().connection.server_version,
        "database": settings.DATABASES["default"]["NAME"],
    }


TASKS = {
    "build": build,
    "prepare": prepare,
    "queries": queries,
    "pdf": lambda repeat: pdf(int(repeat)),
    "census_import": census_import,
    "written_incidents": written_incidents,
    "publish_correction": publish_correction,
    "versions": versions,
}

if __name__ == "__main__":
    task, *arguments = sys.argv[1:]
    print("RESULT " + json.dumps(TASKS[task](*arguments), default=str))
