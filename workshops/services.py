"""Registration workflows: capacity, waiting list, cancellation and attendance.

Registering and cancelling lock the workshop row (SELECT ... FOR UPDATE), so two
simultaneous requests cannot both take the last seat.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gnist.background import queue_task
from workshops.models import Registration, Workshop

REGISTRATION_EMAIL_TASK = "workshops.send_registration_email"


def register_attendee(
    workshop: Workshop,
    *,
    registered_by,
    full_name: str,
    email: str,
    department: str,
    language: str,
    municipality=None,
    county=None,
    at=None,
) -> Registration:
    """Register one attendee for ``workshop`` on behalf of a municipality or county council.

    The attendee gets a seat while the workshop has room, else a place on the
    waiting list. Refuses after the registration deadline and a second active
    registration of the same e-mail address.
    Side effects: saves the registration; queues the confirmation e-mail on commit.
    """
    at = at or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().select_related("round").get(pk=workshop.pk)
        if not workshop.accepts_registrations_at(at):
            raise ValidationError(_("Registration for this workshop has closed."))
        active = workshop.registrations.active()
        if active.filter(email__iexact=email).exists():
            raise ValidationError(
                {
                    "email": _("%(email)s is already registered for this workshop.")
                    % {"email": email}
                }
            )
        full = workshop.capacity is not None and (active.confirmed().count() >= workshop.capacity)
        registration = Registration.objects.create(
            workshop=workshop,
            municipality=municipality,
            county=county,
            full_name=full_name.strip(),
            email=email,
            department=department,
            language=language,
            status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
            registered_by=registered_by,
            created_at=at,
        )
        queue_task(REGISTRATION_EMAIL_TASK, registration_id=registration.pk, event="created")
    return registration


def cancel_registration(registration: Registration, *, at=None) -> Registration | None:
    """Cancel an attendee until the workshop starts and give the freed seat to the waiting list.

    Returns the registration moved up from the waiting list, if any.
    Side effects: saves both registrations; queues e-mails to both people on commit.
    """
    at = at or timezone.now()
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=registration.workshop_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_changeable_at(at):
            raise PermissionDenied
        freed_seat = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = at
        registration.save(update_fields=["status", "cancelled_at"])
        queue_task(REGISTRATION_EMAIL_TASK, registration_id=registration.pk, event="cancelled")
        promoted = None
        if freed_seat:
            promoted = workshop.registrations.waiting().select_for_update().first()
        if promoted is not None:
            promoted.status = Registration.Status.CONFIRMED
            promoted.save(update_fields=["status"])
            queue_task(REGISTRATION_EMAIL_TASK, registration_id=promoted.pk, event="promoted")
    return promoted


def mark_attendance(workshop: Workshop, *, attended_ids, at=None) -> int:
    """Set who attended ``workshop``: the confirmed attendees in ``attended_ids``, no one else.

    Returns how many attended. Side effect: updates every confirmed registration.
    """
    at = at or timezone.now()
    confirmed = workshop.registrations.confirmed()
    with transaction.atomic():
        count = confirmed.filter(pk__in=attended_ids).update(attended=True, attendance_marked_at=at)
        confirmed.exclude(pk__in=attended_ids).update(attended=False, attendance_marked_at=at)
    return count
