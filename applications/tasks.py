import logging

from celery import shared_task

from applications.exports import send_status_mail
from applications.models import StatusChange

logger = logging.getLogger(__name__)


@shared_task(
    name="applications.send_status_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_status_email(*, status_change_id: int) -> None:
    change = (
        StatusChange.objects.select_related("application__municipality__county", "changed_by")
        .filter(pk=status_change_id)
        .first()
    )
    if change is None:
        logger.warning("status change %s is gone; no e-mail sent", status_change_id)
        return
    send_status_mail(change)
