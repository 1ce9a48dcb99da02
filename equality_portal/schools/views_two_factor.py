"""Setting up and using two-factor sign-in."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken

from . import two_factor
from .models import AuditAction
from .services import audit_record


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _second_factor_verified(request, device) -> None:
    """Mark the session verified under a new session key: a key seen before the second factor
    (after the password alone) must never open what the second factor guards."""
    otp_login(request, device)
    request.session.cycle_key()


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


class TwoFactorSetupView(FormView):
    """Link an authenticator app by QR code or key, confirm with a code, get recovery codes."""

    form_class = CodeForm
    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        # Replacing an authenticator needs the current one: a password alone is not enough.
        if two_factor.user_has_two_factor(request.user) and not request.user.is_verified():
            return redirect("two_factor_verify")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = two_factor.totp_device_pending(user=self.request.user)
        kwargs.update(two_factor.totp_setup_details(device))
        kwargs["next"] = _safe_next(self.request)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        device = two_factor.totp_device_pending(user=self.request.user)
        codes = two_factor.totp_device_confirm(device=device, token=form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", two_factor.WRONG_CODE)
            return self.form_invalid(form)
        _second_factor_verified(self.request, device)
        return render(
            self.request,
            "registration/recovery_codes.html",
            {"codes": codes, "next": _safe_next(self.request), "just_set_up": True},
        )


class TwoFactorVerifyView(FormView):
    """The second step of signing in."""

    form_class = CodeForm
    template_name = "registration/two_factor_verify.html"

    def get_context_data(self, **kwargs):
        kwargs["next"] = _safe_next(self.request)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        device = two_factor.token_verify(user=self.request.user, token=form.cleaned_data["code"])
        if device is None:
            form.add_error("code", two_factor.WRONG_CODE)
            return self.form_invalid(form)
        _second_factor_verified(self.request, device)
        return redirect(_safe_next(self.request) or "schools:home")


class TwoFactorStatusView(TemplateView):
    """The user's two-factor set-up: whether it is on, and their recovery codes left."""

    template_name = "registration/two_factor_status.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs["has_two_factor"] = two_factor.user_has_two_factor(user)
        kwargs["required"] = two_factor.user_requires_two_factor(user)
        kwargs["recovery_codes_left"] = StaticToken.objects.filter(
            device__user=user, device__name=two_factor.RECOVERY_NAME
        ).count()
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.is_verified():
            messages.error(request, "Sign in with your authenticator app first.")
            return redirect("two_factor_verify")
        codes = two_factor.recovery_codes_renew(user=request.user)
        audit_record(
            action=AuditAction.RECOVERY_CODES_RENEWED,
            actor=request.user,
            detail=f"{request.user.email} renewed their recovery codes",
        )
        return render(request, "registration/recovery_codes.html", {"codes": codes})
