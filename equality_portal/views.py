"""Site-wide pages: health check, accessibility statement, and the error pages."""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import TemplateView


@login_not_required
@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not. For load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def home(request):
    return redirect("schools:home")


@method_decorator(login_not_required, name="dispatch")
class AccessibilityStatementView(TemplateView):
    template_name = "accessibility.html"


def _render_without_database(template_name: str, status: int) -> HttpResponse:
    # Rendered with a plain context: the request's user and session may need the very
    # database that just failed.
    return HttpResponse(loader.get_template(template_name).render({}), status=status)


@requires_csrf_token
def server_error(request):
    """500, or 503 when the cause is the database being unavailable."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return _render_without_database("503.html", status=503)
    return _render_without_database("500.html", status=500)


def csrf_failure(request, reason=""):
    """A stale or missing CSRF token: usually a form left open too long. Ask for a reload."""
    return HttpResponse(loader.render_to_string("403_csrf.html", request=request), status=403)
