from django.contrib import admin

from jury.models import (
    AuditEntry,
    Conflict,
    Criterion,
    Decision,
    JurySeat,
    JurySettings,
    NotificationTemplate,
    Review,
    ScaleStep,
    Score,
)


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["round", "order", "key", "name_nb", "name_en", "weight"]
    list_display_links = ["key"]
    list_filter = ["round"]
    ordering = ["round", "order"]


@admin.register(ScaleStep)
class ScaleStepAdmin(admin.ModelAdmin):
    list_display = ["round", "value", "label_nb", "label_en"]
    list_filter = ["round"]


class ConflictInline(admin.TabularInline):
    model = Conflict
    extra = 0
    fields = ["municipality", "county", "kind", "note"]
    autocomplete_fields = ["municipality"]


@admin.register(JurySeat)
class JurySeatAdmin(admin.ModelAdmin):
    list_display = ["round", "organisation", "user", "order", "conflicts_declared_at"]
    list_filter = ["round"]
    autocomplete_fields = ["user"]
    list_select_related = ["round", "organisation", "user"]
    inlines = [ConflictInline]


@admin.register(JurySettings)
class JurySettingsAdmin(admin.ModelAdmin):
    list_display = [
        "round",
        "scoring_opens_at",
        "scoring_closes_at",
        "jurors_see_results",
        "quorum",
    ]
    readonly_fields = ["published_at", "published_by"]


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    list_display = ["round", "key", "subject_nb"]
    list_filter = ["round"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    readonly_fields = ["criterion", "value", "comment"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read-only: scores change only through the juror's own form, so the audit trail holds."""

    list_display = ["application", "seat", "status", "submitted_at"]
    list_filter = ["status", "seat__round"]
    list_select_related = ["application__municipality", "seat__user", "seat__organisation"]
    readonly_fields = ["seat", "application", "status", "comment", "submitted_at"]
    inlines = [ScoreInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "outcome", "rank", "decided_by", "notified_at"]
    list_filter = ["round", "outcome"]
    list_select_related = ["application__municipality", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "round", "actor", "action", "summary"]
    list_filter = ["round", "action"]
    list_select_related = ["round", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
