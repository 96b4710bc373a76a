"""Every e-mail is three templates behind one function, delivered through an outbox.

``templates/emails/<name>-subject.txt``, ``-body.txt`` and ``-body.html``,
rendered in the recipient's language. ``send_email`` only writes an
``OutboxMessage`` row in the caller's transaction and queues delivery once that
transaction commits; ``deliver`` (run by a Celery task) claims the row, hands it
to the e-mail backend and marks it sent. A message is never lost to a broker
that is down (the row waits, and a periodic sweep queues it again) and is never
delivered twice by two tasks (the claim is one conditional UPDATE).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from gnist.background import send_to_broker
from notifications.models import OutboxAttachment, OutboxMessage

logger = logging.getLogger(__name__)

DELIVER_TASK = "notifications.deliver_message"


def render_email(name: str, context: dict, *, language: str = "nb") -> tuple[str, str, str]:
    """The subject, text and HTML of one e-mail, in ``language`` (the HTML declares it).

    Everything users typed is escaped in the HTML part; the subject and the text
    part are plain text, rendered without HTML escaping (a title "Bø & Sauherad"
    must not read "Bø &amp; Sauherad" there).
    """
    context = {"site_url": settings.SITE_URL, "LANGUAGE_CODE": language, **context}
    with translation.override(language):
        subject = _render_plain(f"emails/{name}-subject.txt", context)
        text = _render_plain(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    return subject, text, html


def _render_plain(template_name: str, context: dict) -> str:
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def send_email(
    name: str, to: list[str], context: dict, *, language: str = "nb", attachments=()
) -> OutboxMessage:
    """Render one e-mail and put it in the outbox.

    Side effects: saves an ``OutboxMessage`` (and its attachments) in the current
    transaction; queues its delivery when that transaction commits.
    """
    subject, text, html = render_email(name, context, language=language)
    return queue_email(
        kind=name,
        to=to,
        subject=subject,
        body_text=text,
        body_html=html,
        language=language,
        attachments=attachments,
    )


def queue_email(
    *,
    kind: str,
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    language: str = "nb",
    from_email: str = "",
    attachments=(),
) -> OutboxMessage:
    """Save an already rendered e-mail in the outbox and queue it on commit."""
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            kind=kind,
            to=list(to),
            subject=subject[:300],
            body_text=body_text,
            body_html=body_html,
            language=language,
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        )
        OutboxAttachment.objects.bulk_create(
            OutboxAttachment(message=message, filename=filename, content=content, mimetype=mime)
            for filename, content, mime in attachments
        )
        transaction.on_commit(lambda: enqueue_delivery(message.pk))
    return message


def queue_prepared_email(message: EmailMessage, *, kind: str, language: str = "nb"):
    """Put a message someone else rendered (allauth's e-mails) in the outbox."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    attachments = [
        (filename, content.encode() if isinstance(content, str) else content, mimetype)
        for filename, content, mimetype in message.attachments
    ]
    return queue_email(
        kind=kind,
        to=message.to,
        subject=message.subject,
        body_text=message.body,
        body_html=html,
        language=language,
        from_email=message.from_email,
        attachments=attachments,
    )


def enqueue_delivery(message_id: int) -> bool:
    """Hand a delivery task to the broker (the e-mail queue). A broker that is down is
    logged, not raised.

    The row stays queued and the periodic sweep (``notifications.sweep_outbox``)
    queues it again, so the change that caused the e-mail never fails because
    of Redis.
    """
    return send_to_broker(DELIVER_TASK, {"message_id": message_id})


def build_message(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        message.subject,
        message.body_text,
        message.from_email,
        message.to,
        headers={"Message-ID": message.message_id},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return email


def deliver(message_id: int) -> str:
    """Deliver one outbox row at most once.

    Returns the row's status afterwards, or "skipped" when another task already
    holds or finished it. Side effects: talks to the e-mail backend; updates the row.
    """
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None:
        logger.warning("outbox message %s is gone", message_id)
        return "skipped"
    # The claim commits before the SMTP conversation starts: the attempt is on
    # record even if the worker dies after the server accepted the message.
    if not message.claim(timezone.now()):
        return "skipped"
    try:
        # EMAIL_TIMEOUT bounds every socket operation: a server that accepts the
        # connection and then hangs fails this attempt instead of stalling the worker.
        get_connection().send_messages([build_message(message)])
    except Exception as exc:  # SMTP, socket and TLS errors all mean "try again later"
        status = message.mark_attempt_failed(f"{type(exc).__name__}: {exc}", timezone.now())
        logger.warning("outbox message %s not delivered (%s): %s", message_id, status, exc)
        return status
    message.mark_sent(timezone.now())
    return OutboxMessage.Status.SENT


def alert_staff_of_failing_mail(*, at) -> bool:
    """Tell ``OUTBOX_ALERT_EMAIL`` that mail has been failing, at most once per repeat period.

    The alert goes through ``OUTBOX_ALERT_EMAIL_BACKEND`` (and its own host), never
    through the outbox and its SMTP server, which is what is failing. Returns
    whether an alert was recorded. Side effects: saves a ``MailAlert``; sends one e-mail.
    """
    from datetime import timedelta

    from notifications.models import MailAlert

    failing = OutboxMessage.objects.failing(at).count()
    if not failing:
        return False
    repeat = timedelta(seconds=settings.OUTBOX_ALERT_REPEAT)
    if MailAlert.objects.filter(sent_at__gt=at - repeat).exists():
        return False
    alert = MailAlert(sent_at=at, failing=failing)
    if settings.OUTBOX_ALERT_EMAIL:
        try:
            connection = get_connection(
                backend=settings.OUTBOX_ALERT_EMAIL_BACKEND,
                host=settings.OUTBOX_ALERT_EMAIL_HOST,
                port=settings.OUTBOX_ALERT_EMAIL_PORT,
                timeout=settings.EMAIL_TIMEOUT,
            )
            EmailMessage(
                f"[Gnist] {failing} e-mails are not getting through",
                (
                    f"{failing} e-mails from {settings.SITE_URL} have failed for more than "
                    f"{settings.OUTBOX_ALERT_AFTER // 60} minutes. Last error: "
                    f"{OutboxMessage.objects.failing(at).values_list('last_error', flat=True)[0]}"
                    f"\n\n{settings.SITE_URL}/staff/outbox/?status=failed\n"
                ),
                settings.SERVER_EMAIL,
                [settings.OUTBOX_ALERT_EMAIL],
                connection=connection,
            ).send()
            alert.delivered = True
        except Exception as exc:  # the alert route can fail too; staff still see the banner
            alert.error = f"{type(exc).__name__}: {exc}"[:2000]
            logger.error("mail alert not delivered: %s", exc)
    logger.error("%s outgoing e-mails have been failing for a while", failing)
    alert.save()
    return True
