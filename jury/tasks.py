import logging

from celery import shared_task

from jury.exports import send_decision_mails
from phases.models import Round

logger = logging.getLogger(__name__)


@shared_task(
    name="jury.send_decision_notifications",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_decision_notifications(*, round_id: int, attach_profiles: bool = False) -> None:
    round = Round.objects.filter(pk=round_id).first()
    if round is None:
        logger.warning("round %s is gone; no decision e-mails sent", round_id)
        return
    send_decision_mails(round, attach_profiles=attach_profiles)
