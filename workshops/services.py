"""Registration workflows: capacity, waiting list, cancellation and attendance.

Registering and cancelling lock the workshop row (SELECT ... FOR UPDATE), so two
simultaneous requests cannot both take the last seat.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gnist.emails import send_email
from notifications.models import WorkshopReminder
from workshops.models import Registration, Workshop
from workshops.tasks import send_registration_email


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
        transaction.on_commit(
            lambda: send_registration_email.delay(registration_id=registration.pk, event="created")
        )
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
        transaction.on_commit(
            lambda: send_registration_email.delay(
                registration_id=registration.pk, event="cancelled"
            )
        )
        promoted = None
        if freed_seat:
            promoted = workshop.registrations.waiting().select_for_update().first()
        if promoted is not None:
            promoted.status = Registration.Status.CONFIRMED
            promoted.save(update_fields=["status"])
            transaction.on_commit(
                lambda: send_registration_email.delay(registration_id=promoted.pk, event="promoted")
            )
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


WORKSHOP_REMINDER_BEFORE = timedelta(hours=24)


def send_workshop_reminder(registration: Registration, *, at) -> WorkshopReminder | None:
    """Record and queue the pre-workshop reminder, or return None when it already exists."""
    try:
        with transaction.atomic():
            reminder = WorkshopReminder.objects.create(registration=registration, created_at=at)
            reminder.message = send_email(
                "workshop-reminder",
                [registration.email],
                {"registration": registration, "workshop": registration.workshop},
                language=registration.language,
            )
            reminder.save(update_fields=["message"])
    except IntegrityError:
        return None
    return reminder


def send_workshop_reminders(*, at) -> int:
    """Remind every confirmed attendee of a workshop starting within 24 hours.

    A reminder missed while the workers were down still goes out as long as the
    workshop has not started; never after.
    Side effects: one ``WorkshopReminder`` and one outbox e-mail per attendee.
    """
    registrations = (
        Registration.objects.confirmed()
        .filter(
            workshop__starts_at__gt=at,
            workshop__starts_at__lte=at + WORKSHOP_REMINDER_BEFORE,
            reminder__isnull=True,
        )
        .select_related("workshop", "municipality", "county")
        .order_by("pk")
    )
    return sum(bool(send_workshop_reminder(r, at=at)) for r in registrations)
