"""The site's addresses. Every page needs a signed-in user unless marked @login_not_required;
the public ones are listed in tests/test_url_access.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django_otp.admin import OTPAdminSite

from equality_portal.core.academic_year import AcademicYearConverter
from equality_portal.core.periods import PeriodConverter
from equality_portal.oversight.views import TrustView
from equality_portal.schools import views_accounts, views_two_factor
from equality_portal.schools.forms import PortalPasswordResetForm

from . import views

register_converter(AcademicYearConverter, "academic_year")
register_converter(PeriodConverter, "period")

# Platform administrators use their second factor on the admin's own sign-in form too.
if settings.TWO_FACTOR_REQUIRED:
    admin.site.__class__ = OTPAdminSite

admin.site.site_header = "Equality Portal administration"
admin.site.site_title = "Equality Portal admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("accounts/login/", views_accounts.SignInView.as_view(), name="login"),
    path("accounts/details/", views_accounts.AccountDetailsView.as_view(), name="account_details"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PortalPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/two-factor/", views_two_factor.TwoFactorStatusView.as_view(), name="two_factor"),
    path(
        "accounts/two-factor/setup/",
        views_two_factor.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "accounts/two-factor/verify/",
        views_two_factor.TwoFactorVerifyView.as_view(),
        name="two_factor_verify",
    ),
    path("schools/", include("equality_portal.schools.urls")),
    path("schools/<slug:school_slug>/duties/", include("duties.urls")),
    path("schools/<slug:school_slug>/engagement/", include("engagement.urls")),
    path("schools/<slug:school_slug>/objectives/", include("objectives.urls")),
    path("schools/<slug:school_slug>/incidents/", include("incidents.urls")),
    path("schools/<slug:school_slug>/workforce/", include("workforce.urls")),
    path("schools/<slug:school_slug>/statement/", include("equality_portal.publishing.urls")),
    path(
        "schools/<slug:school_slug>/reports/",
        include("equality_portal.oversight.report_urls"),
    ),
    path("equality/", include("equality_portal.publishing.public_urls")),
    path("trust/", TrustView.as_view(), name="trust"),
    path("trusts/<slug:trust_slug>/", include("equality_portal.publishing.trust_urls")),
    path("admin/", admin.site.urls),
]

handler500 = "equality_portal.views.server_error"
