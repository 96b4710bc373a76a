"""Setting up a round: from a template round, or from the programme's defaults.

``phases`` is the timeline and knows none of its users, yet a new round needs
the rows other apps keep per round (the jury's criteria, scale, settings and
e-mail texts; the reminder rules). So each such app registers a *round
copier* from its ``AppConfig.ready()``::

    from phases.services import register_round_copier

    class JuryConfig(AppConfig):
        def ready(self):
            register_round_copier("jury", copy_jury_rows)

A copier is ``copier(copy: RoundCopy) -> None``. ``copy.template`` is the
round to copy from, or None for a round made without a template: the app then
creates its programme defaults for ``copy.round`` (and does nothing when the
round has them already, so it can be called twice). ``copy.shift(moment)``
moves a template date to the new round; ``copy.deadlines`` maps each template
deadline's pk to its copy. Copiers run in registration (INSTALLED_APPS) order,
inside the transaction of ``copy_round`` or ``create_round``.

Dates move by the offset between the new start and the template's first
phase start, counted in Norwegian wall-clock time: a 09:00 deadline in
Europe/Oslo stays 09:00 even when the offset crosses a change to or from
summer time.
"""

from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from phases.models import Deadline, Phase, Round
from phases.programme import PROGRAMME_PHASES

OSLO = ZoneInfo("Europe/Oslo")

ROUND_FIELDS = [
    "intro_nb",
    "intro_en",
    "contact_name",
    "contact_email",
    "max_challenges_per_municipality",
    "selected_municipality_count",
]
PHASE_FIELDS = [
    "number",
    "name_nb",
    "name_en",
    "description_nb",
    "description_en",
    "workshop_registration_open",
    "accepts_applications",
    "jury_scoring_open",
    "accepts_proposals",
    "partners_can_follow",
]


@dataclass
class RoundCopy:
    """What a round copier gets: the template (or None), the new round and the date shift."""

    round: Round
    template: Round | None
    by: object = None
    offset: timedelta = timedelta(0)
    deadlines: dict[int, Deadline] = field(default_factory=dict)

    def shift(self, moment: datetime | None) -> datetime | None:
        """``moment`` moved by the offset, keeping its wall-clock time in Europe/Oslo."""
        if moment is None:
            return None
        local = timezone.localtime(moment, OSLO).replace(tzinfo=None)
        return (local + self.offset).replace(tzinfo=OSLO)


RoundCopier = Callable[[RoundCopy], None]
_copiers: dict[str, RoundCopier] = {}


def register_round_copier(name: str, copier: RoundCopier) -> None:
    """Let an app copy its per-round rows into a new round. Call from ``AppConfig.ready()``."""
    _copiers[name] = copier


def round_copiers() -> dict[str, RoundCopier]:
    return dict(_copiers)


def wall_clock_offset(start: datetime, new_start: datetime) -> timedelta:
    """How far ``new_start`` lies from ``start`` on a Norwegian wall clock."""
    return timezone.localtime(new_start, OSLO).replace(tzinfo=None) - timezone.localtime(
        start, OSLO
    ).replace(tzinfo=None)


def template_start(template: Round) -> datetime | None:
    first = template.phases.order_by("starts_at").first()
    return first.starts_at if first else None


def start_on(template: Round | None, day: date) -> datetime:
    """The new round's start on ``day``, at the template's starting time of day (Oslo)."""
    start = template_start(template) if template else None
    at = timezone.localtime(start, OSLO).time() if start else time(0, 0)
    return datetime.combine(day, at, tzinfo=OSLO)


def add_app_defaults(round: Round, *, by=None) -> None:
    """Give ``round`` every app's programme defaults it lacks (criteria, scale, …).

    For rounds made outside ``create_round``, such as seeded demo rounds.
    Side effects: whatever the registered copiers create.
    """
    with transaction.atomic():
        copy = RoundCopy(round=round, template=None, by=by)
        for copier in _copiers.values():
            copier(copy)


add_app_defaults.alters_data = True


def create_round(*, name: str, slug: str, starts_at: datetime, by=None, **fields) -> Round:
    """A new round with the programme's five phases laid out from ``starts_at``.

    The phases have the names, texts and capability flags of the programme
    (``phases.programme``) and typical lengths, for staff to date; every
    registered app adds its defaults. The round starts unpublished.
    Side effects: creates the Round, its Phases and the apps' default rows.
    """
    start = timezone.localtime(starts_at, OSLO).replace(tzinfo=None)
    with transaction.atomic():
        round = Round.objects.create(name=name, slug=slug, is_published=False, **fields)
        for values in PROGRAMME_PHASES:
            values = dict(values)
            months_from, months_to = values.pop("months")
            Phase.objects.create(
                round=round,
                starts_at=add_months(start, months_from).replace(tzinfo=OSLO),
                ends_at=add_months(start, months_to).replace(tzinfo=OSLO),
                **values,
            )
        add_app_defaults(round, by=by)
    return round


create_round.alters_data = True


def copy_round(template: Round, *, name: str, slug: str, starts_at: datetime, by=None) -> Round:
    """A new round copied from ``template``, every date moved to start at ``starts_at``.

    Copies the round's texts and numbers, its phases (names, texts, capability
    flags) and deadlines, then runs every registered copier (jury criteria,
    scale, settings and e-mail texts; reminder rules and their texts). The
    offset is ``starts_at`` minus the template's first phase start, in Oslo
    wall-clock time. The copy starts unpublished and not pinned as current.
    Side effects: creates the Round and all the copied rows.
    """
    first = template_start(template)
    offset = wall_clock_offset(first, starts_at) if first else timedelta(0)
    with transaction.atomic():
        round = Round.objects.create(
            name=name,
            slug=slug,
            is_published=False,
            **{field: getattr(template, field) for field in ROUND_FIELDS},
        )
        copy = RoundCopy(round=round, template=template, by=by, offset=offset)
        for phase in template.phases.order_by("number"):
            Phase.objects.create(
                round=round,
                starts_at=copy.shift(phase.starts_at),
                ends_at=copy.shift(phase.ends_at),
                **{field: getattr(phase, field) for field in PHASE_FIELDS},
            )
        for deadline in template.deadlines.all():
            copy.deadlines[deadline.pk] = Deadline.objects.create(
                round=round,
                key=deadline.key,
                name_nb=deadline.name_nb,
                name_en=deadline.name_en,
                at=copy.shift(deadline.at),
            )
        for copier in _copiers.values():
            copier(copy)
    return round


copy_round.alters_data = True


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` later; the 31st becomes the month's last day."""
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))
