from django.contrib import admin

from municipalities.models import County, Municipality


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "council_name", "is_active"]
    search_fields = ["number", "name", "official_name"]
    list_filter = ["is_active"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county", "is_active"]
    list_filter = ["county", "is_active"]
    search_fields = ["number", "name", "official_name"]
    list_select_related = ["county"]
    autocomplete_fields = ["replaced_by"]
