"""What municipalities and county councils should do next with their challenges (Min side)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.dashboard import NextStep
from applications.models import Application
from applications.services import missing_for_submission
from municipalities.models import Municipality
from phases.models import Round


def challenge_steps(user, now) -> list[NextStep]:
    roles = user.roles
    steps = []
    if roles.municipality_ids:
        steps += municipality_steps(user, roles.municipality_ids, now)
    if roles.county_ids:
        steps += county_steps(roles.county_ids, now)
    return steps


def municipality_steps(user, municipality_ids, now) -> list[NextStep]:
    steps = []
    drafts = Application.objects.filter(
        municipality_id__in=municipality_ids, status=Application.Status.DRAFT
    ).select_related("municipality", "round")
    for application in drafts:
        if not application.is_open_at(now):
            continue
        missing = missing_for_submission(application)
        steps.append(
            NextStep(
                role=application.municipality.name,
                text=_("Finish and submit the challenge “%(title)s”") % {"title": application},
                url=reverse("applications:edit", args=[application.pk]),
                due=application.submission_deadline,
                details=[missing_summary(missing)],
            )
        )
    open_rounds = Round.objects.filter(
        phases__starts_at__lte=now, phases__ends_at__gt=now, phases__accepts_applications=True
    ).distinct()
    for round in open_rounds:
        taken = set(
            Application.objects.for_round(round)
            .active()
            .filter(municipality_id__in=municipality_ids)
            .values_list("municipality_id", flat=True)
        )
        deadline = round.deadline_at("challenge_submission")
        for municipality in Municipality.objects.filter(pk__in=municipality_ids).exclude(
            pk__in=taken
        ):
            steps.append(
                NextStep(
                    role=municipality.name,
                    text=_("Write %(municipality)s's challenge for %(round)s")
                    % {"municipality": municipality.name, "round": round},
                    url=reverse("applications:mine"),
                    due=deadline,
                )
            )
    return steps


def county_steps(county_ids, now) -> list[NextStep]:
    waiting = (
        Application.objects.filter(
            municipality__county_id__in=county_ids,
            status__in=[Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW],
            county_support__isnull=True,
        )
        .select_related("municipality__county", "round")
        .order_by("municipality__name")
    )
    return [
        NextStep(
            role=application.municipality.county.council_name,
            text=_("Support %(municipality)s's challenge “%(title)s”")
            % {"municipality": application.municipality.name, "title": application},
            url=reverse("applications:county_support", args=[application.pk]),
            due=application.round.deadline_at("jury_meeting"),
        )
        for application in waiting
    ]


def missing_summary(missing: list[str], shown: int = 3) -> str:
    """What is still missing, the first few by name (the edit page lists them all)."""
    if not missing:
        return _("Everything is filled in: it is ready to submit.")
    if len(missing) <= shown:
        return _("Still missing: %(fields)s") % {"fields": ", ".join(missing)}
    return _("Still missing: %(fields)s and %(count)s more") % {
        "fields": ", ".join(missing[:shown]),
        "count": len(missing) - shown,
    }
