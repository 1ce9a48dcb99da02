"""Preparing, approving and publishing the statement (signed in), and reading it (public)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.widgets import DateInput
from equality_portal.schools.base_views import (
    SchoolScopedMixin,
    ServiceFormMixin,
    apply_validation_error,
)
from equality_portal.schools.forms import https_by_default
from equality_portal.schools.roles import GOVERNORS_ONLY, LEADERSHIP_ONLY, MANAGERS, OVERSEERS

from . import selectors, services
from .completeness import statement_findings
from .composition import statement_compose, statement_content_hash
from .models import StatementDraft
from .rendering import statement_render_html


class StatementHomeView(SchoolScopedMixin, TemplateView):
    """The school's statements: this year's draft, what is due, and everything published."""

    allowed_roles = OVERSEERS
    template_name = "publishing/home.html"

    def get_context_data(self, **kwargs):
        current = AcademicYear.current()
        kwargs.update(
            current_year=current,
            previous_year=current.previous(),
            drafts=selectors.drafts_for_school(school=self.school),
            publications=selectors.publications_for_school(school=self.school),
            next_due=selectors.statement_next_due(school=self.school),
        )
        return super().get_context_data(**kwargs)


class DraftMixin(SchoolScopedMixin):
    """A view of the statement draft for the academic year in the URL (saved on the first form
    sent; until then the pages show an empty, unsaved draft)."""

    def get_draft(self) -> StatementDraft:
        if not hasattr(self, "draft"):
            year = self.kwargs["year"]
            current = AcademicYear.current()
            # New drafts are for this or last academic year; older ones stay reachable.
            recent = current.previous().start_year <= year.start_year <= current.start_year
            if (
                not recent
                and not StatementDraft.objects.filter(
                    school=self.school, academic_year=year.start_year
                ).exists()
            ):
                raise Http404("Statements are prepared for this or last academic year.")
            if self.request.method in ("GET", "HEAD"):  # GETs never write
                self.draft = selectors.statement_draft_for_reading(school=self.school, year=year)
            else:
                self.draft = services.statement_draft_get_or_create(school=self.school, year=year)
        return self.draft

    def get_context_data(self, **kwargs):
        kwargs.setdefault("draft", self.get_draft())
        return super().get_context_data(**kwargs)

    def draft_url(self) -> str:
        return reverse(
            "publishing:draft",
            kwargs={"school_slug": self.school.slug, "year": self.get_draft().year},
        )


class PublishForm(forms.Form):
    acknowledged = forms.MultipleChoiceField(
        label="Warnings read", required=False, widget=forms.CheckboxSelectMultiple
    )
    correction_note = forms.CharField(
        label="What changed since the last version",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see this note beside the corrected statement.",
    )

    def __init__(self, *args, warnings=(), is_correction=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acknowledged"].choices = [(w.key, w.message) for w in warnings]
        if not warnings:
            del self.fields["acknowledged"]
        if not is_correction:
            del self.fields["correction_note"]


class DraftView(DraftMixin, TemplateView):
    """The draft's state: findings, approval, and the approve and publish actions."""

    allowed_roles = OVERSEERS
    template_name = "publishing/draft.html"

    def _state(self):
        draft = self.get_draft()
        data = statement_compose(draft=draft)
        findings = statement_findings(draft=draft, data=data)
        approval = selectors.approval_latest(draft=draft)
        approval_current = bool(
            approval and approval.content_sha256 == statement_content_hash(data)
        )
        already_published = bool(approval and hasattr(approval, "publication"))
        published = selectors.publications_for_school(school=self.school).filter(
            academic_year=draft.academic_year
        )
        return {
            "findings": findings,
            "errors": [f for f in findings if f.is_error],
            "warnings": [f for f in findings if not f.is_error],
            "approval": approval,
            "approval_current": approval_current,
            "already_published": already_published,
            "published_versions": published,
        }

    def get_context_data(self, **kwargs):
        state = self._state()
        if "publish_form" not in kwargs:
            kwargs["publish_form"] = PublishForm(
                warnings=state["warnings"], is_correction=state["published_versions"].exists()
            )
        kwargs.update(state)
        return super().get_context_data(**kwargs)


class DraftForm(forms.ModelForm):
    class Meta:
        model = StatementDraft
        fields = [
            "introduction",
            "equality_policy",
            "accessibility_plan",
            "accessibility_plan_url",
            "accessibility_plan_adopted_on",
        ]
        formfield_callback = https_by_default
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "equality_policy": forms.Textarea(attrs={"rows": 14}),
            "accessibility_plan": forms.Textarea(attrs={"rows": 6}),
            "accessibility_plan_adopted_on": DateInput(),
        }


class DraftEditView(DraftMixin, ServiceFormMixin, FormView):
    """Leadership and the equality lead write the school's own parts of the statement."""

    allowed_roles = MANAGERS
    form_class = DraftForm
    template_name = "publishing/draft_form.html"
    success_message = "The statement's text was saved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        draft = self.get_draft()
        kwargs["instance"] = (
            StatementDraft.objects.get(pk=draft.pk)
            if draft.pk
            else StatementDraft(school=self.school, academic_year=draft.academic_year)
        )
        return kwargs

    def perform(self, form):
        return services.statement_draft_update(
            draft=self.get_draft(), by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return self.draft_url()


class DraftPreviewView(DraftMixin, TemplateView):
    """The draft exactly as it would be published, marked as a draft."""

    allowed_roles = OVERSEERS
    template_name = "publishing/preview.html"

    def get_context_data(self, **kwargs):
        data = statement_compose(draft=self.get_draft())
        kwargs.update(statement=data, statement_html=statement_render_html(data))
        return super().get_context_data(**kwargs)


class ApproveView(DraftMixin, TemplateView):
    """A governor approves the draft as it stands."""

    allowed_roles = GOVERNORS_ONLY
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.statement_approve(draft=self.get_draft(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"You approved the {self.get_draft().year.label} statement. "
                "Leadership can now publish it.",
            )
        return redirect(self.draft_url())


class PublishView(DraftView):
    """Leadership publish the approved draft."""

    allowed_roles = LEADERSHIP_ONLY
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        state = self._state()
        form = PublishForm(
            request.POST,
            warnings=state["warnings"],
            is_correction=state["published_versions"].exists(),
        )
        if form.is_valid():
            try:
                publication = services.statement_publish(
                    draft=self.get_draft(),
                    by=request.user,
                    acknowledged=set(form.cleaned_data.get("acknowledged", [])),
                    correction_note=form.cleaned_data.get("correction_note", ""),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    f"The {publication.year.label} statement is published. "
                    "Link to it from the school's website.",
                )
                return redirect(self.draft_url())
        return self.render_to_response(self.get_context_data(publish_form=form))


# --- Public pages ------------------------------------------------------------------------------

PUBLIC_CACHE = "public, max-age=300"


@method_decorator(login_not_required, name="dispatch")
class PublicStatementView(TemplateView):
    """The published statement: the latest, a year's current version, or a named version."""

    template_name = "publishing/public_statement.html"

    def get_context_data(self, **kwargs):
        school = selectors.public_school_get(slug=self.kwargs["school_slug"])
        year = self.kwargs.get("year")
        if year is None:
            latest = selectors.publication_latest(school=school)
            year = latest.year
        publication = selectors.publication_get(
            school=school, year=year, version=self.kwargs.get("version")
        )
        kwargs.update(
            school=school,
            publication=publication,
            archive=selectors.publications_for_school(school=school),
        )
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = PUBLIC_CACHE
        return response


def _publication_for_download(school_slug, year, version):
    school = selectors.public_school_get(slug=school_slug)
    return selectors.publication_get(school=school, year=year, version=version)


@login_not_required
def public_statement_pdf(request, school_slug, year, version=None):
    publication = _publication_for_download(school_slug, year, version)
    response = HttpResponse(bytes(publication.pdf), content_type="application/pdf")
    filename = f"equality-information-{school_slug}-{publication.year.label}"
    if version is not None:
        filename += f"-v{version}"
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    response["Cache-Control"] = PUBLIC_CACHE
    response["ETag"] = f'"{publication.pdf_sha256}"'
    return response


@login_not_required
def public_statement_json(request, school_slug, year, version=None):
    publication = _publication_for_download(school_slug, year, version)
    response = HttpResponse(publication.data_json, content_type="application/json")
    response["Cache-Control"] = PUBLIC_CACHE
    response["ETag"] = f'"{publication.data_sha256}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
