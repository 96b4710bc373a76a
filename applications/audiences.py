"""Reminder audiences the challenges know: municipalities with a draft.

Registered with notifications (see notifications/audiences.py).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from notifications.audiences import active_users, audience


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
