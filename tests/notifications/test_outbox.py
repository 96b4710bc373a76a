from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.services import invite_person
from gnist.emails import deliver, send_email
from notifications.models import OutboxMessage, backoff_seconds
from notifications.services import sweep_outbox
from tests.factories import municipality


@pytest.mark.django_db
def test_send_email_writes_a_queued_row_and_delivers_only_after_commit(
    django_capture_on_commit_callbacks, current_round
):
    deadline = current_round.deadlines.create(
        key="challenge_submission",
        name_nb="Innsendingsfrist",
        name_en="Submission",
        at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = send_email(
            "reminder",
            ["ingrid@tynset.kommune.no"],
            {"rule": None, "deadline": deadline, "user": None, "days_before": 3},
        )
        queued_before_commit = len(mail.outbox)

    message.refresh_from_db()
    assert queued_before_commit == 0
    assert len(callbacks) == 1
    assert message.status == OutboxMessage.Status.SENT
    assert [m.to for m in mail.outbox] == [["ingrid@tynset.kommune.no"]]
    assert mail.outbox[0].subject == "[Gnist] Påminnelse: Innsendingsfrist"
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<outbox-{message.pk}@gnist.doga.no>"


@pytest.mark.django_db
def test_outbox_message_is_delivered_once_when_two_tasks_run(current_round):
    deadline = current_round.deadlines.create(
        key="challenge_submission", name_nb="Frist", name_en="Deadline", at=timezone.now()
    )
    message = send_email("reminder", ["a@example.no"], {"deadline": deadline, "rule": None})

    first = deliver(message.pk)
    second = deliver(message.pk)

    assert (first, second) == ("sent", "skipped")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_delivery_is_queued_again_with_back_off_and_the_error(
    settings, django_capture_on_commit_callbacks, current_round
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    deadline = current_round.deadlines.create(
        key="challenge_submission", name_nb="Frist", name_en="Deadline", at=timezone.now()
    )
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        message = send_email("reminder", ["a@example.no"], {"deadline": deadline, "rule": None})

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
    assert message.attempts == 1
    assert message.last_error.startswith("ConnectionRefusedError")
    assert before + timedelta(seconds=30) <= message.next_attempt_at
    assert message.next_attempt_at <= timezone.now() + timedelta(seconds=30)


@pytest.mark.django_db
def test_the_last_failed_attempt_marks_the_message_failed(settings, current_round):
    settings.OUTBOX_MAX_ATTEMPTS = 5
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    deadline = current_round.deadlines.create(
        key="challenge_submission", name_nb="Frist", name_en="Deadline", at=timezone.now()
    )
    message = send_email("reminder", ["a@example.no"], {"deadline": deadline, "rule": None})

    outcomes = [deliver(message.pk) for _attempt in range(6)]

    message.refresh_from_db()
    assert outcomes == ["queued", "queued", "queued", "queued", "failed", "skipped"]
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 5
    assert message.sent_at is None


def test_by_default_a_message_is_retried_for_hours_before_it_fails(settings):
    waits = [backoff_seconds(attempt) for attempt in range(1, settings.OUTBOX_MAX_ATTEMPTS)]

    assert waits[:3] == [30, 60, 120]
    assert max(waits) == 3600
    assert sum(waits) >= 4 * 3600


@pytest.mark.django_db
def test_staff_resend_delivers_a_failed_message(client_as, django_capture_on_commit_callbacks):
    message = OutboxMessage.objects.create(
        kind="reminder",
        to=["a@example.no"],
        from_email="gnist@doga.no",
        subject="[Gnist] Påminnelse",
        body_text="Hei",
        status=OutboxMessage.Status.FAILED,
        attempts=5,
        last_error="ConnectionRefusedError: [Errno 111]",
    )
    client = client_as("staff")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:staff_outbox_resend", args=[message.pk]))

    message.refresh_from_db()
    assert response.status_code == 302
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 1
    assert [m.subject for m in mail.outbox] == ["[Gnist] Påminnelse"]


@pytest.mark.django_db
def test_sweep_queues_rows_left_behind_and_reclaims_a_dead_workers_row(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    left_queued = OutboxMessage.objects.create(
        kind="x", to=["a@example.no"], from_email="g@doga.no", subject="Venter", body_text="."
    )
    stuck = OutboxMessage.objects.create(
        kind="x",
        to=["b@example.no"],
        from_email="g@doga.no",
        subject="Hang",
        body_text=".",
        status=OutboxMessage.Status.SENDING,
        claimed_at=now - timedelta(minutes=11),
        attempts=1,
    )
    recently_claimed = OutboxMessage.objects.create(
        kind="x",
        to=["c@example.no"],
        from_email="g@doga.no",
        subject="Underveis",
        body_text=".",
        status=OutboxMessage.Status.SENDING,
        claimed_at=now - timedelta(minutes=1),
        attempts=1,
    )

    queued = sweep_outbox(at=timezone.now())

    statuses = dict(OutboxMessage.objects.values_list("subject", "status"))
    assert queued == 2
    assert statuses == {"Venter": "sent", "Hang": "sent", "Underveis": "sending"}
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.no", "b@example.no"]
    assert (left_queued.pk, stuck.pk, recently_claimed.pk) == tuple(
        OutboxMessage.objects.order_by("pk").values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_invitation_email_goes_through_the_outbox(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite_person(
            email="ny@tynset.kommune.no", invited_by=staff, municipality=municipality("3427")
        )

    message = OutboxMessage.objects.get()
    assert message.kind == "invitation"
    assert message.status == OutboxMessage.Status.SENT
    assert message.to == ["ny@tynset.kommune.no"]
    assert [m.to for m in mail.outbox] == [["ny@tynset.kommune.no"]]


@pytest.mark.django_db
def test_signup_confirmation_from_allauth_goes_through_the_outbox(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "full_name": "Nora Ny",
                "email": "ny@example.no",
                "password1": "Lang-nok-passord-7",
                "password2": "Lang-nok-passord-7",
            },
        )

    message = OutboxMessage.objects.get()
    assert message.kind == "email_confirmation_signup"
    assert message.status == OutboxMessage.Status.SENT
    assert [m.to for m in mail.outbox] == [["ny@example.no"]]


@pytest.mark.django_db
def test_email_reaches_a_real_smtp_server_with_its_attachment(
    smtp_server, django_capture_on_commit_callbacks, current_round
):
    deadline = current_round.deadlines.create(
        key="challenge_submission",
        name_nb="Frist for søknad",
        name_en="Deadline",
        at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        message = send_email(
            "reminder",
            ["ingrid@tynset.kommune.no"],
            {"deadline": deadline, "rule": None},
            attachments=[("kvittering.pdf", b"%PDF-1.7 test", "application/pdf")],
        )

    received = smtp_server.handler.messages
    assert len(received) == 1
    assert received[0]["To"] == "ingrid@tynset.kommune.no"
    assert received[0]["Subject"] == "[Gnist] Påminnelse: Frist for søknad"
    assert received[0]["Message-ID"] == f"<outbox-{message.pk}@gnist.doga.no>"
    assert [part.get_filename() for part in received[0].iter_attachments()] == ["kvittering.pdf"]
