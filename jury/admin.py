from django.contrib import admin

from jury.models import Criterion, JurySeat


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["order", "key", "name_nb", "name_en", "weight"]
    list_display_links = ["key"]
    ordering = ["order"]


@admin.register(JurySeat)
class JurySeatAdmin(admin.ModelAdmin):
    list_display = ["round", "organisation", "user", "order"]
    list_filter = ["round"]
    autocomplete_fields = ["user"]
    list_select_related = ["round", "organisation", "user"]
