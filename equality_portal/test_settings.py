"""Test settings: the real settings, made faster. Nothing here changes behaviour under test."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("HTTPS", "false")
# Two-factor sign-in is tested on its own (tests/schools/test_two_factor.py), with it on.
os.environ.setdefault("TWO_FACTOR_REQUIRED", "false")

from equality_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The manifest needs collectstatic; tests render templates without it.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests serve static files through the finders; there is no collected STATIC_ROOT to scan.
STATIC_ROOT = None  # type: ignore[assignment]
# Tests can never reach a developer's database, even a test that slips past pytest-django's
# test-database set-up: on SQLite the configured database is an empty one in memory.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
