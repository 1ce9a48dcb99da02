from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Membership, School, Trust, TrustMembership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "last_login")
    inlines = [MembershipInline]


class TrustMembershipInline(admin.TabularInline):
    """Trust leadership and trustees: platform administrators add them, as for schools."""

    model = TrustMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Trust)
class TrustAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [TrustMembershipInline]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "phase",
        "nation",
        "local_authority",
        "trust",
        "number_of_staff",
    )
    list_filter = ("phase", "nation", "trust")
    search_fields = ("name", "slug", "urn", "local_authority")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]
