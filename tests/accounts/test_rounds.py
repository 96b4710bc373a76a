"""A project leader is per round: the member page shows and appoints the round picked."""

import pytest
from django.urls import reverse

from accounts.models import ProjectLeader

pytestmark = pytest.mark.django_db


def test_member_page_shows_the_project_leader_of_the_round_picked(
    client_as, municipality_user, colleague_user, last_round, tynset
):
    ProjectLeader.objects.create(round=last_round, municipality=tynset, user=colleague_user)
    client = client_as("municipality_user")
    url = reverse("accounts:municipality_members", args=["3427"])

    current = client.get(url)
    last = client.get(url + "?round=2025-2026")

    assert current.context["leader"].user == municipality_user
    assert last.context["leader"].user == colleague_user
    assert current.context["can_invite"] and last.context["can_invite"]


def test_staff_appoint_a_project_leader_for_the_round_the_form_names(
    client_as, municipality_user, colleague_user, current_round, last_round, tynset
):
    client = client_as("staff")
    client.get(reverse("accounts:municipality_members", args=["3427"]) + "?round=2026-2027")

    response = client.post(
        reverse("accounts:appoint_project_leader", args=["3427", colleague_user.pk]),
        {"round": last_round.slug},
    )

    leaders = dict(
        ProjectLeader.objects.filter(municipality=tynset).values_list("round__slug", "user")
    )
    assert leaders == {"2026-2027": municipality_user.pk, "2025-2026": colleague_user.pk}
    assert response.url.endswith("?round=2025-2026")
