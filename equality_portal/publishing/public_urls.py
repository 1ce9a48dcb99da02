"""The public statement pages, stable for school websites to link to."""

from django.urls import path

from equality_portal.schools.views import public_logo

from . import views, views_earlier, views_trust

app_name = "public"

# The same statement in Welsh, for a school that publishes in Welsh as well as English: each
# address with "cy/" after the statement's own (404 for a statement published in English only).
WELSH = {"language": "cy"}

# A trust's statement comes first: /equality/trust/<trust_slug>/ (a school's slug is never
# "trust": see schools.models.RESERVED_SLUGS).
trust_statement = views_trust.PublicTrustStatementView.as_view()
urlpatterns = [
    path("trust/<slug:trust_slug>/", trust_statement, name="trust_latest"),
    path("trust/<slug:trust_slug>/<academic_year:year>/", trust_statement, name="trust_year"),
    path(
        "trust/<slug:trust_slug>/<academic_year:year>/statement.pdf",
        views_trust.public_trust_statement_pdf,
        name="trust_pdf",
    ),
    path(
        "trust/<slug:trust_slug>/<academic_year:year>/statement.json",
        views_trust.public_trust_statement_json,
        name="trust_json",
    ),
    path(
        "trust/<slug:trust_slug>/<academic_year:year>/versions/<int:version>/",
        trust_statement,
        name="trust_version",
    ),
    path(
        "trust/<slug:trust_slug>/<academic_year:year>/versions/<int:version>/statement.pdf",
        views_trust.public_trust_statement_pdf,
        name="trust_version_pdf",
    ),
    path(
        "trust/<slug:trust_slug>/<academic_year:year>/versions/<int:version>/statement.json",
        views_trust.public_trust_statement_json,
        name="trust_version_json",
    ),
    path("<slug:school_slug>/logo/<slug:sha256>.<slug:extension>", public_logo, name="logo"),
    path("<slug:school_slug>/", views.PublicStatementView.as_view(), name="latest"),
    path(
        "<slug:school_slug>/earlier/<int:pk>/document",
        views_earlier.public_earlier_document,
        name="earlier_document",
    ),
    path("<slug:school_slug>/<period:year>/", views.PublicStatementView.as_view(), name="year"),
    path(
        "<slug:school_slug>/<period:year>/statement.pdf",
        views.public_statement_pdf,
        name="pdf",
    ),
    path(
        "<slug:school_slug>/<period:year>/statement.json",
        views.public_statement_json,
        name="json",
    ),
    path(
        "<slug:school_slug>/<period:year>/appendices/<int:number>/<str:file_name>",
        views.public_appendix,
        name="appendix",
    ),
    path(
        "<slug:school_slug>/<period:year>/versions/<int:version>/",
        views.PublicStatementView.as_view(),
        name="version",
    ),
    path(
        "<slug:school_slug>/<period:year>/versions/<int:version>/statement.pdf",
        views.public_statement_pdf,
        name="version_pdf",
    ),
    path(
        "<slug:school_slug>/<period:year>/versions/<int:version>/statement.json",
        views.public_statement_json,
        name="version_json",
    ),
    path(
        "<slug:school_slug>/cy/",
        views.PublicStatementView.as_view(),
        WELSH,
        name="latest_cy",
    ),
    path(
        "<slug:school_slug>/<period:year>/cy/",
        views.PublicStatementView.as_view(),
        WELSH,
        name="year_cy",
    ),
    path(
        "<slug:school_slug>/<period:year>/cy/statement.pdf",
        views.public_statement_pdf,
        WELSH,
        name="pdf_cy",
    ),
    path(
        "<slug:school_slug>/<period:year>/cy/statement.json",
        views.public_statement_json,
        WELSH,
        name="json_cy",
    ),
    path(
        "<slug:school_slug>/<period:year>/versions/<int:version>/cy/",
        views.PublicStatementView.as_view(),
        WELSH,
        name="version_cy",
    ),
    path(
        "<slug:school_slug>/<period:year>/versions/<int:version>/cy/statement.pdf",
        views.public_statement_pdf,
        WELSH,
        name="version_pdf_cy",
    ),
    path(
        "<slug:school_slug>/<period:year>/versions/<int:version>/cy/statement.json",
        views.public_statement_json,
        WELSH,
        name="version_json_cy",
    ),
]
