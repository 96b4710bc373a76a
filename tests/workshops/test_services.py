from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from tests.factories import DeadlineFactory, WorkshopFactory, WorkshopRegistrationFactory, oslo
from workshops.models import Registration
from workshops.services import cancel_registration, mark_attendance, register_attendee

pytestmark = pytest.mark.django_db


def register(workshop, municipality_user, tynset, email, **extra):
    values = {"full_name": "Kari Nordmann", "department": "planning", "language": "nb"}
    return register_attendee(
        workshop,
        registered_by=municipality_user,
        municipality=tynset,
        email=email,
        **(values | extra),
    )


@pytest.fixture
def deadline_workshop(current_round):
    """The round's registration deadline is 30 October 23:59; the workshop is in November.

    Registration opens with the round's first phase, dated back to 1 October here."""
    current_round.phases.filter(number=1).update(starts_at=oslo(2026, 10, 1))
    DeadlineFactory(round=current_round, key="workshop_registration", at=oslo(2026, 10, 30, 23, 59))
    return WorkshopFactory(
        round=current_round, starts_at=oslo(2026, 11, 5, 9), ends_at=oslo(2026, 11, 5, 12)
    )


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (oslo(2026, 10, 30, 23, 58, 59), True),
        (oslo(2026, 10, 30, 23, 59), False),
        (oslo(2026, 10, 31, 0, 0), False),
    ],
    ids=["before", "at", "after"],
)
def test_registration_is_accepted_only_before_the_rounds_deadline(
    deadline_workshop, municipality_user, tynset, moment, accepted
):
    with time_machine.travel(moment, tick=False):
        try:
            register(deadline_workshop, municipality_user, tynset, "kari@tynset.kommune.no")
            outcome = True
        except ValidationError as error:
            assert error.messages == ["Fristen gikk ut 30. oktober 2026 kl. 23:59."]
            outcome = False

    assert outcome == accepted
    assert Registration.objects.count() == (1 if accepted else 0)


def test_workshop_deadline_overrides_the_rounds(deadline_workshop, municipality_user, tynset):
    deadline_workshop.registration_deadline = oslo(2026, 11, 4, 12)
    deadline_workshop.save()

    with time_machine.travel(oslo(2026, 11, 2, 10), tick=False):
        registration = register(deadline_workshop, municipality_user, tynset, "a@tynset.no")

    assert registration.status == Registration.Status.CONFIRMED


def test_full_workshop_puts_the_next_attendee_on_the_waiting_list(
    current_round, municipality_user, tynset
):
    workshop = WorkshopFactory(round=current_round, capacity=2)

    statuses = [
        register(workshop, municipality_user, tynset, f"person{n}@tynset.no").status
        for n in range(3)
    ]

    assert statuses == ["confirmed", "confirmed", "waiting"]


def test_cancelling_a_seat_moves_the_first_on_the_waiting_list_up(
    current_round, municipality_user, tynset, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(round=current_round, capacity=1)
    first = register(workshop, municipality_user, tynset, "first@tynset.no")
    second = register(workshop, municipality_user, tynset, "second@tynset.no")
    register(workshop, municipality_user, tynset, "third@tynset.no")

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_registration(first)

    assert promoted == second
    assert list(Registration.objects.order_by("pk").values_list("email", "status")) == [
        ("first@tynset.no", "cancelled"),
        ("second@tynset.no", "confirmed"),
        ("third@tynset.no", "waiting"),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "first@tynset.no",
        "second@tynset.no",
    ]


def test_cancelling_is_refused_once_the_workshop_has_started(current_round, tynset):
    registration = WorkshopRegistrationFactory(
        workshop=WorkshopFactory(round=current_round), municipality=tynset
    )

    with time_machine.travel(registration.workshop.starts_at + timedelta(minutes=1)):
        with pytest.raises(PermissionDenied):
            cancel_registration(registration)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_same_email_cannot_be_registered_twice(current_round, municipality_user, tynset):
    workshop = WorkshopFactory(round=current_round)
    register(workshop, municipality_user, tynset, "kari@tynset.no")

    with pytest.raises(ValidationError) as error:
        register(workshop, municipality_user, tynset, "KARI@tynset.no ")

    assert error.value.message_dict == {
        "email": ["kari@tynset.no er allerede påmeldt denne workshopen."]
    }


def test_confirmation_email_is_in_the_attendees_language_with_the_ics(
    current_round, municipality_user, tynset, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(
        round=current_round,
        title_nb="Workshop 2: Innbyggerinvolvering",
        title_en="Workshop 2: Citizen involvement",
    )

    with django_capture_on_commit_callbacks(execute=True):
        register(workshop, municipality_user, tynset, "anna@tynset.no", language="en")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@tynset.no"]
    assert message.subject == "[Gnist] You are registered: Workshop 2: Citizen involvement"
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("workshop.ics", "text/calendar; method=REQUEST")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Workshop 2: Citizen involvement"
    assert str(event["location"]) == "https://meet.example.no/gnist"


def test_confirmation_email_defaults_to_norwegian(
    current_round, municipality_user, tynset, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(round=current_round, title_nb="Workshop 1: Stedsutvikling")

    with django_capture_on_commit_callbacks(execute=True):
        register(workshop, municipality_user, tynset, "ola@tynset.no")

    assert mail.outbox[0].subject == "[Gnist] Du er påmeldt: Workshop 1: Stedsutvikling"


def test_waiting_list_email_has_no_invitation(
    current_round, municipality_user, tynset, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(round=current_round, capacity=1, title_en="Workshop 3")
    register(workshop, municipality_user, tynset, "one@tynset.no")

    with django_capture_on_commit_callbacks(execute=True):
        register(workshop, municipality_user, tynset, "two@tynset.no", language="en")

    assert [message.subject for message in mail.outbox] == ["[Gnist] Waiting list: Workshop 3"]
    assert mail.outbox[0].attachments == []


def test_attendance_marks_exactly_the_ticked_confirmed_attendees(current_round, tynset):
    workshop = WorkshopFactory(round=current_round)
    present, absent = WorkshopRegistrationFactory.create_batch(2, workshop=workshop)
    absent.attended = True
    absent.save()

    count = mark_attendance(workshop, attended_ids=[present.pk])

    assert count == 1
    assert list(workshop.registrations.order_by("pk").values_list("attended", flat=True)) == [
        True,
        False,
    ]
