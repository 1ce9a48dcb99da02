from django.urls import path

from . import views

app_name = "objectives"

urlpatterns = [
    path("", views.ObjectiveSetListView.as_view(), name="set_list"),
    path("sets/add/", views.ObjectiveSetCreateView.as_view(), name="set_add"),
    path("sets/<int:pk>/", views.ObjectiveSetDetailView.as_view(), name="set_detail"),
    path("sets/<int:pk>/edit/", views.ObjectiveSetEditView.as_view(), name="set_edit"),
    path(
        "sets/<int:set_pk>/objectives/add/",
        views.ObjectiveCreateView.as_view(),
        name="objective_add",
    ),
    path("<int:pk>/", views.ObjectiveDetailView.as_view(), name="objective_detail"),
    path("<int:pk>/edit/", views.ObjectiveEditView.as_view(), name="objective_edit"),
    path("<int:pk>/progress/add/", views.ProgressUpdateCreateView.as_view(), name="progress_add"),
    path("<int:pk>/comments/add/", views.ProgressCommentCreateView.as_view(), name="comment_add"),
    path("<int:pk>/actions/", views.ActionPlanView.as_view(), name="action_plan"),
    path("<int:pk>/actions/add/", views.ActionCreateView.as_view(), name="action_add"),
    path("actions/<int:pk>/edit/", views.ActionEditView.as_view(), name="action_edit"),
    path("actions/<int:pk>/delete/", views.ActionDeleteView.as_view(), name="action_delete"),
]
