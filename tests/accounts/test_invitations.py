from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import (
    CountyMembership,
    Invitation,
    MunicipalityMembership,
    OrganisationMembership,
    ProjectLeader,
)
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    MunicipalityMembershipFactory,
    OrganisationFactory,
    ProjectLeaderFactory,
    UserFactory,
    county,
)


@pytest.mark.django_db
def test_staff_invitation_mails_a_link_in_the_inviters_language(
    client_as, current_round, tynset, django_capture_on_commit_callbacks
):
    client = client_as("staff")
    data = {
        "email": "Ny.Leder@Tynset.kommune.no",
        "full_name": "Nina Leder",
        "target": "municipality",
        "municipality": tynset.pk,
        "department": "planning",
        "make_project_leader": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:staff_invitations"), data)

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert (invitation.email, invitation.municipality, invitation.department) == (
        "ny.leder@tynset.kommune.no",
        tynset,
        "planning",
    )
    assert invitation.project_leader_round.slug == "2026-2027"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Gnist] Du er invitert til Tynset (Innlandet) i Gnist"
    assert f"/invitations/{invitation.token}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_staff_invitation_form_keeps_input_and_names_the_missing_target(client_as):
    data = {"email": "marit@innlandetfylke.no", "full_name": "Marit", "target": "county"}

    response = client_as("staff").post(reverse("accounts:staff_invitations"), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"county": ["Velg hvor personen skal inviteres."]}
    assert response.context["form"]["email"].value() == "marit@innlandetfylke.no"
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_existing_account_accepts_and_gets_the_role(client, tynset, current_round, staff):
    user = UserFactory(email="per@tynset.kommune.no")
    invitation = InvitationFactory(
        email="per@tynset.kommune.no",
        municipality=tynset,
        department="business_development",
        project_leader_round=current_round,
        invited_by=staff,
    )
    client.force_login(user)

    response = client.post(invitation.get_absolute_url())

    membership = MunicipalityMembership.objects.get(user=user)
    invitation.refresh_from_db()
    assert response.status_code == 302
    assert (membership.municipality, membership.department) == (tynset, "business_development")
    assert ProjectLeader.objects.get(round=current_round, municipality=tynset).user == user
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.accepted_by == user


@pytest.mark.django_db
def test_new_person_signs_up_from_the_link_without_a_second_verification(client, staff):
    invitation = InvitationFactory(
        email="ny@innlandetfylke.no",
        county=county("34"),
        municipality=None,
        department="",
        invited_by=staff,
    )

    client.get(invitation.get_absolute_url())
    signup = client.post(
        f"{reverse('account_signup')}?next={invitation.get_absolute_url()}",
        {
            "full_name": "Ny Person",
            "email": "ny@innlandetfylke.no",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    accept = client.post(invitation.get_absolute_url())

    user = EmailAddress.objects.get(email="ny@innlandetfylke.no").user
    assert signup.status_code == 302
    assert signup.url == invitation.get_absolute_url()
    assert EmailAddress.objects.get(user=user).verified is True
    assert accept.status_code == 302
    assert CountyMembership.objects.get(user=user).county.number == "34"


@pytest.mark.django_db
def test_invitation_to_another_address_is_refused(client, tynset, staff):
    invitation = InvitationFactory(
        email="per@tynset.kommune.no", municipality=tynset, invited_by=staff
    )
    client.force_login(UserFactory(email="someone@else.no"))

    client.post(invitation.get_absolute_url())

    invitation.refresh_from_db()
    assert MunicipalityMembership.objects.count() == 0
    assert invitation.status == Invitation.Status.PENDING


@pytest.mark.django_db
def test_expired_invitation_cannot_be_accepted(tynset, staff):
    user = UserFactory(email="per@tynset.kommune.no")
    invitation = InvitationFactory(email=user.email, municipality=tynset, invited_by=staff)

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert invitation.status == Invitation.Status.EXPIRED
        with pytest.raises(ValidationError):
            services.accept_invitation(invitation, user=user)

    assert MunicipalityMembership.objects.count() == 0


@pytest.mark.django_db
def test_invitation_is_valid_until_its_last_second(tynset, staff):
    user = UserFactory(email="per@tynset.kommune.no")
    invitation = InvitationFactory(email=user.email, municipality=tynset, invited_by=staff)

    services.accept_invitation(
        invitation, user=user, at=invitation.expires_at - timedelta(seconds=1)
    )

    assert MunicipalityMembership.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_revoked_invitation_cannot_be_accepted(tynset, staff):
    user = UserFactory(email="per@tynset.kommune.no")
    invitation = InvitationFactory(email=user.email, municipality=tynset, invited_by=staff)

    assert services.revoke_invitation(invitation, revoked_by=staff) is True
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation, user=user)
    assert services.revoke_invitation(invitation, revoked_by=staff) is False


@pytest.mark.django_db
def test_an_invitation_is_used_only_once(tynset, staff):
    user = UserFactory(email="per@tynset.kommune.no")
    invitation = InvitationFactory(email=user.email, municipality=tynset, invited_by=staff)
    services.accept_invitation(invitation, user=user)

    with pytest.raises(ValidationError):
        services.accept_invitation(invitation, user=user)


@pytest.mark.django_db
def test_reinviting_replaces_the_pending_invitation(tynset, staff):
    first = services.invite_person(
        email="per@tynset.kommune.no", invited_by=staff, municipality=tynset
    )

    second = services.invite_person(
        email="PER@tynset.kommune.no", invited_by=staff, municipality=tynset
    )

    first.refresh_from_db()
    assert first.status == Invitation.Status.REVOKED
    assert second.status == Invitation.Status.PENDING


@pytest.mark.django_db
def test_organisation_invitation_makes_a_partner(staff):
    partner = OrganisationFactory(name="Siva", kind="partner")
    user = UserFactory(email="randi@siva.no")
    invitation = services.invite_person(email=user.email, invited_by=staff, organisation=partner)

    services.accept_invitation(invitation, user=user)

    assert OrganisationMembership.objects.get(user=user).organisation == partner
    user = type(user).objects.get(pk=user.pk)
    assert user.roles.partner_ids == frozenset({partner.pk})


@pytest.mark.django_db
def test_project_leader_invites_a_colleague_to_their_own_municipality(
    client_as, tynset, django_capture_on_commit_callbacks
):
    client = client_as("municipality_user")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:municipality_members", args=["3427"]),
            {"email": "ny@tynset.kommune.no", "full_name": "Ny Kollega", "department": "planning"},
        )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert (invitation.municipality, invitation.project_leader_round) == (tynset, None)
    assert mail.outbox[0].to == ["ny@tynset.kommune.no"]


@pytest.mark.django_db
def test_project_leader_revokes_an_invitation_to_their_municipality(client_as, pending_invitation):
    response = client_as("municipality_user").post(
        reverse("accounts:invitation_revoke", args=[pending_invitation.pk])
    )

    pending_invitation.refresh_from_db()
    assert response.status_code == 302
    assert pending_invitation.status == Invitation.Status.REVOKED


@pytest.mark.django_db
def test_one_project_leader_per_municipality_per_round(current_round, tynset):
    ProjectLeaderFactory(round=current_round, municipality=tynset)

    with pytest.raises(IntegrityError):
        ProjectLeaderFactory(round=current_round, municipality=tynset)


@pytest.mark.django_db
def test_appointing_a_new_project_leader_replaces_the_old(
    current_round, tynset, municipality_user, colleague_user
):
    services.set_project_leader(round=current_round, municipality=tynset, user=colleague_user)

    leaders = list(ProjectLeader.objects.filter(round=current_round, municipality=tynset))
    assert [leader.user for leader in leaders] == [colleague_user]


@pytest.mark.django_db
def test_only_a_member_can_be_project_leader(current_round, tynset):
    outsider = UserFactory()

    with pytest.raises(ValidationError):
        services.set_project_leader(round=current_round, municipality=tynset, user=outsider)


@pytest.mark.django_db
def test_staff_appoint_a_project_leader_from_the_member_list(
    client_as, current_round, tynset, colleague_user
):
    response = client_as("staff").post(
        reverse("accounts:appoint_project_leader", args=["3427", colleague_user.pk])
    )

    assert response.status_code == 302
    assert (
        ProjectLeader.objects.get(round=current_round, municipality=tynset).user == colleague_user
    )


@pytest.mark.django_db
def test_member_list_shows_only_that_municipalitys_members(
    client_as, municipality_user, other_municipality_user
):
    MunicipalityMembershipFactory(user__email="ola@tynset.kommune.no")

    response = client_as("municipality_user").get(
        reverse("accounts:municipality_members", args=["3427"])
    )

    emails = sorted(m.user.email for m in response.context["members"])
    assert emails == ["ingrid@tynset.kommune.no", "ola@tynset.kommune.no"]
