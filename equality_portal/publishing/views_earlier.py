"""The statement's history: equality information the school published before or outside the
portal (leadership record it: title, date, the document or a link; the public read it in the
archive), and starting a new statement from the last one."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.periods import PERIOD_ENDS_BEFORE_START, Period
from equality_portal.schools.base_views import SchoolScopedMixin, ServiceFormMixin
from equality_portal.schools.roles import MANAGERS

from . import selectors, services
from .models import (
    EARLIER_DOCUMENT_MAX_BYTES,
    PERIOD_LABEL_HELP,
    PublicationKind,
    StatementDraft,
)

# The specific duties began in 2011 (England), so the first statement year is 2011-12.
EARLIEST_STATEMENT_YEAR = 2011
PERIOD_NOT_KEPT = (
    "Statements are prepared for a period starting from September 2011 (an academic year from "
    "2011-12) to the end of this academic year."
)


def period_can_be_prepared(period: Period) -> bool:
    """A statement, plan or report can be prepared for a period starting from September 2011
    (the first under the 2011 regulations) to the end of this academic year."""
    first = Period.academic(EARLIEST_STATEMENT_YEAR).start
    return first <= period.start <= AcademicYear.current().end


# Dates as schools give them: a day, or only a month ("March 2019", "03/2019", "2019-03").
DAY_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
MONTH_FORMATS = ["%B %Y", "%b %Y", "%m/%Y", "%Y-%m"]
DATE_NOT_UNDERSTOOD = "Enter the date, for example 14/3/2019, or the month, for example March 2019."


class DayOrMonthField(forms.CharField):
    """A date to the day, or to the month when that is all the school knows: cleans to
    (date, month_only)."""

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        for formats, month_only in ((DAY_FORMATS, False), (MONTH_FORMATS, True)):
            for pattern in formats:
                try:
                    return datetime.datetime.strptime(text, pattern).date(), month_only
                except ValueError:
                    continue
        raise ValidationError(DATE_NOT_UNDERSTOOD, code="invalid")


MONTH_NOT_UNDERSTOOD = "Enter the month, for example April 2024 or 04/2024."


class MonthField(forms.CharField):
    """A month as schools write it (April 2024, Apr 2024, 04/2024, 2024-04): cleans to the
    month's first day."""

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        for pattern in MONTH_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValidationError(MONTH_NOT_UNDERSTOOD, code="invalid")


class PeriodForm(forms.Form):
    """Another period than an academic year: a plan's years, a calendar or financial year."""

    kind = forms.ChoiceField(label="What the school publishes", choices=PublicationKind.choices)
    starts = MonthField(label="First month", help_text="For example September 2024 or 04/2024.")
    ends = MonthField(label="Last month", help_text="For example August 2028 or 03/2025.")
    period_label = forms.CharField(
        label="The period, as the school writes it",
        required=False,
        max_length=100,
        help_text=PERIOD_LABEL_HELP,
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends:
            try:
                data["period"] = Period.between(starts, ends)
            except ValueError as error:
                raise ValidationError({"ends": str(error)}) from None
            if data["period"].months < 2:
                raise ValidationError({"ends": PERIOD_ENDS_BEFORE_START})
            if not period_can_be_prepared(data["period"]):
                raise ValidationError({"starts": PERIOD_NOT_KEPT})
        return data


class EarlierPublicationForm(forms.Form):
    title = forms.CharField(
        max_length=300, help_text="As the document calls itself, e.g. “Equality Statement 2019”."
    )
    published_on = DayOrMonthField(
        label="Date published",
        help_text="For example 14/3/2019, or March 2019 when only the month is known.",
    )
    document = forms.FileField(
        required=False,
        help_text=(
            f"A PDF, Word (.docx) or OpenDocument (.odt) file of at most "
            f"{EARLIER_DOCUMENT_MAX_BYTES // (1024 * 1024)} MB."
        ),
    )
    url = forms.URLField(
        label="Or a link to it", required=False, assume_scheme="https", max_length=200
    )


class EarlierPublicationCreateView(SchoolScopedMixin, ServiceFormMixin, FormView):
    """Record an earlier publication; it joins the public archive and restarts the clock."""

    allowed_roles = MANAGERS
    form_class = EarlierPublicationForm
    template_name = "publishing/earlier_form.html"
    success_message = "The earlier publication was recorded."

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "earlier_publications", selectors.earlier_publications_for_school(school=self.school)
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        published_on, month_only = form.cleaned_data["published_on"]
        return services.earlier_publication_record(
            school=self.school,
            by=self.request.user,
            title=form.cleaned_data["title"],
            published_on=published_on,
            month_only=month_only,
            url=form.cleaned_data["url"],
            document=form.cleaned_data["document"],
        )

    def get_success_url(self):
        return reverse("publishing:home", kwargs={"school_slug": self.school.slug})


@login_not_required
def public_earlier_document(request, school_slug, pk):
    """An earlier publication's document, served from the database at a stable address."""
    school = selectors.public_school_get(slug=school_slug)
    earlier = selectors.earlier_publication_get(school=school, pk=pk)
    if not earlier.document_name:
        raise Http404("That publication is kept as a link, not a document.")
    response = HttpResponse(bytes(earlier.document), content_type=earlier.document_type)
    response["Content-Disposition"] = f'inline; filename="{earlier.document_name}"'
    response["Cache-Control"] = "public, max-age=300"
    response["ETag"] = f'"{earlier.document_sha256}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class CarryForwardView(SchoolScopedMixin, View):
    """Start the year's statement from the last one (a button on the draft's page), or say that
    what came across has been reviewed."""

    allowed_roles = MANAGERS
    reviewed = False

    def post(self, request, *args, **kwargs):
        year = self.kwargs["year"]
        if not period_can_be_prepared(year):
            raise Http404(PERIOD_NOT_KEPT)
        draft_url = reverse(
            "publishing:draft", kwargs={"school_slug": self.school.slug, "year": year}
        )
        if self.reviewed:
            draft = StatementDraft.objects.filter(
                school=self.school,
                period_start=year.start,
                period_end=year.end,
                carry_forward__isnull=False,
            ).first()
            if draft is not None:
                services.statement_carry_forward_reviewed(draft=draft, by=request.user)
                messages.success(request, "What came across from the last statement is reviewed.")
            return redirect(draft_url)
        try:
            carried = services.statement_carry_forward(
                school=self.school, year=year, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(draft_url)
        messages.success(
            request,
            f"The statement was started from the {carried.from_label} statement. Review what "
            "came across before submitting it.",
        )
        return redirect(draft_url)
