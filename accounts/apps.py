from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from accounts import audiences  # noqa: F401 (registers the audiences)
        from accounts.models import membership_roles
        from accounts.roles import register_role_source

        register_role_source(membership_roles)
