from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"
    verbose_name = _("Challenges")

    def ready(self):
        from accounts.dashboard import register_next_steps
        from applications import audiences  # noqa: F401 (registers the audiences)
        from applications.models import selected_municipality_ids
        from applications.next_steps import challenge_steps
        from phases.selection import register_selection

        register_selection(selected_municipality_ids)
        register_next_steps(challenge_steps)
