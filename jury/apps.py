from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "jury"
    verbose_name = _("Jury")

    def ready(self):
        from accounts.dashboard import register_next_steps
        from accounts.roles import register_role_source
        from jury import audiences  # noqa: F401 (registers the audiences)
        from jury.models import seat_roles
        from jury.next_steps import juror_steps

        register_role_source(seat_roles)
        register_next_steps(juror_steps)
