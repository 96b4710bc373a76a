from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from accounts.dashboard import register_next_steps
        from notifications.services import register_reminder_sender
        from workshops import audiences  # noqa: F401 (registers the audiences)
        from workshops.next_steps import workshop_steps
        from workshops.services import send_workshop_reminders

        register_reminder_sender(send_workshop_reminders)
        register_next_steps(workshop_steps)
