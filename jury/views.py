import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.models import Attachment
from jury import exports, permissions, services
from jury.forms import (
    ConflictForm,
    JurySettingsForm,
    NotificationTemplateForm,
    PublishForm,
    ReviewForm,
    SelectionForm,
    StaffConflictForm,
    scale_steps,
)
from jury.models import AuditEntry, Conflict, Criterion, Decision, JurySettings, Review
from jury.results import (
    challenge_panel,
    pool,
    ranking_rows,
    recused_pairs,
    round_results,
)
from phases.models import Round


def current_round() -> Round:
    round = Round.objects.current()
    if round is None:
        raise Http404
    return round


# Jurors


@login_required
def home(request):
    """The juror's challenges with progress and the next one to score."""
    round = current_round()
    seat = permissions.require_seat(request, round)
    jury_settings = JurySettings.for_round(round)
    recused = {pk for pk, seat_id in recused_pairs(round, seats=[seat])}
    status_by_application = dict(seat.reviews.values_list("application_id", "status"))
    link = reverse("jury:score", args=[0])[:-2]
    rows = [
        {
            "pk": pk,
            "url": f"{link}{pk}/",
            "municipality": municipality,
            "county": county,
            "title": title or _("Untitled challenge"),
            "status": status_by_application.get(pk, ""),
        }
        for pk, municipality, county, title in pool(round)
        .order_by("municipality__number")
        .values_list("pk", "municipality__name", "municipality__county__name", "title")
        if pk not in recused
    ]
    done = sum(1 for row in rows if row["status"] == Review.Status.SUBMITTED)
    next_unscored = next((row for row in rows if row["status"] != Review.Status.SUBMITTED), None)
    context = {
        "round": round,
        "seat": seat,
        "settings": jury_settings,
        "rows": rows,
        "done": done,
        "next_unscored": next_unscored,
        "recused_count": len(recused),
        "scoring_open": jury_settings.is_scoring_open_at(timezone.now()),
    }
    return render(request, "jury/home.html", context)


@login_required
def conflicts(request):
    """The juror declares ties to municipalities or counties, then confirms the list."""
    round = current_round()
    seat = permissions.require_seat(request, round)
    form = ConflictForm(request.POST or None, seat=seat)
    if request.method == "POST":
        if "confirm" in request.POST:
            services.confirm_conflicts(seat, by=request.user)
            messages.success(request, _("Thank you. Your ties are recorded; you can score now."))
            return redirect("jury:home")
        if form.is_valid():
            services.declare_conflict(seat, by=request.user, **form.cleaned_data)
            messages.success(request, _("The tie was recorded."))
            return redirect("jury:conflicts")
    context = {
        "round": round,
        "seat": seat,
        "form": form,
        "conflicts": seat.conflicts.select_related("municipality__county", "county"),
    }
    return render(request, "jury/conflicts.html", context)


@login_required
@require_POST
def conflict_delete(request, pk):
    round = current_round()
    conflict = get_object_or_404(Conflict.objects.select_related("seat__round"), pk=pk)
    if conflict.seat.round_id != round.pk:
        raise Http404
    if conflict.seat.user_id != request.user.pk and not permissions.can_manage_jury(request.user):
        raise PermissionDenied
    services.remove_conflict(conflict, by=request.user)
    messages.success(request, _("The tie was removed."))
    if permissions.can_manage_jury(request.user) and conflict.seat.user_id != request.user.pk:
        return redirect("jury:staff_conflicts")
    return redirect("jury:conflicts")


@login_required
def score(request, pk):
    """One challenge beside the score form; the panel's scores once the juror has submitted."""
    round = current_round()
    seat, application = permissions.get_application_for_scoring(request, pk, round)
    jury_settings = JurySettings.for_round(round)
    review = Review.objects.filter(seat=seat, application=application).first()
    may_score = permissions.can_score(seat, application, jury_settings, timezone.now())
    criteria = list(Criterion.objects.all())
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        steps=scale_steps(),
        review=review,
    )
    if request.method == "POST":
        if not may_score:
            raise PermissionDenied
        if form.is_valid():
            try:
                review = services.save_review(
                    seat,
                    application,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                    submit=form.submitting,
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("jury:score", pk=application.pk)
            if review.is_submitted:
                messages.success(request, _("Your scores are submitted."))
            else:
                messages.success(request, _("Your draft is saved."))
            return redirect("jury:score", pk=application.pk)
    panel = None
    if permissions.can_see_panel_scores(request.user, seat, review, jury_settings):
        panel = challenge_panel(application, criteria)
    context = {
        "round": round,
        "application": application,
        "review": review,
        "form": form,
        "may_score": may_score,
        "settings": jury_settings,
        "attachments": application.attachments.all(),
        "roadmap_principles": application.roadmap_principles.all(),
        "sdgs": application.sdgs.all(),
        "panel": panel,
        "criteria": criteria,
        "declared": seat.conflicts_declared_at is not None,
    }
    return render(request, "jury/score.html", context)


@login_required
def attachment(request, pk, attachment_pk):
    round = current_round()
    _seat, application = permissions.get_application_for_scoring(request, pk, round)
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    # Read and close at once: attachments are small (10 MB at most), and no handle leaks.
    with item.file.open("rb") as handle:
        content = io.BytesIO(handle.read())
    response = FileResponse(content, as_attachment=True, filename=item.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def results(request):
    """The ranking for jurors when staff allow it, without the challenges they are recused from."""
    round = current_round()
    jury_settings = JurySettings.for_round(round)
    if not permissions.can_see_results(request.user, round, jury_settings):
        raise PermissionDenied
    seat = permissions.seat_for(request.user, round)
    round_result = round_results(round)
    hidden = {pk for pk, _seat in recused_pairs(round, seats=[seat])} if seat else set()
    context = {
        "round": round,
        "results": round_result,
        "rows": ranking_rows(round_result, hide=hidden),
        "settings": jury_settings,
    }
    return render(request, "jury/results.html", context)


# Staff


@login_required
def staff_home(request):
    permissions.require_jury_staff(request)
    round = current_round()
    jury_settings = JurySettings.for_round(round)
    form = JurySettingsForm(request.POST or None, instance=jury_settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        services.audit(
            round,
            AuditEntry.Action.SETTINGS_CHANGED,
            lambda: ", ".join(str(form.fields[name].label) for name in form.changed_data) or "–",
            by=request.user,
            fields=form.changed_data,
        )
        messages.success(request, _("The jury settings were saved."))
        return redirect("jury:staff_home")
    seats = round.jury_seats.select_related("organisation", "user")
    submitted = dict(
        Review.objects.submitted()
        .filter(seat__round=round)
        .values_list("seat_id")
        .annotate(count=Count("pk"))
    )
    context = {
        "round": round,
        "form": form,
        "settings": jury_settings,
        "seats": [(seat, submitted.get(seat.pk, 0)) for seat in seats],
        "pool_size": pool(round).count(),
        "criteria": Criterion.objects.all(),
        "steps": scale_steps(),
    }
    return render(request, "jury/staff_home.html", context)


@login_required
def staff_conflicts(request):
    permissions.require_jury_staff(request)
    round = current_round()
    form = StaffConflictForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        services.declare_conflict(by=request.user, **form.cleaned_data)
        messages.success(request, _("The tie was recorded."))
        return redirect("jury:staff_conflicts")
    context = {
        "round": round,
        "form": form,
        "conflicts": Conflict.objects.filter(seat__round=round).select_related(
            "seat__user", "seat__organisation", "municipality__county", "county", "recorded_by"
        ),
        "recusal_count": len(recused_pairs(round)),
    }
    return render(request, "jury/staff_conflicts.html", context)


@login_required
def staff_ranking(request):
    permissions.require_jury_staff(request)
    round = current_round()
    round_result = round_results(round)
    context = {
        "round": round,
        "results": round_result,
        "rows": ranking_rows(round_result, staff_links=True),
        "settings": JurySettings.for_round(round),
    }
    return render(request, "jury/staff_ranking.html", context)


@login_required
def staff_challenge(request, pk):
    permissions.require_jury_staff(request)
    round = current_round()
    application = get_object_or_404(pool(round).select_related("municipality__county"), pk=pk)
    criteria = list(Criterion.objects.all())
    recused_seats = {
        seat_id for application_id, seat_id in recused_pairs(round) if application_id == pk
    }
    context = {
        "round": round,
        "application": application,
        "panel": challenge_panel(application, criteria),
        "criteria": criteria,
        "recused": round.jury_seats.filter(pk__in=recused_seats).select_related("user"),
        "reviews": application.reviews.select_related("seat__user").order_by("seat__order"),
    }
    return render(request, "jury/staff_challenge.html", context)


@login_required
def staff_calibration(request):
    permissions.require_jury_staff(request)
    round = current_round()
    round_result = round_results(round)
    context = {
        "round": round,
        "results": round_result,
        "jurors": [(seat, round_result.calibration.get(seat.pk)) for seat in round_result.seats],
        "normalised": sorted(
            ranking_rows(round_result), key=lambda row: int(row["normalised_rank"])
        ),
    }
    return render(request, "jury/staff_calibration.html", context)


@login_required
def staff_decision(request):
    """Staff select the municipalities; the geography of the selection is shown beside it."""
    permissions.require_jury_staff(request)
    round = current_round()
    jury_settings = JurySettings.for_round(round)
    round_result = round_results(round)
    decisions = {
        decision.application_id: decision
        for decision in Decision.objects.filter(round=round, outcome=Decision.Outcome.SELECTED)
    }
    form = SelectionForm(
        request.POST or None,
        ranking=round_result.ranking,
        applications=round_result.applications,
        decisions=decisions,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_selection(
                round,
                selected=form.selected(),
                justifications=form.justifications(),
                ranks={result.application_id: result.rank for result in round_result.ranking},
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The selection is saved. It stays pending until published.")
            )
            return redirect("jury:staff_decision")
    chosen = [round_result.applications[pk] for pk in decisions]
    counties = sorted({application.municipality.county.name for application in chosen})
    context = {
        "round": round,
        "form": form,
        "settings": jury_settings,
        "chosen": chosen,
        "counties": counties,
        "publish_form": PublishForm(),
        "templates": services.notification_templates(round),
    }
    return render(request, "jury/staff_decision.html", context)


@login_required
@require_POST
def staff_publish(request):
    permissions.require_jury_staff(request)
    round = current_round()
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm before publishing."))
        return redirect("jury:staff_decision")
    try:
        decisions = services.publish_decision(
            round, by=request.user, attach_profiles=form.cleaned_data["attach_profiles"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("jury:staff_decision")
    if decisions:
        messages.success(request, _("The decision is published and the e-mails are on their way."))
    else:
        messages.info(request, _("The decision was already published. Nothing was sent again."))
    return redirect("jury:staff_decision")


@login_required
def staff_templates(request):
    permissions.require_jury_staff(request)
    round = current_round()
    templates = services.notification_templates(round)
    forms = [
        (key, NotificationTemplateForm(request.POST or None, instance=template, prefix=key))
        for key, template in templates.items()
    ]
    if request.method == "POST" and all(form.is_valid() for _key, form in forms):
        for _key, form in forms:
            form.save()
        messages.success(request, _("The e-mail texts were saved."))
        return redirect("jury:staff_templates")
    return render(request, "jury/staff_templates.html", {"round": round, "forms": forms})


@login_required
def staff_audit(request):
    permissions.require_jury_staff(request)
    round = current_round()
    entries = AuditEntry.objects.filter(round=round).select_related("actor", "application")[:500]
    criterion_names = {criterion.pk: criterion.name for criterion in Criterion.objects.all()}
    rows = [(entry, entry.details(criterion_names)) for entry in entries]
    return render(request, "jury/staff_audit.html", {"round": round, "rows": rows})


@login_required
def export_csv(request):
    permissions.require_jury_staff(request)
    round = current_round()
    response = HttpResponse(exports.scores_csv(round), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jury-scores-{round.slug}.csv"'
    return response


@login_required
def export_xlsx(request):
    permissions.require_jury_staff(request)
    round = current_round()
    response = HttpResponse(
        exports.scores_xlsx(round),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="jury-scores-{round.slug}.xlsx"'
    return response


@login_required
def report_pdf(request):
    permissions.require_jury_staff(request)
    round = current_round()
    response = HttpResponse(exports.report_pdf(round), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="jury-report-{round.slug}.pdf"'
    return response
