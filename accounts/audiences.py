"""Reminder audiences accounts knows: members, project leaders and county councils.

Registered with notifications (see notifications/audiences.py).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from notifications.audiences import active_users, audience


@audience("municipality_members", _("Members of every municipality"))
def municipality_members(deadline) -> QuerySet:
    return active_users().filter(municipality_memberships__isnull=False).distinct()


@audience("project_leaders", _("Project leaders of the round"))
def project_leaders(deadline) -> QuerySet:
    return active_users().filter(led_municipalities__round_id=deadline.round_id).distinct()


@audience("county_members", _("County council members"))
def county_members(deadline) -> QuerySet:
    return active_users().filter(county_memberships__isnull=False).distinct()
