from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import is_programme_staff
from phases.models import Round


def can_view_round(user, round) -> bool:
    return round.is_published or is_programme_staff(user)


def get_round_for_public(request, slug) -> Round:
    """A published round, or any round for staff. Unpublished rounds are 404 to others."""
    round = get_object_or_404(Round, slug=slug)
    if not can_view_round(request.user, round):
        raise Http404
    return round
