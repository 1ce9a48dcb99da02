"""The trust's own pages, under /trusts/<trust_slug>/."""

from django.urls import path

from equality_portal.schools import views_trust_members as members
from workforce import views as workforce_views

from . import views_trust

app_name = "trusts"

urlpatterns = [
    path("", views_trust.TrustHomeView.as_view(), name="home"),
    path("statement/", views_trust.TrustDraftEditView.as_view(), name="statement_edit"),
    path("statement/preview/", views_trust.TrustPreviewView.as_view(), name="statement_preview"),
    path("statement/publish/", views_trust.TrustPublishView.as_view(), name="statement_publish"),
    path("objectives/", views_trust.TrustObjectivesView.as_view(), name="objectives"),
    path("members/", members.TrustMemberListView.as_view(), name="members"),
    path("members/add/", members.TrustMemberAddView.as_view(), name="member_add"),
    path("members/<int:pk>/role/", members.TrustMemberRoleView.as_view(), name="member_role"),
    path(
        "members/<int:pk>/remove/",
        members.TrustMemberRemoveView.as_view(),
        name="member_remove",
    ),
    path("workforce/", workforce_views.TrustWorkforceView.as_view(), name="workforce"),
    path(
        "workforce/import/",
        workforce_views.TrustWorkforceImportView.as_view(),
        name="workforce_import",
    ),
    path(
        "workforce/<int:pk>/delete/",
        workforce_views.TrustWorkforceDeleteView.as_view(),
        name="workforce_delete",
    ),
]
