"""The cast: one named persona per role, as STYLE.md describes.

Two municipalities in two counties: Tynset (Innlandet, 34) and Utsira
(Rogaland, 11). The current round runs from a month ago, so it is "now".
"""

from datetime import timedelta
from itertools import chain
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone, translation

from accounts.models import ErasureRequest, Organisation
from applications.models import Attachment
from applications.services import add_attachment
from gnist.celery import app as celery_app
from jury.models import JurySettings
from municipalities.models import County

# Fixtures defined in other modules, re-exported so pytest finds them.
from tests.briefs.fixtures import tynset_brief, tynset_brief_ready, tynset_brief_v1  # noqa: F401
from tests.celery_worker import (  # noqa: F401
    celery_worker,
    celery_worker_session,
    django_db_modify_db_settings,
)
from tests.factories import (
    PNG_BYTES,
    ApplicationFactory,
    CalendarTokenFactory,
    ConflictFactory,
    CountyMembershipFactory,
    DeadlineFactory,
    HandedInChallengeFactory,
    InvitationFactory,
    JurySeatFactory,
    MunicipalityMembershipFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    ProjectLeaderFactory,
    RoundFactory,
    SelectedApplicationFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopMaterialFactory,
    WorkshopRegistrationFactory,
    county,
    finished_round,
    municipality,
    submitted_application,
)
from tests.notifications.fixtures import failed_message, reminder_rule  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_and_local(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Parallel test processes must not share (and clear) one Redis cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Rate limits live in the cache: each test starts with none used.
    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end sessions other processes left on it.

    A Celery worker killed mid-task or a test thread can leave a PostgreSQL
    session behind for a moment, and DROP DATABASE refuses while one exists.
    """
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def local_models():
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).parent == settings.BASE_DIR
        for model in config.get_models()
    ]


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup, django_db_blocker) -> str:
    """The rows our migrations load (municipalities, criteria, …), serialized once."""
    with django_db_blocker.unblock():
        return serializers.serialize(
            "json", chain.from_iterable(model._default_manager.all() for model in local_models())
        )


@pytest.fixture(autouse=True)
def _reference_data(request, django_db_blocker):
    """Put the migrated reference rows back after a transactional test flushed them.

    Flushing after a transactional test (browser, real worker) empties every
    table, reference data included. Reloading happens in autocommit, before the
    test's own transaction starts, so it is paid once per flush.
    """
    uses_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    if not uses_db:
        return
    migrated = request.getfixturevalue("_migrated_data")
    with django_db_blocker.unblock():
        if not County.objects.exists():
            with transaction.atomic(), connection.constraint_checks_disabled():
                for obj in serializers.deserialize("json", migrated):
                    obj.save()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English must not leave English active for the next test's reverse()."""
    translation.activate("nb")
    yield
    translation.activate("nb")


@pytest.fixture(autouse=True)
def _eager_tasks(request):
    """Tasks run in-process unless a test asks for the real worker (``real_worker`` marker)."""
    if request.node.get_closest_marker("real_worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def current_round(db):
    return RoundFactory(
        name="Gnist 2026–2027", slug="2026-2027", phases=timezone.now() - timedelta(days=15)
    )


@pytest.fixture
def last_round(db):
    """Last year's round, finished: its five phases ended long before the current round began,
    its challenge deadline and jury meeting (the scoring window) long past."""
    round = finished_round(1)
    phases = {phase.number: phase for phase in round.phases.all()}
    DeadlineFactory(round=round, key="challenge_submission", at=phases[2].ends_at)
    DeadlineFactory(
        round=round,
        key="jury_meeting",
        name_nb="Jurymøte",
        name_en="Jury meeting",
        at=phases[3].ends_at,
    )
    return round


@pytest.fixture
def tynset_last_year(last_round, tynset):
    """Tynset's challenge in last year's round, submitted, with a workshop of that round."""
    WorkshopFactory(round=last_round, title_nb="Fjorårets workshop")
    return submitted_application(
        round=last_round, municipality=tynset, title="Fjorårets utfordring: tomme lokaler"
    )


@pytest.fixture
def tynset():
    return municipality("3427")


@pytest.fixture
def utsira():
    return municipality("1151")


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@doga.no", full_name="Siri Stab", is_staff=True, mfa=True)


@pytest.fixture
def staff_without_mfa(db):
    """Programme staff who has not turned on TOTP: the role gives nothing until they do."""
    return UserFactory(email="stab2@doga.no", full_name="Stian Stab", is_staff=True)


@pytest.fixture
def municipality_user(current_round, tynset):
    """A planning officer in Tynset and the municipality's project leader this round."""
    membership = MunicipalityMembershipFactory(
        user__email="ingrid@tynset.kommune.no", municipality=tynset
    )
    ProjectLeaderFactory(round=current_round, municipality=tynset, user=membership.user)
    return membership.user


@pytest.fixture
def colleague_user(tynset):
    """A Tynset member who is not the project leader."""
    return MunicipalityMembershipFactory(
        user__email="per@tynset.kommune.no", municipality=tynset, department="business_development"
    ).user


@pytest.fixture
def other_municipality_user(current_round, utsira):
    membership = MunicipalityMembershipFactory(
        user__email="kari@utsira.kommune.no", municipality=utsira
    )
    ProjectLeaderFactory(round=current_round, municipality=utsira, user=membership.user)
    return membership.user


@pytest.fixture
def county_user(db):
    return CountyMembershipFactory(user__email="marit@innlandetfylke.no", county=county("34")).user


@pytest.fixture
def other_county_user(db):
    return CountyMembershipFactory(user__email="ola@rogfk.no", county=county("11")).user


@pytest.fixture
def juror(current_round):
    """A juror of the current round who has submitted no review: the permission matrix's
    not-yet-submitted juror (no panel figures anywhere)."""
    return JurySeatFactory(round=current_round, user__email="juror@ks.no", user__mfa=True).user


@pytest.fixture
def juror_without_mfa(current_round):
    return JurySeatFactory(round=current_round, user__email="juror2@siva.no", user__mfa=False).user


@pytest.fixture
def business_user(db):
    return OrganisationMembershipFactory(
        user__email="jonas@nordlys.no", organisation__kind=Organisation.Kind.BUSINESS
    ).user


@pytest.fixture
def partner_user(db):
    return OrganisationMembershipFactory(
        user__email="lise@innovasjonnorge.no",
        organisation=OrganisationFactory(name="Innovasjon Norge", kind=Organisation.Kind.PARTNER),
    ).user


@pytest.fixture
def citizen(db):
    return UserFactory(email="eva@example.no")


@pytest.fixture
def partners_may_follow(current_round):
    current_round.phases.update(partners_can_follow=True)
    return current_round


@pytest.fixture
def pending_invitation(municipality_user, tynset):
    return InvitationFactory(
        email="invitee@tynset.kommune.no", municipality=tynset, invited_by=municipality_user
    )


@pytest.fixture
def erasure_request(db):
    """A citizen who asked for their account to be deleted."""
    return ErasureRequest.objects.create(user=UserFactory(email="slett@example.no"))


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def client_as(client, request):
    """``client_as("staff")`` returns a test client signed in as that persona."""

    def sign_in(persona: str) -> Client:
        user = request.getfixturevalue(persona)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def open_workshop(current_round):
    """A phase-1 workshop open to all municipalities, ten days ahead, with one file material."""
    workshop = WorkshopFactory(round=current_round, title_nb="Workshop 1: Stedsutvikling")
    WorkshopMaterialFactory(workshop=workshop)
    return workshop


@pytest.fixture
def restricted_workshop(current_round, tynset):
    """An obligation workshop for the selected municipalities; Tynset is selected."""
    SelectedApplicationFactory(round=current_round, municipality=tynset)
    workshop = WorkshopFactory(
        round=current_round,
        title_nb="Samling for utvalgte kommuner",
        audience="selected",
        counts_for_obligation=True,
    )
    WorkshopMaterialFactory(workshop=workshop)
    return workshop


@pytest.fixture
def tynset_registration(open_workshop, tynset):
    return WorkshopRegistrationFactory(
        workshop=open_workshop, municipality=tynset, email="ingrid@tynset.kommune.no"
    )


@pytest.fixture
def calendar_token(municipality_user):
    return CalendarTokenFactory(user=municipality_user)


# Challenges (applications app): a Tynset draft and submission, an Utsira draft, a selected one.


@pytest.fixture
def challenge_deadline(current_round):
    return DeadlineFactory(round=current_round, at=timezone.now() + timedelta(days=10))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def tynset_draft(current_round, challenge_deadline, tynset):
    return ApplicationFactory(
        round=current_round, municipality=tynset, title="Mobilitetshub i Tynset sentrum"
    )


@pytest.fixture
def tynset_submitted(current_round, challenge_deadline, tynset, municipality_user):
    return submitted_application(
        round=current_round, municipality=tynset, title="Sentrumsutvikling med tomme lokaler"
    )


@pytest.fixture
def utsira_draft(current_round, challenge_deadline, utsira):
    return ApplicationFactory(
        round=current_round, municipality=utsira, title="Helårs reiseliv på Utsira"
    )


@pytest.fixture
def selected_application(current_round):
    return submitted_application(
        round=current_round,
        municipality=municipality("1515"),
        title="Digital tvilling av sentrum",
        status="selected",
    )


@pytest.fixture
def tynset_attachment(tynset_draft, media_root):
    return add_attachment(
        tynset_draft,
        SimpleUploadedFile("vedtak.png", PNG_BYTES),
        kind="anchoring",
        by=None,
    )


# Jury (issue 5): the scoring window is open now, one challenge each from Tynset and Utsira.
@pytest.fixture
def scoring_window(current_round):
    now = timezone.now()
    DeadlineFactory(round=current_round, key="challenge_submission", at=now - timedelta(days=2))
    DeadlineFactory(
        round=current_round,
        key="jury_meeting",
        name_nb="Jurymøte",
        name_en="Jury meeting",
        at=now + timedelta(days=10),
    )
    return current_round


@pytest.fixture
def tynset_challenge(scoring_window, tynset):
    return HandedInChallengeFactory(round=scoring_window, municipality=tynset)


@pytest.fixture
def utsira_challenge(scoring_window, utsira):
    return HandedInChallengeFactory(round=scoring_window, municipality=utsira)


@pytest.fixture
def conflicted_juror(current_round, tynset):
    """A juror who lives in Tynset: recused from Tynset's challenge."""
    seat = JurySeatFactory(
        round=current_round, user__email="juror3@distriktssenteret.no", user__mfa=True
    )
    ConflictFactory(seat=seat, municipality=tynset, kind="home")
    seat.conflicts_declared_at = timezone.now()
    seat.save(update_fields=["conflicts_declared_at"])
    return seat.user


@pytest.fixture
def juror_declared(juror):
    """The ``juror`` persona has confirmed their ties (none)."""
    juror.jury_seats.update(conflicts_declared_at=timezone.now())
    return juror


@pytest.fixture
def jurors_see_results(current_round):
    JurySettings.objects.update_or_create(
        round=current_round, defaults={"jurors_see_results": True}
    )
    return current_round


@pytest.fixture
def tynset_attachment_for_jury(tynset_challenge, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Attachment.objects.create(
        application=tynset_challenge,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="vedtak.pdf"),
        original_name="vedtak.pdf",
        content_type="application/pdf",
        size=15,
    )


# Background work (issue 6): a real Celery worker for ``real_worker`` tests, the
# file-based SQLite test database it needs, and notification and brief fixtures.


# Many rounds (issue 9): last year's round, finished, with a seat for the ``juror`` persona.
@pytest.fixture
def last_round_challenge(last_round, utsira):
    return HandedInChallengeFactory(
        round=last_round, municipality=utsira, title="Fjorårets utfordring fra Utsira"
    )


@pytest.fixture
def last_round_seat(last_round, juror):
    """The ``juror`` persona also sat on last year's jury, for another organisation."""
    return JurySeatFactory(round=last_round, user=juror, conflicts_declared_at=timezone.now())


@pytest.fixture
def last_round_juror(last_round):
    """A juror who sat only on last year's jury."""
    return JurySeatFactory(
        round=last_round,
        user__email="fjoraret@ks.no",
        user__mfa=True,
        conflicts_declared_at=timezone.now(),
    ).user
