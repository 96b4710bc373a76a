"""Reminders and the outbox against a real Celery worker process, Redis and SMTP.

The worker (tests/celery_worker.py) reads this test's database, so every test
commits its data (``transaction=True``). Times are real: deadlines are placed
minutes from now, with the send time already reached.
"""

import time
from collections import Counter
from datetime import time as clock
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.services import invite_person
from applications.models import Application, Attachment
from applications.services import add_attachment, submit_application
from notifications.models import OSLO, OutboxMessage, Reminder, ReminderRule
from notifications.tasks import send_due_reminders, sweep_outbox
from tests.celery_worker import free_port, stop_process, use_broker, wait_for
from tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    DeadlineFactory,
    MunicipalityMembershipFactory,
    municipality,
)

pytestmark = [pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


def rule_due_now(round, *, deadline_in=timedelta(minutes=30), audience="municipality_members"):
    """A rule whose send time has come and whose deadline is ``deadline_in`` away."""
    now = timezone.now()
    deadline_at = now + deadline_in
    days = (deadline_at.astimezone(OSLO).date() - now.astimezone(OSLO).date()).days
    deadline = DeadlineFactory(round=round, key="other", at=deadline_at)
    return ReminderRule.objects.create(
        deadline=deadline, audience=audience, offsets=str(max(days, 0)), send_time=clock(0, 0)
    )


def members(count):
    return [
        MunicipalityMembershipFactory(
            user__email=f"medlem{number}@tynset.kommune.no", municipality=municipality("3427")
        ).user
        for number in range(count)
    ]


def wait_for_mail(worker, count, timeout=20):
    wait_for(lambda: worker.smtp.handler.count() >= count, timeout=timeout, what=f"{count} e-mails")
    time.sleep(0.5)  # anything extra would arrive now
    return worker.smtp.handler.messages


def recipients(messages):
    return Counter(message["To"] for message in messages)


def test_reminder_is_delivered_once_when_its_delivery_is_retried(celery_worker, current_round):
    rule_due_now(current_round)
    members(1)
    celery_worker.smtp.handler.refuse = 1

    send_due_reminders.delay()
    delivered = wait_for_mail(celery_worker, 1)

    message = OutboxMessage.objects.get()
    assert recipients(delivered) == {"medlem0@tynset.kommune.no": 1}
    assert (message.status, message.attempts) == ("sent", 2)
    assert message.last_error == ""


def test_reminder_task_retried_twice_sends_once(celery_worker, current_round):
    rule_due_now(current_round)
    members(2)

    send_due_reminders.delay()
    send_due_reminders.delay()
    delivered = wait_for_mail(celery_worker, 2)

    assert recipients(delivered) == {
        "medlem0@tynset.kommune.no": 1,
        "medlem1@tynset.kommune.no": 1,
    }
    assert Reminder.objects.count() == 2


def test_reminder_is_delivered_once_when_the_worker_is_killed_mid_delivery(
    celery_worker, current_round
):
    rule_due_now(current_round)
    members(1)
    celery_worker.smtp.handler.hold.clear()

    send_due_reminders.delay()
    assert celery_worker.smtp.handler.received_while_held.wait(20)
    celery_worker.kill()
    celery_worker.smtp.handler.hold.set()
    stuck = OutboxMessage.objects.get()
    celery_worker.start()
    time.sleep(2.1)  # the claim of the killed worker expires (OUTBOX_CLAIM_TIMEOUT=2)
    sweep_outbox.delay()
    delivered = wait_for_mail(celery_worker, 1)
    send_due_reminders.delay()
    sweep_outbox.delay()
    time.sleep(1)

    stuck_status = stuck.status
    stuck.refresh_from_db()
    assert stuck_status == "sending"
    assert (stuck.status, stuck.attempts) == ("sent", 1)
    assert recipients(celery_worker.smtp.handler.messages) == {"medlem0@tynset.kommune.no": 1}
    assert [m["Message-ID"] for m in delivered] == [stuck.message_id]


def test_two_beat_processes_never_send_a_reminder_twice(celery_worker, current_round):
    rule_due_now(current_round)
    members(5)

    beats = [celery_worker.start_beat(1), celery_worker.start_beat(2)]
    try:
        delivered = wait_for_mail(celery_worker, 5)
        time.sleep(2)  # several more ticks from both beats
    finally:
        for beat in beats:
            stop_process(beat)

    assert sorted(recipients(celery_worker.smtp.handler.messages).values()) == [1, 1, 1, 1, 1]
    assert len(delivered) == 5
    assert Reminder.objects.count() == 5


def test_reminder_missed_while_the_worker_was_down_is_sent_when_it_returns(
    celery_worker, current_round
):
    rule_due_now(current_round)
    members(2)
    celery_worker.stop()

    send_due_reminders.delay()  # the beat's tick waits in Redis
    time.sleep(0.5)
    nothing_while_down = celery_worker.smtp.handler.count()
    celery_worker.start()
    delivered = wait_for_mail(celery_worker, 2)

    assert nothing_while_down == 0
    assert len(delivered) == 2


def test_no_reminder_after_the_deadline_even_when_the_worker_returns_late(
    celery_worker, current_round
):
    rule = rule_due_now(current_round, deadline_in=timedelta(seconds=2))
    members(1)
    celery_worker.stop()
    send_due_reminders.delay()
    wait_for(lambda: timezone.now() > rule.deadline.at, timeout=5, what="the deadline")

    celery_worker.start()
    send_due_reminders.delay()
    sweep_outbox.delay()
    time.sleep(1.5)

    assert celery_worker.smtp.handler.count() == 0
    assert Reminder.objects.count() == 0


def test_change_made_while_redis_is_down_succeeds_and_its_mail_goes_out_when_it_returns(
    celery_worker, staff
):
    broker_url = celery_worker.broker_url
    use_broker(f"redis://127.0.0.1:{free_port()}/0")
    try:
        invitation = invite_person(
            email="ny@tynset.kommune.no", invited_by=staff, municipality=municipality("3427")
        )
        queued = OutboxMessage.objects.get()
    finally:
        use_broker(broker_url)
    still_queued = queued.status

    sweep_outbox.delay()  # what the beat does once Redis is back
    delivered = wait_for_mail(celery_worker, 1)

    queued.refresh_from_db()
    assert invitation.pk is not None
    assert still_queued == "queued"
    assert queued.status == "sent"
    assert recipients(delivered) == {"ny@tynset.kommune.no": 1}


def test_submission_made_while_redis_is_down_succeeds_and_its_receipt_arrives_after(
    celery_worker, current_round, tynset, municipality_user, media_root
):
    DeadlineFactory(round=current_round, at=timezone.now() + timedelta(days=10))
    draft = ApplicationFactory(round=current_round, municipality=tynset, complete=True)
    add_attachment(
        draft,
        SimpleUploadedFile("vedtak.pdf", PDF_BYTES),
        kind=Attachment.Kind.ANCHORING,
        by=municipality_user,
    )
    broker_url = celery_worker.broker_url
    use_broker(f"redis://127.0.0.1:{free_port()}/0")
    try:
        submit_application(draft, by=municipality_user)
    finally:
        use_broker(broker_url)
    receipt = OutboxMessage.objects.get(kind="application-receipt")
    waiting = receipt.status

    sweep_outbox.delay()  # the beat's sweep once Redis is back
    delivered = wait_for_mail(celery_worker, 1)

    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    assert waiting == "queued"
    assert recipients(delivered) == {"ingrid@tynset.kommune.no": 1}
    assert [part.get_filename() for part in delivered[0].iter_attachments()] == [
        "gnist-3427-v1-receipt.pdf"
    ]
