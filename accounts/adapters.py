from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
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
