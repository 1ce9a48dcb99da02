"""The trust's pages: for its members (trust leadership prepare, approve and publish the
statement and set objectives for the academies; trustees read), and its public statement."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView

from duties.models import FIRST_ACADEMIC_YEAR
from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear, academic_year_choices
from equality_portal.core.widgets import DateInput
from equality_portal.schools.base_views import (
    ServiceFormMixin,
    TrustScopedMixin,
    apply_validation_error,
)
from equality_portal.schools.roles import TRUST_LEADERSHIP_ONLY, TRUST_MEMBERS
from equality_portal.schools.selectors import trust_academies
from objectives.models import TrustObjective
from objectives.services import trust_objective_create
from workforce.models import PayGapReport

from . import trust as services
from .models import TrustStatementDraft
from .rendering import statement_contents
from .views import PUBLIC_CACHE, download_name, json_response, pdf_response


class TrustYearMixin(TrustScopedMixin):
    """The year of the trust's statement a page is about: ``?year=2024-25`` for any academic
    year from 2010-11 to the next, or by default the year the academies last published for."""

    def get_year(self) -> AcademicYear:
        label = self.request.GET.get("year")
        if not label:
            return services.trust_statement_year(trust=self.trust)
        try:
            year = AcademicYear.from_label(label)
        except ValueError:
            raise Http404("No such academic year.") from None
        if not FIRST_ACADEMIC_YEAR <= year.start_year <= AcademicYear.current().next().start_year:
            raise Http404("The trust's statement cannot be for that year.")
        return year

    def get_draft(self) -> TrustStatementDraft:
        return services.trust_draft_get_or_create(trust=self.trust, year=self.get_year())

    def year_query(self) -> str:
        return f"?year={self.get_year().label}"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("year", self.get_year())
        kwargs.setdefault("year_query", self.year_query())
        return super().get_context_data(**kwargs)


class TrustHomeView(TrustScopedMixin, TemplateView):
    """The trust's own page: its academies, its statement and where it stands, its objectives
    and its pay gap reports."""

    allowed_roles = TRUST_MEMBERS
    template_name = "publishing/trust/home.html"

    def get_context_data(self, **kwargs):
        kwargs.update(
            academies=trust_academies(trust=self.trust),
            year=services.trust_statement_year(trust=self.trust),
            publications=services.trust_publications(trust=self.trust),
            years=[AcademicYear(start) for start, _ in academic_year_choices(back=6, forward=1)],
            objectives=TrustObjective.objects.filter(trust=self.trust).prefetch_related("schools"),
            pay_gap_reports=PayGapReport.objects.filter(trust=self.trust),
        )
        return super().get_context_data(**kwargs)


class TrustDraftForm(forms.ModelForm):
    class Meta:
        model = TrustStatementDraft
        fields = ["title", "summary", "introduction"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class TrustSectionForm(forms.Form):
    heading = forms.CharField(max_length=200, required=False)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=30000,
        required=False,
        help_text=(
            "Paragraphs (a blank line between them), lists (lines starting “- ”), links, "
            "“### ” subheadings and simple tables."
        ),
    )


TrustSectionFormSet = forms.formset_factory(TrustSectionForm, extra=1, can_delete=True)


class TrustDraftEditView(TrustYearMixin, TemplateView):
    """Trust leadership write the statement for a year: title, summary, introduction and the
    trust-wide sections. The academies' sections are composed from their published
    statements."""

    allowed_roles = TRUST_LEADERSHIP_ONLY
    template_name = "publishing/trust/draft_form.html"

    def get_context_data(self, **kwargs):
        draft = self.get_draft()
        kwargs.setdefault("draft", draft)
        kwargs.setdefault("form", TrustDraftForm(instance=draft))
        kwargs.setdefault(
            "formset",
            TrustSectionFormSet(
                prefix="sections",
                initial=[{"heading": s.heading, "body": s.body} for s in draft.sections.all()],
            ),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        draft = self.get_draft()
        form = TrustDraftForm(request.POST, instance=TrustStatementDraft.objects.get(pk=draft.pk))
        formset = TrustSectionFormSet(request.POST, prefix="sections")
        if form.is_valid() and formset.is_valid():
            sections = [
                {"heading": f.cleaned_data.get("heading", ""), "body": f.cleaned_data["body"]}
                for f in formset.forms
                if f.cleaned_data
                and not f.cleaned_data.get("DELETE")
                and (f.cleaned_data.get("heading") or f.cleaned_data.get("body"))
            ]
            try:
                services.trust_draft_update(
                    draft=draft,
                    by=request.user,
                    sections=sections,
                    **{name: form.cleaned_data[name] for name in TrustDraftForm.Meta.fields},
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "The trust's statement is saved.")
                return redirect(
                    reverse("trusts:statement_preview", args=[self.trust.slug]) + self.year_query()
                )
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class TrustPreviewView(TrustYearMixin, TemplateView):
    """The statement as it would be published now, for every member of the trust."""

    allowed_roles = TRUST_MEMBERS
    template_name = "publishing/trust/preview.html"

    def get_context_data(self, **kwargs):
        draft = self.get_draft()
        data = services.trust_statement_compose(draft=draft, today=dates.today())
        body = services.trust_statement_render_html(data)
        kwargs.update(draft=draft, statement=data, body=body, contents=statement_contents(body))
        return super().get_context_data(**kwargs)


class TrustPublishForm(forms.Form):
    approved_by_name = forms.CharField(
        label="Approved by",
        max_length=300,
        help_text="The person who approved it for the trust, e.g. the chair of trustees.",
    )
    approved_on = forms.DateField(label="Approved on", widget=DateInput())
    approved_on_behalf_of = forms.CharField(
        label="On behalf of", max_length=100, initial="Trust board"
    )
    correction_note = forms.CharField(
        label="What changed (for a correction)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TrustPublishView(TrustYearMixin, ServiceFormMixin, FormView):
    """Trust leadership record the approval and publish the statement as it stands."""

    allowed_roles = TRUST_LEADERSHIP_ONLY
    template_name = "publishing/trust/publish.html"
    form_class = TrustPublishForm

    def perform(self, form):
        draft = self.get_draft()
        self.publication = services.trust_statement_publish(
            draft=draft, by=self.request.user, **form.cleaned_data
        )
        return self.publication

    def get_success_message(self, result):
        return f"The trust's {result.year.label} statement is published."

    def get_success_url(self):
        return reverse("public:trust_year", args=[self.trust.slug, self.publication.year])


class TrustObjectiveForm(forms.ModelForm):
    class Meta:
        model = TrustObjective
        fields = [
            "title",
            "rationale",
            "measure",
            "target_text",
            "target_date",
            "success_criteria",
            "owner",
            "schools",
        ]
        widgets = {
            "target_date": DateInput(),
            "schools": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, trust, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = trust.schools.order_by("name")
        self.fields["schools"].label = "Academies"


class TrustObjectivesView(TrustScopedMixin, ServiceFormMixin, FormView):
    """The trust's objectives and, for trust leadership, a form to set one: it goes into each
    academy's objectives, where the academy records its own measures and progress."""

    template_name = "publishing/trust/objectives.html"
    form_class = TrustObjectiveForm

    def get_allowed_roles(self, request):
        return TRUST_LEADERSHIP_ONLY if request.method == "POST" else TRUST_MEMBERS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "trust": self.trust}

    def get_context_data(self, **kwargs):
        kwargs["objectives"] = (
            TrustObjective.objects.filter(trust=self.trust)
            .prefetch_related("schools", "academy_objectives__objective_set__school")
            .order_by("created_at")
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        data = dict(form.cleaned_data)
        schools = list(data.pop("schools"))
        objective, missing = trust_objective_create(
            trust=self.trust, by=self.request.user, schools=schools, **data
        )
        for school in missing:
            messages.warning(
                self.request,
                f"{school.name} has no objective set yet: the objective reaches it once it has.",
            )
        return objective

    def get_success_message(self, result):
        return f"“{result}” is set and added to the academies' objectives."

    def get_success_url(self):
        return reverse("trusts:objectives", args=[self.trust.slug])


# --- The public statement -------------------------------------------------------------------------


@method_decorator(login_not_required, name="dispatch")
class PublicTrustStatementView(TemplateView):
    template_name = "publishing/trust/public_statement.html"

    def get_context_data(self, **kwargs):
        trust = services.public_trust_get(slug=self.kwargs["trust_slug"])
        publication = services.trust_publication_get(
            trust=trust, year=self.kwargs.get("year"), version=self.kwargs.get("version")
        )
        archive = list(services.trust_publications(trust=trust))
        kwargs.update(
            trust=trust,
            publication=publication,
            contents=statement_contents(publication.html),
            archive=archive,
            is_superseded=any(
                item.academic_year == publication.academic_year
                and item.version > publication.version
                for item in archive
            ),
        )
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = PUBLIC_CACHE
        return response


@login_not_required
def public_trust_statement_pdf(request, trust_slug, year, version=None):
    trust = services.public_trust_get(slug=trust_slug)
    publication = services.trust_publication_get(trust=trust, year=year, version=version)
    return pdf_response(publication, download_name(trust_slug, publication, version))


@login_not_required
def public_trust_statement_json(request, trust_slug, year, version=None):
    trust = services.public_trust_get(slug=trust_slug)
    return json_response(services.trust_publication_get(trust=trust, year=year, version=version))
