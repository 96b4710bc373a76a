"""Jury confidentiality (issue 11): recusal everywhere, results only after one's own review."""

import pytest
from django.urls import reverse

from applications.models import Application
from applications.permissions import can_view_application, can_view_attachments
from jury.models import Criterion
from jury.permissions import is_recused, seat_for
from jury.results import recused_pairs
from tests.factories import (
    ConflictFactory,
    HandedInChallengeFactory,
    JurySeatFactory,
    ReviewFactory,
    ScoreFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def score(seat, application, value):
    review = ReviewFactory(seat=seat, application=application)
    for criterion in Criterion.objects.for_round(application.round):
        ScoreFactory(review=review, criterion=criterion, value=value)
    return review


@pytest.mark.parametrize(
    "url_name", ["applications:detail", "applications:pdf"], ids=["page", "pdf"]
)
def test_recused_juror_cannot_read_the_conflicted_challenge_through_the_challenge_pages(
    client_as, conflicted_juror, tynset_challenge, url_name
):
    response = client_as("conflicted_juror").get(reverse(url_name, args=[tynset_challenge.pk]))

    assert response.status_code == 404


def test_recused_juror_cannot_download_the_conflicted_challenges_attachment(
    client_as, conflicted_juror, tynset_attachment_for_jury
):
    url = reverse(
        "applications:attachment_download",
        args=[tynset_attachment_for_jury.application_id, tynset_attachment_for_jury.pk],
    )

    response = client_as("conflicted_juror").get(url)

    assert response.status_code == 404


def test_recused_juror_still_reads_the_challenges_they_are_not_recused_from(
    client_as, conflicted_juror, utsira_challenge
):
    response = client_as("conflicted_juror").get(
        reverse("applications:detail", args=[utsira_challenge.pk])
    )

    assert response.status_code == 200


def test_visibility_rule_is_the_same_for_one_challenge_and_for_a_list(
    conflicted_juror, juror, tynset_challenge, utsira_challenge
):
    listed = {
        user.email: set(Application.objects.readable_by(user).values_list("pk", flat=True))
        for user in (juror, conflicted_juror)
    }
    one_by_one = {
        user.email: {
            application.pk
            for application in (tynset_challenge, utsira_challenge)
            if can_view_attachments(user, application)
        }
        for user in (juror, conflicted_juror)
    }

    assert listed == one_by_one
    assert listed == {
        "juror@ks.no": {tynset_challenge.pk, utsira_challenge.pk},
        "juror3@distriktssenteret.no": {utsira_challenge.pk},
    }


def test_recused_juror_sees_a_selected_conflicted_challenge_only_as_the_public_does(
    conflicted_juror, tynset_challenge
):
    Application.objects.filter(pk=tynset_challenge.pk).update(status="selected")
    tynset_challenge.refresh_from_db()

    assert (
        can_view_application(conflicted_juror, tynset_challenge),
        can_view_attachments(conflicted_juror, tynset_challenge),
    ) == (True, False)


def test_recusal_by_county_is_the_same_rule_for_one_challenge_and_for_the_round(
    current_round, scoring_window, tynset_challenge, utsira_challenge
):
    seat = JurySeatFactory(round=current_round)
    ConflictFactory(seat=seat, county=municipality("1151").county, municipality=None)
    other_rogaland = HandedInChallengeFactory(
        round=scoring_window, municipality=municipality("1103")
    )

    pairs = recused_pairs(current_round)

    assert pairs == {(utsira_challenge.pk, seat.pk), (other_rogaland.pk, seat.pk)}
    assert [
        is_recused(seat, application)
        for application in (tynset_challenge, utsira_challenge, other_rogaland)
    ] == [False, True, True]


def test_juror_who_has_submitted_nothing_sees_no_panel_figures(
    client_as, juror, jurors_see_results, tynset_challenge, utsira_challenge
):
    others = [JurySeatFactory(round=tynset_challenge.round) for _ in range(3)]
    for value, seat in zip((2, 3, 5), others, strict=True):
        score(seat, tynset_challenge, value)

    response = client_as("juror").get(reverse("jury:results"))

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert b"Krippendorff" not in response.content


def test_juror_sees_panel_figures_only_for_challenges_they_submitted(
    client_as, juror, jurors_see_results, tynset_challenge, utsira_challenge
):
    seat = seat_for(juror, tynset_challenge.round)
    score(seat, utsira_challenge, 4)
    score(JurySeatFactory(round=tynset_challenge.round), tynset_challenge, 5)

    response = client_as("juror").get(reverse("jury:results"))

    assert [(row["municipality"], row["rank"]) for row in response.context["rows"]] == [
        ("Utsira", "1")
    ]


def test_recused_juror_results_are_ranked_among_what_they_may_see(
    client_as, conflicted_juror, jurors_see_results, tynset_challenge, utsira_challenge
):
    # Tynset (recused) is first in the panel's ranking; Utsira second.
    round = tynset_challenge.round
    seat = seat_for(conflicted_juror, round)
    panel = [JurySeatFactory(round=round) for _ in range(2)]
    for other in panel:
        score(other, tynset_challenge, 5)
        score(other, utsira_challenge, 2)
    score(seat, utsira_challenge, 2)

    response = client_as("conflicted_juror").get(reverse("jury:results"))

    assert [
        (row["municipality"], row["rank"], row["normalised_rank"])
        for row in response.context["rows"]
    ] == [("Utsira", "1", "1")]


def test_staff_still_see_the_whole_ranking(
    client_as, staff, jurors_see_results, tynset_challenge, utsira_challenge
):
    seat = JurySeatFactory(round=tynset_challenge.round)
    score(seat, tynset_challenge, 5)
    score(seat, utsira_challenge, 2)

    response = client_as("staff").get(reverse("jury:results"))

    assert [(row["municipality"], row["rank"]) for row in response.context["rows"]] == [
        ("Tynset", "1"),
        ("Utsira", "2"),
    ]


@pytest.mark.parametrize("url_name", ["jury:staff_calibration", "jury:report_pdf"])
def test_calibration_and_report_work_while_a_seat_has_no_submitted_score(
    client_as, staff, juror, tynset_challenge, url_name
):
    score(JurySeatFactory(round=tynset_challenge.round), tynset_challenge, 4)

    response = client_as("staff").get(reverse(url_name))

    assert response.status_code == 200
