from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("staff/outbox/", views.staff_outbox, name="staff_outbox"),
    path(
        "staff/outbox/resend-failed/",
        views.staff_outbox_resend_failed,
        name="staff_outbox_resend_failed",
    ),
    path("staff/outbox/<int:pk>/resend/", views.staff_outbox_resend, name="staff_outbox_resend"),
    path("staff/reminders/", views.staff_reminders, name="staff_reminders"),
    path("staff/reminders/<int:pk>/", views.staff_reminder, name="staff_reminder"),
    path(
        "staff/reminders/<int:pk>/pause/", views.staff_reminder_pause, name="staff_reminder_pause"
    ),
]
