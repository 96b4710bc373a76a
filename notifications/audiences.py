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


def audience_choices() -> list[tuple[str, str]]:
    return [(key, item.label) for key, item in AUDIENCES.items()]
