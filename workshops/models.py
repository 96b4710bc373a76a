"""Workshops of a round: phase 1 competence workshops and the obligation workshops.

Phase 1 is open and free for every municipality (DOMAIN.md). Later the selected
municipalities send at least two departments (planning and business
development) to the obligation workshops, and each attends a joint workshop
with its county council.
"""

import secrets
import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from gnist.i18n import translated
from municipalities.models import Municipality
from phases.models import Deadline
from phases.selection import selected_municipality_ids

# The two departments a selected municipality must send to each obligation workshop.
REQUIRED_DEPARTMENTS = (Department.PLANNING, Department.BUSINESS_DEVELOPMENT)


class WorkshopQuerySet(models.QuerySet):
    def in_round(self, round):
        return self.filter(round=round)

    def open_to_all(self):
        return self.filter(audience=Workshop.Audience.OPEN)

    def obligations(self):
        return self.filter(counts_for_obligation=True)

    def visible_to(self, user, round):
        """Open workshops for everyone; restricted ones for staff and their audience."""
        if user.is_authenticated and user.roles.programme_staff:
            return self
        if audience_includes(user, round):
            return self
        return self.open_to_all()

    def with_counts(self):
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
            attended_count=Count("registrations", filter=Q(registrations__attended=True)),
        )


class Workshop(models.Model):
    class Audience(models.TextChoices):
        OPEN = "open", _("Open to all municipalities")
        SELECTED = "selected", _("Selected municipalities and their county councils")

    round = models.ForeignKey(
        "phases.Round", on_delete=models.CASCADE, related_name="workshops", verbose_name=_("round")
    )
    phase = models.ForeignKey(
        "phases.Phase",
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("phase"),
    )
    title_nb = models.CharField(_("title (Norwegian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_nb = models.TextField(_("description (Norwegian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    meeting_url = models.URLField(
        _("digital meeting link"),
        blank=True,
        help_text=_("Shown only to registered people."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When full, new attendees join a waiting list."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.OPEN
    )
    counts_for_obligation = models.BooleanField(
        _("obligation workshop"),
        default=False,
        help_text=_(
            "The selected municipalities must send both planning and business development."
        ),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the round's workshop registration deadline."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="workshops_workshop_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="workshops_workshop_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(counts_for_obligation=False) | Q(audience="selected"),
                name="workshops_workshop_obligation_is_restricted",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return translated(self.title_nb, self.title_en)

    @property
    def description(self) -> str:
        return translated(self.description_nb, self.description_en)

    @property
    def is_open_to_all(self) -> bool:
        return self.audience == self.Audience.OPEN

    def registration_closes_at(self):
        """The workshop's own deadline, else the round's, and never later than the start."""
        deadline = self.registration_deadline or self.round.deadline_at(
            Deadline.Key.WORKSHOP_REGISTRATION
        )
        return min(deadline, self.starts_at) if deadline else self.starts_at

    def accepts_registrations_at(self, moment) -> bool:
        # A deadline has passed at its exact moment, as Deadline.has_passed_at says.
        return moment < self.registration_closes_at()

    def has_started_at(self, moment) -> bool:
        return moment >= self.starts_at

    def has_ended_at(self, moment) -> bool:
        return moment >= self.ends_at


def selected_municipalities(round):
    """The municipalities whose challenge was selected in ``round``.

    They and their county councils are the audience of restricted workshops.
    """
    return Municipality.objects.filter(pk__in=selected_municipality_ids(round))


def audience_includes(user, round) -> bool:
    """True when ``user`` belongs to a selected municipality or to its county council."""
    if not user.is_authenticated or round is None:
        return False
    roles = user.roles
    if not roles.municipality_ids and not roles.county_ids:
        return False
    return (
        selected_municipalities(round)
        .filter(Q(pk__in=roles.municipality_ids) | Q(county_id__in=roles.county_ids))
        .exists()
    )


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def per_county(self):
        """Registrations and attendance per county, counting county councils' own attendees."""
        return (
            self.annotate(county_key=Coalesce("municipality__county_id", "county_id"))
            .values("county_key")
            .annotate(registrations=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
            .order_by()
        )

    def for_person(self, user):
        return self.annotate(email_lower=Lower("email")).filter(email_lower=user.email.lower())


class Registration(models.Model):
    """One attendee of one workshop, registered by a member of a municipality or county council.

    Attendees need no account; their language decides the confirmation e-mail's.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("workshop"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_registrations",
        verbose_name=_("municipality"),
    )
    county = models.ForeignKey(
        "municipalities.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_registrations",
        verbose_name=_("county council"),
    )
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    department = models.CharField(_("department"), max_length=30, choices=Department.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=User.Language.choices, default=User.Language.NB
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    attended = models.BooleanField(_("attended"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("attendance marked"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "workshop",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="workshops_registration_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, county=None)
                | Q(municipality=None, county__isnull=False),
                name="workshops_registration_municipality_or_county",
            ),
            models.CheckConstraint(
                condition=Q(attended=False) | Q(status="confirmed"),
                name="workshops_registration_attended_is_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.workshop}"

    @property
    def organisation_label(self) -> str:
        return str(self.municipality) if self.municipality_id else self.county.council_name

    def is_changeable_at(self, moment) -> bool:
        """Attendees can be changed or cancelled until the workshop starts."""
        return self.status != self.Status.CANCELLED and not self.workshop.has_started_at(moment)


def material_upload_to(instance, filename) -> str:
    # The stored name is generated; the person's file name is kept only as data.
    suffix = PurePath(filename).suffix.lower()
    return f"workshops/materials/{uuid.uuid4().hex}{suffix}"


class Material(models.Model):
    """A recording link or an uploaded presentation shared after a workshop."""

    class Kind(models.TextChoices):
        RECORDING = "recording", _("Recording")
        FILE = "file", _("Presentation or other material")

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="materials", verbose_name=_("workshop")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_nb = models.CharField(_("title (Norwegian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=material_upload_to, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        ordering = ["workshop", "kind", "published_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="recording") & ~Q(url="") & Q(file=""))
                | (Q(kind="file") & Q(url="") & ~Q(file="")),
                name="workshops_material_link_or_file",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.kind == self.Kind.RECORDING:
            return self.url
        return reverse("workshops:material_download", args=[self.pk])

    @property
    def title(self) -> str:
        return translated(self.title_nb, self.title_en)


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's private calendar feed URL. Deleting it revokes the feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("user"),
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("workshops:ical_private", args=[self.token])


@dataclass(frozen=True)
class ObligationCell:
    """One selected municipality at one obligation workshop."""

    workshop: Workshop
    present: frozenset
    has_ended: bool

    @property
    def missing(self) -> list:
        return [department for department in REQUIRED_DEPARTMENTS if department not in self.present]

    @property
    def is_met(self) -> bool:
        return not self.missing

    @property
    def present_labels(self) -> list[str]:
        return [Department(department).label for department in sorted(self.present)]

    @property
    def missing_labels(self) -> list[str]:
        return [Department(department).label for department in self.missing]


def obligation_status(round, municipalities, *, at=None) -> dict:
    """Per municipality, per obligation workshop of ``round``: which departments attended.

    Two queries whatever the number of municipalities and workshops.
    """
    at = at or timezone.now()
    workshops = list(Workshop.objects.in_round(round).obligations().select_related("round"))
    municipality_ids = [municipality.pk for municipality in municipalities]
    present: dict[tuple[int, int], set] = {}
    rows = Registration.objects.filter(
        workshop__in=workshops, municipality_id__in=municipality_ids, attended=True
    ).values_list("municipality_id", "workshop_id", "department")
    for municipality_id, workshop_id, department in rows:
        present.setdefault((municipality_id, workshop_id), set()).add(department)
    return {
        municipality: [
            ObligationCell(
                workshop=workshop,
                present=frozenset(present.get((municipality.pk, workshop.pk), ())),
                has_ended=workshop.has_ended_at(at),
            )
            for workshop in workshops
        ]
        for municipality in municipalities
    }
