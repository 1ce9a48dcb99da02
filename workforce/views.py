"""Pages for the employer's workforce duties: pay gap reports and the payroll import, and the
trust's workforce figures (staff in post, recruitment and leavers)."""

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View

from duties.models import FIRST_ACADEMIC_YEAR
from equality_portal import dates
from equality_portal.core.academic_year import (
    LAST_START_YEAR,
    AcademicYear,
    academic_year_choices,
)
from equality_portal.publishing.trust import trust_statement_year
from equality_portal.schools.base_views import (
    SchoolScopedMixin,
    ServiceFormMixin,
    TrustScopedMixin,
)
from equality_portal.schools.roles import MANAGERS, OVERSEERS, TRUST_LEADERSHIP_ONLY

from . import selectors, services
from .forms import PayrollImportForm, WorkforceFigureForm, WorkforceImportForm
from .models import TrustWorkforceFigure, WorkforceStage
from .paygap import CONFIGS, DUTY_THRESHOLD, snapshot_date

EXAMPLE_ROWS = {
    "gender": [("female", "14.52", "0"), ("male", "15.10", "250.00")],
    "ethnicity": [("ethnic_minority", "14.52", "0"), ("white", "15.10", "250.00")],
    "disability": [("disabled", "14.52", "0"), ("not_disabled", "15.10", "250.00")],
}


def recent_snapshots(today: datetime.date) -> list[datetime.date]:
    """The latest snapshot and the two before it (reports are kept for three years)."""
    latest = snapshot_date(today)
    return [latest.replace(year=latest.year - back) for back in range(3)]


class WorkforceMixin(SchoolScopedMixin):
    allowed_roles = OVERSEERS

    def get_context_data(self, **kwargs):
        kwargs.setdefault("employer", selectors.employer_of(self.school))
        kwargs.setdefault("can_edit", self.membership.role in MANAGERS)
        kwargs.setdefault("threshold", DUTY_THRESHOLD)
        return super().get_context_data(**kwargs)


class PayGapListView(WorkforceMixin, TemplateView):
    template_name = "workforce/pay_gap_list.html"

    def get_context_data(self, **kwargs):
        kwargs["reports"] = selectors.pay_gap_reports(school=self.school)
        kwargs["deadline"] = selectors.pay_gap_deadline(school=self.school, today=dates.today())
        kwargs["today"] = dates.today()
        return super().get_context_data(**kwargs)


class PayGapDetailView(WorkforceMixin, TemplateView):
    template_name = "workforce/pay_gap_detail.html"

    def get_context_data(self, **kwargs):
        report = selectors.pay_gap_report(school=self.school, pk=self.kwargs["pk"])
        if report is None:
            raise Http404("No such pay gap report.")
        kwargs.update(selectors.pay_gap_display(report))
        return super().get_context_data(**kwargs)


class PayrollImportView(WorkforceMixin, ServiceFormMixin, FormView):
    """Upload the snapshot payroll; the report is computed from every row, or nothing is saved
    and every bad row is listed."""

    allowed_roles = MANAGERS
    form_class = PayrollImportForm
    template_name = "workforce/import.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["snapshots"] = recent_snapshots(dates.today())
        return kwargs

    def perform(self, form):
        self.result = services.pay_gap_import(
            school=self.school,
            file=form.cleaned_data["file"],
            snapshot=form.cleaned_data["snapshot"],
            kind=form.cleaned_data["kind"],
            by=self.request.user,
        )
        return self.result

    def get_success_message(self, result):
        return f"{result} computed from {result.relevant_employees} relevant employees."

    def get_success_url(self):
        return reverse("workforce:pay_gap_detail", args=[self.school.slug, self.result.pk])

    def get_context_data(self, **kwargs):
        kwargs["configs"] = CONFIGS
        kwargs["cancel_url"] = reverse("workforce:pay_gap_list", args=[self.school.slug])
        return super().get_context_data(**kwargs)


class PayrollTemplateView(WorkforceMixin, TemplateView):
    """The payroll CSV template for one kind of pay gap (``?kind=``, the gender pay gap by
    default): the header and two example rows."""

    allowed_roles = MANAGERS

    def get(self, request, *args, **kwargs):
        config = CONFIGS.get(request.GET.get("kind", "gender"))
        if config is None:
            raise Http404("No such pay gap.")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{config.kind}-payroll.csv"'
        response.write("\ufeff")  # so Excel opens it as UTF-8
        writer = csv.writer(response)
        writer.writerow(services.payroll_columns(config))
        writer.writerows(EXAMPLE_ROWS[config.kind])
        return response


# --- The trust's workforce: staff in post, recruitment and leavers -------------------------------

WORKFORCE_EXAMPLE = (
    "stage,characteristic,category,count\n"
    "in_post,sex,Female,212\n"
    "applicants,sex,Male,40\n"
    "leavers,ethnicity_major,White,18"
)


class TrustWorkforceMixin(TrustScopedMixin):
    """Trust leadership enter the trust's workforce figures; the statement publishes them
    disclosed (trustees read them there)."""

    allowed_roles = TRUST_LEADERSHIP_ONLY

    def get_year(self) -> AcademicYear:
        asked = self.request.GET.get("year", "")
        if asked.isdigit() and FIRST_ACADEMIC_YEAR <= int(asked) <= LAST_START_YEAR:
            return AcademicYear(int(asked))
        return trust_statement_year(trust=self.trust)

    def get_success_url(self):
        year = getattr(self, "saved_year", None) or self.get_year().start_year
        return f"{reverse('trusts:workforce', args=[self.trust.slug])}?year={year}"


class TrustWorkforceView(TrustWorkforceMixin, ServiceFormMixin, FormView):
    """The year's figures, and a form to add one beside them."""

    form_class = WorkforceFigureForm
    template_name = "workforce/trust_workforce.html"

    def get_initial(self):
        return {"academic_year": self.get_year().start_year}

    def get_context_data(self, **kwargs):
        year = self.get_year()
        kwargs.update(
            year=year,
            figures=selectors.trust_workforce_figures(
                trust=self.trust, academic_year=year.start_year
            ),
            years=academic_year_choices(),
            example=WORKFORCE_EXAMPLE,
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        self.saved_year = form.cleaned_data["academic_year"]
        return services.workforce_figure_save(
            trust=self.trust, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, result):
        return f"{result} is recorded ({result.count})."


class TrustWorkforceImportView(TrustWorkforceMixin, ServiceFormMixin, FormView):
    """The year's figures from a CSV, all or nothing."""

    form_class = WorkforceImportForm
    template_name = "workforce/trust_workforce_import.html"

    def get_initial(self):
        return {"academic_year": self.get_year().start_year}

    def get_context_data(self, **kwargs):
        kwargs.update(
            example=WORKFORCE_EXAMPLE,
            stages=WorkforceStage.choices,
            cancel_url=reverse("trusts:workforce", args=[self.trust.slug]),
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        self.saved_year = form.cleaned_data["academic_year"]
        return services.workforce_import(
            trust=self.trust,
            academic_year=self.saved_year,
            file=form.cleaned_data["file"],
            by=self.request.user,
        )

    def get_success_message(self, result):
        return f"{result} figure{'s' if result != 1 else ''} imported."


class TrustWorkforceDeleteView(TrustWorkforceMixin, View):
    """Remove one figure (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        figure = get_object_or_404(TrustWorkforceFigure, trust=self.trust, pk=kwargs["pk"])
        self.saved_year = figure.academic_year
        try:
            services.workforce_figure_delete(figure=figure, by=request.user)
        except ValidationError as error:
            raise PermissionDenied(error.messages[0]) from error
        messages.success(request, f"{figure} is removed.")
        return redirect(self.get_success_url())
