from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gnist.access import require_staff
from phases import services
from phases.forms import DeadlineFormSet, NewRoundForm, PhaseFormSet, RoundForm
from phases.models import Round


def round_list(request):
    rounds = Round.objects.published().with_span().order_by("-span_start")
    return render(request, "phases/round_list.html", {"rounds": rounds, "now": timezone.now()})


@login_required
def staff_home(request):
    require_staff(request)
    rounds = (
        Round.objects.with_span()
        .annotate(phase_count=Count("phases", distinct=True))
        .order_by("-span_start")
    )
    current = Round.objects.current()
    return render(
        request,
        "phases/staff_home.html",
        {"rounds": rounds, "current": current, "now": timezone.now()},
    )


@login_required
def staff_round_create(request):
    """A new round: copied from a template round with every date moved, or from the
    programme's five phases. Staff then date and edit it on the round page."""
    require_staff(request)
    form = NewRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        template = data["template"]
        starts_at = services.start_on(template, data["starts_on"])
        if template is not None:
            round = services.copy_round(
                template, name=data["name"], slug=data["slug"], starts_at=starts_at, by=request.user
            )
        else:
            round = services.create_round(
                name=data["name"], slug=data["slug"], starts_at=starts_at, by=request.user
            )
        messages.success(
            request, _("%(round)s was created. Check its dates and texts below.") % {"round": round}
        )
        return redirect("phases:staff_round_edit", slug=round.slug)
    return render(request, "phases/staff_round_new.html", {"form": form})


@login_required
def staff_round_edit(request, slug):
    """The round, its phases and its deadlines on one page."""
    require_staff(request)
    round = get_object_or_404(Round, slug=slug)
    data = request.POST if request.method == "POST" else None
    form = RoundForm(data, instance=round)
    phases = PhaseFormSet(data, instance=round, prefix="phases")
    deadlines = DeadlineFormSet(data, instance=round, prefix="deadlines")
    if data is not None:
        valid = form.is_valid() & phases.is_valid() & deadlines.is_valid()
        if valid and deadlines.check_inside(*phases.span()):
            with transaction.atomic():
                round = form.save()
                phases.save()
                deadlines.save()
            messages.success(request, _("%(round)s was saved.") % {"round": round})
            return redirect("phases:staff_round_edit", slug=round.slug)
        messages.error(request, _("Please correct the errors below. Nothing has been saved yet."))
    return render(
        request,
        "phases/staff_round_edit.html",
        {"form": form, "phases": phases, "deadlines": deadlines, "round": round},
    )
