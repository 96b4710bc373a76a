from datetime import time, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from notifications.models import OutboxMessage, Reminder, ReminderRule
from notifications.services import send_due_reminders
from tests.factories import (
    DeadlineFactory,
    JurySeatFactory,
    MunicipalityMembershipFactory,
    earlier_rounds,
    oslo,
)


@pytest.fixture
def submission_deadline(current_round):
    # Summer time starts 29 March 2026 at 02:00 in Norway.
    return DeadlineFactory(round=current_round, at=oslo(2026, 3, 30, 12, 0))


@pytest.fixture
def members_rule(submission_deadline):
    return ReminderRule.objects.create(
        deadline=submission_deadline, audience="municipality_members"
    )


def remind_at(moment, *, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_due_reminders(at=moment)


@pytest.mark.django_db
def test_reminder_times_stay_at_nine_oslo_time_across_the_daylight_saving_change(members_rule):
    schedule = members_rule.schedule()

    assert [(days, at.isoformat()) for days, at in schedule] == [
        (14, "2026-03-16T09:00:00+01:00"),
        (3, "2026-03-27T09:00:00+01:00"),
        (1, "2026-03-29T09:00:00+02:00"),
    ]


@pytest.mark.django_db
def test_reminder_is_not_sent_one_second_before_nine_and_is_sent_at_nine(
    members_rule, municipality_user, django_capture_on_commit_callbacks
):
    members_rule.offsets = "1"
    members_rule.save()

    before = remind_at(oslo(2026, 3, 29, 8, 59, 59), capture=django_capture_on_commit_callbacks)
    at_nine = remind_at(oslo(2026, 3, 29, 9, 0), capture=django_capture_on_commit_callbacks)

    assert (before, at_nine) == (0, 1)
    reminder = Reminder.objects.get()
    assert (reminder.user, reminder.days_before) == (municipality_user, 1)
    assert [m.to for m in mail.outbox] == [["ingrid@tynset.kommune.no"]]


@pytest.mark.django_db
def test_reminder_runs_again_without_sending_twice(
    members_rule, municipality_user, colleague_user, django_capture_on_commit_callbacks
):
    moment = oslo(2026, 3, 27, 9, 5)

    first = remind_at(moment, capture=django_capture_on_commit_callbacks)
    second = remind_at(moment + timedelta(minutes=5), capture=django_capture_on_commit_callbacks)

    assert (first, second) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ingrid@tynset.kommune.no",
        "per@tynset.kommune.no",
    ]


@pytest.mark.django_db
def test_missed_reminders_catch_up_with_the_latest_offset_only_before_the_deadline(
    members_rule, municipality_user, django_capture_on_commit_callbacks
):
    # Workers down from 15 March until 28 March: the 14-day and 3-day reminders were missed.
    sent = remind_at(oslo(2026, 3, 28, 15, 0), capture=django_capture_on_commit_callbacks)

    assert sent == 1
    assert list(Reminder.objects.values_list("days_before", flat=True)) == [3]


@pytest.mark.django_db
def test_no_reminder_is_sent_after_the_deadline(
    members_rule, municipality_user, django_capture_on_commit_callbacks
):
    sent = remind_at(oslo(2026, 3, 30, 12, 0), capture=django_capture_on_commit_callbacks)

    assert sent == 0
    assert Reminder.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_paused_rule_sends_nothing(
    members_rule, municipality_user, django_capture_on_commit_callbacks
):
    members_rule.set_paused(True)

    sent = remind_at(oslo(2026, 3, 29, 10, 0), capture=django_capture_on_commit_callbacks)

    assert sent == 0


@pytest.mark.django_db
def test_reminder_is_written_in_the_recipients_language_with_the_staff_text(
    members_rule, municipality_user, colleague_user, django_capture_on_commit_callbacks
):
    colleague_user.language = "en"
    colleague_user.save()
    members_rule.subject_nb = "Siste sjanse for utfordringer"
    members_rule.subject_en = "Last call for challenges"
    members_rule.message_en = "Remember the budget table."
    members_rule.message_nb = "Husk budsjettabellen."
    members_rule.save()

    remind_at(oslo(2026, 3, 29, 9, 0), capture=django_capture_on_commit_callbacks)

    by_recipient = {m.to[0]: m for m in mail.outbox}
    english = by_recipient["per@tynset.kommune.no"]
    norwegian = by_recipient["ingrid@tynset.kommune.no"]
    assert english.subject == "[Gnist] Last call for challenges"
    assert "Remember the budget table." in english.body
    assert norwegian.subject == "[Gnist] Siste sjanse for utfordringer"
    assert "Husk budsjettabellen." in norwegian.body


@pytest.mark.django_db
def test_juror_audience_is_the_jury_of_the_deadlines_round_only(
    current_round, juror, django_capture_on_commit_callbacks
):
    other_round_seat = JurySeatFactory(user__email="juror@annen-runde.no")
    deadline = DeadlineFactory(round=current_round, key="jury_meeting", at=oslo(2026, 3, 30, 12, 0))
    ReminderRule.objects.create(deadline=deadline, audience="jurors", offsets="1")

    remind_at(oslo(2026, 3, 29, 9, 0), capture=django_capture_on_commit_callbacks)

    assert list(Reminder.objects.values_list("user__email", flat=True)) == ["juror@ks.no"]
    assert other_round_seat.user.reminders.count() == 0


@pytest.mark.django_db
def test_inactive_members_get_no_reminder(members_rule, django_capture_on_commit_callbacks):
    MunicipalityMembershipFactory(user__email="sluttet@tynset.kommune.no", user__is_active=False)

    sent = remind_at(oslo(2026, 3, 29, 9, 0), capture=django_capture_on_commit_callbacks)

    assert sent == 0


@pytest.mark.django_db
def test_staff_edit_reminder_text_and_time(client_as, members_rule, submission_deadline):
    client = client_as("staff")

    response = client.post(
        reverse("notifications:staff_reminder", args=[members_rule.pk]),
        {
            "deadline": submission_deadline.pk,
            "audience": "project_leaders",
            "offsets": "7, 2",
            "send_time": "10:30",
            "subject_nb": "Snart frist",
            "subject_en": "",
            "message_nb": "Husk vedlegg.",
            "message_en": "",
        },
    )

    members_rule.refresh_from_db()
    assert response.status_code == 302
    assert (members_rule.audience, members_rule.offsets, members_rule.send_time) == (
        "project_leaders",
        "7, 2",
        time(10, 30),
    )
    assert (members_rule.subject_nb, members_rule.message_nb) == ("Snart frist", "Husk vedlegg.")


@pytest.mark.django_db
def test_staff_cannot_save_offsets_that_are_not_days(client_as, members_rule, submission_deadline):
    response = client_as("staff").post(
        reverse("notifications:staff_reminder", args=[members_rule.pk]),
        {
            "deadline": submission_deadline.pk,
            "audience": "municipality_members",
            "offsets": "tre",
            "send_time": "09:00",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "offsets": ["Skriv hele dager skilt med komma, for eksempel 14, 3, 1."]
    }


@pytest.mark.django_db
def test_staff_pause_and_resume_a_reminder(client_as, members_rule):
    client = client_as("staff")
    url = reverse("notifications:staff_reminder_pause", args=[members_rule.pk])

    client.post(url)
    members_rule.refresh_from_db()
    paused = members_rule.paused
    client.post(url)
    members_rule.refresh_from_db()

    assert (paused, members_rule.paused) == (True, False)


@pytest.mark.django_db
def test_staff_reminder_page_lists_upcoming_recipients_and_sent_reminders(
    client_as, members_rule, municipality_user, colleague_user, django_capture_on_commit_callbacks
):
    with time_machine.travel(oslo(2026, 3, 27, 10, 0), tick=False):
        remind_at(oslo(2026, 3, 27, 10, 0), capture=django_capture_on_commit_callbacks)
        colleague_user.reminders.all().delete()
        response = client_as("staff").get(
            reverse("notifications:staff_reminder", args=[members_rule.pk])
        )

    assert response.status_code == 200
    assert response.context["upcoming"]["days_before"] == 1
    assert [u.email for u in response.context["upcoming_recipients"]] == [
        "ingrid@tynset.kommune.no",
        "per@tynset.kommune.no",
    ]
    assert [r.user.email for r in response.context["sent"]] == ["ingrid@tynset.kommune.no"]


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_outbox_page_query_count_does_not_grow_with_messages(
    client_as, django_assert_num_queries, item_count
):
    client = client_as("staff")
    for number in range(item_count):
        OutboxMessage.objects.create(
            kind="x",
            to=[f"p{number}@example.no"],
            from_email="g@doga.no",
            subject="S",
            body_text=".",
        )

    with django_assert_num_queries(7):
        response = client.get(reverse("notifications:staff_outbox"))

    assert len(response.context["page"].object_list) == item_count


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_reminder_list_query_count_does_not_grow_with_rules(
    client_as, current_round, django_assert_num_queries, item_count
):
    """Pinned at one and three rounds, each with ``item_count`` rules."""
    client = client_as("staff")
    for round in [current_round, *earlier_rounds(item_count)]:
        for number in range(item_count):
            deadline = DeadlineFactory(round=round, key="other", at=oslo(2026, 4, 1 + number))
            ReminderRule.objects.create(deadline=deadline, audience="jurors")

    with django_assert_num_queries(8):
        response = client.get(reverse("notifications:staff_reminders"))

    assert len(response.context["rules"]) == item_count
