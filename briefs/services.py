"""Opening a brief, saving versions and rendering their PDFs."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from applications.models import Application
from briefs.models import Actor, Brief, BriefVersion
from briefs.tasks import render_version_pdf

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
        transaction.on_commit(lambda: render_version_pdf.delay(version_id=version.pk))
    return version
