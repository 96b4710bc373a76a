"""The needs description (behovsbeskrivelse) and actor mapping (aktørkartlegging).

Phase 2 → 3 (DOMAIN.md): each selected municipality writes both with the
programme staff. Every save is a new, immutable ``BriefVersion`` with its own
actors and its own PDF; the newest version is the brief of the municipality's
innovation competition.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gnist.limits import LONG, limited_text


class BriefQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see all; members of the municipality and of its county council see theirs."""
        if not user.is_authenticated:
            return self.none()
        roles = user.roles
        if roles.programme_staff:
            return self
        return self.filter(
            Q(municipality_id__in=roles.municipality_ids)
            | Q(municipality__county_id__in=roles.county_ids)
        )


class Brief(models.Model):
    round = models.ForeignKey(
        "phases.Round", on_delete=models.CASCADE, related_name="briefs", verbose_name=_("round")
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="briefs",
        verbose_name=_("municipality"),
    )
    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="brief",
        verbose_name=_("selected challenge"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = BriefQuerySet.as_manager()

    class Meta:
        ordering = ["round", "municipality__name"]
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"], name="briefs_brief_one_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.municipality.name} – {self.round}"

    def get_absolute_url(self):
        return reverse("briefs:detail", args=[self.pk])

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class BriefVersion(models.Model):
    class PdfStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be made")
        RENDERING = "rendering", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    brief = models.ForeignKey(
        Brief, on_delete=models.CASCADE, related_name="versions", verbose_name=_("brief")
    )
    number = models.PositiveIntegerField(_("version"))
    background = limited_text(_("background"), limit=LONG)
    current_situation = limited_text(_("current situation"), limit=LONG)
    target_group_needs = limited_text(
        _("needs of each target group"),
        help_text=_("One paragraph per target group: who they are and what they need."),
        limit=LONG,
    )
    goals = limited_text(_("goals"), limit=LONG)
    constraints = limited_text(_("constraints"), blank=True, limit=LONG)
    success_criteria = limited_text(_("success criteria"), limit=LONG)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    pdf_status = models.CharField(
        _("PDF status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.PENDING
    )
    # Stored only when a render has finished: a failed render never leaves half a file.
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_error = models.TextField(_("PDF error"), blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF made"), null=True, blank=True)
    # A render holds the version until this moment; a worker killed mid-render
    # lets it expire and the sweep queues the version again.
    pdf_lease_until = models.DateTimeField(_("PDF render lease"), null=True, blank=True)

    class Meta:
        ordering = ["brief", "-number"]
        verbose_name = _("brief version")
        verbose_name_plural = _("brief versions")
        constraints = [
            models.UniqueConstraint(fields=["brief", "number"], name="briefs_version_unique"),
            models.CheckConstraint(
                condition=~Q(pdf_status="ready") | Q(pdf__isnull=False),
                name="briefs_version_ready_has_pdf",
            ),
        ]

    def __str__(self):
        return f"{self.brief} v{self.number}"

    def get_pdf_url(self):
        return reverse("briefs:version_pdf", args=[self.brief_id, self.number])

    @property
    def pdf_filename(self) -> str:
        return f"gnist-behov-{self.brief.municipality.number}-v{self.number}.pdf"

    def claim_render(self, at=None) -> bool:
        """Take the version for rendering with a lease of ``PDF_RENDER_LEASE`` seconds.

        A waiting version, or one whose previous render's lease has expired (its
        worker was killed), can be claimed; a second task for a version being
        rendered gets False.
        """
        at = at or timezone.now()
        claimable = Q(pdf_status=self.PdfStatus.PENDING) | Q(
            pdf_status=self.PdfStatus.RENDERING, pdf_lease_until__lt=at
        )
        return bool(
            BriefVersion.objects.filter(claimable, pk=self.pk).update(
                pdf_status=self.PdfStatus.RENDERING,
                pdf_error="",
                pdf_lease_until=at + timedelta(seconds=settings.PDF_RENDER_LEASE),
            )
        )

    claim_render.alters_data = True

    def store_pdf(self, content: bytes) -> None:
        self.pdf, self.pdf_status, self.pdf_error = content, self.PdfStatus.READY, ""
        self.pdf_rendered_at, self.pdf_lease_until = timezone.now(), None
        self.save(
            update_fields=["pdf", "pdf_status", "pdf_error", "pdf_rendered_at", "pdf_lease_until"]
        )

    store_pdf.alters_data = True

    def mark_pdf_failed(self, error: str) -> None:
        self.pdf, self.pdf_status, self.pdf_error = None, self.PdfStatus.FAILED, error[:4000]
        self.pdf_lease_until = None
        self.save(update_fields=["pdf", "pdf_status", "pdf_error", "pdf_lease_until"])

    mark_pdf_failed.alters_data = True

    def request_render(self) -> bool:
        """Send any version back to the queue: failed, stuck or ready (staff's "make again").

        A version being rendered under a live lease is left alone (False).
        """
        now = timezone.now()
        return bool(
            BriefVersion.objects.filter(pk=self.pk)
            .exclude(pdf_status=self.PdfStatus.RENDERING, pdf_lease_until__gte=now)
            .update(pdf_status=self.PdfStatus.PENDING, pdf_lease_until=None)
        )

    request_render.alters_data = True


class Level(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class Actor(models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public sector")
        BUSINESS = "business", _("Business")
        ACADEMIA = "academia", _("Academia")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        CITIZENS = "citizens", _("Citizens")

    version = models.ForeignKey(
        BriefVersion, on_delete=models.CASCADE, related_name="actors", verbose_name=_("version")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=300, blank=True)
    influence = models.PositiveSmallIntegerField(_("influence"), choices=Level.choices)
    interest = models.PositiveSmallIntegerField(_("interest"), choices=Level.choices)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.CheckConstraint(
                condition=Q(influence__gte=1, influence__lte=3, interest__gte=1, interest__lte=3),
                name="briefs_actor_levels_1_to_3",
            )
        ]

    def __str__(self):
        return self.name
