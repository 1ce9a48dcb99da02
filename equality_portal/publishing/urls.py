from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("", views.StatementHomeView.as_view(), name="home"),
    path("<academic_year:year>/", views.DraftView.as_view(), name="draft"),
    path("<academic_year:year>/edit/", views.DraftEditView.as_view(), name="draft_edit"),
    path("<academic_year:year>/preview/", views.DraftPreviewView.as_view(), name="preview"),
    path("<academic_year:year>/approve/", views.ApproveView.as_view(), name="approve"),
    path("<academic_year:year>/publish/", views.PublishView.as_view(), name="publish"),
]
