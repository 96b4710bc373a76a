"""What a juror should do next in each panel they sit on (Min side)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.dashboard import NextStep
from jury.models import JurySeat, JurySettings, Review
from jury.results import pool, recused_pairs


def juror_steps(user, now) -> list[NextStep]:
    steps = []
    seats = JurySeat.objects.filter(user=user).select_related("round")
    for seat in seats:
        jury_settings = JurySettings.for_round(seat.round)
        if jury_settings.is_published or not jury_settings.is_scoring_open_at(now):
            continue
        url = reverse("jury:home")
        role = _("Jury, %(round)s") % {"round": seat.round}
        if seat.conflicts_declared_at is None:
            steps.append(
                NextStep(
                    role=role,
                    text=_("Declare your ties to municipalities and counties before scoring"),
                    url=reverse("jury:conflicts"),
                    due=jury_settings.closes_at,
                )
            )
            continue
        recused = {pk for pk, _seat in recused_pairs(seat.round, seats=[seat])}
        to_score = [pk for pk in pool(seat.round).values_list("pk", flat=True) if pk not in recused]
        done = Review.objects.submitted().filter(seat=seat, application_id__in=to_score).count()
        steps.append(
            NextStep(
                role=role,
                text=_("Score %(left)s of %(total)s challenges")
                % {"left": len(to_score) - done, "total": len(to_score)},
                url=url,
                due=jury_settings.closes_at,
                done=done == len(to_score),
            )
        )
    return steps
