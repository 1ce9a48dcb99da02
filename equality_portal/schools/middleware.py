"""Two-factor sign-in enforcement."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .two_factor import user_has_two_factor, user_requires_two_factor

# Pages a signed-in user who still owes a second factor may open. Changing the password is
# not one of them: a password alone must not be enough to change it.
TWO_FACTOR_EXEMPT_URL_NAMES = frozenset({"logout", "two_factor_setup", "two_factor_verify"})


class TwoFactorRequiredMiddleware:
    """Send a user whose role needs two-factor sign-in to verify (or set up) a second factor
    before any page but sign-out and the two-factor pages. Public pages are unaffected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is None or match.url_name in TWO_FACTOR_EXEMPT_URL_NAMES:
            return None
        if match.namespace == "admin" or not request.user.is_authenticated:
            return None
        if request.user.is_verified() or not user_requires_two_factor(request.user):
            return None
        target = "two_factor_verify" if user_has_two_factor(request.user) else "two_factor_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class NoStoreWhenSignedInMiddleware:
    """Every answer to a signed-in user (pages, CSV and PDF downloads, redirects) is marked
    ``Cache-Control: no-store``, so nothing personal stays in a shared computer's browser cache
    after sign-out. Public pages for visitors who are not signed in keep their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
