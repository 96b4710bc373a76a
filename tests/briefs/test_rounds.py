"""Briefs with two rounds in the database: this year's and last year's."""

import pytest
from django.urls import reverse

from briefs.models import Brief
from briefs.services import open_brief
from tests.factories import municipality, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_years_brief(last_round, utsira):
    return open_brief(
        submitted_application(round=last_round, municipality=utsira, status="selected")
    )


def test_brief_list_shows_the_round_picked(client_as, tynset_brief, last_years_brief):
    client = client_as("staff")

    current = client.get(reverse("briefs:list"))
    last = client.get(reverse("briefs:list") + "?round=2025-2026")

    assert list(current.context["briefs"]) == [tynset_brief]
    assert list(last.context["briefs"]) == [last_years_brief]
    assert 'id="round-picker"' in last.content.decode()


def test_a_municipality_reads_its_brief_of_last_year(
    client_as, municipality_user, last_round, tynset
):
    brief = open_brief(
        submitted_application(round=last_round, municipality=tynset, status="selected")
    )
    client = client_as("municipality_user")

    response = client.get(reverse("briefs:list") + "?round=2025-2026")

    assert list(response.context["briefs"]) == [brief]


def test_a_brief_is_opened_in_the_round_the_form_names(client_as, current_round, last_round):
    selected = submitted_application(
        round=last_round, municipality=municipality("1515"), status="selected"
    )
    client = client_as("staff")
    client.get(reverse("briefs:list") + "?round=2026-2027")

    client.post(
        reverse("briefs:staff_open"), {"round": last_round.slug, "application": selected.pk}
    )

    assert Brief.objects.get().round == last_round
