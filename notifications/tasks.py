"""Thin Celery tasks for the outbox and reminders. Each one is safe to run twice."""

import logging

from celery import shared_task
from django.utils import timezone

from gnist import emails
from notifications import services
from notifications.models import OutboxMessage, backoff_seconds

logger = logging.getLogger(__name__)


@shared_task(name="notifications.deliver_message", bind=True, max_retries=None)
def deliver_message(self, *, message_id: int) -> str:
    status = emails.deliver(message_id)
    if status == OutboxMessage.Status.QUEUED:
        attempts = OutboxMessage.objects.filter(pk=message_id).values_list("attempts", flat=True)
        raise self.retry(countdown=backoff_seconds(attempts.first() or 1))
    return status


@shared_task(name="notifications.sweep_outbox")
def sweep_outbox() -> int:
    """Queue again what a broker outage or a dead worker left behind."""
    return services.sweep_outbox(at=timezone.now())


@shared_task(name="notifications.send_due_reminders")
def send_due_reminders() -> int:
    now = timezone.now()
    count = services.send_all_reminders(at=now)
    if count:
        logger.info("%s reminders queued", count)
    return count
