"""Who receives a deadline reminder: one small function per audience, in one registry.

Each function takes the deadline and returns a QuerySet of active users. Each
app registers the audiences it knows in its own ``audiences.py`` (imported by
its ``AppConfig.ready()``), so the outbox and the reminder machinery import no
app above them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet


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
    return get_user_model().objects.filter(is_active=True)


def audience_choices() -> list[tuple[str, str]]:
    return [(key, item.label) for key, item in AUDIENCES.items()]
