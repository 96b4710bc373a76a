import pytest
from django.urls import reverse
from django.utils import timezone

from phases.models import Phase
from tests.factories import (
    ApplicationFactory,
    RoundFactory,
    WorkshopFactory,
    WorkshopRegistrationFactory,
    municipality,
    oslo,
)


@pytest.mark.django_db
def test_partner_is_refused_until_staff_let_partners_follow(client_as, current_round):
    client = client_as("partner_user")
    url = reverse("portal:progress", args=[current_round.slug])

    before = client.get(url)
    current_round.phases.update(partners_can_follow=True)
    after = client.get(url)

    assert (before.status_code, after.status_code) == (403, 200)


@pytest.mark.django_db
def test_partner_follows_a_finished_round_whose_last_phase_allowed_it(client_as, partner_user):
    round = RoundFactory(slug="2020-2021", phases=oslo(2020, 10, 1))
    Phase.objects.filter(round=round, number=5).update(partners_can_follow=True)

    response = client_as("partner_user").get(reverse("portal:progress", args=["2020-2021"]))

    assert response.status_code == 200
    assert response.context["phase"].number == 5


@pytest.mark.django_db
def test_progress_counts_challenges_and_registered_municipalities(client_as, current_round):
    ApplicationFactory(round=current_round, municipality=municipality("3427"), status="draft")
    ApplicationFactory(
        round=current_round,
        municipality=municipality("3401"),
        status="submitted",
        submitted_at=timezone.now(),
    )
    ApplicationFactory(
        round=current_round,
        municipality=municipality("1151"),
        status="selected",
        submitted_at=timezone.now(),
    )
    workshop = WorkshopFactory(round=current_round)
    WorkshopRegistrationFactory(workshop=workshop, municipality=municipality("3427"))
    WorkshopRegistrationFactory(workshop=workshop, municipality=municipality("3427"))
    WorkshopRegistrationFactory(workshop=workshop, municipality=municipality("1151"))

    response = client_as("staff").get(reverse("portal:progress", args=[current_round.slug]))

    statuses = dict(response.context["statuses"])
    counties = {c.number: (c.drafting, c.handed_in) for c in response.context["by_county"]}
    assert (statuses["Utkast"], statuses["Sendt inn"], statuses["Valgt ut"]) == (1, 1, 1)
    assert counties["34"] == (1, 1)
    assert counties["11"] == (0, 1)
    assert [w.municipality_count for w in response.context["workshops"]] == [2]
    assert [a.municipality.number for a in response.context["selected"]] == ["1151"]


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_progress_queries_do_not_grow(
    client_as, current_round, django_assert_num_queries, item_count
):
    client = client_as("staff")
    for number in ["3427", "1151", "3401"][:item_count]:
        ApplicationFactory(
            round=current_round,
            municipality=municipality(number),
            status="selected",
            submitted_at=timezone.now(),
        )
        WorkshopRegistrationFactory(
            workshop=WorkshopFactory(round=current_round), municipality=municipality(number)
        )

    with django_assert_num_queries(10):
        client.get(reverse("portal:progress", args=[current_round.slug]))
