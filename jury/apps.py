from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "jury"
    verbose_name = _("Jury")

    def ready(self):
        from accounts.dashboard import register_next_steps
        from accounts.personal_data import register_personal_data
        from accounts.roles import register_role_source
        from applications.models import register_reader
        from jury import audiences  # noqa: F401 (registers the audiences)
        from jury.models import seat_roles
        from jury.next_steps import juror_steps
        from jury.permissions import juror_readable
        from jury.personal_data import export_jury
        from jury.services import copy_round_rows
        from phases.services import register_round_copier

        register_role_source(seat_roles)
        register_next_steps(juror_steps)
        register_reader(juror_readable)
        register_personal_data("jury", export_jury)
        # A new round gets its own criteria, scale, settings and e-mail texts.
        register_round_copier("jury", copy_round_rows)
