from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications.audiences import AUDIENCES
from notifications.models import WorkshopReminder
from tests.factories import (
    ApplicationFactory,
    DeadlineFactory,
    ReviewFactory,
    SelectedApplicationFactory,
    WorkshopFactory,
    WorkshopRegistrationFactory,
    county,
    municipality,
)
from workshops.services import send_workshop_reminders

pytestmark = pytest.mark.django_db


def emails(audience, deadline):
    return sorted(AUDIENCES[audience].users(deadline).values_list("email", flat=True))


@pytest.fixture
def deadline(current_round):
    return DeadlineFactory(round=current_round, key="other", at=timezone.now() + timedelta(days=5))


def test_draft_applicants_are_the_members_of_municipalities_with_a_draft(
    deadline, municipality_user, colleague_user, other_municipality_user, tynset, utsira
):
    ApplicationFactory(round=deadline.round, municipality=tynset)
    ApplicationFactory(
        round=deadline.round, municipality=utsira, status="submitted", submitted_at=timezone.now()
    )

    assert emails("draft_applicants", deadline) == [
        "ingrid@tynset.kommune.no",
        "per@tynset.kommune.no",
    ]


def test_draft_applicants_leave_out_drafts_of_another_round(deadline, municipality_user, tynset):
    ApplicationFactory(municipality=tynset)

    assert emails("draft_applicants", deadline) == []


def test_county_members_hear_about_their_own_municipalities_drafts_only(
    deadline, county_user, other_county_user, tynset
):
    ApplicationFactory(round=deadline.round, municipality=tynset)

    assert emails("county_members_with_drafts", deadline) == ["marit@innlandetfylke.no"]


def test_jurors_with_unscored_leave_out_finished_and_conflicted_jurors(
    deadline, juror, conflicted_juror, tynset_challenge, utsira_challenge
):
    seat = juror.jury_seats.get()
    ReviewFactory(seat=seat, application=tynset_challenge)
    ReviewFactory(seat=conflicted_juror.jury_seats.get(), application=utsira_challenge)
    before_last_review = emails("jurors_with_unscored", deadline)

    ReviewFactory(seat=seat, application=utsira_challenge)

    assert before_last_review == ["juror@ks.no"]
    assert emails("jurors_with_unscored", deadline) == []


def test_selected_municipality_missing_a_department_at_a_workshop_is_reminded(
    deadline, municipality_user, other_municipality_user, tynset, utsira
):
    SelectedApplicationFactory(round=deadline.round, municipality=tynset)
    SelectedApplicationFactory(round=deadline.round, municipality=utsira)
    workshop = WorkshopFactory(
        round=deadline.round,
        counts_for_obligation=True,
        audience="selected",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    for department in ("planning", "business_development"):
        WorkshopRegistrationFactory(
            workshop=workshop, municipality=utsira, department=department, attended=True
        )
    WorkshopRegistrationFactory(
        workshop=workshop, municipality=tynset, department="planning", attended=True
    )

    assert emails("selected_with_open_commitments", deadline) == ["ingrid@tynset.kommune.no"]


def test_workshop_reminder_goes_out_24_hours_before_with_the_meeting_link_once(
    current_round, django_capture_on_commit_callbacks
):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    workshop = WorkshopFactory(
        round=current_round, starts_at=starts, meeting_url="https://meet.example.no/gnist-1"
    )
    WorkshopRegistrationFactory(workshop=workshop, email="kari@tynset.kommune.no")
    WorkshopRegistrationFactory(
        workshop=workshop, email="venter@tynset.kommune.no", status="waiting"
    )

    with django_capture_on_commit_callbacks(execute=True):
        too_early = send_workshop_reminders(at=starts - timedelta(hours=24, seconds=1))
        on_time = send_workshop_reminders(at=starts - timedelta(hours=24))
        again = send_workshop_reminders(at=starts - timedelta(hours=2))
        after_start = send_workshop_reminders(at=starts)

    assert (too_early, on_time, again, after_start) == (0, 1, 0, 0)
    assert [m.to for m in mail.outbox] == [["kari@tynset.kommune.no"]]
    assert "https://meet.example.no/gnist-1" in mail.outbox[0].body
    assert WorkshopReminder.objects.count() == 1


def test_workshop_reminder_missed_before_the_start_is_caught_up_but_not_after(
    current_round, django_capture_on_commit_callbacks
):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    early = WorkshopFactory(round=current_round, starts_at=starts)
    started = WorkshopFactory(round=current_round, starts_at=starts - timedelta(hours=3))
    WorkshopRegistrationFactory(workshop=early, email="sen@tynset.kommune.no")
    WorkshopRegistrationFactory(workshop=started, email="for-sent@tynset.kommune.no")

    with (
        time_machine.travel(starts - timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sent = send_workshop_reminders(at=timezone.now())

    assert sent == 1
    assert [m.to for m in mail.outbox] == [["sen@tynset.kommune.no"]]


def test_every_registered_audience_has_a_label():
    assert sorted(AUDIENCES) == [
        "county_members",
        "county_members_with_drafts",
        "draft_applicants",
        "jurors",
        "jurors_with_unscored",
        "municipality_members",
        "project_leaders",
        "selected_with_open_commitments",
    ]
    assert county("34").name == "Innlandet"
    assert municipality("3427").name == "Tynset"
