from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_programme_staff, require_staff
from gnist import exports as spreadsheets
from gnist.downloads import download, download_file
from municipalities.models import County, Municipality
from phases.permissions import get_round_for_public, rounds_visible_to
from phases.picker import choose_round, posted_round
from workshops import exports, services
from workshops.forms import (
    AttendanceForm,
    CoverageForm,
    MaterialForm,
    RegistrationChangeForm,
    RegistrationForm,
    WorkshopForm,
)
from workshops.models import (
    CalendarToken,
    Material,
    Registration,
    Workshop,
    obligation_status,
    selected_municipalities,
)
from workshops.permissions import (
    can_register_for_county,
    can_register_for_municipality,
    can_see_meeting_link,
    get_calendar_token,
    get_county_for_registration,
    get_material_for_download,
    get_municipality_for_obligations,
    get_municipality_for_registration,
    get_registration_for_change,
    get_workshop_for_view,
)


def _public_choice(request):
    """The round a workshop page shows, among the rounds this person may see."""
    return choose_round(request, rounds_visible_to(request.user))


def workshop_list(request):
    choice = _public_choice(request)
    round = choice.round
    workshops = (
        Workshop.objects.in_round(round)
        .visible_to(request.user, round)
        .select_related("phase")
        .with_counts()
    )
    return render(
        request,
        "workshops/list.html",
        {"round": round, "choice": choice, "workshops": workshops, "now": timezone.now()},
    )


def workshop_detail(request, pk):
    workshop = get_workshop_for_view(request, pk)
    user = request.user
    municipalities, counties = [], []
    if user.is_authenticated:
        municipalities = [
            municipality
            for municipality in Municipality.objects.filter(
                pk__in=user.roles.municipality_ids
            ).select_related("county")
            if can_register_for_municipality(user, workshop, municipality)
        ]
        counties = [
            county
            for county in County.objects.filter(pk__in=user.roles.county_ids)
            if can_register_for_county(user, workshop, county)
        ]
    context = {
        "workshop": workshop,
        "now": timezone.now(),
        "closes_at": workshop.registration_closes_at(),
        "registration": workshop.registration_at(timezone.now()),
        "show_link": can_see_meeting_link(user, workshop),
        "materials": workshop.materials.all(),
        "municipalities": municipalities,
        "counties": counties,
    }
    return render(request, "workshops/detail.html", context)


def _register(request, workshop, *, municipality=None, county=None):
    """The registration page of one municipality or county council for one workshop."""
    registrations = workshop.registrations.active().filter(municipality=municipality, county=county)
    form = RegistrationForm(request.POST or None, initial={"language": request.user.language})
    now = timezone.now()
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register_attendee(
                workshop,
                registered_by=request.user,
                municipality=municipality,
                county=county,
                **form.cleaned_data,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
        else:
            if registration.status == Registration.Status.WAITING:
                messages.warning(
                    request,
                    _("The workshop is full: %(name)s is on the waiting list.")
                    % {"name": registration.full_name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s is registered. A confirmation was sent to %(email)s.")
                    % {"name": registration.full_name, "email": registration.email},
                )
            return redirect(request.path)
    context = {
        "workshop": workshop,
        "organisation": municipality or county.council_name,
        "registrations": registrations,
        "form": form,
        "registration": workshop.registration_at(now),
        "closes_at": workshop.registration_closes_at(),
        "now": now,
    }
    return render(request, "workshops/register.html", context)


@login_required
def register_municipality(request, pk, number):
    workshop = get_workshop_for_view(request, pk)
    municipality = get_municipality_for_registration(request, workshop, number)
    return _register(request, workshop, municipality=municipality)


@login_required
def register_county(request, pk, number):
    workshop = get_workshop_for_view(request, pk)
    county = get_county_for_registration(request, workshop, number)
    return _register(request, workshop, county=county)


def _registration_page(registration):
    workshop = registration.workshop
    if registration.municipality_id:
        return redirect(
            "workshops:register_municipality", workshop.pk, registration.municipality.number
        )
    return redirect("workshops:register_county", workshop.pk, registration.county.number)


@login_required
def registration_change(request, pk):
    registration = get_registration_for_change(request, pk)
    if not registration.is_changeable_at(timezone.now()):
        raise PermissionDenied
    form = RegistrationChangeForm(request.POST or None, instance=registration)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The registration was changed."))
        return _registration_page(registration)
    return render(
        request, "workshops/registration_change.html", {"form": form, "registration": registration}
    )


@login_required
@require_POST
def registration_cancel(request, pk):
    registration = get_registration_for_change(request, pk)
    promoted = services.cancel_registration(registration)
    messages.success(
        request,
        _("The registration of %(name)s was cancelled.") % {"name": registration.full_name},
    )
    if promoted is not None:
        messages.info(
            request,
            _("%(name)s moved up from the waiting list.") % {"name": promoted.full_name},
        )
    return _registration_page(registration)


def materials(request):
    choice = _public_choice(request)
    round = choice.round
    workshops = (
        Workshop.objects.in_round(round)
        .visible_to(request.user, round)
        .filter(Exists(Material.objects.filter(workshop=OuterRef("pk"))))
        .prefetch_related("materials")
    )
    return render(
        request,
        "workshops/materials.html",
        {"round": round, "choice": choice, "workshops": workshops},
    )


def material_download(request, pk):
    material = get_material_for_download(request, pk)
    return download_file(
        material.file, filename=material.original_name, content_type=material.content_type
    )


def ical_public(request, slug):
    round = get_round_for_public(request, slug)
    content = exports.public_feed(
        round,
        Workshop.objects.in_round(round).open_to_all().select_related("round"),
        round.deadlines.all(),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


def ical_private(request, token):
    calendar_token = get_calendar_token(token)
    registrations = (
        Registration.objects.confirmed()
        .for_person(calendar_token.user)
        .select_related("workshop__round")
    )
    content = exports.private_feed(calendar_token.user, registrations)
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@login_required
def calendar(request):
    token = CalendarToken.objects.filter(user=request.user).first()
    try:
        round = _public_choice(request).round  # the public feed of the round last looked at
    except Http404:
        round = None
    return render(request, "workshops/calendar.html", {"token": token, "round": round})


@login_required
@require_POST
def calendar_reset(request):
    CalendarToken.objects.filter(user=request.user).delete()
    CalendarToken.objects.create(user=request.user)
    messages.success(
        request, _("Your private calendar link was made. Any earlier link no longer works.")
    )
    return redirect("workshops:calendar")


@login_required
@require_POST
def calendar_revoke(request):
    CalendarToken.objects.filter(user=request.user).delete()
    messages.success(request, _("Your private calendar link was revoked."))
    return redirect("workshops:calendar")


@login_required
def obligations(request):
    """Selected municipalities × obligation workshops, for staff and the people concerned."""
    choice = _public_choice(request)
    round = choice.round
    user = request.user
    roles = user.roles
    municipalities = selected_municipalities(round).select_related("county").order_by("number")
    if not is_programme_staff(user):
        if not roles.municipality_ids and not roles.county_ids:
            raise PermissionDenied
        municipalities = municipalities.filter(
            pk__in=roles.municipality_ids
        ) | municipalities.filter(county_id__in=roles.county_ids)
    status = obligation_status(round, list(municipalities))
    return render(
        request,
        "workshops/obligations.html",
        {
            "round": round,
            "choice": choice,
            "status": status,
            "workshops": _obligation_workshops(status),
        },
    )


def _obligation_workshops(status):
    for cells in status.values():
        return [cell.workshop for cell in cells]
    return []


@login_required
def obligation_detail(request, number):
    municipality = get_municipality_for_obligations(request, number)
    choice = _public_choice(request)
    round = choice.round
    is_selected = selected_municipalities(round).filter(pk=municipality.pk).exists()
    cells = obligation_status(round, [municipality])[municipality] if is_selected else []
    return render(
        request,
        "workshops/obligation_detail.html",
        {
            "round": round,
            "choice": choice,
            "municipality": municipality,
            "cells": cells,
            "is_selected": is_selected,
        },
    )


@login_required
def staff_list(request):
    require_staff(request)
    choice = choose_round(request)
    round = choice.round
    workshops = Workshop.objects.in_round(round).select_related("phase").with_counts()
    return render(
        request,
        "workshops/staff_list.html",
        {"round": round, "choice": choice, "workshops": workshops},
    )


@login_required
def staff_edit(request, pk=None):
    """A new workshop in the chosen round (the form names it), or an existing one in its own."""
    require_staff(request)
    if pk:
        workshop = get_object_or_404(Workshop.objects.select_related("round"), pk=pk)
        round = workshop.round
    else:
        workshop = None
        round = posted_round(request) if request.method == "POST" else choose_round(request).round
    form = WorkshopForm(request.POST or None, instance=workshop, round=round)
    if request.method == "POST" and form.is_valid():
        workshop = form.save()
        messages.success(request, _("%(workshop)s was saved.") % {"workshop": workshop})
        return redirect("workshops:staff_registrations", workshop.pk)
    return render(
        request,
        "workshops/staff_edit.html",
        {"form": form, "workshop": workshop, "round": round},
    )


@login_required
def staff_registrations(request, pk):
    """Registrations of one workshop, with quick bulk marking of attendance."""
    require_staff(request)
    workshop = get_object_or_404(Workshop.objects.select_related("round", "phase"), pk=pk)
    form = AttendanceForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        count = services.mark_attendance(
            workshop, attended_ids=[r.pk for r in form.cleaned_data["attended"]]
        )
        messages.success(request, _("Attendance saved: %(count)s attended.") % {"count": count})
        return redirect("workshops:staff_registrations", workshop.pk)
    registrations = workshop.registrations.select_related(
        "municipality__county", "county"
    ).order_by("status", "municipality__number", "county__number", "full_name")
    return render(
        request,
        "workshops/staff_registrations.html",
        {"workshop": workshop, "registrations": registrations, "form": form},
    )


@login_required
def staff_registrations_csv(request, pk):
    require_staff(request)
    workshop = get_object_or_404(Workshop, pk=pk)
    registrations = workshop.registrations.select_related("municipality__county", "county")
    header = [
        _("County"),
        _("Municipality number"),
        _("Municipality or county council"),
        _("Name"),
        _("E-mail address"),
        _("Department"),
        _("Status"),
        _("Attended"),
        _("Registered"),
    ]
    rows = (
        [
            r.municipality.county.name if r.municipality_id else r.county.name,
            r.municipality.number if r.municipality_id else "",
            r.organisation_label,
            r.full_name,
            r.email,
            r.get_department_display(),
            r.get_status_display(),
            _("Yes") if r.attended else _("No"),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for r in registrations
    )
    return _csv_response(exports.csv_bytes(header, rows), f"workshop-{workshop.pk}.csv")


def _csv_response(content: bytes, filename: str) -> HttpResponse:
    return download(content, filename=filename, content_type=spreadsheets.CSV_CONTENT_TYPE)


def _coverage(request):
    choice = choose_round(request)
    round = choice.round
    form = CoverageForm(request.GET or None, round=round)
    workshops = Workshop.objects.in_round(round)
    if form.is_valid() and form.cleaned_data["workshop"]:
        workshops = workshops.filter(pk=form.cleaned_data["workshop"].pk)
    registered = Registration.objects.active().filter(
        workshop__in=workshops, municipality=OuterRef("pk")
    )
    municipalities = (
        Municipality.objects.active()
        .select_related("county")
        .annotate(has_registered=Exists(registered))
        .order_by("county__number", "number")
    )
    return choice, form, municipalities, workshops


@login_required
def staff_coverage(request):
    """Which municipalities have and have not registered, per county."""
    require_staff(request)
    choice, form, municipalities, workshops = _coverage(request)
    totals = {
        row["county_key"]: row
        for row in Registration.objects.active().filter(workshop__in=workshops).per_county()
    }
    counties: dict = {}
    for municipality in municipalities:
        entry = counties.setdefault(
            municipality.county,
            {"registered": [], "missing": [], **totals.get(municipality.county_id, {})},
        )
        entry["registered" if municipality.has_registered else "missing"].append(municipality)
    return render(
        request,
        "workshops/staff_coverage.html",
        {"round": choice.round, "choice": choice, "form": form, "counties": counties},
    )


@login_required
def staff_coverage_csv(request):
    require_staff(request)
    choice, _form, municipalities, _workshops = _coverage(request)
    header = [_("County"), _("Municipality number"), _("Municipality"), _("Registered")]
    rows = (
        [m.county.name, m.number, m.name, _("Yes") if m.has_registered else _("No")]
        for m in municipalities
    )
    return _csv_response(
        exports.csv_bytes(header, rows), f"workshop-coverage-{choice.round.slug}.csv"
    )


@login_required
def staff_materials(request, pk):
    require_staff(request)
    workshop = get_object_or_404(Workshop, pk=pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = form.save(commit=False)
        material.workshop = workshop
        material.published_by = request.user
        material.save()
        messages.success(request, _("%(title)s was published.") % {"title": material.title})
        return redirect("workshops:staff_materials", workshop.pk)
    return render(
        request,
        "workshops/staff_materials.html",
        {"workshop": workshop, "materials": workshop.materials.all(), "form": form},
    )


@login_required
@require_POST
def staff_material_delete(request, pk):
    require_staff(request)
    material = get_object_or_404(Material, pk=pk)
    if material.file:
        material.file.delete(save=False)
    material.delete()
    messages.success(request, _("%(title)s was removed.") % {"title": material.title})
    return redirect("workshops:staff_materials", material.workshop_id)
