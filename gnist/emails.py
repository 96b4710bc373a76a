"""Every e-mail is three templates behind one function.

``templates/emails/<name>-subject.txt``, ``-body.txt`` and ``-body.html``,
rendered in the recipient's language.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_email(name: str, context: dict, *, language: str = "nb") -> tuple[str, str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    return subject, text, html


def send_email(name: str, to: list[str], context: dict, *, language: str = "nb", attachments=()):
    """Render and send one e-mail. Side effect: hands the message to the e-mail backend."""
    subject, text, html = render_email(name, context, language=language)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    return message
