from django.urls import path

from . import views

app_name = "duties"

urlpatterns = [
    path("", views.DutiesHomeView.as_view(), name="home"),
    # The three aims and the actions taken
    path("actions/<academic_year:year>/", views.YearView.as_view(), name="year"),
    path("aims/<str:aim>/<academic_year:year>/", views.AimView.as_view(), name="aim"),
    path("actions/add/", views.ActionCreateView.as_view(), name="action_add"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action_edit"),
    path("actions/<int:pk>/delete/", views.ActionDeleteView.as_view(), name="action_delete"),
    # Equality analyses
    path("analyses/", views.AnalysisListView.as_view(), name="analysis_list"),
    path("analyses/add/", views.AnalysisCreateView.as_view(), name="analysis_add"),
    path("analyses/<int:pk>/", views.AnalysisDetailView.as_view(), name="analysis_detail"),
    path("analyses/<int:pk>/edit/", views.AnalysisUpdateView.as_view(), name="analysis_edit"),
    path(
        "analyses/<int:pk>/sign-off/",
        views.AnalysisSignOffView.as_view(),
        name="analysis_sign_off",
    ),
    # The policy register
    path("policies/", views.PolicyListView.as_view(), name="policy_list"),
    path("policies/add/", views.PolicyCreateView.as_view(), name="policy_add"),
    path("policies/<int:pk>/", views.PolicyDetailView.as_view(), name="policy_detail"),
    path("policies/<int:pk>/edit/", views.PolicyUpdateView.as_view(), name="policy_edit"),
    path(
        "policies/<int:pk>/reviews/add/",
        views.PolicyReviewCreateView.as_view(),
        name="policy_review_add",
    ),
    # Monitoring data
    path("monitoring/", views.MonitoringView.as_view(), name="monitoring"),
    path("monitoring/profiles/add/", views.ProfileCreateView.as_view(), name="profile_add"),
    path("monitoring/profiles/<int:pk>/", views.ProfileDetailView.as_view(), name="profile_detail"),
    path(
        "monitoring/profiles/<int:pk>/edit/",
        views.ProfileUpdateView.as_view(),
        name="profile_edit",
    ),
    path(
        "monitoring/profiles/<int:pk>/delete/",
        views.ProfileDeleteView.as_view(),
        name="profile_delete",
    ),
    path(
        "monitoring/profiles/<int:pk>/figures/add/",
        views.FigureCreateView.as_view(),
        name="figure_add",
    ),
    path("monitoring/figures/<int:pk>/edit/", views.FigureUpdateView.as_view(), name="figure_edit"),
    path(
        "monitoring/figures/<int:pk>/delete/",
        views.FigureDeleteView.as_view(),
        name="figure_delete",
    ),
    path("monitoring/outcomes/add/", views.OutcomeCreateView.as_view(), name="outcome_add"),
    path(
        "monitoring/outcomes/<int:pk>/edit/",
        views.OutcomeUpdateView.as_view(),
        name="outcome_edit",
    ),
    path(
        "monitoring/outcomes/<int:pk>/delete/",
        views.OutcomeDeleteView.as_view(),
        name="outcome_delete",
    ),
    path("monitoring/import/<str:kind>/", views.ImportView.as_view(), name="import"),
    path(
        "monitoring/import/<str:kind>/template.csv",
        views.ImportTemplateView.as_view(),
        name="import_template",
    ),
]
