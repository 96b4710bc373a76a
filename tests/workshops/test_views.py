import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import (
    SelectedApplicationFactory,
    WorkshopFactory,
    WorkshopMaterialFactory,
    WorkshopRegistrationFactory,
    municipality,
)
from workshops.models import Registration

pytestmark = pytest.mark.django_db

ATTENDEE = {
    "full_name": "Per Moen",
    "email": "per@tynset.kommune.no",
    "department": "business_development",
    "language": "nb",
}


def test_member_registers_a_colleague_and_sees_them_listed(
    client_as, open_workshop, django_capture_on_commit_callbacks
):
    client = client_as("municipality_user")
    url = reverse("workshops:register_municipality", args=[open_workshop.pk, "3427"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, ATTENDEE, follow=True)

    assert [(r.full_name, r.status) for r in response.context["registrations"]] == [
        ("Per Moen", "confirmed")
    ]
    assert [message.to for message in mail.outbox] == [["per@tynset.kommune.no"]]


def test_registration_form_refuses_a_duplicate_with_the_field_error(client_as, open_workshop):
    client = client_as("municipality_user")
    url = reverse("workshops:register_municipality", args=[open_workshop.pk, "3427"])
    client.post(url, ATTENDEE)

    response = client.post(url, ATTENDEE)

    assert response.context["form"].errors == {
        "email": ["per@tynset.kommune.no er allerede påmeldt denne workshopen."]
    }


def test_meeting_link_is_shown_only_to_registered_people(client_as, tynset_registration):
    url = reverse("workshops:detail", args=[tynset_registration.workshop.pk])

    registered = client_as("municipality_user").get(url)
    client_as("colleague_user")
    colleague = client_as("colleague_user").get(url)

    assert (registered.context["show_link"], colleague.context["show_link"]) == (True, False)


def test_change_keeps_the_email_and_updates_the_department(client_as, tynset_registration):
    client = client_as("colleague_user")

    client.post(
        reverse("workshops:registration_change", args=[tynset_registration.pk]),
        {"full_name": "Ingrid Haugen", "department": "business_development", "language": "en"},
    )

    tynset_registration.refresh_from_db()
    assert (
        tynset_registration.full_name,
        tynset_registration.department,
        tynset_registration.language,
        tynset_registration.email,
    ) == ("Ingrid Haugen", "business_development", "en", "ingrid@tynset.kommune.no")


def test_staff_bulk_marks_attendance(client_as, open_workshop, tynset):
    present, absent = WorkshopRegistrationFactory.create_batch(
        2, workshop=open_workshop, municipality=tynset
    )

    client_as("staff").post(
        reverse("workshops:staff_registrations", args=[open_workshop.pk]),
        {"attended": [present.pk]},
    )

    assert list(Registration.objects.order_by("pk").values_list("attended", flat=True)) == [
        True,
        False,
    ]


def test_staff_creates_a_restricted_obligation_workshop(client_as, current_round):
    response = client_as("staff").post(
        reverse("workshops:staff_create"),
        {
            "phase": current_round.phases.get(number=2).pk,
            "title_nb": "Obligatorisk workshop 1",
            "starts_at": "2027-01-20T09:00",
            "ends_at": "2027-01-20T15:00",
            "audience": "selected",
            "counts_for_obligation": "on",
        },
    )

    workshop = current_round.workshops.get()
    assert response.url == reverse("workshops:staff_registrations", args=[workshop.pk])
    assert (workshop.starts_at.isoformat(), workshop.counts_for_obligation) == (
        "2027-01-20T08:00:00+00:00",
        True,
    )


def test_open_workshop_cannot_be_an_obligation_workshop(client_as, current_round):
    response = client_as("staff").post(
        reverse("workshops:staff_create"),
        {
            "phase": current_round.phases.get(number=1).pk,
            "title_nb": "Workshop",
            "starts_at": "2027-01-20T09:00",
            "ends_at": "2027-01-20T15:00",
            "audience": "open",
            "counts_for_obligation": "on",
        },
    )

    assert response.context["form"].errors == {
        "counts_for_obligation": [
            "Bare workshoper for de utvalgte kommunene kan være obligatoriske workshoper."
        ]
    }


def make_workshops(round, count):
    for _ in range(count):
        workshop = WorkshopFactory(round=round, capacity=10)
        WorkshopMaterialFactory(workshop=workshop)
        WorkshopRegistrationFactory.create_batch(2, workshop=workshop)


@pytest.mark.parametrize("item_count", [1, 3])
def test_workshop_list_query_count_is_constant(
    client_as, current_round, item_count, django_assert_num_queries
):
    make_workshops(current_round, item_count)
    client = client_as("municipality_user")

    with django_assert_num_queries(7):
        client.get(reverse("workshops:list"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_materials_page_query_count_is_constant(
    client_as, current_round, item_count, django_assert_num_queries
):
    make_workshops(current_round, item_count)
    client = client_as("municipality_user")

    with django_assert_num_queries(8):
        client.get(reverse("workshops:materials"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_staff_workshop_list_query_count_is_constant(
    client_as, current_round, item_count, django_assert_num_queries
):
    make_workshops(current_round, item_count)
    client = client_as("staff")

    with django_assert_num_queries(7):
        client.get(reverse("workshops:staff_list"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_staff_registrations_query_count_is_constant(
    client_as, current_round, item_count, django_assert_num_queries
):
    workshop = WorkshopFactory(round=current_round)
    WorkshopRegistrationFactory.create_batch(item_count, workshop=workshop)
    client = client_as("staff")

    with django_assert_num_queries(6):
        client.get(reverse("workshops:staff_registrations", args=[workshop.pk]))


@pytest.mark.parametrize("item_count", [1, 3])
def test_coverage_query_count_is_constant(
    client_as, current_round, item_count, django_assert_num_queries
):
    make_workshops(current_round, item_count)
    client = client_as("staff")

    with django_assert_num_queries(9):
        client.get(reverse("workshops:staff_coverage"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_registration_page_query_count_is_constant(
    client_as, open_workshop, item_count, django_assert_num_queries
):
    WorkshopRegistrationFactory.create_batch(item_count, workshop=open_workshop)
    client = client_as("municipality_user")
    url = reverse("workshops:register_municipality", args=[open_workshop.pk, "3427"])

    with django_assert_num_queries(8):
        client.get(url)


@pytest.mark.parametrize("item_count", [1, 3])
def test_obligations_query_count_is_constant(
    client_as, current_round, item_count, django_assert_num_queries
):
    for number in ["3427", "1151", "3401"][:item_count]:
        SelectedApplicationFactory(round=current_round, municipality=municipality(number))
    for _ in range(item_count):
        WorkshopFactory(round=current_round, audience="selected", counts_for_obligation=True)
    client = client_as("staff")

    with django_assert_num_queries(8):
        client.get(reverse("workshops:obligations"))


def test_coverage_counts_registrations_and_attendance_per_county(
    client_as, current_round, tynset, utsira
):
    workshop = WorkshopFactory(round=current_round)
    WorkshopRegistrationFactory(workshop=workshop, municipality=tynset, attended=True)
    WorkshopRegistrationFactory(workshop=workshop, municipality=tynset)
    WorkshopRegistrationFactory(workshop=workshop, municipality=utsira, status="cancelled")

    response = client_as("staff").get(reverse("workshops:staff_coverage"))

    counties = {county.number: entry for county, entry in response.context["counties"].items()}
    assert (counties["34"]["registrations"], counties["34"]["attended"]) == (2, 1)
    assert [m.number for m in counties["34"]["registered"]] == ["3427"]
    assert [m.number for m in counties["11"]["registered"]] == []
    assert counties["11"].keys() == {"registered", "missing"}
