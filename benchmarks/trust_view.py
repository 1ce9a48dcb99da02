"""The trust view at 2 and at 500 academies: its queries and its time, as a ratio.

    .venv/bin/python -m benchmarks.trust_view [--schools 500] [--rounds 20]

Runs on a throw-away test database (SQLite by default, PostgreSQL with DATABASE_URL). The
checks come from each school's compliance snapshot for the day, as after the night's run, so
the measure is the page itself. The target: the same number of queries at both sizes, and a
time ratio that grows with the rows drawn (a table of 500 rows), not with queries.
"""

import argparse
import json
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equality_portal.test_settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

from equality_portal import dates  # noqa: E402
from equality_portal.core.checks import Check, Status  # noqa: E402
from equality_portal.oversight.snapshots import checks_store  # noqa: E402
from equality_portal.schools.models import Membership, School, Trust, User  # noqa: E402
from equality_portal.schools.roles import Role  # noqa: E402

CHECKS = [
    Check(key=f"check_{n}", title=f"Check {n}", status=Status.MET, summary="", action="", url="/")
    for n in range(14)  # as many as the portal's rules
]


def build(size: int) -> User:
    user = User.objects.create_user(username=f"governor-{size}", email=f"g{size}@example.org")
    trust = Trust.objects.create(name=f"Trust of {size}")
    schools = School.objects.bulk_create(
        School(
            name=f"Academy {size}-{n}",
            slug=f"academy-{size}-{n}",
            phase="primary",
            local_authority="Surrey",
            number_of_staff=40,
            trust=trust,
        )
        for n in range(size)
    )
    Membership.objects.bulk_create(
        Membership(user=user, school=school, role=Role.GOVERNOR) for school in schools
    )
    for school in schools:
        checks_store(school=school, today=dates.today(), checks=CHECKS)
    return user


def measure(user: User, rounds: int) -> dict:
    client = Client()
    client.force_login(user)
    client.get("/trust/")  # warm
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get("/trust/")
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get("/trust/")
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"/trust/ answered {response.status_code}")
    return {"queries": len(queries), "median_ms": statistics.median(times) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        small = measure(build(2), args.rounds)
        large = measure(build(args.schools), args.rounds)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    print(
        json.dumps(
            {
                "2": small,
                str(args.schools): large,
                "same_queries": small["queries"] == large["queries"],
                "time_ratio": round(large["median_ms"] / small["median_ms"], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
