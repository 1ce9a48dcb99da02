"""The base of every page under /schools/<school_slug>/.

``SchoolScopedMixin`` resolves the school from the URL and the signed-in user's membership of
it, then applies the view's declared rule:

- not a member (or no such school): 404, so nobody learns that another school exists;
- a member whose role is not in ``allowed_roles``: 403.

Every view built on it must declare ``allowed_roles``; a view that forgets fails loudly rather
than opening up. Querysets are scoped to the school through ``get_queryset()``.
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.views.generic.base import ContextMixin

from .models import Membership, School
from .roles import Role, role_flags
from .selectors import membership_get


class SchoolScopedMixin(ContextMixin):
    """Resolve ``self.school`` and ``self.membership`` and enforce ``allowed_roles``."""

    #: The roles that may use this view, e.g. ``MANAGERS``. Required.
    allowed_roles: frozenset[Role] | None = None
    #: Name of the school foreign key on the view's model, for ``get_queryset()``.
    school_field = "school"

    school: School
    membership: Membership

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
        return super().get_queryset().filter(**{self.school_field: self.school})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("school", self.school)
        kwargs.setdefault("membership", self.membership)
        kwargs.setdefault("member_is", role_flags(self.membership.role))
        return super().get_context_data(**kwargs)
