"""Incident pages. Anyone at the school may record an incident; staff read only what they
recorded; leadership and the equality lead read and follow up all of the school's; governors
read only the suppressed summary, never an individual incident."""

from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.generic import FormView, ListView, TemplateView, View

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.nations import vocabulary_for
from equality_portal.schools import selectors as school_selectors
from equality_portal.schools.base_views import (
    SchoolObjectMixin,
    SchoolScopedMixin,
    ServiceFormMixin,
    apply_validation_error,
)
from equality_portal.schools.models import last_change
from equality_portal.schools.roles import ALL_ROLES, INCIDENT_READERS, MANAGERS, OVERSEERS, Role

from . import selectors, services
from .charts import term_bar_chart
from .export import INCIDENT_LIST_HEADER, csv_text, incident_list_rows
from .forms import (
    TOO_MANY_PEOPLE,
    CorrectionForm,
    FollowUpActionForm,
    FollowUpForm,
    IncidentForm,
    ListFilterForm,
    PersonCorrectionFormSet,
    PersonFormSet,
)
from .models import Incident, PersonKind, PersonRole

# Who may read individual incidents (staff only their own), and who may read the summary.
PEOPLE_PREFIX = "people"


class IncidentScopedMixin(SchoolObjectMixin):
    """A page about one incident the member may read: another's or another school's is 404."""

    allowed_roles = INCIDENT_READERS

    def get_queryset(self):
        return selectors.incident_get_detail_queryset(membership=self.membership)

    def get_incident(self) -> Incident:
        return self.get_object()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("incident", self.get_incident())
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return self.get_incident().get_absolute_url()


class IncidentFormMixin(IncidentScopedMixin):
    """A form that edits the incident: a copy, so a rejected change never shows as saved."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.editable_copy()
        return kwargs


class FilteredIncidentsMixin(SchoolScopedMixin):
    """The incidents the member may read, narrowed by the filters and search in the query."""

    def filtered_incidents(self):
        is_manager = self.membership.role in MANAGERS
        recorders = (
            selectors.incident_recorder_choices(membership=self.membership) if is_manager else []
        )
        self.filter_form = ListFilterForm(
            self.request.GET or None, school=self.school, recorders=recorders
        )
        vocabulary_for(self.school.nation).relabel_form(self.filter_form)
        return selectors.incident_list(
            membership=self.membership, today=dates.today(), **self.filter_form.filters()
        )


class IncidentListView(FilteredIncidentsMixin, ListView):
    """Managers: all the school's incidents, with filters, search and the overdue follow-ups.
    Staff: the incidents they recorded."""

    allowed_roles = INCIDENT_READERS
    template_name = "incidents/incident_list.html"
    context_object_name = "incidents"
    paginate_by = 25

    def get_queryset(self):
        return self.filtered_incidents()

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or not a number shows the nearest page, never an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        today = dates.today()
        kwargs["filter_form"] = self.filter_form
        kwargs["today"] = today
        kwargs["is_manager"] = self.membership.role in MANAGERS
        if kwargs["is_manager"]:
            kwargs["overdue"] = selectors.incident_overdue_list(school=self.school, today=today)
        return super().get_context_data(**kwargs)


class IncidentListExportView(FilteredIncidentsMixin, View):
    """The filtered list as CSV for managers: categories and people by role, no free text."""

    allowed_roles = MANAGERS

    def get(self, request, *args, **kwargs):
        incidents = selectors.incident_export_queryset(incidents=self.filtered_incidents())
        rows = incident_list_rows(incidents, school=self.school)
        response = HttpResponse(
            csv_text(INCIDENT_LIST_HEADER, rows), content_type="text/csv; charset=utf-8"
        )
        filename = f"incidents-{self.school.slug}-{dates.today().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class NameCheckMixin:
    """A form view whose free text is checked for names, the school's members' among them."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # Read only if there is free text to check, when the form is sent.
        kwargs["known_names"] = lambda: school_selectors.member_name_list(school=self.school)
        return kwargs


class PeopleFormMixin(NameCheckMixin):
    """A form view with the formset of people involved beside the incident form."""

    formset_class = PersonFormSet

    def get_formset(self):
        return self.formset_class(
            self.request.POST if self.request.method == "POST" else None,
            prefix=PEOPLE_PREFIX,
            initial=self.get_people_initial(),
            form_kwargs={"school": self.school},
        )

    def get_people_initial(self):
        return None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        formset = self.get_formset()
        if formset.too_many:
            # No page ever sends more people than it holds: refused before anything is built
            # or read, so an oversized count costs nothing.
            return render(
                request,
                "incidents/too_many_people.html",
                {"message": TOO_MANY_PEOPLE, "school": self.school, "membership": self.membership},
                status=HTTPStatus.BAD_REQUEST,
            )
        form = self.get_form()
        form_ok, formset_ok = form.is_valid(), formset.is_valid()
        if not formset_ok:
            self._summarise_people_errors(form, formset)
        if not (form_ok and formset_ok):
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        people = formset.people()
        try:
            incident = self.perform(form, people)
        except ValidationError as error:
            self._apply_errors(form, formset, people, error)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        return self.succeeded(incident)

    def _summarise_people_errors(self, form, formset):
        # The error summary lists the main form's errors; name each person's problem there too.
        for number, person_form in enumerate(formset.forms, start=1):
            for name, errors in person_form.errors.items():
                label = person_form.fields[name].label or name.replace("_", " ").capitalize()
                for error in errors:
                    form.add_error(None, f"Person {number}, {label.lower()}: {error}")
        for error in formset.non_form_errors():
            form.add_error(None, error)

    def _apply_errors(self, form, formset, people, error):
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        forms_by_prefix = {person_form.prefix: person_form for person_form in formset.forms}
        for key, errors in error.error_dict.items():
            if key.startswith(f"{PEOPLE_PREFIX}-"):
                _, index, name = key.split("-", 2)
                person_form = forms_by_prefix[people[int(index)]["form_index"]]
                person_form.add_error(name if name in person_form.fields else None, errors)
            else:
                apply_validation_error(form, ValidationError({key: errors}))
        self._summarise_people_errors(form, formset)


class IncidentRecordView(SchoolScopedMixin, PeopleFormMixin, FormView):
    """Record an incident: any member of the school, in under two minutes."""

    allowed_roles = ALL_ROLES
    form_class = IncidentForm
    template_name = "incidents/incident_record.html"

    def get_people_initial(self):
        # One target ready: most incidents have one, most often a pupil.
        return [{"role": PersonRole.TARGET, "kind": PersonKind.PUPIL}]

    def perform(self, form, people):
        values = {k: v for k, v in form.cleaned_data.items() if k != "save_anyway"}
        if values["untargeted"]:
            # No one was targeted: the target offered ready, left as it was, is not a person.
            people = [person for person in people if not person["untouched"]]
        return services.incident_record(
            school=self.school, recorded_by=self.request.user, people=people, **values
        )

    def succeeded(self, incident):
        told = "The equality lead has been told."
        if self.membership.role == Role.GOVERNOR:
            # Governors never see an individual incident, including one they recorded.
            messages.success(
                self.request,
                f"Thank you. The incident was recorded as {incident.reference}. {told} Quote "
                "the reference if you need to add anything.",
            )
            return redirect("incidents:summary", school_slug=self.school.slug)
        messages.success(self.request, f"Incident {incident.reference} was recorded. {told}")
        return redirect(incident)


class IncidentDetailView(IncidentScopedMixin, TemplateView):
    template_name = "incidents/incident_detail.html"

    def get_context_data(self, **kwargs):
        incident = self.get_incident()
        kwargs["is_manager"] = self.membership.role in MANAGERS
        kwargs["last_change"] = last_change(incident)
        kwargs["overdue"] = incident.is_overdue(dates.today())
        return super().get_context_data(**kwargs)


class IncidentCorrectView(IncidentFormMixin, PeopleFormMixin, FormView):
    """Correct a record: the recorder or a manager, with a reason the history keeps."""

    form_class = CorrectionForm
    formset_class = PersonCorrectionFormSet
    template_name = "incidents/incident_correct.html"

    def get(self, request, *args, **kwargs):
        if self.get_incident().anonymised_at:
            messages.error(request, services.ALREADY_ANONYMISED)
            return redirect(self.get_incident())
        return super().get(request, *args, **kwargs)

    def get_people_initial(self):
        return [
            {
                "pk": person.pk,
                "role": person.role,
                "kind": person.kind,
                "year_group": person.year_group,
                "sex": person.sex,
                "ethnicity_code": person.ethnicity_code,
                "internal_reference": person.internal_reference,
            }
            for person in self.get_incident().people.all()
        ]

    def perform(self, form, people):
        changes = {k: v for k, v in form.cleaned_data.items() if k not in ("reason", "save_anyway")}
        return services.incident_correct(
            incident=self.get_incident(),
            by=self.request.user,
            reason=form.cleaned_data["reason"],
            people=people,
            **changes,
        )

    def succeeded(self, incident):
        messages.success(self.request, f"The correction to {incident.reference} was saved.")
        return redirect(incident)


class IncidentFollowUpView(IncidentFormMixin, NameCheckMixin, ServiceFormMixin, FormView):
    """The equality lead's follow-up: the date to check again, the outcome, open or closed, and
    each referral decision with its reason."""

    allowed_roles = MANAGERS
    form_class = FollowUpForm
    template_name = "incidents/incident_follow_up.html"
    success_message = "The follow-up was saved."

    def perform(self, form):
        values = {k: v for k, v in form.cleaned_data.items() if k != "save_anyway"}
        return services.incident_follow_up_update(
            incident=self.get_incident(), by=self.request.user, **values
        )


class FollowUpActionAddView(IncidentScopedMixin, ServiceFormMixin, FormView):
    allowed_roles = MANAGERS
    form_class = FollowUpActionForm
    template_name = "incidents/action_add.html"

    def get_success_message(self, result):
        return f"“{result.get_kind_display()}” was added to {self.get_incident().reference}."

    def perform(self, form):
        return services.follow_up_action_add(
            incident=self.get_incident(), by=self.request.user, **form.cleaned_data
        )


class IncidentHistoryView(IncidentScopedMixin, TemplateView):
    """Every change to one incident: who changed what, and when."""

    allowed_roles = MANAGERS
    template_name = "incidents/incident_history.html"

    def get_context_data(self, **kwargs):
        kwargs["entries"] = selectors.incident_history(incident=self.get_incident())
        return super().get_context_data(**kwargs)


class IncidentSummaryView(SchoolScopedMixin, TemplateView):
    """Governors' termly and yearly summary: suppressed counts and the trend over terms."""

    allowed_roles = OVERSEERS
    template_name = "incidents/summary.html"

    def get_academic_year(self) -> AcademicYear:
        return self.kwargs.get("year") or AcademicYear.current()

    def get_context_data(self, **kwargs):
        today = dates.today()
        year = self.get_academic_year()
        summary = selectors.incident_summary(school=self.school, academic_year=year, today=today)
        kwargs["summary"] = summary
        kwargs["chart"] = term_bar_chart(summary.trend, threshold=summary.threshold)
        kwargs["previous_year"] = year.previous()
        kwargs["next_year"] = year.next() if year < AcademicYear.containing(today) else None
        kwargs["is_manager"] = self.membership.role in MANAGERS
        return super().get_context_data(**kwargs)


class IncidentExportView(SchoolScopedMixin, TemplateView):
    """The local-authority return for one academic year as CSV: exact counts, no personal data."""

    allowed_roles = MANAGERS

    def get(self, request, *args, **kwargs):
        year = self.kwargs["year"]
        rows = selectors.incident_la_return_rows(school=self.school, academic_year=year)
        response = HttpResponse(
            csv_text(selectors.LA_RETURN_HEADER, rows), content_type="text/csv; charset=utf-8"
        )
        filename = f"incidents-{self.school.slug}-{year.label}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class RetentionView(SchoolScopedMixin, TemplateView):
    """When incidents are anonymised, and what each purge did."""

    allowed_roles = MANAGERS
    template_name = "incidents/retention.html"

    def get_context_data(self, **kwargs):
        today = dates.today()
        kwargs["purges"] = selectors.purge_log_list(school=self.school)
        kwargs["up_to"] = services.retention_last_academic_year(school=self.school, today=today)
        return super().get_context_data(**kwargs)
