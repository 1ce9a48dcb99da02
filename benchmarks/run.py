"""Benchmarks against the stack's own limits: build a data set, measure, write a report.

    .venv/bin/python -m benchmarks.run --size county     # or trust; --quick for a laptop

Every measurement is a ratio to a baseline measured in the same run on the same machine:
whitenoise serving a static file of the same size (public page, PDF), the same pages at one
school's size (dashboard, summaries), WeasyPrint rendering a static file (PDF generation). The
portal runs under gunicorn with production settings against PostgreSQL; load comes from wrk on
127.0.0.1. See README.md, "Benchmarks".
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.sizes import incidents_export_path, incidents_list_path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
DATA_VERSION = "1"  # bump when benchmarks/data.py changes what it generates
SECRET_KEY = "benchmark-only-secret-key-never-used-in-production-0123456789"  # noqa: S105
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
STATIC_BASELINE = ROOT / "staticfiles" / "benchmark"
REFERENCE_SIZE = "school"
THROUGHPUT_TARGET = 0.8  # of whitenoise serving a static file of the same size
LATENCY_TARGET = 2.0  # county size / one school size
PDF_TARGET = 1.2  # of WeasyPrint rendering a static file
# Of PostgreSQL's COPY of the same rows into an ordinary table like the figures', committed.
IMPORT_TARGET = 10.0
WRITERS = 16
CSRF_SECRET = "benchmarkcsrfsecret0123456789abc"  # noqa: S105 (32 characters, as the cookie)


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- Processes ---------------------------------------------------------------------------------


def database_url(name: str) -> str:
    return f"{POSTGRES}/{name}"


def django_env(database: str, **extra) -> dict:
    """Production-like settings for loopback HTTP: DEBUG off, a secret key, no HTTPS redirect.

    Two-factor sign-in is off so the leadership pages can be measured with a session cookie;
    email goes nowhere, as it would to a relay outside the measured machine.
    """
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "equality_portal.settings",
        "DATABASE_URL": database_url(database),
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "TWO_FACTOR_REQUIRED": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "1000",
        **extra,
    }


def task(database: str, name: str, *arguments, **env) -> dict:
    """Run one of benchmarks/tasks.py against a data set's database and return its result."""
    completed = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "benchmarks.tasks", name, *map(str, arguments)],
        cwd=ROOT,
        env=django_env(database, **env),
        capture_output=True,
        text=True,
        check=False,
    )
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    raise RuntimeError(f"Task {name} failed:\n{completed.stdout}\n{completed.stderr}")


def manage(database: str, *arguments: str) -> None:
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=django_env(database), check=True
    )


def psql(sql: str, database: str = "postgres") -> str:
    completed = subprocess.run(  # noqa: S603
        ["psql", database_url(database), "-tAc", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.strip()


def ensure_wrk() -> str:
    """wrk from Debian; installed with apt-get when missing and running as root."""
    if not shutil.which("wrk"):
        if os.geteuid() != 0:
            sys.exit("wrk is missing: install it with `apt-get install -y wrk`, then run again.")
        log("Installing wrk with apt-get")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # noqa: S607
    completed = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607
    return (completed.stdout + completed.stderr).split("\n")[0].strip()


def ensure_database(size: str, *, rebuild: bool) -> dict:
    """The size's database, built once and reused while its marker matches."""
    name = f"benchmarks_{size}"
    marker = f"equality-portal benchmark size={size} data={DATA_VERSION}"
    # The names come from SIZES, never from outside.
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"  # noqa: S608
    if exists and not rebuild:
        comment = psql(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "  # noqa: S608
            f"WHERE datname = '{name}'"
        )
        if comment.startswith(marker):
            log(f"Reusing {name} ({comment.removeprefix(marker).strip()})")
            # The code may have gained migrations since the data set was built.
            manage(name, "migrate", "--noinput", "-v0")
            return {"database": name, "reused": True, **json.loads(comment.split("|", 1)[1])}
    log(f"Building {name}: this is the slow part the first time")
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")
    start = time.perf_counter()
    manage(name, "migrate", "--noinput", "-v0")
    built = task(name, "build", size)
    built["seconds"] = round(time.perf_counter() - start, 1)
    stored = json.dumps({"build_seconds": built["seconds"], "rows": built["rows"]})
    psql(f"COMMENT ON DATABASE {name} IS '{marker} | {stored}'")
    log(f"Built {name} in {built['seconds']} s: {built['rows']}")
    return {
        "database": name,
        "reused": False,
        "build_seconds": built["seconds"],
        "rows": built["rows"],
    }


class Server:
    """gunicorn serving the portal on one port, started and stopped by this run."""

    def __init__(self, database: str, port: int, workers: int):
        self.database, self.port, self.workers = database, port, workers
        self.base = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "equality_portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=django_env(self.database),
        )
        for _ in range(100):
            with contextlib.suppress(OSError):
                if get(self.port, "/healthz")[0] == 200:
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start on port {self.port}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def get(port: int, path: str, cookies: dict | None = None, method="GET", body=None, headers=None):
    """(status, headers, body) of one request, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    all_headers = dict(headers or {})
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response.status, response.getheaders(), content


def wrk(url, *, seconds, connections, threads=2, headers=(), script="summary.lua", env=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    for header in headers:
        command += ["-H", header]
    command += ["-s", str(HERE / "wrk" / script), url]
    completed = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    )
    line = next(line for line in completed.stdout.splitlines() if line.startswith("BENCH "))
    result = json.loads(line.removeprefix("BENCH "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


# --- Measurements ------------------------------------------------------------------------------


def throughput(port, page, baseline, *, seconds, rounds, connections):
    """Requests per second of a page and of its static baseline, alternating, median of rounds."""
    wrk(f"http://127.0.0.1:{port}{page}", seconds=2, connections=connections)  # warm up
    wrk(f"http://127.0.0.1:{port}{baseline}", seconds=2, connections=connections)
    pages, baselines = [], []
    for _ in range(rounds):
        pages.append(
            wrk(f"http://127.0.0.1:{port}{page}", seconds=seconds, connections=connections)
        )
        baselines.append(
            wrk(f"http://127.0.0.1:{port}{baseline}", seconds=seconds, connections=connections)
        )
    page_rps = statistics.median(r["rps"] for r in pages)
    baseline_rps = statistics.median(r["rps"] for r in baselines)
    return {
        "page_rps": page_rps,
        "baseline_rps": baseline_rps,
        "ratio": page_rps / baseline_rps,
        "page_p95_ms": statistics.median(r["p95_us"] for r in pages) / 1000,
        "baseline_p95_ms": statistics.median(r["p95_us"] for r in baselines) / 1000,
        "errors": sum(r["socket_errors"] + r["bad_status"] for r in pages + baselines),
    }


def governors_report_path(school: str, year: str) -> str | None:
    """The governors' termly report for the summer term of the published year (a whole term of
    changes, incidents and progress)."""
    return f"/schools/{school}/reports/{year}/summer/"


def latency(port, path, cookie, *, seconds, connections=2):
    """Median and 95th percentile of one signed-in page at low concurrency (no queueing)."""
    headers = [f"Cookie: sessionid={cookie}"]
    status = get(port, path, cookies={"sessionid": cookie})[0]
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200: is the session valid?")
    wrk(
        f"http://127.0.0.1:{port}{path}",
        seconds=2,
        connections=connections,
        threads=1,
        headers=headers,
    )
    result = wrk(
        f"http://127.0.0.1:{port}{path}",
        seconds=seconds,
        connections=connections,
        threads=1,
        headers=headers,
    )
    return {
        "p50_ms": result["p50_us"] / 1000,
        "p95_ms": result["p95_us"] / 1000,
        "rps": result["rps"],
        "errors": result["socket_errors"] + result["bad_status"],
    }


def latency_pages(prepared) -> dict[str, tuple[str, str]]:
    school, year = prepared["school"], prepared["year"]
    pages = {
        "School dashboard (governor)": ("bench-governor", f"/schools/{school}/"),
        "School dashboard (leadership)": ("bench-leader", f"/schools/{school}/"),
        "Incidents summary (governor)": ("bench-governor", f"/schools/{school}/incidents/summary/"),
        # Managers find incidents: the filtered, searched list and its CSV.
        "Incidents list (leadership)": ("bench-leader", incidents_list_path(school)),
        "Incidents export (leadership)": ("bench-leader", incidents_export_path(school)),
    }
    report = governors_report_path(school, year)
    if report:
        pages["Governors' report"] = ("bench-governor", report)
    return pages


def record_incidents(port, prepared, database, *, seconds):
    """16 members of staff recording incidents at once; then the count check."""
    cookies = [prepared["cookies"][f"bench-staff-{n:02d}"] for n in range(1, WRITERS + 1)]
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as pks_file:
        pass
    env = {
        "BENCH_PATH": f"/schools/{prepared['school']}/incidents/record/",
        "BENCH_SESSIONS": ",".join(cookies),
        "BENCH_CSRF": CSRF_SECRET,
        "BENCH_DATE": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
        "BENCH_YEAR_GROUP": prepared["phase_year_group"],
        "BENCH_PKS_FILE": pks_file.name,
    }
    result = wrk(
        f"http://127.0.0.1:{port}{env['BENCH_PATH']}",
        seconds=seconds,
        connections=WRITERS,
        threads=2,
        script="record_incident.lua",
        env=env,
    )
    time.sleep(1)  # requests in flight when wrk stopped finish on the server
    pks = Path(pks_file.name).read_text().strip(",")
    os.unlink(pks_file.name)
    check = task(database, "written_incidents", pks)
    result["check"] = check
    result["exactly_once"] = (
        check["stored"] == check["distinct_submissions"]
        and check["acknowledged"] == check["acknowledged_distinct"]
        and check["acknowledged_missing"] == 0
        and check["numbers_distinct"]
        and result["refused"] == 0
        and 0 <= check["stored"] - check["acknowledged"] <= WRITERS
    )
    return result


def sign_in(port) -> dict:
    """Sign in through the form, as a browser would: returns the cookies."""
    status, headers, body = get(port, "/accounts/login/")
    cookies = dict(
        re.match(r"([^=]+)=([^;]*)", value).groups()
        for name, value in headers
        if name == "Set-Cookie"
    )
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, headers, _ = get(
        port,
        "/accounts/login/",
        cookies=cookies,
        method="POST",
        body=urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "bench-governor",
                "password": "bench-password-not-secret",
            }
        ),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    for name, value in headers:
        if name == "Set-Cookie":
            key, val = re.match(r"([^=]+)=([^;]*)", value).groups()
            cookies[key] = val
    return {"status": status, "cookies": cookies}


def scale_out(database, prepared, port_a, port_b) -> list[tuple[str, bool, str]]:
    """Two app servers, one database: sessions, publications and files work on either."""
    school = prepared["school"]
    checks = []
    signed_in = sign_in(port_a)
    cookies = signed_in["cookies"]
    checks.append(
        (
            "Sign in through the form on server A",
            signed_in["status"] == 302 and "sessionid" in cookies,
            f"status {signed_in['status']}",
        )
    )
    status_b = get(port_b, f"/schools/{school}/", cookies=cookies)[0]
    checks.append(
        ("A's session opens the dashboard on server B", status_b == 200, f"status {status_b}")
    )
    status, _, _ = get(
        port_b,
        "/accounts/logout/",
        cookies=cookies,
        method="POST",
        body=urlencode({"csrfmiddlewaretoken": cookies.get("csrftoken", "")}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": cookies.get("csrftoken", ""),
        },
    )
    status_a = get(port_a, f"/schools/{school}/", cookies=cookies)[0]
    checks.append(
        (
            "Signing out on B ends the session on A",
            status == 302 and status_a == 302,
            f"logout {status}, then A answered {status_a}",
        )
    )
    # Both servers have the page cached before the new version is published.
    get(port_a, f"/equality/{school}/")
    get(port_b, f"/equality/{school}/")
    published = task(database, "publish_correction")
    marker = f"version {published['version']}".encode()
    published_at = time.monotonic()
    for label, port in (("A", port_a), ("B", port_b)):
        # Each server trusts its fingerprint of the school's publications for a few seconds.
        while not (seen := marker in get(port, f"/equality/{school}/")[2]):
            if time.monotonic() - published_at > 30:
                break
            time.sleep(0.25)
        waited = time.monotonic() - published_at
        checks.append(
            (
                f"The new version {published['version']} is on server {label}'s public page",
                seen,
                f"seen {waited:.1f} s after the publishing process ended",
            )
        )
    import hashlib

    status, _, pdf = get(port_b, f"/equality/{school}/{published['year']}/statement.pdf")
    same = hashlib.sha256(pdf).hexdigest() == published["pdf_sha256"]
    checks.append(
        (
            "Server B serves the new PDF, byte for byte as published",
            status == 200 and same,
            f"status {status}, {len(pdf)} bytes",
        )
    )
    return checks


# --- Report ------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "os": platform.platform()}


def versions(wrk_version: str, database: str) -> dict:
    import django
    import gunicorn
    import weasyprint

    server = task(database, "versions")["postgresql"]
    return {
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": f"{server // 10000}.{server % 10000}",
        "gunicorn": gunicorn.__version__,
        "WeasyPrint": weasyprint.__version__,
        "wrk": wrk_version,
    }


def mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def write_report(results: dict) -> Path:
    r = results
    lines = [
        f"# Benchmark report: {r['size']} size",
        "",
        f"Run {r['started']:%Y-%m-%d %H:%M} on commit `{r['commit']}` with "
        f"`{r['command']}` ({r['elapsed_minutes']:.1f} minutes).",
        "",
        "## Machine and versions",
        "",
        f"- {r['machine']['cpu']}, {r['machine']['cores']} cores, {r['machine']['memory']}; "
        f"{r['machine']['os']}",
        "- " + ", ".join(f"{k} {v}" for k, v in r["versions"].items()),
        f"- gunicorn with {r['workers']} sync workers, `DEBUG=false`, PostgreSQL on 127.0.0.1, "
        "wrk on 127.0.0.1 (the same 2 cores), persistent connections (`CONN_MAX_AGE=600`); "
        "two-factor sign-in off for the benchmark users; email to the dummy backend.",
        "",
        "## Data sets",
        "",
        "| data set | database | built in | " + " | ".join(r["reference"]["rows"]) + " |",
        "| --- | --- | --- | " + " | ".join("---:" for _ in r["reference"]["rows"]) + " |",
    ]
    for label, built in (
        ("one school (reference)", r["reference"]),
        (r["size_description"], r["target"]),
    ):
        lines.append(
            f"| {label} | `{built['database']}` | {built['build_seconds']} s"
            f"{' (reused)' if built['reused'] else ''} | "
            + " | ".join(f"{v:,}" for v in built["rows"].values())
            + " |"
        )
    lines += [
        "",
        "The measured school is the demo's Carrington (its real statement and content), with "
        "generated incidents, people, history rows, actions and published statements around it.",
        "",
        "## Public pages against whitenoise",
        "",
        f"Requests per second, median of {r['rounds']} rounds of {r['seconds']} s with "
        f"{r['connections']} connections, against whitenoise serving a static file of the same "
        f"size from the same gunicorn. Target: at least {THROUGHPUT_TARGET} of the baseline.",
        "",
        "| page | bytes | portal req/s | whitenoise req/s | ratio | p95 ms (portal / static) "
        "| target |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for label, key, size in (
        ("Public statement page", "public_page", r["prepared"]["page_bytes"]),
        ("Published PDF", "public_pdf", r["prepared"]["pdf_bytes"]),
    ):
        m = r[key]
        lines.append(
            f"| {label} | {size:,} | {m['page_rps']:.0f} | {m['baseline_rps']:.0f} | "
            f"{m['ratio']:.2f} | {m['page_p95_ms']:.1f} / {m['baseline_p95_ms']:.1f} | "
            f"{mark(m['ratio'] >= THROUGHPUT_TARGET)} |"
        )
    lines += [
        "",
        f"## Signed-in pages: {r['size']} size against one school",
        "",
        f"Latency with 2 connections for {r['seconds']} s (no queueing), in milliseconds; "
        f"SQL queries per page counted in-process on each data set. Target: ratio under "
        f"{LATENCY_TARGET} and the same number of queries.",
        "",
        "| page | one school p50 / p95 | " + r["size"] + " p50 / p95 | ratio p50 / p95 | "
        "queries (one school / " + r["size"] + ") | target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, values in r["latency"].items():
        one, big = values["reference"], values["target"]
        ratio50, ratio95 = big["p50_ms"] / one["p50_ms"], big["p95_ms"] / one["p95_ms"]
        queries = values["queries"]
        lines.append(
            f"| {label} | {one['p50_ms']:.1f} / {one['p95_ms']:.1f} | {big['p50_ms']:.1f} / "
            f"{big['p95_ms']:.1f} | {ratio50:.2f} / {ratio95:.2f} | {queries[0]} / {queries[1]} | "
            f"{mark(ratio95 < LATENCY_TARGET and queries[0] == queries[1])} |"
        )
    lines += ["", "Queries per page on each data set:", ""]
    lines += ["| page | one school | " + r["size"] + " |", "| --- | ---: | ---: |"]
    for page, counted in r["queries"]["reference"].items():
        lines.append(
            f"| {page} | {counted['queries']} | {r['queries']['target'][page]['queries']} |"
        )
    w = r["write"]
    check = w["check"]
    lines += [
        "",
        f"## Recording incidents: {WRITERS} members of staff at once for {r['write_seconds']} s",
        "",
        f"- Throughput: **{w['rps']:.1f} incidents per second**; latency p50 "
        f"{w['p50_us'] / 1000:.0f} ms, p95 **{w['p95_us'] / 1000:.0f} ms**, p99 "
        f"{w['p99_us'] / 1000:.0f} ms.",
        f"- {w['created']} acknowledged (302 to the new incident), {w['refused']} refused, "
        f"{w['socket_errors']} socket errors; {check['stored']} stored, "
        f"{check['distinct_submissions']} distinct submissions, "
        f"{check['acknowledged_missing']} acknowledged but missing, incident numbers "
        f"{'all distinct' if check['numbers_distinct'] else 'REPEATED'}.",
        "- Every submitted incident stored exactly once: "
        f"**{'yes' if w['exactly_once'] else 'NO'}** "
        "(stored − acknowledged = requests still in flight when wrk stopped, at most "
        f"{WRITERS}).",
    ]
    p = r["pdf"]
    per_page = p["portal_seconds"] / p["pages"]
    library_per_page = p["library_seconds"] / p["pages"]
    lines += [
        "",
        "## PDF generation against WeasyPrint",
        "",
        f"The statement ({p['pages']} pages, {p['html_bytes']:,} bytes of HTML): the portal's "
        f"rendering (template, print stylesheet, tagged PDF/UA-1) against WeasyPrint rendering "
        f"the same document from a static file with the same stylesheet and options. Median of "
        f"{r['pdf_repeat']}.",
        "",
        "| | seconds | seconds per page |",
        "| --- | ---: | ---: |",
        f"| portal | {p['portal_seconds']:.2f} | {per_page:.3f} |",
        f"| WeasyPrint, static file | {p['library_seconds']:.2f} | {library_per_page:.3f} |",
        f"| ratio | {p['portal_seconds'] / p['library_seconds']:.2f} | target under {PDF_TARGET}: "
        f"{mark(p['portal_seconds'] / p['library_seconds'] < PDF_TARGET)} |",
        "",
        f"Composing the statement's data from every app (before rendering): "
        f"{p['compose_seconds']:.2f} s.",
    ]
    c = r["census"]
    import_ratio = c["rows_seconds"] / c["table_copy_seconds"]
    lines += [
        "",
        "## Census CSV import",
        "",
        "The portal imports the census as counts per category (it holds no pupil-level data), "
        "all or nothing.",
        "",
        f"- A census of 2,000 pupils ({c['census_rows']} rows of counts): "
        f"**{c['census_seconds']:.2f} s**.",
        f"- A file of {c['rows']:,} rows (the counts of 2,000 pupils at "
        f"{c['census_dates']} census dates), with its history: **{c['rows_seconds']:.2f} s**; "
        f"PostgreSQL's COPY of the same rows into an ordinary table made like the figures' "
        f"(its indexes and checks), committed: {c['table_copy_seconds']:.3f} s; ratio "
        f"**{import_ratio:.1f}**, target at most "
        f"{IMPORT_TARGET:.0f}: {mark(import_ratio <= IMPORT_TARGET)}.",
        f"- Beside it: COPY of the same rows into a temporary table without indexes (no "
        f"write-ahead log, so not durable): {c['copy_seconds']:.3f} s, ratio "
        f"{c['rows_seconds'] / c['copy_seconds']:.0f}; COPY of the rows and their history into "
        f"tables made like the figures' and their history's: {c['schema_copy_seconds']:.2f} s, "
        f"ratio {c['rows_seconds'] / c['schema_copy_seconds']:.1f}.",
        f"- The same file with a bad last row: rejected "
        f"{'yes' if c['bad_rejected'] else 'NO'} ({c['bad_message']}), in "
        f"{c['bad_seconds']:.2f} s; nothing saved: **{'yes' if c['nothing_saved'] else 'NO'}**.",
        "",
        "## Scale-out: two app servers, one PostgreSQL",
        "",
        f"Server A on port {r['ports'][0]} and server B on port {r['ports'][1]}, "
        f"{r['workers']} workers each.",
        "",
    ]
    lines += [
        f"- {'PASS' if ok else 'FAIL'}: {label}{f' ({detail})' if detail else ''}"
        for label, ok, detail in r["scale_out"]
    ]
    lines.append("")
    out = HERE / "results" / f"report-{r['started']:%Y%m%d-%H%M%S}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines))
    return out


# --- The run -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=["quick", "trust", "county"], default="trust")
    parser.add_argument("--quick", action="store_true", help="small data, short runs: a laptop")
    parser.add_argument("--rebuild", action="store_true", help="build the data sets again")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    arguments = parser.parse_args()
    size = "quick" if arguments.quick else arguments.size
    quick = size == "quick"
    seconds, rounds, write_seconds = (5, 1, 10) if quick else (15, 3, 30)
    started = datetime.datetime.now()
    results = {
        "size": size,
        "started": started,
        "command": "python -m benchmarks.run " + " ".join(sys.argv[1:]),
        "workers": arguments.workers,
        "seconds": seconds,
        "rounds": rounds,
        "connections": 8,
        "write_seconds": write_seconds,
        "pdf_repeat": 3 if quick else 5,
        "machine": machine(),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
    }
    from benchmarks.sizes import SIZES

    results["size_description"] = SIZES[size].description
    wrk_version = ensure_wrk()
    reference = ensure_database(REFERENCE_SIZE, rebuild=arguments.rebuild)
    target = ensure_database(size, rebuild=arguments.rebuild)
    results["reference"], results["target"] = reference, target
    results["versions"] = versions(wrk_version, target["database"])
    manage(target["database"], "collectstatic", "--noinput", "-v0")
    prepared = {
        name: task(built["database"], "prepare", STATIC_BASELINE)
        for name, built in (("reference", reference), ("target", target))
    }
    results["prepared"] = prepared["target"]
    log("Counting queries per page")
    results["queries"] = {
        name: task(built["database"], "queries")
        for name, built in (("reference", reference), ("target", target))
    }
    ports = (8701, 8702)
    results["ports"] = ports
    latencies = {}
    with Server(reference["database"], ports[0], arguments.workers) as server:
        log("Latency at one school's size")
        for label, (user, path) in latency_pages(prepared["reference"]).items():
            cookie = prepared["reference"]["cookies"][user]
            latencies[label] = {"reference": latency(server.port, path, cookie, seconds=seconds)}
    query_names = {
        "School dashboard (governor)": "dashboard (governor)",
        "School dashboard (leadership)": "dashboard (leadership)",
        "Incidents summary (governor)": "incidents summary (governor)",
        "Incidents list (leadership)": "incidents list (leadership)",
        "Incidents export (leadership)": "incidents export (leadership)",
    }
    with Server(target["database"], ports[0], arguments.workers) as server:
        log(f"Latency at {size} size")
        for label, (user, path) in latency_pages(prepared["target"]).items():
            cookie = prepared["target"]["cookies"][user]
            latencies[label]["target"] = latency(server.port, path, cookie, seconds=seconds)
            name = query_names.get(label)
            latencies[label]["queries"] = (
                results["queries"]["reference"].get(name, {}).get("queries", "–"),
                results["queries"]["target"].get(name, {}).get("queries", "–"),
            )
        results["latency"] = latencies
        school, year = prepared["target"]["school"], prepared["target"]["year"]
        for key, page, baseline in (
            ("public_page", f"/equality/{school}/", "statement.html"),
            ("public_pdf", f"/equality/{school}/{year}/statement.pdf", "statement.pdf"),
        ):
            log(f"{page} against whitenoise")
            results[key] = throughput(
                server.port,
                page,
                f"/static/benchmark/{baseline}",
                seconds=seconds,
                rounds=rounds,
                connections=results["connections"],
            )
        log(f"{WRITERS} members of staff recording incidents for {write_seconds} s")
        results["write"] = record_incidents(
            server.port, prepared["target"], target["database"], seconds=write_seconds
        )
        log("Scale-out: a second server on the same database")
        with Server(target["database"], ports[1], arguments.workers):
            results["scale_out"] = scale_out(target["database"], prepared["target"], *ports)
    log("PDF generation against WeasyPrint")
    results["pdf"] = task(target["database"], "pdf", results["pdf_repeat"])
    log("Census CSV import")
    results["census"] = task(target["database"], "census_import")
    results["elapsed_minutes"] = (datetime.datetime.now() - started).total_seconds() / 60
    report = write_report(results)
    log(f"Report: {report.relative_to(ROOT)}")
    print(report.read_text())


if __name__ == "__main__":
    main()
