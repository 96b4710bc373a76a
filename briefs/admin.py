from django.contrib import admin

from briefs.models import Actor, Brief, BriefVersion


class ActorInline(admin.TabularInline):
    model = Actor
    extra = 0


@admin.register(Brief)
class BriefAdmin(admin.ModelAdmin):
    list_display = ["municipality", "round", "created_at"]
    list_filter = ["round"]


@admin.register(BriefVersion)
class BriefVersionAdmin(admin.ModelAdmin):
    list_display = ["brief", "number", "pdf_status", "created_at"]
    list_filter = ["pdf_status"]
    readonly_fields = ["pdf_status", "pdf_error", "pdf_rendered_at"]
    inlines = [ActorInline]
