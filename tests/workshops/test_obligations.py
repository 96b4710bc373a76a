from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SelectedApplicationFactory, WorkshopFactory, WorkshopRegistrationFactory
from workshops.models import obligation_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_obligation_workshop(current_round, tynset):
    SelectedApplicationFactory(round=current_round, municipality=tynset)
    start = timezone.now() - timedelta(days=2)
    return WorkshopFactory(
        round=current_round,
        title_nb="Obligatorisk workshop 1",
        audience="selected",
        counts_for_obligation=True,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )


def attend(workshop, municipality, department):
    WorkshopRegistrationFactory(
        workshop=workshop, municipality=municipality, department=department, attended=True
    )


@pytest.mark.parametrize(
    ("departments", "missing", "is_met"),
    [
        ([], ["planning", "business_development"], False),
        (["planning"], ["business_development"], False),
        (["planning", "business_development"], [], True),
        (["planning", "planning", "other"], ["business_development"], False),
    ],
    ids=["none", "one", "both", "one-department-twice"],
)
def test_obligation_needs_planning_and_business_development_present(
    current_round, tynset, held_obligation_workshop, departments, missing, is_met
):
    for department in departments:
        attend(held_obligation_workshop, tynset, department)

    [cell] = obligation_status(current_round, [tynset])[tynset]

    assert (cell.missing, cell.is_met, cell.has_ended) == (missing, is_met, True)


def test_registered_but_absent_department_does_not_count(
    current_round, tynset, held_obligation_workshop
):
    attend(held_obligation_workshop, tynset, "planning")
    WorkshopRegistrationFactory(
        workshop=held_obligation_workshop, municipality=tynset, department="business_development"
    )

    [cell] = obligation_status(current_round, [tynset])[tynset]

    assert cell.missing == ["business_development"]


def test_county_council_sees_what_its_selected_municipality_still_misses(
    client_as, tynset, held_obligation_workshop
):
    attend(held_obligation_workshop, tynset, "planning")

    response = client_as("county_user").get(reverse("workshops:obligations"))

    [(municipality, [cell])] = response.context["status"].items()
    assert (municipality, cell.missing_labels) == (tynset, ["Næringsutvikling"])


def test_obligations_overview_of_another_county_is_empty(
    client_as, tynset, held_obligation_workshop
):
    response = client_as("other_county_user").get(reverse("workshops:obligations"))

    assert response.context["status"] == {}
