from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "jury"
    verbose_name = _("Jury")

    def ready(self):
        # A new round gets its own criteria, scale, settings and e-mail texts.
        from jury.services import copy_round_rows
        from phases.services import register_round_copier

        register_round_copier("jury", copy_round_rows)
