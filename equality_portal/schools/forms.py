"""Forms for members and school details."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.db import models

from .models import School, User
from .roles import Role
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
    class Meta:
        model = School
        fields = SCHOOL_EDITABLE_FIELDS
        formfield_callback = https_by_default


class PortalPasswordResetForm(PasswordResetForm):
    """Also sends a link to invited members who never set a password and lost the invitation.

    Django's form skips accounts without a usable password; here every invited member has one
    of those until they first choose a password.
    """

    def get_users(self, email):
        return (
            user
            for user in User.objects.filter(email__iexact=email, is_active=True)
            if user.email and user.email.lower() == email.lower()
        )
