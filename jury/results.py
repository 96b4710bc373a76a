"""The round's results, computed from every submitted score in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from applications.models import Application
from jury import stats
from jury.models import Conflict, Criterion, JurySeat, JurySettings, Review, Score

Status = Application.Status


def pool(round):
    """The challenges the jury judges: every handed-in challenge of the round."""
    return Application.objects.for_round(round).submitted()


def recused_pairs(round, *, seats=None) -> set[tuple[int, int]]:
    """``(application_id, seat_id)`` for every challenge a juror is recused from.

    Two queries, whatever the pool's size; the rule itself is ``Conflict.objects.covering``.
    """
    conflicts = Conflict.objects.filter(seat__round=round)
    if seats is not None:
        conflicts = conflicts.filter(seat__in=seats)
    seat_ids = sorted(set(conflicts.values_list("seat_id", flat=True)))
    if not seat_ids:
        return set()
    covering = Conflict.objects.covering(OuterRef("municipality"), OuterRef("municipality__county"))
    recused_from = {
        f"seat_{seat_id}": Exists(covering.filter(seat_id=seat_id)) for seat_id in seat_ids
    }
    rows = (
        pool(round)
        .annotate(**recused_from)
        .filter(Q.create([(name, True) for name in recused_from], connector=Q.OR))
        .values_list("pk", *recused_from)
    )
    return {
        (application_id, seat_id)
        for application_id, *flags in rows
        for seat_id, flag in zip(seat_ids, flags, strict=True)
        if flag
    }


@dataclass
class RoundResults:
    challenges: dict[int, stats.ChallengeResult]
    ranking: list[stats.ChallengeResult]
    normalised_ranking: list[stats.ChallengeResult]
    calibration: dict[int, stats.JurorCalibration]
    alpha: float | None
    applications: dict[int, Application]
    criteria: list[Criterion]
    seats: list[JurySeat]
    field_medians: dict[int, float | None] = field(default_factory=dict)


def score_rows(round):
    """Every submitted score of the round as ``(application, seat, criterion, value)``."""
    return Score.objects.filter(
        review__status=Review.Status.SUBMITTED,
        review__application__round=round,
        review__application__status__in=Status.handed_in(),
    ).values_list("review__application_id", "review__seat_id", "criterion_id", "value")


def round_results(round, *, quorum: int | None = None) -> RoundResults:
    """Aggregate the round's submitted scores in a fixed number of queries."""
    criteria = list(Criterion.objects.for_round(round))
    weights = {criterion.pk: float(criterion.weight) for criterion in criteria}
    applications = {
        application.pk: application
        for application in pool(round)
        .select_related("municipality__county")
        .order_by("submitted_at", "pk")
    }
    if quorum is None:
        quorum = JurySettings.for_round(round).quorum
    results = stats.summarise_challenges(
        score_rows(round),
        weights,
        application_ids=applications,
        recusals=recused_pairs(round),
        quorum=quorum,
    )
    for application_id in list(results):
        if application_id not in applications:
            del results[application_id]
    order = {application_id: position for position, application_id in enumerate(applications)}
    ranking = stats.rank(results, submitted_order=order)
    calibration = stats.calibrate(results)
    normalised = stats.normalise(results, calibration)
    alpha = stats.krippendorff_alpha_interval(
        result.juror_scores.values() for result in results.values()
    )
    field_medians = {
        criterion.pk: stats.median(
            [
                result.per_criterion[criterion.pk].mean
                for result in results.values()
                if result.per_criterion[criterion.pk].mean is not None
            ]
        )
        for criterion in criteria
    }
    return RoundResults(
        challenges=results,
        ranking=ranking,
        normalised_ranking=normalised,
        calibration=calibration,
        alpha=alpha,
        applications=applications,
        criteria=criteria,
        seats=list(JurySeat.objects.filter(round=round).select_related("user", "organisation")),
        field_medians=field_medians,
    )


def challenge_panel(application, criteria) -> dict:
    """The panel's submitted scores for one challenge: one row per juror, and the summary."""
    rows = list(
        Score.objects.filter(
            review__application=application, review__status=Review.Status.SUBMITTED
        ).values_list("review__seat_id", "review__seat__user__full_name", "criterion_id", "value")
    )
    jurors: dict[int, dict] = {}
    for seat_id, juror, criterion_id, value in rows:
        jurors.setdefault(seat_id, {"juror": juror, "values": {}})["values"][criterion_id] = value
    weights = {criterion.pk: float(criterion.weight) for criterion in criteria}
    summary = stats.summarise_challenges(
        [
            (application.pk, seat_id, criterion_id, value)
            for seat_id, _j, criterion_id, value in rows
        ],
        weights,
        application_ids=[application.pk],
    )[application.pk]
    return {
        "table": [
            (row["juror"], [row["values"].get(criterion.pk) for criterion in criteria])
            for row in jurors.values()
        ],
        "summary": summary,
        "per_criterion": [
            (criterion, summary.per_criterion[criterion.pk]) for criterion in criteria
        ],
    }


def decimal_formatter():
    """Format a number with two decimals in the active language; a dash when missing."""
    separator = get_format("DECIMAL_SEPARATOR")

    def fmt(value, signed=False):
        if value is None:
            return "–"
        text = f"{value:+.2f}" if signed else f"{value:.2f}"
        return text.replace(".", separator)

    return fmt


def tie_break_labels() -> dict[str, str]:
    return {
        "": "",
        "median": _("Tie broken by median"),
        "score_count": _("Tie broken by number of scores"),
        "submitted_first": _("Tie broken by submission time"),
    }


def _ranks_among(results: list[stats.ChallengeResult], attribute: str) -> dict[int, int]:
    """Each result's rank counted among ``results`` only (ties keep one rank)."""
    values = sorted(getattr(result, attribute) for result in results)
    return {
        result.application_id: 1 + values.index(getattr(result, attribute)) for result in results
    }


def ranking_rows(results: RoundResults, *, only=None, staff_links=False) -> list[dict]:
    """The ranking as rows of ready-made text: hundreds of rows render fast this way.

    ``only`` limits the rows to those challenges and ranks them among themselves,
    so no gap in the numbers tells where a hidden challenge was placed.
    """
    fmt = decimal_formatter()
    labels = tie_break_labels()
    link = reverse("jury:staff_challenge", args=[0])[:-2] if staff_links else ""
    shown = [r for r in results.ranking if only is None or r.application_id in only]
    if only is None:
        rank = {r.application_id: r.rank for r in shown}
        normalised_rank = {r.application_id: r.normalised_rank for r in shown}
    else:
        rank = _ranks_among(shown, "rank")
        normalised_rank = _ranks_among(shown, "normalised_rank")
    rows = []
    for result in shown:
        application = results.applications[result.application_id]
        municipality = application.municipality
        rows.append(
            {
                "rank": str(rank[result.application_id]),
                "url": f"{link}{application.pk}/" if staff_links else "",
                "municipality": municipality.name,
                "county": municipality.county.name,
                "title": str(application),
                "total": fmt(result.weighted_total),
                "mean": fmt(result.overall_mean),
                "median": fmt(result.overall_median),
                "spread": fmt(result.spread),
                "scores": str(result.score_count),
                "recusals": str(result.recusal_count),
                "normalised_rank": str(normalised_rank[result.application_id]),
                "normalised": fmt(result.normalised, signed=True),
                "below_quorum": result.below_quorum,
                "tie_break": labels[result.tie_break],
            }
        )
    return rows
