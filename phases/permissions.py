from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from gnist.access import is_programme_staff
from phases.models import Round


def can_view_round(user, round) -> bool:
    return round.is_published or is_programme_staff(user)


def can_follow_progress(user, round, moment) -> bool:
    """Staff always; partner members while the latest phase lets partners follow."""
    if is_programme_staff(user):
        return True
    if not (user.is_authenticated and user.roles.partner_ids):
        return False
    phase = round.latest_phase_at(moment)
    return phase is not None and phase.partners_can_follow


def get_round_for_progress(request, slug, moment) -> Round:
    round = get_round_for_public(request, slug)
    if not can_follow_progress(request.user, round, moment):
        raise PermissionDenied
    return round


def get_round_for_public(request, slug) -> Round:
    """A published round, or any round for staff. Unpublished rounds are 404 to others."""
    round = get_object_or_404(Round, slug=slug)
    if not can_view_round(request.user, round):
        raise Http404
    return round
