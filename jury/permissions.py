"""Who may do what in the jury's panel.

A juror scores the handed-in challenges of the round they sit in, except the
ones they are recused from (a declared tie to the municipality or its county),
and only while the scoring window is open. Jurors see other jurors' scores for
a challenge only after submitting their own, and only when staff allow it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.permissions import is_programme_staff
from applications.models import Application
from jury.models import JurySeat, JurySettings, Review


def seat_for(user, round) -> JurySeat | None:
    if not user.is_authenticated or round.pk not in user.roles.juror_round_ids:
        return None
    return (
        JurySeat.objects.filter(round=round, user=user)
        .select_related("round", "organisation")
        .first()
    )


def is_recused(seat: JurySeat, application: Application) -> bool:
    """True when the juror has a tie to the challenge's municipality or its county."""
    # Remembered on the seat: one request asks this more than once.
    cache = seat.__dict__.setdefault("_recused", {})
    if application.pk not in cache:
        municipality = application.municipality
        cache[application.pk] = seat.conflicts.filter(
            Q(municipality_id=municipality.pk) | Q(county_id=municipality.county_id)
        ).exists()
    return cache[application.pk]


def is_in_jury_pool(application: Application, round) -> bool:
    return application.round_id == round.pk and application.status in (
        Application.Status.handed_in()
    )


def can_manage_jury(user) -> bool:
    return is_programme_staff(user)


def can_view_for_scoring(seat: JurySeat | None, application: Application) -> bool:
    return seat is not None and not is_recused(seat, application)


def can_score(seat: JurySeat | None, application: Application, settings: JurySettings, moment):
    """A juror scores a challenge they are not recused from, after declaring their ties,
    while the window is open and before the decision is published."""
    return (
        can_view_for_scoring(seat, application)
        and seat.conflicts_declared_at is not None
        and settings.is_scoring_open_at(moment)
        and not settings.is_published
        and application.status in (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW)
    )


def can_see_panel_scores(user, seat, review: Review | None, settings: JurySettings) -> bool:
    """Staff always; a juror only when allowed and after submitting their own scores."""
    if can_manage_jury(user):
        return True
    return (
        seat is not None
        and settings.jurors_see_results
        and review is not None
        and review.is_submitted
    )


def can_see_results(user, round, settings: JurySettings) -> bool:
    return can_manage_jury(user) or (
        settings.jurors_see_results and seat_for(user, round) is not None
    )


def require_jury_staff(request) -> None:
    if not can_manage_jury(request.user):
        raise PermissionDenied(_("This page is for programme staff."))


def require_seat(request, round) -> JurySeat:
    seat = seat_for(request.user, round)
    if seat is None:
        raise PermissionDenied(_("This page is for members of this round's jury."))
    return seat


def get_application_for_scoring(request, pk, round) -> tuple[JurySeat, Application]:
    """The juror's seat and the challenge they may open.

    Non-jurors get 403; a challenge outside the jury's pool is 404; a recused
    juror gets 403.
    """
    seat = require_seat(request, round)
    application = get_object_or_404(
        Application.objects.select_related("municipality__county"), pk=pk
    )
    if not is_in_jury_pool(application, round):
        raise Http404
    if not can_view_for_scoring(seat, application):
        raise PermissionDenied
    return seat, application
