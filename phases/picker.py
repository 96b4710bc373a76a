"""Which round a page is about.

Pages that list a round's things take the round from ``?round=<slug>``; the
choice is remembered in the session, so the next list page opens on the same
round. Without a choice the current round is shown. Callers pass the rounds the
person may choose among (a juror's rounds, say), so a remembered or asked-for
round outside that set is never shown.

A POST acts on the round its form names (``posted_round``), never on the
remembered choice: a second tab that switched rounds must not redirect an action.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import F
from django.http import Http404

from phases.models import Round

SESSION_KEY = "chosen_round"
QUERY_KEY = "round"


@dataclass(frozen=True)
class RoundChoice:
    """The round a page shows and the rounds its picker offers."""

    round: Round
    rounds: list

    @property
    def has_choice(self) -> bool:
        return len(self.rounds) > 1

    @property
    def query(self) -> str:
        """``round=<slug>``, for links and exports that must show this very round."""
        return urlencode({QUERY_KEY: self.round.slug})


def choose_round(request, rounds=None) -> RoundChoice:
    """The round asked for in the URL, else the remembered one, else the current one.

    ``rounds`` (a queryset of Round) limits the choice; by default every round.
    A slug in the URL that is not among them is 404. Side effect: a round asked
    for in the URL is remembered in the session.
    """
    rounds = rounds if rounds is not None else Round.objects.all()
    available = list(rounds.with_span().order_by(F("span_start").desc(nulls_last=True), "-slug"))
    by_slug = {round.slug: round for round in available}
    asked = request.GET.get(QUERY_KEY)
    if asked:
        if asked not in by_slug:
            raise Http404
        if request.session.get(SESSION_KEY) != asked:
            request.session[SESSION_KEY] = asked
        return RoundChoice(by_slug[asked], available)
    remembered = by_slug.get(request.session.get(SESSION_KEY, ""))
    if remembered:
        return RoundChoice(remembered, available)
    if not available:
        raise Http404
    current = Round.objects.current()
    default = by_slug.get(current.slug) if current else None
    return RoundChoice(default or available[0], available)


def posted_round(request, rounds=None) -> Round:
    """The round a POST acts on: the ``round`` field its form carries.

    The remembered choice is never used. A form without the field acts on the
    current round (as before rounds could be chosen); a slug outside ``rounds``
    is 404.
    """
    rounds = rounds if rounds is not None else Round.objects.all()
    slug = request.POST.get(QUERY_KEY)
    if slug:
        round = rounds.filter(slug=slug).first()
    else:
        current = Round.objects.current()
        round = current if current and rounds.filter(pk=current.pk).exists() else None
    if round is None:
        raise Http404
    return round
