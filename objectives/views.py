"""Pages for equality objectives: sets, objectives, actions, progress and comments.

Leadership and the equality lead edit; governors read and comment on progress; staff read.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView, ListView, TemplateView

from equality_portal.schools.base_views import (
    SchoolObjectMixin,
    SchoolScopedMixin,
    ServiceFormMixin,
)
from equality_portal.schools.models import School, last_change
from equality_portal.schools.roles import ALL_ROLES, MANAGERS, OVERSEERS

from . import selectors, services
from .charts import progress_chart
from .forms import (
    ActionPlanFormSet,
    ObjectiveActionForm,
    ObjectiveForm,
    ObjectiveSetForm,
    ProgressCommentForm,
    ProgressUpdateForm,
)
from .models import Objective, ObjectiveAction, ObjectiveSet, ProgressUpdate

# Governors may comment on progress; so may those who keep the objectives.


class ManagersEditMixin(SchoolScopedMixin):
    """Tells the template whether this member may change what the page shows."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("can_edit", self.membership.role in MANAGERS)
        return super().get_context_data(**kwargs)


class ObjectiveSetListView(ManagersEditMixin, ListView):
    """Every set of objectives the school has had, with how measurable each is."""

    allowed_roles = ALL_ROLES
    template_name = "objectives/set_list.html"
    context_object_name = "objective_sets"

    def get_queryset(self):
        return selectors.objective_set_list(school=self.school)


class ObjectMixin(ManagersEditMixin, SchoolObjectMixin):
    """A page about one record of this school: another school's record is a 404."""


class ObjectiveSetDetailView(ObjectMixin, DetailView):
    allowed_roles = ALL_ROLES
    template_name = "objectives/set_detail.html"
    context_object_name = "objective_set"

    def get_queryset(self):
        return selectors.objective_set_detail(school=self.school)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("last_change", last_change(self.object))
        return super().get_context_data(**kwargs)


class ObjectiveSetCreateView(SchoolScopedMixin, ServiceFormMixin, FormView):
    allowed_roles = MANAGERS
    form_class = ObjectiveSetForm
    template_name = "objectives/set_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ObjectiveSet(school=self.school)
        return kwargs

    def perform(self, form):
        self.created = services.objective_set_create(
            school=self.school, by=self.request.user, **form.cleaned_data
        )
        return self.created

    def get_success_message(self, result):
        return f"“{result}” was created. Add its objectives."

    def get_success_url(self):
        return self.created.get_absolute_url()


class ObjectiveSetEditView(ObjectMixin, ServiceFormMixin, FormView):
    allowed_roles = MANAGERS
    form_class = ObjectiveSetForm
    template_name = "objectives/set_form.html"
    success_message = "The set's details were saved."

    def get_queryset(self):
        return ObjectiveSet.objects.for_school(self.school)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.editable_copy()
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("objective_set", self.get_object())
        return super().get_context_data(**kwargs)

    def perform(self, form):
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        return services.objective_set_update(
            objective_set=self.get_object(), by=self.request.user, **changes
        )

    def get_success_url(self):
        return self.get_object().get_absolute_url()


class WelshFieldsMixin:
    """The form shows the Welsh fields when the school publishes in Welsh as well as English."""

    school: School

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["welsh"] = self.school.publishes_in_welsh
        return kwargs


class ObjectiveCreateView(WelshFieldsMixin, SchoolScopedMixin, ServiceFormMixin, FormView):
    allowed_roles = MANAGERS
    form_class = ObjectiveForm
    template_name = "objectives/objective_form.html"

    def get_objective_set(self) -> ObjectiveSet:
        if not hasattr(self, "objective_set"):
            self.objective_set = get_object_or_404(
                ObjectiveSet.objects.for_school(self.school), pk=self.kwargs["set_pk"]
            )
        return self.objective_set

    def get_initial(self):
        return {"number": services.objective_next_number(objective_set=self.get_objective_set())}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Objective(objective_set=self.get_objective_set())
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("objective_set", self.get_objective_set())
        return super().get_context_data(**kwargs)

    def perform(self, form):
        self.created = services.objective_create(
            objective_set=self.get_objective_set(), by=self.request.user, **form.cleaned_data
        )
        return self.created

    def get_success_message(self, result):
        if result.is_measurable:
            return f"Objective {result.number} was added."
        return f"Objective {result.number} was added. It is not measurable yet."

    def get_success_url(self):
        return self.created.get_absolute_url()


class ObjectiveDetailView(ObjectMixin, DetailView):
    """An objective with its measure, progress chart, actions and comments."""

    allowed_roles = ALL_ROLES
    template_name = "objectives/objective_detail.html"
    context_object_name = "objective"

    def get_queryset(self):
        return selectors.objective_detail(school=self.school)

    def get_context_data(self, **kwargs):
        objective = self.object
        kwargs.setdefault("objective_set", objective.objective_set)
        kwargs.setdefault("chart", progress_chart(objective))
        kwargs.setdefault("last_change", last_change(objective))
        if self.membership.role in OVERSEERS:
            kwargs.setdefault("comment_form", ProgressCommentForm())
        return super().get_context_data(**kwargs)


class ObjectiveScopedMixin(ObjectMixin):
    """A form about one objective of this school, found by ``pk`` in the URL."""

    allowed_roles = MANAGERS

    def get_queryset(self):
        return Objective.objects.for_school(self.school).select_related("objective_set")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("objective", self.get_object())
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return self.get_object().get_absolute_url()


class ObjectiveEditView(WelshFieldsMixin, ObjectiveScopedMixin, ServiceFormMixin, FormView):
    form_class = ObjectiveForm
    template_name = "objectives/objective_form.html"
    success_message = "The objective was saved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_queryset().get(pk=self.get_object().pk)
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("objective_set", self.get_object().objective_set)
        return super().get_context_data(**kwargs)

    def perform(self, form):
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        return services.objective_update(
            objective=self.get_object(), by=self.request.user, **changes
        )


class ProgressUpdateCreateView(ObjectiveScopedMixin, ServiceFormMixin, FormView):
    form_class = ProgressUpdateForm
    template_name = "objectives/progress_form.html"
    success_message = "The progress update was recorded."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ProgressUpdate(objective=self.get_object())
        return kwargs

    def perform(self, form):
        return services.progress_update_record(
            objective=self.get_object(), by=self.request.user, **form.cleaned_data
        )


class ProgressCommentCreateView(ObjectiveScopedMixin, ServiceFormMixin, FormView):
    """Governors and leaders comment on progress; the form sits on the objective's page."""

    allowed_roles = OVERSEERS
    form_class = ProgressCommentForm
    template_name = "objectives/comment_form.html"
    success_message = "Your comment was added."

    def perform(self, form):
        return services.progress_comment_add(
            objective=self.get_object(), by=self.request.user, **form.cleaned_data
        )


class ActionCreateView(WelshFieldsMixin, ObjectiveScopedMixin, ServiceFormMixin, FormView):
    form_class = ObjectiveActionForm
    template_name = "objectives/action_form.html"
    success_message = "The action was added."

    def perform(self, form):
        return services.objective_action_add(
            objective=self.get_object(), by=self.request.user, **form.cleaned_data
        )


class ActionPlanView(ObjectiveScopedMixin, TemplateView):
    """An objective's action plan as a table, several rows edited at once."""

    template_name = "objectives/action_plan.html"

    def get_formset(self):
        objective = self.get_object()
        return ActionPlanFormSet(
            self.request.POST or None,
            queryset=ObjectiveAction.objects.filter(objective=objective),
            prefix="actions",
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        objective = self.get_object()
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        rows, changed, removed = [], [], []
        for position, form in enumerate(formset.forms):
            if not form.has_changed() and form.instance.pk is None:
                continue
            if form in formset.deleted_forms:
                if form.instance.pk is not None:
                    removed.append(form.instance)
                continue
            fields = {name: form.cleaned_data[name] for name in form._meta.fields}
            fields["position"] = position
            if form.instance.pk is None:
                rows.append(fields)
            else:
                action = ObjectiveAction.objects.get(pk=form.instance.pk)
                changes = {
                    name: value for name, value in fields.items() if getattr(action, name) != value
                }
                if changes:
                    changed.append((action, changes))
        try:
            services.objective_action_plan_save(
                objective=objective, by=request.user, rows=rows, changed=changed, removed=removed
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
            return self.render_to_response(self.get_context_data(formset=formset))
        messages.success(request, "The action plan was saved.")
        return redirect(objective.get_absolute_url())


class ActionScopedMixin(ObjectMixin):
    """A page about one action of one of this school's objectives."""

    allowed_roles = MANAGERS

    def get_queryset(self):
        return selectors.objective_action_list(school=self.school)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("action", self.get_object())
        kwargs.setdefault("objective", self.get_object().objective)
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return self.get_object().objective.get_absolute_url()


class ActionEditView(WelshFieldsMixin, ActionScopedMixin, ServiceFormMixin, FormView):
    form_class = ObjectiveActionForm
    template_name = "objectives/action_form.html"
    success_message = "The action was saved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ObjectiveAction.objects.get(pk=self.get_object().pk)
        return kwargs

    def perform(self, form):
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        return services.objective_action_update(
            action=self.get_object(), by=self.request.user, **changes
        )


class ActionDeleteView(ActionScopedMixin, TemplateView):
    template_name = "objectives/action_delete.html"

    def post(self, request, *args, **kwargs):
        action = self.get_object()
        services.objective_action_delete(action=action, by=request.user)
        messages.success(request, "The action was removed.")
        return redirect(self.get_success_url())
