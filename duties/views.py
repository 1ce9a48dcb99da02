"""Pages for the general duty: the three aims and their actions (every member), equality
analyses, the policy register and monitoring data (governors read, leadership and the equality
lead keep them)."""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.equality import AIM_MEANINGS, Aim, Characteristic
from equality_portal.schools.base_views import (
    SchoolObjectMixin,
    SchoolScopedMixin,
    ServiceFormMixin,
)
from equality_portal.schools.roles import ALL_ROLES, LEADERSHIP_ONLY, MANAGERS, OVERSEERS, Role

from . import selectors, services
from .categories import CATEGORIES
from .forms import (
    ActionFilterForm,
    ActionForm,
    CsvImportForm,
    EqualityAnalysisForm,
    OutcomeMeasureForm,
    PolicyForm,
    PolicyReviewForm,
    PopulationProfileForm,
    ProfileFigureForm,
    SignOffForm,
)
from .models import (
    Action,
    EqualityAnalysis,
    OutcomeMeasure,
    Policy,
    PopulationProfile,
    ProfileFigure,
)

# Governors read everything here; staff see the aims and actions only.


class DutiesMixin(SchoolScopedMixin):
    """Shared context: whether this member may change the app's records."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("can_edit", self.membership.role in MANAGERS)
        kwargs.setdefault("can_read_all", self.membership.role in OVERSEERS)
        kwargs.setdefault("current_year", AcademicYear.current())
        return super().get_context_data(**kwargs)


class ObjectMixin(DutiesMixin, SchoolObjectMixin):
    """A page about one record of this school; another school's record is a 404."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("object", self.get_object())
        return super().get_context_data(**kwargs)


class RecordFormView(DutiesMixin, ServiceFormMixin, FormView):
    """A form that creates or changes a record through a service (leadership and the
    equality lead only)."""

    allowed_roles = MANAGERS
    template_name = "duties/form.html"
    page_title = ""
    intro = ""
    submit_label = "Save"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.extra_form_kwargs())
        return kwargs

    def extra_form_kwargs(self) -> dict:
        return {}

    def get_page_title(self) -> str:
        return self.page_title

    def cancel_url(self) -> str:
        return reverse("duties:home", args=[self.school.slug])

    def get_success_url(self):
        return self.result.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("page_title", self.get_page_title())
        kwargs.setdefault("intro", self.intro)
        kwargs.setdefault("submit_label", self.submit_label)
        kwargs.setdefault("cancel_url", self.cancel_url())
        return super().get_context_data(**kwargs)


class EditMixin(ObjectMixin):
    """An edit form for one record of this school."""

    def extra_form_kwargs(self) -> dict:
        return {"instance": self.editable_copy()}

    def cancel_url(self) -> str:
        return self.get_object().get_absolute_url()


class DeleteView(ObjectMixin, TemplateView):
    """Confirm, then remove a record; its history keeps what it said and who removed it."""

    allowed_roles = MANAGERS
    template_name = "duties/confirm_delete.html"
    what = ""

    def next_url(self) -> str:
        raise NotImplementedError

    def delete_record(self, record, *, by) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        url = self.next_url()
        self.delete_record(record, by=request.user)
        messages.success(request, f"{self.what.capitalize()} “{record}” was removed.")
        return redirect(url)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("what", self.what)
        kwargs.setdefault("cancel_url", self.get_object_url())
        return super().get_context_data(**kwargs)

    def get_object_url(self) -> str:
        return self.get_object().get_absolute_url()


# --- The three aims and the actions taken ------------------------------------------------------


class DutiesHomeView(DutiesMixin, TemplateView):
    """The three aims of the general duty, what they mean, and this year's actions under each."""

    allowed_roles = ALL_ROLES
    template_name = "duties/home.html"

    def get_context_data(self, **kwargs):
        year = AcademicYear.current()
        kwargs["aims"] = selectors.actions_by_aim(school=self.school, academic_year=year)
        kwargs["years"] = selectors.action_years(school=self.school)
        return super().get_context_data(**kwargs)


class ActionsInYearMixin(DutiesMixin):
    """A page of actions in one academic year, filterable by protected characteristic, with
    links to the same page in the other years."""

    allowed_roles = ALL_ROLES

    def year_url(self, year: AcademicYear) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        form = ActionFilterForm(self.request.GET or None)
        characteristic = form.cleaned_data["characteristic"] if form.is_valid() else ""
        self.characteristic = characteristic or None
        kwargs.update(
            year=self.kwargs["year"],
            filter_form=form,
            characteristic=Characteristic(characteristic) if characteristic else None,
            year_links=[
                (year, self.year_url(year)) for year in selectors.action_years(school=self.school)
            ],
        )
        return super().get_context_data(**kwargs)


class YearView(ActionsInYearMixin, TemplateView):
    """Every action taken in one academic year, under each aim."""

    template_name = "duties/year.html"

    def year_url(self, year):
        return reverse("duties:year", args=[self.school.slug, year])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aims"] = selectors.actions_by_aim(
            school=self.school, academic_year=context["year"], characteristic=self.characteristic
        )
        return context


class AimView(ActionsInYearMixin, TemplateView):
    """One aim: what it means and the actions taken under it in a year."""

    template_name = "duties/aim.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.aim = Aim(kwargs["aim"])
        except ValueError:
            raise Http404("No such aim.") from None
        return super().dispatch(request, *args, **kwargs)

    def year_url(self, year):
        return reverse("duties:aim", args=[self.school.slug, self.aim, year])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            aim=self.aim,
            meaning=AIM_MEANINGS[self.aim],
            actions=selectors.action_list(
                school=self.school,
                academic_year=context["year"],
                aim=self.aim,
                characteristic=self.characteristic,
            ),
            other_aims=[other for other in Aim if other != self.aim],
        )
        return context


class ActionDetailView(ObjectMixin, TemplateView):
    allowed_roles = ALL_ROLES
    model = Action
    template_name = "duties/action_detail.html"


class ActionCreateView(RecordFormView):
    form_class = ActionForm
    page_title = "Record an action taken"
    intro = (
        "Something the school did under the general duty: what, which aims it serves, whom it "
        "concerns, who leads it and what shows it happened."
    )

    def get_initial(self):
        initial = {"academic_year": AcademicYear.current().start_year}
        if self.request.GET.get("aim") in Aim.values:
            initial["aims"] = [self.request.GET["aim"]]
        return initial

    def perform(self, form):
        self.result = services.action_create(
            school=self.school, by=self.request.user, **form.service_fields()
        )
        return self.result

    def get_success_message(self, result):
        return f"The action “{result}” was recorded."


class ActionUpdateView(EditMixin, RecordFormView):
    model = Action
    form_class = ActionForm
    submit_label = "Save changes"

    def get_page_title(self):
        return f"Change “{self.get_object()}”"

    def perform(self, form):
        self.result = services.action_update(
            action=self.editable_copy(), by=self.request.user, **form.service_fields()
        )
        return self.result

    def get_success_message(self, result):
        return f"The action “{result}” was saved."


class ActionDeleteView(DeleteView):
    model = Action
    what = "action"

    def delete_record(self, record, *, by):
        services.action_delete(action=record, by=by)

    def next_url(self):
        return reverse("duties:year", args=[self.school.slug, self.get_object().year])


# --- Equality analyses -------------------------------------------------------------------------


class AnalysisListView(DutiesMixin, TemplateView):
    allowed_roles = OVERSEERS
    template_name = "duties/analysis_list.html"

    def get_context_data(self, **kwargs):
        kwargs["analyses"] = selectors.equality_analysis_list(school=self.school)
        return super().get_context_data(**kwargs)


class AnalysisDetailView(ObjectMixin, TemplateView):
    allowed_roles = OVERSEERS
    model = EqualityAnalysis
    template_name = "duties/analysis_detail.html"

    def get_object(self):
        if not hasattr(self, "object"):
            analyses = selectors.equality_analysis_list(school=self.school)
            self.object = get_object_or_404(analyses, pk=self.kwargs["pk"])
        return self.object

    def get_context_data(self, **kwargs):
        kwargs["can_sign_off"] = (
            self.membership.role == Role.LEADERSHIP and not self.get_object().is_signed_off
        )
        return super().get_context_data(**kwargs)


class AnalysisFormMixin:
    form_class = EqualityAnalysisForm
    intro = (
        "Record what was analysed, whether a full analysis was needed and why, the evidence, "
        "who was consulted, the impact on each relevant protected characteristic, and what "
        "changed as a result."
    )

    def extra_form_kwargs(self):
        return {**super().extra_form_kwargs(), "school": self.school}


class AnalysisCreateView(AnalysisFormMixin, RecordFormView):
    page_title = "Record an equality analysis"

    def get_initial(self):
        initial = {"analysed_on": dates.today()}
        policy = Policy.objects.for_school(self.school).filter(pk=self.request.GET.get("policy"))
        if self.request.GET.get("policy", "").isdigit() and policy.exists():
            initial.update(policy=policy.get(), subject=policy.get().title)
        return initial

    def perform(self, form):
        self.result = services.equality_analysis_create(
            school=self.school,
            by=self.request.user,
            impacts=form.impacts(),
            **form.service_fields(),
        )
        return self.result

    def get_success_message(self, result):
        return f"The equality analysis of “{result}” was recorded."


class AnalysisUpdateView(AnalysisFormMixin, EditMixin, RecordFormView):
    model = EqualityAnalysis
    submit_label = "Save changes"

    def get_page_title(self):
        return f"Change the analysis of “{self.get_object()}”"

    def perform(self, form):
        self.was_signed_off = self.get_object().is_signed_off
        self.result = services.equality_analysis_update(
            analysis=self.editable_copy(),
            by=self.request.user,
            impacts=form.impacts(),
            **form.service_fields(),
        )
        return self.result

    def get_success_message(self, result):
        if self.was_signed_off:
            return "The analysis was saved. It has changed, so leadership must sign it off again."
        return "The analysis was saved."


class AnalysisSignOffView(ObjectMixin, RecordFormView):
    allowed_roles = LEADERSHIP_ONLY
    model = EqualityAnalysis
    form_class = SignOffForm
    submit_label = "Sign off"

    def get_page_title(self):
        return f"Sign off the analysis of “{self.get_object()}”"

    def get_initial(self):
        return {"signed_off_on": dates.today()}

    def cancel_url(self):
        return self.get_object().get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "intro",
            f"You, {self.request.user}, confirm for the leadership of {self.school} that this "
            "analysis was carried out with due regard to the three aims of the general duty.",
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        self.result = services.equality_analysis_sign_off(
            analysis=self.editable_copy(), by=self.request.user, **form.cleaned_data
        )
        return self.result

    def get_success_message(self, result):
        return "The analysis is signed off."


# --- Policies ----------------------------------------------------------------------------------


class PolicyListView(DutiesMixin, TemplateView):
    allowed_roles = OVERSEERS
    template_name = "duties/policy_list.html"

    def get_context_data(self, **kwargs):
        today = dates.today()
        kwargs["register"] = selectors.policy_register_summary(
            school=self.school, academic_year=AcademicYear.containing(today), today=today
        )
        return super().get_context_data(**kwargs)


class PolicyDetailView(ObjectMixin, TemplateView):
    allowed_roles = OVERSEERS
    model = Policy
    template_name = "duties/policy_detail.html"

    def get_object(self):
        if not hasattr(self, "object"):
            policies = selectors.policy_list(school=self.school)
            self.object = get_object_or_404(policies, pk=self.kwargs["pk"])
        return self.object

    def get_context_data(self, **kwargs):
        kwargs["overdue"] = self.get_object().is_overdue(dates.today())
        return super().get_context_data(**kwargs)


class PolicyCreateView(RecordFormView):
    form_class = PolicyForm
    page_title = "Add a policy to the register"

    def cancel_url(self):
        return reverse("duties:policy_list", args=[self.school.slug])

    def perform(self, form):
        self.result = services.policy_create(
            school=self.school, by=self.request.user, **form.service_fields()
        )
        return self.result

    def get_success_message(self, result):
        return f"“{result}” was added to the register."


class PolicyUpdateView(EditMixin, RecordFormView):
    model = Policy
    form_class = PolicyForm
    submit_label = "Save changes"

    def get_page_title(self):
        return f"Change “{self.get_object()}”"

    def perform(self, form):
        self.result = services.policy_update(
            policy=self.editable_copy(), by=self.request.user, **form.service_fields()
        )
        return self.result

    def get_success_message(self, result):
        return f"“{result}” was saved."


class PolicyReviewCreateView(ObjectMixin, RecordFormView):
    model = Policy
    form_class = PolicyReviewForm
    submit_label = "Record review"
    intro = (
        "Record when the policy was reviewed, by whom, who was consulted and what changed. "
        "Link the equality analysis done for the review; record the analysis first if needed."
    )

    def get_page_title(self):
        return f"Record a review of “{self.get_object()}”"

    def extra_form_kwargs(self):
        return {"school": self.school}

    def cancel_url(self):
        return self.get_object().get_absolute_url()

    def perform(self, form):
        review = services.policy_review_record(
            policy=self.get_object(), by=self.request.user, **form.service_fields()
        )
        self.result = review.policy
        return review

    def get_success_message(self, result):
        return f"The review of {result.reviewed_on:%d/%m/%Y} was recorded."


# --- Monitoring data ---------------------------------------------------------------------------


class MonitoringView(DutiesMixin, TemplateView):
    """Population profiles and outcome measures. Governors see small numbers suppressed."""

    allowed_roles = OVERSEERS
    template_name = "duties/monitoring.html"

    def get_context_data(self, **kwargs):
        suppressed = self.membership.role not in MANAGERS
        kwargs.update(
            profiles=selectors.population_profile_list(school=self.school),
            outcomes=selectors.outcome_rows(
                selectors.outcome_measure_list(school=self.school),
                suppressed=suppressed,
                threshold=self.school.suppression_threshold,
            ),
            suppressed=suppressed,
        )
        return super().get_context_data(**kwargs)


class ProfileDetailView(ObjectMixin, TemplateView):
    """A profile's tables: exact for leadership and the equality lead (who may preview the
    governors' view), suppressed for governors."""

    allowed_roles = OVERSEERS
    model = PopulationProfile
    template_name = "duties/profile_detail.html"

    def get_context_data(self, **kwargs):
        manager = self.membership.role in MANAGERS
        suppressed = not manager or self.request.GET.get("view") == "governors"
        profile = selectors.population_profile_list(school=self.school).get(pk=self.get_object().pk)
        public = selectors.profile_view(profile=profile, suppressed=True)
        exact = None if suppressed else selectors.profile_view(profile=profile, suppressed=False)
        kwargs.update(
            view=exact or public,
            # Why a figure is hidden from governors and the public, told to the school.
            hidden=public.hidden if manager else [],
            preview=manager and suppressed,
            manager=manager,
        )
        return super().get_context_data(**kwargs)


def _monitoring_url(school) -> str:
    return reverse("duties:monitoring", args=[school.slug])


class ProfileCreateView(RecordFormView):
    form_class = PopulationProfileForm
    page_title = "Add a population profile"
    intro = (
        "A profile describes pupils, staff or governors at one census date. Add the figures "
        "for each characteristic next, or import them from a CSV file."
    )

    def cancel_url(self):
        return _monitoring_url(self.school)

    def perform(self, form):
        self.result = services.population_profile_create(
            school=self.school, by=self.request.user, **form.service_fields()
        )
        return self.result

    def get_success_message(self, result):
        return f"The profile of {result} was added."


class ProfileUpdateView(EditMixin, RecordFormView):
    model = PopulationProfile
    form_class = PopulationProfileForm
    submit_label = "Save changes"

    def get_page_title(self):
        return f"Change the profile of {self.get_object()}"

    def perform(self, form):
        self.result = services.population_profile_update(
            profile=self.editable_copy(), by=self.request.user, **form.service_fields()
        )
        return self.result


class ProfileDeleteView(DeleteView):
    model = PopulationProfile
    what = "profile"

    def delete_record(self, record, *, by):
        services.population_profile_delete(profile=record, by=by)

    def next_url(self):
        return _monitoring_url(self.school)


class FigureCreateView(ObjectMixin, RecordFormView):
    model = PopulationProfile
    form_class = ProfileFigureForm
    submit_label = "Add figure"
    intro = (
        "Give the count for the category. If the school holds only a published percentage, "
        "give that instead. Comparator percentages for the local authority and England are "
        "optional."
    )

    def get_page_title(self):
        return f"Add a figure to the profile of {self.get_object()}"

    def cancel_url(self):
        return self.get_object().get_absolute_url()

    def perform(self, form):
        figure = services.profile_figure_record(
            profile=self.get_object(), by=self.request.user, **form.service_fields()
        )
        self.result = figure.profile
        return figure

    def get_success_message(self, result):
        return f"{result.label} was added."


class FigureUpdateView(EditMixin, RecordFormView):
    model = ProfileFigure
    school_field = "profile__school"
    form_class = ProfileFigureForm
    submit_label = "Save changes"

    def get_page_title(self):
        return f"Change {self.get_object().label} ({self.get_object().profile})"

    def cancel_url(self):
        return self.get_object().profile.get_absolute_url()

    def perform(self, form):
        figure = services.profile_figure_update(
            figure=self.editable_copy(), by=self.request.user, **form.service_fields()
        )
        self.result = figure.profile
        return figure

    def get_success_message(self, result):
        return f"{result.label} was saved."


class FigureDeleteView(DeleteView):
    model = ProfileFigure
    school_field = "profile__school"
    what = "figure"

    def delete_record(self, record, *, by):
        services.profile_figure_delete(figure=record, by=by)

    def next_url(self):
        return self.get_object().profile.get_absolute_url()

    def get_object_url(self):
        return self.get_object().profile.get_absolute_url()


class OutcomeCreateView(RecordFormView):
    form_class = OutcomeMeasureForm
    page_title = "Add an outcome measure"
    intro = (
        "An outcome for a group of pupils against a comparison group: attainment, progress, "
        "attendance, exclusions, participation, rewards or sanctions. Give the number in each "
        "group where you have it, so that small groups can be hidden from governors."
    )

    def get_initial(self):
        return {"academic_year": AcademicYear.current().previous().start_year}

    def cancel_url(self):
        return _monitoring_url(self.school)

    def get_success_url(self):
        return _monitoring_url(self.school)

    def perform(self, form):
        self.result = services.outcome_measure_create(
            school=self.school, by=self.request.user, **form.service_fields()
        )
        return self.result

    def get_success_message(self, result):
        return f"The outcome measure “{result.description}” was added."


class OutcomeUpdateView(EditMixin, RecordFormView):
    model = OutcomeMeasure
    form_class = OutcomeMeasureForm
    submit_label = "Save changes"

    def get_page_title(self):
        return f"Change “{self.get_object().description}”"

    def cancel_url(self):
        return _monitoring_url(self.school)

    def get_success_url(self):
        return _monitoring_url(self.school)

    def perform(self, form):
        self.result = services.outcome_measure_update(
            measure=self.editable_copy(), by=self.request.user, **form.service_fields()
        )
        return self.result

    def get_success_message(self, result):
        return f"The outcome measure “{result.description}” was saved."


class OutcomeDeleteView(DeleteView):
    model = OutcomeMeasure
    what = "outcome measure"

    def delete_record(self, record, *, by):
        services.outcome_measure_delete(measure=record, by=by)

    def next_url(self):
        return _monitoring_url(self.school)

    def get_object_url(self):
        return _monitoring_url(self.school)


# --- CSV import --------------------------------------------------------------------------------

IMPORTS = {
    "population": {
        "title": "Import population figures",
        "columns": services.POPULATION_COLUMNS,
        "service": services.population_import,
        "example": [
            "pupils,2025-01-16,sex,female,412,,,",
            "pupils,2025-01-16,sex,male,430,,,",
            "pupils,2025-01-16,ethnicity,WBRI,640,,66,",
            "staff,2024-11-07,sex,female,,63,,",
            "pupils,2025-01-16,custom,Young carers,12,,,",
        ],
    },
    "outcomes": {
        "title": "Import outcome measures",
        "columns": services.OUTCOME_COLUMNS,
        "service": services.outcome_import,
        "example": [
            "2024-25,,attainment,Grade 4 or above in English and maths,percent,"
            "Disadvantaged pupils,38,52.6,Other pupils nationally,,72.1,DfE performance tables",
            "2024-25,autumn,attendance,Attendance,percent,Pupils with SEN support,61,89.5,"
            "Pupils without SEND,780,94.2,Attendance register",
        ],
    },
}


def _import_kind(kwargs) -> dict:
    kind = IMPORTS.get(kwargs["kind"])
    if kind is None:
        raise Http404("No such import.")
    return kind


class ImportView(RecordFormView):
    """Upload a CSV file; every row imports, or none does and every bad row is listed."""

    form_class = CsvImportForm
    template_name = "duties/import.html"
    submit_label = "Import"

    def get_page_title(self):
        return _import_kind(self.kwargs)["title"]

    def cancel_url(self):
        return _monitoring_url(self.school)

    def get_success_url(self):
        return _monitoring_url(self.school)

    def perform(self, form):
        service = _import_kind(self.kwargs)["service"]
        return service(school=self.school, file=form.cleaned_data["file"], by=self.request.user)

    def get_success_message(self, result):
        return f"{result} row{'s' if result != 1 else ''} imported."

    def get_context_data(self, **kwargs):
        kind = _import_kind(self.kwargs)
        kwargs.update(columns=kind["columns"], example=kind["example"], kind=self.kwargs["kind"])
        return super().get_context_data(**kwargs)


class ImportTemplateView(DutiesMixin, TemplateView):
    """The CSV template for an import: the header and example rows."""

    allowed_roles = MANAGERS

    def get(self, request, *args, **kwargs):
        kind = _import_kind(self.kwargs)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{self.kwargs["kind"]}-template.csv"'
        )
        response.write("\ufeff")  # so Excel opens it as UTF-8
        writer = csv.writer(response)
        profile = self._profile()
        if profile is not None:
            # One row per census category of the profile, its counts to fill in; its group
            # and headcount, so the figures go into this profile and are checked against it.
            response["Content-Disposition"] = (
                f'attachment; filename="{profile.population}-{profile.census_date}-template.csv"'
            )
            writer.writerow([*kind["columns"], *services.POPULATION_PROFILE_COLUMNS])
            empty = [""] * 4  # count, percent and the two comparators
            headcount = "" if profile.headcount is None else profile.headcount
            for category_type, codes in CATEGORIES.items():
                for code in codes:
                    writer.writerow(
                        [
                            profile.population,
                            profile.census_date,
                            category_type,
                            code,
                            *empty,
                            profile.cohort,
                            headcount,
                        ]
                    )
            return response
        writer.writerow(kind["columns"])
        for line in kind["example"]:
            writer.writerow(next(csv.reader([line])))
        return response

    def _profile(self) -> PopulationProfile | None:
        """The profile a population template is for (?profile=<pk>), or None."""
        pk = self.request.GET.get("profile")
        if self.kwargs["kind"] != "population" or pk is None:
            return None
        if not pk.isascii() or not pk.isdigit():
            raise Http404
        return get_object_or_404(PopulationProfile.objects.for_school(self.school), pk=int(pk))
