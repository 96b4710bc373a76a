from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
from applications.models import (
    Application,
    Attachment,
    CountySupport,
    DeadlineExtension,
    accepts_new_challenge,
    start_windows,
)
from gnist import exports as spreadsheets
from gnist.downloads import download, download_file
from municipalities.models import Municipality
from phases.models import Round
from phases.permissions import rounds_visible_to
from phases.picker import choose_round, posted_round
from workshops.models import Registration


@login_required
def mine(request):
    """The municipality member's challenges of every round, newest round first.

    A round shows when it is the current one, when the municipality has a
    challenge in it, or when it accepts a new challenge now.
    """
    if not request.user.roles.municipality_ids:
        raise PermissionDenied(_("This page is for members of a municipality."))
    municipalities = list(
        Municipality.objects.filter(pk__in=request.user.roles.municipality_ids)
        .select_related("county")
        .order_by("number")
    )
    rounds = list(
        Round.objects.with_span().order_by(F("span_start").desc(nulls_last=True), "-slug")
    )
    applications = list(
        Application.objects.filter(municipality__in=municipalities)
        .with_list_data()
        .order_by("municipality__number", "pk")
    )
    now = timezone.now()
    windows = start_windows([r for r in rounds if r.is_published], municipalities, now)
    current = Round.objects.current()
    sections = []
    for round in rounds:
        groups = []
        for municipality in municipalities:
            own = [
                app
                for app in applications
                if app.round_id == round.pk and app.municipality_id == municipality.pk
            ]
            active = [app for app in own if app.status != Application.Status.WITHDRAWN]
            can_start = (round.pk, municipality.pk) in windows and len(
                active
            ) < round.max_challenges_per_municipality
            if own or can_start or (round == current and round.is_published):
                groups.append((municipality, own, can_start))
        if groups:
            sections.append((round, groups))
    return render(request, "applications/mine.html", {"round": current, "sections": sections})


@login_required
@require_POST
def start(request, number):
    municipality = get_object_or_404(Municipality, number=number)
    if not permissions.can_start_application(request.user, municipality):
        raise PermissionDenied
    round = posted_round(request, Round.objects.published())
    now = timezone.now()
    submission = Application(round=round, municipality=municipality).submission_at(now)
    if not submission or not accepts_new_challenge(round, municipality, now):
        reason = submission.reason or _("%(round)s does not accept new challenges now.") % {
            "round": round
        }
        messages.error(request, reason)
        return redirect("applications:mine")
    try:
        application = services.start_application(round, municipality, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("applications:mine")
    return redirect("applications:edit", application.pk)


def _edit_context(application, form, **extra):
    # The round's own criteria (kept by the jury app, read through the round) give each
    # section of the form its guidance; a criterion the round dropped shows none.
    criteria = {criterion.key: criterion for criterion in application.round.criteria.all()}
    return {
        "application": application,
        "criteria": criteria,
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
    editing = application.editing_at(timezone.now())
    if not editing:
        messages.info(request, editing.reason)
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
    editing = application.editing_at(timezone.now())
    if not editing:
        messages.info(request, editing.reason)
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
    application = permissions.get_application_for_view(request, pk)
    user = request.user
    now = timezone.now()
    is_own = permissions.is_own(user, application)
    show_internal = is_own or is_programme_staff(user)
    reader = permissions.can_view_attachments(user, application)
    snapshot = application.snapshot()
    context = {
        "application": application,
        "public": not reader,
        "rows": exports.snapshot_rows(
            snapshot if reader else exports.published(snapshot, application)
        ),
        "attachments": application.attachments.all() if reader else [],
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
    application = permissions.get_application_for_view(request, pk)
    language = request.LANGUAGE_CODE
    snapshot = application.snapshot()
    if not permissions.can_view_attachments(request.user, application):
        snapshot = exports.published(snapshot, application)
    content = exports.application_pdf(application, snapshot, language=language)
    return download(
        content,
        filename=f"gnist-{application.municipality.number}-{application.pk}.pdf",
        content_type="application/pdf",
    )


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
    return download_file(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


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
    choice = choose_round(request, rounds_visible_to(request.user))
    round = choice.round
    county_ids = request.user.roles.county_ids
    municipalities = Municipality.objects.active().filter(county_id__in=county_ids)
    municipalities = municipalities.select_related("county").order_by("county__number", "name")
    applications = (
        Application.objects.for_round(round).filter(municipality__county_id__in=county_ids)
    ).with_list_data()
    # One query for the visibility rule over every row, not one per challenge.
    readable = set(
        Application.objects.visible_to(request.user)
        .filter(pk__in=[application.pk for application in applications])
        .values_list("pk", flat=True)
    )
    by_municipality = {}
    for application in applications:
        by_municipality.setdefault(application.municipality_id, []).append(
            {
                "application": application,
                "readable": application.pk in readable,
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
        {"round": round, "choice": choice, "rows": rows, "counts": counts, "user": request.user},
    )


def public_list(request):
    applications = Application.objects.selected().with_list_data().order_by("-round", "title")
    return render(request, "applications/public_list.html", {"applications": applications})


def _staff_applications(request):
    """The filter form, the round's challenges it selects, and the round choice."""
    require_staff(request)
    choice = choose_round(request)
    form = StaffFilterForm(request.GET or None)
    applications = form.filter(Application.objects.for_round(choice.round))
    applications = applications.with_list_data().order_by("municipality__number", "pk").distinct()
    return form, applications, choice


STAFF_PAGE_SIZE = 50


@login_required
def staff_list(request):
    form, applications, choice = _staff_applications(request)
    page = Paginator(applications, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = (
        Application.objects.for_round(choice.round)
        .values("municipality__county__name", "status")
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
            "choice": choice,
            "round": choice.round,
            "applications": page.object_list,
            "page": page,
            "statuses": statuses,
            "count_rows": count_rows,
            "totals": totals,
            "query_string": _export_query(request.GET, choice),
        },
    )


def _export_query(query, choice):
    """The list's filters without the page, naming the round shown so exports export it."""
    query = query.copy()
    query.pop("page", None)
    query["round"] = choice.round.slug
    return query.urlencode()


@login_required
def staff_export_csv(request):
    _form, applications, choice = _staff_applications(request)
    return download(
        exports.as_csv(applications),
        filename=f"gnist-challenges-{choice.round.slug}.csv",
        content_type=spreadsheets.CSV_CONTENT_TYPE,
    )


@login_required
def staff_export_xlsx(request):
    _form, applications, choice = _staff_applications(request)
    return download(
        exports.as_xlsx(applications),
        filename=f"gnist-challenges-{choice.round.slug}.xlsx",
        content_type=spreadsheets.XLSX_CONTENT_TYPE,
    )


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
    round = posted_round(request)
    moved = services.start_review(round, by=request.user)
    messages.success(
        request,
        _("%(count)s submitted challenges are now under review.") % {"count": len(moved)},
    )
    return _in_round("applications:staff_list", round)


def _in_round(url_name, round):
    """Redirect to a list page showing ``round``."""
    return redirect(f"{reverse(url_name)}?{urlencode({'round': round.slug})}")


@login_required
def staff_extensions(request):
    require_staff(request)
    if request.method == "POST":
        choice = None
        round = posted_round(request)
    else:
        choice = choose_round(request)
        round = choice.round
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
        return _in_round("applications:staff_extensions", round)
    extensions = DeadlineExtension.objects.filter(round=round).select_related(
        "municipality__county", "granted_by"
    )
    return render(
        request,
        "applications/staff_extensions.html",
        {"round": round, "choice": choice, "form": form, "extensions": extensions},
    )
