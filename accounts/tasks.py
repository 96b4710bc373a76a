import logging

from celery import shared_task

from accounts.models import Invitation
from gnist.emails import send_email

logger = logging.getLogger(__name__)


@shared_task(
    name="accounts.send_invitation_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_email(*, invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related(
            "municipality__county", "county", "organisation", "invited_by"
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        logger.warning("invitation %s is gone; no e-mail sent", invitation_id)
        return
    language = invitation.invited_by.language if invitation.invited_by else "nb"
    send_email("invitation", [invitation.email], {"invitation": invitation}, language=language)
