from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = _("Needs descriptions and actor mappings")

    def ready(self):
        from accounts.personal_data import register_personal_data
        from briefs.personal_data import export_brief_versions
        from briefs.services import requeue_stuck_renders
        from notifications.services import register_sweeper

        register_personal_data("needs_description_versions", export_brief_versions)
        # Renders a killed worker left behind are queued again by the outbox sweep.
        register_sweeper(requeue_stuck_renders)
