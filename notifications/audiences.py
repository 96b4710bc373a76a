"""Who receives a deadline reminder: one small function per audience, in one registry.

Each function takes the deadline and returns a QuerySet of active users. A rule
that needs another issue's models (drafts, unscored challenges, workshop
attendance) is added here when those models exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from applications.models import Application
from jury.models import JurySeat, Review
from workshops.models import obligation_status, selected_municipalities


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    users: Callable[..., QuerySet]


AUDIENCES: dict[str, Audience] = {}


def audience(key: str, label):
    def register(function):
        AUDIENCES[key] = Audience(key, label, function)
        return function

    return register


def active_users() -> QuerySet:
    return User.objects.filter(is_active=True)


@audience("municipality_members", _("Members of every municipality"))
def municipality_members(deadline) -> QuerySet:
    return active_users().filter(municipality_memberships__isnull=False).distinct()


@audience("project_leaders", _("Project leaders of the round"))
def project_leaders(deadline) -> QuerySet:
    return active_users().filter(led_municipalities__round_id=deadline.round_id).distinct()


@audience("county_members", _("County council members"))
def county_members(deadline) -> QuerySet:
    return active_users().filter(county_memberships__isnull=False).distinct()


@audience("jurors", _("Jurors of the round"))
def jurors(deadline) -> QuerySet:
    return active_users().filter(jury_seats__round_id=deadline.round_id).distinct()


@audience("draft_applicants", _("Members of municipalities whose challenge is still a draft"))
def draft_applicants(deadline) -> QuerySet:
    drafts = Application.objects.for_round(deadline.round).drafts()
    return (
        active_users()
        .filter(municipality_memberships__municipality_id__in=drafts.values("municipality_id"))
        .distinct()
    )


@audience(
    "county_members_with_drafts",
    _("County council members whose municipalities have a challenge still in draft"),
)
def county_members_with_drafts(deadline) -> QuerySet:
    drafts = Application.objects.for_round(deadline.round).drafts()
    return (
        active_users()
        .filter(county_memberships__county_id__in=drafts.values("municipality__county_id"))
        .distinct()
    )


@audience("jurors_with_unscored", _("Jurors with challenges they have not scored"))
def jurors_with_unscored(deadline) -> QuerySet:
    """Jurors who still have a handed-in challenge to score, leaving out their conflicts."""
    pool = Application.objects.for_round(deadline.round).submitted()
    seats = JurySeat.objects.filter(round_id=deadline.round_id, user__is_active=True)
    user_ids = []
    for seat in seats.prefetch_related("conflicts"):
        conflicts = list(seat.conflicts.all())
        scored = Review.objects.filter(seat=seat, status=Review.Status.SUBMITTED)
        open_items = (
            pool.exclude(pk__in=scored.values("application_id"))
            .exclude(
                municipality_id__in=[c.municipality_id for c in conflicts if c.municipality_id]
            )
            .exclude(municipality__county_id__in=[c.county_id for c in conflicts if c.county_id])
        )
        if open_items.exists():
            user_ids.append(seat.user_id)
    return active_users().filter(pk__in=user_ids)


@audience(
    "selected_with_open_commitments",
    _("Selected municipalities that have not yet met their workshop commitment"),
)
def selected_with_open_commitments(deadline) -> QuerySet:
    """Members of selected municipalities missing a department at an obligation workshop.

    Co-funding commitments are not recorded in the portal yet, so only workshop
    attendance by the two departments counts here.
    """
    municipalities = list(selected_municipalities(deadline.round))
    status = obligation_status(deadline.round, municipalities)
    open_ids = [m.pk for m, cells in status.items() if any(not cell.is_met for cell in cells)]
    return active_users().filter(municipality_memberships__municipality_id__in=open_ids).distinct()


def audience_choices() -> list[tuple[str, str]]:
    return [(key, item.label) for key, item in AUDIENCES.items()]
