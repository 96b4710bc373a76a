"""Who may do what with people, roles and invitations.

Each predicate answers one question. Views use the ``get_*_or_deny`` helpers,
which raise PermissionDenied (403) or Http404 as STYLE.md describes.
"""

import rules
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.models import Invitation
from gnist.access import is_programme_staff, require_staff  # noqa: F401 (used by the apps)
from municipalities.models import Municipality


def is_municipality_member(user, municipality) -> bool:
    return user.is_authenticated and municipality.pk in user.roles.municipality_ids


def is_project_leader(user, municipality, round) -> bool:
    return user.is_authenticated and (round.pk, municipality.pk) in user.roles.led_municipalities


def is_county_member(user, county) -> bool:
    return user.is_authenticated and county.pk in user.roles.county_ids


def is_juror(user, round) -> bool:
    return user.is_authenticated and round.pk in user.roles.juror_round_ids


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_view_municipality_members(user, municipality) -> bool:
    return is_programme_staff(user) or is_municipality_member(user, municipality)


def can_invite_to_municipality(user, municipality, round) -> bool:
    """Staff invite anyone; a project leader invites colleagues to their own municipality."""
    return is_programme_staff(user) or (
        round is not None and is_project_leader(user, municipality, round)
    )


def can_revoke_invitation(user, invitation, round) -> bool:
    if is_programme_staff(user):
        return True
    return invitation.municipality_id is not None and can_invite_to_municipality(
        user, invitation.municipality, round
    )


rules.add_perm("accounts.staff_area", is_programme_staff)


def get_municipality_for_members(request, number) -> Municipality:
    """The municipality whose member list the user may see.

    Municipalities are public reference data, so an outsider gets 403, not 404.
    """
    municipality = get_object_or_404(Municipality.objects.select_related("county"), number=number)
    if not can_view_municipality_members(request.user, municipality):
        raise PermissionDenied
    return municipality


def get_invitation_for_revoke(request, pk, round) -> Invitation:
    invitation = get_object_or_404(Invitation.objects.select_related("municipality"), pk=pk)
    if not can_revoke_invitation(request.user, invitation, round):
        raise PermissionDenied
    return invitation
