from accounts.models import User
from accounts.roles import Roles
from tests.factories import (
    CountyMembershipFactory,
    JurySeatFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    county,
)


def test_roles_of_a_person_with_many_roles_are_read_in_one_query(
    municipality_user, current_round, tynset, django_assert_num_queries
):
    JurySeatFactory(round=current_round, user=municipality_user)
    CountyMembershipFactory(user=municipality_user, county=county("34"))
    partner = OrganisationFactory(kind="partner")
    OrganisationMembershipFactory(user=municipality_user, organisation=partner)
    user = User.objects.get(pk=municipality_user.pk)

    with django_assert_num_queries(1):
        roles = user.roles

    assert roles == Roles(
        programme_staff=False,
        juror_round_ids=frozenset({current_round.pk}),
        municipality_ids=frozenset({tynset.pk}),
        led_municipalities=frozenset({(current_round.pk, tynset.pk)}),
        county_ids=frozenset({county("34").pk}),
        business_ids=frozenset(),
        partner_ids=frozenset({partner.pk}),
        citizen=roles.citizen,
    )


def test_an_inactive_person_has_no_roles(juror, django_assert_num_queries):
    juror.is_active = False

    with django_assert_num_queries(0):
        roles = juror.roles

    assert roles == Roles()
