"""Reminder audiences the jury knows: jurors and what they have left to score.

Registered with notifications (see notifications/audiences.py).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from jury.models import JurySeat, Review
from notifications.audiences import active_users, audience


@audience("jurors", _("Jurors of the round"))
def jurors(deadline) -> QuerySet:
    return active_users().filter(jury_seats__round_id=deadline.round_id).distinct()


@audience("jurors_with_unscored", _("Jurors with challenges they have not scored"))
def jurors_with_unscored(deadline) -> QuerySet:
    """Jurors who still have a handed-in challenge to score, leaving out their conflicts."""
    pool = Application.objects.for_round(deadline.round).submitted()
    seats = JurySeat.objects.filter(round_id=deadline.round_id, user__is_active=True)
    user_ids = []
    for seat in seats.prefetch_related("conflicts"):
        conflicts = list(seat.conflicts.all())
        scored = Review.objects.filter(seat=seat, status=Review.Status.SUBMITTED)
        open_items = (
            pool.exclude(pk__in=scored.values("application_id"))
            .exclude(
                municipality_id__in=[c.municipality_id for c in conflicts if c.municipality_id]
            )
            .exclude(municipality__county_id__in=[c.county_id for c in conflicts if c.county_id])
        )
        if open_items.exists():
            user_ids.append(seat.user_id)
    return active_users().filter(pk__in=user_ids)
