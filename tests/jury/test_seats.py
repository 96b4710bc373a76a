"""Staff seat the jury on a portal page: add, invite, reorder and remove seats."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Invitation
from accounts.services import accept_invitation
from jury.models import AuditEntry, JurySeat
from tests.factories import (
    JurySeatFactory,
    OrganisationFactory,
    ReviewFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_round(current_round):
    return RoundFactory(name="Gnist 2027–2028", slug="2027-2028")


def seats_url(round):
    return f"{reverse('jury:staff_seats')}?round={round.slug}"


def test_staff_add_an_expert_seat_and_invite_the_expert(
    client_as, staff, next_round, django_capture_on_commit_callbacks
):
    client = client_as("staff")
    data = {"display_name": "Hilde Fagekspert", "email": "Hilde@Example.no", "full_name": "Hilde"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(seats_url(next_round), data)

    seat = JurySeat.objects.get()
    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response.url == seats_url(next_round)
    assert (seat.round, seat.organisation, seat.label, seat.user) == (
        next_round,
        None,
        "Hilde Fagekspert",
        None,
    )
    assert (invitation.jury_seat, invitation.email, invitation.target_label) == (
        seat,
        "hilde@example.no",
        "juryen i Gnist 2027–2028",
    )
    assert mail.outbox[0].to == ["hilde@example.no"]
    assert f"/invitations/{invitation.token}/" in mail.outbox[0].body
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "seat_added",
        "juror_invited",
    ]


def test_staff_add_organisation_seats_at_the_end_of_the_order(client_as, staff, next_round):
    first, second = OrganisationFactory(name="KS"), OrganisationFactory(name="Husbanken")
    client = client_as("staff")

    client.post(seats_url(next_round), {"organisation": first.pk})
    client.post(seats_url(next_round), {"organisation": second.pk, "display_name": "Per"})

    assert list(next_round.jury_seats.values_list("organisation__name", "order")) == [
        ("KS", 0),
        ("Husbanken", 1),
    ]


def test_seat_form_needs_an_organisation_or_a_name_and_one_seat_per_organisation(
    client_as, staff, next_round
):
    taken = JurySeatFactory(round=next_round, user=None).organisation
    client = client_as("staff")

    empty = client.post(seats_url(next_round), {"email": "x@example.no"})
    duplicate = client.post(seats_url(next_round), {"organisation": taken.pk})

    assert empty.status_code == 200
    assert empty.context["form"].errors == {
        "display_name": ["Gi navnet på eksperten, eller velg en organisasjon over."]
    }
    assert duplicate.context["form"].errors == {
        "organisation": ["Denne organisasjonen har allerede en plass i runden."]
    }
    assert JurySeat.objects.count() == 1


def test_database_refuses_a_seat_without_organisation_or_name(next_round):
    with pytest.raises(IntegrityError), transaction.atomic():
        JurySeat.objects.create(round=next_round)


def test_invited_person_with_an_account_accepts_and_holds_the_seat(
    client_as, staff, next_round, juror, django_capture_on_commit_callbacks
):
    seat = JurySeatFactory(round=next_round, user=None, organisation=None, display_name="Ekspert")
    with django_capture_on_commit_callbacks(execute=True):
        client_as("staff").post(
            reverse("jury:staff_seat_invite", args=[seat.pk]),
            {f"seat{seat.pk}-email": juror.email},
        )
    invitation = Invitation.objects.get()
    client = client_as("juror")

    response = client.post(invitation.get_absolute_url())

    seat.refresh_from_db()
    assert response.url == f"{reverse('jury:home')}?round=2027-2028"
    assert seat.user == juror
    assert client.get(response.url).context["round"] == next_round


def test_new_person_accepts_after_signing_up(next_round, staff):
    seat = JurySeatFactory(round=next_round, user=None)
    invitation = Invitation.objects.create(email="ny@example.no", jury_seat=seat, invited_by=staff)
    newcomer = UserFactory(email="ny@example.no")

    accept_invitation(invitation, user=newcomer)

    seat.refresh_from_db()
    assert seat.user == newcomer
    assert newcomer.roles.mfa_missing is True  # the seat counts once she has set up TOTP


def test_accepting_is_refused_when_the_seat_is_taken_or_the_person_already_sits(next_round, staff):
    held = JurySeatFactory(round=next_round)
    person = UserFactory(email="ny@example.no")
    JurySeatFactory(round=next_round, user=person)
    open_seat = JurySeatFactory(round=next_round, user=None)
    to_held = Invitation.objects.create(email=person.email, jury_seat=held, invited_by=staff)
    to_open = Invitation.objects.create(email=person.email, jury_seat=open_seat, invited_by=staff)

    with pytest.raises(ValidationError) as taken:
        accept_invitation(to_held, user=person)
    with pytest.raises(ValidationError) as sits:
        accept_invitation(to_open, user=person)

    assert taken.value.messages == ["Denne juryplassen har allerede en annen person."]
    assert sits.value.messages == ["Du har allerede en plass i juryen for denne runden."]
    assert Invitation.objects.pending().count() == 2


def test_staff_cannot_invite_to_a_seat_that_has_its_juror(client_as, staff, next_round):
    seat = JurySeatFactory(round=next_round)
    client = client_as("staff")

    response = client.post(
        reverse("jury:staff_seat_invite", args=[seat.pk]),
        {f"seat{seat.pk}-email": "noen@example.no"},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Denne plassen har allerede et jurymedlem."
    ]
    assert Invitation.objects.count() == 0


def test_staff_reorder_seats_with_up_and_down_buttons(client_as, staff, next_round):
    a, b, c = (JurySeatFactory(round=next_round, order=n) for n in range(3))
    client = client_as("staff")

    client.post(reverse("jury:staff_seat_move", args=[c.pk]), {"direction": "up"})
    client.post(reverse("jury:staff_seat_move", args=[a.pk]), {"direction": "down"})
    client.post(reverse("jury:staff_seat_move", args=[a.pk]), {"direction": "down"})
    client.post(reverse("jury:staff_seat_move", args=[c.pk]), {"direction": "up"})

    assert list(next_round.jury_seats.values_list("pk", flat=True)) == [c.pk, b.pk, a.pk]
    page = client.get(seats_url(next_round))
    assert [(row["first"], row["last"]) for row in page.context["rows"]] == [
        (True, False),
        (False, False),
        (False, True),
    ]


def test_staff_remove_a_seat_that_has_not_scored(client_as, staff, next_round):
    seat = JurySeatFactory(round=next_round, user=None)
    Invitation.objects.create(email="ny@example.no", jury_seat=seat, invited_by=staff)

    response = client_as("staff").post(reverse("jury:staff_seat_delete", args=[seat.pk]))

    assert response.url == seats_url(next_round)
    assert (JurySeat.objects.count(), Invitation.objects.count()) == (0, 0)
    assert AuditEntry.objects.get().action == "seat_removed"


def test_removing_a_seat_that_has_scored_is_refused_with_the_reason(
    client_as, staff, tynset_challenge
):
    seat = JurySeatFactory(round=tynset_challenge.round)
    ReviewFactory(seat=seat, application=tynset_challenge, status="draft", submitted_at=None)
    client = client_as("staff")

    response = client.post(reverse("jury:staff_seat_delete", args=[seat.pk]), follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "Denne plassen har poeng: den blir stående så resultatene kan etterprøves."
    ]
    assert JurySeat.objects.filter(pk=seat.pk).exists()
    assert "Denne plassen har poeng" in response.content.decode()


def test_expert_seat_is_shown_by_name_on_the_landing_page(client, current_round):
    JurySeatFactory(round=current_round, organisation=None, display_name="Hilde Fagekspert")

    response = client.get(reverse("portal:landing"))

    assert "<li>Hilde Fagekspert</li>" in response.content.decode()
