"""The public statement pages, stable for school websites to link to."""

from django.urls import path

from equality_portal.schools.views import public_logo

from . import views, views_earlier

app_name = "public"

urlpatterns = [
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
]
