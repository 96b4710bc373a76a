from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import (
    CalendarTokenFactory,
    DeadlineFactory,
    WorkshopFactory,
    WorkshopRegistrationFactory,
    oslo,
)
from workshops.exports import registration_ics

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def test_registration_ics_has_the_workshop_times_in_europe_oslo(current_round, tynset):
    workshop = WorkshopFactory(
        round=current_round, starts_at=oslo(2020, 11, 5, 9), ends_at=oslo(2020, 11, 5, 11, 30)
    )
    registration = WorkshopRegistrationFactory(workshop=workshop, municipality=tynset)

    calendar = Calendar.from_ical(registration_ics(registration))

    event = calendar.walk("VEVENT")[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start, end) == (oslo(2020, 11, 5, 9), oslo(2020, 11, 5, 11, 30))
    assert start.utcoffset().total_seconds() == 3600
    assert event["dtstart"].params["TZID"] == "Europe/Oslo"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_summer_workshop_is_two_hours_ahead_of_utc(current_round, tynset):
    workshop = WorkshopFactory(
        round=current_round, starts_at=oslo(2021, 6, 10, 13), ends_at=oslo(2021, 6, 10, 15)
    )
    registration = WorkshopRegistrationFactory(workshop=workshop, municipality=tynset)

    event = Calendar.from_ical(registration_ics(registration)).walk("VEVENT")[0]

    assert event.decoded("dtstart").astimezone(ZoneInfo("UTC")) == datetime(
        2021, 6, 10, 11, tzinfo=ZoneInfo("UTC")
    )


def test_public_feed_lists_open_workshops_and_deadlines_only(client, current_round):
    WorkshopFactory(round=current_round, title_nb="Åpen workshop")
    WorkshopFactory(round=current_round, title_nb="Lukket samling", audience="selected")
    DeadlineFactory(round=current_round, name_nb="Innsendingsfrist")

    response = client.get(reverse("workshops:ical_public", args=[current_round.slug]))

    calendar = Calendar.from_ical(response.content)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert sorted(str(event["summary"]) for event in calendar.walk("VEVENT")) == [
        "Innsendingsfrist",
        "Åpen workshop",
    ]
    assert [event.get("location") for event in calendar.walk("VEVENT")] == [None, None]


def test_private_feed_lists_the_persons_confirmed_registrations(
    client, current_round, municipality_user, tynset
):
    token = CalendarTokenFactory(user=municipality_user)
    mine = WorkshopFactory(round=current_round, title_nb="Min workshop")
    WorkshopRegistrationFactory(workshop=mine, email="Ingrid@Tynset.kommune.no")
    WorkshopFactory(round=current_round, title_nb="Ikke min")

    response = client.get(reverse("workshops:ical_private", args=[token.token]))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["summary"]), str(e["location"])) for e in events] == [
        ("Min workshop", "https://meet.example.no/gnist")
    ]


def test_regenerating_the_private_feed_revokes_the_old_link(client_as, municipality_user):
    client = client_as("municipality_user")
    client.post(reverse("workshops:calendar_reset"))
    old = municipality_user.calendar_token.token

    client.post(reverse("workshops:calendar_reset"))
    municipality_user.refresh_from_db()

    assert client.get(reverse("workshops:ical_private", args=[old])).status_code == 404
    new = municipality_user.calendar_token.token
    assert client.get(reverse("workshops:ical_private", args=[new])).status_code == 200


def test_revoking_the_private_feed_leaves_no_working_link(client_as, municipality_user):
    client = client_as("municipality_user")
    client.post(reverse("workshops:calendar_reset"))
    token = municipality_user.calendar_token.token

    client.post(reverse("workshops:calendar_revoke"))

    assert client.get(reverse("workshops:ical_private", args=[token])).status_code == 404


def test_registrations_csv_is_utf8_with_bom_for_excel(client_as, current_round, tynset):
    workshop = WorkshopFactory(round=current_round)
    WorkshopRegistrationFactory(
        workshop=workshop, municipality=tynset, full_name="Åse Ødegård", email="ase@tynset.no"
    )

    response = client_as("staff").get(
        reverse("workshops:staff_registrations_csv", args=[workshop.pk])
    )

    assert response.content[:3] == b"\xef\xbb\xbf"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1].split(";")[:7] == [
        "Innlandet",
        "3427",
        "Tynset (Innlandet)",
        "Åse Ødegård",
        "ase@tynset.no",
        "Plan",
        "Bekreftet",
    ]


def test_coverage_csv_lists_every_municipality_with_registered_or_not(
    client_as, current_round, tynset
):
    WorkshopRegistrationFactory(workshop=WorkshopFactory(round=current_round), municipality=tynset)

    response = client_as("staff").get(reverse("workshops:staff_coverage_csv"))

    rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    registered = [row[1] for row in rows[1:] if row[3] == "Ja"]
    assert registered == ["3427"]
    assert len(rows) - 1 == 357
