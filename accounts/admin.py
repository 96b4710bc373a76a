from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    CountyMembership,
    Invitation,
    MunicipalityMembership,
    Organisation,
    OrganisationMembership,
    ProjectLeader,
    User,
)


class MunicipalityMembershipInline(admin.TabularInline):
    model = MunicipalityMembership
    extra = 0
    autocomplete_fields = ["municipality"]


class CountyMembershipInline(admin.TabularInline):
    model = CountyMembership
    extra = 0


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "phone", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [MunicipalityMembershipInline, CountyMembershipInline, OrganisationMembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "org_number"]


@admin.register(ProjectLeader)
class ProjectLeaderAdmin(admin.ModelAdmin):
    list_display = ["municipality", "round", "user", "appointed_at"]
    list_filter = ["round"]
    autocomplete_fields = ["municipality", "user"]
    list_select_related = ["municipality__county", "round", "user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "target_label",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    search_fields = ["email", "full_name"]
    list_select_related = ["municipality__county", "county", "organisation"]
    readonly_fields = [
        "token",
        "accepted_at",
        "accepted_by",
        "revoked_at",
        "revoked_by",
        "invited_by",
    ]
    autocomplete_fields = ["municipality"]
