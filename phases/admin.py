from django.contrib import admin

from phases.models import Deadline, Phase, Round


class PhaseInline(admin.StackedInline):
    model = Phase
    extra = 0
    max_num = 5


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_current", "is_published"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PhaseInline, DeadlineInline]
