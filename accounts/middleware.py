from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class RequireMFAMiddleware:
    """Send programme staff and jurors without TOTP to set it up.

    Their roles give nothing without TOTP (``User.roles``), so the rest of
    the portal already treats them as any signed-in person. This sends them
    to TOTP set-up instead of a refusal: on their own areas (the paths under
    ``MFA_REQUIRED_PATH_PREFIXES``, including the Django admin, which reads
    ``is_staff`` itself) and on any page that refuses them (403 or 404) where
    the role would have let them in. Sign-in already asks for the code of a
    user who has TOTP, so having it is enough here.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.MFA_REQUIRED_PATH_PREFIXES)

    def __call__(self, request):
        if self._mfa_missing(request) and self._is_protected(request.path_info):
            return self._to_set_up(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Every refusal, whether the object exists or not, so the redirect
        # tells nothing about what the role would have shown.
        if isinstance(exception, PermissionDenied | Http404) and self._mfa_missing(request):
            return self._to_set_up(request)
        return None

    def _mfa_missing(self, request) -> bool:
        user = request.user
        return user.is_authenticated and user.roles.mfa_missing

    def _to_set_up(self, request):
        messages.warning(
            request,
            _("Programme staff and jury members must turn on two-factor authentication first."),
        )
        # Back to this page once TOTP is set up (accounts.views.ActivateTOTPView).
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_activate_totp')}?{query}")

    def _is_protected(self, path: str) -> bool:
        # Paths may carry a language prefix such as /en/staff/.
        for language, _name in settings.LANGUAGES:
            prefix = f"/{language}/"
            if path.startswith(prefix):
                path = path[len(prefix) - 1 :]
                break
        return path.startswith(self.prefixes)
