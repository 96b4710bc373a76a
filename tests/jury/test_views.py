import csv
import io
import subprocess

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from jury.models import AuditEntry, Criterion, JurySeat, JurySettings, Review
from tests.factories import (
    ConflictFactory,
    HandedInChallengeFactory,
    JurySeatFactory,
    ReviewFactory,
    ScoreFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

NUMBERS = ["3427", "1151", "1515", "1818", "3318"]


def full_post(submit=True, value="4"):
    data = {f"score_{criterion.pk}": value for criterion in Criterion.objects.all()}
    data["comment"] = "Solid forankring."
    data["submit" if submit else "draft"] = "1"
    return data


def score_everything(round, applications, seats, value=3):
    criteria = list(Criterion.objects.all())
    for application in applications:
        for seat in seats:
            review = ReviewFactory(seat=seat, application=application)
            for criterion in criteria:
                ScoreFactory(review=review, criterion=criterion, value=value)


def test_juror_list_leaves_out_challenges_they_are_recused_from(
    client_as, conflicted_juror, tynset_challenge, utsira_challenge
):
    response = client_as("conflicted_juror").get(reverse("jury:home"))

    assert [row["pk"] for row in response.context["rows"]] == [utsira_challenge.pk]
    assert response.context["recused_count"] == 1
    assert response.context["next_unscored"]["pk"] == utsira_challenge.pk


def test_juror_submits_scores_and_sees_progress(client_as, juror_declared, tynset_challenge):
    client = client_as("juror_declared")

    response = client.post(reverse("jury:score", args=[tynset_challenge.pk]), full_post())
    home = client.get(reverse("jury:home"))

    assert response.status_code == 302
    review = Review.objects.get(application=tynset_challenge)
    assert (review.status, review.comment, review.scores.count()) == (
        "submitted",
        "Solid forankring.",
        9,
    )
    assert (home.context["done"], len(home.context["rows"])) == (1, 1)
    assert home.context["next_unscored"] is None


def test_submitting_needs_every_criterion_but_a_draft_does_not(
    client_as, juror_declared, tynset_challenge
):
    client = client_as("juror_declared")
    data = full_post()
    first = Criterion.objects.first()
    del data[f"score_{first.pk}"]

    refused = client.post(reverse("jury:score", args=[tynset_challenge.pk]), data)
    data["draft"] = "1"
    del data["submit"]
    draft = client.post(reverse("jury:score", args=[tynset_challenge.pk]), data)

    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        f"score_{first.pk}": ["Gi poeng eller velg å avstå før du sender inn."]
    }
    assert draft.status_code == 302
    assert Review.objects.get().status == "draft"


def test_abstaining_stores_a_missing_value(client_as, juror_declared, tynset_challenge):
    data = full_post()
    first = Criterion.objects.first()
    data[f"score_{first.pk}"] = "abstain"

    client_as("juror_declared").post(reverse("jury:score", args=[tynset_challenge.pk]), data)

    assert Review.objects.get().scores.get(criterion=first).value is None


def test_scoring_is_blind_until_the_juror_submits(
    client_as, juror_declared, jurors_see_results, tynset_challenge
):
    other = JurySeatFactory(round=tynset_challenge.round)
    score_everything(tynset_challenge.round, [tynset_challenge], [other], value=5)
    client = client_as("juror_declared")
    url = reverse("jury:score", args=[tynset_challenge.pk])

    before = client.get(url)
    client.post(url, full_post(submit=False))
    after_draft = client.get(url)
    client.post(url, full_post(submit=True))
    after_submit = client.get(url)

    assert before.context["panel"] is None
    assert after_draft.context["panel"] is None
    assert after_submit.context["panel"]["summary"].score_count == 2


def test_jurors_never_see_the_panel_when_staff_do_not_allow_it(
    client_as, juror_declared, tynset_challenge
):
    client = client_as("juror_declared")
    url = reverse("jury:score", args=[tynset_challenge.pk])
    client.post(url, full_post(submit=True))

    response = client.get(url)

    assert JurySettings.for_round(tynset_challenge.round).jurors_see_results is False
    assert response.context["panel"] is None


def test_juror_results_hide_challenges_they_are_recused_from(
    client_as, conflicted_juror, jurors_see_results, tynset_challenge, utsira_challenge
):
    response = client_as("conflicted_juror").get(reverse("jury:results"))

    assert [row["municipality"] for row in response.context["rows"]] == ["Utsira"]


def test_scores_export_as_csv_with_missing_values_empty(client_as, staff, tynset_challenge):
    seat = JurySeatFactory(round=tynset_challenge.round, user__full_name="Randi Torvik")
    review = ReviewFactory(seat=seat, application=tynset_challenge)
    roadmap = Criterion.objects.get(key="roadmap")
    ScoreFactory(review=review, criterion=roadmap, value=None, comment="Inhabil på dette.")

    response = client_as("staff").get(reverse("jury:export_csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="jury-scores-2026-2027.csv"'
    assert rows[0][:4] == ["municipality_number", "municipality", "county", "challenge_id"]
    assert rows[1][:3] == ["3427", "Tynset", "Innlandet"]
    assert rows[1][5:12] == [
        "Randi Torvik",
        seat.organisation.name,
        "roadmap",
        "1.00",
        "",
        "Inhabil på dette.",
        "submitted",
    ]


def test_scores_export_as_xlsx(client_as, staff, tynset_challenge):
    review = ReviewFactory(seat__round=tynset_challenge.round, application=tynset_challenge)
    ScoreFactory(review=review, criterion=Criterion.objects.get(key="technology"), value=5)

    response = client_as("staff").get(reverse("jury:export_xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][7:10] == ("technology", 1.0, 5)


def test_jury_report_pdf_shows_the_ranking(client_as, staff, tynset_challenge, utsira_challenge):
    seat = JurySeatFactory(round=tynset_challenge.round)
    score_everything(tynset_challenge.round, [tynset_challenge], [seat], value=4)

    response = client_as("staff").get(reverse("jury:report_pdf"))

    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert response["Content-Type"] == "application/pdf"
    assert lines[0] == "Juryrapport – Gnist 2026–2027"
    assert [line for line in lines if line.startswith(("1 Tynset", "2 Utsira"))] == [
        "1 Tynset Innlandet 36,00 4,00 0,00 1 0 1",
        "2 Utsira Rogaland – – – 0 0 2",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_ranking_page_query_count_is_constant(
    client_as, staff, scoring_window, count, django_assert_num_queries
):
    seats = [JurySeatFactory(round=scoring_window) for _ in range(2)]
    applications = [
        HandedInChallengeFactory(round=scoring_window, municipality=municipality(number))
        for number in NUMBERS[:count]
    ]
    score_everything(scoring_window, applications, seats)
    ConflictFactory(seat=seats[0], municipality=municipality("1151"))
    client = client_as("staff")

    with django_assert_num_queries(17):
        response = client.get(reverse("jury:staff_ranking"))

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_calibration_page_query_count_is_constant(
    client_as, staff, scoring_window, count, django_assert_num_queries
):
    seats = [JurySeatFactory(round=scoring_window) for _ in range(2)]
    applications = [
        HandedInChallengeFactory(round=scoring_window, municipality=municipality(number))
        for number in NUMBERS[:count]
    ]
    score_everything(scoring_window, applications, seats)
    client = client_as("staff")

    with django_assert_num_queries(15):
        response = client.get(reverse("jury:staff_calibration"))

    assert len(response.context["normalised"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_juror_list_query_count_is_constant(
    client_as, juror_declared, scoring_window, count, django_assert_num_queries
):
    seat = JurySeat.objects.get(user=juror_declared)
    applications = [
        HandedInChallengeFactory(round=scoring_window, municipality=municipality(number))
        for number in NUMBERS[:count]
    ]
    score_everything(scoring_window, applications, [seat])
    client = client_as("juror_declared")

    with django_assert_num_queries(15):
        response = client.get(reverse("jury:home"))

    assert response.context["done"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_scoring_page_query_count_is_constant(
    client_as, juror_declared, jurors_see_results, scoring_window, count, django_assert_num_queries
):
    seats = [JurySeat.objects.get(user=juror_declared)] + [
        JurySeatFactory(round=scoring_window) for _ in range(count)
    ]
    application = HandedInChallengeFactory(round=scoring_window)
    score_everything(scoring_window, [application], seats)
    client = client_as("juror_declared")

    with django_assert_num_queries(19):
        response = client.get(reverse("jury:score", args=[application.pk]))

    assert response.context["panel"]["summary"].score_count == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_csv_export_query_count_is_constant(
    client_as, staff, scoring_window, count, django_assert_num_queries
):
    seats = [JurySeatFactory(round=scoring_window) for _ in range(2)]
    applications = [
        HandedInChallengeFactory(round=scoring_window, municipality=municipality(number))
        for number in NUMBERS[:count]
    ]
    score_everything(scoring_window, applications, seats)
    client = client_as("staff")

    with django_assert_num_queries(11):
        response = client.get(reverse("jury:export_csv"))

    assert response.content.decode().count("\n") == 1 + count * 2 * 9


def test_staff_records_a_conflict_for_a_juror_and_it_is_audited(
    client_as, staff, juror, tynset_challenge
):
    seat = JurySeat.objects.get(user=juror)

    response = client_as("staff").post(
        reverse("jury:staff_conflicts"),
        {"seat": seat.pk, "county": municipality("3427").county_id, "kind": "employer"},
    )

    assert response.status_code == 302
    assert list(seat.conflicts.values_list("county__name", "kind", "recorded_by")) == [
        ("Innlandet", "employer", staff.pk)
    ]
    assert list(AuditEntry.objects.values_list("action", "actor")) == [
        ("conflict_declared", staff.pk)
    ]


def test_juror_post_after_the_window_closes_is_refused(client_as, juror_declared, tynset_challenge):
    closes = JurySettings.for_round(tynset_challenge.round).closes_at
    client = client_as("juror_declared")

    with time_machine.travel(closes, tick=False):
        response = client.post(reverse("jury:score", args=[tynset_challenge.pk]), full_post())

    assert response.status_code == 403
    assert Review.objects.count() == 0


def test_conflict_form_needs_exactly_one_of_municipality_and_county(client_as, juror):
    response = client_as("juror").post(reverse("jury:conflicts"), {"kind": "family"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Velg enten en kommune eller et fylke."]


def test_the_same_tie_cannot_be_recorded_twice(client_as, conflicted_juror, tynset):
    response = client_as("conflicted_juror").post(
        reverse("jury:conflicts"), {"municipality": tynset.pk, "kind": "family"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Denne tilknytningen er allerede registrert."
    ]
