"""What one person is in the programme, read in one query.

Each app knows its own role facts: accounts knows memberships, project leaders
and verified addresses; the jury knows its seats; later apps know theirs. An
app registers a *role source* in its ``AppConfig.ready()``: a function that
takes a user and returns a list of querysets of ``(fact, first, second)`` rows
made with ``role_facts``. ``User.roles`` unions every source into one SQL query and folds
the rows into a ``Roles`` value, so accounts imports no programme app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import CharField, F, IntegerField, QuerySet, Value

RoleSource = Callable[..., list[QuerySet]]

_sources: list[RoleSource] = []


@dataclass(frozen=True)
class Roles:
    """Every role one person holds, read once per request."""

    programme_staff: bool = False
    juror_round_ids: frozenset = field(default_factory=frozenset)
    municipality_ids: frozenset = field(default_factory=frozenset)
    led_municipalities: frozenset = field(default_factory=frozenset)  # (round_id, municipality_id)
    county_ids: frozenset = field(default_factory=frozenset)
    business_ids: frozenset = field(default_factory=frozenset)
    partner_ids: frozenset = field(default_factory=frozenset)
    citizen: bool = False

    @property
    def requires_mfa(self) -> bool:
        return self.programme_staff or bool(self.juror_round_ids)


# A fact names the Roles field it fills; pairs fill a set of (first, second).
PAIR_FACTS = {"led_municipalities"}
FLAG_FACTS = {"citizen"}


def register_role_source(source: RoleSource) -> None:
    """Add an app's role source; called from ``AppConfig.ready()``. Idempotent."""
    if source not in _sources:
        _sources.append(source)


def role_facts(queryset: QuerySet, fact: str, first: str, second: str | None = None) -> QuerySet:
    """Rows ``(fact, first, second)`` of ``queryset``, ready to be unioned with other sources."""
    return (
        queryset.order_by()
        .annotate(
            role_fact=Value(fact, output_field=CharField()),
            role_first=F(first),
            role_second=F(second) if second else Value(0, output_field=IntegerField()),
        )
        .values_list("role_fact", "role_first", "role_second")
    )


def roles_of(user) -> Roles:
    """The roles of an active user, from one query over every registered source."""
    if not user.is_active:
        return Roles()
    found: dict[str, set] = {}
    if _sources:
        first, *rest = (queryset for source in _sources for queryset in source(user))
        for fact, a, b in first.union(*rest, all=True):
            found.setdefault(fact, set()).add((a, b) if fact in PAIR_FACTS else a)
    values = {
        name: frozenset(found.get(name, ()))
        for name in Roles.__dataclass_fields__
        if name not in FLAG_FACTS and name != "programme_staff"
    }
    return Roles(
        programme_staff=user.is_programme_staff,
        citizen=bool(found.get("citizen")),
        **values,
    )
