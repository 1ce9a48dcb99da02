"""Signing in and the signed-in user's own account."""

from http import HTTPStatus

from django.contrib.auth import views as auth_views

from .forms import PortalAuthenticationForm


class SignInView(auth_views.LoginView):
    """Django's sign-in, rate-limited per account and per address (``throttling``)."""

    authentication_form = PortalAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return response
