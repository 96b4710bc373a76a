"""Background work under faults: Redis stopped, the worker killed, SMTP hanging.

Against the real worker process, its private redis-server and the SMTP sink
(tests/celery_worker.py). Leases and back-off are seconds long in the worker
(TASK_LEASE_SECONDS, PDF_RENDER_LEASE, OUTBOX_CLAIM_TIMEOUT = 2 s; EMAIL_TIMEOUT = 2 s).
"""

import time

import pytest

from briefs.models import BriefVersion
from briefs.services import save_version
from gnist.emails import send_email
from notifications.models import OutboxMessage, TaskRequest
from notifications.tasks import sweep_outbox
from tests.briefs.content import ACTORS, CONTENT
from tests.celery_worker import free_port, use_broker, wait_for
from tests.factories import WorkshopFactory
from workshops.services import register_attendee

pytestmark = [pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


def register(workshop, user, municipality, email):
    return register_attendee(
        workshop,
        registered_by=user,
        municipality=municipality,
        full_name="Kari Nordmann",
        email=email,
        department="Plan",
        language="nb",
    )


def sweep_until(predicate, *, timeout=20, what="the sweep to finish the work"):
    """What the beat does every minute, every half second here, until ``predicate`` holds."""

    def tick():
        sweep_outbox.apply_async()
        time.sleep(0.5)
        return predicate()

    wait_for(tick, timeout=timeout, interval=0, what=what)


def pdf_status(version) -> str:
    version.refresh_from_db(fields=["pdf_status"])
    return version.pdf_status


def test_registration_while_redis_is_stopped_succeeds_and_its_mail_goes_out_after(
    celery_worker, current_round, municipality_user, tynset
):
    workshop = WorkshopFactory(round=current_round)
    celery_worker.redis.stop()
    try:
        registration = register(workshop, municipality_user, tynset, "kari@tynset.kommune.no")
        request = TaskRequest.objects.get()
    finally:
        celery_worker.redis.start()

    sweep_until(lambda: celery_worker.smtp.handler.count() >= 1, what="the registration e-mail")

    request.refresh_from_db()
    assert registration.pk is not None
    assert request.status == TaskRequest.Status.DONE
    assert [m["To"] for m in celery_worker.smtp.handler.messages] == ["kari@tynset.kommune.no"]


def test_brief_saved_while_the_broker_is_unreachable_gets_its_pdf_when_it_returns(
    celery_worker, tynset_brief, municipality_user
):
    broker_url = celery_worker.broker_url
    use_broker(f"redis://127.0.0.1:{free_port()}/0")
    try:
        version = save_version(tynset_brief, content=CONTENT, actors=ACTORS, by=municipality_user)
    finally:
        use_broker(broker_url)
    waiting = pdf_status(version)

    sweep_until(lambda: pdf_status(version) == "ready", what="the PDF")

    assert waiting == "pending"


@pytest.mark.parametrize("stop", ["kill", "terminate"])
def test_pdf_render_interrupted_by_a_killed_worker_is_made_after_the_lease(
    celery_worker, tynset_brief, municipality_user, stop
):
    version = save_version(tynset_brief, content=CONTENT, actors=ACTORS, by=municipality_user)
    request = TaskRequest.objects.get(task="briefs.render_version_pdf")
    wait_for(
        lambda: TaskRequest.objects.filter(pk=request.pk, status="running").exists(),
        timeout=20,
        interval=0.01,
        what="the render to start",
    )
    if stop == "kill":
        celery_worker.kill()
    else:
        celery_worker.terminate(grace=0.05)  # a docker-style stop with a short grace period
    stopped_mid_render = pdf_status(version)
    celery_worker.start()

    sweep_until(lambda: pdf_status(version) == "ready", what="the PDF after the lease")

    assert stopped_mid_render in ("pending", "rendering")
    assert bytes(BriefVersion.objects.get(pk=version.pk).pdf).startswith(b"%PDF")


def test_a_hanging_smtp_server_fails_one_attempt_and_stalls_nothing_else(
    celery_worker, current_round, tynset_brief, municipality_user
):
    celery_worker.smtp.handler.hold.clear()  # the server takes DATA and never answers
    message = send_email("reminder", ["kari@tynset.kommune.no"], {"deadline": None, "rule": None})
    assert celery_worker.smtp.handler.received_while_held.wait(20)
    version = save_version(tynset_brief, content=CONTENT, actors=ACTORS, by=municipality_user)

    wait_for(lambda: pdf_status(version) == "ready", timeout=30, what="the PDF behind the e-mail")
    wait_for(
        lambda: OutboxMessage.objects.filter(
            pk=message.pk, last_error__icontains="timed out"
        ).exists(),
        timeout=20,
        what="the timed-out attempt",
    )
    celery_worker.smtp.handler.hold.set()
    sweep_until(
        lambda: OutboxMessage.objects.filter(pk=message.pk, status="sent").exists(),
        what="the e-mail once the server answers",
    )


def test_a_message_accepted_just_before_the_worker_died_is_shown_as_maybe_sent_twice(
    celery_worker, current_round
):
    celery_worker.smtp.handler.reply.clear()
    message = send_email("reminder", ["kari@tynset.kommune.no"], {"deadline": None, "rule": None})
    assert celery_worker.smtp.handler.accepted_while_silent.wait(20)
    celery_worker.kill()
    celery_worker.smtp.handler.reply.set()
    celery_worker.start()

    sweep_until(
        lambda: OutboxMessage.objects.filter(pk=message.pk, status="sent").exists(),
        what="the second delivery",
    )

    message.refresh_from_db()
    delivered = celery_worker.smtp.handler.message_ids()
    assert delivered == [message.message_id, message.message_id]  # at least once, same ID
    assert (message.attempts, message.interrupted_attempts) == (2, 1)
    assert message.may_have_gone_twice
