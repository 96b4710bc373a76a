from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import has_mfa


class RequireMFAMiddleware:
    """Send programme staff and jurors to TOTP set-up before their own pages.

    Their pages live under ``MFA_REQUIRED_PATH_PREFIXES``. Sign-in already asks
    for the code of a user who has TOTP, so having it is enough here.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.MFA_REQUIRED_PATH_PREFIXES)

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and self._is_protected(request.path_info)
            and user.roles.requires_mfa
            and not has_mfa(user)
        ):
            messages.warning(
                request,
                _("Programme staff and jury members must turn on two-factor authentication first."),
            )
            # Back to this page once TOTP is set up (accounts.views.ActivateTOTPView).
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)

    def _is_protected(self, path: str) -> bool:
        # Paths may carry a language prefix such as /en/staff/.
        for language, _name in settings.LANGUAGES:
            prefix = f"/{language}/"
            if path.startswith(prefix):
                path = path[len(prefix) - 1 :]
                break
        return path.startswith(self.prefixes)
