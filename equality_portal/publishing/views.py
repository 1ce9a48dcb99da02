"""Preparing, approving and publishing the statement (signed in), and reading it (public)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views import View
from django.views.generic import FormView, TemplateView

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.periods import Period
from equality_portal.core.widgets import DateInput
from equality_portal.schools.base_views import (
    SchoolScopedMixin,
    ServiceFormMixin,
    apply_validation_error,
)
from equality_portal.schools.forms import https_by_default
from equality_portal.schools.roles import GOVERNORS_ONLY, LEADERSHIP_ONLY, MANAGERS, OVERSEERS

from . import selectors, services
from .attachments import ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB, TOO_LARGE
from .changes import statement_changes
from .completeness import statement_findings
from .composition import statement_compose
from .models import SectionKind, StatementDraft, StatementSection, sha256
from .rendering import statement_contents, statement_render_html
from .sections import DEFAULT_LAYOUT, empty_sections
from .trust import trust_statement_link
from .views_earlier import (
    EARLIEST_STATEMENT_YEAR,
    PERIOD_NOT_KEPT,
    PeriodForm,
    period_can_be_prepared,
)
from .welsh import WELSH, missing_translations, statement_in_welsh


class StatementHomeView(SchoolScopedMixin, TemplateView):
    """The school's statements: this year's draft, what is due, and everything published."""

    allowed_roles = OVERSEERS
    template_name = "publishing/home.html"

    def get_context_data(self, **kwargs):
        current = AcademicYear.current()
        kwargs.update(
            current_year=current,
            previous_year=current.previous(),
            other_years=[
                AcademicYear(start)
                for start in range(current.start_year - 2, EARLIEST_STATEMENT_YEAR - 1, -1)
            ],
            drafts=selectors.drafts_for_school(school=self.school),
            other_periods=[
                draft
                for draft in selectors.drafts_for_school(school=self.school)
                if not draft.period.is_academic_year
            ],
            can_start_period=self.membership.role in MANAGERS,
            publications=selectors.publications_for_school(school=self.school),
            next_due=selectors.statement_next_due(school=self.school),
        )
        return super().get_context_data(**kwargs)


class PeriodStartView(SchoolScopedMixin, FormView):
    """Start a statement, plan or report for another period than an academic year."""

    allowed_roles = MANAGERS
    form_class = PeriodForm
    template_name = "publishing/period_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        draft = services.statement_draft_get_or_create(
            school=self.school,
            year=data["period"],
            kind=data["kind"],
            period_label=data["period_label"],
        )
        return redirect(
            reverse(
                "publishing:draft", kwargs={"school_slug": self.school.slug, "year": draft.year}
            )
        )


class DraftMixin(SchoolScopedMixin):
    """A view of the statement draft for the academic year in the URL (saved on the first form
    sent; until then the pages show an empty, unsaved draft)."""

    def get_draft(self) -> StatementDraft:
        if not hasattr(self, "draft"):
            year = self.kwargs["year"]
            if not period_can_be_prepared(year):
                raise Http404(PERIOD_NOT_KEPT)
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


def _on(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def version_status(version, current_number: int | None) -> str:
    """Where a version stands, in a few words, from its decision and publication."""
    if hasattr(version, "publication"):
        return f"Published on {_on(version.publication.published_at)}"
    decision = getattr(version, "decision", None)
    if decision is not None and not decision.is_approval:
        return f"Changes requested by {decision.decided_by} on {_on(decision.decided_at)}"
    if version.number != current_number:
        return "Replaced by a later version"
    if decision is not None:
        return f"Approved by {decision.decided_by} on {_on(decision.decided_at)}"
    return "Waiting for a governor's decision"


class DraftView(DraftMixin, TemplateView):
    """The draft's state: the check of the evidence as it stands, its versions and where each
    stands, and what has changed since the current version was frozen."""

    allowed_roles = OVERSEERS
    template_name = "publishing/draft.html"

    def get_context_data(self, **kwargs):
        draft = self.get_draft()
        data = statement_compose(draft=draft)
        findings = statement_findings(draft=draft, data=data)
        versions = selectors.versions_for_draft(draft=draft)
        current = versions[0] if versions else None
        current_number = current.number if current else None
        published = selectors.publications_for_school(school=self.school).filter(
            period_start=draft.period_start, period_end=draft.period_end
        )
        kwargs.update(
            findings=findings,
            empty_sections=empty_sections(data),
            versions=[(version, version_status(version, current_number)) for version in versions],
            current=current,
            current_status=version_status(current, current_number) if current else "",
            current_approved=bool(
                current
                and getattr(current, "decision", None)
                and current.decision.is_approval
                and not hasattr(current, "publication")
            ),
            # What the evidence changed since the current version was frozen.
            live_changes=(
                statement_changes(selectors.version_data(version=current), data)
                if current
                else None
            ),
            published_versions=published,
            public_links=self.public_links(published.filter(superseded_by__isnull=True).first()),
            **selectors.carry_forward_for_draft(draft=draft),
        )
        return super().get_context_data(**kwargs)

    def public_links(self, publication) -> dict[str, str] | None:
        """The addresses to give the school's web manager once a statement is published: the
        permanent one (always the latest statement), the year's PDF and, for a statement
        published in Welsh too, the Welsh permanent address."""
        if publication is None:
            return None
        build = self.request.build_absolute_uri
        return {
            "page": build(reverse("public:latest", args=[self.school.slug])),
            "pdf": build(reverse("public:pdf", args=[self.school.slug, publication.year])),
            "published_at": publication.published_at,
            "page_cy": (
                build(reverse("public:latest_cy", args=[self.school.slug]))
                # asked only of a school that publishes in Welsh (the listing defers html_cy)
                if self.school.publishes_in_welsh and publication.in_welsh
                else ""
            ),
        }


def _without_welsh(form: forms.BaseForm, welsh: bool) -> None:
    """A school that publishes in English only sees no Welsh fields; for one that publishes in
    Welsh too, each Welsh field follows its English one and is marked as Welsh (lang="cy")."""
    for name in [name for name in form.fields if name.endswith("_cy")]:
        if welsh:
            form.fields[name].widget.attrs["lang"] = "cy"
        else:
            del form.fields[name]


class DraftForm(forms.ModelForm):
    class Meta:
        model = StatementDraft
        fields = [
            "kind",
            "period_label",
            "title",
            "title_cy",
            "summary",
            "summary_cy",
            "adopted_when",
            "adopted_when_cy",
            "review_when",
            "review_when_cy",
            "motto",
            "motto_cy",
            "introduction",
            "introduction_cy",
            "equality_policy",
            "equality_policy_cy",
            "accessibility_plan",
            "accessibility_plan_cy",
            "accessibility_plan_url",
            "accessibility_plan_adopted_on",
        ]
        formfield_callback = https_by_default
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_cy": forms.Textarea(attrs={"rows": 3}),
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "introduction_cy": forms.Textarea(attrs={"rows": 4}),
            "equality_policy": forms.Textarea(attrs={"rows": 14}),
            "equality_policy_cy": forms.Textarea(attrs={"rows": 14}),
            "accessibility_plan": forms.Textarea(attrs={"rows": 6}),
            "accessibility_plan_cy": forms.Textarea(attrs={"rows": 6}),
            "accessibility_plan_adopted_on": DateInput(),
        }

    def __init__(self, *args, welsh: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _without_welsh(self, welsh)
        # A form sent without the kind (an older page, a script) keeps the draft's kind.
        self.fields["kind"].required = False

    def clean_kind(self):
        return self.cleaned_data.get("kind") or self.instance.kind


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
            else StatementDraft(
                school=self.school, period_start=draft.period_start, period_end=draft.period_end
            )
        )
        kwargs["welsh"] = self.school.publishes_in_welsh
        return kwargs

    def perform(self, form):
        return services.statement_draft_update(
            draft=self.get_draft(), by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return self.draft_url()


class SectionForm(forms.ModelForm):
    class Meta:
        model = StatementSection
        fields = ["position", "kind", "heading", "heading_cy", "body", "body_cy"]
        labels = {"position": "Order", "kind": "Section"}
        widgets = {
            "position": forms.NumberInput(attrs={"min": 0, "max": 999, "class": "w-auto"}),
            "body": forms.Textarea(attrs={"rows": 6}),
            "body_cy": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, welsh: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _without_welsh(self, welsh)


class BaseSectionFormSet(forms.BaseModelFormSet):
    def _construct_form(self, i, **kwargs):
        # The suggested sections (the usual order) are saved as shown, unless removed.
        if i < len(self.initial_extra or []):
            kwargs["empty_permitted"] = False
        return super()._construct_form(i, **kwargs)


def section_formset(draft: StatementDraft, data=None):
    """The draft's sections, or, before it has any, the usual composed sections to order."""
    existing = draft.sections.all() if draft.pk else StatementSection.objects.none()
    initial = (
        []
        if draft.pk and existing.exists()
        else [
            {"position": (number + 1) * 10, "kind": kind}
            for number, kind in enumerate(DEFAULT_LAYOUT)
        ]
    )
    formset_class = forms.modelformset_factory(
        StatementSection,
        form=SectionForm,
        formset=BaseSectionFormSet,
        extra=len(initial) + 2,
        can_delete=True,
    )
    return formset_class(
        data,
        queryset=existing,
        initial=initial,
        prefix="sections",
        form_kwargs={"welsh": draft.school.publishes_in_welsh},
    )


class DraftSectionsView(DraftMixin, TemplateView):
    """Leadership set the statement's sections: their own, with headings and Markdown, and the
    composed ones placed among them, in their order; any may be left out."""

    allowed_roles = MANAGERS
    template_name = "publishing/draft_sections.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", section_formset(self.get_draft()))
        kwargs["written"] = SectionKind.WRITTEN
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        draft = self.get_draft()
        formset = section_formset(draft, request.POST)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        rows = [
            {
                field: form.cleaned_data[field]
                for field in ("position", "kind", "heading", "heading_cy", "body", "body_cy")
                if field in form.cleaned_data
            }
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        services.statement_sections_replace(draft=draft, by=request.user, sections=rows)
        messages.success(request, "The statement's sections were saved.")
        return redirect(self.draft_url())


class AttachmentForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="For example “Accessibility plan 2024-2027”.")
    file = forms.FileField(
        help_text=(
            f"A PDF, Word (.docx) or OpenDocument (.odt) file of up to {ATTACHMENT_MAX_MB} MB."
        )
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise ValidationError(TOO_LARGE.format(size=f"{upload.size / 1024 / 1024:.1f}"))
        return upload


class DraftAttachmentsView(DraftMixin, ServiceFormMixin, FormView):
    """Leadership attach appendices (documents published beside the statement)."""

    allowed_roles = MANAGERS
    form_class = AttachmentForm
    template_name = "publishing/draft_attachments.html"
    success_message = "The appendix was attached."

    def get_context_data(self, **kwargs):
        draft = self.get_draft()
        kwargs["attachments"] = (
            draft.attachments.select_related("file").defer("file__content") if draft.pk else []
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        upload = form.cleaned_data["file"]
        try:
            return services.statement_attachment_add(
                draft=self.get_draft(),
                by=self.request.user,
                title=form.cleaned_data["title"],
                file_name=upload.name,
                content=upload.read(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            raise ValidationError({"file": error.messages}) from error

    def get_success_url(self):
        return self.request.path


class DraftAttachmentRemoveView(DraftMixin, View):
    """Take an appendix out of the draft (published statements keep theirs)."""

    allowed_roles = MANAGERS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        draft = self.get_draft()
        attachment = draft.attachments.filter(pk=kwargs["pk"]).first()
        if attachment is None:
            raise Http404("No such appendix.")
        services.statement_attachment_remove(attachment=attachment, by=request.user)
        messages.success(request, f"“{attachment.title}” was removed from the draft.")
        return redirect(
            reverse(
                "publishing:draft_attachments",
                kwargs={"school_slug": self.school.slug, "year": draft.year},
            )
        )


class DraftPreviewView(DraftMixin, TemplateView):
    """The draft exactly as it would be published, marked as a draft."""

    allowed_roles = OVERSEERS
    template_name = "publishing/preview.html"

    def get_context_data(self, **kwargs):
        draft = self.get_draft()
        data = statement_compose(draft=draft)
        kwargs["empty_sections"] = empty_sections(data)
        if self.school.publishes_in_welsh:
            kwargs["missing_translations"] = missing_translations(draft)
            kwargs["in_welsh"] = self.request.GET.get("lang") == WELSH
        if kwargs.get("in_welsh"):
            data = statement_in_welsh(draft=draft, data=data)
            with translation.override(WELSH):
                kwargs["statement_html"] = statement_render_html(data)
        else:
            kwargs["statement_html"] = statement_render_html(data)
        kwargs["statement"] = data
        return super().get_context_data(**kwargs)


class SubmitView(DraftMixin, View):
    """Leadership freeze the draft as a new version and ask the governors to decide on it."""

    allowed_roles = LEADERSHIP_ONLY
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        draft = self.get_draft()
        try:
            version = services.statement_submit(draft=draft, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.draft_url())
        messages.success(
            request,
            f"Version {version.number} was submitted for approval and the governors were "
            "emailed. Later changes to the evidence do not change it.",
        )
        return redirect(version_url(self.school, draft, version.number))


def version_url(school, draft, number: int) -> str:
    return reverse(
        "publishing:version",
        kwargs={"school_slug": school.slug, "year": draft.year, "version": number},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve this version"), ("changes", "Ask for changes")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you ask for changes: say what should change and why.",
    )
    minute_reference = forms.CharField(
        label="Minute reference (optional)",
        required=False,
        max_length=100,
        help_text="Where the meeting's minutes record the decision, for example FGB 2025/14.",
    )


class PublishForm(forms.Form):
    advice_confirmed = forms.BooleanField(
        label="I have read this advice and publish the statement with it outstanding",
        required=False,
    )
    correction_note = forms.CharField(
        label="What changed since the last version",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see this note beside the corrected statement.",
    )

    def __init__(self, *args, advice=(), is_correction=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not advice:
            del self.fields["advice_confirmed"]
        if not is_correction:
            del self.fields["correction_note"]


class VersionView(DraftMixin, TemplateView):
    """One frozen version, exactly as it would be published, with what changed since the last
    publication, the check made when it was submitted, its decision, and the governors' and
    leadership's actions on it."""

    allowed_roles = OVERSEERS
    template_name = "publishing/version.html"

    def get_version(self):
        if not hasattr(self, "version"):
            self.version = selectors.version_get(
                draft=self.get_draft(), number=self.kwargs["version"]
            )
        return self.version

    def get_context_data(self, **kwargs):
        version = self.get_version()
        current_number = selectors.version_current_number(draft=self.get_draft())
        decision = getattr(version, "decision", None)
        published = hasattr(version, "publication")
        is_current = version.number == current_number
        published_before = selectors.publications_for_school(school=self.school).filter(
            period_start=self.get_draft().period_start, period_end=self.get_draft().period_end
        )
        last_data = selectors.publication_last_data(school=self.school)
        kwargs.update(
            version=version,
            decision=decision,
            status=version_status(version, current_number),
            is_current=is_current,
            current_number=current_number,
            can_decide=is_current and decision is None,
            can_publish=is_current
            and decision is not None
            and decision.is_approval
            and not published,
            changes=statement_changes(last_data, version.data) if last_data else None,
        )
        kwargs.setdefault("decision_form", DecisionForm())
        kwargs.setdefault(
            "publish_form",
            PublishForm(advice=version.advice, is_correction=published_before.exists()),
        )
        return super().get_context_data(**kwargs)


def _refusal(request, error: ValidationError, school, draft) -> None:
    """Show a service's refusal; one about a replaced version links to the current one."""
    if isinstance(error, services.NotCurrentVersion):
        messages.error(
            request,
            format_html(
                '{} <a href="{}">Read version {}</a>.',
                error.message,
                version_url(school, draft, error.current.number),
                error.current.number,
            ),
        )
    else:
        messages.error(request, " ".join(error.messages))


class DecideView(VersionView):
    """A governor approves the version or asks for changes."""

    allowed_roles = GOVERNORS_ONLY
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        version = self.get_version()
        form = DecisionForm(request.POST)
        if form.is_valid():
            fields = form.cleaned_data
            decide = (
                services.statement_approve
                if fields["decision"] == "approve"
                else services.statement_request_changes
            )
            try:
                decision = decide(
                    version=version,
                    by=request.user,
                    comment=fields["comment"],
                    minute_reference=fields["minute_reference"],
                )
            except services.NotCurrentVersion as error:
                _refusal(request, error, self.school, self.get_draft())
                return redirect(request.path.removesuffix("decide/"))
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                if decision.is_approval:
                    done = "You approved version {}. Leadership can now publish it."
                else:
                    done = "You asked for changes to version {}. Leadership have been told."
                messages.success(request, done.format(version.number))
                return redirect(request.path.removesuffix("decide/"))
        return self.render_to_response(self.get_context_data(decision_form=form))


class PublishView(VersionView):
    """Leadership publish exactly the approved version."""

    allowed_roles = LEADERSHIP_ONLY
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        version = self.get_version()
        form = PublishForm(
            request.POST,
            advice=version.advice,
            is_correction=selectors.publications_for_school(school=self.school)
            .filter(
                period_start=self.get_draft().period_start,
                period_end=self.get_draft().period_end,
            )
            .exists(),
        )
        if form.is_valid():
            try:
                publication = services.statement_publish(
                    version=version,
                    by=request.user,
                    advice_confirmed=form.cleaned_data.get("advice_confirmed", False),
                    correction_note=form.cleaned_data.get("correction_note", ""),
                )
            except services.NotCurrentVersion as error:
                _refusal(request, error, self.school, self.get_draft())
                return redirect(request.path.removesuffix("publish/"))
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    f"The {publication.label} statement is published. "
                    "Link to it from the school's website.",
                )
                return redirect(self.draft_url())
        return self.render_to_response(self.get_context_data(publish_form=form))


class VersionPdfView(VersionView):
    """The version's frozen PDF, exactly as it would be published."""

    def get(self, request, *args, **kwargs):
        version = self.get_version()
        welsh = request.GET.get("lang") == WELSH and bool(version.html_cy)
        pdf = version.pdf_cy if welsh else version.pdf
        response = HttpResponse(bytes(pdf), content_type="application/pdf")
        filename = (
            f"equality-information-{self.school.slug}-{self.get_draft().period.key}"
            f"-draft-version-{version.number}{'-cy' if welsh else ''}"
        )
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response


# --- Public pages ------------------------------------------------------------------------------

PUBLIC_CACHE = "public, max-age=300"


def _in_language(publication, language: str | None):
    """The publication's statement in ``language``: 404 for Welsh unless it was published in
    Welsh too."""
    if language == WELSH and not publication.in_welsh:
        raise Http404("This statement was not published in Welsh.")


def _alternates(school, publication, kwargs) -> list[dict[str, str]]:
    """The page asked for in each language the statement was published in (latest, year or
    version, as asked), for the hreflang links and the language switch."""
    if not publication.in_welsh:
        return []
    if kwargs.get("version") is not None:
        name, args = "public:version", [school.slug, publication.year, publication.version]
    elif kwargs.get("year") is not None:
        name, args = "public:year", [school.slug, publication.year]
    else:
        name, args = "public:latest", [school.slug]
    return [
        {"lang": "en-GB", "name": "English", "url": reverse(name, args=args)},
        {"lang": WELSH, "name": "Cymraeg", "url": reverse(f"{name}_cy", args=args)},
    ]


@method_decorator(login_not_required, name="dispatch")
class PublicStatementView(TemplateView):
    """The published statement: the latest, a year's current version, or a named version; in
    Welsh at the same address with "cy/" when the school published it in Welsh too."""

    template_name = "publishing/public_statement.html"

    def dispatch(self, request, *args, **kwargs):
        language = kwargs.get("language")
        if language is None:
            return super().dispatch(request, *args, **kwargs)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            response["Content-Language"] = language
            return response

    def get_context_data(self, **kwargs):
        school = selectors.public_school_get(slug=self.kwargs["school_slug"])
        year = self.kwargs.get("year")
        if year is None:
            latest = selectors.publication_latest(school=school)
            year = latest.year
        version = self.kwargs.get("version")
        publication = selectors.publication_get(school=school, year=year, version=version)
        language = self.kwargs.get("language")
        _in_language(publication, language)
        welsh = language == WELSH
        html = publication.html_cy if welsh else publication.html
        kwargs.update(
            school=school,
            publication=publication,
            language=language,
            page_lang=WELSH if welsh else "en-GB",
            statement=publication.data_cy if welsh else publication.data,
            statement_html=html,
            alternates=_alternates(school, publication, self.kwargs),
            contents=statement_contents(html),
            archive=selectors.publications_for_school(school=school),
            earlier_publications=selectors.earlier_publications_for_school(school=school),
            trust_statement=trust_statement_link(school=school),
        )
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = PUBLIC_CACHE
        return response


def _publication_for_download(school_slug, year, version, language=None):
    school = selectors.public_school_get(slug=school_slug)
    publication = selectors.publication_get(school=school, year=year, version=version)
    _in_language(publication, language)
    return publication


def pdf_response(publication, filename: str, *, welsh: bool = False) -> HttpResponse:
    """A published PDF (a school's or a trust's, in Welsh if asked), inline, cacheable, tagged
    with its hash."""
    pdf = bytes(publication.pdf_cy if welsh else publication.pdf)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    response["Cache-Control"] = PUBLIC_CACHE
    response["ETag"] = f'"{sha256(pdf) if welsh else publication.pdf_sha256}"'
    if welsh:
        response["Content-Language"] = WELSH
    return response


def json_response(publication, *, welsh: bool = False) -> HttpResponse:
    """A publication's data exactly as stored, for anyone (CORS open), tagged with its hash."""
    text = publication.data_json_cy if welsh else publication.data_json
    response = HttpResponse(text, content_type="application/json")
    response["Cache-Control"] = PUBLIC_CACHE
    response["ETag"] = f'"{sha256(text.encode()) if welsh else publication.data_sha256}"'
    response["Access-Control-Allow-Origin"] = "*"
    if welsh:
        response["Content-Language"] = WELSH
    return response


def download_name(slug: str, publication, version: int | None) -> str:
    year = publication.year  # a school's period, or a trust's academic year
    name = f"equality-information-{slug}-{year.key if isinstance(year, Period) else year.label}"
    return f"{name}-v{version}" if version is not None else name


@login_not_required
def public_statement_pdf(request, school_slug, year, version=None, language=None):
    publication = _publication_for_download(school_slug, year, version, language)
    welsh = language == WELSH
    filename = download_name(school_slug, publication, version) + ("-cy" if welsh else "")
    return pdf_response(publication, filename, welsh=welsh)


@login_not_required
def public_statement_json(request, school_slug, year, version=None, language=None):
    publication = _publication_for_download(school_slug, year, version, language)
    return json_response(publication, welsh=language == WELSH)


@login_not_required
def public_appendix(request, school_slug, year, number, file_name):
    """An appendix of the year's published statement, at the address the statement links to."""
    publication = _publication_for_download(school_slug, year, None)
    listed = [a for a in publication.data.get("attachments", []) if a["number"] == number]
    if not listed or listed[0]["file_name"] != file_name:
        raise Http404("No such appendix.")
    file = selectors.attachment_file_get(school=publication.school, sha256=listed[0]["sha256"])
    response = HttpResponse(bytes(file.content), content_type=file.content_type)
    disposition = "inline" if file.content_type == "application/pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name}"'
    response["Cache-Control"] = PUBLIC_CACHE
    response["ETag"] = f'"{file.sha256}"'
    return response
