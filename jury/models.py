from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.roles import role_facts
from gnist.i18n import translated
from gnist.limits import MEDIUM, MESSAGE, SHORT, length_check, limited_text


def oslo_time(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class CriteriaLocked(ValidationError):
    """A round's criteria, weights and scale are frozen once its decision is published."""

    def __init__(self):
        super().__init__(
            _(
                "The jury's decision for this round is published, so its criteria, weights "
                "and scale can no longer be changed."
            ),
            code="criteria_locked",
        )


def criteria_locked(round_id) -> bool:
    """True when the round's decision is published: its results must never change again."""
    if round_id is None:
        return False
    return JurySettings.objects.filter(round_id=round_id, published_at__isnull=False).exists()


class RoundScopedQuerySet(models.QuerySet):
    """Criteria and scale steps belong to a round; rows without a round are the defaults."""

    def for_round(self, round):
        return self.filter(round=round)

    def defaults(self):
        return self.filter(round=None)


class LockedWithRound(models.Model):
    """Refuses to save or delete a row of a round whose decision is published."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A guard, not logic: the admin, the portal and a shell all pass here, and a
        # published round's ranking must stay exactly as it was published.
        if criteria_locked(self.round_id):
            raise CriteriaLocked()
        super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        if criteria_locked(self.round_id):
            raise CriteriaLocked()
        return super().delete(*args, **kwargs)

    delete.alters_data = True

    def clean(self):
        super().clean()
        if criteria_locked(self.round_id):
            raise CriteriaLocked()


class Criterion(LockedWithRound):
    """One of a round's selection criteria (the nine of DOMAIN.md by default), with its weight.

    Rows without a round are the programme's defaults, copied into a round made
    without a template; the jury scores and ranks on the round's own rows.
    """

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("round"),
        help_text=_("Empty for the programme's default criteria."),
    )
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    guidance_nb = limited_text(_("guidance (Norwegian)"), limit=MEDIUM)
    guidance_en = limited_text(_("guidance (English)"), limit=MEDIUM)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)

    objects = RoundScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="jury_criterion_weight_positive"
            ),
            models.UniqueConstraint(
                fields=["round", "key"], name="jury_criterion_one_key_per_round"
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(round=None),
                name="jury_criterion_one_default_per_key",
            ),
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
    """One of the jury's seats in a round: for an organisation, or for an individual expert.

    An expert's seat has no organisation and is known by its published name.
    """

    round = models.ForeignKey(
        "phases.Round", on_delete=models.CASCADE, related_name="jury_seats", verbose_name=_("round")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jury_seats",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for an individual expert without an organisation."),
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
                fields=["round", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="jury_juryseat_one_per_organisation",
                violation_error_message=_("This organisation already has a seat in the round."),
            ),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | ~models.Q(display_name=""),
                name="jury_juryseat_organisation_or_name",
                violation_error_message=_(
                    "Choose an organisation, or give the expert's name for a personal seat."
                ),
            ),
            models.UniqueConstraint(
                fields=["round", "user"],
                condition=models.Q(user__isnull=False),
                name="jury_juryseat_one_seat_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.round})"

    @property
    def label(self) -> str:
        """The organisation the seat is for, or the expert's name for a personal seat."""
        return str(self.organisation) if self.organisation_id else self.display_name


class ScaleStep(LockedWithRound):
    """One step of a round's scoring scale (by default 1–5), with its label.

    Rows without a round are the programme's default scale.
    """

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scale_steps",
        verbose_name=_("round"),
        help_text=_("Empty for the programme's default scale."),
    )
    value = models.PositiveSmallIntegerField(_("value"))
    label_nb = models.CharField(_("label (Norwegian)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)

    objects = RoundScopedQuerySet.as_manager()

    class Meta:
        ordering = ["value"]
        verbose_name = _("scale step")
        verbose_name_plural = _("scale steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0, value__lte=10), name="jury_scalestep_value_0_to_10"
            ),
            models.UniqueConstraint(
                fields=["round", "value"], name="jury_scalestep_one_value_per_round"
            ),
            models.UniqueConstraint(
                fields=["value"],
                condition=models.Q(round=None),
                name="jury_scalestep_one_default_per_value",
            ),
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

    def is_finished_at(self, moment) -> bool:
        """A round's panel is finished once its decision is published or its window closed."""
        closes = self.closes_at
        return self.is_published or bool(closes and moment >= closes)

    def scoring_closed_reason(self, moment) -> str:
        """Why jurors cannot score at ``moment``, or "" while the window is open."""
        opens, closes = self.opens_at, self.closes_at
        if self.is_published:
            return _("The decision is published.")
        if not (opens and closes):
            return _("The scoring window has not been set yet.")
        if moment >= closes:
            return _("The scoring window closed on %(date)s.") % {"date": oslo_time(closes)}
        if moment < opens:
            return _("Scoring opens on %(date)s.") % {"date": oslo_time(opens)}
        return ""


class ConflictQuerySet(models.QuerySet):
    def covering(self, municipality, county):
        """The ties that recuse a juror from a challenge of ``municipality`` in ``county``.

        This is the one rule of recusal (a tie to the municipality or to its county),
        used by every page, export and PDF. The arguments are ids or expressions
        such as ``OuterRef``, so the rule also runs inside a query over many challenges.
        """
        return self.filter(models.Q(municipality=municipality) | models.Q(county=county))


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
    note = limited_text(_("note"), blank=True, limit=SHORT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        ordering = ["seat", "created_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            length_check("note", SHORT, name="jury_conflict_note_length"),
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
        SEAT_ADDED = "seat_added", _("Jury seat added")
        SEAT_REMOVED = "seat_removed", _("Jury seat removed")
        JUROR_INVITED = "juror_invited", _("Juror invited")

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
    body_nb = limited_text(_("text (Norwegian)"), limit=MESSAGE)
    body_en = limited_text(_("text (English)"), limit=MESSAGE)

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
    comment = limited_text(_("overall comment"), blank=True, limit=MEDIUM)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["application", "seat"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            length_check("comment", MEDIUM, name="jury_review_comment_length"),
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
    comment = limited_text(_("comment"), blank=True, limit=MEDIUM)

    class Meta:
        ordering = ["review", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            length_check("comment", MEDIUM, name="jury_score_comment_length"),
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
    justification = limited_text(
        _("justification"),
        blank=True,
        help_text=_("Required when the selection departs from the ranking."),
        limit=SHORT,
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
        constraints = [
            length_check("justification", SHORT, name="jury_decision_justification_length"),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()}"


def seat_roles(user):
    """The role facts the jury knows: the rounds a person holds a seat in."""
    return [role_facts(JurySeat.objects.filter(user=user), "juror_round_ids", "round_id")]
