from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gnist.access import require_staff
from phases.forms import DeadlineFormSet, PhaseFormSet, RoundForm
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
def staff_round_edit(request, slug=None):
    require_staff(request)
    round = get_object_or_404(Round, slug=slug) if slug else Round()
    data = request.POST if request.method == "POST" else None
    form = RoundForm(data, instance=round)
    phases = PhaseFormSet(data, instance=round, prefix="phases")
    deadlines = DeadlineFormSet(data, instance=round, prefix="deadlines")
    if data is not None:
        if form.is_valid() and phases.is_valid() and deadlines.is_valid():
            with transaction.atomic():
                round = form.save()
                phases.instance = deadlines.instance = round
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
