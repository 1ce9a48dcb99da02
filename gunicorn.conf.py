"""gunicorn's settings, read when gunicorn starts in the project's directory.

A worker busy longer than the request budget (``REQUEST_TIMEOUT`` in equality_portal/settings.py,
30 seconds unless set) is stopped and restarted, so one slow request cannot hold a worker; the
portal's heaviest request, a CSV import at its row limit, finishes well inside it.
"""

from equality_portal.settings import REQUEST_TIMEOUT

timeout = REQUEST_TIMEOUT
