"""Which municipalities a round selected: a fact of the timeline that many apps need.

The jury selects challenges (applications and jury sit above the timeline), but
workshops, briefs and later phases only need to know *which municipalities*
were selected. The app that owns the selection registers the one provider in
its ``AppConfig.ready()``; every other app asks here, so none of them imports
the challenges.
"""

from collections.abc import Callable

from django.db.models import QuerySet

_provider: list[Callable[..., QuerySet]] = []


def register_selection(provider: Callable[..., QuerySet]) -> None:
    """Set the function that gives a round's selected municipality ids (a values queryset)."""
    _provider[:] = [provider]


def selected_municipality_ids(round) -> QuerySet:
    """A subquery of the ids of the municipalities whose challenge ``round`` selected."""
    (provider,) = _provider
    return provider(round)
