"""Signing in and the signed-in user's own account."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.views.generic import FormView

from . import services
from .base_views import apply_validation_error
from .forms import AccountDetailsForm, PortalAuthenticationForm
from .models import User


class SignInView(auth_views.LoginView):
    """Django's sign-in, rate-limited per account and per address (``throttling``)."""

    authentication_form = PortalAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return response


class AccountDetailsView(FormView):
    """The signed-in user's own name and email."""

    form_class = AccountDetailsForm
    template_name = "registration/account_details.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        user = self.request.user
        return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}

    def form_valid(self, form):
        # A copy, so a refused change never shows in the page's header.
        user = User.objects.get(pk=self.request.user.pk)
        try:
            with transaction.atomic():
                services.user_update_details(
                    user=user,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    email=form.cleaned_data["email"],
                )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Your details were saved.")
        return redirect("account_details")
