from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    number = models.CharField(_("county number"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=200)
    council_name = models.CharField(_("county council"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__regex=r"^[0-9]{2}$"),
                name="municipalities_county_number_two_digits",
            )
        ]

    def __str__(self):
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_county(self, county):
        return self.filter(county=county)

    def for_picker(self):
        return self.active().select_related("county").order_by("county__number", Lower("name"))


class Municipality(models.Model):
    number = models.CharField(_("municipality number"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=200)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    is_active = models.BooleanField(_("active"), default=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
        help_text=_("Set when the municipality was merged into another."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__regex=r"^[0-9]{4}$"),
                name="municipalities_municipality_number_four_digits",
            )
        ]

    def __str__(self):
        # Herøy and Våler each exist twice: the county is always part of the label.
        return f"{self.name} ({self.county.name})"
