"""What the jury holds about a person (see accounts.personal_data).

Nothing here is erased: scores and comments stay with the jury seat.
"""

from jury.models import JurySeat, Review


def export_jury(user) -> dict:
    seats = list(JurySeat.objects.filter(user=user).select_related("round", "organisation"))
    return {
        "jury_seats": [
            {
                "round": str(s.round),
                "organisation": str(s.organisation),
                "display_name": s.display_name,
                "conflicts_declared_at": s.conflicts_declared_at,
            }
            for s in seats
        ],
        "jury_reviews": [
            {
                "challenge": r.application.title,
                "status": r.get_status_display(),
                "comment": r.comment,
                "scores": [
                    {"criterion": str(s.criterion), "value": s.value, "comment": s.comment}
                    for s in r.scores.all()
                ],
            }
            for r in Review.objects.filter(seat__in=seats)
            .select_related("application")
            .prefetch_related("scores__criterion")
        ],
    }
