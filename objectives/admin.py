from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Objective, ObjectiveAction, ObjectiveSet, ProgressComment, ProgressUpdate


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ("number", "title", "status", "owner")
    show_change_link = True


@admin.register(ObjectiveSet)
class ObjectiveSetAdmin(SimpleHistoryAdmin):
    list_display = ("title", "school", "period_start", "period_end", "published_on")
    list_filter = ("school",)
    search_fields = ("title", "school__name")
    inlines = [ObjectiveInline]


class ObjectiveActionInline(admin.TabularInline):
    model = ObjectiveAction
    extra = 0


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    autocomplete_fields = ["recorded_by"]


class ProgressCommentInline(admin.TabularInline):
    model = ProgressComment
    extra = 0
    autocomplete_fields = ["author"]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "objective_set", "status", "owner")
    list_filter = ("objective_set__school", "status")
    search_fields = ("title", "objective_set__title")
    inlines = [ObjectiveActionInline, ProgressUpdateInline, ProgressCommentInline]
