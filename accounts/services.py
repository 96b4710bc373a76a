"""Workflows for people and roles that span several models or send e-mail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import (
    CountyMembership,
    Invitation,
    MunicipalityMembership,
    OrganisationMembership,
    ProjectLeader,
)
from gnist.emails import send_email


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
