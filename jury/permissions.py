"""Who may do what in the jury's panel.

A juror scores the handed-in challenges of the round they sit in, except the
ones they are recused from (a declared tie to the municipality or its county),
and only while the scoring window is open. Jurors see other jurors' scores for
a challenge only after submitting their own, and only when staff allow it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.permissions import is_programme_staff
from applications.models import Application
from jury.models import Conflict, JurySeat, JurySettings, Review
from jury.results import recused_pairs
from phases import capabilities


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
        cache[application.pk] = seat.conflicts.covering(
            municipality.pk, municipality.county_id
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


def scoring_window(settings: JurySettings, moment) -> capabilities.Capability:
    """Jury scoring in the round: not after the decision is published, and only inside
    the jury's scoring window and the phases that carry ``jury_scoring_open``."""
    if settings.is_published:
        return capabilities.closed(_("The decision is published."))
    opens, closes = settings.opens_at, settings.closes_at
    if not (opens and closes):
        return capabilities.closed(_("The scoring window has not been set yet."))
    return capabilities.jury_scoring(settings.round, moment, opens_at=opens, closes_at=closes)


def scoring(
    seat: JurySeat | None, application: Application, settings: JurySettings, moment
) -> capabilities.Capability:
    """Whether this juror may score this challenge now, and if not, why."""
    if not can_view_for_scoring(seat, application):
        return capabilities.closed(_("You are recused from this challenge."))
    if seat.conflicts_declared_at is None:
        return capabilities.closed(_("Declare your conflicts of interest before you score."))
    if application.status not in (
        Application.Status.SUBMITTED,
        Application.Status.UNDER_REVIEW,
    ):
        return capabilities.closed(_("This challenge is no longer being scored."))
    return scoring_window(settings, moment)


def can_score(seat: JurySeat | None, application: Application, settings: JurySettings, moment):
    """A juror scores a challenge they are not recused from, after declaring their ties,
    while the window is open and before the decision is published."""
    return scoring(seat, application, settings, moment).is_open


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


def results_visible_to(user, seat: JurySeat | None, settings: JurySettings) -> set[int] | None:
    """The challenges whose panel figures ``user`` sees on the results page; None for all.

    Staff see every challenge. A juror, the same promise as the score page
    (``can_see_panel_scores``): only when staff allow it, only where the juror has
    submitted their own review, and never where they are recused (a tie declared
    after scoring).
    """
    if can_manage_jury(user):
        return None
    if seat is None or not settings.jurors_see_results:
        return set()
    submitted = set(
        seat.reviews.filter(status=Review.Status.SUBMITTED).values_list("application_id", flat=True)
    )
    recused = {pk for pk, _seat in recused_pairs(seat.round, seats=[seat])}
    return submitted - recused


def require_jury_staff(request) -> None:
    if not can_manage_jury(request.user):
        raise PermissionDenied(_("This page is for programme staff."))


def require_seat(request, round) -> JurySeat:
    seat = seat_for(request.user, round)
    if seat is None:
        raise PermissionDenied(_("This page is for members of this round's jury."))
    return seat


def get_application_for_scoring(request, pk) -> tuple[JurySeat, Application]:
    """The juror's seat in the challenge's own round, and the challenge they may open.

    Non-jurors get 403; a challenge outside the pool of a round the juror sits
    on is 404; a recused juror gets 403.
    """
    if not request.user.is_authenticated or not request.user.roles.juror_round_ids:
        raise PermissionDenied
    application = get_object_or_404(
        Application.objects.select_related("municipality__county", "round"), pk=pk
    )
    seat = seat_for(request.user, application.round)
    if seat is None or not is_in_jury_pool(application, application.round):
        raise Http404
    if not can_view_for_scoring(seat, application):
        raise PermissionDenied
    return seat, application


def juror_readable(user) -> Q:
    """The challenges a juror may read anywhere in the portal (registered with
    applications' one visibility rule): the handed-in challenges of the rounds they sit
    on, except those they are recused from."""
    roles = user.roles
    if not roles.juror_round_ids:
        return Q(pk__in=[])
    recused = Conflict.objects.filter(seat__user=user, seat__round=OuterRef("round")).covering(
        OuterRef("municipality"), OuterRef("municipality__county")
    )
    return (
        Q(round_id__in=roles.juror_round_ids)
        & Q(status__in=Application.Status.handed_in())
        & ~Exists(recused)
    )
