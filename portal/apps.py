from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that show everything at once: the layer above every programme app."""

    name = "portal"
    verbose_name = _("Public pages")
