"""Workflows on challenges: drafting, submitting, the status door, attachments, county support."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from applications.exports import send_status_mail
from applications.models import (
    Application,
    ApplicationVersion,
    Attachment,
    Commitment,
    CountySupport,
    DeadlineExtension,
    StatusChange,
)
from gnist import uploads

Status = Application.Status

MAX_ATTACHMENTS = 10


class StaleDraft(Exception):
    """A save was based on an older version than the one stored: someone else saved first."""

    def __init__(self, current: Application):
        super().__init__("stale draft")
        self.current = current


def change_status(
    application: Application, *, to: str, by, reason: str = "", notify: bool = True
) -> StatusChange:
    """The one door for every status change.

    Refuses a transition that ``Application.TRANSITIONS`` does not allow.
    Side effects: saves the status (and ``submitted_at`` on submission) with
    ``update_fields``; writes a StatusChange audit row; unless ``notify`` is
    off, writes the status e-mail (the receipt with PDF on submission) to the
    outbox. The jury's publishing turns it off: its decision letter is the news.
    """
    if not application.can_change_to(to):
        raise ValidationError(
            _("A challenge cannot go from “%(from)s” to “%(to)s”.")
            % {"from": application.get_status_display(), "to": Status(to).label}
        )
    with transaction.atomic():
        # Re-read under a row lock: two clicks on "submit" must not both pass the check.
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != application.status:
            raise ValidationError(_("The challenge changed status meanwhile. Reload the page."))
        change = StatusChange.objects.create(
            application=application,
            from_status=application.status,
            to_status=to,
            changed_by=by,
            reason=reason,
        )
        application.status = to
        fields = ["status", "updated_at"]
        if to == Status.SUBMITTED:
            application.submitted_at = change.changed_at
            fields.append("submitted_at")
        application.save(update_fields=fields)
        # The receipt is written to the e-mail outbox in this transaction, so a
        # submission made while Redis is down still gets its receipt later.
        if notify:
            send_status_mail(change)
    return change


def start_application(round, municipality, *, by) -> Application:
    """Create a draft for ``municipality`` in ``round``, within the round's limit.

    Side effect: saves the new draft.
    """
    with transaction.atomic():
        existing = Application.objects.select_for_update().filter(
            round=round, municipality=municipality
        )
        if sum(1 for app in existing if app.status != Status.WITHDRAWN) >= (
            round.max_challenges_per_municipality
        ):
            raise ValidationError(
                _("%(municipality)s already has the number of challenges this round allows.")
                % {"municipality": municipality}
            )
        return Application.objects.create(
            round=round, municipality=municipality, updated_by=by, project_leader=by
        )


def save_draft(application: Application, form, *, base_version: int, by) -> Application:
    """Store the fields of a draft form, refusing a save based on an older version.

    Only the fields that passed validation are stored; the others keep their
    stored value (the browser still holds what was typed). Raises StaleDraft
    when another person saved a newer version first.
    Side effects: updates the row and its principle/goal links; raises ``version``.
    """
    valid = {
        name: value
        for name, value in form.cleaned_data.items()
        if name in form._meta.fields and name not in form.errors
    }
    many = {name: valid.pop(name) for name in ("roadmap_principles", "sdgs") if name in valid}
    with transaction.atomic():
        # Conditional update: a save wins if it read the current version, or if the
        # newer version is this person's own (an autosave still in flight when they
        # pressed "Save"). Another person's newer save is never overwritten silently.
        updated = Application.objects.filter(
            Q(version=base_version) | Q(updated_by=by, version__gt=base_version),
            pk=application.pk,
            status=Status.DRAFT,
        ).update(**valid, version=F("version") + 1, updated_by=by, updated_at=timezone.now())
        if not updated:
            raise StaleDraft(Application.objects.get(pk=application.pk))
        for name, values in many.items():
            getattr(application, name).set(values)
    application.refresh_from_db()
    return application


def missing_for_submission(application: Application) -> list[str]:
    """Everything still missing before the challenge can be submitted, in form order."""
    missing = []
    labels = {
        field.name: field.verbose_name
        for field in Application._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    for name in Application.REQUIRED_TEXT_FIELDS:
        if not str(getattr(application, name) or "").strip():
            missing.append(str(labels[name]))
    if not application.roadmap_principles.exists():
        missing.append(_("at least one roadmap principle"))
    if not application.sdgs.exists():
        missing.append(_("at least one UN Sustainable Development Goal"))
    for name in ("resources_people", "resources_hours", "resources_nok"):
        if getattr(application, name) is None:
            missing.append(str(labels[name]))
    if not application.anchoring:
        missing.append(str(labels["anchoring"]))
    elif not application.attachments.filter(kind=Attachment.Kind.ANCHORING).exists():
        missing.append(_("the anchoring decision as a document"))
    if application.project_leader_id is None:
        missing.append(str(labels["project_leader"]))
    for commitment in Commitment:
        if commitment.value not in application.commitments:
            missing.append(_("accept: %(commitment)s") % {"commitment": commitment.label})
    return missing


def submit_application(application: Application, *, by, at=None) -> ApplicationVersion:
    """Hand in the challenge: checks the deadline and completeness on the server.

    Side effects: stores a snapshot version; changes the status through the door
    (which queues the receipt e-mail with the PDF).
    """
    at = at or timezone.now()
    if not application.is_open_at(at):
        raise ValidationError(_("The submission deadline has passed."))
    missing = missing_for_submission(application)
    if missing:
        raise ValidationError(missing)
    with transaction.atomic():
        number = application.versions.count() + 1
        version = ApplicationVersion.objects.create(
            application=application,
            number=number,
            snapshot=application.snapshot(),
            submitted_by=by,
        )
        change_status(application, to=Status.SUBMITTED, by=by)
    return version


def withdraw_application(application: Application, *, by, reason: str = "", at=None):
    """Withdraw a submitted challenge before the deadline. Side effects: as ``change_status``."""
    if not application.is_open_at(at or timezone.now()):
        raise ValidationError(_("The submission deadline has passed."))
    return change_status(application, to=Status.WITHDRAWN, by=by, reason=reason)


def reopen_application(application: Application, *, by, reason: str = "", at=None):
    """Turn a submitted or withdrawn challenge back into a draft before the deadline."""
    if not application.is_open_at(at or timezone.now()):
        raise ValidationError(_("The submission deadline has passed."))
    return change_status(application, to=Status.DRAFT, by=by, reason=reason)


def start_review(round, *, by, at=None) -> list[Application]:
    """Move every submitted challenge of ``round`` to review once its deadline has passed.

    Challenges whose municipality still has an extension running are left alone.
    Side effects: one status change (audit row, e-mail) per moved challenge.
    """
    at = at or timezone.now()
    moved = []
    for application in Application.objects.for_round(round).filter(status=Status.SUBMITTED):
        if not application.is_open_at(at):
            change_status(application, to=Status.UNDER_REVIEW, by=by)
            moved.append(application)
    return moved


def grant_extension(round, municipality, *, until, reason: str, by) -> DeadlineExtension:
    """Let one municipality submit until ``until``. Side effect: saves (replaces) the extension."""
    extension, _created = DeadlineExtension.objects.update_or_create(
        round=round,
        municipality=municipality,
        defaults={"until": until, "reason": reason, "granted_by": by},
    )
    return extension


def add_attachment(application: Application, upload, *, kind: str, by) -> Attachment:
    """Store an uploaded file under a generated name after checking its content and size.

    Nothing is written when the file is refused.
    Side effects: writes the file under MEDIA_ROOT; saves the Attachment row.
    """
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A challenge can have at most %(count)s attachments.") % {"count": MAX_ATTACHMENTS}
        )
    # One policy for every upload: the content decides the kind, the name must match it.
    checked = uploads.check_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
    stored_name = f"{get_random_string(24)}.{checked.extension}"
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=checked.name,
        content_type=checked.content_type,
        size=len(checked.content),
        uploaded_by=by,
    )
    attachment.file.save(stored_name, ContentFile(checked.content), save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def delete_attachment(attachment: Attachment) -> None:
    """Side effects: deletes the row and the stored file."""
    attachment.file.delete(save=False)
    attachment.delete()


def confirm_county_support(application: Application, *, by, statement: str = "") -> CountySupport:
    """The county council says it supports the challenge. Side effect: saves the support row."""
    support, _created = CountySupport.objects.update_or_create(
        application=application, defaults={"confirmed_by": by, "statement": statement}
    )
    return support


def withdraw_county_support(application: Application) -> None:
    CountySupport.objects.filter(application=application).delete()
