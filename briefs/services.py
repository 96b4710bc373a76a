"""Opening a brief, saving versions and rendering their PDFs."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from applications.models import Application
from briefs.models import Actor, Brief, BriefVersion
from gnist.background import queue_task
from notifications.models import TaskRequest

RENDER_TASK = "briefs.render_version_pdf"

VERSION_FIELDS = [
    "background",
    "current_situation",
    "target_group_needs",
    "goals",
    "constraints",
    "success_criteria",
]


def open_brief(application: Application) -> Brief:
    """The brief of a selected challenge's municipality, created the first time.

    Side effect: saves the brief.
    """
    if application.status != Application.Status.SELECTED:
        raise ValidationError(_("Only a selected municipality writes a needs description."))
    brief, _created = Brief.objects.get_or_create(
        application=application,
        defaults={"round_id": application.round_id, "municipality_id": application.municipality_id},
    )
    return brief


def save_version(brief: Brief, *, content: dict, actors: list[dict], by) -> BriefVersion:
    """Save the brief as a new version with its actors; versions are never changed.

    Side effects: saves the version and its actors; queues its PDF on commit.
    """
    with transaction.atomic():
        Brief.objects.select_for_update().filter(pk=brief.pk).first()
        number = (brief.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = BriefVersion.objects.create(
            brief=brief, number=number, created_by=by, **{f: content[f] for f in VERSION_FIELDS}
        )
        Actor.objects.bulk_create(
            Actor(version=version, order=order, **actor) for order, actor in enumerate(actors)
        )
        queue_task(RENDER_TASK, version_id=version.pk)
    return version


def rerender_version(version: BriefVersion) -> bool:
    """Make a version's PDF again, whatever its state (unless a render holds it now).

    Side effects: marks the version waiting; queues its render on commit.
    """
    with transaction.atomic():
        if not version.request_render():
            return False
        queue_task(RENDER_TASK, version_id=version.pk)
    return True


def requeue_stuck_renders(*, at) -> int:
    """Queue a render for every version left waiting or with an expired lease.

    A version waits for ever when its render was lost (a killed worker whose
    task was not redelivered, a database error after the render); the sweep
    calls this. A version with a task request still on its way is left to it.
    Returns how many renders were queued.
    """
    grace = at - timedelta(seconds=settings.PDF_RENDER_LEASE)
    stuck = BriefVersion.objects.filter(
        Q(pdf_status=BriefVersion.PdfStatus.PENDING, created_at__lt=grace)
        | Q(pdf_status=BriefVersion.PdfStatus.RENDERING, pdf_lease_until__lt=at)
    ).values_list("pk", flat=True)
    open_requests = TaskRequest.objects.filter(
        task=RENDER_TASK,
        status__in=[TaskRequest.Status.QUEUED, TaskRequest.Status.RUNNING],
    ).values_list("kwargs__version_id", flat=True)
    waiting = set(open_requests)
    count = 0
    for pk in stuck[:200]:
        if pk in waiting:
            continue
        with transaction.atomic():
            queue_task(RENDER_TASK, version_id=pk)
        count += 1
    return count
