from django.contrib import admin
from django.db import models

from workshops.models import CalendarToken, Material, Registration, Workshop


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["kind", "title_nb", "title_en", "url", "original_name"]
    readonly_fields = ["original_name"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title_nb", "round", "starts_at", "audience", "counts_for_obligation"]
    list_filter = ["round", "audience", "counts_for_obligation"]
    inlines = [MaterialInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "workshop", "municipality", "county", "status"]
    list_filter = ["workshop__round", "status", "attended", "department"]
    search_fields = ["full_name", "email", "municipality__name"]
    # Status changes go through workshops.services so the waiting list stays right.
    readonly_fields = ["status", "attended", "cancelled_at", "attendance_marked_at"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    readonly_fields = ["token"]
