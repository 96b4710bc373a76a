from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import role_facts
from gnist.i18n import translated


class Criterion(models.Model):
    """One of the nine selection criteria of phase 2 (DOMAIN.md). Reference rows."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    guidance_nb = models.TextField(_("guidance (Norwegian)"))
    guidance_en = models.TextField(_("guidance (English)"))
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)

    class Meta:
        ordering = ["order"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="jury_criterion_weight_positive"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return translated(self.name_nb, self.name_en)

    @property
    def guidance(self) -> str:
        return translated(self.guidance_nb, self.guidance_en)


class JurySeat(models.Model):
    """One of the jury's seats in a round, held by a person from an organisation."""

    round = models.ForeignKey(
        "phases.Round", on_delete=models.CASCADE, related_name="jury_seats", verbose_name=_("round")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="jury_seats",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jury_seats",
        verbose_name=_("juror"),
    )
    display_name = models.CharField(
        _("published name"),
        max_length=200,
        blank=True,
        help_text=_("The juror's name as shown on the public round page."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    conflicts_declared_at = models.DateTimeField(
        _("conflicts declared"),
        null=True,
        blank=True,
        help_text=_("When the juror last confirmed their list of ties. Scoring waits for it."),
    )

    class Meta:
        ordering = ["round", "order"]
        verbose_name = _("jury seat")
        verbose_name_plural = _("jury seats")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="jury_juryseat_one_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["round", "user"],
                condition=models.Q(user__isnull=False),
                name="jury_juryseat_one_seat_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.round})"


class ScaleStep(models.Model):
    """One step of the scoring scale (by default 1–5), with its label. Reference rows."""

    value = models.PositiveSmallIntegerField(_("value"), unique=True)
    label_nb = models.CharField(_("label (Norwegian)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)

    class Meta:
        ordering = ["value"]
        verbose_name = _("scale step")
        verbose_name_plural = _("scale steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0, value__lte=10), name="jury_scalestep_value_0_to_10"
            )
        ]

    def __str__(self):
        return f"{self.value} – {self.label}"

    @property
    def label(self) -> str:
        return translated(self.label_nb, self.label_en)


class JurySettings(models.Model):
    """The jury's rules for one round. Empty times fall back to the round's deadlines."""

    round = models.OneToOneField(
        "phases.Round",
        on_delete=models.CASCADE,
        related_name="jury_settings",
        verbose_name=_("round"),
    )
    scoring_opens_at = models.DateTimeField(
        _("scoring opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open scoring at the challenge submission deadline."),
    )
    scoring_closes_at = models.DateTimeField(
        _("scoring closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close scoring at the jury meeting."),
    )
    jurors_see_results = models.BooleanField(
        _("jurors see panel results"),
        default=False,
        help_text=_(
            "When on, a juror who has submitted their scores for a challenge sees the panel's "
            "scores for it, and the results pages."
        ),
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        default=5,
        help_text=_("Challenges with fewer scores than this are flagged."),
    )
    published_at = models.DateTimeField(_("decision published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("jury settings")
        verbose_name_plural = _("jury settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scoring_opens_at=None)
                | models.Q(scoring_closes_at=None)
                | models.Q(scoring_closes_at__gt=models.F("scoring_opens_at")),
                name="jury_jurysettings_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(quorum__gte=1), name="jury_jurysettings_quorum_positive"
            ),
        ]

    def __str__(self):
        return str(self.round)

    @classmethod
    def for_round(cls, round) -> "JurySettings":
        jury_settings, _created = cls.objects.select_related("round").get_or_create(round=round)
        return jury_settings

    @cached_property
    def _deadlines(self) -> dict:
        return dict(
            self.round.deadlines.filter(
                key__in=["challenge_submission", "jury_meeting"]
            ).values_list("key", "at")
        )

    @property
    def opens_at(self):
        return self.scoring_opens_at or self._deadlines.get("challenge_submission")

    @property
    def closes_at(self):
        return self.scoring_closes_at or self._deadlines.get("jury_meeting")

    def is_scoring_open_at(self, moment) -> bool:
        """Scoring runs from the submission deadline up to (not including) the jury meeting."""
        opens, closes = self.opens_at, self.closes_at
        return bool(opens and closes and opens <= moment < closes)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Conflict(models.Model):
    """A juror's tie to a municipality or a county: the juror is recused from its challenges."""

    class Kind(models.TextChoices):
        HOME = "home", _("Lives there")
        EMPLOYER = "employer", _("Employer")
        BOARD = "board", _("Board or council member")
        FAMILY = "family", _("Family")
        OTHER = "other", _("Other")

    seat = models.ForeignKey(
        JurySeat, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("jury seat")
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    county = models.ForeignKey(
        "municipalities.County",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
        help_text=_("A tie to a county recuses the juror from every municipality in it."),
    )
    kind = models.CharField(_("kind of tie"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["seat", "created_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False, county=None)
                | models.Q(municipality=None, county__isnull=False),
                name="jury_conflict_municipality_or_county",
                violation_error_message=_("Choose either a municipality or a county."),
            ),
            models.UniqueConstraint(
                fields=["seat", "municipality"],
                condition=models.Q(municipality__isnull=False),
                name="jury_conflict_one_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["seat", "county"],
                condition=models.Q(county__isnull=False),
                name="jury_conflict_one_per_county",
            ),
        ]

    def __str__(self):
        return f"{self.seat.user}: {self.target} ({self.get_kind_display()})"

    @property
    def target(self):
        return self.municipality or self.county

    def covers(self, municipality) -> bool:
        if self.municipality_id:
            return self.municipality_id == municipality.pk
        return self.county_id == municipality.county_id


class AuditEntry(models.Model):
    """One line of the jury's audit trail: score changes, conflicts and decisions."""

    class Action(models.TextChoices):
        SETTINGS_CHANGED = "settings_changed", _("Jury settings changed")
        CONFLICT_DECLARED = "conflict_declared", _("Conflict declared")
        CONFLICT_REMOVED = "conflict_removed", _("Conflict removed")
        NO_CONFLICTS_DECLARED = "no_conflicts_declared", _("No conflicts declared")
        SCORES_SAVED = "scores_saved", _("Scores saved as draft")
        SCORES_SUBMITTED = "scores_submitted", _("Scores submitted")
        DECISION_RECORDED = "decision_recorded", _("Decision recorded")
        DECISION_PUBLISHED = "decision_published", _("Decision published")
        NOTIFICATION_SENT = "notification_sent", _("Notification sent")

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        related_name="jury_audit_entries",
        verbose_name=_("round"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("challenge"),
    )
    summary = models.CharField(_("summary"), max_length=500)
    summary_en = models.CharField(_("summary (English)"), max_length=500, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}: {self.summary}"

    @property
    def summary_text(self) -> str:
        """The summary in the reader's language (older entries have only bokmål)."""
        return translated(self.summary, self.summary_en)

    def details(self, criterion_names: dict[int, str] | None = None) -> list[tuple[str, str]]:
        """``data`` as (label, value) pairs in the active language, for people to read."""
        criterion_names = criterion_names or {}
        labels = {
            "juror": _("juror (user number)"),
            "municipality": _("municipality number"),
            "county": _("county number"),
            "kind": _("kind of tie"),
            "note": _("note"),
            "recused_from": _("recused from (challenge numbers)"),
            "changes": _("score changes"),
            "selected": _("selected (challenge numbers)"),
            "justifications": _("justifications"),
            "fields": _("changed settings"),
            "attach_profiles": _("score profiles attached"),
            "outcome": _("outcome"),
            "profile": _("score profile attached"),
        }
        setting_labels = {
            field.name: str(field.verbose_name)
            for field in JurySettings._meta.get_fields()
            if hasattr(field, "verbose_name")
        }
        pairs = []
        for key, value in self.data.items():
            if value in (None, "", [], {}):
                continue
            if isinstance(value, bool):
                text = str(_("yes") if value else _("no"))
            elif key == "kind" and value in Conflict.Kind.values:
                text = str(Conflict.Kind(value).label)
            elif key == "outcome" and value in Decision.Outcome.values:
                text = str(Decision.Outcome(value).label)
            elif key == "fields":
                text = ", ".join(setting_labels.get(name, name) for name in value)
            elif key == "changes":
                text = "; ".join(
                    f"{criterion_names.get(int(pk), pk)}: {old if old is not None else '–'} → {new}"
                    for pk, (old, new) in value.items()
                )
            elif isinstance(value, dict):
                text = "; ".join(f"{k}: {v}" for k, v in value.items())
            elif isinstance(value, list):
                text = ", ".join(str(item) for item in value)
            else:
                text = str(value)
            pairs.append((str(labels.get(key, key)), text))
        return pairs


class NotificationTemplate(models.Model):
    """Editable text of the e-mails sent when the decision is published."""

    class Key(models.TextChoices):
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        related_name="jury_notification_templates",
        verbose_name=_("round"),
    )
    key = models.CharField(_("outcome"), max_length=20, choices=Key.choices)
    subject_nb = models.CharField(_("subject (Norwegian)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_nb = models.TextField(_("text (Norwegian)"))
    body_en = models.TextField(_("text (English)"))

    class Meta:
        ordering = ["round", "key"]
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "key"], name="jury_notificationtemplate_one_per_outcome"
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.get_key_display()}"

    def subject_in(self, language: str) -> str:
        return self.subject_en if language == "en" and self.subject_en else self.subject_nb

    def body_in(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body_nb


class ReviewQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=Review.Status.SUBMITTED)


class Review(models.Model):
    """One juror's scores for one challenge: a draft until the juror submits it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    seat = models.ForeignKey(
        JurySeat, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("jury seat")
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("challenge"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    comment = models.TextField(_("overall comment"), blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["application", "seat"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "application"], name="jury_review_one_per_juror_and_challenge"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="jury_review_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.seat.user} → {self.application}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Score(models.Model):
    """The value one juror gave one criterion of one challenge. Empty value: abstained."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, help_text=_("Empty when the juror abstains.")
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["review", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="jury_score_one_per_review_and_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(value=None) | models.Q(value__gte=0, value__lte=10),
                name="jury_score_value_0_to_10",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Decision(models.Model):
    """Staff's decision on one challenge. Pending until the round's decision is published."""

    class Outcome(models.TextChoices):
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        related_name="jury_decisions",
        verbose_name=_("round"),
    )
    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="jury_decision",
        verbose_name=_("challenge"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    rank = models.PositiveIntegerField(_("rank when decided"), null=True, blank=True)
    justification = models.TextField(
        _("justification"),
        blank=True,
        help_text=_("Required when the selection departs from the ranking."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now=True)
    notified_at = models.DateTimeField(_("municipality notified"), null=True, blank=True)

    class Meta:
        ordering = ["round", "rank"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()}"


def seat_roles(user):
    """The role facts the jury knows: the rounds a person holds a seat in."""
    return [role_facts(JurySeat.objects.filter(user=user), "juror_round_ids", "round_id")]
