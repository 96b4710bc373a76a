from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

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


# Jury (issue 5)
from django.utils import timezone  # noqa: E402

from applications.models import Application  # noqa: E402
from jury.models import Conflict, Review, Score  # noqa: E402


class HandedInChallengeFactory(factory.django.DjangoModelFactory):
    """A submitted challenge, as the jury sees it."""

    class Meta:
        model = Application

    round = factory.SubFactory(RoundFactory)
    municipality = factory.LazyFunction(lambda: municipality("3427"))
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
