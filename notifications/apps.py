from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Register the outbox tasks in every process, so gnist.emails can queue
        # delivery by task name (eagerly in tests) without importing this app's tasks.
        from notifications import tasks  # noqa: F401
        from notifications.services import copy_round_rows
        from phases.services import register_round_copier

        register_round_copier("notifications", copy_round_rows)
