"""List pages run a fixed number of SQL queries, whatever the amount of data."""

import pytest
from django.urls import reverse

from accounts.models import Organisation
from tests.factories import (
    DeadlineFactory,
    InvitationFactory,
    JurySeatFactory,
    MunicipalityMembershipFactory,
    OrganisationFactory,
    RoundFactory,
    oslo,
)


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_landing_page_queries_do_not_grow(
    client, current_round, django_assert_num_queries, item_count
):
    for n in range(item_count):
        JurySeatFactory(round=current_round, user=None, display_name=f"Jurymedlem {n}")
        OrganisationFactory(name=f"Partner {n}", kind=Organisation.Kind.PARTNER)
        DeadlineFactory(round=current_round, key="other", name_nb=f"Frist {n}")

    with django_assert_num_queries(9):
        client.get(reverse("portal:landing"))


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_round_list_queries_do_not_grow(client, django_assert_num_queries, item_count):
    for n in range(item_count):
        RoundFactory(phases=oslo(2020 + n, 10, 1))

    with django_assert_num_queries(1):
        client.get(reverse("phases:round_list"))


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_staff_invitation_list_queries_do_not_grow(
    client_as, current_round, django_assert_num_queries, item_count
):
    client = client_as("staff")
    for _ in range(item_count):
        InvitationFactory()

    with django_assert_num_queries(9):
        client.get(reverse("accounts:staff_invitations"))


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_member_list_queries_do_not_grow(
    client_as, municipality_user, tynset, django_assert_num_queries, item_count
):
    client = client_as("municipality_user")
    for _ in range(item_count):
        MunicipalityMembershipFactory(municipality=tynset)
        InvitationFactory(municipality=tynset)

    with django_assert_num_queries(9):
        client.get(reverse("accounts:municipality_members", args=["3427"]))
