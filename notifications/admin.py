from django.contrib import admin

from notifications.models import MailAlert, OutboxMessage, Reminder, ReminderRule, TaskRequest


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject", "to"]
    readonly_fields = ["claimed_at", "sent_at", "attempts", "interrupted_attempts", "last_error"]


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["deadline", "audience", "offsets", "send_time", "paused"]
    list_filter = ["paused", "deadline__round"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["deadline", "user", "days_before", "created_at"]
    list_select_related = ["deadline", "user"]
    raw_id_fields = ["user", "message"]


@admin.register(TaskRequest)
class TaskRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "task", "status", "attempts", "finished_at"]
    list_filter = ["status", "task"]
    readonly_fields = ["dispatched_at", "claimed_at", "finished_at", "attempts", "last_error"]


@admin.register(MailAlert)
class MailAlertAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "failing", "delivered"]
