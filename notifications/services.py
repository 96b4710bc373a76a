"""Outbox sweeping and deadline reminders: workflows with side effects."""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

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
            "outbox message %s was claimed at %s and never finished; it may have been sent",
            message.pk,
            message.claimed_at,
        )
        message.recover_interrupted(at)
    ids = list(OutboxMessage.objects.due(at).order_by("pk").values_list("pk", flat=True))
    return sum(enqueue_delivery(pk) for pk in ids)


def resend_failed_messages(*, at=None) -> int:
    """Give every failed e-mail a fresh set of attempts; return how many.

    Side effects: the rows go back to the queue; their delivery is queued on commit.
    """
    at = at or timezone.now()
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).values_list(
                "pk", flat=True
            )
        )
        OutboxMessage.objects.filter(pk__in=ids, status=OutboxMessage.Status.FAILED).update(
            status=OutboxMessage.Status.QUEUED, attempts=0, next_attempt_at=at, claimed_at=None
        )
        transaction.on_commit(lambda: [enqueue_delivery(pk) for pk in ids])
    return len(ids)


def recipients_for(rule: ReminderRule):
    audience = AUDIENCES.get(rule.audience)
    if audience is None:
        # Saving refuses an unknown audience; one removed from the code since is
        # shown to staff as a failing rule (ReminderRule.problem).
        logger.error("reminder rule %s has an unknown audience %r", rule.pk, rule.audience)
        return get_user_model().objects.none()
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


# Apps with work a dead worker can leave behind (a PDF render, say) register a
# ``sweeper(*, at) -> int`` that queues it again; the periodic sweep runs each.
SWEEPERS: list = []


def register_sweeper(sweeper) -> None:
    if sweeper not in SWEEPERS:
        SWEEPERS.append(sweeper)


def register_reminder_sender(sender) -> None:
    if sender not in REMINDER_SENDERS:
        REMINDER_SENDERS.append(sender)


def send_all_reminders(*, at) -> int:
    """Deadline reminders and every app's own reminders due at ``at``; how many were queued."""
    return send_due_reminders(at=at) + sum(sender(at=at) for sender in REMINDER_SENDERS)


RULE_FIELDS = [
    "audience",
    "offsets",
    "send_time",
    "paused",
    "subject_nb",
    "subject_en",
    "message_nb",
    "message_en",
]


def copy_round_rows(copy) -> None:
    """The reminders' round copier (see ``phases.services``): each rule of a template deadline,
    with its audience, days, time and e-mail texts, moves to that deadline's copy.

    Side effects: creates ReminderRule rows. Without a template there is nothing to add.
    """
    if copy.template is None:
        return
    rules = ReminderRule.objects.filter(deadline__round=copy.template)
    ReminderRule.objects.bulk_create(
        ReminderRule(
            deadline=copy.deadlines[rule.deadline_id],
            **{name: getattr(rule, name) for name in RULE_FIELDS},
        )
        for rule in rules
        if rule.deadline_id in copy.deadlines
    )
