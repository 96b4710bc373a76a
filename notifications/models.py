"""The e-mail outbox and deadline reminders.

Every e-mail is first a row in ``OutboxMessage``, written in the transaction
that causes it; a Celery task delivers it. A reminder is a row per recipient,
deadline and offset (``Reminder``), so it can only ever be created once.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gnist.i18n import translated
from notifications.audiences import AUDIENCES

OSLO = ZoneInfo("Europe/Oslo")


class OutboxMessageQuerySet(models.QuerySet):
    def to_address(self, email: str):
        """Messages with ``email`` among the recipients, newest first (the JSON list's text)."""
        return self.filter(to__icontains=f'"{email}"').order_by("-created_at", "-pk")

    def due(self, at=None):
        """Queued rows whose (back-off) time has come."""
        return self.filter(
            status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=at or timezone.now()
        )

    def stuck(self, at=None):
        """Rows claimed by a worker that died before it could mark them sent or failed."""
        at = at or timezone.now()
        lease = timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT)
        return self.filter(status=OutboxMessage.Status.SENDING, claimed_at__lt=at - lease)


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=100)
    to = models.JSONField(_("recipients"), default=list)
    language = models.CharField(_("language"), max_length=2, default="nb")
    from_email = models.CharField(_("sender"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="notifications_outboxmessage_sent_has_time",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def message_id(self) -> str:
        """Stable Message-ID: a re-delivery of the same row is the same message to every MTA."""
        return f"<outbox-{self.pk}@{settings.OUTBOX_MESSAGE_ID_DOMAIN}>"

    def claim(self, at=None) -> bool:
        """Take the row for delivery. Only one worker wins, however many tasks run."""
        at = at or timezone.now()
        return bool(
            OutboxMessage.objects.filter(pk=self.pk, status=self.Status.QUEUED).update(
                status=self.Status.SENDING, claimed_at=at, attempts=F("attempts") + 1
            )
        )

    claim.alters_data = True

    def mark_sent(self, at=None) -> bool:
        at = at or timezone.now()
        return bool(
            OutboxMessage.objects.filter(pk=self.pk, status=self.Status.SENDING).update(
                status=self.Status.SENT, sent_at=at, last_error=""
            )
        )

    mark_sent.alters_data = True

    def mark_attempt_failed(self, error: str, at=None) -> str:
        """Back to the queue with exponential back-off, or failed after the last attempt."""
        at = at or timezone.now()
        self.refresh_from_db(fields=["attempts"])
        if self.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            status, next_at = self.Status.FAILED, at
        else:
            status = self.Status.QUEUED
            next_at = at + timedelta(seconds=backoff_seconds(self.attempts))
        OutboxMessage.objects.filter(pk=self.pk, status=self.Status.SENDING).update(
            status=status, last_error=error[:2000], next_attempt_at=next_at
        )
        return status

    mark_attempt_failed.alters_data = True

    def requeue(self, at=None) -> bool:
        """Give a failed message (or one whose worker died) a fresh set of attempts."""
        at = at or timezone.now()
        return bool(
            OutboxMessage.objects.filter(
                pk=self.pk, status__in=[self.Status.FAILED, self.Status.SENDING]
            ).update(status=self.Status.QUEUED, attempts=0, next_attempt_at=at, claimed_at=None)
        )

    requeue.alters_data = True


def backoff_seconds(attempts: int) -> int:
    """30 s, 60 s, 120 s, … capped at one hour."""
    return min(settings.OUTBOX_BACKOFF_BASE * 2 ** max(attempts - 1, 0), 3600)


class OutboxAttachment(models.Model):
    message = models.ForeignKey(
        OutboxMessage,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("message"),
    )
    filename = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"))
    mimetype = models.CharField(_("content type"), max_length=100)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename


def parse_offsets(value: str) -> list[int]:
    """``"14, 3, 1"`` → ``[14, 3, 1]``; raises ValidationError on anything else."""
    try:
        offsets = sorted({int(part) for part in value.split(",") if part.strip()}, reverse=True)
    except ValueError as exc:
        raise ValidationError(_("Write whole days separated by commas, e.g. 14, 3, 1.")) from exc
    if not offsets or any(days < 0 or days > 365 for days in offsets):
        raise ValidationError(_("Give at least one offset between 0 and 365 days."))
    return offsets


def validate_offsets(value: str) -> None:
    parse_offsets(value)


class ReminderRuleQuerySet(models.QuerySet):
    def active(self, at=None):
        """Rules that may still send: not paused, and the deadline has not passed."""
        return self.filter(paused=False, deadline__at__gt=at or timezone.now())


class ReminderRule(models.Model):
    """Who is reminded of a deadline, when, and with which words."""

    deadline = models.ForeignKey(
        "phases.Deadline",
        on_delete=models.CASCADE,
        related_name="reminder_rules",
        verbose_name=_("deadline"),
    )
    audience = models.CharField(_("audience"), max_length=40)
    offsets = models.CharField(
        _("days before"),
        max_length=100,
        default="14, 3, 1",
        validators=[validate_offsets],
        help_text=_("Whole days before the deadline, separated by commas."),
    )
    send_time = models.TimeField(
        _("time of day"), default=time(9, 0), help_text=_("Norwegian time.")
    )
    paused = models.BooleanField(_("paused"), default=False)
    subject_nb = models.CharField(_("subject (Norwegian)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    message_nb = models.TextField(_("message (Norwegian)"), blank=True)
    message_en = models.TextField(_("message (English)"), blank=True)

    objects = ReminderRuleQuerySet.as_manager()

    class Meta:
        ordering = ["deadline__at", "audience"]
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "audience"], name="notifications_reminderrule_one_per_audience"
            )
        ]

    def __str__(self):
        return f"{self.deadline} – {self.get_audience_display()}"

    def get_absolute_url(self):
        return reverse("notifications:staff_reminder", args=[self.pk])

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.save(update_fields=["paused"])

    set_paused.alters_data = True

    def get_audience_display(self) -> str:
        audience = AUDIENCES.get(self.audience)
        return str(audience.label) if audience else self.audience

    # English readers get the Norwegian text when no English is written, never the
    # other way round: Norwegian is the programme's language.
    @property
    def subject(self) -> str:
        return translated(self.subject_nb, self.subject_en) if self.subject_nb else ""

    @property
    def message(self) -> str:
        return translated(self.message_nb, self.message_en) if self.message_nb else ""

    @property
    def offset_days(self) -> list[int]:
        return parse_offsets(self.offsets)

    def due_at(self, days_before: int) -> datetime:
        """``days_before`` days before the deadline's date, at ``send_time`` Norwegian time.

        Built on the calendar date in Europe/Oslo, so 09:00 stays 09:00 across a
        daylight-saving change.
        """
        day = timezone.localtime(self.deadline.at, OSLO).date() - timedelta(days=days_before)
        return datetime.combine(day, self.send_time, tzinfo=OSLO)

    def schedule(self) -> list[tuple[int, datetime]]:
        """Every offset with its send time, earliest first, before the deadline only."""
        times = [(days, self.due_at(days)) for days in self.offset_days]
        return [(days, at) for days, at in times if at < self.deadline.at]

    def offset_due_at(self, moment) -> int | None:
        """The latest offset whose time has come at ``moment``, while the deadline is ahead.

        After downtime, only the newest missed reminder is sent: nobody gets the
        14-day and the 3-day reminder in one morning, and nothing after the deadline.
        """
        if self.paused or moment >= self.deadline.at:
            return None
        due = [days for days, at in self.schedule() if at <= moment]
        return min(due) if due else None

    def next_send_at(self, moment):
        upcoming = [at for _days, at in self.schedule() if at > moment]
        return min(upcoming) if upcoming else None


class Reminder(models.Model):
    """One reminder to one person about one deadline at one offset. Created once, ever."""

    rule = models.ForeignKey(
        ReminderRule, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("rule")
    )
    deadline = models.ForeignKey(
        "phases.Deadline",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("deadline"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    days_before = models.PositiveSmallIntegerField(_("days before"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    message = models.OneToOneField(
        OutboxMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminder",
        verbose_name=_("e-mail"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "user", "days_before"], name="notifications_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.deadline} ({self.days_before})"


class WorkshopReminder(models.Model):
    """The one reminder a registered attendee gets before a workshop, with the meeting link."""

    registration = models.OneToOneField(
        "workshops.Registration",
        on_delete=models.CASCADE,
        related_name="reminder",
        verbose_name=_("registration"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    message = models.OneToOneField(
        OutboxMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_reminder",
        verbose_name=_("e-mail"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workshop reminder")
        verbose_name_plural = _("workshop reminders")

    def __str__(self):
        return str(self.registration)
