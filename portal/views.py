"""The public landing and round pages and the progress page: they show every app's part."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from accounts.models import Organisation
from applications.models import Application
from municipalities.models import County
from phases.models import Round
from phases.permissions import ProgressClosed, get_round_for_progress, get_round_for_public
from workshops.models import Registration, Workshop


def round_context(round, now):
    phases = list(round.phases.all())
    return {
        "round": round,
        "now": now,
        "phases": phases,
        "current_phase": next((p for p in phases if p.is_running_at(now)), None),
        "is_running": bool(phases) and phases[0].starts_at <= now < phases[-1].ends_at,
        "has_ended": bool(phases) and phases[-1].ends_at <= now,
        "deadlines": round.deadlines.all(),
        "upcoming_deadlines": round.deadlines.upcoming(now),
        "criteria": round.criteria.all(),
        "jury_seats": round.jury_seats.select_related("organisation"),
        "partners": Organisation.objects.filter(kind=Organisation.Kind.PARTNER, is_active=True),
        "programme_owners": get_text_list(
            [
                str(owner)
                for owner in Organisation.objects.filter(
                    kind=Organisation.Kind.PROGRAMME, is_active=True
                )
            ],
            _("and"),
        ),
        "next_round": Round.objects.published().upcoming(now).exclude(pk=round.pk).first(),
    }


def landing(request):
    now = timezone.now()
    round = Round.objects.published().current(now)
    if round is None:
        return render(request, "portal/no_round.html", {"now": now})
    return render(request, "portal/landing.html", round_context(round, now))


def round_detail(request, slug):
    round = get_round_for_public(request, slug)
    return render(request, "portal/landing.html", round_context(round, timezone.now()))


@login_required
def progress(request, slug):
    """How far the round has come, for staff and (where staff allow) partner members."""
    now = timezone.now()
    try:
        round = get_round_for_progress(request, slug, now)
    except ProgressClosed as closed:
        return render(request, "portal/progress_closed.html", {"reason": closed.reason}, status=403)
    applications = Application.objects.for_round(round)
    status_counts = dict(applications.values_list("status").annotate(count=Count("pk")).order_by())
    by_county = (
        County.objects.filter(is_active=True)
        .annotate(
            drafting=Count(
                "municipalities__applications",
                filter=Q(
                    municipalities__applications__round=round,
                    municipalities__applications__status=Application.Status.DRAFT,
                ),
            ),
            handed_in=Count(
                "municipalities__applications",
                filter=Q(
                    municipalities__applications__round=round,
                    municipalities__applications__status__in=Application.Status.handed_in(),
                ),
            ),
        )
        .order_by("number")
    )
    workshops = (
        Workshop.objects.filter(round=round)
        .annotate(
            municipality_count=Count(
                "registrations__municipality",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
                distinct=True,
            )
        )
        .order_by("starts_at")
    )
    context = {
        "round": round,
        "now": now,
        "phase": round.latest_phase_at(now),
        "statuses": [
            (label, status_counts.get(value, 0)) for value, label in Application.Status.choices
        ],
        "by_county": by_county,
        "workshops": workshops,
        "selected": applications.selected().select_related("municipality__county"),
        "upcoming_deadlines": round.deadlines.upcoming(now),
    }
    return render(request, "portal/progress.html", context)
