"""The jury's arithmetic: pure functions over plain numbers, no database.

Missing values (a juror who abstained on a criterion, a juror who recused or
has not submitted) are left out, never counted as zero. Every function takes
and returns plain Python data, so it can be checked against sums done by hand.

Vocabulary:

- a juror's *overall score* for a challenge is the weighted mean of the
  criterion values that juror gave it (on the scale, e.g. 1–5);
- a challenge's *weighted total* is the weighted sum of its per-criterion
  means over the criteria that have at least one value;
- *spread* is the range (highest minus lowest) of the jurors' overall scores.
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CriterionSummary:
    count: int
    mean: float | None
    median: float | None


@dataclass
class ChallengeResult:
    application_id: int
    weighted_total: float | None
    overall_mean: float | None
    overall_median: float | None
    spread: float | None
    score_count: int
    recusal_count: int
    per_criterion: dict[int, CriterionSummary]
    juror_scores: dict[int, float] = field(default_factory=dict)
    normalised: float | None = None
    rank: int = 0
    normalised_rank: int = 0
    tie_break: str = ""
    below_quorum: bool = False


@dataclass(frozen=True)
class JurorCalibration:
    juror_id: int
    count: int
    mean: float | None
    sd: float | None
    leniency: float | None


# The order of tie-breaks when two challenges have the same weighted total.
TIE_BREAKS = ("median", "score_count", "submitted_first")


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def population_sd(values: list[float]) -> float | None:
    return statistics.pstdev(values) if values else None


def weighted_mean(values: dict[int, float], weights: dict[int, float]) -> float | None:
    """Weighted mean of ``{criterion_id: value}``; criteria without a value are skipped."""
    total_weight = sum(weights[criterion] for criterion in values)
    if not total_weight:
        return None
    return sum(weights[criterion] * value for criterion, value in values.items()) / total_weight


def summarise_challenges(
    scores: Iterable[tuple[int, int, int, float | None]],
    weights: dict[int, float],
    *,
    application_ids: Iterable[int] = (),
    recusals: Iterable[tuple[int, int]] = (),
    quorum: int = 0,
) -> dict[int, ChallengeResult]:
    """Aggregate ``(application_id, juror_id, criterion_id, value)`` rows per challenge.

    ``value`` None is an abstention on that criterion. ``recusals`` are
    ``(application_id, juror_id)`` pairs; their scores (if any) are ignored.
    ``application_ids`` lists challenges that must appear even without scores.
    """
    recused = set(recusals)
    by_challenge: dict[int, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for application_id in application_ids:
        by_challenge[application_id]
    for application_id, juror_id, criterion_id, value in scores:
        jurors = by_challenge[application_id]
        if (application_id, juror_id) in recused or value is None:
            continue
        jurors[juror_id][criterion_id] = float(value)

    recusal_counts: dict[int, int] = defaultdict(int)
    for application_id, _juror_id in recused:
        recusal_counts[application_id] += 1

    results = {}
    for application_id, jurors in by_challenge.items():
        juror_scores = {}
        per_criterion_values: dict[int, list[float]] = defaultdict(list)
        for juror_id, values in jurors.items():
            if not values:
                continue
            juror_scores[juror_id] = weighted_mean(values, weights)
            for criterion_id, value in values.items():
                per_criterion_values[criterion_id].append(value)
        per_criterion = {
            criterion_id: CriterionSummary(
                count=len(per_criterion_values.get(criterion_id, [])),
                mean=mean(per_criterion_values.get(criterion_id, [])),
                median=median(per_criterion_values.get(criterion_id, [])),
            )
            for criterion_id in weights
        }
        overall = list(juror_scores.values())
        has_values = any(summary.count for summary in per_criterion.values())
        results[application_id] = ChallengeResult(
            application_id=application_id,
            weighted_total=sum(
                weights[criterion_id] * summary.mean
                for criterion_id, summary in per_criterion.items()
                if summary.mean is not None
            )
            if has_values
            else None,
            overall_mean=mean(overall),
            overall_median=median(overall),
            spread=(max(overall) - min(overall)) if overall else None,
            score_count=len(overall),
            recusal_count=recusal_counts[application_id],
            per_criterion=per_criterion,
            juror_scores=juror_scores,
            below_quorum=len(overall) < quorum,
        )
    return results


def _descending(value: float | None) -> float:
    # Challenges without a value sort after every challenge with one.
    return -value if value is not None else math.inf


def rank(
    results: dict[int, ChallengeResult], *, submitted_order: dict[int, int] | None = None
) -> list[ChallengeResult]:
    """Order challenges by weighted total, highest first, with explicit tie-breaks.

    Equal totals are separated by, in turn: the higher median of the jurors'
    overall scores, more scores, and the earlier submission (``submitted_order``
    maps application id to its position, defaulting to the id). Each result's
    ``tie_break`` names the rule that put it below the one before, or is empty.
    """
    submitted_order = submitted_order or {}

    def key(result):
        return (
            _descending(result.weighted_total),
            _descending(result.overall_median),
            -result.score_count,
            submitted_order.get(result.application_id, result.application_id),
        )

    ordered = sorted(results.values(), key=key)
    previous = None
    for position, result in enumerate(ordered, start=1):
        result.rank = position
        result.tie_break = ""
        if previous is not None and key(previous)[0] == key(result)[0]:
            for name, before, after in zip(
                TIE_BREAKS, key(previous)[1:], key(result)[1:], strict=True
            ):
                if before != after:
                    result.tie_break = name
                    break
        previous = result
    return ordered


def calibrate(results: dict[int, ChallengeResult]) -> dict[int, JurorCalibration]:
    """Per juror: mean and standard deviation of their overall scores, and leniency.

    Leniency is the juror's average difference from the panel mean on the same
    challenges: positive means the juror scores more generously than the panel.
    """
    own: dict[int, list[float]] = defaultdict(list)
    differences: dict[int, list[float]] = defaultdict(list)
    for result in results.values():
        for juror_id, score in result.juror_scores.items():
            own[juror_id].append(score)
            differences[juror_id].append(score - result.overall_mean)
    return {
        juror_id: JurorCalibration(
            juror_id=juror_id,
            count=len(values),
            mean=mean(values),
            sd=population_sd(values),
            leniency=mean(differences[juror_id]),
        )
        for juror_id, values in own.items()
    }


def normalise(
    results: dict[int, ChallengeResult], calibration: dict[int, JurorCalibration]
) -> list[ChallengeResult]:
    """Rank challenges by the mean of their jurors' z-scores.

    Each juror's overall scores become ``(score − juror mean) / juror sd``, so a
    strict and a generous juror count alike. A juror whose scores are all equal
    (sd 0) contributes z = 0. Sets ``normalised`` and ``normalised_rank``.
    """
    for result in results.values():
        z_scores = []
        for juror_id, score in result.juror_scores.items():
            juror = calibration[juror_id]
            z_scores.append((score - juror.mean) / juror.sd if juror.sd else 0.0)
        result.normalised = mean(z_scores)
    ordered = sorted(
        results.values(),
        key=lambda result: (_descending(result.normalised), _descending(result.weighted_total)),
    )
    for position, result in enumerate(ordered, start=1):
        result.normalised_rank = position
    return ordered


def krippendorff_alpha_interval(units: Iterable[Iterable[float]]) -> float | None:
    """Krippendorff's alpha with the interval metric, for units with missing values.

    ``units`` holds, per challenge, the overall scores of the jurors who scored
    it. Units with fewer than two values are not pairable and are left out.
    1 is perfect agreement, 0 is agreement no better than chance. None when
    there is nothing to compare or every value is the same.
    """
    pairable = [list(values) for values in units]
    pairable = [values for values in pairable if len(values) >= 2]
    n = sum(len(values) for values in pairable)
    if n < 2:
        return None

    def squared_differences(values, count):
        # Sum over ordered pairs i != j of (v_i - v_j)^2 = 2 (m Σv² − (Σv)²).
        return 2 * (count * sum(v * v for v in values) - sum(values) ** 2)

    observed = sum(
        squared_differences(values, len(values)) / (len(values) - 1) for values in pairable
    )
    observed /= n
    everything = [value for values in pairable for value in values]
    expected = squared_differences(everything, n) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected
