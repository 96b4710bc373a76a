from datetime import timedelta

from django.db import models
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gnist.i18n import translated


class RoundQuerySet(models.QuerySet):
    def with_span(self):
        return self.annotate(span_start=Min("phases__starts_at"), span_end=Max("phases__ends_at"))

    def current(self, at=None):
        """The round the portal is about now.

        Staff may pin one round as current. Otherwise the round running at ``at``
        wins, else the latest round that has started, else the first upcoming one.
        """
        at = at or timezone.now()
        pinned = self.filter(is_current=True).first()
        if pinned:
            return pinned
        rounds = self.with_span()
        running = rounds.filter(span_start__lte=at, span_end__gt=at).order_by("-span_start")
        started = rounds.filter(span_start__lte=at).order_by("-span_start")
        return running.first() or started.first() or rounds.order_by("span_start").first()

    def upcoming(self, at=None):
        at = at or timezone.now()
        return self.with_span().filter(span_start__gt=at).order_by("span_start")

    def published(self):
        return self.filter(is_published=True)


class Round(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    intro_nb = models.TextField(_("introduction (Norwegian)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_current = models.BooleanField(
        _("pinned as current"),
        default=False,
        help_text=_("Only one round can be pinned. Without a pin, the dates decide."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    max_challenges_per_municipality = models.PositiveSmallIntegerField(
        _("challenges per municipality"), default=1
    )
    selected_municipality_count = models.PositiveSmallIntegerField(
        _("municipalities to select"), default=3
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-slug"]
        verbose_name = _("programme round")
        verbose_name_plural = _("programme rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="phases_round_one_current",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:round", args=[self.slug])

    @property
    def intro(self) -> str:
        return translated(self.intro_nb, self.intro_en)

    def phase_at(self, moment):
        """The phase running at ``moment``, or None between and outside phases."""
        return self.phases.at(moment).first()

    def is_running_at(self, moment) -> bool:
        span = self.phases.aggregate(start=Min("starts_at"), end=Max("ends_at"))
        return bool(span["start"] and span["start"] <= moment < span["end"])

    def deadline_at(self, key):
        """The time of the round's deadline of kind ``key``; uses prefetched deadlines if any."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("deadlines")
        if prefetched is not None:
            return next((deadline.at for deadline in prefetched if deadline.key == key), None)
        return self.deadlines.filter(key=key).values_list("at", flat=True).first()

    def latest_phase_at(self, moment):
        """The running phase, or the one that ended last before ``moment``."""
        return self.phases.filter(starts_at__lte=moment).order_by("-starts_at").first()

    def allows_at(self, capability: str, moment) -> bool:
        """True when a phase running at ``moment`` has the capability flag set."""
        return self.phases.at(moment).filter(**{capability: True}).exists()


class PhaseQuerySet(models.QuerySet):
    def at(self, moment):
        # Half-open interval: a phase that ends at 00:00 is over at 00:00.
        return self.filter(starts_at__lte=moment, ends_at__gt=moment)

    def current(self, round=None):
        phases = self.at(timezone.now())
        if round is not None:
            phases = phases.filter(round=round)
        return phases.select_related("round").first()


class Phase(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="phases", verbose_name=_("round")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name_nb = models.CharField(_("name (Norwegian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nb = models.TextField(_("description (Norwegian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    workshop_registration_open = models.BooleanField(_("workshop registration open"), default=False)
    accepts_applications = models.BooleanField(_("challenge submission open"), default=False)
    jury_scoring_open = models.BooleanField(_("jury scoring open"), default=False)
    accepts_proposals = models.BooleanField(_("solution proposals open"), default=False)
    partners_can_follow = models.BooleanField(_("partners can follow progress"), default=False)

    objects = PhaseQuerySet.as_manager()

    class Meta:
        ordering = ["round", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="phases_phase_number_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=5),
                name="phases_phase_number_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="phases_phase_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return translated(self.name_nb, self.name_en)

    @property
    def description(self) -> str:
        return translated(self.description_nb, self.description_en)

    def is_running_at(self, moment) -> bool:
        return self.starts_at <= moment < self.ends_at

    @property
    def last_moment(self):
        """The end shown to people: a phase ending 1 January at 00:00 lasts through 31 December."""
        return self.ends_at - timedelta(seconds=1)


class DeadlineQuerySet(models.QuerySet):
    def upcoming(self, at=None):
        return self.filter(at__gt=at or timezone.now()).order_by("at")


class Deadline(models.Model):
    class Key(models.TextChoices):
        WORKSHOP_REGISTRATION = "workshop_registration", _("Workshop registration")
        CHALLENGE_SUBMISSION = "challenge_submission", _("Challenge submission")
        JURY_MEETING = "jury_meeting", _("Jury meeting")
        SELECTION_ANNOUNCED = "selection_announced", _("Selection announced")
        PROPOSAL_SUBMISSION = "proposal_submission", _("Solution proposals")
        AWARDS_ANNOUNCED = "awards_announced", _("Winners announced")
        OTHER = "other", _("Other")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("round")
    )
    key = models.CharField(_("kind"), max_length=40, choices=Key.choices)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    at = models.DateTimeField(_("time"))

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["round", "at"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "key"],
                condition=~models.Q(key="other"),
                name="phases_deadline_one_per_key",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return translated(self.name_nb, self.name_en)

    def has_passed_at(self, moment) -> bool:
        return moment >= self.at
