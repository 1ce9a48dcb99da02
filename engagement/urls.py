from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("", views.EngagementListView.as_view(), name="record_list"),
    path("<academic_year:year>/", views.EngagementListView.as_view(), name="year_list"),
    path("add/", views.EngagementCreateView.as_view(), name="record_add"),
    path("records/<int:pk>/", views.EngagementDetailView.as_view(), name="record_detail"),
    path("records/<int:pk>/edit/", views.EngagementEditView.as_view(), name="record_edit"),
]
