"""Who may see workshops, register attendees, read materials and follow obligations."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import is_county_member, is_municipality_member, is_programme_staff
from municipalities.models import County, Municipality
from workshops.models import (
    CalendarToken,
    Material,
    Registration,
    Workshop,
    audience_includes,
    selected_municipalities,
)


def can_view_workshop(user, workshop) -> bool:
    """Open workshops are public; restricted ones only for staff and their audience."""
    return (
        workshop.is_open_to_all
        or is_programme_staff(user)
        or audience_includes(user, workshop.round)
    )


def can_register_for_municipality(user, workshop, municipality) -> bool:
    """A member registers their own municipality; restricted workshops take selected ones only."""
    if not (is_programme_staff(user) or is_municipality_member(user, municipality)):
        return False
    return (
        workshop.is_open_to_all
        or selected_municipalities(workshop.round).filter(pk=municipality.pk).exists()
    )


def can_register_for_county(user, workshop, county) -> bool:
    """County councils join restricted workshops when one of their municipalities is selected."""
    if workshop.is_open_to_all:
        return False
    if not (is_programme_staff(user) or is_county_member(user, county)):
        return False
    return selected_municipalities(workshop.round).filter(county=county).exists()


def can_change_registration(user, registration) -> bool:
    if is_programme_staff(user):
        return True
    if registration.municipality_id:
        return is_municipality_member(user, registration.municipality)
    return is_county_member(user, registration.county)


def can_see_meeting_link(user, workshop) -> bool:
    """The digital meeting link is for registered people (and staff) only."""
    if is_programme_staff(user):
        return True
    if not user.is_authenticated:
        return False
    return workshop.registrations.confirmed().for_person(user).exists()


def can_view_obligations(user, municipality) -> bool:
    """Staff, the municipality itself and its county council follow the obligation."""
    return (
        is_programme_staff(user)
        or is_municipality_member(user, municipality)
        or is_county_member(user, municipality.county)
    )


def get_workshop_for_view(request, pk) -> Workshop:
    """A workshop the user may see; a restricted one is 404 to outsiders."""
    workshop = get_object_or_404(Workshop.objects.select_related("round", "phase"), pk=pk)
    if not can_view_workshop(request.user, workshop):
        raise Http404
    return workshop


def get_municipality_for_registration(request, workshop, number) -> Municipality:
    municipality = get_object_or_404(Municipality.objects.select_related("county"), number=number)
    if not can_register_for_municipality(request.user, workshop, municipality):
        raise PermissionDenied
    return municipality


def get_county_for_registration(request, workshop, number) -> County:
    county = get_object_or_404(County, number=number)
    if not can_register_for_county(request.user, workshop, county):
        raise PermissionDenied
    return county


def get_registration_for_change(request, pk) -> Registration:
    registration = get_object_or_404(
        Registration.objects.select_related("workshop__round", "municipality__county", "county"),
        pk=pk,
    )
    # Another municipality's registration is none of the user's business: 404, as for a
    # missing id, so registrations cannot be enumerated.
    if not can_change_registration(request.user, registration):
        raise Http404
    return registration


def get_material_for_download(request, pk) -> Material:
    material = get_object_or_404(
        Material.objects.select_related("workshop__round"), pk=pk, kind=Material.Kind.FILE
    )
    if not can_view_workshop(request.user, material.workshop):
        raise Http404
    return material


def get_municipality_for_obligations(request, number) -> Municipality:
    municipality = get_object_or_404(Municipality.objects.select_related("county"), number=number)
    if not can_view_obligations(request.user, municipality):
        raise PermissionDenied
    return municipality


def get_calendar_token(token) -> CalendarToken:
    return get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
