"""Platform administrators may look up an incident's metadata, never its details, and nobody
can delete an incident, its people or its actions: corrections go through the portal."""

from django.contrib import admin

from .models import Incident, PurgeLog


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    # Metadata only: the account, language and people stay with the school's managers.
    list_display = ("reference", "school", "occurred_on", "status", "recorded_at", "anonymised_at")
    list_filter = ("school", "status")
    fields = ("school", "occurred_on", "status", "recorded_by", "recorded_at", "anonymised_at")
    readonly_fields = fields

    def get_actions(self, request):
        return {}


@admin.register(PurgeLog)
class PurgeLogAdmin(ReadOnlyAdmin):
    list_display = ("school", "run_at", "up_to_academic_year", "incident_count")
    list_filter = ("school",)
