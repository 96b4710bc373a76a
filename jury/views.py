from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Invitation
from applications.models import Application, Attachment
from gnist import exports as spreadsheets
from gnist.downloads import download, download_file
from jury import exports, permissions, services
from jury.forms import (
    ConflictForm,
    CriterionFormSet,
    JurorInvitationForm,
    JurySettingsForm,
    NotificationTemplateForm,
    PublishForm,
    ReviewForm,
    ScaleStepFormSet,
    SeatForm,
    SelectionForm,
    StaffConflictForm,
    scale_steps,
)
from jury.models import (
    AuditEntry,
    Conflict,
    CriteriaLocked,
    Criterion,
    Decision,
    JurySeat,
    JurySettings,
    Review,
    ScaleStep,
    criteria_locked,
)
from jury.results import (
    challenge_panel,
    pool,
    ranking_rows,
    recused_pairs,
    round_results,
)
from phases.models import Round
from phases.picker import QUERY_KEY, RoundChoice, choose_round


def round_choice(request, rounds) -> RoundChoice:
    """The round a jury page is about, among ``rounds``.

    A page shown with GET takes it from the picker (URL, remembered choice,
    current round). A form posts to a URL that names its round (``?round=``),
    so a POST never acts on a choice remembered from another tab; a POST
    without one acts on the current round.
    """
    if request.method == "POST" and not request.GET.get(QUERY_KEY):
        current = Round.objects.current()
        if current is None or not rounds.filter(pk=current.pk).exists():
            raise Http404
        return RoundChoice(current, [current])
    return choose_round(request, rounds)


def juror_round(request) -> RoundChoice:
    """A juror's round, among the rounds they sit on, whatever round is current."""
    round_ids = request.user.roles.juror_round_ids
    if not round_ids:
        raise PermissionDenied
    return round_choice(request, Round.objects.filter(pk__in=round_ids))


def staff_round(request) -> RoundChoice:
    permissions.require_jury_staff(request)
    return round_choice(request, Round.objects.all())


def in_round(name: str, round, **kwargs) -> str:
    """The URL of a round-scoped jury page, naming the round."""
    return f"{reverse(name, kwargs=kwargs or None)}?{urlencode({QUERY_KEY: round.slug})}"


# Jurors


@login_required
def home(request):
    """The juror's challenges of one round they sit on, with progress and the next to score."""
    choice = juror_round(request)
    round = choice.round
    seat = permissions.require_seat(request, round)
    jury_settings = JurySettings.for_round(round)
    now = timezone.now()
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
    finished = jury_settings.is_finished_at(now)
    context = {
        "choice": choice,
        "round": round,
        "seat": seat,
        "settings": jury_settings,
        "rows": rows,
        "done": done,
        "next_unscored": None if finished else next_unscored,
        "recused_count": len(recused),
        "scoring": permissions.scoring_window(jury_settings, now),
        "scoring_open": jury_settings.is_scoring_open_at(now),
        "closed_reason": jury_settings.scoring_closed_reason(now),
        "finished": finished,
    }
    return render(request, "jury/home.html", context)


@login_required
def conflicts(request):
    """The juror declares ties to municipalities or counties, then confirms the list.

    A finished round's list is read-only.
    """
    choice = juror_round(request)
    round = choice.round
    seat = permissions.require_seat(request, round)
    jury_settings = JurySettings.for_round(round)
    now = timezone.now()
    finished = jury_settings.is_finished_at(now)
    form = ConflictForm(request.POST or None, seat=seat)
    if request.method == "POST":
        if finished:
            raise PermissionDenied
        if "confirm" in request.POST:
            services.confirm_conflicts(seat, by=request.user)
            messages.success(request, _("Thank you. Your ties are recorded; you can score now."))
            return redirect(in_round("jury:home", round))
        if form.is_valid():
            services.declare_conflict(seat, by=request.user, **form.cleaned_data)
            messages.success(request, _("The tie was recorded."))
            return redirect(in_round("jury:conflicts", round))
    context = {
        "choice": choice,
        "finished": finished,
        "closed_reason": jury_settings.scoring_closed_reason(now) if finished else "",
        "round": round,
        "seat": seat,
        "form": form,
        "conflicts": seat.conflicts.select_related("municipality__county", "county"),
    }
    return render(request, "jury/conflicts.html", context)


@login_required
@require_POST
def conflict_delete(request, pk):
    conflict = get_object_or_404(Conflict.objects.select_related("seat__round"), pk=pk)
    round = conflict.seat.round
    is_staff = permissions.can_manage_jury(request.user)
    if conflict.seat.user_id != request.user.pk and not is_staff:
        raise PermissionDenied
    if not is_staff and JurySettings.for_round(round).is_finished_at(timezone.now()):
        raise PermissionDenied
    services.remove_conflict(conflict, by=request.user)
    messages.success(request, _("The tie was removed."))
    if is_staff and conflict.seat.user_id != request.user.pk:
        return redirect(in_round("jury:staff_conflicts", round))
    return redirect(in_round("jury:conflicts", round))


@login_required
def score(request, pk):
    """One challenge beside the score form; the panel's scores once the juror has submitted.

    The challenge's own round decides, whatever round is current.
    """
    seat, application = permissions.get_application_for_scoring(request, pk)
    round = application.round
    jury_settings = JurySettings.for_round(round)
    review = Review.objects.filter(seat=seat, application=application).first()
    now = timezone.now()
    scoring = permissions.scoring(seat, application, jury_settings, now)
    may_score = scoring.is_open
    criteria = list(Criterion.objects.for_round(round))
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        steps=scale_steps(round),
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
        "scoring": scoring,
        "settings": jury_settings,
        "attachments": application.attachments.all(),
        "roadmap_principles": application.roadmap_principles.all(),
        "sdgs": application.sdgs.all(),
        "panel": panel,
        "criteria": criteria,
        "declared": seat.conflicts_declared_at is not None,
        "closed_reason": jury_settings.scoring_closed_reason(now),
    }
    return render(request, "jury/score.html", context)


@login_required
def attachment(request, pk, attachment_pk):
    _seat, application = permissions.get_application_for_scoring(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    return download_file(item.file, filename=item.original_name, content_type=item.content_type)


@login_required
def results(request):
    """The ranking for jurors when staff allow it: the challenges they have scored and are
    not recused from, ranked among themselves."""
    if permissions.can_manage_jury(request.user):
        choice = staff_round(request)
    else:
        choice = juror_round(request)
    round = choice.round
    jury_settings = JurySettings.for_round(round)
    if not permissions.can_see_results(request.user, round, jury_settings):
        raise PermissionDenied
    seat = permissions.seat_for(request.user, round)
    round_result = round_results(round)
    only = permissions.results_visible_to(request.user, seat, jury_settings)
    context = {
        "choice": choice,
        "round": round,
        "results": round_result,
        "rows": ranking_rows(round_result, only=only),
        "settings": jury_settings,
        "partial": only is not None,
    }
    return render(request, "jury/results.html", context)


# Staff


@login_required
def staff_home(request):
    choice = staff_round(request)
    round = choice.round
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
        return redirect(in_round("jury:staff_home", round))
    seats = round.jury_seats.select_related("organisation", "user")
    submitted = dict(
        Review.objects.submitted()
        .filter(seat__round=round)
        .values_list("seat_id")
        .annotate(count=Count("pk"))
    )
    context = {
        "choice": choice,
        "round": round,
        "form": form,
        "settings": jury_settings,
        "seats": [(seat, submitted.get(seat.pk, 0)) for seat in seats],
        "pool_size": pool(round).count(),
        "criteria": Criterion.objects.for_round(round),
        "steps": scale_steps(round),
    }
    return render(request, "jury/staff_home.html", context)


@login_required
def staff_seats(request):
    """The round's jury seats: add one (with an invitation), invite, reorder, remove."""
    choice = staff_round(request)
    round = choice.round
    form = SeatForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            seat = services.add_seat(
                round,
                organisation=data["organisation"],
                display_name=data["display_name"],
                by=request.user,
            )
            if data["email"]:
                services.invite_juror(
                    seat, email=data["email"], full_name=data["full_name"], by=request.user
                )
        messages.success(request, _("The seat was added."))
        return redirect(in_round("jury:staff_seats", round))
    seats = list(
        round.jury_seats.select_related("organisation", "user").annotate(
            review_count=Count("reviews")
        )
    )
    pending = {
        invitation.jury_seat_id: invitation
        for invitation in Invitation.objects.pending()
        .filter(jury_seat__round=round)
        .order_by("created_at")
    }
    rows = [
        {
            "seat": seat,
            "invitation": pending.get(seat.pk),
            "invite_form": JurorInvitationForm(prefix=f"seat{seat.pk}"),
            "first": index == 0,
            "last": index == len(seats) - 1,
        }
        for index, seat in enumerate(seats)
    ]
    context = {"choice": choice, "round": round, "form": form, "rows": rows}
    return render(request, "jury/staff_seats.html", context)


@login_required
@require_POST
def staff_seat_move(request, pk):
    permissions.require_jury_staff(request)
    seat = get_object_or_404(JurySeat.objects.select_related("round"), pk=pk)
    services.move_seat(seat, up=request.POST.get("direction") == "up")
    return redirect(in_round("jury:staff_seats", seat.round))


@login_required
@require_POST
def staff_seat_invite(request, pk):
    permissions.require_jury_staff(request)
    seat = get_object_or_404(JurySeat.objects.select_related("round"), pk=pk)
    form = JurorInvitationForm(request.POST, prefix=f"seat{seat.pk}")
    if not form.is_valid():
        messages.error(request, _("Give a valid e-mail address to invite the juror."))
        return redirect(in_round("jury:staff_seats", seat.round))
    try:
        services.invite_juror(seat, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("An invitation was sent to %(email)s.") % form.cleaned_data)
    return redirect(in_round("jury:staff_seats", seat.round))


@login_required
@require_POST
def staff_seat_delete(request, pk):
    permissions.require_jury_staff(request)
    seat = get_object_or_404(JurySeat.objects.select_related("round"), pk=pk)
    try:
        services.remove_seat(seat, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The seat was removed."))
    return redirect(in_round("jury:staff_seats", seat.round))


@login_required
def staff_conflicts(request):
    choice = staff_round(request)
    round = choice.round
    form = StaffConflictForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        services.declare_conflict(by=request.user, **form.cleaned_data)
        messages.success(request, _("The tie was recorded."))
        return redirect(in_round("jury:staff_conflicts", round))
    context = {
        "choice": choice,
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
    choice = staff_round(request)
    round = choice.round
    round_result = round_results(round)
    context = {
        "choice": choice,
        "round": round,
        "results": round_result,
        "rows": ranking_rows(round_result, staff_links=True),
        "settings": JurySettings.for_round(round),
    }
    return render(request, "jury/staff_ranking.html", context)


@login_required
def staff_challenge(request, pk):
    """One challenge's panel, in the challenge's own round."""
    permissions.require_jury_staff(request)
    application = get_object_or_404(
        Application.objects.select_related("municipality__county", "round"), pk=pk
    )
    round = application.round
    if not permissions.is_in_jury_pool(application, round):
        raise Http404
    criteria = list(Criterion.objects.for_round(round))
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
    choice = staff_round(request)
    round = choice.round
    round_result = round_results(round)
    context = {
        "choice": choice,
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
    choice = staff_round(request)
    round = choice.round
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
            return redirect(in_round("jury:staff_decision", round))
    chosen = [round_result.applications[pk] for pk in decisions]
    counties = sorted({application.municipality.county.name for application in chosen})
    context = {
        "choice": choice,
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
    choice = staff_round(request)
    round = choice.round
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm before publishing."))
        return redirect(in_round("jury:staff_decision", round))
    try:
        decisions = services.publish_decision(
            round, by=request.user, attach_profiles=form.cleaned_data["attach_profiles"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(in_round("jury:staff_decision", round))
    if decisions:
        messages.success(request, _("The decision is published and the e-mails are on their way."))
    else:
        messages.info(request, _("The decision was already published. Nothing was sent again."))
    return redirect(in_round("jury:staff_decision", round))


@login_required
def staff_templates(request):
    choice = staff_round(request)
    round = choice.round
    templates = services.notification_templates(round)
    forms = [
        (key, NotificationTemplateForm(request.POST or None, instance=template, prefix=key))
        for key, template in templates.items()
    ]
    if request.method == "POST" and all(form.is_valid() for _key, form in forms):
        for _key, form in forms:
            form.save()
        messages.success(request, _("The e-mail texts were saved."))
        return redirect(in_round("jury:staff_templates", round))
    return render(
        request, "jury/staff_templates.html", {"choice": choice, "round": round, "forms": forms}
    )


@login_required
def staff_audit(request):
    choice = staff_round(request)
    round = choice.round
    entries = AuditEntry.objects.filter(round=round).select_related("actor", "application")[:500]
    criterion_names = {
        criterion.pk: criterion.name for criterion in Criterion.objects.for_round(round)
    }
    rows = [(entry, entry.details(criterion_names)) for entry in entries]
    return render(
        request, "jury/staff_audit.html", {"choice": choice, "round": round, "rows": rows}
    )


@login_required
def export_csv(request):
    round = staff_round(request).round
    return download(
        exports.scores_csv(round),
        filename=f"jury-scores-{round.slug}.csv",
        content_type=spreadsheets.CSV_CONTENT_TYPE,
    )


@login_required
def export_xlsx(request):
    round = staff_round(request).round
    return download(
        exports.scores_xlsx(round),
        filename=f"jury-scores-{round.slug}.xlsx",
        content_type=spreadsheets.XLSX_CONTENT_TYPE,
    )


@login_required
def report_pdf(request):
    round = staff_round(request).round
    return download(
        exports.report_pdf(round),
        filename=f"jury-report-{round.slug}.pdf",
        content_type="application/pdf",
    )


@login_required
def staff_criteria(request, slug):
    """A round's criteria (names, guidance, weights, order) and scale, frozen once published."""
    permissions.require_jury_staff(request)
    round = get_object_or_404(Round, slug=slug)
    locked = criteria_locked(round.pk)
    data = request.POST if request.method == "POST" else None
    criteria = CriterionFormSet(
        data, queryset=Criterion.objects.for_round(round), prefix="criteria", round=round
    )
    steps = ScaleStepFormSet(
        data, queryset=ScaleStep.objects.for_round(round), prefix="steps", round=round
    )
    if data is not None:
        if locked:
            raise PermissionDenied
        if criteria.is_valid() & steps.is_valid():
            try:
                services.save_criteria(round, criteria=criteria, steps=steps, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The criteria and scale were saved."))
                return redirect("jury:staff_criteria", slug=round.slug)
        else:
            messages.error(
                request, _("Please correct the errors below. Nothing has been saved yet.")
            )
    context = {
        "round": round,
        "criteria": criteria,
        "steps": steps,
        "locked": CriteriaLocked().messages[0] if locked else "",
    }
    return render(request, "jury/staff_criteria.html", context)
