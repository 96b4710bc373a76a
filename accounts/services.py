"""Workflows for people and roles that span several models or send e-mail."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import (
    CountyMembership,
    ErasureRequest,
    Invitation,
    MunicipalityMembership,
    OrganisationMembership,
    ProjectLeader,
)
from accounts.personal_data import sources as personal_data_sources
from gnist.emails import send_email
from notifications.models import OutboxMessage, Reminder


def invite_person(
    *,
    email: str,
    invited_by,
    full_name: str = "",
    municipality=None,
    department: str = "",
    project_leader_round=None,
    county=None,
    organisation=None,
    jury_seat=None,
) -> Invitation:
    """Invite a person by e-mail to a municipality, a county council, an organisation
    or a jury seat.

    A still-pending invitation to the same address and place is revoked and
    replaced, so only the newest link works.
    Side effects: saves the invitation and its e-mail (outbox) in one transaction.
    """
    email = email.strip().lower()
    with transaction.atomic():
        Invitation.objects.pending().filter(
            email__iexact=email,
            municipality=municipality,
            county=county,
            organisation=organisation,
            jury_seat=jury_seat,
        ).update(revoked_at=timezone.now(), revoked_by=invited_by)
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name,
            municipality=municipality,
            department=department if municipality else "",
            project_leader_round=project_leader_round,
            county=county,
            organisation=organisation,
            jury_seat=jury_seat,
            invited_by=invited_by,
        )
        queue_invitation_email(invitation)
    return invitation


def queue_invitation_email(invitation: Invitation):
    """Put the invitation e-mail in the outbox, in the inviter's language."""
    language = invitation.invited_by.language if invitation.invited_by else "nb"
    context = {"invitation": invitation}
    return send_email("invitation", [invitation.email], context, language=language)


def accept_invitation(invitation: Invitation, *, user, at=None) -> Invitation:
    """Link the invitation's role to ``user``.

    Refuses an invitation that is not pending, or one sent to another address.
    Side effects: creates the membership (and the project leader appointment
    when the invitation carries one), or makes ``user`` the juror of the
    invitation's jury seat; marks the invitation accepted.
    """
    at = at or timezone.now()
    addresses = {
        address.lower() for address in user.emailaddress_set.values_list("email", flat=True)
    }
    addresses.add(user.email.lower())
    if invitation.email.lower() not in addresses:
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    with transaction.atomic():
        claimed = (
            Invitation.objects.pending(at)
            .filter(pk=invitation.pk)
            .update(accepted_at=at, accepted_by=user)
        )
        if not claimed:
            raise ValidationError(
                _("This invitation is no longer valid: it has expired, been revoked or been used.")
            )
        if invitation.municipality_id:
            membership, created = MunicipalityMembership.objects.get_or_create(
                user=user,
                municipality_id=invitation.municipality_id,
                defaults={"department": invitation.department or "other"},
            )
            if (
                not created
                and invitation.department
                and membership.department != invitation.department
            ):
                membership.department = invitation.department
                membership.save(update_fields=["department"])
            if invitation.project_leader_round_id:
                ProjectLeader.objects.get_or_create(
                    round_id=invitation.project_leader_round_id,
                    municipality_id=invitation.municipality_id,
                    defaults={"user": user},
                )
        elif invitation.county_id:
            CountyMembership.objects.get_or_create(user=user, county_id=invitation.county_id)
        elif invitation.jury_seat_id:
            take_jury_seat(invitation.jury_seat, user=user)
        else:
            OrganisationMembership.objects.get_or_create(
                user=user, organisation_id=invitation.organisation_id
            )
        if invitation.full_name and not user.full_name:
            user.full_name = invitation.full_name
            user.save(update_fields=["full_name"])
    invitation.refresh_from_db()
    return invitation


def take_jury_seat(seat, *, user) -> None:
    """Make ``user`` the juror of ``seat``: a seat has one juror, a juror one seat per round."""
    if seat.user_id == user.pk:
        return
    if seat.user_id is not None:
        raise ValidationError(_("This jury seat is already held by someone else."))
    if seat.round.jury_seats.filter(user=user).exists():
        raise ValidationError(_("You already hold a seat in the jury of this round."))
    seat.user = user
    seat.save(update_fields=["user"])


def revoke_invitation(invitation: Invitation, *, revoked_by) -> bool:
    """Revoke a pending invitation. Returns False when it was no longer pending."""
    return bool(
        Invitation.objects.pending()
        .filter(pk=invitation.pk)
        .update(revoked_at=timezone.now(), revoked_by=revoked_by)
    )


def set_project_leader(*, round, municipality, user) -> ProjectLeader:
    """Make ``user`` the municipality's one project leader for ``round``.

    Side effect: replaces any earlier project leader of that municipality and round.
    """
    if not MunicipalityMembership.objects.filter(user=user, municipality=municipality).exists():
        raise ValidationError(_("The project leader must be a member of the municipality."))
    leader, _created = ProjectLeader.objects.update_or_create(
        round=round, municipality=municipality, defaults={"user": user}
    )
    return leader


# Personal data (GDPR): what the portal holds about one person, and erasing it.


def messages_to(email: str):
    """Outbox messages with ``email`` among their recipients (``to`` is a JSON list)."""
    # A JSON "contains" lookup is not available on SQLite: narrow by text, then match exactly.
    candidates = OutboxMessage.objects.filter(to__icontains=email).order_by("created_at")
    return [m for m in candidates if email.lower() in {a.lower() for a in m.to}]


def export_personal_data(user) -> dict:
    """Everything the portal holds about ``user``, as plain data for a JSON download.

    Texts the person wrote are included in full; things that only mention
    them (a challenge they are project leader of) are named, not copied.
    """
    email = user.email
    data = {
        "exported_at": timezone.now(),
        "profile": {
            "email": email,
            "full_name": user.full_name,
            "phone": user.phone,
            "language": user.language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "programme_staff": user.is_staff,
            "two_factor_authentication": user.has_totp,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "memberships": {
            "municipalities": [
                {
                    "municipality": str(m.municipality),
                    "department": m.get_department_display(),
                    "title": m.title,
                    "since": m.created_at,
                }
                for m in user.municipality_memberships.select_related("municipality")
            ],
            "county_councils": [
                {"county": m.county.council_name, "title": m.title, "since": m.created_at}
                for m in user.county_memberships.select_related("county")
            ],
            "organisations": [
                {"organisation": str(m.organisation), "title": m.title, "since": m.created_at}
                for m in user.organisation_memberships.select_related("organisation")
            ],
        },
        "project_leader": [
            {"round": str(p.round), "municipality": str(p.municipality)}
            for p in user.led_municipalities.select_related("round", "municipality")
        ],
        "invitations": [
            {
                "to": i.target_label,
                "status": i.get_status_display(),
                "created_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in Invitation.objects.filter(email__iexact=email).select_related(
                "municipality", "county", "organisation"
            )
        ],
        "messages_sent_to_you": [
            {
                "subject": m.subject,
                "text": m.body_text,
                "created_at": m.created_at,
                "sent_at": m.sent_at,
                "status": m.get_status_display(),
            }
            for m in messages_to(email)
        ],
        "deletion_requests": [
            {"status": r.get_status_display(), "requested_at": r.requested_at}
            for r in user.erasure_requests.all()
        ],
    }
    # Each app's part: challenges, jury, workshop registrations, needs descriptions.
    for source in personal_data_sources():
        data[source.section] = source.export(user)
    return data


def request_erasure(user, *, reason: str = "") -> ErasureRequest:
    """Ask staff to delete ``user``'s account. Returns the pending request (one per person)."""
    existing = ErasureRequest.objects.pending().filter(user=user).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return ErasureRequest.objects.create(user=user, reason=reason)
    except IntegrityError:
        # A second click raced the first; the constraint keeps one pending request.
        return ErasureRequest.objects.pending().get(user=user)


def carry_out_erasure(erasure: ErasureRequest, *, by) -> ErasureRequest:
    """Delete the person's data, keeping what is the programme's record.

    The user row stays, emptied and shown as "Deleted user", so a submitted
    challenge (the municipality's), a support statement (the county's) and
    scores (the jury seat's) keep an author without a name. Removed:
    profile fields, e-mail addresses, TOTP, memberships, project leader
    appointments, invitations to the address, reminders, and the address
    from outbox messages (messages to nobody else go); each app's eraser
    (``accounts.personal_data``) removes the rest, e.g. the name and address
    in workshop registrations.
    Side effects: the account can no longer sign in; its sessions stop working.
    """
    user = erasure.user
    now = timezone.now()
    old_email = user.email
    placeholder = f"deleted-{user.pk}@erased.invalid"
    with transaction.atomic():
        claimed = (
            ErasureRequest.objects.pending()
            .filter(pk=erasure.pk)
            .update(status=ErasureRequest.Status.DONE, carried_out_at=now, carried_out_by=by)
        )
        if not claimed:
            raise ValidationError(_("This request has already been dealt with."))
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.municipality_memberships.all().delete()
        user.county_memberships.all().delete()
        user.organisation_memberships.all().delete()
        ProjectLeader.objects.filter(user=user).delete()
        Invitation.objects.filter(email__iexact=old_email).delete()
        Reminder.objects.filter(user=user).delete()
        for source in personal_data_sources():
            if source.erase:
                source.erase(user, old_email=old_email, placeholder=placeholder)
        for message in messages_to(old_email):
            message.to = [a for a in message.to if a.lower() != old_email.lower()]
            if message.to:
                message.save(update_fields=["to"])
            else:
                message.delete()
        user.email = placeholder
        user.full_name = ""
        user.phone = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.erased_at = now
        user.set_unusable_password()
        user.save()
    erasure.refresh_from_db()
    return erasure


def purge_expired_personal_data(*, at=None) -> dict[str, int]:
    """Delete what is past its retention period: old outbox messages and expired sessions.

    Messages still waiting to be delivered are kept whatever their age.
    Retention: ``OUTBOX_RETENTION_DAYS`` (sent and failed messages, by creation time).
    """
    at = at or timezone.now()
    cutoff = at - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    messages, _detail = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED],
        created_at__lt=cutoff,
    ).delete()
    sessions, _detail = Session.objects.filter(expire_date__lt=at).delete()
    return {"outbox_messages": messages, "sessions": sessions}
