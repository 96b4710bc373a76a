"""Outbox sweeping and deadline reminders: workflows with side effects."""

import logging

from django.db import IntegrityError, transaction

from gnist.emails import enqueue_delivery, send_email
from notifications.audiences import AUDIENCES
from notifications.models import OutboxMessage, Reminder, ReminderRule

logger = logging.getLogger(__name__)


def sweep_outbox(*, at) -> int:
    """Queue every due outbox row again; return how many were handed to the broker.

    Side effects: rows whose worker died mid-delivery (claimed longer ago than
    ``OUTBOX_CLAIM_TIMEOUT``) go back to the queue; a delivery task is sent for
    each due row. The claim inside delivery makes a doubled task harmless.
    """
    for message in OutboxMessage.objects.stuck(at):
        logger.warning(
            "outbox message %s was claimed at %s and never finished", message.pk, message.claimed_at
        )
        message.requeue(at)
    ids = list(OutboxMessage.objects.due(at).order_by("pk").values_list("pk", flat=True))
    return sum(enqueue_delivery(pk) for pk in ids)


def recipients_for(rule: ReminderRule):
    audience = AUDIENCES.get(rule.audience)
    if audience is None:
        logger.error("reminder rule %s has an unknown audience %r", rule.pk, rule.audience)
        return []
    return audience.users(rule.deadline)


def pending_recipients(rule: ReminderRule, days_before: int):
    """The audience minus everyone already reminded of this deadline at this offset."""
    already = Reminder.objects.filter(deadline_id=rule.deadline_id, days_before=days_before)
    return recipients_for(rule).exclude(pk__in=already.values("user_id")).order_by("pk")


def send_reminder(rule: ReminderRule, user, *, days_before: int, at) -> Reminder | None:
    """Record and queue one reminder, or return None when it already exists.

    The unique (deadline, user, days_before) row is inserted in the same
    transaction as the outbox message: a retried task, a restarted worker or a
    second beat process loses the insert and sends nothing.
    """
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                rule=rule, deadline=rule.deadline, user=user, days_before=days_before, created_at=at
            )
            reminder.message = send_email(
                "reminder",
                [user.email],
                {"rule": rule, "deadline": rule.deadline, "user": user, "days_before": days_before},
                language=user.language,
            )
            reminder.save(update_fields=["message"])
    except IntegrityError:
        return None
    return reminder


def send_due_reminders(*, at) -> int:
    """Send every reminder whose time has come at ``at``; return how many were queued.

    Side effects: one ``Reminder`` and one outbox e-mail per new recipient.
    """
    count = 0
    rules = ReminderRule.objects.active(at).select_related("deadline__round")
    for rule in rules:
        days_before = rule.offset_due_at(at)
        if days_before is None:
            continue
        for user in pending_recipients(rule, days_before):
            if send_reminder(rule, user, days_before=days_before, at=at):
                count += 1
    return count


# Apps with reminders of their own (not tied to a deadline rule) register a
# ``sender(*, at) -> int`` in their AppConfig.ready(); the periodic task runs each.
REMINDER_SENDERS: list = []


def register_reminder_sender(sender) -> None:
    if sender not in REMINDER_SENDERS:
        REMINDER_SENDERS.append(sender)


def send_all_reminders(*, at) -> int:
    """Deadline reminders and every app's own reminders due at ``at``; how many were queued."""
    return send_due_reminders(at=at) + sum(sender(at=at) for sender in REMINDER_SENDERS)
