from django.urls import path

from . import views

app_name = "workforce"

urlpatterns = [
    path("pay-gap/", views.PayGapListView.as_view(), name="pay_gap_list"),
    path("pay-gap/import/", views.PayrollImportView.as_view(), name="payroll_import"),
    path("pay-gap/template.csv", views.PayrollTemplateView.as_view(), name="payroll_template"),
    path("pay-gap/<int:pk>/", views.PayGapDetailView.as_view(), name="pay_gap_detail"),
]
