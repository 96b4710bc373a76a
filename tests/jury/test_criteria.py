import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jury import services
from jury.exports import scores_csv
from jury.models import CriteriaLocked, Criterion, JurySettings, ScaleStep
from jury.results import ranking_rows, round_results
from phases.services import copy_round
from tests.factories import (
    HandedInChallengeFactory,
    JurySeatFactory,
    ReviewFactory,
    ScoreFactory,
    municipality,
    oslo,
)

pytestmark = pytest.mark.django_db


def ranking_bytes(round) -> bytes:
    """Everything the ranking shows, and the score export, as bytes."""
    rows = ranking_rows(round_results(round))
    return json.dumps(rows, default=str, sort_keys=True).encode() + scores_csv(round)


@pytest.fixture
def scored_round(scoring_window):
    """Three challenges and two jurors; roadmap and technology pull in opposite directions."""
    seats = [JurySeatFactory(round=scoring_window) for _ in range(2)]
    values = {"3427": (5, 1), "1151": (1, 5), "1515": (3, 3)}
    for number, (roadmap, technology) in values.items():
        challenge = HandedInChallengeFactory(
            round=scoring_window, municipality=municipality(number)
        )
        for seat in seats:
            review = ReviewFactory(seat=seat, application=challenge)
            for criterion in Criterion.objects.for_round(scoring_window):
                value = {"roadmap": roadmap, "technology": technology}.get(criterion.key, 3)
                ScoreFactory(review=review, criterion=criterion, value=value)
    return scoring_window


def publish(round):
    JurySettings.objects.update_or_create(round=round, defaults={"published_at": timezone.now()})


def test_next_rounds_weight_change_leaves_last_rounds_ranking_byte_identical(
    scored_round, client_as
):
    publish(scored_round)
    before = ranking_bytes(scored_round)
    next_round = copy_round(
        scored_round, name="Gnist 2027–2028", slug="2027-2028", starts_at=oslo(2027, 10, 1)
    )

    roadmap = next_round.criteria.get(key="roadmap")
    roadmap.weight = Decimal("9.00")
    roadmap.save()
    next_round.criteria.filter(key="technology").delete()
    next_round.scale_steps.filter(value=5).update(label_nb="Fremragende")

    assert Criterion.objects.get(round=scored_round, key="roadmap").weight == Decimal("1.00")
    assert ranking_bytes(scored_round) == before


def test_the_ranking_follows_the_rounds_own_weights(scored_round):
    first = [row["municipality"] for row in ranking_rows(round_results(scored_round))][:1]
    scored_round.criteria.filter(key="technology").update(weight=5)

    after = [row["municipality"] for row in ranking_rows(round_results(scored_round))][:1]

    assert (first, after) == (["Tynset"], ["Utsira"])


def test_published_rounds_criteria_weights_and_scale_cannot_change(scored_round, staff):
    publish(scored_round)
    roadmap = scored_round.criteria.get(key="roadmap")
    step = scored_round.scale_steps.get(value=5)

    roadmap.weight = Decimal("3.00")
    with pytest.raises(CriteriaLocked):
        roadmap.save()
    with pytest.raises(CriteriaLocked):
        step.delete()
    with pytest.raises(CriteriaLocked):
        Criterion(round=scored_round, key="new", name_nb="Ny", name_en="New").save()
    with pytest.raises(ValidationError):
        services.save_criteria(scored_round, criteria=None, steps=None, by=staff)

    assert Criterion.objects.get(pk=roadmap.pk).weight == Decimal("1.00")
    assert ScaleStep.objects.filter(round=scored_round).count() == 5


def test_published_rounds_criteria_page_shows_why_and_refuses_changes(scored_round, client_as):
    publish(scored_round)
    url = reverse("jury:staff_criteria", args=[scored_round.slug])
    client = client_as("staff")

    page = client.get(url)
    refused = client.post(url, {"criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"})

    assert page.context["locked"] == (
        "Juryens vedtak for denne runden er offentliggjort, så kriteriene, vektene og skalaen "
        "kan ikke lenger endres."
    )
    assert page.context["locked"] in page.content.decode()
    assert refused.status_code == 403


def criteria_post(round, **changes):
    data = {"criteria-INITIAL_FORMS": "0", "steps-INITIAL_FORMS": "0"}
    criteria = list(round.criteria.all())
    steps = list(round.scale_steps.all())
    data["criteria-TOTAL_FORMS"] = str(len(criteria))
    data["criteria-INITIAL_FORMS"] = str(len(criteria))
    data["steps-TOTAL_FORMS"] = str(len(steps))
    data["steps-INITIAL_FORMS"] = str(len(steps))
    for index, criterion in enumerate(criteria):
        for name in ("order", "key", "name_nb", "name_en", "guidance_nb", "guidance_en", "weight"):
            data[f"criteria-{index}-{name}"] = str(getattr(criterion, name))
        data[f"criteria-{index}-id"] = str(criterion.pk)
    for index, step in enumerate(steps):
        for name in ("value", "label_nb", "label_en"):
            data[f"steps-{index}-{name}"] = str(getattr(step, name))
        data[f"steps-{index}-id"] = str(step.pk)
    data.update(changes)
    return data


def test_staff_edit_a_rounds_weights_guidance_and_scale(current_round, client_as):
    url = reverse("jury:staff_criteria", args=[current_round.slug])
    data = criteria_post(
        current_round,
        **{
            "criteria-0-weight": "2.50",
            "criteria-0-guidance_nb": "Ny veiledning.",
            "steps-4-label_nb": "Fremragende",
        },
    )

    response = client_as("staff").post(url, data)

    first = current_round.criteria.first()
    assert response.status_code == 302
    assert (first.weight, first.guidance_nb) == (Decimal("2.50"), "Ny veiledning.")
    assert current_round.scale_steps.get(value=5).label_nb == "Fremragende"
    assert Criterion.objects.defaults().get(key=first.key).weight == Decimal("1.00")


def test_staff_cannot_give_two_criteria_the_same_key(current_round, client_as):
    url = reverse("jury:staff_criteria", args=[current_round.slug])
    data = criteria_post(current_round, **{"criteria-1-key": "roadmap", "criteria-1-name_nb": "X"})

    response = client_as("staff").post(url, data)

    assert response.status_code == 200
    assert response.context["criteria"].forms[1].errors["key"] == [
        "Dette er allerede brukt i denne runden."
    ]
    assert response.context["criteria"].forms[1]["name_nb"].value() == "X"


def test_a_juror_cannot_score_on_another_rounds_criteria(scoring_window, tynset_challenge, juror):
    seat = juror.jury_seats.get(round=scoring_window)
    seat.conflicts_declared_at = timezone.now()
    seat.save()
    other = copy_round(scoring_window, name="Annen", slug="annen", starts_at=oslo(2027, 10, 1))
    foreign = other.criteria.get(key="roadmap")

    with pytest.raises(ValidationError) as error:
        services.save_review(
            seat,
            tynset_challenge,
            values={foreign.pk: (4, "")},
            comment="",
            submit=False,
            by=juror,
        )

    assert error.value.messages == ["Gi poeng bare på kriteriene for denne runden."]
