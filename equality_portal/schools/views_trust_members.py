"""The trust's members, kept by its leadership: who has which role (trust leadership or
trustee), adding someone (by email, inviting them if new) and taking their access away, each
kept in the audit trail as school memberships are."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from . import selectors, services
from .base_views import ServiceFormMixin, TrustScopedMixin
from .forms import TrustMemberAddForm, TrustMemberRoleForm
from .models import TrustMembership
from .roles import TRUST_LEADERSHIP_ONLY, TrustRole


class TrustMembersMixin(TrustScopedMixin):
    allowed_roles = TRUST_LEADERSHIP_ONLY

    def get_success_url(self):
        return reverse("trusts:members", args=[self.trust.slug])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("place", self.trust)
        kwargs.setdefault("members_url", self.get_success_url())
        return super().get_context_data(**kwargs)


class TrustMemberListView(TrustMembersMixin, TemplateView):
    """Everyone with a role at the trust, and the trail of changes to who has."""

    template_name = "schools/trust_member_list.html"

    def get_context_data(self, **kwargs):
        kwargs.update(
            memberships=selectors.trust_membership_list(trust=self.trust),
            events=selectors.audit_events_for_trust(trust=self.trust)[:50],
        )
        return super().get_context_data(**kwargs)


class TrustMemberAddView(TrustMembersMixin, ServiceFormMixin, FormView):
    form_class = TrustMemberAddForm
    template_name = "schools/member_add.html"

    def get_success_message(self, result):
        return f"{result.user.email} now has the role {result.get_role_display()}."

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["role"] = TrustRole(data["role"])
        return services.trust_membership_add(trust=self.trust, by=self.request.user, **data)


class TrustMemberScopedMixin(TrustMembersMixin):
    """A view of one membership of this trust; another trust's member is a 404."""

    def get_member(self) -> TrustMembership:
        if not hasattr(self, "member"):
            self.member = get_object_or_404(
                TrustMembership.objects.select_related("user"),
                trust=self.trust,
                pk=self.kwargs["pk"],
            )
        return self.member

    def get_context_data(self, **kwargs):
        kwargs.setdefault("member", self.get_member())
        return super().get_context_data(**kwargs)


class TrustMemberRoleView(TrustMemberScopedMixin, ServiceFormMixin, FormView):
    form_class = TrustMemberRoleForm
    template_name = "schools/member_role.html"

    def get_initial(self):
        return {"role": self.get_member().role}

    def get_success_message(self, result):
        return f"{result.user} now has the role {result.get_role_display()}."

    def perform(self, form):
        return services.trust_membership_change_role(
            membership=self.get_member(),
            role=TrustRole(form.cleaned_data["role"]),
            by=self.request.user,
        )


class TrustMemberRemoveView(TrustMemberScopedMixin, TemplateView):
    template_name = "schools/member_remove.html"

    def post(self, request, *args, **kwargs):
        member = self.get_member()
        try:
            services.trust_membership_remove(membership=member, by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages))
        messages.success(request, f"{member.user} no longer has access to {self.trust}.")
        if member.user == request.user:
            return redirect("home")
        return redirect(self.get_success_url())
