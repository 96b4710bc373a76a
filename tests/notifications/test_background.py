"""Recorded task requests, brief PDF leases, bulk resend, mail alerts and failing rules."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from briefs.models import BriefVersion
from briefs.services import requeue_stuck_renders
from gnist.background import queue_task, sweep_requests
from gnist.emails import alert_staff_of_failing_mail
from notifications.forms import ReminderRuleForm
from notifications.models import MailAlert, OutboxMessage, ReminderRule, TaskRequest
from tests.factories import DeadlineFactory, WorkshopFactory, WorkshopRegistrationFactory
from workshops.services import register_attendee

pytestmark = pytest.mark.django_db


def failing_message(*, minutes_ago=30, status=OutboxMessage.Status.QUEUED):
    return OutboxMessage.objects.create(
        kind="x",
        to=["kari@tynset.kommune.no"],
        from_email="gnist@doga.no",
        subject="S",
        body_text=".",
        status=status,
        attempts=3,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_every_queued_task_is_recorded_before_it_reaches_the_broker(
    current_round, municipality_user, tynset, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(round=current_round)

    with django_capture_on_commit_callbacks(execute=True):
        register_attendee(
            workshop,
            registered_by=municipality_user,
            municipality=tynset,
            full_name="Kari Nordmann",
            email="kari@tynset.kommune.no",
            department="Plan",
            language="nb",
        )

    request = TaskRequest.objects.get()
    assert request.task == "workshops.send_registration_email"
    assert request.status == TaskRequest.Status.DONE
    assert [m.to for m in mail.outbox] == [["kari@tynset.kommune.no"]]


def test_a_failing_task_is_kept_for_a_retry_with_back_off(
    current_round, django_capture_on_commit_callbacks
):
    registration = WorkshopRegistrationFactory(workshop__round=current_round)

    with django_capture_on_commit_callbacks(execute=True):
        request = queue_task(
            "workshops.send_registration_email", registration_id=registration.pk, event="nope"
        )

    request.refresh_from_db()
    assert request.status == TaskRequest.Status.QUEUED
    assert request.attempts == 1
    assert request.last_error.startswith("KeyError")
    assert request.next_attempt_at > timezone.now()
    assert OutboxMessage.objects.count() == 0


def test_the_sweep_runs_a_request_whose_worker_died_after_its_lease(
    settings, django_capture_on_commit_callbacks
):
    settings.TASK_LEASE_SECONDS = 60
    request = TaskRequest.objects.create(
        task="workshops.send_registration_email",
        kwargs={"registration_id": 999_999, "event": "created"},
        status=TaskRequest.Status.RUNNING,
        claimed_at=timezone.now() - timedelta(minutes=5),
        dispatched_at=timezone.now() - timedelta(minutes=5),
    )
    fresh = TaskRequest.objects.create(
        task="workshops.send_registration_email",
        kwargs={"registration_id": 999_998, "event": "created"},
        status=TaskRequest.Status.RUNNING,
        claimed_at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        swept = sweep_requests(at=timezone.now())

    request.refresh_from_db()
    fresh.refresh_from_db()
    assert swept == 1
    assert request.status == TaskRequest.Status.DONE  # the registration is gone: nothing to send
    assert fresh.status == TaskRequest.Status.RUNNING


def test_a_render_lease_expires_and_the_sweep_queues_the_version_again(
    tynset_brief_ready, settings, django_capture_on_commit_callbacks
):
    settings.PDF_RENDER_LEASE = 60
    version = tynset_brief_ready
    BriefVersion.objects.filter(pk=version.pk).update(
        pdf_status="rendering", pdf=None, pdf_lease_until=timezone.now() - timedelta(seconds=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        queued = requeue_stuck_renders(at=timezone.now())

    version.refresh_from_db()
    assert queued == 1
    assert version.pdf_status == "ready"
    assert bytes(version.pdf).startswith(b"%PDF")


def test_a_render_under_a_live_lease_is_not_taken_twice(tynset_brief_ready, settings):
    settings.PDF_RENDER_LEASE = 60
    version = tynset_brief_ready
    BriefVersion.objects.filter(pk=version.pk).update(pdf_status="pending", pdf=None)

    first, second = version.claim_render(), version.claim_render()

    assert (first, second) == (True, False)
    assert requeue_stuck_renders(at=timezone.now()) == 0


def test_staff_can_make_a_ready_pdf_again(
    client_as, tynset_brief_ready, django_capture_on_commit_callbacks
):
    client = client_as("staff")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("briefs:staff_rerender", args=[tynset_brief_ready.brief_id, 1]))

    tynset_brief_ready.refresh_from_db()
    assert tynset_brief_ready.pdf_status == "ready"
    assert bytes(tynset_brief_ready.pdf) != b"%PDF-1.7\n%%EOF\n"  # a real render replaced it


def test_staff_resend_every_failed_message_at_once(
    client_as, django_capture_on_commit_callbacks, smtp_server
):
    failed = [failing_message(status=OutboxMessage.Status.FAILED) for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("staff").post(reverse("notifications:staff_outbox_resend_failed"))

    assert response.status_code == 302
    assert {OutboxMessage.objects.get(pk=m.pk).status for m in failed} == {"sent"}
    assert smtp_server.handler.count() == 3


def test_staff_see_a_banner_when_mail_has_been_failing_for_a_while(client_as, settings):
    settings.OUTBOX_ALERT_AFTER = 900
    client = client_as("staff")
    failing_message(minutes_ago=5)
    quiet = client.get(reverse("phases:staff_home")).content.decode()
    failing_message(minutes_ago=30)

    loud = client.get(reverse("phases:staff_home")).content.decode()
    outbox = client.get(reverse("notifications:staff_outbox")).content.decode()

    assert "Utgående e-post feiler" not in quiet
    assert "Utgående e-post feiler" in loud
    assert "Utgående e-post feiler" in outbox


def test_failing_mail_alerts_the_alert_address_through_its_own_backend_once(settings):
    settings.OUTBOX_ALERT_AFTER = 900
    settings.OUTBOX_ALERT_EMAIL = "drift@doga.no"
    settings.OUTBOX_ALERT_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # the failing server
    failing_message(minutes_ago=30)

    first = alert_staff_of_failing_mail(at=timezone.now())
    second = alert_staff_of_failing_mail(at=timezone.now())

    assert (first, second) == (True, False)
    assert [m.to for m in mail.outbox] == [["drift@doga.no"]]
    assert MailAlert.objects.get().delivered


def test_a_rule_with_an_unknown_audience_is_refused_when_saved(current_round):
    deadline = DeadlineFactory(round=current_round)
    rule = ReminderRule(deadline=deadline, audience="everyone_ever")
    form = ReminderRuleForm(
        {
            "deadline": deadline.pk,
            "audience": "everyone_ever",
            "offsets": "3",
            "send_time": "09:00",
        },
        round=current_round,
    )

    with pytest.raises(ValidationError) as error:
        rule.full_clean()

    assert "audience" in error.value.message_dict
    assert "audience" in form.errors


def test_a_rule_whose_audience_no_longer_exists_shows_as_failing(client_as, reminder_rule):
    ReminderRule.objects.filter(pk=reminder_rule.pk).update(audience="removed_audience")
    client = client_as("staff")

    listing = client.get(reverse("notifications:staff_reminders")).content.decode()
    page = client.get(reverse("notifications:staff_reminder", args=[reminder_rule.pk]))

    assert "Feiler" in listing
    assert "removed_audience" in listing
    assert "Feiler" in page.content.decode()
