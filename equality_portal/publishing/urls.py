from django.urls import path

from . import views, views_earlier

app_name = "publishing"

urlpatterns = [
    path("", views.StatementHomeView.as_view(), name="home"),
    path(
        "earlier/add/",
        views_earlier.EarlierPublicationCreateView.as_view(),
        name="earlier_add",
    ),
    path("period/add/", views.PeriodStartView.as_view(), name="period_add"),
    path("<period:year>/", views.DraftView.as_view(), name="draft"),
    path("<period:year>/edit/", views.DraftEditView.as_view(), name="draft_edit"),
    path(
        "<period:year>/carry-forward/",
        views_earlier.CarryForwardView.as_view(),
        name="carry_forward",
    ),
    path(
        "<period:year>/carry-forward/reviewed/",
        views_earlier.CarryForwardView.as_view(reviewed=True),
        name="carry_forward_reviewed",
    ),
    path("<period:year>/sections/", views.DraftSectionsView.as_view(), name="draft_sections"),
    path(
        "<period:year>/appendices/",
        views.DraftAttachmentsView.as_view(),
        name="draft_attachments",
    ),
    path(
        "<period:year>/appendices/<int:pk>/remove/",
        views.DraftAttachmentRemoveView.as_view(),
        name="draft_attachment_remove",
    ),
    path("<period:year>/preview/", views.DraftPreviewView.as_view(), name="preview"),
    path("<period:year>/submit/", views.SubmitView.as_view(), name="submit"),
    path(
        "<period:year>/versions/<int:version>/",
        views.VersionView.as_view(),
        name="version",
    ),
    path(
        "<period:year>/versions/<int:version>/statement.pdf",
        views.VersionPdfView.as_view(),
        name="version_pdf",
    ),
    path(
        "<period:year>/versions/<int:version>/decide/",
        views.DecideView.as_view(),
        name="decide",
    ),
    path(
        "<period:year>/versions/<int:version>/publish/",
        views.PublishView.as_view(),
        name="publish",
    ),
]
