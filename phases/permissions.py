from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from gnist.access import is_programme_staff
from phases import capabilities
from phases.models import Round


def can_view_round(user, round) -> bool:
    return round.is_published or is_programme_staff(user)


def progress_access(user, round, moment) -> capabilities.Capability:
    """Staff always; partner members while the latest phase lets partners follow."""
    if is_programme_staff(user):
        return capabilities.OPEN
    if not (user.is_authenticated and user.roles.partner_ids):
        return capabilities.closed("")
    return capabilities.partners_following(round, moment)


def can_follow_progress(user, round, moment) -> bool:
    return progress_access(user, round, moment).is_open


class ProgressClosed(PermissionDenied):
    """Refused with a reason a partner member may read."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def get_round_for_progress(request, slug, moment) -> Round:
    round = get_round_for_public(request, slug)
    access = progress_access(request.user, round, moment)
    if not access:
        raise ProgressClosed(access.reason) if access.reason else PermissionDenied
    return round


def get_round_for_public(request, slug) -> Round:
    """A published round, or any round for staff. Unpublished rounds are 404 to others."""
    round = get_object_or_404(Round, slug=slug)
    if not can_view_round(request.user, round):
        raise Http404
    return round


def rounds_visible_to(user):
    """The rounds a person may pick on a public page: published ones, every round for staff."""
    rounds = Round.objects.all()
    return rounds if is_programme_staff(user) else rounds.published()
