import logging

from celery import shared_task

from gnist.emails import send_email
from workshops.exports import registration_ics
from workshops.models import Registration

logger = logging.getLogger(__name__)

EMAILS = {
    "created": "workshop-registration",
    "promoted": "workshop-registration",
    "cancelled": "workshop-cancellation",
}


@shared_task(
    name="workshops.send_registration_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_registration_email(*, registration_id: int, event: str) -> None:
    """E-mail the attendee in their language; a confirmed seat carries the .ics invitation."""
    registration = (
        Registration.objects.select_related(
            "workshop__round", "municipality__county", "county", "registered_by"
        )
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        logger.warning("registration %s is gone; no e-mail sent", registration_id)
        return
    attachments = []
    if registration.status == Registration.Status.CONFIRMED:
        attachments.append(
            ("workshop.ics", registration_ics(registration), "text/calendar; method=REQUEST")
        )
    send_email(
        EMAILS[event],
        [registration.email],
        {"registration": registration, "workshop": registration.workshop, "event": event},
        language=registration.language,
        attachments=attachments,
    )
