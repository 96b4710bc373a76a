"""Personal data: the download, deletion requests staff carry out, the privacy page, purging."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import ErasureRequest, User
from accounts.services import (
    carry_out_erasure,
    export_personal_data,
    purge_expired_personal_data,
    request_erasure,
)
from accounts.tasks import purge_expired_personal_data_task
from applications.models import ApplicationVersion, CountySupport
from jury.models import Criterion
from notifications.models import OutboxMessage
from tests.factories import (
    PASSWORD,
    ReviewFactory,
    ScoreFactory,
    WorkshopRegistrationFactory,
)
from workshops.models import Registration


def outbox(to, subject="Hei", *, status="sent", age_days=0):
    created = timezone.now() - timedelta(days=age_days)
    return OutboxMessage.objects.create(
        kind="test",
        to=to,
        subject=subject,
        body_text="Tekst",
        from_email="gnist@doga.no",
        status=status,
        created_at=created,
        sent_at=created if status == "sent" else None,
    )


@pytest.fixture
def tynset_version_by_ingrid(tynset_submitted, municipality_user):
    version = tynset_submitted.versions.get()
    version.submitted_by = municipality_user
    version.save(update_fields=["submitted_by"])
    return version


@pytest.mark.django_db
def test_export_holds_profile_memberships_registrations_texts_and_messages(
    municipality_user, tynset_version_by_ingrid, open_workshop, other_municipality_user
):
    WorkshopRegistrationFactory(
        workshop=open_workshop, email="ingrid@tynset.kommune.no", full_name="Ingrid Tynset"
    )
    outbox(["ingrid@tynset.kommune.no"], "Kvittering")
    outbox(["kari@utsira.kommune.no"], "Ikke til Ingrid")

    data = export_personal_data(municipality_user)

    assert data["profile"]["email"] == "ingrid@tynset.kommune.no"
    assert [m["municipality"] for m in data["memberships"]["municipalities"]] == [
        "Tynset (Innlandet)"
    ]
    assert [p["municipality"] for p in data["project_leader"]] == ["Tynset (Innlandet)"]
    assert [r["name"] for r in data["workshop_registrations"]] == ["Ingrid Tynset"]
    assert [v["challenge"] for v in data["challenges"]["challenge_versions"]] == [
        "Sentrumsutvikling med tomme lokaler"
    ]
    assert [m["subject"] for m in data["messages_sent_to_you"]] == ["Kvittering"]


@pytest.mark.django_db
def test_export_holds_a_jurors_comments_and_a_county_members_support_statement(
    juror, county_user, tynset_challenge
):
    review = ReviewFactory(
        seat=juror.jury_seats.get(), application=tynset_challenge, comment="Sterk"
    )
    ScoreFactory(review=review, criterion=Criterion.objects.first(), comment="God forankring")
    CountySupport.objects.create(
        application=tynset_challenge, confirmed_by=county_user, statement="Vi støtter"
    )

    juror_data = export_personal_data(juror)
    county_data = export_personal_data(county_user)

    assert [r["comment"] for r in juror_data["jury"]["jury_reviews"]] == ["Sterk"]
    assert [s["comment"] for s in juror_data["jury"]["jury_reviews"][0]["scores"]] == [
        "God forankring"
    ]
    assert [s["statement"] for s in county_data["challenges"]["county_support_statements"]] == [
        "Vi støtter"
    ]


@pytest.mark.django_db
def test_my_data_download_is_a_json_file_kept_out_of_caches(client_as, municipality_user):
    response = client_as("municipality_user").get(reverse("accounts:data_export"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="gnist-personal-data.json"'
    assert response["Cache-Control"] == "private, no-store"
    assert json.loads(response.content)["profile"]["email"] == "ingrid@tynset.kommune.no"


@pytest.mark.django_db
def test_asking_for_deletion_makes_one_pending_request(client_as, citizen):
    client = client_as("citizen")

    first = client.post(reverse("accounts:my_data"), {"reason": "Flytter", "confirm": "on"})
    client.post(reverse("accounts:my_data"), {"reason": "Igjen", "confirm": "on"})

    assert first.status_code == 302
    assert list(ErasureRequest.objects.values_list("user__email", "reason", "status")) == [
        ("eva@example.no", "Flytter", "pending")
    ]


@pytest.mark.django_db
def test_asking_for_deletion_without_confirming_shows_the_error_at_the_field(client_as):
    response = client_as("citizen").post(reverse("accounts:my_data"), {"reason": "Flytter"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["confirm"]
    assert ErasureRequest.objects.count() == 0


@pytest.mark.django_db
def test_staff_see_deletion_requests(client_as, erasure_request):
    response = client_as("staff").get(reverse("accounts:staff_erasure_requests"))

    assert list(response.context["page"]) == [erasure_request]


@pytest.mark.django_db
def test_carrying_out_a_deletion_keeps_the_programmes_record_without_the_person(
    client_as, municipality_user, tynset_version_by_ingrid, open_workshop, staff
):
    WorkshopRegistrationFactory(workshop=open_workshop, email="ingrid@tynset.kommune.no")
    outbox(["ingrid@tynset.kommune.no"], "Bare til Ingrid")
    shared = outbox(["ingrid@tynset.kommune.no", "per@tynset.kommune.no"], "Til begge")
    erasure = request_erasure(municipality_user)

    response = client_as("staff").post(
        reverse("accounts:staff_erasure_carry_out", args=[erasure.pk])
    )

    user = User.objects.get(pk=municipality_user.pk)
    version = ApplicationVersion.objects.get(pk=tynset_version_by_ingrid.pk)
    registration = Registration.objects.get(workshop=open_workshop)
    shared.refresh_from_db()
    assert response.status_code == 302
    assert (str(user), user.full_name, user.is_active) == ("Slettet bruker", "", False)
    assert str(version.submitted_by) == "Slettet bruker"
    assert (registration.full_name, registration.email) == ("", user.email)
    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["Til begge"]
    assert shared.to == ["per@tynset.kommune.no"]
    assert user.municipality_memberships.count() == 0
    assert user.led_municipalities.count() == 0
    assert ErasureRequest.objects.get(pk=erasure.pk).status == "done"


@pytest.mark.django_db
def test_jury_scores_stay_with_the_seat_after_the_juror_is_deleted(juror, tynset_challenge, staff):
    seat = juror.jury_seats.get()
    ScoreFactory(
        review=ReviewFactory(seat=seat, application=tynset_challenge),
        criterion=Criterion.objects.first(),
        value=4,
    )

    carry_out_erasure(request_erasure(juror), by=staff)

    seat.refresh_from_db()
    assert list(seat.reviews.values_list("scores__value", flat=True)) == [4]
    assert str(seat.user) == "Slettet bruker"


@pytest.mark.django_db
def test_a_deleted_person_cannot_sign_in_and_their_address_is_free_again(client, citizen, staff):
    carry_out_erasure(request_erasure(citizen), by=staff)

    response = client.post(
        reverse("account_login"), {"login": "eva@example.no", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert User.objects.filter(email__iexact="eva@example.no").exists() is False


@pytest.mark.django_db
def test_a_deleted_persons_session_stops_working(client_as, citizen, staff):
    client = client_as("citizen")

    carry_out_erasure(request_erasure(citizen), by=staff)

    assert client.get(reverse("accounts:dashboard")).status_code == 302


@pytest.mark.django_db
def test_a_request_is_carried_out_once(erasure_request, staff):
    carry_out_erasure(erasure_request, by=staff)

    with pytest.raises(ValidationError):
        carry_out_erasure(erasure_request, by=staff)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "title"),
    [("", "Personvernerklæring"), ("/en", "Privacy statement")],
)
def test_privacy_statement_is_in_both_languages_and_linked_in_the_footer(client, prefix, title):
    response = client.get(f"{prefix}/privacy/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert html.count(f'href="{prefix}/privacy/"') == 1


@pytest.mark.django_db
def test_purge_deletes_old_delivered_e_mails_and_expired_sessions_only():
    old_sent = outbox(["a@example.no"], "Gammel", age_days=settings.OUTBOX_RETENTION_DAYS + 1)
    outbox(["a@example.no"], "Ny", age_days=1)
    outbox(["a@example.no"], "Venter", status="queued", age_days=400)
    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    live = SessionStore()
    live.create()

    purged = purge_expired_personal_data()

    assert purged == {"outbox_messages": 1, "sessions": 1}
    assert OutboxMessage.objects.filter(pk=old_sent.pk).exists() is False
    assert sorted(OutboxMessage.objects.values_list("subject", flat=True)) == ["Ny", "Venter"]
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.django_db
def test_purge_runs_daily_from_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["purge-expired-personal-data"]

    result = purge_expired_personal_data_task.delay().get()

    assert (entry["task"], entry["schedule"]) == ("accounts.purge_expired_personal_data", 86400.0)
    assert result == {"outbox_messages": 0, "sessions": 0}
