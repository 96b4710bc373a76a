from django.contrib import admin

from applications.models import (
    Application,
    ApplicationVersion,
    Attachment,
    CountySupport,
    DeadlineExtension,
    RoadmapPrinciple,
    StatusChange,
    SustainableDevelopmentGoal,
)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["changed_at", "from_status", "to_status", "changed_by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = ApplicationVersion
    fields = ["number", "submitted_at", "submitted_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["original_name", "kind", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "round", "status", "submitted_at", "updated_at"]
    list_filter = ["round", "status", "municipality__county"]
    search_fields = ["title", "summary", "municipality__name"]
    list_select_related = ["municipality__county", "round"]
    autocomplete_fields = ["project_leader", "updated_by"]
    # Status changes go through applications.services.change_status (the staff pages), so
    # the audit row and the e-mail are never skipped.
    readonly_fields = ["status", "version", "submitted_at", "created_at", "updated_at"]
    filter_horizontal = ["roadmap_principles", "sdgs"]
    inlines = [AttachmentInline, VersionInline, StatusChangeInline]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ["municipality", "round", "until", "granted_by", "granted_at"]
    list_filter = ["round"]
    list_select_related = ["municipality__county", "round", "granted_by"]
    autocomplete_fields = ["granted_by"]


@admin.register(CountySupport)
class CountySupportAdmin(admin.ModelAdmin):
    list_display = ["application", "confirmed_by", "confirmed_at"]
    list_select_related = ["application", "confirmed_by"]


@admin.register(RoadmapPrinciple)
class RoadmapPrincipleAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nb", "name_en"]


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nb", "name_en"]
