import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_programme_staff, require_staff
from applications import exports, permissions, services
from applications.forms import (
    ApplicationForm,
    AttachmentForm,
    CountySupportForm,
    ExtensionForm,
    ReasonForm,
    StaffFilterForm,
    StaffStatusForm,
)
from applications.models import Application, Attachment, CountySupport, DeadlineExtension
from municipalities.models import Municipality
from phases.models import Round
from workshops.models import Registration


def current_round_or_404() -> Round:
    round = Round.objects.current()
    if round is None:
        raise Http404
    return round


@login_required
def mine(request):
    """The municipality member's challenges in the current round."""
    if not request.user.roles.municipality_ids:
        raise PermissionDenied(_("This page is for members of a municipality."))
    round = current_round_or_404()
    municipalities = Municipality.objects.filter(
        pk__in=request.user.roles.municipality_ids
    ).select_related("county")
    applications = (
        Application.objects.for_round(round)
        .filter(municipality__in=municipalities)
        .with_list_data()
        .order_by("municipality__number", "pk")
    )
    now = timezone.now()
    groups = []
    for municipality in municipalities:
        own = [app for app in applications if app.municipality_id == municipality.pk]
        active = [app for app in own if app.status != Application.Status.WITHDRAWN]
        can_start = len(active) < round.max_challenges_per_municipality and Application(
            round=round, municipality=municipality
        ).is_open_at(now)
        groups.append((municipality, own, can_start))
    return render(request, "applications/mine.html", {"round": round, "groups": groups})


@login_required
@require_POST
def start(request, number):
    municipality = get_object_or_404(Municipality, number=number)
    if not permissions.can_start_application(request.user, municipality):
        raise PermissionDenied
    round = current_round_or_404()
    probe = Application(round=round, municipality=municipality)
    if not probe.is_open_at(timezone.now()):
        messages.error(request, _("The submission deadline has passed."))
        return redirect("applications:mine")
    try:
        application = services.start_application(round, municipality, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("applications:mine")
    return redirect("applications:edit", application.pk)


def _edit_context(application, form, **extra):
    return {
        "application": application,
        "form": form,
        "attachment_form": AttachmentForm(),
        "attachments": application.attachments.all(),
        **extra,
    }


def _conflict(application, form) -> list[dict]:
    """What the other person saved, per field, against what this person typed."""
    theirs = application.snapshot()
    mine = {**theirs}
    for name in Application.SNAPSHOT_FIELDS:
        if name in form.data and name not in ("roadmap_principles", "sdgs", "project_leader"):
            mine[name] = form.data.get(name, "")
    return exports.snapshot_diff(mine, theirs)


@login_required
def edit(request, pk):
    application = permissions.get_application_for(request, pk, permissions.is_own)
    if not application.is_editable_at(timezone.now()):
        messages.info(request, _("This challenge can no longer be changed."))
        return redirect(application)
    form = ApplicationForm(request.POST or None, application=application)
    if request.method == "POST":
        form.is_valid()
        try:
            services.save_draft(
                application,
                form,
                base_version=form.cleaned_data.get("base_version") or 0,
                by=request.user,
            )
        except services.StaleDraft as stale:
            data = request.POST.copy()
            data["base_version"] = stale.current.version
            conflict = _conflict(stale.current, form)
            form = ApplicationForm(data, application=stale.current)
            return render(
                request,
                "applications/edit.html",
                _edit_context(stale.current, form, conflict=conflict),
            )
        if not form.errors:
            messages.success(request, _("The draft was saved."))
            if "submit" in request.POST:
                return redirect("applications:submit", application.pk)
            return redirect("applications:edit", application.pk)
        form = ApplicationForm(_with_version(request.POST, application), application=application)
        form.is_valid()
    return render(request, "applications/edit.html", _edit_context(application, form))


def _with_version(data, application):
    data = data.copy()
    data["base_version"] = application.version
    return data


@login_required
@require_POST
def autosave(request, pk):
    """htmx: store the draft as people type. Answers with a status line for an aria-live
    region and the new version number; a stale save gets the other person's changes."""
    application = permissions.get_application_for(request, pk, permissions.is_own)
    if not application.is_editable_at(timezone.now()):
        response = render(request, "applications/_autosave_closed.html")
        response["HX-Trigger"] = "autosave-refused"
        return response
    form = ApplicationForm(request.POST, application=application)
    form.is_valid()
    try:
        application = services.save_draft(
            application,
            form,
            base_version=form.cleaned_data.get("base_version") or 0,
            by=request.user,
        )
    except services.StaleDraft as stale:
        response = render(
            request,
            "applications/_autosave_conflict.html",
            {"application": stale.current, "conflict": _conflict(stale.current, form)},
        )
        response["HX-Trigger"] = "autosave-conflict"
        return response
    errors = [
        (name, form.fields[name].label, field_errors)
        for name, field_errors in form.errors.items()
        if name in form.fields and name != "base_version"
    ]
    response = render(
        request,
        "applications/_autosave_saved.html",
        {"application": application, "form": form, "errors": errors},
    )
    response["HX-Trigger"] = "autosave-saved"
    return response


@login_required
def submit(request, pk):
    application = permissions.get_application_for(request, pk, permissions.is_own)
    if not application.is_editable_at(timezone.now()):
        messages.info(request, _("This challenge can no longer be changed."))
        return redirect(application)
    missing = services.missing_for_submission(application)
    if request.method == "POST":
        try:
            services.submit_application(application, by=request.user)
        except ValidationError as error:
            missing = error.messages
        else:
            return redirect("applications:receipt", application.pk)
    return render(
        request, "applications/submit.html", {"application": application, "missing": missing}
    )


@login_required
def receipt(request, pk):
    application = permissions.get_application_for(
        request, pk, lambda user, app: permissions.is_own(user, app) or is_programme_staff(user)
    )
    version = application.versions.select_related("submitted_by").order_by("-number").first()
    if version is None:
        return redirect(application)
    people = exports.recipients(application)
    return render(
        request,
        "applications/receipt.html",
        {"application": application, "version": version, "recipients": people},
    )


@login_required
@require_POST
def withdraw(request, pk):
    application = permissions.get_application_for(request, pk, permissions.can_withdraw_application)
    form = ReasonForm(request.POST)
    form.is_valid()
    services.withdraw_application(
        application, by=request.user, reason=form.cleaned_data.get("reason", "")
    )
    messages.success(request, _("The challenge was withdrawn."))
    return redirect(application)


@login_required
@require_POST
def reopen(request, pk):
    application = permissions.get_application_for(request, pk, permissions.can_reopen_application)
    form = ReasonForm(request.POST)
    form.is_valid()
    services.reopen_application(
        application, by=request.user, reason=form.cleaned_data.get("reason", "")
    )
    messages.success(request, _("The challenge is a draft again. Submit it before the deadline."))
    return redirect("applications:edit", application.pk)


def detail(request, pk):
    application = get_object_or_404(
        Application.objects.select_related("municipality__county", "round", "project_leader"),
        pk=pk,
    )
    user = request.user
    if not permissions.can_view_application(user, application):
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    now = timezone.now()
    is_own = permissions.is_own(user, application)
    show_internal = is_own or is_programme_staff(user)
    context = {
        "application": application,
        "rows": exports.snapshot_rows(application.snapshot()),
        "attachments": application.attachments.all()
        if permissions.can_view_attachments(user, application)
        else [],
        "support": CountySupport.objects.filter(application=application)
        .select_related("confirmed_by")
        .first(),
        "history": application.status_changes.select_related("changed_by") if show_internal else [],
        "is_own": is_own,
        "can_edit": permissions.can_edit_application(user, application, now),
        "can_withdraw": permissions.can_withdraw_application(user, application, now),
        "can_reopen": permissions.can_reopen_application(user, application, now),
        "can_support": permissions.can_confirm_county_support(user, application),
        "is_staff": is_programme_staff(user),
        "reason_form": ReasonForm(),
        "status_form": StaffStatusForm(initial={"to": application.status}),
    }
    return render(request, "applications/detail.html", context)


def pdf(request, pk):
    application = get_object_or_404(
        Application.objects.select_related("municipality__county", "round", "project_leader"),
        pk=pk,
    )
    if not permissions.can_view_application(request.user, application):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    language = request.LANGUAGE_CODE
    content = exports.application_pdf(application, application.snapshot(), language=language)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="gnist-{application.municipality.number}-{application.pk}.pdf"'
    )
    return response


@login_required
@require_POST
def attachment_upload(request, pk):
    application = permissions.get_application_for(request, pk, permissions.can_manage_attachments)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                application,
                form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
    if form.errors:
        edit_form = ApplicationForm(application=application)
        return render(
            request,
            "applications/edit.html",
            {**_edit_context(application, edit_form), "attachment_form": form},
            status=400,
        )
    messages.success(request, _("The file was uploaded."))
    return redirect("applications:edit", application.pk)


def _attachment(request, pk, attachment_pk, predicate):
    application = permissions.get_application_for(request, pk, predicate)
    return get_object_or_404(Attachment, pk=attachment_pk, application=application)


@login_required
def attachment_download(request, pk, attachment_pk):
    attachment = _attachment(request, pk, attachment_pk, permissions.can_view_attachments)
    # Read whole (at most MAX_UPLOAD_BYTES) so no file handle outlives the request.
    with attachment.file.open("rb") as handle:
        content = io.BytesIO(handle.read())
    response = FileResponse(
        content,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    attachment = _attachment(request, pk, attachment_pk, permissions.can_manage_attachments)
    services.delete_attachment(attachment)
    messages.success(request, _("The file was removed."))
    return redirect("applications:edit", pk)


@login_required
def county_support(request, pk):
    application = permissions.get_application_for(
        request, pk, permissions.can_confirm_county_support
    )
    support = CountySupport.objects.filter(application=application).first()
    form = CountySupportForm(
        request.POST or None, initial={"statement": support.statement if support else ""}
    )
    if request.method == "POST":
        if "withdraw" in request.POST:
            services.withdraw_county_support(application)
            messages.success(request, _("The county council's support was withdrawn."))
            return redirect("applications:county_dashboard")
        if form.is_valid():
            services.confirm_county_support(
                application, by=request.user, statement=form.cleaned_data["statement"]
            )
            messages.success(request, _("The county council's support is recorded."))
            return redirect("applications:county_dashboard")
    return render(
        request,
        "applications/county_support.html",
        {"application": application, "form": form, "support": support},
    )


@login_required
def county_dashboard(request):
    if not permissions.can_see_county_dashboard(request.user):
        raise PermissionDenied(_("This page is for county council members."))
    round = current_round_or_404()
    county_ids = request.user.roles.county_ids
    municipalities = Municipality.objects.active().filter(county_id__in=county_ids)
    municipalities = municipalities.select_related("county").order_by("county__number", "name")
    applications = (
        Application.objects.for_round(round).filter(municipality__county_id__in=county_ids)
    ).with_list_data()
    by_municipality = {}
    for application in applications:
        by_municipality.setdefault(application.municipality_id, []).append(
            {
                "application": application,
                "readable": permissions.can_view_application(request.user, application),
                "can_support": permissions.can_confirm_county_support(request.user, application),
            }
        )
    workshops = {
        row["municipality"]: row
        for row in Registration.objects.filter(
            workshop__round=round, municipality__county_id__in=county_ids
        )
        .values("municipality")
        .annotate(
            registered=Count("pk", filter=~Q(status=Registration.Status.CANCELLED)),
            attended=Count("pk", filter=Q(attended=True)),
        )
    }
    rows = [
        {
            "municipality": municipality,
            "applications": by_municipality.get(municipality.pk, []),
            "registered": workshops.get(municipality.pk, {}).get("registered", 0),
            "attended": workshops.get(municipality.pk, {}).get("attended", 0),
        }
        for municipality in municipalities
    ]
    counts = {
        "drafting": sum(1 for a in applications if a.status == Application.Status.DRAFT),
        "submitted": sum(1 for a in applications if a.status in Application.Status.handed_in()),
        "withdrawn": sum(1 for a in applications if a.status == Application.Status.WITHDRAWN),
        "supported": sum(1 for a in applications if a.has_county_support),
    }
    return render(
        request,
        "applications/county_dashboard.html",
        {"round": round, "rows": rows, "counts": counts, "user": request.user},
    )


def public_list(request):
    applications = Application.objects.selected().with_list_data().order_by("-round", "title")
    return render(request, "applications/public_list.html", {"applications": applications})


def _staff_applications(request):
    require_staff(request)
    form = StaffFilterForm(request.GET or None)
    applications = form.filter(Application.objects.all())
    return form, applications.with_list_data().order_by("municipality__number", "pk").distinct()


STAFF_PAGE_SIZE = 50


@login_required
def staff_list(request):
    form, applications = _staff_applications(request)
    page = Paginator(applications, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = (
        Application.objects.values("municipality__county__name", "status")
        .annotate(count=Count("pk"))
        .order_by("municipality__county__name", "status")
    )
    statuses = Application.Status.choices
    table = {}
    for row in counts:
        table.setdefault(row["municipality__county__name"], {})[row["status"]] = row["count"]
    count_rows = [
        (county, [cells.get(value, 0) for value, _label in statuses], sum(cells.values()))
        for county, cells in table.items()
    ]
    totals = [sum(row[1][i] for row in count_rows) for i in range(len(statuses))]
    return render(
        request,
        "applications/staff_list.html",
        {
            "form": form,
            "applications": page.object_list,
            "page": page,
            "statuses": statuses,
            "count_rows": count_rows,
            "totals": totals,
            "query_string": _without_page(request.GET),
        },
    )


def _without_page(query):
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def staff_export_csv(request):
    _form, applications = _staff_applications(request)
    response = HttpResponse(exports.as_csv(applications), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gnist-challenges.csv"'
    return response


@login_required
def staff_export_xlsx(request):
    _form, applications = _staff_applications(request)
    response = HttpResponse(
        exports.as_xlsx(applications),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="gnist-challenges.xlsx"'
    return response


@login_required
def staff_versions(request, pk):
    require_staff(request)
    application = get_object_or_404(
        Application.objects.select_related("municipality__county", "round"), pk=pk
    )
    versions = list(application.versions.select_related("submitted_by").order_by("number"))
    comparisons = []
    previous = {}
    for version in versions:
        comparisons.append((version, exports.snapshot_diff(previous, version.snapshot)))
        previous = version.snapshot
    current_changes = exports.snapshot_diff(previous, application.snapshot()) if versions else []
    return render(
        request,
        "applications/staff_versions.html",
        {
            "application": application,
            "comparisons": list(reversed(comparisons)),
            "current_changes": current_changes,
        },
    )


@login_required
@require_POST
def staff_status(request, pk):
    require_staff(request)
    application = get_object_or_404(Application, pk=pk)
    form = StaffStatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                application,
                to=form.cleaned_data["to"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status was changed."))
    return redirect(application)


@login_required
@require_POST
def staff_start_review(request):
    require_staff(request)
    moved = services.start_review(current_round_or_404(), by=request.user)
    messages.success(
        request,
        _("%(count)s submitted challenges are now under review.") % {"count": len(moved)},
    )
    return redirect("applications:staff_list")


@login_required
def staff_extensions(request):
    require_staff(request)
    round = current_round_or_404()
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.grant_extension(
            round,
            form.cleaned_data["municipality"],
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, _("The extension was granted."))
        return redirect("applications:staff_extensions")
    extensions = DeadlineExtension.objects.filter(round=round).select_related(
        "municipality__county", "granted_by"
    )
    return render(
        request,
        "applications/staff_extensions.html",
        {"round": round, "form": form, "extensions": extensions},
    )
