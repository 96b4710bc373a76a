"""Demo jury work for the 2020–2021 round: every juror's scores and the published selection.

The scores are made up but stable: each challenge has a level, each juror a
habit (strict or generous) and each criterion a small twist, so the ranking,
the calibration page and the agreement figure have something to show. The
jury met on 12 January 2021, so the scoring window is long closed: scores are
written directly, as history. Runs after applications/demo.py (INSTALLED_APPS).
"""

from django.utils import timezone

from accounts.models import User
from applications.models import Application
from jury import services
from jury.models import (
    Conflict,
    Criterion,
    Decision,
    JurySeat,
    JurySettings,
    Review,
    Score,
)
from jury.results import pool, recused_pairs, round_results
from municipalities.models import Municipality
from phases.demo import oslo
from phases.services import add_app_defaults

# Juror habits by seat order: added to every score they give.
HABITS = {1: 0, 2: 1, 3: 0, 4: -1, 5: 0, 6: 1, 7: 0}
COMMENTS = [
    "Tydelig forankret i veikartet, og konkrete mål.",
    "Godt beskrevet utfordring, men ressursene er uklare.",
    "Sterk involvering av innbyggere og næringsliv.",
    "Spennende bruk av åpne data; skalerbart til andre distriktskommuner.",
]


def level(number: str) -> int:
    """Each municipality's challenge gets a stable quality level from 2 to 4."""
    return 2 + int(number) * 7 % 3


def value_for(number: str, criterion: Criterion, seat: JurySeat) -> int:
    twist = (int(number) + criterion.order * 3 + seat.order * 5) % 3 - 1
    return max(1, min(5, level(number) + twist + HABITS.get(seat.order, 0)))


def seed(round, *, stdout) -> None:
    # The round's own criteria and scale, copied from the programme defaults once.
    add_app_defaults(round)
    settings, _created = JurySettings.objects.get_or_create(round=round)
    if not settings.jurors_see_results:
        settings.jurors_see_results = True
        settings.save(update_fields=["jurors_see_results"])
    seats = list(JurySeat.objects.filter(round=round).select_related("user"))
    if not seats:
        stdout.write("No jury seats: run accounts.demo first.")
        return
    staff = User.objects.filter(email="staff@gnist.test").first()

    # The Siva juror sits on the board of Utsira's business garden: recused from Utsira.
    siva = next((seat for seat in seats if seat.order == 5), None)
    utsira = Municipality.objects.get(number="1151")
    if siva is not None:
        Conflict.objects.get_or_create(
            seat=siva,
            municipality=utsira,
            defaults={
                "kind": Conflict.Kind.BOARD,
                "note": "Styremedlem i Utsira næringshage.",
                "recorded_by": siva.user,
            },
        )
    declared = oslo(2020, 12, 14, 9, 0)
    JurySeat.objects.filter(round=round, conflicts_declared_at=None).update(
        conflicts_declared_at=declared
    )

    criteria = list(Criterion.objects.for_round(round))
    recused = recused_pairs(round)
    challenges = list(pool(round).select_related("municipality"))
    submitted_at = oslo(2021, 1, 8, 15, 0)
    for position, application in enumerate(challenges):
        number = application.municipality.number
        for seat in seats:
            if (application.pk, seat.pk) in recused:
                continue
            review, _created = Review.objects.update_or_create(
                seat=seat,
                application=application,
                defaults={
                    "status": Review.Status.SUBMITTED,
                    "submitted_at": submitted_at,
                    "comment": COMMENTS[(position + seat.order) % len(COMMENTS)],
                },
            )
            for criterion in criteria:
                # One juror abstains on technology for every fifth challenge.
                abstains = seat.order == 4 and criterion.key == "technology" and position % 5 == 0
                Score.objects.update_or_create(
                    review=review,
                    criterion=criterion,
                    defaults={"value": None if abstains else value_for(number, criterion, seat)},
                )

    if not challenges:
        stdout.write("Jury: no challenges to score.")
        return
    if settings.is_published:
        # applications/demo.py sets its challenges back to "submitted" on every run. The
        # first run took them to their outcome through change_status, and its StatusChange
        # rows are still there: put the status back without repeating the history.
        for application_id, outcome in Decision.objects.filter(round=round).values_list(
            "application_id", "outcome"
        ):
            Application.objects.filter(
                pk=application_id, status=Application.Status.SUBMITTED
            ).update(status=outcome)
        stdout.write(f"Jury: {len(challenges)} challenges scored by {len(seats)} jurors.")
        return
    top = [
        result.application_id
        for result in round_results(round).ranking[: round.selected_municipality_count]
    ]
    by_pk = {application.pk: application for application in challenges}
    services.record_selection(
        round,
        selected=[by_pk[pk] for pk in top],
        justifications={},
        ranks={pk: rank for rank, pk in enumerate(top, start=1)},
        by=staff,
    )
    # The municipalities heard the news in January 2021: the batch has nothing left to send.
    for application in challenges:
        Decision.objects.get_or_create(
            application=application,
            defaults={
                "round": round,
                "outcome": Decision.Outcome.NOT_SELECTED,
                "decided_by": staff,
            },
        )
    Decision.objects.filter(round=round, notified_at=None).update(notified_at=timezone.now())
    services.publish_decision(round, by=staff)
    JurySettings.objects.filter(round=round).update(published_at=oslo(2021, 1, 15, 12, 0))
    names = ", ".join(str(by_pk[pk].municipality) for pk in top)
    stdout.write(f"Jury: {len(challenges)} challenges scored; selected and published: {names}.")
