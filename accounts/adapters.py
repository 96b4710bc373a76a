from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.utils.translation import get_language

from gnist.emails import queue_prepared_email


class AccountAdapter(DefaultAccountAdapter):
    """Record the language a person signed up in, so e-mails reach them in it."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = getattr(request, "LANGUAGE_CODE", "nb")
        user.language = language if language in ("nb", "en") else "nb"
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix, email, context):
        """allauth's own e-mails (confirmation, password reset) go through the outbox too."""
        # No sites framework here: allauth's texts ("Hello from …!") name the portal.
        site = SimpleNamespace(name="Gnist", domain=urlsplit(settings.SITE_URL).netloc)
        message = self.render_mail(template_prefix, email, {**context, "current_site": site})
        language = get_language() or "nb"
        queue_prepared_email(message, kind=template_prefix.rsplit("/", 1)[-1], language=language)

    # Sign-in limits (settings.ACCOUNT_RATE_LIMITS). allauth counts failed
    # sign-ins per address and per "key", and its key is the account alone: five
    # typos by one person would lock everyone behind the same address (with the
    # per-address limit), or an attacker could lock out anyone from anywhere.
    # The key here is the account *and* the address; a separate, generous
    # account-wide count still stops guessing from many addresses.

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}@{get_client_ip(request) or ''}"

    def _account_key(self, credentials) -> str:
        return (credentials.get("email") or credentials.get("username") or "").lower()

    def pre_authenticate(self, request, **credentials) -> None:
        if not ratelimit.consume(
            request,
            action="login_failed_account",
            key=self._account_key(credentials),
            dry_run=True,
        ):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        ratelimit.consume(
            request, action="login_failed_account", key=self._account_key(credentials)
        )
