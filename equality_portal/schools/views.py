"""The school picker, the school overview, member management and school details."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import FormView, ListView, TemplateView

from . import selectors, services
from .base_views import SchoolScopedMixin, ServiceFormMixin, editable_copy
from .forms import MemberAddForm, MemberRoleForm, SchoolForm
from .models import LOGO_EXTENSIONS, Membership
from .panels import panels_for
from .roles import ALL_ROLES, LEADERSHIP_ONLY, Role


class SchoolPickerView(TemplateView):
    """Where sign-in lands: straight to the user's school, or a choice when they have several."""

    template_name = "schools/picker.html"

    def get(self, request, *args, **kwargs):
        memberships = list(selectors.membership_list_for_user(user=request.user))
        trust_memberships = selectors.trust_memberships_for_user(user=request.user)
        if len(memberships) == 1 and not trust_memberships:
            return redirect(memberships[0].school)
        return self.render_to_response(
            self.get_context_data(memberships=memberships, trust_memberships=trust_memberships)
        )


class SchoolDashboardView(SchoolScopedMixin, TemplateView):
    """The school's home page: each app's panel for the member's role."""

    allowed_roles = ALL_ROLES
    template_name = "schools/dashboard.html"

    def get_context_data(self, **kwargs):
        kwargs["panels"] = panels_for(self.request, self.school, self.membership)
        return super().get_context_data(**kwargs)


class MemberListView(SchoolScopedMixin, ListView):
    """Leadership's list of everyone with access to the school."""

    allowed_roles = LEADERSHIP_ONLY
    template_name = "schools/member_list.html"
    context_object_name = "memberships"

    def get_queryset(self):
        return selectors.membership_list_for_school(school=self.school)


class SchoolMembersContextMixin(SchoolScopedMixin):
    """What the member pages shared with a trust's say: whose members, and where they are."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("place", self.school)
        kwargs.setdefault("members_url", reverse("schools:member_list", args=[self.school.slug]))
        return super().get_context_data(**kwargs)


class MemberAddView(SchoolMembersContextMixin, ServiceFormMixin, FormView):
    allowed_roles = LEADERSHIP_ONLY
    form_class = MemberAddForm
    template_name = "schools/member_add.html"

    def get_success_message(self, result):
        return f"{result.user.email} now has the role {result.get_role_display()}."

    def perform(self, form):
        return services.membership_add(
            school=self.school, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("schools:member_list", kwargs={"school_slug": self.school.slug})


class MemberScopedMixin(SchoolMembersContextMixin):
    """A view of one membership of this school; another school's member is a 404."""

    allowed_roles = LEADERSHIP_ONLY

    def get_member(self) -> Membership:
        if not hasattr(self, "member"):
            self.member = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self.member

    def get_queryset(self):
        return selectors.membership_list_for_school(school=self.school)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("member", self.get_member())
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return reverse("schools:member_list", kwargs={"school_slug": self.school.slug})


class MemberRoleView(MemberScopedMixin, ServiceFormMixin, FormView):
    form_class = MemberRoleForm
    template_name = "schools/member_role.html"

    def get_success_message(self, result):
        return f"{result.user} now has the role {result.get_role_display()}."

    def get_initial(self):
        return {"role": self.get_member().role}

    def perform(self, form):
        return services.membership_change_role(
            membership=self.get_member(), role=Role(form.cleaned_data["role"]), by=self.request.user
        )


class MemberRemoveView(MemberScopedMixin, TemplateView):
    template_name = "schools/member_remove.html"

    def post(self, request, *args, **kwargs):
        member = self.get_member()
        try:
            services.membership_remove(membership=member, by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages))
        messages.success(request, f"{member.user} no longer has access to {self.school}.")
        if member.user == request.user:
            return redirect("schools:home")
        return redirect(self.get_success_url())


class SchoolEditView(SchoolScopedMixin, ServiceFormMixin, FormView):
    """Leadership keep their school's details, which decide what it must publish."""

    allowed_roles = LEADERSHIP_ONLY
    form_class = SchoolForm
    template_name = "schools/school_form.html"
    success_message = "The school's details were saved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = editable_copy(self.school)
        return kwargs

    def perform(self, form):
        logo_fields = {"logo", "remove_logo"}
        changes = {
            field: form.cleaned_data[field]
            for field in form.changed_data
            if field not in logo_fields
        }
        with transaction.atomic():
            school = services.school_update(school=self.school, by=self.request.user, **changes)
            if form.cleaned_data.get("logo"):
                services.school_set_logo(
                    school=school, by=self.request.user, content=form.cleaned_data["logo"]
                )
            elif form.cleaned_data.get("remove_logo"):
                services.school_set_logo(school=school, by=self.request.user, content=None)
        return school

    def get_success_url(self):
        return reverse("schools:dashboard", kwargs={"school_slug": self.school.slug})


@login_not_required
@require_safe
def public_logo(request, school_slug: str, sha256: str, extension: str):
    """The school's logo, for anyone: its address names its hash, so it is cached for a year."""
    logo = selectors.school_logo(slug=school_slug, sha256=sha256)
    if logo is None or LOGO_EXTENSIONS[logo.content_type] != extension:
        raise Http404("No such logo.")
    response = HttpResponse(logo.content, content_type=logo.content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AuditView(SchoolScopedMixin, TemplateView):
    """Leadership's audit trail: changes to members and publications, and members' sign-ins."""

    allowed_roles = LEADERSHIP_ONLY
    template_name = "schools/audit.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        events = Paginator(selectors.audit_events_for_school(school=self.school), self.page_size)
        sign_ins = Paginator(selectors.sign_ins_for_school(school=self.school), self.page_size)
        kwargs["events"] = events.get_page(self.request.GET.get("events"))
        kwargs["sign_ins"] = sign_ins.get_page(self.request.GET.get("sign_ins"))
        return super().get_context_data(**kwargs)
