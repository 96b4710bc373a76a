from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "jury"
    verbose_name = _("Jury")

    def ready(self):
        from accounts.dashboard import register_next_steps
        from accounts.personal_data import register_personal_data
        from accounts.roles import register_role_source
        from jury import audiences  # noqa: F401 (registers the audiences)
        from jury.models import seat_roles
        from jury.next_steps import juror_steps
        from jury.personal_data import export_jury

        register_role_source(seat_roles)
        register_next_steps(juror_steps)
        register_personal_data("jury", export_jury)
