import logging

from celery import shared_task

from accounts.services import purge_expired_personal_data

logger = logging.getLogger(__name__)


@shared_task(name="accounts.purge_expired_personal_data")
def purge_expired_personal_data_task() -> dict[str, int]:
    """Run by beat (``CELERY_BEAT_SCHEDULE``): the retention periods in the privacy statement."""
    purged = purge_expired_personal_data()
    logger.info("Purged expired personal data: %s", purged)
    return purged
