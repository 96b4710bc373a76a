from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
