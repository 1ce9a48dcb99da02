"""Benchmark data sets: the demo's Carrington as the measured school, with other schools around
it, each with years of incidents, their history rows, published statements and actions.

Deterministic (seeded) and fast: rows are written with PostgreSQL's COPY (``bulk_create``
elsewhere), never through services or factories one row at a time, so a county's million
incidents take minutes, not hours. Only the measured school's demo content goes through the
services, through ``loaddemo``.
"""

import datetime
import io
import json
import random

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from benchmarks.sizes import SIZES, Size  # noqa: F401 (SIZES is part of this module's API)
from duties.models import Action
from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.equality import Aim, Characteristic
from equality_portal.publishing.models import (
    Decision,
    DecisionOutcome,
    Publication,
    StatementDraft,
)
from equality_portal.schools.models import ApprovingBody, Membership, Phase, School, Trust, User
from equality_portal.schools.roles import Role
from incidents.models import (
    Behaviour,
    Incident,
    IncidentPerson,
    Location,
    Motivation,
    PersonKind,
    PersonRole,
    RaisedBy,
    Sex,
    Status,
    new_receipt,
)

SEED = 2026
MEASURED_SCHOOL = "carrington"
# Sixteen staff of the measured school record incidents at once in the write benchmark.
RECORDING_STAFF = 16
BENCH_PASSWORD = "bench-password-not-secret"  # noqa: S105 (a local benchmark database)
BATCH = 50_000


def _copy_text(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        value = json.dumps(value)
    elif isinstance(value, datetime.date | datetime.time):
        value = value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def insert_rows(model, rows: list[dict]) -> None:
    """Insert rows (dicts keyed by attname) with COPY on PostgreSQL, bulk_create elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=1000)
        return
    fields = [field for field in model._meta.concrete_fields if field.attname in rows[0]]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    for start in range(0, len(rows), BATCH):
        buffer = io.StringIO()
        for row in rows[start : start + BATCH]:
            buffer.write("\t".join(_copy_text(row[field.attname]) for field in fields))
            buffer.write("\n")
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN", buffer)


def _next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608
        return cursor.fetchone()[0]


def _reset_sequences(*models) -> None:
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _history_rows(rows: list[dict], *, user_key: str, at_key: str | None, at=None) -> list[dict]:
    """One "created" history row per row, as django-simple-history would have written."""
    return [
        {
            **row,
            "history_date": row[at_key] if at_key else at,
            "history_change_reason": None,
            "history_type": "+",
            "history_user_id": row[user_key],
        }
        for row in rows
    ]


# --- Schools and people ------------------------------------------------------------------------


def _users(prefix: str, count: int, password_hash: str) -> list[User]:
    return [
        User(
            username=f"{prefix}-{index:02d}",
            email=f"{prefix}-{index:02d}@bench.invalid",
            first_name="Bench",
            last_name=f"{prefix.split('-')[-1].capitalize()} {index}",
            password=password_hash,
        )
        for index in range(1, count + 1)
    ]


def _measured_school_staff(school: School, password_hash: str) -> None:
    """Sixteen staff who record incidents at once, and one of each reading role."""
    wanted = {
        **{
            user.username: (user, Role.STAFF) for user in _users("bench-staff", RECORDING_STAFF, "")
        },
        "bench-governor": (User(username="bench-governor"), Role.GOVERNOR),
        "bench-leader": (User(username="bench-leader"), Role.LEADERSHIP),
    }
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    new = []
    for username, (user, _) in wanted.items():
        if username not in existing:
            user.password = password_hash
            user.email = user.email or f"{username}@bench.invalid"
            user.first_name = user.first_name or "Bench"
            user.last_name = user.last_name or username.split("-", 1)[1].capitalize()
            new.append(user)
    User.objects.bulk_create(new)
    users = User.objects.in_bulk(list(wanted), field_name="username")
    Membership.objects.bulk_create(
        [
            Membership(user=users[name], school=school, role=role)
            for name, (_, role) in wanted.items()
        ],
        ignore_conflicts=True,
    )


def _other_schools(size: Size, rng: random.Random, password_hash: str) -> list[School]:
    count = size.schools - 1
    if count <= 0:
        return []
    trust = Trust.objects.create(name=f"Benchmark {size.name} trust")
    phases = [Phase.PRIMARY, Phase.SECONDARY, Phase.SECONDARY]
    schools = School.objects.bulk_create(
        [
            School(
                name=f"Benchmark School {index:04d}",
                slug=f"bench-{index:04d}",
                urn=f"{900000 + index}",
                phase=rng.choice(phases),
                local_authority="Benchmark County",
                trust=trust if size.name != "county" or index % 25 == 0 else None,
                number_of_staff=rng.randint(20, 220),
                contact_email=f"office@bench-{index:04d}.invalid",
            )
            for index in range(1, count + 1)
        ]
    )
    users = User.objects.bulk_create(
        [
            user
            for school in schools
            for role in ("governor", "leader", "staff")
            for user in _users(f"{school.slug}-{role}", 1, password_hash)
        ]
    )
    roles = [Role.GOVERNOR, Role.LEADERSHIP, Role.STAFF]
    Membership.objects.bulk_create(
        [
            Membership(user=user, school=schools[index // 3], role=roles[index % 3])
            for index, user in enumerate(users)
        ]
    )
    return schools


# --- Records -----------------------------------------------------------------------------------


def _years(size: Size) -> list[AcademicYear]:
    current = AcademicYear.current()
    years = [current]
    while len(years) < size.years:
        years.append(years[-1].previous())
    return list(reversed(years))


def _incidents(
    *, schools: list[School], size: Size, rng: random.Random, recorders: dict[int, int]
) -> int:
    """``incidents_per_school_year`` incidents per school and year, each with one to three
    people, and the history rows the services would have written. Returns the count."""
    today = dates.today()
    now = dates.now()
    years = _years(size)
    next_incident, next_person = _next_id(Incident), _next_id(IncidentPerson)
    numbers = dict(
        Incident.objects.filter(school__in=schools)
        .values("school")
        .annotate(last=Max("number"))
        .values_list("school", "last")
    )
    locations, raised_by = Location.values, RaisedBy.values
    motivations, behaviours = Motivation.values, Behaviour.values
    total = 0
    for school in schools:
        incidents, people = [], []
        year_groups = [code for code, _ in school.year_groups()]
        number = numbers.get(school.pk) or 0
        recorder = recorders[school.pk]
        for year in years:
            last_day = min(year.end, today - datetime.timedelta(days=1))
            span = (last_day - year.start).days
            for _ in range(size.incidents_per_school_year):
                number += 1
                occurred_on = year.start + datetime.timedelta(days=rng.randint(0, span))
                recorded_at = timezone.make_aware(
                    datetime.datetime.combine(occurred_on, datetime.time(15, rng.randint(0, 59)))
                )
                closed = occurred_on < today - datetime.timedelta(days=30)
                incidents.append(
                    {
                        "id": next_incident,
                        "school_id": school.pk,
                        "number": number,
                        "occurred_on": occurred_on,
                        "occurred_time": datetime.time(rng.randint(8, 15), rng.randint(0, 59)),
                        "academic_year": year.start_year,
                        "location": rng.choice(locations),
                        "raised_by": rng.choice(raised_by),
                        "behaviours": rng.sample(behaviours, rng.randint(1, 2)),
                        "motivations": rng.sample(motivations, rng.choice((1, 1, 1, 2))),
                        "untargeted": False,
                        "description": f"Benchmark incident {number} at {school.slug}.",
                        "derogatory_language": "",
                        "immediate_action": "Spoke to the pupils involved.",
                        "recorded_by_id": recorder,
                        "recorded_at": min(recorded_at, now),
                        "status": Status.CLOSED if closed else Status.OPEN,
                        "follow_up_due": occurred_on + datetime.timedelta(days=14),
                        "outcome": "Resolved." if closed else "",
                        "anonymised_at": None,
                        "receipt": new_receipt(),
                    }
                )
                for role in (PersonRole.TARGET, PersonRole.PERPETRATOR)[: rng.randint(1, 2)]:
                    people.append(
                        {
                            "id": next_person,
                            "incident_id": next_incident,
                            "role": role,
                            "kind": PersonKind.PUPIL,
                            "year_group": rng.choice(year_groups),
                            "sex": rng.choice(Sex.values),
                            "ethnicity_code": "",
                            "internal_reference": "",
                        }
                    )
                    next_person += 1
                next_incident += 1
        insert_rows(Incident, incidents)
        insert_rows(IncidentPerson, people)
        insert_rows(
            Incident.history.model,
            _history_rows(incidents, user_key="recorded_by_id", at_key="recorded_at"),
        )
        by_incident = {row["id"]: row for row in incidents}
        insert_rows(
            IncidentPerson.history.model,
            [
                {
                    **person,
                    "history_date": by_incident[person["incident_id"]]["recorded_at"],
                    "history_change_reason": None,
                    "history_type": "+",
                    "history_user_id": recorder,
                }
                for person in people
            ],
        )
        total += len(incidents)
    _reset_sequences(Incident, IncidentPerson)
    return total


def _actions(*, schools: list[School], size: Size, recorders: dict[int, int]) -> None:
    """Five actions a year under the aims, for every generated school."""
    now = dates.now()
    rows = [
        {
            "school_id": school.pk,
            "academic_year": year.start_year,
            "title": f"Action {index} for {year.label}",
            "description": "Assemblies and lessons on respect and difference.",
            "aims": [Aim.ELIMINATE, Aim.FOSTER],
            "characteristics": [Characteristic.RACE, Characteristic.RELIGION],
            "groups": [],
            "other_group": "",
            "owner": "Equality lead",
            "date": None,
            "term": "",
            "evidence_note": "Lesson plans and pupil voice.",
            "evidence_url": "",
            "position": index,
            "created_by_id": recorders[school.pk],
            "created_at": now,
            "updated_at": now,
        }
        for school in schools
        for year in _years(size)
        for index in range(5)
    ]
    insert_rows(Action, rows)


def _publications(*, schools: list[School], size: Size) -> None:
    """Every past year's statement for every generated school: a copy of the measured school's
    publication (HTML, JSON and PDF), so the table is as large as a real one."""
    template = Publication.objects.filter(school__slug=MEASURED_SCHOOL).order_by("pk").first()
    years = [year for year in _years(size) if year < AcademicYear.current()]
    if template is None or not years or not schools:
        return
    governors = dict(
        Membership.objects.filter(school__in=schools, role=Role.GOVERNOR).values_list(
            "school", "user"
        )
    )
    leaders = dict(
        Membership.objects.filter(school__in=schools, role=Role.LEADERSHIP).values_list(
            "school", "user"
        )
    )
    pairs = [(school, year) for school in schools for year in years]
    drafts = StatementDraft.objects.bulk_create(
        [
            StatementDraft(school=school, period_start=year.start, period_end=year.end)
            for school, year in pairs
        ]
    )
    published = [
        timezone.make_aware(datetime.datetime.combine(year.start, datetime.time(9)))
        + datetime.timedelta(days=150)
        for _, year in pairs
    ]
    # The stored files are copied inside PostgreSQL, never through Python: into each draft's
    # approved version, and from it into its publication.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO publishing_statementversion (
                draft_id, number, submitted_by_id, submitted_at, data, data_json, html, pdf,
                content_sha256, html_sha256, pdf_sha256, findings,
                data_cy, data_json_cy, html_cy, pdf_cy)
            SELECT v.draft_id, 1, v.submitted_by_id, v.submitted_at, p.data, p.data_json,
                p.html, p.pdf, p.data_sha256, p.html_sha256, p.pdf_sha256, '[]'::jsonb,
                p.data_cy, p.data_json_cy, p.html_cy, p.pdf_cy
            FROM publishing_publication p,
                unnest(%s::bigint[], %s::bigint[], %s::timestamptz[])
                    AS v(draft_id, submitted_by_id, submitted_at)
            WHERE p.id = %s
            RETURNING draft_id, id
            """,
            [
                [draft.pk for draft in drafts],
                [leaders[school.pk] for school, _ in pairs],
                published,
                template.pk,
            ],
        )
        versions = dict(cursor.fetchall())
    Decision.objects.bulk_create(
        Decision(
            version_id=versions[draft.pk],
            outcome=DecisionOutcome.APPROVED,
            decided_by_id=governors[draft.school_id],
            decided_at=when,
            on_behalf_of=ApprovingBody.GOVERNING_BODY.label,
        )
        for draft, when in zip(drafts, published, strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO publishing_publication (
                school_id, kind, period_start, period_end, period_label, version,
                statement_version_id, published_at,
                published_by_id, approved_by_name, approved_at, approved_on_behalf_of,
                correction_note, supersedes_id, warnings_acknowledged, html, data, data_json,
                pdf, html_sha256, data_sha256, pdf_sha256, data_cy, data_json_cy, html_cy,
                pdf_cy)
            SELECT v.school_id, 'statement', v.period_start, v.period_end, '', 1, v.version_id,
                v.published_at,
                v.published_by_id, p.approved_by_name, v.published_at,
                p.approved_on_behalf_of, '', NULL, p.warnings_acknowledged, p.html, p.data,
                p.data_json, p.pdf, p.html_sha256, p.data_sha256, p.pdf_sha256, p.data_cy,
                p.data_json_cy, p.html_cy, p.pdf_cy
            FROM publishing_publication p,
                unnest(
                    %s::bigint[], %s::date[], %s::date[], %s::bigint[], %s::timestamptz[],
                    %s::bigint[]
                ) AS v(
                    school_id, period_start, period_end, version_id, published_at,
                    published_by_id
                )
            WHERE p.id = %s
            """,
            [
                [school.pk for school, _ in pairs],
                [year.start for _, year in pairs],
                [year.end for _, year in pairs],
                [versions[draft.pk] for draft in drafts],
                published,
                [leaders[school.pk] for school, _ in pairs],
                template.pk,
            ],
        )


# --- The whole data set ------------------------------------------------------------------------


def build(size: Size) -> dict[str, int]:
    """Load the demo (the measured school's real content), then generate the rest of the size.

    Returns row counts for the report. Run on an empty, migrated database.
    """
    rng = random.Random(SEED)  # noqa: S311 (reproducible data, not secrets)
    call_command("loaddemo", force=True, verbosity=0)
    password_hash = make_password(BENCH_PASSWORD)
    measured = School.objects.get(slug=MEASURED_SCHOOL)
    with transaction.atomic():
        _measured_school_staff(measured, password_hash)
        others = _other_schools(size, rng, password_hash)
        staff = Membership.objects.filter(role=Role.STAFF).order_by("pk")
        recorders = {}
        for membership in staff:
            recorders.setdefault(membership.school_id, membership.user_id)
        _incidents(schools=[measured, *others], size=size, rng=rng, recorders=recorders)
        _actions(schools=others, size=size, recorders=recorders)
        if connection.vendor == "postgresql":
            _publications(schools=others, size=size)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return row_counts()


def row_counts() -> dict[str, int]:
    return {
        "schools": School.objects.count(),
        "users": User.objects.count(),
        "incidents": Incident.objects.count(),
        "people involved": IncidentPerson.objects.count(),
        "incident history rows": Incident.history.count(),
        "actions": Action.objects.count(),
        "publications": Publication.objects.count(),
    }
