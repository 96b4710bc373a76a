"""Demo jury work: the 2020–2021 round's scores and published selection, and the live
round's panel as it stands in each phase.

The scores are made up but stable and read like a real panel's: each challenge
has a quality, each juror a leniency (some are strict, some generous), and every
score a little noise of its own, so the values spread over the whole scale. A
few jurors abstain on a criterion they cannot judge, and one juror in each round
declares a tie. Totals are then nudged apart so the ranking has no equal totals.
Scores are written directly, as history: the scoring windows are past (or, in
the live round, the scores were given earlier in the window). Runs after
applications/demo.py (INSTALLED_APPS).
"""

import random
from datetime import timedelta

from django.db.models import F

from accounts.demo import JURY, LIVE_JURY
from accounts.models import Organisation, User
from applications.models import Application, StatusChange
from jury import services, stats
from jury.models import (
    AuditEntry,
    Conflict,
    Criterion,
    Decision,
    JurySeat,
    JurySettings,
    Review,
    ScaleStep,
    Score,
)
from jury.results import pool, recused_pairs, round_results
from municipalities.models import Municipality
from phases.demo import live_moment, oslo
from phases.models import Deadline
from phases.services import add_app_defaults

COMMENTS = [
    "Tydelig forankret i veikartet, og konkrete mål.",
    "Godt beskrevet utfordring, men ressursene er uklare.",
    "Sterk involvering av innbyggere og næringsliv.",
    "Spennende bruk av åpne data; skalerbart til andre distriktskommuner.",
    "Realistisk plan, men lite om hvordan resultatene skal deles med andre kommuner.",
    "Ambisiøst for en liten kommune; forankringen må vise seg i praksis.",
    "Utfordringen er viktig, men teknologien virker påklistret.",
]


def jury_criteria_and_scale(round) -> tuple[list[Criterion], int, int]:
    """The criteria the demo jury scores ``round`` on, and the lowest and highest scale step.

    A seeded round gets its own criteria and scale, copied from the programme's
    defaults the first time (``phases.services.add_app_defaults``).
    """
    add_app_defaults(round)
    values = list(ScaleStep.objects.for_round(round).values_list("value", flat=True))
    criteria = list(Criterion.objects.for_round(round))
    return criteria, min(values, default=1), max(values, default=5)


# Scoring --------------------------------------------------------------------------------


def plan_scores(applications, seats, criteria, *, quality, leniency, abstains, low, high):
    """``{(application pk, seat pk): {criterion pk: value or None}}`` for every pair.

    ``quality`` maps a municipality number to how good its challenge is on the
    scale, ``leniency`` a seat's order to what that juror adds to every score,
    ``abstains(number, seat, criterion)`` says when a juror abstains.
    """
    plan = {}
    for application in applications:
        number = application.municipality.number
        for seat in seats:
            values = {}
            for criterion in criteria:
                if abstains(number, seat, criterion):
                    values[criterion.pk] = None
                    continue
                rng = random.Random(f"{number}/{seat.order}/{criterion.key}")
                value = quality[number] + leniency[seat.order] + rng.gauss(0, 0.8)
                values[criterion.pk] = max(low, min(high, round(value)))
            plan[(application.pk, seat.pk)] = values
    return plan


def separate_totals(plan, counted, weights, *, low, high, recused=()) -> None:
    """Nudge single scores in ``plan`` until no two challenges have the same weighted total.

    Only the ``counted`` (application pk, seat pk) pairs make the ranking. The
    challenge lower in the plan's order gives up (or gains) one point on one score.
    """
    order = list(dict.fromkeys(application_pk for application_pk, _seat in plan))
    for _attempt in range(200):
        rows = [
            (application_pk, seat_pk, criterion_pk, value)
            for (application_pk, seat_pk), values in plan.items()
            if (application_pk, seat_pk) in counted
            for criterion_pk, value in values.items()
        ]
        results = stats.summarise_challenges(rows, weights, recusals=recused)
        seen = {}
        clash = None
        for application_pk in order:
            result = results.get(application_pk)
            if result is None or result.weighted_total is None:
                continue
            total = round(result.weighted_total, 2)
            if total in seen:
                clash = application_pk
                break
            seen[total] = application_pk
        if clash is None:
            return
        pairs = [pair for pair in plan if pair[0] == clash and pair in counted]
        for pair in pairs[_attempt % len(pairs) :] + pairs[: _attempt % len(pairs)]:
            values = plan[pair]
            step = -1 if _attempt % 2 else 1
            for criterion_pk, value in values.items():
                if value is not None and low <= value + step <= high:
                    values[criterion_pk] = value + step
                    break
            else:
                continue
            break
    raise RuntimeError("Could not separate the demo jury's totals.")


def write_reviews(plan, chosen, seats_by_pk, applications_by_pk, *, submitted, at) -> None:
    """Write the ``chosen`` pairs of ``plan``: submitted reviews or drafts, dated ``at(pair)``."""
    for position, pair in enumerate(chosen):
        application_pk, seat_pk = pair
        seat = seats_by_pk[seat_pk]
        moment = at(pair)
        review, _created = Review.objects.update_or_create(
            seat=seat,
            application=applications_by_pk[application_pk],
            defaults={
                "status": Review.Status.SUBMITTED if pair in submitted else Review.Status.DRAFT,
                "submitted_at": moment if pair in submitted else None,
                "comment": COMMENTS[(position + seat.order) % len(COMMENTS)],
            },
        )
        Review.objects.filter(pk=review.pk).update(updated_at=moment)
        existing = dict(review.scores.values_list("criterion_id", "value"))
        if existing != plan[pair]:
            review.scores.all().delete()
            Score.objects.bulk_create(
                Score(review=review, criterion_id=criterion_pk, value=value)
                for criterion_pk, value in plan[pair].items()
            )


def seat_jury(round, members) -> list[JurySeat]:
    """One seat per ``(e-mail, name, organisation short name)``, in that order."""
    seats = []
    for order, (email, name, short) in enumerate(members, start=1):
        seat, _created = JurySeat.objects.update_or_create(
            round=round,
            organisation=Organisation.objects.get(short_name=short),
            defaults={"user": User.objects.get(email=email), "display_name": name, "order": order},
        )
        seats.append(seat)
    return seats


def declare_conflict(seat, municipality, *, kind, note, at) -> None:
    conflict, _created = Conflict.objects.get_or_create(
        seat=seat,
        municipality=municipality,
        defaults={"kind": kind, "note": note, "recorded_by": seat.user},
    )
    Conflict.objects.filter(pk=conflict.pk).update(created_at=at)


def publish_selection(round, challenges, *, staff, decided_at, published_at) -> list[str]:
    """Select the top of the ranking and publish, dated as it happened. Returns the names."""
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
    # The municipalities heard the news when it was published: no batch is left to send.
    for application in challenges:
        Decision.objects.get_or_create(
            application=application,
            defaults={
                "round": round,
                "outcome": Decision.Outcome.NOT_SELECTED,
                "decided_by": staff,
            },
        )
    Decision.objects.filter(round=round).update(decided_at=decided_at, notified_at=published_at)
    services.publish_decision(round, by=staff)
    JurySettings.objects.filter(round=round).update(published_at=published_at)
    AuditEntry.objects.filter(round=round, action=AuditEntry.Action.DECISION_RECORDED).update(
        created_at=decided_at
    )
    AuditEntry.objects.filter(round=round, created_at__gt=published_at).update(
        created_at=published_at
    )
    StatusChange.objects.filter(application__round=round, changed_at__gt=published_at).update(
        changed_at=published_at
    )
    # "Last saved" is the municipality's last save, not the jury's decision.
    Application.objects.filter(round=round, submitted_at__isnull=False).update(
        updated_at=F("submitted_at")
    )
    return [str(by_pk[pk].municipality) for pk in top]


# The 2020–2021 round ----------------------------------------------------------------------

# Juror leniency by seat order: what each juror adds to every score.
LENIENCY_2020 = {1: 0.1, 2: 0.6, 3: -0.2, 4: -0.7, 5: 0.3, 6: 0.5, 7: -0.4}
# The three municipalities the jury chose on 12 January 2021 stand out; the rest spread.
STANDOUTS_2020 = {"1151": 4.5, "3427": 4.1, "1515": 4.0}


def quality_2020(number: str) -> float:
    return STANDOUTS_2020.get(number, 2.2 + (int(number) * 7 % 19) / 11)


def abstains_2020(number: str, seat, criterion) -> bool:
    # The KS juror does not judge technology for every fifth challenge, the LUP juror not
    # geography where the municipality number ends in 1.
    return (seat.order == 3 and criterion.key == "technology" and int(number) % 5 == 0) or (
        seat.order == 6 and criterion.key == "geography" and number.endswith("1")
    )


def seed(round, *, stdout) -> None:
    settings, _created = JurySettings.objects.get_or_create(round=round)
    if not settings.jurors_see_results:
        settings.jurors_see_results = True
        settings.save(update_fields=["jurors_see_results"])
    members = [
        (f"jury{order}@gnist.test", name, short)
        for order, (short, name) in enumerate(JURY, start=1)
    ]
    if not User.objects.filter(email="jury1@gnist.test").exists():
        stdout.write("No jurors: run accounts.demo first.")
        return
    seats = seat_jury(round, members)
    staff = User.objects.filter(email="staff@gnist.test").first()

    # The Siva juror sits on the board of Utsira's business garden: recused from Utsira.
    declared = oslo(2020, 12, 14, 9, 0)
    declare_conflict(
        seats[4],
        Municipality.objects.get(number="1151"),
        kind=Conflict.Kind.BOARD,
        note="Styremedlem i Utsira næringshage.",
        at=declared,
    )
    JurySeat.objects.filter(round=round).update(conflicts_declared_at=declared)

    criteria, low, high = jury_criteria_and_scale(round)
    recused = recused_pairs(round)
    challenges = list(pool(round).select_related("municipality").order_by("submitted_at", "pk"))
    if not challenges:
        stdout.write("Jury: no challenges to score.")
        return
    plan = plan_scores(
        challenges,
        seats,
        criteria,
        quality={a.municipality.number: quality_2020(a.municipality.number) for a in challenges},
        leniency=LENIENCY_2020,
        abstains=abstains_2020,
        low=low,
        high=high,
    )
    counted = {pair for pair in plan if pair not in recused}
    weights = {criterion.pk: float(criterion.weight) for criterion in criteria}
    separate_totals(plan, counted, weights, low=low, high=high)
    order = {seat.pk: seat.order for seat in seats}
    index = {application.pk: position for position, application in enumerate(challenges)}
    write_reviews(
        plan,
        sorted(counted),
        {seat.pk: seat for seat in seats},
        {application.pk: application for application in challenges},
        submitted=counted,
        at=lambda pair: (
            oslo(2020, 12, 28)
            + timedelta(days=order[pair[1]] + index[pair[0]] % 3, hours=index[pair[0]] % 11)
        ),
    )

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
    names = publish_selection(
        round,
        challenges,
        staff=staff,
        decided_at=oslo(2021, 1, 12, 14, 0),
        published_at=oslo(2021, 1, 15, 12, 0),
    )
    stdout.write(
        f"Jury: {len(challenges)} challenges scored; selected and published: {', '.join(names)}."
    )


# The live round ---------------------------------------------------------------------------

LENIENCY_LIVE = {1: 0.3, 2: 0.7, 3: -0.5, 4: 0.0, 5: -0.8}
QUALITY_LIVE = {
    "5634": 4.0,  # Vardø
    "4642": 3.8,  # Lærdal
    "1848": 3.5,  # Steigen
    "4618": 3.3,  # Ullensvang
    "4026": 3.1,  # Tinn
    "3427": 2.8,  # Tynset
    "1135": 2.4,  # Sauda
    "3435": 2.0,  # Vågå (never handed in)
}


def abstains_live(number: str, seat, criterion) -> bool:
    # The Innovasjon Norge juror leaves technology to others for Steigen and Sauda; the KS
    # juror does not judge geography for Vardø.
    return (seat.order == 3 and criterion.key == "technology" and number in ("1848", "1135")) or (
        seat.order == 4 and criterion.key == "geography" and number == "5634"
    )


def scoring_by_phase_2(allowed, seats) -> tuple[list, set]:
    """The reviews written by "today" of phase 2, and which of them are submitted: the
    first, third and fourth jurors are done, the second has submitted three and has two
    drafts, the fifth (new) has not started."""
    by_seat = {seat.pk: [pair for pair in allowed if pair[1] == seat.pk] for seat in seats}
    halfway = by_seat[seats[1].pk][:5]
    done = by_seat[seats[0].pk] + by_seat[seats[2].pk] + by_seat[seats[3].pk]
    return done + halfway, set(done + halfway[:3])


def clear_live(round) -> None:
    Decision.objects.filter(round=round).delete()
    AuditEntry.objects.filter(round=round).delete()
    JurySeat.objects.filter(round=round).delete()  # with their conflicts, reviews and scores
    JurySettings.objects.filter(round=round).delete()


def seed_live(round, *, phase, stdout) -> None:
    """The live round's jury: seated in phase 1; in phase 2 scoring is under way (two
    jurors done, one halfway with drafts, one recused from Tinn, one new juror who has not
    started); from phase 3 on every score is in and the selection is published."""
    seats = seat_jury(round, LIVE_JURY)
    JurySettings.objects.update_or_create(round=round, defaults={"jurors_see_results": True})
    if phase == 1:
        stdout.write(f"Jury: {len(seats)} seats for {round.name}; scoring opens at the deadline.")
        return
    staff = User.objects.filter(email="staff@gnist.test").first()
    declared = live_moment(round, 1, 50, 10)
    declare_conflict(
        seats[3],
        Municipality.objects.get(number="4026"),
        kind=Conflict.Kind.HOME,
        note="Bor på Rjukan.",
        at=declared,
    )
    ready = seats if phase >= 3 else seats[:4]
    JurySeat.objects.filter(pk__in=[seat.pk for seat in ready]).update(
        conflicts_declared_at=declared
    )

    criteria, low, high = jury_criteria_and_scale(round)
    recused = recused_pairs(round)
    challenges = list(pool(round).select_related("municipality").order_by("submitted_at", "pk"))
    plan = plan_scores(
        challenges,
        seats,
        criteria,
        quality=QUALITY_LIVE,
        leniency=LENIENCY_LIVE,
        abstains=abstains_live,
        low=low,
        high=high,
    )
    allowed = [pair for pair in plan if pair not in recused]
    early_chosen, early_submitted = scoring_by_phase_2(allowed, seats)
    if phase >= 3:
        chosen, submitted = allowed, set(allowed)
    else:
        chosen, submitted = early_chosen, early_submitted
    weights = {criterion.pk: float(criterion.weight) for criterion in criteria}
    separate_totals(plan, submitted, weights, low=low, high=high)
    scoring_start = live_moment(round, 2, 1, 9)
    early = set(early_chosen)
    order = {seat.pk: seat.order for seat in seats}
    index = {application.pk: position for position, application in enumerate(challenges)}
    write_reviews(
        plan,
        chosen,
        {seat.pk: seat for seat in seats},
        {application.pk: application for application in challenges},
        submitted=submitted,
        # The first reviews early in the window (before "today" of phase 2), the rest later.
        at=lambda pair: (
            scoring_start
            + timedelta(
                days=(index[pair[0]] + order[pair[1]]) % 8 + (0 if pair in early else 12),
                hours=index[pair[0]] % 6,
            )
        ),
    )
    if phase == 2:
        stdout.write(
            f"Jury: scoring under way for {round.name}: {len(submitted)} reviews submitted, "
            f"{len(chosen) - len(submitted)} drafts."
        )
        return
    names = publish_selection(
        round,
        challenges,
        staff=staff,
        decided_at=round.deadline_at(Deadline.Key.JURY_MEETING) + timedelta(hours=4),
        published_at=round.deadline_at(Deadline.Key.SELECTION_ANNOUNCED),
    )
    stdout.write(f"Jury: {round.name} selected and published: {', '.join(names)}.")
