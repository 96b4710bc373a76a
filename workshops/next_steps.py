"""What municipalities and county councils should do next about workshops (Min side)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.dashboard import NextStep
from municipalities.models import Municipality
from workshops.models import Registration, Workshop


def workshop_steps(user, now) -> list[NextStep]:
    """Open workshops the person's municipality has nobody registered for yet."""
    municipality_ids = user.roles.municipality_ids
    if not municipality_ids:
        return []
    registered = set(
        Registration.objects.active()
        .filter(municipality_id__in=municipality_ids, workshop__starts_at__gt=now)
        .values_list("workshop_id", "municipality_id")
    )
    upcoming = list(
        Workshop.objects.filter(starts_at__gt=now)
        .select_related("round")
        .prefetch_related("round__deadlines")
        .order_by("starts_at")
    )
    visible = set()
    for round in {workshop.round for workshop in upcoming}:
        visible |= set(Workshop.objects.visible_to(user, round).values_list("pk", flat=True))
    workshops = [
        workshop
        for workshop in upcoming
        if workshop.pk in visible and workshop.accepts_registrations_at(now)
    ]
    steps = []
    for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by("name"):
        missing = [
            workshop for workshop in workshops if (workshop.pk, municipality.pk) not in registered
        ]
        if missing:
            steps.append(
                NextStep(
                    role=municipality.name,
                    text=_("Register for the workshops (%(count)s open)") % {"count": len(missing)},
                    url=reverse("workshops:list"),
                    due=min(workshop.registration_closes_at() for workshop in missing),
                    details=[str(workshop) for workshop in missing],
                )
            )
    return steps
