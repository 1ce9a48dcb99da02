from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.GovernorsReportListView.as_view(), name="list"),
    path("<academic_year:year>/<str:term>/", views.GovernorsReportView.as_view(), name="term"),
    path(
        "<academic_year:year>/<str:term>/report.pdf",
        views.GovernorsReportPdfView.as_view(),
        name="pdf",
    ),
]
