"""Forms for members and school details."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import models

from . import services, throttling
from .models import LOGO_MAX_BYTES, School, User
from .roles import Role, TrustRole
from .services import SCHOOL_EDITABLE_FIELDS


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="If they are new to the portal, they will be emailed a link to set a password.",
    )
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)


def https_by_default(model_field, **kwargs):
    """Form fields for model fields; a web address typed without a scheme means https."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class SchoolForm(forms.ModelForm):
    logo = forms.FileField(
        required=False,
        help_text=(
            f"PNG or JPEG, at most {LOGO_MAX_BYTES // (1024 * 1024)} MB. Shown on the equality "
            "information page and the PDF's cover."
        ),
    )
    remove_logo = forms.BooleanField(required=False, label="Remove the logo")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo_sha256:
            del self.fields["remove_logo"]

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size is None or upload.size > LOGO_MAX_BYTES:
            raise ValidationError(services.LOGO_TOO_BIG, code="too_big")
        content = upload.read()
        try:
            services.logo_content_type(content)
        except ValidationError as error:
            raise ValidationError(error.message_dict["logo"]) from error
        return content

    class Meta:
        model = School
        fields = SCHOOL_EDITABLE_FIELDS
        formfield_callback = https_by_default


class PortalPasswordResetForm(PasswordResetForm):
    """Also sends a link to invited members who never set a password and lost the invitation.

    Django's form skips accounts without a usable password; here every invited member has one
    of those until they first choose a password.

    Links are built from ``settings.SITE_URL``, never from the request's Host header, and
    emails are rate-limited per account and per address (``throttling``); a request over the
    limit is answered like any other, so the page never tells whether an address has an account.
    """

    def get_users(self, email):
        for user in User.objects.filter(email__iexact=email, is_active=True):
            if not user.email or user.email.lower() != email.lower():
                continue
            if throttling.RESET_PER_ACCOUNT.exceeded(str(user.pk)):
                continue
            throttling.RESET_PER_ACCOUNT.hit(str(user.pk))
            yield user

    def save(self, *, request=None, **kwargs):
        if request is not None:
            address = throttling.client_address(request)
            if throttling.RESET_PER_ADDRESS.exceeded(address):
                return
            throttling.RESET_PER_ADDRESS.hit(address)
        site = urlsplit(settings.SITE_URL)
        kwargs["domain_override"] = site.netloc + site.path
        kwargs["use_https"] = site.scheme == "https"
        super().save(request=request, **kwargs)


class PortalAuthenticationForm(AuthenticationForm):
    """Sign-in, refused once the account or the address has had too many failures."""

    throttled = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = throttling.client_address(self.request)
        if throttling.SIGN_IN_PER_ACCOUNT.exceeded(username) or (
            throttling.SIGN_IN_PER_ADDRESS.exceeded(address)
        ):
            self.throttled = True
            raise ValidationError(throttling.TOO_MANY_SIGN_INS, code="throttled")
        try:
            return super().clean()
        except ValidationError:
            if username:
                throttling.SIGN_IN_PER_ACCOUNT.hit(username)
            throttling.SIGN_IN_PER_ADDRESS.hit(address)
            raise


class AccountDetailsForm(forms.Form):
    """A person's own name and email: theirs alone to change, whichever school invited them."""

    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(label="Email address")
    password = forms.CharField(
        label="Your password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Needed only to change your email address.",
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        changes_email = email and email.lower() != self.user.email.lower()
        if changes_email and not self.user.check_password(cleaned.get("password") or ""):
            self.add_error("password", "Enter your password to change your email address.")
        return cleaned


class TrustMemberAddForm(MemberAddForm):
    role = forms.ChoiceField(choices=TrustRole.choices, widget=forms.RadioSelect)


class TrustMemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=TrustRole.choices, widget=forms.RadioSelect)
