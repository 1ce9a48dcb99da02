from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Action,
    CharacteristicImpact,
    EqualityAnalysis,
    OutcomeMeasure,
    Policy,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
)


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "school", "academic_year", "owner")
    list_filter = ("school", "academic_year")
    search_fields = ("title", "description")


class CharacteristicImpactInline(admin.TabularInline):
    model = CharacteristicImpact
    extra = 0


@admin.register(EqualityAnalysis)
class EqualityAnalysisAdmin(SimpleHistoryAdmin):
    list_display = ("subject", "school", "analysed_on", "outcome", "signed_off_on")
    list_filter = ("school", "outcome")
    search_fields = ("subject",)
    inlines = [CharacteristicImpactInline]


class PolicyReviewInline(admin.TabularInline):
    model = PolicyReview
    extra = 0
    exclude = ("created_by",)


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    list_display = ("title", "school", "owner", "review_cycle_months")
    list_filter = ("school",)
    search_fields = ("title",)
    inlines = [PolicyReviewInline]


class ProfileFigureInline(admin.TabularInline):
    model = ProfileFigure
    extra = 0


@admin.register(PopulationProfile)
class PopulationProfileAdmin(SimpleHistoryAdmin):
    list_display = ("school", "population", "census_date")
    list_filter = ("school", "population")
    inlines = [ProfileFigureInline]


@admin.register(OutcomeMeasure)
class OutcomeMeasureAdmin(SimpleHistoryAdmin):
    list_display = ("description", "school", "academic_year", "group", "comparison_group")
    list_filter = ("school", "measure", "academic_year")
