"""Pages for engagement records: the year's list, a record, and the forms to keep them.

Leadership and the equality lead edit; governors and staff read.
"""

from django.views.generic import DetailView, FormView, ListView

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.base_views import (
    SchoolObjectMixin,
    SchoolScopedMixin,
    ServiceFormMixin,
)
from equality_portal.schools.models import last_change
from equality_portal.schools.roles import ALL_ROLES, MANAGERS

from . import selectors, services
from .forms import EngagementRecordForm
from .models import INCOMPLETE_LABEL, EngagementRecord


class EngagementListView(SchoolScopedMixin, ListView):
    """One academic year's engagement records, the incomplete ones marked."""

    allowed_roles = ALL_ROLES
    template_name = "engagement/record_list.html"
    context_object_name = "records"

    def get_year(self) -> AcademicYear:
        return self.kwargs.get("year") or AcademicYear.current()

    def get_queryset(self):
        return selectors.engagement_record_list(school=self.school).for_academic_year(
            self.get_year()
        )

    def get_context_data(self, **kwargs):
        year = self.get_year()
        years = selectors.engagement_years(school=self.school)
        if year not in years:
            years = sorted([*years, year], reverse=True)
        kwargs.update(
            year=year,
            years=years,
            incomplete_count=sum(1 for record in self.object_list if not record.is_complete),
            incomplete_label=INCOMPLETE_LABEL,
            can_edit=self.membership.role in MANAGERS,
        )
        return super().get_context_data(**kwargs)


class RecordScopedMixin(SchoolObjectMixin):
    """A page about one engagement record of this school: another school's is a 404."""

    def get_queryset(self):
        return selectors.engagement_record_list(school=self.school)


class EngagementDetailView(RecordScopedMixin, DetailView):
    allowed_roles = ALL_ROLES
    template_name = "engagement/record_detail.html"
    context_object_name = "record"

    def get_context_data(self, **kwargs):
        kwargs.update(
            incomplete_label=INCOMPLETE_LABEL,
            can_edit=self.membership.role in MANAGERS,
            last_change=last_change(self.object),
        )
        return super().get_context_data(**kwargs)


class EngagementFormMixin(ServiceFormMixin):
    form_class = EngagementRecordForm
    template_name = "engagement/record_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["school"] = self.school
        return kwargs

    def get_success_url(self):
        return self.result.get_absolute_url()

    def get_success_message(self, result):
        if result.is_complete:
            return f"“{result}” was saved."
        return f"“{result}” was saved. It is incomplete until you record what changed."


class EngagementCreateView(SchoolScopedMixin, EngagementFormMixin, FormView):
    allowed_roles = MANAGERS

    def get_initial(self):
        return {"academic_year": self.request.GET.get("year") or AcademicYear.current().start_year}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = EngagementRecord(school=self.school)
        return kwargs

    def perform(self, form):
        self.result = services.engagement_record_create(
            school=self.school, by=self.request.user, **form.cleaned_data
        )
        return self.result


class EngagementEditView(RecordScopedMixin, EngagementFormMixin, FormView):
    allowed_roles = MANAGERS

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.editable_copy()
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("record", self.get_object())
        return super().get_context_data(**kwargs)

    def perform(self, form):
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        self.result = services.engagement_record_update(
            record=self.get_object(), by=self.request.user, **changes
        )
        return self.result
