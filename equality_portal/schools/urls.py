from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.SchoolPickerView.as_view(), name="home"),
    path("<slug:school_slug>/", views.SchoolDashboardView.as_view(), name="dashboard"),
    path("<slug:school_slug>/details/", views.SchoolEditView.as_view(), name="school_edit"),
    path("<slug:school_slug>/audit/", views.AuditView.as_view(), name="audit"),
    path("<slug:school_slug>/members/", views.MemberListView.as_view(), name="member_list"),
    path("<slug:school_slug>/members/add/", views.MemberAddView.as_view(), name="member_add"),
    path(
        "<slug:school_slug>/members/<int:pk>/role/",
        views.MemberRoleView.as_view(),
        name="member_role",
    ),
    path(
        "<slug:school_slug>/members/<int:pk>/remove/",
        views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
]
