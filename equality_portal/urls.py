"""The site's addresses. Every page needs a signed-in user unless marked @login_not_required;
the public ones are listed in tests/test_url_access.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from equality_portal.academic_year import AcademicYearConverter
from equality_portal.schools.forms import PortalPasswordResetForm

from . import views

register_converter(AcademicYearConverter, "academic_year")

admin.site.site_header = "Equality Portal administration"
admin.site.site_title = "Equality Portal admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PortalPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("schools/", include("equality_portal.schools.urls")),
    path("schools/<slug:school_slug>/duties/", include("duties.urls")),
    path("schools/<slug:school_slug>/engagement/", include("engagement.urls")),
    path("schools/<slug:school_slug>/objectives/", include("objectives.urls")),
    path("schools/<slug:school_slug>/incidents/", include("incidents.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "equality_portal.views.server_error"
