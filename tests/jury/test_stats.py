"""The jury's arithmetic against small cases worked out by hand."""

import pytest

from jury import stats

# Two criteria: A weighs 2, B weighs 1.
A, B = 1, 2
WEIGHTS = {A: 2.0, B: 1.0}


def test_weighted_mean_skips_abstained_criteria():
    both = stats.weighted_mean({A: 5, B: 2}, WEIGHTS)
    only_b = stats.weighted_mean({B: 2}, WEIGHTS)

    assert both == pytest.approx(4.0)  # (2·5 + 1·2) / 3
    assert only_b == pytest.approx(2.0)


def test_summary_treats_abstentions_as_missing_not_zero():
    scores = [
        (10, 1, A, 4),
        (10, 1, B, 2),
        (10, 2, A, 2),
        (10, 2, B, None),  # juror 2 abstains on B
    ]

    result = stats.summarise_challenges(scores, WEIGHTS)[10]

    assert result.per_criterion[A] == stats.CriterionSummary(count=2, mean=3.0, median=3.0)
    assert result.per_criterion[B] == stats.CriterionSummary(count=1, mean=2.0, median=2.0)
    assert result.weighted_total == pytest.approx(8.0)  # 2·3 + 1·2
    assert result.juror_scores == {1: pytest.approx(10 / 3), 2: pytest.approx(2.0)}
    assert result.overall_mean == pytest.approx(8 / 3)
    assert result.spread == pytest.approx(4 / 3)
    assert result.score_count == 2


def test_summary_leaves_recused_jurors_out_and_counts_them():
    scores = [
        (10, 1, A, 5),
        (10, 1, B, 5),
        (10, 2, A, 1),
        (10, 2, B, 1),
        (10, 3, A, 3),
        (10, 3, B, 3),
    ]

    result = stats.summarise_challenges(scores, WEIGHTS, recusals=[(10, 2)], quorum=3)[10]

    assert result.juror_scores == {1: 5.0, 3: 3.0}
    assert result.overall_median == 4.0
    assert result.score_count == 2
    assert result.recusal_count == 1
    assert result.below_quorum is True


def test_summary_lists_challenges_without_scores_with_missing_values():
    result = stats.summarise_challenges([], WEIGHTS, application_ids=[7])[7]

    assert result.weighted_total is None
    assert result.overall_mean is None
    assert result.spread is None
    assert result.score_count == 0
    assert result.per_criterion[A] == stats.CriterionSummary(count=0, mean=None, median=None)


def test_median_of_even_count_is_the_midpoint():
    scores = [(1, juror, A, value) for juror, value in [(1, 1), (2, 2), (3, 4), (4, 5)]]

    result = stats.summarise_challenges(scores, {A: 1.0})[1]

    assert result.per_criterion[A].median == 3.0


def test_rank_breaks_ties_by_median_then_count_then_submission_order():
    results = {
        # Total 3.0 each for 1–3 (one criterion, weight 1).
        1: stats.ChallengeResult(1, 3.0, 3.0, 3.0, 2.0, 3, 0, {}),
        2: stats.ChallengeResult(2, 3.0, 3.0, 3.5, 2.0, 3, 0, {}),
        3: stats.ChallengeResult(3, 3.0, 3.0, 3.0, 2.0, 4, 0, {}),
        4: stats.ChallengeResult(4, 4.0, 4.0, 4.0, 0.0, 4, 0, {}),
        5: stats.ChallengeResult(5, None, None, None, None, 0, 0, {}),
        6: stats.ChallengeResult(6, 3.0, 3.0, 3.0, 2.0, 3, 0, {}),
    }

    ordered = stats.rank(results, submitted_order={1: 2, 6: 1})

    assert [r.application_id for r in ordered] == [4, 2, 3, 6, 1, 5]
    assert [r.rank for r in ordered] == [1, 2, 3, 4, 5, 6]
    assert [r.tie_break for r in ordered] == [
        "",
        "",
        "median",
        "score_count",
        "submitted_first",
        "",
    ]


def test_calibration_gives_mean_sd_and_leniency_against_the_panel():
    # Juror 1 scores 4 and 2; juror 2 scores 2 and 2 on the same two challenges.
    scores = [(10, 1, A, 4), (11, 1, A, 2), (10, 2, A, 2), (11, 2, A, 2)]
    results = stats.summarise_challenges(scores, {A: 1.0})

    calibration = stats.calibrate(results)

    # Panel means: challenge 10 → 3, challenge 11 → 2.
    assert calibration[1] == stats.JurorCalibration(1, 2, 3.0, 1.0, 0.5)
    assert calibration[2] == stats.JurorCalibration(2, 2, 2.0, 0.0, -0.5)


def test_normalised_ranking_uses_each_jurors_z_scores():
    # Juror 1 is generous (5, 4), juror 2 strict (2, 1); both prefer challenge 10.
    # Challenge 11 is scored only by juror 1 in addition, pulling raw totals apart.
    scores = [
        (10, 1, A, 5),
        (11, 1, A, 4),
        (10, 2, A, 2),
        (12, 2, A, 1),
    ]
    results = stats.summarise_challenges(scores, {A: 1.0})
    calibration = stats.calibrate(results)

    ordered = stats.normalise(results, calibration)

    # z: juror 1 mean 4.5 sd 0.5 → 10: +1, 11: −1; juror 2 mean 1.5 sd 0.5 → 10: +1, 12: −1.
    assert [(r.application_id, r.normalised) for r in ordered] == [
        (10, 1.0),
        (11, -1.0),
        (12, -1.0),
    ]
    assert [r.normalised_rank for r in ordered] == [1, 2, 3]


def test_krippendorff_alpha_by_hand():
    # n = 4; D_o = (2 + 2) / 4 = 1; D_e = 2·(4·46 − 12²) / (4·3) = 80/12; α = 1 − 12/80.
    alpha = stats.krippendorff_alpha_interval([[1, 2], [4, 5], [3]])

    assert alpha == pytest.approx(0.85)


def test_krippendorff_alpha_is_one_for_perfect_agreement_and_none_without_pairs():
    assert stats.krippendorff_alpha_interval([[1, 1], [5, 5, 5]]) == 1.0
    assert stats.krippendorff_alpha_interval([[3], [4]]) is None
