from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from accounts.models import (
    CountyMembership,
    Department,
    Invitation,
    MunicipalityMembership,
    Organisation,
    OrganisationMembership,
    ProjectLeader,
    User,
)
from jury.models import JurySeat
from municipalities.models import County, Municipality
from phases.models import Deadline, Phase, Round
from phases.programme import PROGRAMME_PHASES
from phases.services import add_app_defaults

OSLO = ZoneInfo("Europe/Oslo")
PASSWORD = "correct-horse-battery-staple"


def oslo(*args):
    return datetime(*args, tzinfo=OSLO)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    full_name = factory.Faker("name", locale="no_NO")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(obj, generate_totp_secret())


def county(number: str) -> County:
    return County.objects.get(number=number)


def municipality(number: str) -> Municipality:
    return Municipality.objects.get(number=number)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisasjon {n} AS")
    kind = Organisation.Kind.BUSINESS


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class MunicipalityMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityMembership

    user = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(lambda: municipality("3427"))
    department = Department.PLANNING


class CountyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountyMembership

    user = factory.SubFactory(UserFactory)
    county = factory.LazyFunction(lambda: county("34"))


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Gnist {2020 + n}")
    slug = factory.Sequence(lambda n: f"round-{n}")

    @factory.post_generation
    def app_defaults(obj, create, extracted, **kwargs):
        """Every round has its own criteria and scale, as a round made in the portal has."""
        if create and extracted is not False:
            add_app_defaults(obj)

    @factory.post_generation
    def phases(obj, create, extracted, **kwargs):
        """``phases=start`` adds five back-to-back phases of 30 days from ``start``."""
        if create and extracted:
            start = extracted
            for number in range(1, 6):
                PhaseFactory(
                    round=obj,
                    number=number,
                    starts_at=start + timedelta(days=30 * (number - 1)),
                    ends_at=start + timedelta(days=30 * number),
                )


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    round = factory.SubFactory(RoundFactory)
    number = 1
    name_nb = factory.LazyAttribute(lambda o: f"Fase {o.number}")
    name_en = factory.LazyAttribute(lambda o: f"Phase {o.number}")
    starts_at = factory.LazyFunction(lambda: oslo(2020, 10, 1))
    ends_at = factory.LazyFunction(lambda: oslo(2021, 1, 1))
    # The capability flags of the programme's phase with this number.
    workshop_registration_open = factory.LazyAttribute(
        lambda o: programme_flag(o, "workshop_registration_open")
    )
    accepts_applications = factory.LazyAttribute(
        lambda o: programme_flag(o, "accepts_applications")
    )
    jury_scoring_open = factory.LazyAttribute(lambda o: programme_flag(o, "jury_scoring_open"))
    accepts_proposals = factory.LazyAttribute(lambda o: programme_flag(o, "accepts_proposals"))
    partners_can_follow = factory.LazyAttribute(lambda o: programme_flag(o, "partners_can_follow"))


def programme_flag(phase, flag: str) -> bool:
    if not 1 <= phase.number <= len(PROGRAMME_PHASES):
        return False
    return PROGRAMME_PHASES[phase.number - 1].get(flag, False)


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    round = factory.SubFactory(RoundFactory)
    key = Deadline.Key.CHALLENGE_SUBMISSION
    name_nb = "Innsendingsfrist"
    name_en = "Submission deadline"
    at = factory.LazyFunction(lambda: oslo(2020, 12, 11, 23, 59))


class ProjectLeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectLeader

    round = factory.SubFactory(RoundFactory)
    municipality = factory.LazyFunction(lambda: municipality("3427"))
    user = factory.SubFactory(UserFactory)


class JurySeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JurySeat

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PARTNER)
    user = factory.SubFactory(UserFactory, mfa=True)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invited{n}@example.no")
    municipality = factory.LazyFunction(lambda: municipality("3427"))
    department = Department.PLANNING
    invited_by = factory.SubFactory(UserFactory, is_staff=True)


class WorkshopFactory(factory.django.DjangoModelFactory):
    """An open phase-1 workshop of the round, ten days from now, without a seat limit."""

    class Meta:
        model = "workshops.Workshop"

    round = factory.SubFactory(RoundFactory)
    phase = factory.LazyAttribute(lambda o: o.round.phases.order_by("number").first())
    title_nb = factory.Sequence(lambda n: f"Workshop {n}: Stedsutvikling")
    title_en = factory.Sequence(lambda n: f"Workshop {n}: Place development")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    meeting_url = "https://meet.example.no/gnist"


class WorkshopRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.Registration"

    workshop = factory.SubFactory(WorkshopFactory)
    municipality = factory.LazyFunction(lambda: municipality("3427"))
    full_name = factory.Faker("name", locale="no_NO")
    email = factory.Sequence(lambda n: f"attendee{n}@tynset.kommune.no")
    department = Department.PLANNING


class WorkshopMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.Material"

    workshop = factory.SubFactory(WorkshopFactory)
    kind = "file"
    title_nb = "Presentasjon"
    title_en = "Presentation"
    file = factory.django.FileField(filename="presentasjon.pdf", data=b"%PDF-1.4\n%%EOF\n")
    original_name = "presentasjon.pdf"
    content_type = "application/pdf"
    size = 14


class SelectedApplicationFactory(factory.django.DjangoModelFactory):
    """A municipality's challenge selected in a round: the audience of restricted workshops."""

    class Meta:
        model = "applications.Application"

    round = factory.SubFactory(RoundFactory)
    municipality = factory.LazyFunction(lambda: municipality("3427"))
    status = "selected"
    submitted_at = factory.LazyFunction(timezone.now)
    title = "Utfordring"


class CalendarTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.CalendarToken"

    user = factory.SubFactory(UserFactory)


# Challenges (applications app).
from django.utils import timezone  # noqa: E402

from applications.models import (  # noqa: E402
    Application,
    ApplicationVersion,
    Commitment,
    RoadmapPrinciple,
    SustainableDevelopmentGoal,
)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft with nothing filled in but the title. ``complete=True`` fills in everything
    except the anchoring document (an attachment: see tests/applications)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    municipality = factory.LazyFunction(lambda: municipality("3427"))
    title = factory.Sequence(lambda n: f"Utfordring {n}")

    @factory.post_generation
    def complete(obj, create, extracted, **kwargs):
        if create and extracted:
            fill_in_application(obj)


def fill_in_application(application: Application) -> Application:
    for name in Application.REQUIRED_TEXT_FIELDS:
        if not getattr(application, name):
            setattr(application, name, f"Tekst for {name} – æøå")
    application.project_stage = "planning"
    application.resources_people = 3
    application.resources_hours = 400
    application.resources_nok = 150000
    application.anchoring = "political"
    application.commitments = [choice.value for choice in Commitment]
    if application.project_leader is None:
        leader = application.municipality.memberships.select_related("user").first()
        application.project_leader = leader.user if leader else None
    application.save()
    application.roadmap_principles.set(RoadmapPrinciple.objects.filter(number__in=[1, 3]))
    application.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=[11]))
    return application


def finished_round(years_ago: int) -> Round:
    """A round that ran ``years_ago`` years back (five 30-day phases), named after its years."""
    start = timezone.now() - timedelta(days=365 * years_ago + 15)
    first = start.year
    return RoundFactory(
        name=f"Gnist {first}–{first + 1}", slug=f"{first}-{first + 1}", phases=start
    )


def earlier_rounds(count: int) -> list[Round]:
    """``count - 1`` finished rounds, one a year back, so the database holds ``count`` rounds
    beside the current one's fixture (query-count tests pin pages at one and three rounds)."""
    return [finished_round(years_ago) for years_ago in range(1, count)]


def submitted_application(**kwargs) -> Application:
    """A handed-in challenge with one stored version, without the e-mail side effects."""

    status = kwargs.pop("status", Application.Status.SUBMITTED)
    application = ApplicationFactory(complete=True, **kwargs)
    application.status = status
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    ApplicationVersion.objects.create(
        application=application, number=1, snapshot=application.snapshot()
    )
    return application


# The smallest valid PNG (1 × 1 pixel) and PDF, for uploads.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


# Jury (issue 5)

from jury.models import Conflict, Review, Score  # noqa: E402


class HandedInChallengeFactory(ApplicationFactory):
    """A submitted challenge, as the jury sees it (no stored version, no e-mails)."""

    status = Application.Status.SUBMITTED
    title = factory.Sequence(lambda n: f"Utfordring {n}: levende sentrum")
    summary = "Et sentrum der folk møtes – æøå."
    challenge = "Tomme lokaler i sentrum og lite liv etter arbeidstid."
    submitted_at = factory.LazyFunction(timezone.now)


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    seat = factory.SubFactory(JurySeatFactory)
    municipality = factory.LazyFunction(lambda: municipality("3427"))
    kind = Conflict.Kind.HOME


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    seat = factory.SubFactory(JurySeatFactory)
    application = factory.SubFactory(HandedInChallengeFactory)
    status = Review.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    value = 3
