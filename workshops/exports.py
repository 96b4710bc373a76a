"""Calendar (.ics) and spreadsheet (CSV) output of workshops and registrations."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event

from gnist import exports as spreadsheets

OSLO = ZoneInfo("Europe/Oslo")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Gnist//gnist.doga.no//NB")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    return calendar


def _workshop_event(workshop, *, with_link: bool) -> Event:
    event = Event()
    event.add("uid", f"workshop-{workshop.pk}@gnist")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", workshop.starts_at.astimezone(OSLO))
    event.add("dtend", workshop.ends_at.astimezone(OSLO))
    event.add("summary", workshop.title)
    description = workshop.description
    if with_link and workshop.meeting_url:
        event.add("location", workshop.meeting_url)
        description = f"{description}\n\n{workshop.meeting_url}".strip()
    event.add("description", description)
    event.add("url", settings.SITE_URL + workshop.get_absolute_url())
    return event


def _to_bytes(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def registration_ics(registration) -> bytes:
    """The invitation attached to a confirmation e-mail, in the attendee's language."""
    with translation.override(registration.language):
        calendar = _calendar("Gnist")
        calendar.add("method", "REQUEST")
        event = _workshop_event(registration.workshop, with_link=True)
        event.add(
            "attendee", f"mailto:{registration.email}", parameters={"CN": registration.full_name}
        )
        calendar.add_component(event)
        return _to_bytes(calendar)


def public_feed(round, workshops, deadlines) -> bytes:
    """The round's open workshops and its deadlines, for anyone to subscribe to."""
    calendar = _calendar(str(round))
    for workshop in workshops:
        calendar.add_component(_workshop_event(workshop, with_link=False))
    for deadline in deadlines:
        event = Event()
        event.add("uid", f"deadline-{deadline.pk}@gnist")
        event.add("dtstamp", timezone.now())
        start = deadline.at.astimezone(OSLO)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=1))
        event.add("summary", deadline.name)
        calendar.add_component(event)
    return _to_bytes(calendar)


def private_feed(user, registrations) -> bytes:
    """One person's registered workshops, with the meeting links."""
    calendar = _calendar(f"Gnist – {user}")
    for registration in registrations:
        calendar.add_component(_workshop_event(registration.workshop, with_link=True))
    return _to_bytes(calendar)


def csv_bytes(header: list[str], rows) -> bytes:
    """The portal's one CSV format (``gnist.exports``)."""
    return spreadsheets.csv_bytes(header, rows)
