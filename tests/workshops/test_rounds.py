"""Workshops with two rounds in the database: this year's and last year's, finished."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import WorkshopFactory, WorkshopRegistrationFactory

pytestmark = pytest.mark.django_db


def titles(workshops):
    return [workshop.title_nb for workshop in workshops]


def test_list_shows_the_current_rounds_workshops_and_the_picker_switches(
    client, open_workshop, tynset_last_year
):
    current = client.get(reverse("workshops:list"))
    last = client.get(reverse("workshops:list") + "?round=2025-2026")
    remembered = client.get(reverse("workshops:materials"))

    assert titles(current.context["workshops"]) == ["Workshop 1: Stedsutvikling"]
    assert titles(last.context["workshops"]) == ["Fjorårets workshop"]
    assert remembered.context["round"].slug == "2025-2026"
    assert 'id="round-picker"' in current.content.decode()


def test_an_unpublished_round_cannot_be_picked_except_by_staff(
    client_as, current_round, last_round
):
    last_round.is_published = False
    last_round.save()

    citizen = client_as("citizen").get(reverse("workshops:list") + "?round=2025-2026")

    assert citizen.status_code == 404
    assert client_as("staff").get(reverse("workshops:list") + "?round=2025-2026").status_code == 200


def test_staff_overview_and_coverage_csv_follow_the_chosen_round(
    client_as, current_round, last_round, tynset, utsira
):
    WorkshopRegistrationFactory(
        workshop=WorkshopFactory(round=last_round, title_nb="Fjorårets workshop"),
        municipality=tynset,
    )
    WorkshopRegistrationFactory(workshop=WorkshopFactory(round=current_round), municipality=utsira)
    client = client_as("staff")

    overview = client.get(reverse("workshops:staff_list") + "?round=2025-2026")
    coverage = client.get(reverse("workshops:staff_coverage") + "?round=2025-2026")
    content = client.get(reverse("workshops:staff_coverage_csv") + "?round=2025-2026").content

    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    registered = {row[2] for row in rows[1:] if row[3] == "Ja"}
    assert titles(overview.context["workshops"]) == ["Fjorårets workshop"]
    assert 'href="/staff/workshops/coverage.csv?round=2025-2026"' in coverage.content.decode()
    assert registered == {"Tynset"}


def test_a_new_workshop_goes_into_the_round_its_form_names(client_as, current_round, last_round):
    client = client_as("staff")
    client.get(reverse("workshops:staff_list") + "?round=2026-2027")

    client.post(
        reverse("workshops:staff_create"),
        {
            "round": last_round.slug,
            "phase": last_round.phases.get(number=1).pk,
            "title_nb": "Etterregistrert workshop",
            "starts_at": "2025-11-20T09:00",
            "ends_at": "2025-11-20T12:00",
            "audience": "open",
        },
    )

    assert titles(last_round.workshops.all()) == ["Etterregistrert workshop"]


def test_last_years_workshop_is_edited_in_its_own_round(client_as, current_round, last_round):
    workshop = WorkshopFactory(round=last_round)

    response = client_as("staff").get(reverse("workshops:staff_edit", args=[workshop.pk]))

    assert response.status_code == 200
    assert list(response.context["form"].fields["phase"].queryset) == list(last_round.phases.all())
