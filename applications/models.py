"""Phase 2 challenges (DOMAIN.md: a municipality's application) and what hangs on them.

The challenge form is structured so each of the nine selection criteria has
something to judge. Status changes go through ``applications.services.change_status``.
"""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gnist.i18n import translated
from phases.models import Deadline


class NumberedReference(models.Model):
    """A numbered reference row with a Norwegian and an English name."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return translated(self.name_nb, self.name_en)


class RoadmapPrinciple(NumberedReference):
    """One of the eight principles of the national roadmap (Nasjonalt veikart). Reference rows."""

    class Meta(NumberedReference.Meta):
        verbose_name = _("roadmap principle")
        verbose_name_plural = _("roadmap principles")


class SustainableDevelopmentGoal(NumberedReference):
    """One of the 17 UN Sustainable Development Goals. Reference rows."""

    class Meta(NumberedReference.Meta):
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")


class Commitment(models.TextChoices):
    """What a selected municipality commits to (DOMAIN.md). Each must be accepted to submit."""

    PROJECT_LEADER = (
        "project_leader",
        _("Name a project leader, the contact person for the whole competition."),
    )
    WORKSHOPS = (
        "workshops",
        _(
            "Send representatives of at least two departments (planning and business development) "
            "to three workshops, January–June."
        ),
    )
    COUNTY_COUNCIL = (
        "county_council",
        _("Bring in the county council (planning and business) as a supporter."),
    )
    CITIZEN_INVOLVEMENT = (
        "citizen_involvement",
        _("Run a citizen-involvement process based on input from DOGA and the partners."),
    )
    LOCAL_BUSINESSES = (
        "local_businesses",
        _("Identify and engage local businesses and other relevant actors."),
    )
    DIALOGUE = (
        "dialogue",
        _("Open a dialogue with the winning team about possible procurement or implementation."),
    )
    FUNDING = (
        "funding",
        _(
            "Put up NOK 150,000, alone or with the county council, for the businesses' further "
            "development of solutions."
        ),
    )


class ProjectStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    EARLY = "early", _("Early phase, started")
    ONGOING = "ongoing", _("Ongoing")


class Anchoring(models.TextChoices):
    NONE = "", _("Not yet decided")
    POLITICAL = "political", _("Political decision")
    ADMINISTRATIVE = "administrative", _("Administrative decision")


class ApplicationQuerySet(models.QuerySet):
    def for_round(self, round):
        return self.filter(round=round)

    def in_county(self, county):
        return self.filter(municipality__county=county)

    def drafts(self):
        return self.filter(status=Application.Status.DRAFT)

    def submitted(self):
        """Handed in and not withdrawn: submitted, under review, selected or not selected."""
        return self.filter(status__in=Application.Status.handed_in())

    def selected(self):
        return self.filter(status=Application.Status.SELECTED)

    def active(self):
        """Every challenge that counts against the round's limit (all but withdrawn)."""
        return self.exclude(status=Application.Status.WITHDRAWN)

    def visible_to(self, user):
        """The challenges ``user`` may open: own municipality's, the county's handed-in
        or shared ones, and every selected challenge. Staff see everything."""
        if not user.is_authenticated:
            return self.selected()
        roles = user.roles
        if roles.programme_staff:
            return self.all()
        county_visible = Q(municipality__county_id__in=roles.county_ids) & (
            Q(status__in=Application.Status.handed_in())
            | Q(status=Application.Status.WITHDRAWN)
            | Q(shared_with_county=True)
        )
        return self.filter(
            Q(municipality_id__in=roles.municipality_ids)
            | county_visible
            | Q(status=Application.Status.SELECTED)
        )

    def with_list_data(self):
        """Everything a list, dashboard or export shows, in a constant number of queries."""
        return (
            self.select_related("municipality__county", "round")
            .prefetch_related("roadmap_principles", "sdgs")
            .annotate(
                has_county_support=Exists(CountySupport.objects.filter(application=OuterRef("pk")))
            )
        )

    def search(self, text: str):
        """Full-text search over the main text fields (icontains; good enough at this size)."""
        query = Q()
        for word in text.split():
            word_query = Q()
            for field in Application.SEARCH_FIELDS:
                word_query |= Q(**{f"{field}__icontains": word})
            query &= word_query
        return self.filter(query)


class Application(models.Model):
    """A municipality's challenge for one round (phase 2)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        UNDER_REVIEW = "under_review", _("Under review")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

        @classmethod
        def handed_in(cls):
            """Statuses the county council and the jury see the content of."""
            return [cls.SUBMITTED, cls.UNDER_REVIEW, cls.SELECTED, cls.NOT_SELECTED]

        @classmethod
        def decided(cls):
            return [cls.SELECTED, cls.NOT_SELECTED]

    # Who may move a challenge from which status to which (applications.services.change_status).
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        # The jury's published selection may decide a submission that was never moved
        # to review explicitly.
        Status.SUBMITTED: {
            Status.WITHDRAWN,
            Status.DRAFT,
            Status.UNDER_REVIEW,
            Status.SELECTED,
            Status.NOT_SELECTED,
        },
        Status.WITHDRAWN: {Status.DRAFT},
        Status.UNDER_REVIEW: {Status.SELECTED, Status.NOT_SELECTED, Status.SUBMITTED},
        Status.SELECTED: {Status.NOT_SELECTED},
        Status.NOT_SELECTED: {Status.SELECTED},
    }

    # Text that must be filled in before submitting (applications.services.missing_for_submission).
    REQUIRED_TEXT_FIELDS = [
        "title",
        "summary",
        "challenge",
        "project",
        "project_stage",
        "project_timeline",
        "goals",
        "roadmap_rationale",
        "sdg_rationale",
        "resources_description",
        "anchoring_description",
        "involvement",
        "technology",
        "departments",
        "county_involvement",
    ]

    # Fields of a submitted version, in form order (snapshot and diff).
    SNAPSHOT_FIELDS = [
        "title",
        "summary",
        "challenge",
        "project",
        "project_stage",
        "project_timeline",
        "goals",
        "roadmap_principles",
        "roadmap_rationale",
        "sdgs",
        "sdg_rationale",
        "resources_people",
        "resources_hours",
        "resources_nok",
        "resources_description",
        "anchoring",
        "anchoring_description",
        "involvement",
        "technology",
        "project_leader",
        "departments",
        "county_involvement",
        "attachments",
    ]

    SEARCH_FIELDS = [
        "title",
        "summary",
        "challenge",
        "project",
        "goals",
        "roadmap_rationale",
        "sdg_rationale",
        "involvement",
        "technology",
        "municipality__name",
    ]

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("round"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    challenge = models.TextField(_("the challenge and its local context"), blank=True)
    project = models.TextField(_("the place-development project it belongs to"), blank=True)
    project_stage = models.CharField(
        _("project stage"), max_length=20, choices=ProjectStage.choices, blank=True
    )
    project_timeline = models.TextField(_("project timeline"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    roadmap_principles = models.ManyToManyField(
        RoadmapPrinciple,
        blank=True,
        related_name="applications",
        verbose_name=_("roadmap principles"),
    )
    roadmap_rationale = models.TextField(_("how it builds on the roadmap"), blank=True)
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="applications",
        verbose_name=_("UN Sustainable Development Goals"),
    )
    sdg_rationale = models.TextField(_("how it supports the goals"), blank=True)
    resources_people = models.PositiveSmallIntegerField(
        _("people allocated"), null=True, blank=True
    )
    resources_hours = models.PositiveIntegerField(_("hours allocated"), null=True, blank=True)
    resources_nok = models.PositiveIntegerField(_("money allocated (NOK)"), null=True, blank=True)
    resources_description = models.TextField(_("resources, described"), blank=True)
    anchoring = models.CharField(
        _("internal anchoring"), max_length=20, choices=Anchoring.choices, blank=True
    )
    anchoring_description = models.TextField(_("the decision, described"), blank=True)
    involvement = models.TextField(
        _("who should be involved (citizens, businesses, academia) and how"), blank=True
    )
    technology = models.TextField(_("the role of new technology and open data"), blank=True)
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project leader"),
    )
    departments = models.TextField(_("departments involved"), blank=True)
    county_involvement = models.TextField(_("the county council's part"), blank=True)
    commitments = models.JSONField(_("accepted commitments"), default=list, blank=True)
    shared_with_county = models.BooleanField(
        _("share the draft with the county council"), default=False
    )
    version = models.PositiveIntegerField(
        _("edit version"),
        default=1,
        help_text=_("Raised by every save; a save based on an older version is refused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__number", "pk"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "withdrawn",
                        "under_review",
                        "selected",
                        "not_selected",
                    ]
                ),
                name="applications_application_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(status="withdrawn") | Q(submitted_at__isnull=False),
                name="applications_application_handed_in_has_time",
            ),
        ]

    def __str__(self):
        return self.title or str(_("Untitled challenge"))

    def get_absolute_url(self):
        return reverse("applications:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def can_change_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @cached_property
    def extension(self):
        return DeadlineExtension.objects.filter(
            round_id=self.round_id, municipality_id=self.municipality_id
        ).first()

    @cached_property
    def submission_deadline(self):
        """The round's challenge deadline, or this municipality's extension when it is later."""
        deadline = self.round.deadline_at(Deadline.Key.CHALLENGE_SUBMISSION)
        if self.extension and (deadline is None or self.extension.until > deadline):
            return self.extension.until
        return deadline

    def is_open_at(self, moment) -> bool:
        """Municipalities may edit, submit, withdraw and reopen until the deadline.

        Without a deadline row, a running phase that accepts applications decides.
        """
        deadline = self.submission_deadline
        if deadline is None:
            return self.round.allows_at("accepts_applications", moment)
        return moment < deadline

    def is_editable_at(self, moment) -> bool:
        return self.status == self.Status.DRAFT and self.is_open_at(moment)

    def snapshot(self) -> dict[str, str]:
        """The content as plain text per field, stored with each submitted version."""
        data = {}
        for name in self.SNAPSHOT_FIELDS:
            if name == "roadmap_principles":
                value = "\n".join(f"{p.number}. {p.name_nb}" for p in self.roadmap_principles.all())
            elif name == "sdgs":
                value = "\n".join(f"{g.number}. {g.name_nb}" for g in self.sdgs.all())
            elif name == "attachments":
                value = "\n".join(a.original_name for a in self.attachments.all())
            elif name == "project_leader":
                leader = self.project_leader
                value = f"{leader.full_name} <{leader.email}>" if leader else ""
            elif name in ("project_stage", "anchoring"):
                value = getattr(self, name)
            else:
                value = getattr(self, name)
                value = "" if value is None else str(value)
            data[name] = value
        return data

    @classmethod
    def field_label(cls, name: str) -> str:
        if name == "attachments":
            return str(_("attachments"))
        return str(cls._meta.get_field(name).verbose_name)


class DeadlineExtension(models.Model):
    """Staff let one municipality submit later than the round's deadline."""

    round = models.ForeignKey(
        "phases.Round",
        on_delete=models.CASCADE,
        related_name="deadline_extensions",
        verbose_name=_("round"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="deadline_extensions",
        verbose_name=_("municipality"),
    )
    until = models.DateTimeField(_("extended until"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"],
                name="applications_deadlineextension_one_per_municipality",
            )
        ]

    def __str__(self):
        return f"{self.municipality} → {self.until:%Y-%m-%d %H:%M}"


class StatusChange(models.Model):
    """Audit row: who moved a challenge from which status to which, when and why."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("challenge"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Application.Status.choices
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Application.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["application", "changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.application}: {self.from_status} → {self.to_status}"


class ApplicationVersion(models.Model):
    """A snapshot of the challenge as it was submitted; staff compare versions."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("challenge"),
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="applications_applicationversion_unique"
            )
        ]

    def __str__(self):
        return f"{self.application} v{self.number}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        ANCHORING = "anchoring", _("Anchoring decision")
        OTHER = "other", _("Other attachment")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("challenge"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to="applications/%Y/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["application", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class CountySupport(models.Model):
    """The county council's confirmation that it supports the municipality's challenge."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="county_support",
        verbose_name=_("challenge"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    statement = models.TextField(_("statement"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now=True)

    class Meta:
        verbose_name = _("county council support")
        verbose_name_plural = _("county council support")

    def __str__(self):
        return f"{self.application} ✓ {self.confirmed_by}"


def selected_municipality_ids(round):
    """The ids of the municipalities whose challenge ``round`` selected (phases.selection)."""
    return Application.objects.for_round(round).selected().values("municipality_id")
