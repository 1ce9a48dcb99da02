from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EngagementRecord


@admin.register(EngagementRecord)
class EngagementRecordAdmin(SimpleHistoryAdmin):
    list_display = ("title", "school", "academic_year", "recurrence", "held_on")
    list_filter = ("school", "academic_year")
    search_fields = ("title", "named_group", "school__name")
    autocomplete_fields = ["recorded_by"]
    filter_horizontal = ["objectives"]
