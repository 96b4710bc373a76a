import secrets
from datetime import timedelta
from functools import cached_property

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Roles, role_facts, roles_of
from gnist.i18n import translated


class UserManager(DjangoUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    class Language(models.TextChoices):
        NB = "nb", _("Norwegian Bokmål")
        EN = "en", _("English")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NB
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_programme_staff(self) -> bool:
        # Programme staff (DOGA / Nordic Edge) are Django staff: they also use the admin.
        return self.is_active and self.is_staff

    @cached_property
    def roles(self) -> Roles:
        return roles_of(self)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme owner")
        PARTNER = "partner", _("Partner organisation")
        BUSINESS = "business", _("Business")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    org_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    website = models.URLField(_("website"), blank=True)
    role_nb = models.TextField(_("role in the programme (Norwegian)"), blank=True)
    role_en = models.TextField(_("role in the programme (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(org_number="") | models.Q(org_number__regex=r"^[0-9]{9}$"),
                name="accounts_organisation_org_number_nine_digits",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def role(self) -> str:
        return translated(self.role_nb, self.role_en)


class Department(models.TextChoices):
    PLANNING = "planning", _("Planning")
    BUSINESS_DEVELOPMENT = "business_development", _("Business development")
    OTHER = "other", _("Other")


class OrganisationMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="accounts_organisationmembership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class MunicipalityMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="municipality_memberships",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    department = models.CharField(
        _("department"), max_length=30, choices=Department.choices, default=Department.OTHER
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["municipality__number", "user__full_name"]
        verbose_name = _("municipality membership")
        verbose_name_plural = _("municipality memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="accounts_municipalitymembership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality}"


class CountyMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="county_memberships",
        verbose_name=_("user"),
    )
    county = models.ForeignKey(
        "municipalities.County",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("county"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("county council membership")
        verbose_name_plural = _("county council memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "county"], name="accounts_countymembership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.county.council_name}"


class ProjectLeader(models.Model):
    """The municipality's contact person for one round (DOMAIN.md: prosjektleder)."""

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        related_name="project_leaders",
        verbose_name=_("round"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="project_leaders",
        verbose_name=_("municipality"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_municipalities",
        verbose_name=_("project leader"),
    )
    appointed_at = models.DateTimeField(_("appointed"), auto_now=True)

    class Meta:
        verbose_name = _("project leader")
        verbose_name_plural = _("project leaders")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"], name="accounts_projectleader_one_per_round"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality} ({self.round})"

    def clean(self):
        if (
            self.user_id
            and self.municipality_id
            and not MunicipalityMembership.objects.filter(
                user_id=self.user_id, municipality_id=self.municipality_id
            ).exists()
        ):
            raise ValidationError(
                {"user": _("The project leader must be a member of the municipality.")}
            )


class InvitationQuerySet(models.QuerySet):
    def pending(self, at=None):
        at = at or timezone.now()
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=at)


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("municipality"),
    )
    department = models.CharField(
        _("department"), max_length=30, choices=Department.choices, blank=True
    )
    project_leader_round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project leader for round"),
    )
    county = models.ForeignKey(
        "municipalities.County",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("county"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(municipality__isnull=False, county=None, organisation=None)
                    | models.Q(municipality=None, county__isnull=False, organisation=None)
                    | models.Q(municipality=None, county=None, organisation__isnull=False)
                ),
                name="accounts_invitation_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(project_leader_round=None)
                | models.Q(municipality__isnull=False),
                name="accounts_invitation_leader_needs_municipality",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.target}"

    def get_absolute_url(self):
        return reverse("accounts:invitation_accept", args=[self.token])

    @property
    def target(self):
        return self.municipality or self.county or self.organisation

    @property
    def target_label(self) -> str:
        if self.county_id:
            return self.county.council_name
        return str(self.target)

    def status_at(self, moment) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.expires_at <= moment:
            return self.Status.EXPIRED
        return self.Status.PENDING

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return self.Status(self.status).label


def membership_roles(user):
    """The role facts accounts knows: memberships, project leaders, a verified address."""
    return [
        role_facts(
            MunicipalityMembership.objects.filter(user=user), "municipality_ids", "municipality_id"
        ),
        role_facts(CountyMembership.objects.filter(user=user), "county_ids", "county_id"),
        role_facts(
            ProjectLeader.objects.filter(user=user),
            "led_municipalities",
            "round_id",
            "municipality_id",
        ),
        role_facts(
            OrganisationMembership.objects.filter(
                user=user, organisation__kind=Organisation.Kind.BUSINESS
            ),
            "business_ids",
            "organisation_id",
        ),
        role_facts(
            OrganisationMembership.objects.filter(
                user=user, organisation__kind=Organisation.Kind.PARTNER
            ),
            "partner_ids",
            "organisation_id",
        ),
        role_facts(EmailAddress.objects.filter(user=user, verified=True), "citizen", "pk"),
    ]
