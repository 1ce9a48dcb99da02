"""Oversight pages: the termly governors' report (page and PDF) and the trust view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.views import View
from django.views.generic import TemplateView

from equality_portal import dates
from equality_portal.publishing.rendering import PdfRenderingError, render_pdf
from equality_portal.schools.base_views import SchoolScopedMixin
from equality_portal.schools.roles import OVERSEERS

from . import reports, trust

# --- The termly governors' report --------------------------------------------------------------


class GovernorsReportListView(SchoolScopedMixin, TemplateView):
    """The terms a governors' report can be made for."""

    allowed_roles = OVERSEERS
    template_name = "oversight/report_list.html"

    def get_context_data(self, **kwargs):
        kwargs["terms"] = reports.reportable_terms(dates.today())
        return super().get_context_data(**kwargs)


class GovernorsReportMixin(SchoolScopedMixin):
    allowed_roles = OVERSEERS

    def get_report(self) -> reports.GovernorsReport:
        term = reports.term_from_slug(self.kwargs["year"], self.kwargs["term"])
        today = dates.today()
        if term is None or term.start > today:
            raise Http404("There is no report for that term.")
        return reports.governors_report(school=self.school, term=term, today=today)


class GovernorsReportView(GovernorsReportMixin, TemplateView):
    template_name = "oversight/report.html"

    def get_context_data(self, **kwargs):
        kwargs["report"] = self.get_report()
        return super().get_context_data(**kwargs)


class GovernorsReportPdfView(GovernorsReportMixin, View):
    """The same report as a tagged PDF, for printing or the meeting papers."""

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        document = render_to_string(
            "oversight/report_pdf.html", {"report": report, "school": self.school}, request=request
        )
        try:
            pdf = render_pdf(document)
        except PdfRenderingError:
            messages.error(request, "The PDF could not be made just now. Please try again.")
            return redirect(request.path.removesuffix("report.pdf"))
        response = HttpResponse(pdf, content_type="application/pdf")
        term = report.term
        filename = f"governors-report-{self.school.slug}-{term.name.lower()}-{term.academic_year}"
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response


# --- The trust view ----------------------------------------------------------------------------


class TrustView(TemplateView):
    """Every school the user oversees against every check, for trusts and federations."""

    template_name = "oversight/trust.html"

    def get(self, request, *args, **kwargs):
        schools = trust.schools_overseen(user=request.user)
        if len(schools) < 2:
            raise PermissionDenied(
                "The trust view is for governors and leaders of more than one school."
            )
        view = trust.trust_view(schools=schools, today=dates.today())
        return self.render_to_response(self.get_context_data(view=view))
