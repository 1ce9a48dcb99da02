"""The base of every page under /schools/<school_slug>/.

``SchoolScopedMixin`` resolves the school from the URL and the signed-in user's membership of
it, then applies the view's declared rule:

- not a member (or no such school): 404, so nobody learns that another school exists;
- a member whose role is not in ``allowed_roles``: 403.

Every view built on it must declare ``allowed_roles``; a view that forgets fails loudly rather
than opening up. Querysets are scoped to the school through ``get_queryset()``.
"""

from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.views.generic.base import ContextMixin

from equality_portal.core.nations import vocabulary_for

from .models import Membership, School, Trust, TrustMembership
from .roles import TRUST_LEADERSHIP_ONLY, Role, TrustRole, role_flags
from .selectors import membership_get, trust_membership_get


class SchoolScopedMixin(ContextMixin):
    """Resolve ``self.school`` and ``self.membership`` and enforce ``allowed_roles``."""

    #: The roles that may use this view, e.g. ``MANAGERS``. Required.
    allowed_roles: frozenset[Role] | None = None
    #: Name of the school foreign key on the view's model, for ``get_queryset()``.
    school_field = "school"

    school: School
    membership: Membership
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_allowed_roles(self, request) -> frozenset[Role]:
        """Override to vary the rule by method (for example, read for all, write for some)."""
        if self.allowed_roles is None:
            raise ImproperlyConfigured(f"{type(self).__name__} must declare allowed_roles.")
        return self.allowed_roles

    def dispatch(self, request, *args, **kwargs):
        self.membership = membership_get(user=request.user, school_slug=kwargs["school_slug"])
        self.school = self.membership.school
        request.school = self.school
        request.membership = self.membership
        if self.membership.role not in self.get_allowed_roles(request):
            raise PermissionDenied("Your role at this school does not give access to this page.")
        return super().dispatch(request, *args, **kwargs)

    def has_role(self, *roles: Role) -> bool:
        return self.membership.role in roles

    def get_queryset(self):
        """The view's records of this school: the parent view's queryset, or the ``model``'s."""
        parent = getattr(super(), "get_queryset", None)
        queryset = parent() if parent is not None else self.model._default_manager.all()
        return queryset.filter(**{self.school_field: self.school})

    def get_form(self, form_class=None):
        """The view's form, its choices in the words of the school's nation (ALN in Wales)."""
        form = super().get_form(form_class)
        vocabulary_for(self.school.nation).relabel_form(form)
        return form

    def get_context_data(self, **kwargs):
        kwargs.setdefault("school", self.school)
        kwargs.setdefault("membership", self.membership)
        kwargs.setdefault("member_is", role_flags(self.membership.role))
        return super().get_context_data(**kwargs)


class TrustScopedMixin(ContextMixin):
    """The base of every page under /trusts/<trust_slug>/: ``self.trust`` and
    ``self.trust_membership`` from the URL and the signed-in user; not a member: 404; a role
    not in ``allowed_roles``: 403."""

    allowed_roles: frozenset[TrustRole] | None = None

    trust: Trust
    trust_membership: TrustMembership
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_allowed_roles(self, request) -> frozenset[TrustRole]:
        if self.allowed_roles is None:
            raise ImproperlyConfigured(f"{type(self).__name__} must declare allowed_roles.")
        return self.allowed_roles

    def dispatch(self, request, *args, **kwargs):
        self.trust_membership = trust_membership_get(
            user=request.user, trust_slug=kwargs["trust_slug"]
        )
        self.trust = self.trust_membership.trust
        if self.trust_membership.role not in self.get_allowed_roles(request):
            raise PermissionDenied("Your role at this trust does not give access to this page.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("trust", self.trust)
        kwargs.setdefault("trust_membership", self.trust_membership)
        kwargs.setdefault(
            "is_trust_leadership", self.trust_membership.role in TRUST_LEADERSHIP_ONLY
        )
        return super().get_context_data(**kwargs)


M = TypeVar("M", bound=models.Model)


def editable_copy(instance: M) -> M:
    """A separate copy of a record for a form or a service to change, so that a refused change
    never shows on the page around the form as if it were saved."""
    return type(instance)._default_manager.get(pk=instance.pk)


class SchoolObjectMixin(SchoolScopedMixin):
    """A page about one record of this school, by ``pk`` in the URL: the record is looked up in
    ``get_queryset()``, which is scoped to the school, so another school's record is a 404."""

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is None:
            self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self.object

    def editable_copy(self):
        return editable_copy(self.get_object())


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """A form view whose ``perform()`` calls a service; its ValidationError redisplays the form."""

    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return self.success_message

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        if message := self.get_success_message(result):
            messages.success(self.request, message)
        return redirect(self.get_success_url())
