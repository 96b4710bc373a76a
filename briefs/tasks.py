import logging

from celery import shared_task

from briefs.exports import render_version
from briefs.models import BriefVersion

logger = logging.getLogger(__name__)


@shared_task(name="briefs.render_version_pdf")
def render_version_pdf(*, version_id: int) -> str:
    version = (
        BriefVersion.objects.select_related("brief__municipality__county", "brief__round")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        logger.warning("brief version %s is gone; no PDF made", version_id)
        return "skipped"
    return render_version(version)
