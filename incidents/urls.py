from django.urls import path

from . import views

app_name = "incidents"

urlpatterns = [
    path("", views.IncidentListView.as_view(), name="list"),
    path("export.csv", views.IncidentListExportView.as_view(), name="list_export"),
    path("record/", views.IncidentRecordView.as_view(), name="record"),
    path("<int:pk>/", views.IncidentDetailView.as_view(), name="detail"),
    path("<int:pk>/correct/", views.IncidentCorrectView.as_view(), name="correct"),
    path("<int:pk>/follow-up/", views.IncidentFollowUpView.as_view(), name="follow_up"),
    path("<int:pk>/actions/add/", views.FollowUpActionAddView.as_view(), name="action_add"),
    path("<int:pk>/history/", views.IncidentHistoryView.as_view(), name="history"),
    path("summary/", views.IncidentSummaryView.as_view(), name="summary"),
    path("summary/<academic_year:year>/", views.IncidentSummaryView.as_view(), name="summary_year"),
    path(
        "summary/<academic_year:year>/la-return.csv",
        views.IncidentExportView.as_view(),
        name="export",
    ),
    path("retention/", views.RetentionView.as_view(), name="retention"),
]
